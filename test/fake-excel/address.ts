/** A1-style address parsing and formatting (0-based, inclusive rectangles). */
import { invalidArgument } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

export interface ParsedAddress {
  sheet?: string;
  areas: Rect[];
}

export function colToLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?([0-9]{1,7})$/;

interface Part {
  kind: "cell" | "col" | "row";
  row: number;
  col: number;
}

function parsePart(text: string): Part | null {
  let m = CELL_RE.exec(text);
  if (m) return { kind: "cell", col: lettersToCol(m[1]), row: Number(m[2]) - 1 };
  m = COL_RE.exec(text);
  if (m) return { kind: "col", col: lettersToCol(m[1]), row: 0 };
  m = ROW_RE.exec(text);
  if (m) return { kind: "row", col: 0, row: Number(m[1]) - 1 };
  return null;
}

function parseArea(text: string, original: string): Rect {
  const pieces = text.split(":");
  if (pieces.length > 2 || pieces.some((p) => p.length === 0)) throw invalidArgument(`Invalid address '${original}'.`);
  const a = parsePart(pieces[0]);
  const b = pieces.length === 2 ? parsePart(pieces[1]) : a;
  if (!a || !b || a.kind !== b.kind) throw invalidArgument(`Invalid address '${original}'.`);
  if (pieces.length === 1 && a.kind !== "cell") throw invalidArgument(`Invalid address '${original}'.`);
  let rect: Rect;
  if (a.kind === "cell") {
    rect = {
      startRow: Math.min(a.row, b.row),
      endRow: Math.max(a.row, b.row),
      startCol: Math.min(a.col, b.col),
      endCol: Math.max(a.col, b.col),
    };
  } else if (a.kind === "col") {
    rect = { startRow: 0, endRow: MAX_ROWS - 1, startCol: Math.min(a.col, b.col), endCol: Math.max(a.col, b.col) };
  } else {
    rect = { startRow: Math.min(a.row, b.row), endRow: Math.max(a.row, b.row), startCol: 0, endCol: MAX_COLS - 1 };
  }
  if (rect.startRow < 0 || rect.endRow >= MAX_ROWS || rect.startCol < 0 || rect.endCol >= MAX_COLS) {
    throw invalidArgument(`Address '${original}' is outside the grid.`);
  }
  return rect;
}

/** Parses "A1", "$B$4", "B4:J60", "A:A", "3:3", "'Sheet name'!A1:B2", "Sheet1!A1", "A1:B2,D4" (multi-area). */
export function parseAddress(address: string): ParsedAddress {
  if (typeof address !== "string") throw invalidArgument("Address must be a string.");
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    let sheetPart = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (sheetPart.startsWith("'")) {
      if (!sheetPart.endsWith("'") || sheetPart.length < 2) throw invalidArgument(`Invalid address '${address}'.`);
      sheetPart = sheetPart.slice(1, -1).replace(/''/g, "'");
    }
    if (!sheetPart) throw invalidArgument(`Invalid address '${address}'.`);
    sheet = sheetPart;
  }
  if (!text) throw invalidArgument(`Invalid address '${address}'.`);
  const areas = text.split(",").map((a) => parseArea(a.trim(), address));
  return { sheet, areas };
}

export function parseSingleArea(address: string): { sheet?: string; rect: Rect } {
  const p = parseAddress(address);
  if (p.areas.length !== 1) throw invalidArgument(`Expected a single-area address, got '${address}'.`);
  return { sheet: p.sheet, rect: p.areas[0] };
}

export function isEntireColumn(r: Rect): boolean {
  return r.startRow === 0 && r.endRow === MAX_ROWS - 1;
}

export function isEntireRow(r: Rect): boolean {
  return r.startCol === 0 && r.endCol === MAX_COLS - 1;
}

export function cellAddress(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${colToLetters(col)}${d}${row + 1}`;
}

/** Local address like Excel returns it: "A1", "A1:B2", "A:A", "3:5". */
export function formatRect(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireColumn(r) && isEntireRow(r)) return `${d}1:${d}${MAX_ROWS}`;
  if (isEntireColumn(r) && !isEntireRow(r)) return `${d}${colToLetters(r.startCol)}:${d}${colToLetters(r.endCol)}`;
  if (isEntireRow(r) && !isEntireColumn(r)) return `${d}${r.startRow + 1}:${d}${r.endRow + 1}`;
  const a = cellAddress(r.startRow, r.startCol, absolute);
  if (r.startRow === r.endRow && r.startCol === r.endCol) return a;
  return `${a}:${cellAddress(r.endRow, r.endCol, absolute)}`;
}

/** Quotes a sheet name when Excel would: anything beyond letters, digits, underscore and dot, or a leading digit. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatRect(r, absolute)}`;
}

export function rectRows(r: Rect): number {
  return r.endRow - r.startRow + 1;
}

export function rectCols(r: Rect): number {
  return r.endCol - r.startCol + 1;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.startRow >= outer.startRow &&
    inner.endRow <= outer.endRow &&
    inner.startCol >= outer.startCol &&
    inner.endCol <= outer.endCol
  );
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.startRow && row <= r.endRow && col >= r.startCol && col <= r.endCol;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r: Rect = {
    startRow: Math.max(a.startRow, b.startRow),
    endRow: Math.min(a.endRow, b.endRow),
    startCol: Math.max(a.startCol, b.startCol),
    endCol: Math.min(a.endCol, b.endCol),
  };
  return r.startRow > r.endRow || r.startCol > r.endCol ? null : r;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return {
    startRow: Math.min(a.startRow, b.startRow),
    endRow: Math.max(a.endRow, b.endRow),
    startCol: Math.min(a.startCol, b.startCol),
    endCol: Math.max(a.endCol, b.endCol),
  };
}

/** The parts of `a` outside `b` (at most four rectangles: above, below, left, right). */
export function subtractRect(a: Rect, b: Rect): Rect[] {
  const cut = intersect(a, b);
  if (!cut) return [a];
  const parts: Rect[] = [];
  if (a.startRow < cut.startRow) parts.push({ ...a, endRow: cut.startRow - 1 });
  if (a.endRow > cut.endRow) parts.push({ ...a, startRow: cut.endRow + 1 });
  if (a.startCol < cut.startCol) parts.push({ ...cut, startCol: a.startCol, endCol: cut.startCol - 1 });
  if (a.endCol > cut.endCol) parts.push({ ...cut, startCol: cut.endCol + 1, endCol: a.endCol });
  return parts;
}

export function translateRect(r: Rect, rows: number, cols: number): Rect {
  return { startRow: r.startRow + rows, endRow: r.endRow + rows, startCol: r.startCol + cols, endCol: r.endCol + cols };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.startRow === b.startRow && a.endRow === b.endRow && a.startCol === b.startCol && a.endCol === b.endCol;
}

export function checkRect(r: Rect): Rect {
  if (
    !Number.isInteger(r.startRow) ||
    !Number.isInteger(r.startCol) ||
    !Number.isInteger(r.endRow) ||
    !Number.isInteger(r.endCol) ||
    r.startRow < 0 ||
    r.startCol < 0 ||
    r.endRow >= MAX_ROWS ||
    r.endCol >= MAX_COLS ||
    r.endRow < r.startRow ||
    r.endCol < r.startCol
  ) {
    throw invalidArgument("The requested range is outside the worksheet grid or has a non-positive size.");
  }
  return r;
}

export type Axis = "rows" | "columns";

/**
 * Adjusts a rectangle for inserted (count > 0) or deleted (count < 0) rows/columns starting at `at`.
 * Returns null when the rectangle is deleted entirely. Entire-row/column extents are kept.
 */
export function shiftRect(r: Rect, axis: Axis, at: number, count: number): Rect | null {
  const [s, e] = axis === "rows" ? [r.startRow, r.endRow] : [r.startCol, r.endCol];
  const max = axis === "rows" ? MAX_ROWS - 1 : MAX_COLS - 1;
  let ns = s;
  let ne = e;
  if (count > 0) {
    if (s >= at) {
      ns = s + count;
      ne = e === max ? max : e + count;
    } else if (e >= at) {
      ne = e === max ? max : e + count;
    }
    if (ns > max) return null;
    ne = Math.min(ne, max);
  } else {
    const n = -count;
    const delEnd = at + n - 1;
    if (e < at) return r;
    if (s > delEnd) {
      ns = s - n;
      ne = e === max ? max : e - n;
    } else if (s >= at && e <= delEnd) {
      return null;
    } else {
      ns = Math.min(s, at);
      ne = e === max ? max : e - (Math.min(e, delEnd) - Math.max(s, at) + 1);
    }
  }
  return axis === "rows" ? { ...r, startRow: ns, endRow: ne } : { ...r, startCol: ns, endCol: ne };
}

/** Shifts a single 0-based index; returns null if deleted. */
export function shiftIndex(i: number, at: number, count: number): number | null {
  if (count > 0) return i >= at ? i + count : i;
  const n = -count;
  if (i < at) return i;
  if (i < at + n) return null;
  return i - n;
}

/** `fn` for every cell of `rect`, as rows of columns (1-based coordinates in, a 2D array out). */
export function grid<T>(rect: Rect, fn: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = rect.startRow; r <= rect.endRow; r++) {
    const line: T[] = [];
    for (let c = rect.startCol; c <= rect.endCol; c++) line.push(fn(r, c));
    out.push(line);
  }
  return out;
}
