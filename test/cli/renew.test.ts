/**
 * `service-plan renew FILE.xlsx --plan NAME`: the next term's plan, previewed, then written with --yes; bad input
 * refused with the cell or option named and the file left as it was. Runs the built command line.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { isBookOverview, OVERVIEW_COLUMN, OVERVIEW_LAYOUT, readOverviewRows } from "../../src/plan/book-overview";
import { fromExcelSerial } from "../../src/plan/excel-dates";
import { toIsoDate } from "../../src/plan/dates";
import { COLUMN, LAYOUT, teamCells } from "../../src/plan/sheet-layout";
import { worksheetCells } from "../../src/xlsx/read-workbook";
import { cli } from "../support/cli";

const ACME = "Acme Manufacturing, Inc.";
const NEXT = "Acme Manufacturing, Inc 2028-29";

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** A workbook of two plans (Acme bound 2027-01-15, Birch 2027-03-01) and its overview. */
async function book(...acmeOptions: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "csp-renew-"));
  const file = join(dir, "book.xlsx");
  expect((await cli(["new", "--client", ACME, "--bind", "2027-01-15", "--out", file, ...acmeOptions])).code).toBe(0);
  expect((await cli(["new", "--client", "Birch", "--bind", "2027-03-01", "--out", file, "--add"])).code).toBe(0);
  return file;
}

const renew = (file: string, ...more: string[]) =>
  cli(["renew", file, "--plan", ACME, "--as-of", "2027-12-20", ...more]);

/** A date cell as ISO text: exceljs gives a number in a date format back as a Date at midnight UTC. */
function isoOf(value: ExcelJS.CellValue): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : toIsoDate(fromExcelSerial(Number(value)));
}

const at = (sheet: ExcelJS.Worksheet, position: { row: number; column: number }) =>
  sheet.getCell(position.row, position.column);

/** Changes a workbook as a person would in a spreadsheet, then saves it. */
async function edit(file: string, change: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = await open(file);
  change(workbook);
  await workbook.xlsx.writeFile(file);
}

function fileState(file: string) {
  return { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
}

async function refused(file: string, args: string[], message: RegExp): Promise<void> {
  const before = fileState(file);
  const result = await cli(args);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
  expect(fileState(file)).toEqual(before);
}

describe("service-plan renew", () => {
  it("previews the next term in words and writes nothing without --yes", async () => {
    const file = await book();
    const before = fileState(file);
    const result = await renew(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`New plan \u201c${NEXT}\u201d for ${ACME}: bind Jan 15, 2028`);
    expect(result.stdout).toContain("renewal Jan 15, 2029 (12 months later");
    expect(result.stdout).toMatch(/Nothing is written yet: run the command again with --yes/);
    expect(fileState(file)).toEqual(before);
  });

  it("with --yes writes the new plan, the old plan's link to it and the Book overview", async () => {
    const file = await book();
    const oldId = worksheetCells((await open(file)).getWorksheet(ACME)!, COLUMN.id).values[1][COLUMN.id - 1];
    const result = await renew(file, "--yes");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${file}: the new plan "${NEXT}"`);
    const workbook = await open(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([ACME, "Birch", NEXT, "Book overview"]);
    const next = workbook.getWorksheet(NEXT)!;
    expect(isoOf(at(next, LAYOUT.bind).value)).toBe("2028-01-15");
    expect(at(next, LAYOUT.renewal).formula).toMatch(/EDATE\(.*12\)/);
    expect(at(next, LAYOUT.follows).value).toBe(oldId);
    const old = workbook.getWorksheet(ACME)!;
    expect(at(old, LAYOUT.renewedTo).formula).toContain(`'${NEXT}'!`);
    expect(at(old, LAYOUT.termLink).formula).toContain(`Renewed: see ${NEXT}`);
    const overview = workbook.getWorksheet("Book overview")!;
    expect(isBookOverview(overview.getCell(OVERVIEW_LAYOUT.marker.row, OVERVIEW_LAYOUT.marker.column).value)).toBe(
      true,
    );
    const rows = readOverviewRows(worksheetCells(overview, OVERVIEW_COLUMN.planId));
    expect(rows.map((row) => row.sheetName)).toEqual([ACME, "Birch", NEXT]);
    // My work no longer lists the renewed plan's open tasks.
    const work = JSON.parse((await cli(["overview", file, "--as-of", "2028-02-20", "--json"])).stdout);
    const clients = work.sections.flatMap((s: { days: { tasks: { sheetName: string }[] }[] }) =>
      s.days.flatMap((d) => d.tasks.map((t) => t.sheetName)),
    );
    expect(clients).not.toContain(ACME);
    expect(clients).toContain(NEXT);
  });

  it("carries notes and own rows only when asked, each marked", async () => {
    const file = await book();
    await edit(file, (workbook) => {
      const sheet = workbook.getWorksheet(ACME)!;
      sheet.getCell(LAYOUT.firstDataRow + 1, COLUMN.notes).value = "Call the CFO, not the broker";
      const last = sheet.rowCount + 1;
      sheet.getCell(last, COLUMN.task).value = "Quarterly loss-run review";
      sheet.getCell(last, COLUMN.status).value = "Done";
    });
    const task = (await open(file)).getWorksheet(ACME)!.getCell(LAYOUT.firstDataRow + 1, COLUMN.task).value;
    expect((await renew(file, "--carry", "notes,own-rows", "--yes")).code).toBe(0);
    const cells = worksheetCells((await open(file)).getWorksheet(NEXT)!, COLUMN.id).values;
    const rowOf = (text: unknown) => cells.find((row) => row[COLUMN.task - 1] === text)!;
    expect(rowOf(task)[COLUMN.notes - 1]).toBe("Carried from 2027-28: Call the CFO, not the broker");
    expect(rowOf("Quarterly loss-run review")[COLUMN.notes - 1]).toBe("Carried from 2027-28");
    expect(rowOf("Quarterly loss-run review")[COLUMN.status - 1]).toBe("Not started");
  });

  it("carries nothing unless asked", async () => {
    const file = await book();
    await edit(file, (workbook) => {
      workbook.getWorksheet(ACME)!.getCell(LAYOUT.firstDataRow + 1, COLUMN.notes).value = "A note";
    });
    expect((await renew(file, "--yes")).code).toBe(0);
    const cells = worksheetCells((await open(file)).getWorksheet(NEXT)!, COLUMN.id).values;
    expect(cells.some((row) => String(row[COLUMN.notes - 1] ?? "").includes("Carried"))).toBe(false);
  });

  it("takes a renewal date typed with --renewal, and a new team from --team", async () => {
    const file = await book();
    const team = join(file, "..", "team.json");
    writeFileSync(team, JSON.stringify({ AE: "Priya Shah", Producer: "Alex Romero" }));
    const result = await renew(file, "--renewal", "2028-07-15", "--team", team, "--yes");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("renewal Jul 15, 2028 (as typed)");
    expect(result.stdout).toContain("Service team: Producer Alex Romero, AE Priya Shah.");
    const next = (await open(file)).getWorksheet("Acme Manufacturing, In Jan 2028")!;
    expect(isoOf(at(next, LAYOUT.renewal).value)).toBe("2028-07-15");
    expect(next.getCell(teamCells("AE").row, teamCells("AE").nameColumn).value).toBe("Priya Shah");
  });

  it("uses the template --template names, and refuses one the templates workbook does not hold", async () => {
    const file = await book();
    const templates = join(file, "..", "templates.xlsx");
    expect((await cli(["template", "--export", templates])).code).toBe(0);
    await refused(
      file,
      ["renew", file, "--plan", ACME, "--template", `${templates}:Commercial lines`, "--yes"],
      /--template .*There is no template "Commercial lines" in the workbook: use one of "Client Service Plan"/,
    );
    const result = await renew(file, "--template", `${templates}:Client Service Plan`, "--yes");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Template \u201cClient Service Plan\u201d version 1");
  });

  it("says before the 30 Days to Renewal phase how many days are left, and how late after the renewal", async () => {
    const file = await book();
    const early = await cli(["renew", file, "--plan", ACME, "--as-of", "2027-06-01"]);
    expect(early.stdout).toMatch(/The renewal is 228 days away.*run the command again with --yes/);
    const late = await cli(["renew", file, "--plan", ACME, "--as-of", "2028-02-01"]);
    expect(late.stdout).toContain("The renewal was 17 days ago.");
  });

  it("run twice, says the next term exists, names its sheet and writes nothing", async () => {
    const file = await book();
    expect((await renew(file, "--yes")).code).toBe(0);
    await refused(
      file,
      ["renew", file, "--plan", ACME, "--yes"],
      new RegExp(`started already, on the sheet \u201c${NEXT}\u201d`),
    );
  });

  it("refuses a plan not in the workbook, listing the plans", async () => {
    const file = await book();
    await refused(
      file,
      ["renew", file, "--plan", "Acme", "--yes"],
      /--plan Acme: .* Its plans: "Acme Manufacturing, Inc\.", "Birch"\./,
    );
  });

  it.each([
    ["empty", null, /B5/],
    ["text", "next January", /B5/],
    ["before Bind", new Date(Date.UTC(2026, 5, 1)), /B5/],
  ])("refuses a plan whose Renewal cell is %s, naming the cell", async (_, value, message) => {
    const file = await book();
    await edit(file, (workbook) => {
      workbook.getWorksheet(ACME)!.getCell(LAYOUT.renewal.row, LAYOUT.renewal.column).value = value;
    });
    await refused(file, ["renew", file, "--plan", ACME, "--yes"], message);
  });

  it("refuses a plan whose header block was removed by hand", async () => {
    const file = await book();
    await edit(file, (workbook) => {
      const sheet = workbook.getWorksheet(ACME)!;
      for (let row = 3; row <= 6; row++) sheet.getCell(row, 1).value = null;
    });
    await refused(file, ["renew", file, "--plan", ACME, "--yes"], /rearranged: "Bind date" should be in cell A4/);
  });

  it("refuses a renewal on or before the new bind date, naming --renewal", async () => {
    const file = await book();
    await refused(file, ["renew", file, "--plan", ACME, "--renewal", "2028-01-15", "--yes"], /--renewal: /);
    await refused(file, ["renew", file, "--plan", ACME, "--renewal", "2028-13-01", "--yes"], /--renewal: /);
  });

  it("refuses a next renewal past Excel's last date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-renew-"));
    const file = join(dir, "late.xlsx");
    expect((await cli(["new", "--client", "Far", "--bind", "9998-06-01", "--out", file])).code).toBe(0);
    await refused(file, ["renew", file, "--plan", "Far", "--yes"], /after 9999-12-31, the last date Excel can show/);
  });

  it("refuses --carry of something it cannot carry", async () => {
    const file = await book();
    await refused(file, ["renew", file, "--plan", ACME, "--carry", "tasks", "--yes"], /--carry tasks: "tasks"/);
  });

  it("refuses a workbook open in LibreOffice (its lock file beside it), writing nothing", async () => {
    const file = await book();
    writeFileSync(join(file, "..", ".~lock.book.xlsx#"), "");
    await refused(file, ["renew", file, "--plan", ACME, "--yes"], /is open in LibreOffice/);
  });
});
