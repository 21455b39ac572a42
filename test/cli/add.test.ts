/**
 * `service-plan new --add`: a plan added to an existing workbook, which keeps its other sheets, and the Book
 * overview written again. Runs the built command line (lib/, built by `pretest`).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { isBookOverview, OVERVIEW_COLUMN, OVERVIEW_LAYOUT, readOverviewRows } from "../../src/plan/book-overview";
import { COLUMN, LAYOUT, SUMMARY } from "../../src/plan/sheet-layout";
import { worksheetCells } from "../../src/xlsx/read-workbook";
import { childNamed, childrenNamed, readXlsx } from "../support/xlsx-xml";
import { cli } from "../support/cli";

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const newPlan = (out: string, client: string, bind: string, ...more: string[]) =>
  cli(["new", "--client", client, "--bind", bind, "--out", out, ...more]);
const addPlan = (out: string, client: string, bind: string, ...more: string[]) =>
  newPlan(out, client, bind, "--add", ...more);

function overviewOf(workbook: ExcelJS.Workbook) {
  const sheet = workbook.worksheets.find((s) =>
    isBookOverview(worksheetCells(s).values[OVERVIEW_LAYOUT.marker.row - 1]?.[OVERVIEW_LAYOUT.marker.column - 1]),
  );
  if (!sheet) throw new Error("no Book overview");
  return { sheet, rows: readOverviewRows(worksheetCells(sheet, OVERVIEW_COLUMN.planId)) };
}

/** Every cell's value and formula, with the sheet's settings a plan relies on, for comparing before/after. */
function planSnapshot(sheet: ExcelJS.Worksheet) {
  const model = sheet.model as unknown as { conditionalFormattings: unknown[] };
  return {
    cells: worksheetCells(sheet, COLUMN.id),
    conditionalFormats: model.conditionalFormattings.length,
    validations: Object.keys((sheet as unknown as { dataValidations: { model: object } }).dataValidations.model).length,
    printArea: sheet.pageSetup.printArea,
    titles: sheet.pageSetup.printTitlesRow,
    autoFilter: sheet.autoFilter,
    hiddenId: sheet.getColumn(COLUMN.id).hidden,
    outline: sheet.getRow(15).outlineLevel,
  };
}

/** A plan sheet as an earlier version wrote it: nothing in the summary's cells. */
function clearSummary(sheet: ExcelJS.Worksheet): void {
  for (const figure of ["open", "overdue", "dueSoon", "done", "nextDue", "nextTask"] as const) {
    sheet.getCell(SUMMARY[figure].row, SUMMARY[figure].column).value = null;
  }
  for (let row = SUMMARY.phase.row; row <= SUMMARY.nextDueText.row; row++) {
    sheet.getCell(row, 1).value = null;
    sheet.getCell(row, 2).value = null;
  }
}

describe("service-plan new writes the Book overview with the plan", () => {
  it("writes the plan first and the overview after it, one row for the plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-book-"));
    const out = join(dir, "book.xlsx");
    const result = await newPlan(out, "Acme Manufacturing, Inc.", "2027-01-15");
    expect(result.stdout).toBe(
      `Wrote ${out}: sheet "Acme Manufacturing, Inc.", 32 tasks, bind 2027-01-15, renewal 2028-01-15.\nBook overview: 1 plan.\n`,
    );
    const workbook = await open(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Acme Manufacturing, Inc.", "Book overview"]);
    const { rows } = overviewOf(workbook);
    const planId = worksheetCells(workbook.worksheets[0]).values[LAYOUT.marker.planId.row - 1][COLUMN.id - 1];
    expect(rows).toEqual([{ row: OVERVIEW_LAYOUT.firstDataRow, planId, sheetName: "Acme Manufacturing, Inc." }]);
  });
});

describe("service-plan new --add", () => {
  it("adds a plan to a workbook, keeping its plans and other sheets as they were, and opens on the new plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-"));
    const out = join(dir, "book.xlsx");
    expect((await newPlan(out, "Acme Manufacturing, Inc.", "2027-01-15")).code).toBe(0);
    // A producer's own sheet, and a status typed on the plan, as a workbook in use has them.
    const inUse = await open(out);
    const notes = inUse.addWorksheet("Notes");
    notes.getCell("A1").value = "Call list";
    notes.getCell("B2").value = { formula: "'Acme Manufacturing, Inc.'!B3" } as ExcelJS.CellFormulaValue;
    inUse.worksheets[0].getCell(`G${LAYOUT.firstDataRow + 1}`).value = "Done";
    await inUse.xlsx.writeFile(out);
    const before = planSnapshot((await open(out)).worksheets[0]);

    // A second plan for the same client (another line of business) is asked for with --again.
    const result = await addPlan(out, "Acme Manufacturing, Inc.", "2027-03-01", "--renewal", "2028-02-15", "--again");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Added to ${out}: sheet "Acme Manufacturing, Inc. (2)", 32 tasks, bind 2027-03-01, renewal 2028-02-15.\n` +
        `Note: ${out} already had a plan for "Acme Manufacturing, Inc." ("Acme Manufacturing, Inc."); this one is another.\n` +
        `Book overview "Book overview": 2 plans.\n`,
    );
    const workbook = await open(out);
    // The overview is written again, last.
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Acme Manufacturing, Inc.",
      "Notes",
      "Acme Manufacturing, Inc. (2)",
      "Book overview",
    ]);
    expect(planSnapshot(workbook.worksheets[0])).toEqual(before);
    expect(worksheetCells(workbook.getWorksheet("Notes")!).formulas.slice(0, 2)).toEqual([
      ["Call list", ""],
      ["", "='Acme Manufacturing, Inc.'!B3"],
    ]);
    const { rows } = overviewOf(workbook);
    expect(rows.map((r) => r.sheetName)).toEqual(["Acme Manufacturing, Inc.", "Acme Manufacturing, Inc. (2)"]);
    expect(new Set(rows.map((r) => r.planId)).size).toBe(2);
    // The workbook opens on the new plan, and only its tab is selected (two would group the sheets).
    expect(workbook.views[0].activeTab).toBe(2);
    const parts = await readXlsx(readFileSync(out));
    const selected = async (name: string) => {
      const views = childNamed(await parts.sheet(name), "sheetViews");
      return (views ? childrenNamed(views, "sheetView") : []).some((view) => view.attributes.tabSelected === "1");
    };
    const names = await parts.sheetNames();
    expect(await Promise.all(names.map(selected))).toEqual([false, false, true, false]);
  });

  it("gives a plan made before the live summary one, and drops the row of a plan deleted since", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-"));
    const out = join(dir, "book.xlsx");
    await newPlan(out, "Acme Manufacturing, Inc.", "2027-01-15");
    await addPlan(out, "Birch Dental Group", "2027-02-01");
    const older = await open(out);
    const acme = older.getWorksheet("Acme Manufacturing, Inc.")!;
    clearSummary(acme);
    older.removeWorksheet(older.getWorksheet("Birch Dental Group")!.id);
    await older.xlsx.writeFile(out);

    const result = await addPlan(out, "Cobalt Logistics", "2027-03-01");
    expect(result.stdout).toMatch(
      /Book overview "Book overview": 2 plans; 1 row removed for plans no longer in the workbook; live summary added to "Acme Manufacturing, Inc\." for the overview to read\.\n$/,
    );
    const workbook = await open(out);
    const cells = worksheetCells(workbook.getWorksheet("Acme Manufacturing, Inc.")!, COLUMN.id);
    expect(cells.formulas[SUMMARY.open.row - 1][SUMMARY.open.column - 1]).toMatch(/^=COUNTIFS\(/);
    expect(cells.values[SUMMARY.phase.row - 1][0]).toBe("Current phase");
    const { rows } = overviewOf(workbook);
    expect(rows.map((r) => r.sheetName)).toEqual(["Acme Manufacturing, Inc.", "Cobalt Logistics"]);
    const overviewFormulas = worksheetCells(overviewOf(workbook).sheet).formulas.flat().join(" ");
    expect(overviewFormulas).not.toMatch(/Birch|#REF!/);
  });

  it("never overwrites a person's entries in the summary's cells", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-"));
    const out = join(dir, "book.xlsx");
    await newPlan(out, "Acme Manufacturing, Inc.", "2027-01-15");
    const workbook = await open(out);
    const acme = workbook.worksheets[0];
    clearSummary(acme);
    acme.getCell("A8").value = "Broker of record letter on file";
    await workbook.xlsx.writeFile(out);
    const result = await addPlan(out, "Birch Dental Group", "2027-02-01");
    expect(result.stdout).not.toMatch(/live summary added/);
    const after = worksheetCells((await open(out)).worksheets[0], COLUMN.id);
    expect(after.values[7][0]).toBe("Broker of record letter on file");
    expect(after.values[SUMMARY.open.row - 1][SUMMARY.open.column - 1]).toBe("");
  });

  it.each([
    [
      "a workbook that does not exist",
      (dir: string) => join(dir, "missing.xlsx"),
      /^service-plan: Cannot read --out .*missing\.xlsx: it does not exist; leave out --add to write a new workbook\.$/,
    ],
    [
      "a text file named .xlsx",
      (dir: string) => {
        writeFileSync(join(dir, "notes.xlsx"), "not a workbook");
        return join(dir, "notes.xlsx");
      },
      /^service-plan: Cannot add a plan to .*notes\.xlsx: it is not an \.xlsx workbook \(or it is password-protected\)\.$/,
    ],
    [
      "a folder",
      (dir: string) => {
        const folder = join(dir, "folder.xlsx");
        mkdirSync(folder);
        return folder;
      },
      /^service-plan: Cannot read --out .*folder\.xlsx: it is a folder\.$/,
    ],
  ])("exits 2 for %s, leaving the file as it was", async (_label, target, message) => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-bad-"));
    const out = target(dir);
    const before = existsSync(out) && !out.endsWith("folder.xlsx") ? readFileSync(out) : null;
    const result = await addPlan(out, "Acme", "2027-01-15");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd()).toMatch(message);
    if (before) expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("refuses a workbook with charts, which writing it again would lose, and leaves it as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-chart-"));
    const out = join(dir, "book.xlsx");
    await newPlan(out, "Acme", "2027-01-15");
    const zip = await JSZip.loadAsync(readFileSync(out));
    zip.file("xl/charts/chart1.xml", "<chartSpace/>");
    writeFileSync(out, await zip.generateAsync({ type: "nodebuffer" }));
    const before = readFileSync(out);
    const result = await addPlan(out, "Birch", "2027-01-15");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Cannot add a plan to .*book\.xlsx: it holds charts, which adding a plan from the command line would lose: add the plan with the add-in in Excel/,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("refuses a second plan for a client the workbook already plans, in any letter case or spacing, without --again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-same-"));
    const out = join(dir, "book.xlsx");
    await newPlan(out, "Acme Manufacturing, Inc.", "2027-01-15");
    await addPlan(out, "Birch Dental Group", "2027-02-01");
    const before = readFileSync(out);
    const result = await addPlan(out, "  ACME manufacturing,   inc. ", "2027-03-01");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `service-plan: ${out} already has a plan for "ACME manufacturing, inc.": sheet "Acme Manufacturing, Inc.". ` +
        "Nothing was written. To add another plan for this client (another term or line of business), add --again.\n",
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("takes --again only with --add", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-"));
    const result = await newPlan(join(dir, "book.xlsx"), "Acme", "2027-01-15", "--again");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--again goes with --add\./);
    expect(existsSync(join(dir, "book.xlsx"))).toBe(false);
  });

  it("takes --add or --force, not both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-add-"));
    const out = join(dir, "book.xlsx");
    await newPlan(out, "Acme", "2027-01-15");
    const copy = join(dir, "copy.xlsx");
    copyFileSync(out, copy);
    const result = await addPlan(out, "Birch", "2027-01-15", "--force");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--add adds a plan to --out, --force replaces it: give one of them\./);
    expect(readFileSync(out).equals(readFileSync(copy))).toBe(true);
  });
});
