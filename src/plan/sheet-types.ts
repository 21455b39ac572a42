/**
 * The shapes of a plan sheet's description (see sheet.ts): what every cell holds and how it looks, its rules and
 * its print setup. Writers (Office.js, .xlsx) render it mechanically, in the order given, and decide nothing
 * themselves.
 */

import type { RowGroup } from "./outline";

export type CellValue =
  /** Text from the template or from people: always stored as text, even "=HYPERLINK(...)" or "+1 555". */
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "formula"; formula: string }
  | { kind: "empty" };

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  numberFormat?: string;
  wrap?: boolean;
  indent?: number;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
  borderBottom?: string;
}

export interface StyledRange {
  /** A1 range on this sheet, e.g. "B10:B60". */
  range: string;
  style: CellStyle;
}

export type ValidationRule =
  | { kind: "list"; values: readonly string[] }
  | { kind: "date"; minSerial: number; maxSerial: number; minIso: string; maxIso: string }
  /** A whole number from `min` to `max` (a template's day offsets and version). */
  | { kind: "whole"; min: number; max: number };

export interface Validation {
  range: string;
  rule: ValidationRule;
  errorTitle: string;
  errorMessage: string;
  promptTitle?: string;
  promptMessage?: string;
}

export interface ConditionalFormat {
  range: string;
  /** A formula with a leading "=", relative to the top-left cell of `range`. */
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  stopIfTrue: boolean;
}

export interface PrintSetup {
  orientation: "landscape";
  fitToPagesWide: 1;
  /** 0: as many pages tall as needed. */
  fitToPagesTall: 0;
  printArea: string;
  /** Rows repeated at the top of every page, e.g. "$9:$9". */
  titleRows: string;
  /** Excel header/footer codes (&P page, &N pages, &D date; a literal & is written &&). */
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
  centerHorizontally: boolean;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

export type RowKind = "phase" | "task" | "item" | "added";

export interface PlanRow {
  row: number;
  kind: RowKind;
  id: string;
}

export interface SheetDescription {
  name: string;
  planId: string;
  templateVersion: number;
  /** Every cell from A1, rows of equal length. */
  cells: CellValue[][];
  columns: { width: number; hidden: boolean }[];
  /** Applied in order; later entries win where they overlap. */
  styles: StyledRange[];
  validations: Validation[];
  /** In priority order: the first that matches wins (each stops the ones after it where stopIfTrue). */
  conditionalFormats: ConditionalFormat[];
  /** Row ranges grouped as one outline level, each with its summary row (and +/- button) below it: outline.ts. */
  rowGroups: RowGroup[];
  /** Excel's default, the only one Office.js can give; the file writer states it too. */
  outlineSummaryBelow: true;
  freezeRows: number;
  /** The AutoFilter's range; "" for none (a template sheet: a sort would scramble its order). */
  autoFilter: string;
  print: PrintSetup;
  rows: PlanRow[];
  /**
   * Heights (points) for rows whose wrapped text needs more than one line, estimated from text length:
   * file writers store them because not every program re-measures rows when it opens a file.
   */
  rowHeights: { row: number; points: number }[];
}

/** What a person entered on a task or sub-item row, carried over when a plan is rebuilt. */
export interface RowEntry {
  statusText: string;
  /** Excel serial, or null. */
  completedOn: number | null;
  notes: string;
}

export interface DescribeOptions {
  planId: string;
  existingSheetNames: readonly string[];
  /** Entries by row id, written over the template's defaults (a plan in mid-term, as tests and demos show it). */
  entries?: ReadonlyMap<string, RowEntry>;
  /**
   * Cells by row id and column (1-based), written over the template's cells of that row: what people typed on
   * a task when a plan is rebuilt. Columns beyond the table are kept too.
   */
  keptCells?: ReadonlyMap<string, ReadonlyMap<number, CellValue>>;
  /** Rows appended after the template's rows, cell for cell from column A: people's own rows, retired tasks. */
  extraRows?: readonly CellValue[][];
  /**
   * The rows above the table, cell for cell from A1, written instead of a new header (a rebuilt plan keeps its
   * own), and on the table's header row the headings of people's own columns beyond the table.
   */
  headerCells?: readonly CellValue[][];
}

export const text = (value: string): CellValue => ({ kind: "text", text: value });
export const formula = (value: string): CellValue => ({ kind: "formula", formula: value });
export const EMPTY: CellValue = { kind: "empty" };

/** A sheet being described: its cells from A1 and its styles, in the order they apply. */
export interface SheetGrid {
  cells: CellValue[][];
  styles: StyledRange[];
  put(row: number, column: number, value: CellValue): void;
  style(range: string, style: CellStyle): void;
}

/** An empty grid of `rows` rows, `width` columns wide. */
export function createGrid(rows: number, width: number): SheetGrid {
  const cells: CellValue[][] = Array.from({ length: rows }, () => Array.from({ length: width }, () => EMPTY));
  const styles: StyledRange[] = [];
  return {
    cells,
    styles,
    put: (row, column, value) => {
      cells[row - 1][column - 1] = value;
    },
    style: (range, style) => {
      styles.push({ range, style });
    },
  };
}
