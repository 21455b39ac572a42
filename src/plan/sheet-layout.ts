import { ROLES, type Role, type RoleList } from "./roles";

/**
 * Where things live on a plan sheet. Every writer and reader uses these positions, so a plan written by the
 * command line is read back by the add-in. Rows and columns are 1-based, as Excel counts them.
 */

export const TABLE_COLUMNS = [
  { key: "phase", header: "Phase", width: 24 },
  { key: "task", header: "Task", width: 42 },
  { key: "owner", header: "Owner", width: 18 },
  { key: "assignedTo", header: "Assigned to", width: 22 },
  { key: "opens", header: "Opens", width: 13 },
  { key: "due", header: "Due", width: 13 },
  { key: "status", header: "Status", width: 13 },
  { key: "completedOn", header: "Completed on", width: 14 },
  { key: "notes", header: "Notes", width: 30 },
  { key: "id", header: "Task id", width: 28, hidden: true },
] as const;

export type ColumnKey = (typeof TABLE_COLUMNS)[number]["key"];

/** 1-based column number of a table column. */
export const COLUMN: Record<ColumnKey, number> = Object.fromEntries(
  TABLE_COLUMNS.map((column, index) => [column.key, index + 1]),
) as Record<ColumnKey, number>;

export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The corners of an A1 range such as "B10:C12", "$B$4" or "B4", 1-based. */
export function rangeCorners(range: string): { top: number; left: number; bottom: number; right: number } {
  const [from, to = from] = range.split(":");
  const parse = (ref: string) => {
    const match = /^([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ""));
    if (!match) throw new Error(`Not a cell reference: ${ref}`);
    return { row: Number(match[2]), column: [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
  };
  const a = parse(from);
  const b = parse(to);
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}

/** Calls `visit` for every cell of an A1 range, row by row. */
export function forEachCell(range: string, visit: (row: number, column: number) => void): void {
  const { top, left, bottom, right } = rangeCorners(range);
  for (let row = top; row <= bottom; row++) for (let column = left; column <= right; column++) visit(row, column);
}

export function address(row: number, column: number, absolute = false): string {
  return absolute ? `$${columnLetter(column)}$${row}` : `${columnLetter(column)}${row}`;
}

/** The A1 range from (firstRow, firstColumn) to (lastRow, lastColumn), e.g. "A13:J60". */
export function rangeAddress(firstRow: number, firstColumn: number, lastRow: number, lastColumn: number): string {
  return `${address(firstRow, firstColumn)}:${address(lastRow, lastColumn)}`;
}

/**
 * The header above the task table is laid out in blocks a reader takes in at once, left to right: the client
 * and term (A:B), the whole service team with names (C:D, one role a row), the status key (E) and the holidays
 * (F:I). Nothing but tasks shares a row or a column with the table: deleting, inserting or sorting task rows
 * never touches the holidays the due dates skip, and the id column is inside the table's filter range, so a
 * sort moves each task's id with it.
 */
export const LAYOUT = {
  titleCell: "A1",
  /** Row of the block headings ("Service team", "Status key", "Holidays"). */
  blockHeadingRow: 2,
  clientLabel: { row: 3, column: 1 },
  client: { row: 3, column: 2 },
  bind: { row: 4, column: 2 },
  renewal: { row: 5, column: 2 },
  term: { row: 6, column: 2 },
  /** The service team, one role a row from row 3: the role in C, the person in D. */
  team: { firstRow: 3, roleColumn: COLUMN.owner, nameColumn: COLUMN.assignedTo },
  /** The status key, one status a row, in column E. */
  legendColumn: COLUMN.opens,
  legendFirstRow: 3,
  /** Holidays the due dates skip: a block of cells filled down each column, F3:I10. */
  holidays: { firstRow: 3, lastRow: 10, firstColumn: COLUMN.due, lastColumn: COLUMN.notes },
  /** Marker cells in the hidden id column, above the table: what the sheet is and which plan. */
  marker: {
    kind: { row: 1, column: COLUMN.id },
    planId: { row: 2, column: COLUMN.id },
    version: { row: 3, column: COLUMN.id },
  },
  /**
   * The name of the template the plan was made from (empty on plans made before templates had names), shown as
   * nothing (";;;"). In row 1, not in the id column beside the holidays (J4:J10): deleting a holiday with "Shift
   * cells left" would pull text into the block every WORKDAY reads. Far enough right that the title's overflow
   * never reaches it.
   */
  templateName: { row: 1, column: COLUMN.notes },
  /**
   * The yearly cycle's links, in row 1 (see renew.ts). `follows`: on a plan started from an earlier term, that
   * plan's id (text, shown as nothing). `renewedTo`: on a plan whose next term was started, a formula giving the
   * next plan's id while that sheet is there and follows this one, else "" (a deleted sheet leaves "", never
   * #REF!): the summary, the Book overview and My work read it. `termLink`: what a reader sees of either, a link
   * to the other term's sheet.
   */
  follows: { row: 1, column: COLUMN.status },
  renewedTo: { row: 1, column: COLUMN.completedOn },
  termLink: { row: 1, column: COLUMN.owner },
  headerRow: 12,
  firstDataRow: 13,
  printColumns: COLUMN.notes,
} as const;

/** How many holidays a plan sheet holds: every cell of the holidays block. */
export const HOLIDAY_SLOTS =
  (LAYOUT.holidays.lastRow - LAYOUT.holidays.firstRow + 1) *
  (LAYOUT.holidays.lastColumn - LAYOUT.holidays.firstColumn + 1);

/** The cell of the `index`-th holiday (0-based), filling the block down each column, then across. */
export function holidayCell(index: number): { row: number; column: number } {
  const rows = LAYOUT.holidays.lastRow - LAYOUT.holidays.firstRow + 1;
  return {
    row: LAYOUT.holidays.firstRow + (index % rows),
    column: LAYOUT.holidays.firstColumn + Math.floor(index / rows),
  };
}

/** The holidays block as a range, "F3:I10": where the holidays are written, styled and validated. */
export const HOLIDAYS_RANGE = `${address(LAYOUT.holidays.firstRow, LAYOUT.holidays.firstColumn)}:${address(
  LAYOUT.holidays.lastRow,
  LAYOUT.holidays.lastColumn,
)}`;

/** The same block as an absolute reference, "$F$3:$I$10": the range every WORKDAY formula skips. */
export const HOLIDAYS_REF = `${address(LAYOUT.holidays.firstRow, LAYOUT.holidays.firstColumn, true)}:${address(
  LAYOUT.holidays.lastRow,
  LAYOUT.holidays.lastColumn,
  true,
)}`;

/** The text in the marker cell that says "this sheet is a Client Service Plan". */
export const PLAN_MARKER = "client-service-plan";

/** The team block's cells of `role`, the `roles.indexOf(role)`-th row from C3 (`roles`: the plan's template's). */
export function teamCells(
  role: Role,
  roles: RoleList = ROLES,
): { row: number; roleColumn: number; nameColumn: number } {
  const index = roles.indexOf(role);
  if (index < 0) throw new RangeError(`"${role}" is not one of the roles ${roles.join(", ")}.`);
  return teamRowCells(index);
}

/** The team block's cells of its `index`-th row (0-based): the role in C, the person in D. */
export function teamRowCells(index: number): { row: number; roleColumn: number; nameColumn: number } {
  const { firstRow, roleColumn, nameColumn } = LAYOUT.team;
  return { row: firstRow + index, roleColumn, nameColumn };
}

export const BIND_REF = address(LAYOUT.bind.row, LAYOUT.bind.column, true);
/** "$H$1": the next term's plan id while there is one (see LAYOUT.renewedTo). */
export const RENEWED_TO_REF = address(LAYOUT.renewedTo.row, LAYOUT.renewedTo.column, true);
export const RENEWAL_REF = address(LAYOUT.renewal.row, LAYOUT.renewal.column, true);

/**
 * The plan's live summary, computed by the sheet's own formulas (see sheet-summary.ts): what the Book overview
 * and the add-in read instead of a plan's task rows. A reader sees four lines under Term (labels in A, text in
 * B, rows 7-10). The figures behind them are plain numbers and text in row 11, the spacer above the table,
 * shown as nothing (number format ";;;"), where other sheets can reference them. Not in the hidden id column
 * beside the holidays (J4:J10): "Delete > Shift cells left" on a holiday would pull a figure into the holiday
 * block that every due date's WORKDAY reads, a circular reference; no edit of the header blocks or of the table
 * moves a cell into or out of row 11 (nor into F3:I10, so the figures keep out of columns F:I). The figures that
 * need dates (overdue, due soon, next due, next task, phase) are "" while the Bind or Renewal cell holds no date.
 */
export const SUMMARY = {
  /** Visible: the phase whose due date comes next ("60 Days"), "Renewal" or "Past renewal". Text. */
  phase: { row: 7, column: 2 },
  progressText: { row: 8, column: 2 },
  openText: { row: 9, column: 2 },
  nextDueText: { row: 10, column: 2 },
  labelColumn: 1,
  /** Figures: open tasks, overdue, due in the next 14 days, done (counts). */
  open: { row: 11, column: 1 },
  overdue: { row: 11, column: 2 },
  dueSoon: { row: 11, column: 3 },
  done: { row: 11, column: 4 },
  /** The earliest due date of an open task (overdue ones included), as a date serial, or "". */
  nextDue: { row: 11, column: 5 },
  /** The Task text of the first open task due on that date, or "". */
  nextTask: { row: 11, column: COLUMN.id },
  /**
   * The last row the counts cover. The ranges start at the table's header row, so a row inserted right under
   * it is inside them. The template fills about 80 rows, leaving room for people's own; a longer range costs
   * every recalculation of a status (HyperFormula, the fake Excel's engine, scans it cell by cell).
   */
  lastRow: 500,
} as const;

export type SummaryFigure = "open" | "overdue" | "dueSoon" | "done" | "nextDue" | "nextTask" | "phase";

/** The absolute address of a summary figure on a plan sheet, e.g. "$A$11". */
export function summaryRef(figure: SummaryFigure): string {
  return address(SUMMARY[figure].row, SUMMARY[figure].column, true);
}
