import { readSummaryFigures } from "../../src/plan/read-summary";
import type { CellData } from "../../src/plan/read-sheet";
import { SUMMARY } from "../../src/plan/sheet-layout";

/** A sheet's first rows with the summary row holding `figures` (open, overdue, due soon, done, next due). */
function sheet(figures: CellData[]): CellData[][] {
  const rows: CellData[][] = Array.from({ length: SUMMARY.open.row }, () => Array<CellData>(10).fill(""));
  rows[SUMMARY.open.row - 1].splice(0, figures.length, ...figures);
  return rows;
}

describe("reading a plan's summary figures", () => {
  it("reads the counts and the next due date the sheet's formulas computed", () => {
    expect(readSummaryFigures(sheet([30, 2, 3, 4, 46447]))).toEqual({
      open: 30,
      overdue: 2,
      dueSoon: 3,
      done: 4,
      nextDue: 46447,
    });
  });

  it("reads no dates as null: the formulas show nothing while the Bind or Renewal cell holds none", () => {
    expect(readSummaryFigures(sheet([30, "", "", 0, ""]))).toEqual({
      open: 30,
      overdue: null,
      dueSoon: null,
      done: 0,
      nextDue: null,
    });
  });

  it.each<[string, CellData[]]>([
    ["a sheet written before the summary", ["", "", "", "", ""]],
    ["a count overwritten with text", ["thirty", 2, 3, 4, 46447]],
    ["a broken formula", [30, "#REF!", 3, 4, 46447]],
    ["a next due date that is no number", [30, 2, 3, 4, "#VALUE!"]],
  ])("trusts nothing on %s", (_, figures) => {
    expect(readSummaryFigures(sheet(figures))).toBeNull();
  });
});
