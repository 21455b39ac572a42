/**
 * What an AutoFilter with criteria does to a sheet's rows, as in Excel:
 * - applying criteria hides the body rows (below the filter's header row) whose cells do not match; clearing the
 *   criteria or removing the filter shows them again; `reapply()` evaluates the criteria again.
 * - Rows keep their hidden state when their cells change: a paste (copyFrom) lands in every row of its range,
 *   hidden ones too, and the filter is not evaluated again, so rows that should be filtered out now show and rows
 *   that should show stay hidden (office-js #224, https://github.com/OfficeDev/office-js/issues/224).
 * - A multi-row `values`/`formulas` write over rows the filter hides misplaces the data (office-js #224: "data
 *   seems to be misplaced"): the array's rows go, in order, into the range's visible rows only; the hidden rows
 *   keep what they held and the array's last rows are lost.
 * Criteria modelled: `Values` (the cell's text among `values`) and `Custom` with `criterion1` "=text" or "<>text";
 * others fail loudly.
 */
import { notImplemented } from "./errors";
import type { Rect } from "./address";
import type { SheetModel, WorkbookModel } from "./model";

function cellText(model: WorkbookModel, sheet: SheetModel, row: number, col: number): string {
  const value = model.getValue(sheet, row, col);
  return value === null || value === undefined ? "" : String(value);
}

function matches(criteria: unknown, text: string): boolean {
  const c = criteria as { filterOn?: string; values?: unknown[]; criterion1?: string; criterion2?: string };
  if (c.filterOn === "Values") return (c.values ?? []).some((value) => String(value) === text);
  if (c.filterOn === "Custom" && typeof c.criterion1 === "string" && c.criterion2 === undefined) {
    const [, op, wanted] = /^(=|<>)?(.*)$/s.exec(c.criterion1) ?? [];
    const equal = wanted.toLowerCase() === text.toLowerCase();
    return op === "<>" ? !equal : equal;
  }
  throw notImplemented("AutoFilter", `apply(filterOn ${String(c.filterOn)} as modelled criteria)`);
}

/** The AutoFilter's body rows (its header row excluded). */
function bodyRows(sheet: SheetModel): number[] {
  const rect = sheet.autoFilter?.rect;
  if (!rect) return [];
  return Array.from({ length: rect.endRow - rect.startRow }, (_, i) => rect.startRow + 1 + i);
}

/** Evaluates the filter's criteria: hides the body rows that fail one, shows the others. */
export function applyFilterCriteria(model: WorkbookModel, sheet: SheetModel): void {
  const filter = sheet.autoFilter;
  if (!filter) return;
  const columns = Object.entries(filter.criteria).map(([index, criteria]) => [Number(index), criteria] as const);
  for (const row of bodyRows(sheet)) {
    const shown = columns.every(([index, criteria]) =>
      matches(criteria, cellText(model, sheet, row, filter.rect.startCol + index)),
    );
    if (shown) sheet.hiddenRows.delete(row);
    else sheet.hiddenRows.add(row);
  }
}

/** Shows every body row again (criteria cleared, or the filter removed: call before it is gone). */
export function showFilteredRows(sheet: SheetModel): void {
  for (const row of bodyRows(sheet)) sheet.hiddenRows.delete(row);
}

/**
 * Where a `values`/`formulas` write of `rect` puts the array's rows: null for "in place" (one row, or no row of it
 * hidden by a filter with criteria), else the visible rows of `rect` the array's first rows go to.
 */
export function filteredWriteRows(sheet: SheetModel, rect: Rect): number[] | null {
  const filter = sheet.autoFilter;
  if (!filter || Object.keys(filter.criteria).length === 0 || rect.startRow === rect.endRow) return null;
  const rows = Array.from({ length: rect.endRow - rect.startRow + 1 }, (_, i) => rect.startRow + i);
  const hidden = (row: number) => sheet.hiddenRows.has(row) && row > filter.rect.startRow && row <= filter.rect.endRow;
  return rows.some(hidden) ? rows.filter((row) => !hidden(row)) : null;
}
