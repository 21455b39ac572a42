import type { CellData } from "./read-sheet";
import type { CellValue } from "./sheet-types";

/**
 * A plan sheet as a spreadsheet holds it, from A1: each cell's value and its formula (Office.js `values` and
 * `formulas`; for a constant the formula is the constant itself). What a person typed is told from what a
 * formula computed by comparing the two.
 */
export interface SheetCells {
  values: CellData[][];
  formulas: unknown[][];
}

/**
 * The cell at (row, column), 1-based, as a description cell: a formula when it holds one, else its value.
 * Text that merely starts with "=" (typed into a Text-formatted cell) has a formula equal to its own value.
 */
export function cellAt(sheet: SheetCells, row: number, column: number): CellValue {
  const value = sheet.values[row - 1]?.[column - 1];
  const formula = sheet.formulas[row - 1]?.[column - 1];
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value) {
    return { kind: "formula", formula };
  }
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "text", text: value ? "TRUE" : "FALSE" };
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  return { kind: "text", text: String(value) };
}

/** How many columns of the sheet hold anything, at least `minimum`. */
export function usedWidth(sheet: SheetCells, minimum: number): number {
  let width = minimum;
  sheet.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const formula = sheet.formulas[r]?.[c];
      if (c + 1 > width && ((value !== "" && value !== null && value !== undefined) || formula)) width = c + 1;
    }),
  );
  return width;
}

/**
 * A formula moved `rowDelta` rows down, as Excel adjusts a copied formula: relative row numbers follow,
 * absolute ones ($5) stay. Text in quotes and sheet-qualified references are left as they are.
 */
export function shiftFormulaRows(formula: string, rowDelta: number): string {
  if (rowDelta === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_$!.'])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g,
            (match, before: string, colAbs: string, col: string, rowAbs: string, row: string) => {
              if (rowAbs) return match;
              const moved = Number(row) + rowDelta;
              return moved >= 1 ? `${before}${colAbs}${col}${rowAbs}${moved}` : `${before}#REF!`;
            },
          ),
    )
    .join("");
}

/** A cell value for a preview sentence: "Waiting on carrier", "46573", "=E13+5". */
export function cellText(value: CellValue): string {
  switch (value.kind) {
    case "text":
      return value.text;
    case "number":
      return String(value.value);
    case "formula":
      return value.formula;
    case "empty":
      return "";
  }
}
