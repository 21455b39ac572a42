/**
 * A1 references inside formula text, found and rewritten the way Excel adjusts them when cells move: the fake
 * uses this where HyperFormula does not do it for us (partial-range inserts and deletes, sorting, copying, and the
 * formulas of conditional formats and validation rules).
 */
import { MAX_COLS, MAX_ROWS, Rect, colToLetters, lettersToCol, quoteSheetName, shiftRect } from "./address";

/** One end of a reference: 0-based row/column and whether it carries a `$`. */
export interface RefEnd {
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

export interface Reference {
  /** The sheet named in the reference, or null for the formula's own sheet. */
  sheet: string | null;
  kind: "cell" | "area" | "columns" | "rows";
  start: RefEnd;
  end: RefEnd;
}

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!`;
const CELL = String.raw`(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})`;
const COLS = String.raw`(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})`;
const ROWS = String.raw`(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})`;
const SHEET_RE = new RegExp(SHEET, "y");
const AREA_RE = new RegExp(`${CELL}:${CELL}`, "y");
const CELL_RE = new RegExp(CELL, "y");
const COLS_RE = new RegExp(COLS, "y");
const ROWS_RE = new RegExp(ROWS, "y");
const IDENTIFIER = /[A-Za-z0-9_.\\]/;

function end(absCol: string, col: string, absRow: string, row: string): RefEnd | null {
  const c = lettersToCol(col);
  const r = Number(row) - 1;
  if (c >= MAX_COLS || r < 0 || r >= MAX_ROWS) return null;
  return { row: r, col: c, absRow: absRow === "$", absCol: absCol === "$" };
}

function parseAt(text: string, at: number): { ref: Reference; length: number } | null {
  SHEET_RE.lastIndex = at;
  const sheetMatch = SHEET_RE.exec(text);
  const sheet = sheetMatch ? (sheetMatch[1]?.replace(/''/g, "'") ?? sheetMatch[2]) : null;
  const from = sheetMatch ? at + sheetMatch[0].length : at;
  const attempts: [RegExp, (m: RegExpExecArray) => Reference | null][] = [
    [
      AREA_RE,
      (m) => {
        const a = end(m[1], m[2], m[3], m[4]);
        const b = end(m[5], m[6], m[7], m[8]);
        return a && b ? { sheet, kind: "area", start: a, end: b } : null;
      },
    ],
    [
      CELL_RE,
      (m) => {
        const a = end(m[1], m[2], m[3], m[4]);
        return a ? { sheet, kind: "cell", start: a, end: { ...a } } : null;
      },
    ],
    [
      COLS_RE,
      (m) => {
        const a = end(m[1], m[2], "$", "1");
        const b = end(m[3], m[4], "$", String(MAX_ROWS));
        return a && b ? { sheet, kind: "columns", start: a, end: b } : null;
      },
    ],
    [
      ROWS_RE,
      (m) => {
        const a = end("$", "A", m[1], m[2]);
        const b = end("$", colToLetters(MAX_COLS - 1), m[3], m[4]);
        return a && b ? { sheet, kind: "rows", start: a, end: b } : null;
      },
    ],
  ];
  for (const [re, build] of attempts) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) continue;
    const after = text[from + m[0].length] ?? "";
    // A function name such as LOG10( or a longer identifier is not a reference.
    if (IDENTIFIER.test(after) || after === "(" || after === "!") continue;
    const ref = build(m);
    if (ref) return { ref, length: from + m[0].length - at };
  }
  return null;
}

function formatEnd(e: RefEnd, part: "cell" | "col" | "row"): string {
  const col = `${e.absCol ? "$" : ""}${colToLetters(e.col)}`;
  const row = `${e.absRow ? "$" : ""}${e.row + 1}`;
  return part === "cell" ? col + row : part === "col" ? col : row;
}

export function formatReference(ref: Reference): string {
  const prefix = ref.sheet === null ? "" : `${quoteSheetName(ref.sheet)}!`;
  switch (ref.kind) {
    case "cell":
      return prefix + formatEnd(ref.start, "cell");
    case "area":
      return `${prefix}${formatEnd(ref.start, "cell")}:${formatEnd(ref.end, "cell")}`;
    case "columns":
      return `${prefix}${formatEnd(ref.start, "col")}:${formatEnd(ref.end, "col")}`;
    case "rows":
      return `${prefix}${formatEnd(ref.start, "row")}:${formatEnd(ref.end, "row")}`;
  }
}

/**
 * Rewrites every reference of `formula` (outside string literals) through `rewrite`; null becomes `#REF!`, as
 * Excel writes a reference to deleted cells. Formulas without a leading "=" are returned unchanged.
 */
export function rewriteReferences(formula: string, rewrite: (ref: Reference) => Reference | null): string {
  if (!formula.startsWith("=")) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const close = formula.indexOf('"', i + 1);
      let j = close < 0 ? formula.length : close + 1;
      while (formula[j] === '"') {
        const next = formula.indexOf('"', j + 1);
        j = next < 0 ? formula.length : next + 1;
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    const parsed = IDENTIFIER.test(prev) || prev === "'" ? null : parseAt(formula, i);
    if (!parsed) {
      out += ch;
      i++;
      continue;
    }
    const next = rewrite(parsed.ref);
    out += next ? formatReference(next) : "#REF!";
    i += parsed.length;
  }
  return out;
}

export function referenceRect(ref: Reference): Rect {
  return {
    startRow: Math.min(ref.start.row, ref.end.row),
    endRow: Math.max(ref.start.row, ref.end.row),
    startCol: Math.min(ref.start.col, ref.end.col),
    endCol: Math.max(ref.start.col, ref.end.col),
  };
}

/** Cells moving on one sheet: whole or partial rows (axis "rows") or columns shifted by `count` from `at`. */
export interface CellShift {
  sheetName: string;
  axis: "rows" | "columns";
  at: number;
  /** > 0 inserted, < 0 deleted. */
  count: number;
  /** The cross-axis extent of the moving band (the columns of a rows shift), inclusive. */
  from: number;
  to: number;
}

/**
 * Where an area ends up after `shift`, or null when all its cells were deleted. Excel adjusts a reference only when
 * it lies within the moving band across the axis; one that straddles the band's edge keeps its address.
 */
export function shiftedRect(rect: Rect, shift: CellShift): Rect | null {
  const [lo, hi] = shift.axis === "rows" ? [rect.startCol, rect.endCol] : [rect.startRow, rect.endRow];
  if (lo < shift.from || hi > shift.to) return rect;
  return shiftRect(rect, shift.axis, shift.at, shift.count);
}

/** A formula's position: the cell that holds it, or the top-left cell of a conditional format's range. */
export interface Anchor {
  row: number;
  col: number;
}

/**
 * Rewrites `formula`, written at `anchor` on `ownSheet`, for cells moved by `shift`. Relative parts are offsets from
 * the anchor: they are resolved from `rep` (a cell that survives the shift, usually the anchor) and written back
 * relative to `newAnchor`, so a rule such as `=$G10="Done"` keeps meaning "this row" when its first row is deleted.
 */
export function shiftFormula(
  formula: string,
  ownSheet: string,
  shift: CellShift,
  anchor: Anchor,
  newAnchor: Anchor,
  rep: Anchor = anchor,
  newRep: Anchor = newAnchor,
): string {
  return rewriteReferences(formula, (ref) => {
    const sheet = ref.sheet ?? ownSheet;
    const resolve = (e: RefEnd): RefEnd => ({
      ...e,
      row: e.absRow ? e.row : rep.row + (e.row - anchor.row),
      col: e.absCol ? e.col : rep.col + (e.col - anchor.col),
    });
    const unresolve = (e: RefEnd): RefEnd => ({
      ...e,
      row: e.absRow ? e.row : newAnchor.row + (e.row - newRep.row),
      col: e.absCol ? e.col : newAnchor.col + (e.col - newRep.col),
    });
    const whole = ref.kind === "columns" || ref.kind === "rows";
    const target = whole ? ref : { ...ref, start: resolve(ref.start), end: resolve(ref.end) };
    let moved: Rect | null = referenceRect(target);
    if (sheet.toLowerCase() === shift.sheetName.toLowerCase()) moved = shiftedRect(moved, shift);
    if (!moved) return null;
    const start = { ...target.start, row: moved.startRow, col: moved.startCol };
    const stop = { ...target.end, row: moved.endRow, col: moved.endCol };
    const back = whole ? { start, end: stop } : { start: unresolve(start), end: unresolve(stop) };
    if ([back.start, back.end].some((e) => e.row < 0 || e.col < 0 || e.row >= MAX_ROWS || e.col >= MAX_COLS))
      return null;
    return { ...ref, ...back };
  });
}

/** A formula copied `rows` down and `cols` right: relative parts move, `$` parts stay, off-grid parts are #REF!. */
export function translateFormula(formula: string, rows: number, cols: number): string {
  return rewriteReferences(formula, (ref) => {
    const move = (e: RefEnd): RefEnd => ({
      ...e,
      row: e.absRow || ref.kind === "columns" ? e.row : e.row + rows,
      col: e.absCol || ref.kind === "rows" ? e.col : e.col + cols,
    });
    const start = move(ref.start);
    const stop = move(ref.end);
    if ([start, stop].some((e) => e.row < 0 || e.col < 0 || e.row >= MAX_ROWS || e.col >= MAX_COLS)) return null;
    return { ...ref, start, end: stop };
  });
}
