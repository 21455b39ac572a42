import { type CalendarDate, toExcelSerial } from "../plan/dates";

/**
 * The Plan history sheet: one row per status change made in this workbook with the add-in, the agency's record
 * of service delivered. Rows are appended through an Excel table, which Excel extends safely even while others
 * co-author; the add-in never edits or removes a row.
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
export function localTimestampSerial(when: Date, localDay: (when: Date) => CalendarDate): number {
  const seconds = when.getHours() * 3600 + when.getMinutes() * 60 + when.getSeconds();
  return toExcelSerial(localDay(when)) + seconds / 86_400;
}

export function historyRow(entry: HistoryEntry, localDay: (when: Date) => CalendarDate): (string | number)[] {
  return [
    localTimestampSerial(entry.when, localDay),
    entry.client,
    entry.sheetName,
    entry.taskId,
    entry.task,
    entry.from || "(empty)",
    entry.to || "(empty)",
  ];
}

/**
 * Queues the appending of `rows`. `table` is the history table when it exists (loaded as a null object
 * beforehand); otherwise the sheet and table are created in the same batch.
 */
export function queueHistoryRows(
  workbook: Excel.Workbook,
  table: Excel.Table,
  tableExists: boolean,
  rows: (string | number)[][],
): void {
  if (rows.length === 0) return;
  let target = table;
  if (!tableExists) {
    const sheet = workbook.worksheets.add(HISTORY_SHEET);
    const header = sheet.getRange("A1:G1");
    header.values = [[...HISTORY_HEADERS]];
    target = sheet.tables.add("A1:G1", true);
    target.name = HISTORY_TABLE;
    // One value for the whole column: Office.js applies a single (non-array) value to every cell of a range.
    (sheet.getRange("A:A") as unknown as { numberFormat: string }).numberFormat = "yyyy-mm-dd hh:mm";
    sheet.getRange("A:A").format.columnWidth = 110;
    sheet.getRange("B:C").format.columnWidth = 160;
    sheet.getRange("D:D").format.columnWidth = 150;
    sheet.getRange("E:E").format.columnWidth = 260;
    sheet.getRange("F:G").format.columnWidth = 80;
    sheet.freezePanes.freezeRows(1);
  }
  target.rows.add(undefined, rows);
}
