import { withComputedValues } from "../../src/plan/computed-cells";
import { calendarDate, plusDays, plusMonths, toIsoDate, type CalendarDate } from "../../src/plan/dates";
import type { CellData } from "../../src/plan/read-sheet";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import type { SheetCells } from "../../src/plan/sheet-cells";
import { COLUMN, LAYOUT } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";
import { random } from "../support/random";

/** The sheet as a file written by the project holds it: every formula without a cached result. */
function asWritten(description: SheetDescription): SheetCells {
  const values: CellData[][] = description.cells.map((row) =>
    row.map((cell) =>
      cell.kind === "formula" ? undefined : cell.kind === "text" ? cell.text : cell.kind === "number" ? cell.value : "",
    ),
  );
  const formulas = description.cells.map((row, r) =>
    row.map((cell, c) => (cell.kind === "formula" ? cell.formula : values[r][c])),
  );
  return { values, formulas };
}

function describe_(bind: CalendarDate, renewal: CalendarDate | undefined, holidays: CalendarDate[], team = {}) {
  const checked = checkPlanRequest({
    client: "Computed Co",
    bind: toIsoDate(bind),
    renewal: renewal && toIsoDate(renewal),
    holidays: holidays.map(toIsoDate),
    team,
  });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  return describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });
}

/** The cells worked out here: the renewal, and Opens, Due and Assigned to on every table row. */
function computedCells(description: SheetDescription, values: CellData[][]) {
  const picked: Record<string, CellData> = {};
  picked.renewal = values[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1];
  for (let row = LAYOUT.firstDataRow; row <= description.cells.length; row++) {
    for (const column of [COLUMN.opens, COLUMN.due, COLUMN.assignedTo]) {
      if (description.cells[row - 1][column - 1].kind === "formula") {
        picked[`${row}:${column}`] = values[row - 1][column - 1];
      }
    }
  }
  return picked;
}

describe("values of the add-in's formulas, worked out where a file has no cached results", () => {
  it("match a formula engine's on 100 random plans: term, short terms, holidays on the deadlines", () => {
    const next = random(7);
    for (let round = 0; round < 100; round++) {
      const bind = plusDays(calendarDate(2020, 1, 1), Math.floor(next() * 3000));
      const roll = next();
      const renewal =
        roll < 0.4 ? undefined : roll < 0.6 ? plusDays(bind, 40 + Math.floor(next() * 200)) : plusMonths(bind, 12);
      const end = renewal ?? plusMonths(bind, 12);
      const holidays = Array.from({ length: Math.floor(next() * 6) }, () =>
        plusDays(next() < 0.5 ? bind : end, next() < 0.5 ? Math.floor(next() * 200) : -Math.floor(next() * 170)),
      );
      const team = next() < 0.5 ? { AE: "Dana Whitfield", Producer: "Morgan Reyes" } : { "Associate AE": "Priya" };
      const description = describe_(bind, renewal, holidays, team);
      const { hf, sheet } = hyperFormulaSheet(description);
      const engine = hf.getSheetValues(sheet) as CellData[][];
      const ours = withComputedValues(asWritten(description));
      expect([round, computedCells(description, ours)]).toEqual([round, computedCells(description, engine)]);
    }
  });

  it("keeps a cached result as it is, and leaves other formulas without one undefined", () => {
    const description = describe_(calendarDate(2027, 1, 15), undefined, []);
    const cells = asWritten(description);
    const dueRow = description.rows.find((r) => r.kind === "task")!.row;
    cells.values[dueRow - 1][COLUMN.due - 1] = 46500; // a result the file carries, e.g. after Excel saved it
    const ours = withComputedValues(cells);
    expect(ours[dueRow - 1][COLUMN.due - 1]).toBe(46500);
    expect(ours[LAYOUT.term.row - 1][LAYOUT.term.column - 1]).toBeUndefined();
  });

  it("leaves the dates blank, as the formulas do, while the Bind date is missing", () => {
    const description = describe_(calendarDate(2027, 1, 15), undefined, []);
    const cells = asWritten(description);
    cells.values[LAYOUT.bind.row - 1][LAYOUT.bind.column - 1] = "";
    const ours = withComputedValues(cells);
    const dueRow = description.rows.find((r) => r.kind === "task")!.row;
    expect(ours[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1]).toBe("");
    expect(ours[dueRow - 1][COLUMN.due - 1]).toBe("");
  });
});
