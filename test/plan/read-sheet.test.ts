import type { HyperFormula } from "hyperformula";
import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import { describePlanSheet } from "../../src/plan/sheet";
import { statusConditions } from "../../src/plan/sheet-formulas";
import { COLUMN, HOLIDAY_SLOTS, holidayCell, LAYOUT } from "../../src/plan/sheet-layout";
import { canonicalStatus, taskState } from "../../src/plan/status";
import { DEFAULT_TEMPLATE } from "../../src/plan/template";
import { checkPlanRequest } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";

describe("reading a plan sheet back as people left it", () => {
  const today = calendarDate(2027, 3, 2);
  const checked = checkPlanRequest({ client: "Acme", bind: "2027-01-15", holidays: ["2027-05-31"] });
  if (!checked.ok) throw new Error("bad request");
  const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });

  /** The sheet's values as a spreadsheet computes them, after `edit` changes its cells. */
  function valuesAfter(edit: (hf: HyperFormula, sheet: number) => void = () => undefined): CellData[][] {
    const { hf, sheet } = hyperFormulaSheet(description);
    edit(hf, sheet);
    return hf.getSheetValues(sheet).map((row) => row.map((cell) => (typeof cell === "object" ? "" : cell)));
  }
  const rowOf = (id: string) => description.rows.find((r) => r.id === id)!.row;
  const at = (row: number, column: number, sheet: number) => ({ sheet, row: row - 1, col: column - 1 });

  it("reads status as the sheet's colors do: any letter case, spaces around it ignored", () => {
    const row = rowOf("bind-60.loss-runs");
    const other = rowOf("bind-30.service-team");
    const values = valuesAfter((hf, sheet) => {
      hf.setCellContents(at(row, COLUMN.status, sheet), "done");
      hf.setCellContents(at(other, COLUMN.status, sheet), " in PROGRESS ");
    });
    const plan = readPlanSheet(values, today);
    expect(plan.rows.find((r) => r.row === row)).toMatchObject({ status: "Done", statusText: "Done", state: "done" });
    expect(plan.rows.find((r) => r.row === other)).toMatchObject({ status: "In progress", state: "overdue" });
    expect(canonicalStatus("n/a")).toBe("N/A");
    expect(canonicalStatus("Donee")).toBeNull();
    expect(taskState("DONE", "2027-01-01", today)).toBe("done");
  });

  it("agrees with the sheet's own conditional-format rule on every status spelling", () => {
    const first = LAYOUT.firstDataRow;
    const conditions = statusConditions(first);
    const spellings = [
      "Done",
      "done",
      " DONE ",
      "Done.",
      "N/A",
      "n/a",
      "In progress",
      "in progress",
      "Not started",
      "",
    ];
    const { hf, sheet } = hyperFormulaSheet(description);
    spellings.forEach((spelling, index) => {
      const row = rowOf("bind-60.loss-runs");
      hf.setCellContents(at(row, COLUMN.status, sheet), spelling);
      // The rules are written for the first data row; evaluate them against this row by moving the reference.
      const rule = (formula: string) =>
        hf.calculateFormula(formula.replace(new RegExp(`\\$([A-Z])${first}\\b`, "g"), `$$$1${row}`), sheet);
      const status = canonicalStatus(spelling);
      expect([index, rule(conditions.done)]).toEqual([index, status === "Done"]);
      expect([index, rule(conditions.na)]).toEqual([index, status === "N/A"]);
      expect([index, rule(conditions.inProgress)]).toEqual([index, status === "In progress"]);
    });
  });

  it("treats a pasted copy of a task row as a person's own row, never as the task", () => {
    const source = rowOf("bind-60.loss-runs");
    const below = description.rows.at(-1)!.row + 2;
    const values = valuesAfter((hf, sheet) => {
      // Copy the whole row and paste it below the table, then mark the copy Done.
      const copied = hf.getSheetSerialized(sheet)[source - 1];
      copied.forEach((cell, column) => hf.setCellContents({ sheet, row: below - 1, col: column }, cell ?? null));
      hf.setCellContents(at(below, COLUMN.status, sheet), "Done");
    });
    const plan = readPlanSheet(values, today);
    const withId = plan.rows.filter((r) => r.id === "bind-60.loss-runs");
    expect(withId.map((r) => r.row)).toEqual([source]);
    expect(withId[0].status).toBe("Not started");
    expect(plan.rows.find((r) => r.row === below)).toMatchObject({ id: "", kind: "added", task: "Obtain loss runs" });
  });

  it("says the Bind date is text when a date was typed into a cell formatted as Text", () => {
    const values = valuesAfter((hf, sheet) =>
      hf.setCellContents(at(LAYOUT.bind.row, LAYOUT.bind.column, sheet), "'2027-02-01"),
    );
    expect(values[LAYOUT.bind.row - 1][LAYOUT.bind.column - 1]).toBe("2027-02-01");
    const plan = readPlanSheet(values, today);
    expect(plan.problems).toEqual([
      {
        field: "bind",
        message: expect.stringMatching(/^Bind date "2027-02-01" in B4 is text, not a date.*format B4 as a date/),
      },
    ]);
  });

  it("reads every holiday in the header block, in date order", () => {
    const values = valuesAfter((hf, sheet) => {
      const cell = holidayCell(HOLIDAY_SLOTS - 1);
      hf.setCellContents(at(cell.row, cell.column, sheet), toExcelSerial(calendarDate(2027, 1, 18)));
    });
    expect(readPlanSheet(values, today).holidays).toEqual(["2027-01-18", "2027-05-31"]);
  });
});
