import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { calendarDate } from "../../src/plan/dates";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { readPlanSheet } from "../../src/plan/read-sheet";
import { COLUMN } from "../../src/plan/sheet-layout";
import { TEMPLATE_COLUMN, TEMPLATE_LAYOUT } from "../../src/plan/template-sheet";
import { worksheetCells } from "../../src/xlsx/read-workbook";
import { readTemplatesWorkbook } from "../../src/xlsx/templates";
import { cli } from "../support/cli";

const dir = mkdtempSync(join(tmpdir(), "csp-template-"));
const C = TEMPLATE_COLUMN;

async function exported(name: string): Promise<string> {
  const file = join(dir, name);
  const result = await cli(["template", "--export", file]);
  expect(result.code).toBe(0);
  return file;
}

/** Opens `file`, lets `edit` change its first sheet as a person would in Excel, and saves it. */
async function editFile(file: string, edit: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  edit(workbook.worksheets[0], workbook);
  await workbook.xlsx.writeFile(file);
}

/** The row of the template sheet whose Id is `id`. */
function rowOf(sheet: ExcelJS.Worksheet, id: string): number {
  for (let row = TEMPLATE_LAYOUT.firstDataRow; row <= sheet.rowCount; row++) {
    if (sheet.getCell(row, C.id).value === id) return row;
  }
  throw new Error(`no row ${id}`);
}

describe("service-plan template --export and --check", () => {
  it("exports the built-in template, which reads back from the file exactly as built in", async () => {
    const file = join(dir, "standard.xlsx");
    const result = await cli(["template", "--export", file]);
    expect(result).toEqual({
      code: 0,
      stdout:
        `Wrote ${file}: template "Client Service Plan" version 1: 8 phases, 32 tasks, 8 roles, and an "Agency holidays" sheet.\n` +
        `Edit it in Excel, then check it: service-plan template --check ${file}\n`,
      stderr: "",
    });
    const book = await readTemplatesWorkbook(readFileSync(file));
    expect(book.templates).toHaveLength(1);
    expect(book.templates[0].read).toStrictEqual({ ok: true, template: DEFAULT_TEMPLATE });
    expect(book.holidays).toEqual([]);

    const check = await cli(["template", "--check", file]);
    expect(check).toEqual({
      code: 0,
      stdout:
        'OK: template "Client Service Plan" version 1: 8 phases, 32 tasks, 8 roles (sheet "Client Service Plan template").\n' +
        'OK: 0 agency holidays (sheet "Agency holidays").\n',
      stderr: "",
    });
  });

  it("refuses to overwrite an export without --force", async () => {
    const file = await exported("again.xlsx");
    const before = readFileSync(file);
    const again = await cli(["template", "--export", file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: choose another --export file, or add --force/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await cli(["template", "--export", file, "--force"])).code).toBe(0);
  });

  it("lists every problem row by row on stderr and exits 2", async () => {
    const file = await exported("broken.xlsx");
    await editFile(file, (sheet) => {
      sheet.getCell(rowOf(sheet, "midterm"), C.due).value = 100; // due before it opens (120)
      sheet.getCell(rowOf(sheet, "bind-60.loss-runs"), C.text).value = "";
      sheet.getCell(TEMPLATE_LAYOUT.headerRow, C.firstRole + 6).value = ""; // Loss Control's heading cleared
    });
    const result = await cli(["template", "--check", file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      `service-plan: ${file}: 3 problems to fix:`,
      'Sheet "Client Service Plan template", row 22, Owners (N22): This x is under no role: type the role\'s name in N10, or clear the mark.',
      'Sheet "Client Service Plan template", row 29, Text (C29): The task has no text: type what is to be done.',
      expect.stringMatching(
        /^Sheet "Client Service Plan template", row 46, Due \(G46\): Due 100 days after binding is before the phase opens/,
      ),
    ]);
  });

  it.each([
    [["template"], /Give one of --json, --export FILE.xlsx or --check FILE.xlsx\./],
    [["template", "--json", "--check", "x.xlsx"], /Give one of --json/],
    [["template", "--check", "x.xlsx", "--force"], /--force goes with --export\./],
    [["template", "--export", "template.txt"], /--export template.txt: the file name must end in \.xlsx\./],
    [
      ["template", "--check", "/nonexistent/t.xlsx"],
      /Cannot read the templates workbook \/nonexistent\/t.xlsx: it does not exist\./,
    ],
  ])("exits 2 for %j", async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("refuses a file that is not a workbook, and a workbook without a template", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "not a workbook");
    const notBook = await cli(["template", "--check", text]);
    expect(notBook.code).toBe(2);
    expect(notBook.stderr).toMatch(/Cannot read the templates workbook .*notes\.xlsx: it is not an \.xlsx workbook/);
    const plan = join(dir, "plan.xlsx");
    expect((await cli(["new", "--client", "Acme", "--bind", "2027-01-15", "--out", plan])).code).toBe(0);
    const noTemplate = await cli(["template", "--check", plan]);
    expect(noTemplate.code).toBe(2);
    expect(noTemplate.stderr).toMatch(
      /plan\.xlsx has no template sheet: export one with service-plan template --export/,
    );
  });
});

describe("service-plan new --template", () => {
  it("makes the plan from an edited template: its roles, tasks, timing, name, version and the agency's holidays", async () => {
    const file = await exported("agency.xlsx");
    await editFile(file, (sheet, book) => {
      sheet.getCell(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column).value = "Workers' comp";
      sheet.getCell(TEMPLATE_LAYOUT.version.row, TEMPLATE_LAYOUT.version.column).value = 3;
      sheet.getCell(TEMPLATE_LAYOUT.headerRow, C.firstRole + 2).value = "Account Manager";
      sheet.getCell(rowOf(sheet, "bind-60"), C.due).value = 75;
      const added = sheet.rowCount + 1;
      sheet.getCell(added, C.id).value = "renewal-30.thank-you";
      sheet.getCell(added, C.text).value = "Thank the client";
      sheet.getCell(added, C.firstRole + 2).value = "x";
      const holidays = book.getWorksheet("Agency holidays")!;
      holidays.getCell("A5").value = new Date(Date.UTC(2027, 2, 31)); // the new 60 Days due date
      holidays.getCell("B5").value = "Spring closing";
      holidays.getCell("A6").value = new Date(Date.UTC(2029, 0, 1));
    });
    expect((await cli(["template", "--check", file])).stdout).toMatch(
      /^OK: template "Workers' comp" version 3: 8 phases, 33 tasks, 8 roles/,
    );

    // The schedule follows it too: 60 Days due 75 days after binding, 2027-03-31, the agency's holiday, so the 30th.
    const schedule = await cli(["schedule", "--bind", "2027-01-15", "--template", file, "--json"]);
    expect(schedule.stderr).toBe("");
    const tasks: { id: string; due: string; owners: string[] }[] = JSON.parse(schedule.stdout).tasks;
    expect(tasks.find((t) => t.id === "bind-60.loss-runs")).toMatchObject({
      due: "2027-03-30",
      owners: ["AE", "Account Manager"],
    });
    expect(JSON.parse(schedule.stdout).holidays).toEqual(["2027-03-31"]);

    const out = join(dir, "wc-plan.xlsx");
    const team = join(dir, "team.json");
    writeFileSync(team, JSON.stringify({ "Account Manager": "Lee Park", AE: "Dana Whitfield" }));
    const result = await cli([
      "new",
      "--client",
      "Birch Dental Group",
      "--bind",
      "2027-01-15",
      "--team",
      team,
      "--template",
      `${file}:workers' comp`,
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/33 tasks/);
    expect(result.stdout).toMatch(
      /Template "Workers' comp" version 3 \(sheet "Client Service Plan template"\); 1 holiday from the agency's list\./,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const values = worksheetCells(workbook.worksheets[0], COLUMN.id).values;
    const plan = readPlanSheet(values, calendarDate(2027, 3, 1));
    expect(plan).toMatchObject({ templateName: "Workers' comp", templateVersion: 3, holidays: ["2027-03-31"] });
    expect(plan.roles[2]).toBe("Account Manager");
    expect(plan.team).toEqual({ "Account Manager": "Lee Park", AE: "Dana Whitfield" });
    const added = plan.rows.find((row) => row.id === "renewal-30.thank-you");
    expect(added).toMatchObject({ task: "Thank the client", owners: "Account Manager" });
    const draft = plan.rows.find((row) => row.id === "bind-30.draft-plan");
    expect(draft?.owners).toBe("AE / Account Manager");

    // The dates: the same plan from the command line's schedule, 60 Days due 75 days after binding, a day
    // earlier for the agency's holiday.
    const formulas = worksheetCells(workbook.worksheets[0], COLUMN.id).formulas;
    const lossRuns = plan.rows.find((row) => row.id === "bind-60.loss-runs")!.row;
    expect(formulas[lossRuns - 1][COLUMN.due - 1]).toMatch(/\$B\$4\+76/);
  });

  it("refuses a template with problems, listing them, and writes nothing", async () => {
    const file = await exported("bad-template.xlsx");
    await editFile(file, (sheet) => {
      sheet.getCell(rowOf(sheet, "renewal-160"), C.opens).value = -400;
    });
    const out = join(dir, "never.xlsx");
    const result = await cli(["new", "--client", "Acme", "--bind", "2027-01-15", "--template", file, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /has 1 problem to fix before it can make a plan:\nSheet "Client Service Plan template", row 51, Opens \(F51\): Opens 400 days before renewal is longer than a one-year term/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a plan while the agency's holidays have a row that is no date", async () => {
    const file = await exported("bad-holidays.xlsx");
    await editFile(file, (_, book) => {
      book.getWorksheet("Agency holidays")!.getCell("A5").value = "Christmas";
    });
    const out = join(dir, "never-holidays.xlsx");
    const result = await cli(["new", "--client", "Acme", "--bind", "2027-01-15", "--template", file, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /the agency's holidays have problems to fix first:\nSheet "Agency holidays", row 5, Holiday \(A5\): "Christmas" is not a date/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      (file: string) => `${file}:Small commercial`,
      /There is no template "Small commercial" in the workbook: use one of "Client Service Plan"\./,
    ],
    [() => "templates.txt", /--template templates.txt: name an \.xlsx file, with :NAME after it/],
    [() => join(dir, "missing.xlsx"), /Cannot read the templates workbook .*missing\.xlsx: it does not exist\./],
  ])("exits 2 for a template it cannot use (%#)", async (argument, message) => {
    const file = await exported(`pick-${Math.random().toString(36).slice(2)}.xlsx`);
    const out = join(dir, `never-${Math.random().toString(36).slice(2)}.xlsx`);
    const result = await cli([
      "new",
      "--client",
      "Acme",
      "--bind",
      "2027-01-15",
      "--template",
      argument(file),
      "--out",
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a team role the template does not have", async () => {
    const file = await exported("roles.xlsx");
    await editFile(file, (sheet) => {
      sheet.getCell(TEMPLATE_LAYOUT.headerRow, C.firstRole + 2).value = "Account Manager";
    });
    const team = join(dir, "old-team.json");
    writeFileSync(team, JSON.stringify({ "Associate AE": "Lee Park" }));
    const out = join(dir, "never-roles.xlsx");
    const result = await cli([
      "new",
      "--client",
      "Acme",
      "--bind",
      "2027-01-15",
      "--team",
      team,
      "--template",
      file,
      "--out",
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Service team role "Associate AE" is unknown: use one of Producer, AE, Account Manager,/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
