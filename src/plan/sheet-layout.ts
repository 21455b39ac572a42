import { ROLES, type Role } from "./roles";

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

export const LAYOUT = {
  titleCell: "A1",
  clientLabel: { row: 3, column: 1 },
  client: { row: 3, column: 2 },
  bind: { row: 4, column: 2 },
  renewal: { row: 5, column: 2 },
  term: { row: 6, column: 2 },
  /** The service team, one role a row from row 3: the first four roles in C:D, the other four in H:I. */
  teamFirstRow: 3,
  teamRowsPerBlock: 4,
  teamBlocks: [
    { roleColumn: 3, nameColumn: 4 },
    { roleColumn: 8, nameColumn: 9 },
  ],
  /** The status key, one status a row, in column G. */
  legendColumn: COLUMN.status,
  legendFirstRow: 3,
  /** Holidays the due dates skip: a column beside the table, outside the print area. */
  holidaysColumn: TABLE_COLUMNS.length + 1,
  holidaysFirstRow: 3,
  /** At least this many holiday cells, so people can add holidays later. */
  holidaySlots: 20,
  /** Marker cells in the hidden id column: what the sheet is and which plan. */
  marker: {
    kind: { row: 1, column: COLUMN.id },
    planId: { row: 2, column: COLUMN.id },
    version: { row: 3, column: COLUMN.id },
  },
  headerRow: 9,
  firstDataRow: 10,
  printColumns: COLUMN.notes,
} as const;

/** The text in the marker cell that says "this sheet is a Client Service Plan". */
export const PLAN_MARKER = "client-service-plan";

export function teamCells(role: Role): { row: number; roleColumn: number; nameColumn: number } {
  const index = ROLES.indexOf(role);
  const block = LAYOUT.teamBlocks[Math.floor(index / LAYOUT.teamRowsPerBlock)];
  return { row: LAYOUT.teamFirstRow + (index % LAYOUT.teamRowsPerBlock), ...block };
}

export const BIND_REF = address(LAYOUT.bind.row, LAYOUT.bind.column, true);
export const RENEWAL_REF = address(LAYOUT.renewal.row, LAYOUT.renewal.column, true);
