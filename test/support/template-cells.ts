import type { CellData } from "../../src/plan/read-sheet";
import type { CellValue } from "../../src/plan/sheet-types";
import { rangeCorners } from "../../src/plan/sheet-layout";

/** A described sheet's cells as a reader gets them back: text as strings, numbers as numbers, "" for empty. */
export function cellValues(cells: readonly CellValue[][]): CellData[][] {
  return cells.map((line) =>
    line.map((cell) =>
      cell.kind === "text" ? cell.text : cell.kind === "number" ? cell.value : cell.kind === "formula" ? 0 : "",
    ),
  );
}

/** Types `value` into the cell at an A1 address, growing the grid as a sheet grows. */
export function typeInto(values: CellData[][], at: string, value: CellData): void {
  const { top, left } = rangeCorners(at);
  while (values.length < top) values.push([]);
  const line = values[top - 1];
  while (line.length < left) line.push("");
  line[left - 1] = value;
}

/** Inserts an empty row before sheet row `row` (1-based), as Excel's Insert > Sheet Rows does. */
export function insertRow(values: CellData[][], row: number): void {
  values.splice(row - 1, 0, []);
}
