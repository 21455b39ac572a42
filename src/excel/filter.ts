/**
 * Keeping a person's AutoFilter across a rewrite. Excel does not evaluate a filter again when cells change under
 * it: a paste over filtered rows lands in the hidden rows too and leaves them hidden whatever they now hold, and a
 * multi-row values write fills only the visible rows, misplacing the data (office-js #224,
 * https://github.com/OfficeDev/office-js/issues/224). So a rewrite remembers the criteria (read with the cells it
 * reads anyway), clears them before it writes, and applies them again over the table as it now is, in the same
 * batch: the rows land where they belong and the person's filter is back, hiding what it should.
 */

/** The criteria of each filtered column, by its index within the filter's range. */
export type KeptFilter = { columnIndex: number; criteria: Excel.FilterCriteria }[];

/** Queues a read of the sheet's filter criteria; it rides on the caller's next sync. */
export function queueFilterRead(sheet: Excel.Worksheet): Excel.AutoFilter {
  const filter = sheet.autoFilter;
  filter.load("enabled,isDataFiltered,criteria");
  return filter;
}

/** Whether a column's entry sets any condition (an unfiltered column's entry is empty or names none). */
function filtersSomething(criteria: Excel.FilterCriteria | null | undefined): criteria is Excel.FilterCriteria {
  if (!criteria || !criteria.filterOn) return false;
  const { criterion1, criterion2, values, dynamicCriteria, color, icon } = criteria;
  return Boolean(criterion1 || criterion2 || values?.length || dynamicCriteria || color || icon);
}

/** The criteria `filter` (loaded by queueFilterRead and synced) holds: none when the sheet is not filtered. */
export function keptFilter(filter: Excel.AutoFilter): KeptFilter {
  if (!filter.enabled || !filter.isDataFiltered) return [];
  return (filter.criteria ?? []).flatMap((criteria, columnIndex) =>
    filtersSomething(criteria) ? [{ columnIndex, criteria }] : [],
  );
}

/** Shows every row the filter hides, so that the write that follows lands in every row it covers. */
export function queueFilterCleared(sheet: Excel.Worksheet, kept: KeptFilter): void {
  if (kept.length > 0) sheet.autoFilter.clearCriteria();
}

/** Applies the kept criteria again over `range` (the table's filter range now), after the write and the layout. */
export function queueFilterRestored(sheet: Excel.Worksheet, range: string, kept: KeptFilter): void {
  for (const { columnIndex, criteria } of kept) sheet.autoFilter.apply(sheet.getRange(range), columnIndex, criteria);
}
