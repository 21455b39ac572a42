import { localDay } from "../plan/dates";
import { toExcelSerial } from "../plan/excel-dates";
import { TEXT_FORMAT } from "../plan/sheet-style";
import { needsTextPrefix } from "./sheet-writer";

/**
 * The Plan history sheet: one row per status change made in this workbook with the add-in, the agency's record
 * of service delivered. Rows are appended through an Excel table, which Excel extends safely even while others
 * co-author; the add-in never edits or removes a row. The table is found by its name wherever it is; when a person
 * deleted it or converted it to a range, a new one is started on a sheet with a free name.
 */

export const HISTORY_SHEET = "Plan history";
export const HISTORY_TABLE = "PlanHistory";
export const HISTORY_HEADERS = ["When", "Client", "Plan sheet", "Task id", "Task", "From", "To"] as const;

export interface HistoryEntry {
  when: Date;
  client: string;
  sheetName: string;
  taskId: string;
  task: string;
  from: string;
  to: string;
}

/** The person's local date and time as an Excel serial: history reads in the user's own clock. */
export function localTimestampSerial(when: Date): number {
  const seconds = when.getHours() * 3600 + when.getMinutes() * 60 + when.getSeconds();
  return toExcelSerial(localDay(when)) + seconds / 86_400;
}

/** Text from people and plans stays text: "=1+1" is recorded as typed, never as 2, nor as a live link. */
function asText(value: string): string {
  return needsTextPrefix(value) ? `'${value}` : value;
}

export function historyRow(entry: HistoryEntry): (string | number)[] {
  return [
    localTimestampSerial(entry.when),
    asText(entry.client),
    asText(entry.sheetName),
    asText(entry.taskId),
    asText(entry.task),
    asText(entry.from || "(empty)"),
    asText(entry.to || "(empty)"),
  ];
}

/** The names a history sheet takes, in order: "Plan history", "Plan history (2)", ... */
export function historySheetName(n: number): string {
  return n === 1 ? HISTORY_SHEET : `${HISTORY_SHEET} (${n})`;
}

/** "Plan history", or "Plan history (2)", ... when a sheet already has the name (Excel ignores case in names). */
export function freeHistorySheetName(taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = historySheetName(n);
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Queues a new sheet `sheetName` holding an empty history table, and returns the table for the rows to be added.
 * The text columns are formatted as Text, so a cell written later by a person or another tool stays text too.
 */
export function queueHistorySheet(workbook: Excel.Workbook, sheetName: string): Excel.Table {
  const sheet = workbook.worksheets.add(sheetName);
  // One value for whole columns: Office.js applies a single (non-array) value to every cell of a range.
  (sheet.getRange("A:A") as unknown as { numberFormat: string }).numberFormat = "yyyy-mm-dd hh:mm";
  (sheet.getRange("B:G") as unknown as { numberFormat: string }).numberFormat = TEXT_FORMAT;
  sheet.getRange("A1:G1").values = [[...HISTORY_HEADERS]];
  const table = sheet.tables.add("A1:G1", true);
  table.name = HISTORY_TABLE;
  sheet.getRange("A:A").format.columnWidth = 110;
  sheet.getRange("B:C").format.columnWidth = 160;
  sheet.getRange("D:D").format.columnWidth = 150;
  sheet.getRange("E:E").format.columnWidth = 260;
  sheet.getRange("F:G").format.columnWidth = 80;
  sheet.freezePanes.freezeRows(1);
  return table;
}
