import { type CellValue as HfCellValue, DetailedCellError, HyperFormula } from "hyperformula";
import {
  type BookOverviewDescription,
  describeBookOverview,
  isBookOverview,
  OVERVIEW_COLUMN,
  OVERVIEW_COLUMNS,
  OVERVIEW_LAYOUT,
  OVERVIEW_MARKER,
  overviewSheetName,
  planOverviewRows,
  readOverviewRows,
  referencedSheet,
  sheetPrefix,
} from "../../src/plan/book-overview";
import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import { COLUMN, LAYOUT, SUMMARY } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { EXCEL_DATES, rawContent } from "../support/hyperformula-sheet";

/** TODAY() in every formula here: HyperFormula reads the local calendar day of Date.now(). */
const TODAY = calendarDate(2027, 3, 2);
beforeAll(() => jest.spyOn(Date, "now").mockReturnValue(new Date(2027, 2, 2, 12).getTime()));
afterAll(() => jest.restoreAllMocks());

function plan(client: string, bindDaysAgo: number, planId: string, name?: string): SheetDescription {
  const checked = checkPlanRequest({
    client,
    bind: toIsoDate(plusDays(TODAY, -bindDaysAgo)),
    team: { AE: `${client.split(" ")[0]} AE`, Producer: "Morgan Reyes" },
  });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId, existingSheetNames: [] });
  return name ? { ...description, name } : description;
}

const acme = plan("Acme Manufacturing, Inc.", 75, "plan-acme");
// A straight apostrophe in a sheet name (a sheet renamed in Excel): quoted references must double it.
const obrien = plan("O'Brien & Sons", 20, "plan-obrien", "O'Brien & Sons");
const cobalt = plan("Cobalt Logistics", 170, "plan-cobalt");
const PLANS = [acme, obrien, cobalt];
const refs = (plans: SheetDescription[]) => plans.map((p) => ({ sheetName: p.name, planId: p.planId }));

/** A workbook in a formula engine: the plan sheets and the overview, by name. */
function workbook(plans: SheetDescription[], overview: BookOverviewDescription, arrays = false) {
  const sheets = Object.fromEntries(
    [...plans, overview].map((sheet) => [sheet.name, sheet.cells.map((row) => row.map(rawContent))]),
  );
  const hf = HyperFormula.buildFromSheets(sheets, { ...EXCEL_DATES, useArrayArithmetic: arrays });
  const id = (name: string) => hf.getSheetId(name)!;
  const value = (sheet: string, row: number, column: number) =>
    hf.getCellValue({ sheet: id(sheet), row: row - 1, col: column - 1 });
  const overviewRow = (index: number) => {
    const row = OVERVIEW_LAYOUT.firstDataRow + index;
    return Object.fromEntries(
      OVERVIEW_COLUMNS.map((column) => [column.key, value(overview.name, row, OVERVIEW_COLUMN[column.key])]),
    ) as Record<(typeof OVERVIEW_COLUMNS)[number]["key"], HfCellValue>;
  };
  const set = (sheet: string, row: number, column: number, content: string | number | null) =>
    hf.setCellContents({ sheet: id(sheet), row: row - 1, col: column - 1 }, content);
  return { hf, id, value, overviewRow, set };
}

/** What the overview row of `planSheet` should show: that plan's own header and summary cells. */
function fromPlan(wb: ReturnType<typeof workbook>, planSheet: string) {
  const at = (cell: { row: number; column: number }) => wb.value(planSheet, cell.row, cell.column);
  const renewal = at(LAYOUT.renewal) as number;
  return {
    client: at(LAYOUT.client),
    bind: at(LAYOUT.bind),
    renewal,
    daysToRenewal: renewal - toExcelSerial(TODAY),
    phase: at(SUMMARY.phase),
    open: at(SUMMARY.open),
    overdue: at(SUMMARY.overdue),
    dueSoon: at(SUMMARY.dueSoon),
    percentDone: (() => {
      const [done, open] = [at(SUMMARY.done) as number, at(SUMMARY.open) as number];
      return done + open === 0 ? "" : done / (done + open);
    })(),
    nextDue: at(SUMMARY.nextDue),
    nextTask: at(SUMMARY.nextTask),
    ae: wb.value(planSheet, 4, COLUMN.assignedTo),
    producer: wb.value(planSheet, 3, COLUMN.assignedTo),
  };
}

const errorsIn = (hf: HyperFormula, sheet: number) =>
  hf
    .getSheetValues(sheet)
    .flat()
    .filter((cell) => cell instanceof DetailedCellError);

describe("the Book overview sheet", () => {
  const overview = describeBookOverview(refs(PLANS));

  it("has a row per plan whose every figure is a formula over that plan's sheet, names quoted", () => {
    const cell = (row: number, key: keyof typeof OVERVIEW_COLUMN) => overview.cells[row - 1][OVERVIEW_COLUMN[key] - 1];
    const obrienRow = OVERVIEW_LAYOUT.firstDataRow + 1;
    expect(cell(obrienRow, "client")).toEqual({ kind: "formula", formula: "='O''Brien & Sons'!$B$3&\"\"" });
    expect(cell(obrienRow, "overdue")).toEqual({
      kind: "formula",
      formula: "=IF(ISNUMBER('O''Brien & Sons'!$B$11),'O''Brien & Sons'!$B$11,\"\")",
    });
    expect(cell(obrienRow, "planId")).toEqual({ kind: "text", text: "plan-obrien" });
    for (const key of Object.keys(OVERVIEW_COLUMN) as (keyof typeof OVERVIEW_COLUMN)[]) {
      if (key !== "planId") expect(cell(obrienRow, key).kind).toBe("formula");
    }
    expect(sheetPrefix("It's Bob's")).toBe("'It''s Bob''s'!");
    expect(referencedSheet("='It''s Bob''s'!$B$3&\"\"")).toBe("It's Bob's");
    expect(referencedSheet('=#REF!&""')).toBeNull();
    expect(referencedSheet('=#REF!$B$3&""')).toBeNull();
    // Excel gives a simple name back without quotes.
    expect(referencedSheet('=Acme!$B$3&""')).toBe("Acme");
    expect(referencedSheet('=IF(ISNUMBER(Beta_2!$B$11),Beta_2!$B$11,"")')).toBe("Beta_2");
    expect(overview.cells[OVERVIEW_LAYOUT.marker.row - 1][OVERVIEW_LAYOUT.marker.column - 1]).toEqual({
      kind: "text",
      text: OVERVIEW_MARKER,
    });
    expect(isBookOverview(OVERVIEW_MARKER)).toBe(true);
    expect(overview.columns.map((c) => c.hidden)).toEqual(OVERVIEW_COLUMNS.map((c) => c.key === "planId"));
  });

  it("prints one page wide in landscape, its header row on every page, the date in the footer", () => {
    expect(overview.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: "A1:M7",
      titleRows: "$4:$4",
      footer: { left: "Printed &D", right: "Page &P of &N" },
    });
    expect(overview.freezeRows).toBe(OVERVIEW_LAYOUT.headerRow);
    // The filter range runs through the hidden key column, so a sort moves each plan's key with its row.
    expect(overview.autoFilter).toBe("A4:N7");
  });

  it("colors overdue red and due soon amber as the plan sheets do, a fully done plan green", () => {
    const byRange = (range: string) => overview.conditionalFormats.filter((f) => f.range === range);
    expect(byRange("G5:G7")).toEqual([expect.objectContaining({ fill: "FFC7CE", fontColor: "9C0006", bold: true })]);
    expect(byRange("H5:H7")).toEqual([expect.objectContaining({ fill: "FFEB9C", fontColor: "9C5700" })]);
    expect(byRange("J5:J7").map((f) => f.fill)).toEqual(["FFC7CE", "FFEB9C"]);
    expect(byRange("I5:I7")).toEqual([expect.objectContaining({ fill: "C6EFCE" })]);
  });

  it("shows each plan's header and summary, live, with the book's totals on the as-of line", () => {
    const wb = workbook(PLANS, overview);
    PLANS.forEach((p, index) => {
      const row = wb.overviewRow(index);
      expect(row).toEqual({ ...fromPlan(wb, p.name), planId: p.planId });
    });
    expect(wb.overviewRow(0)).toMatchObject({
      client: "Acme Manufacturing, Inc.",
      ae: "Acme AE",
      producer: "Morgan Reyes",
    });
    expect(wb.overviewRow(0).overdue).toBeGreaterThan(0);
    const overdue = [0, 1, 2].reduce((n, i) => n + (wb.overviewRow(i).overdue as number), 0);
    const dueSoon = [0, 1, 2].reduce((n, i) => n + (wb.overviewRow(i).dueSoon as number), 0);
    expect(wb.value(overview.name, 2, 1)).toBe(
      `As of Mar 2, 2027   \u00b7   3 plans   \u00b7   ${overdue} overdue   \u00b7   ${dueSoon} due in the next 14 days`,
    );
    // Without array arithmetic (the fake Excel) the next task's text is blank; with it (as Excel), the task.
    expect(wb.overviewRow(0).nextTask).toBe("");
    expect(workbook(PLANS, overview, true).overviewRow(0).nextTask).toBe("Identify Service Team");
  });

  it("follows a plan edited without the add-in: statuses, then a new Bind date", () => {
    const wb = workbook(PLANS, overview, true);
    const before = wb.overviewRow(0);
    const rowOf = (id: string) => acme.rows.find((r) => r.id === id)!.row;
    for (const id of ["bind-30.service-team", "bind-30.strategy-session", "bind-30.deliverables"]) {
      wb.set(acme.name, rowOf(id), COLUMN.status, "done");
    }
    const afterStatuses = wb.overviewRow(0);
    expect(afterStatuses).toMatchObject({
      open: (before.open as number) - 3,
      overdue: (before.overdue as number) - 3,
      percentDone: 3 / 32,
      nextTask: "Draft service plan",
    });
    wb.set(acme.name, LAYOUT.bind.row, LAYOUT.bind.column, toExcelSerial(plusDays(TODAY, -5)));
    const afterBind = wb.overviewRow(0);
    expect(afterBind).toEqual({ ...fromPlan(wb, acme.name), planId: acme.planId });
    expect(afterBind).toMatchObject({ overdue: 0, phase: "30 Days", bind: toExcelSerial(plusDays(TODAY, -5)) });
    expect(afterBind.renewal).toBe(toExcelSerial(calendarDate(2028, 2, 25)));
    expect(afterBind.daysToRenewal).toBe(360);
  });

  it("keeps a renamed plan's row, and drops a deleted plan's row when written again: no #REF! left", () => {
    const wb = workbook(PLANS, overview);
    const overviewId = wb.id(overview.name);
    const cells = () => ({
      values: wb.hf.getSheetValues(overviewId) as unknown as (string | number | null)[][],
      formulas: wb.hf.getSheetFormulas(overviewId) as unknown[][],
    });

    // Renamed in Excel: the formulas follow the new name, and the row keeps its plan.
    wb.hf.renameSheet(wb.id(acme.name), "Acme Holdings");
    expect(readOverviewRows(cells())[0]).toEqual({ row: 5, planId: "plan-acme", sheetName: "Acme Holdings" });
    expect(wb.overviewRow(0).client).toBe("Acme Manufacturing, Inc.");

    // Deleted: its row shows #REF! until the overview is written again.
    wb.hf.removeSheet(wb.id(obrien.name));
    expect(errorsIn(wb.hf, overviewId).length).toBeGreaterThan(0);
    const now = [
      { sheetName: "Acme Holdings", planId: "plan-acme" },
      { sheetName: cobalt.name, planId: "plan-cobalt" },
    ];
    const planned = planOverviewRows(readOverviewRows(cells()), now);
    expect(planned).toMatchObject({
      rows: now,
      added: [],
      // Excel rewrites the formulas to #REF!; HyperFormula keeps the name. The key column tells either way.
      removed: [expect.objectContaining({ row: 6, planId: "plan-obrien" })],
      renamed: [],
    });
    const rewritten = describeBookOverview(planned.rows, { name: overview.name });
    wb.hf.setSheetContent(
      overviewId,
      rewritten.cells.map((row) => row.map(rawContent)),
    );
    expect(errorsIn(wb.hf, overviewId)).toEqual([]);
    expect(wb.overviewRow(1)).toEqual({ ...fromPlan(wb, cobalt.name), planId: "plan-cobalt" });
  });
});

describe("planning the overview's rows", () => {
  const row = (n: number, planId: string, sheetName: string | null) => ({ row: n, planId, sheetName });

  it("keeps rows in place, adds new plans at the end, removes plans no longer there", () => {
    const planned = planOverviewRows(
      [row(5, "b", "Birch"), row(6, "gone", "Gone"), row(7, "a", "Acme")],
      [
        { sheetName: "Acme", planId: "a" },
        { sheetName: "Birch", planId: "b" },
        { sheetName: "Cedar", planId: "c" },
      ],
    );
    expect(planned.rows.map((r) => r.sheetName)).toEqual(["Birch", "Acme", "Cedar"]);
    expect(planned.added).toEqual([{ sheetName: "Cedar", planId: "c" }]);
    expect(planned.removed).toEqual([row(6, "gone", "Gone")]);
  });

  it("follows a plan renamed while the add-in was away, by its id", () => {
    const planned = planOverviewRows([row(5, "a", "Acme")], [{ sheetName: "Acme Holdings", planId: "a" }]);
    expect(planned).toMatchObject({
      rows: [{ sheetName: "Acme Holdings", planId: "a" }],
      added: [],
      removed: [],
      renamed: [{ from: "Acme", to: "Acme Holdings" }],
    });
  });

  it("gives a copied plan sheet (the same id, a name of its own) a row of its own", () => {
    const planned = planOverviewRows(
      [row(5, "a", "Acme")],
      [
        { sheetName: "Acme (2)", planId: "a" },
        { sheetName: "Acme", planId: "a" },
      ],
    );
    expect(planned.rows).toEqual([
      { sheetName: "Acme", planId: "a" },
      { sheetName: "Acme (2)", planId: "a" },
    ]);
    expect(planned.renamed).toEqual([]);
  });

  it("names the overview so it clashes with no sheet, and describes an empty book", () => {
    expect(overviewSheetName(["Acme"])).toBe("Book overview");
    expect(overviewSheetName(["BOOK OVERVIEW", "Book overview (2)"])).toBe("Book overview (3)");
    const empty = describeBookOverview([]);
    expect(empty.cells).toHaveLength(OVERVIEW_LAYOUT.headerRow);
    expect(empty.conditionalFormats).toEqual([]);
    expect(empty.autoFilter).toBe("A4:N4");
  });
});
