/**
 * How a task's sub-items fold. Excel draws an outline group's +/- button beside the row just below the group (its
 * "summary row", Excel's default: Data > Outline > Settings > Summary rows below detail). Office.js has no way to
 * change that (no ExcelApi set has a summary-row setting: office-js #6099, office-js-docs-pr #4012), so a sheet the
 * add-in writes always has summary rows below. Grouping all of a task's sub-items would put the button beside the
 * next task, which then looks like the one that folds. So the last sub-item stays out of the group and is its
 * summary row: the button sits right under the task's own lines, and folding leaves the task and its last line.
 * The file writer states the same setting, so a plan looks and folds alike whoever wrote it, and the add-in can
 * regroup a sheet the command line wrote.
 */

export interface RowGroup {
  firstRow: number;
  /** Inclusive; the row below it is the summary row Excel puts the button beside. */
  lastRow: number;
}

/** The outline group of `itemCount` sub-items starting at `firstItemRow`; null when there is nothing to fold. */
export function subItemsGroup(firstItemRow: number, itemCount: number): RowGroup | null {
  return itemCount >= 2 ? { firstRow: firstItemRow, lastRow: firstItemRow + itemCount - 2 } : null;
}

/** The row beside which Excel (summary rows below detail) draws `group`'s +/- button. */
export function summaryRowOf(group: RowGroup): number {
  return group.lastRow + 1;
}
