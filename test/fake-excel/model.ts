/** Plain in-memory workbook model. Cell contents live in HyperFormula; everything else in plain structures. */
import type { DetailedCellError, HyperFormula, RawCellContent } from "hyperformula";
import {
  Axis,
  MAX_COLS,
  MAX_ROWS,
  Rect,
  containsCell,
  containsRect,
  formatRect,
  grid,
  intersect,
  isEntireColumn,
  isEntireRow,
  qualifiedAddress,
  rectCols,
  rectRows,
  shiftIndex,
  shiftRect,
  subtractRect,
  translateRect,
} from "./address";
import { BORDER_INDEXES } from "./enums";
import { invalidArgument, invalidOperation } from "./errors";
import type { FakeLocale } from "./locale";
import { loadFormulaEngine, loadedFormulaEngine, type FormulaEngine } from "./formula-engine";
import { CellShift, rewriteReferences, shiftFormula, shiftedRect, translateFormula } from "./references";

export type CellValue = number | string | boolean;
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

/** A format assignment over a rectangle; later layers win. A `null` prop value means "reset to default". */
export interface StyleLayer {
  rect: Rect;
  props: Record<string, unknown>;
}

export const STYLE_DEFAULTS: Record<string, unknown> = {
  numberFormat: "General",
  "font.bold": false,
  "font.italic": false,
  "font.color": "#000000",
  "font.size": 11,
  "font.name": "Calibri",
  "font.underline": "None",
  "font.strikethrough": false,
  "fill.color": "#FFFFFF",
  "fill.pattern": "None",
  wrapText: false,
  shrinkToFit: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  indentLevel: 0,
  textOrientation: 0,
  "protection.locked": true,
  "protection.formulaHidden": false,
};
for (const b of BORDER_INDEXES) {
  STYLE_DEFAULTS[`borders.${b}.style`] = "None";
  STYLE_DEFAULTS[`borders.${b}.color`] = "#000000";
  STYLE_DEFAULTS[`borders.${b}.weight`] = "Thin";
}

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface ValidationModel {
  rect: Rect;
  rule: Record<string, unknown> | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface CondFormatModel {
  id: string;
  rect: Rect;
  type: string;
  formula: string | null;
  fill: string | null;
  font: {
    color: string | null;
    bold: boolean | null;
    italic: boolean | null;
    underline: string | null;
    strikethrough: boolean | null;
  };
  numberFormat: string | null;
  stopIfTrue: boolean;
}

/** An Excel table: a header row at `headerRow` and `rowCount` data rows below it (0 = header only). */
export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  headerRow: number;
  startCol: number;
  endCol: number;
  rowCount: number;
  /** The hasHeaders argument of tables.add (false = Excel inserted a generic header row). */
  hasHeaders: boolean;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  deleted: boolean;
}

export interface AutoFilterModel {
  rect: Rect;
  /** columnIndex (relative to rect) → criteria object as passed to apply(). */
  criteria: Record<number, unknown>;
}

/** Rows of the table range as Excel reports it: a header-only table shows one empty body row. */
export function tableRect(t: TableModel): Rect {
  return {
    startRow: t.headerRow,
    endRow: t.headerRow + Math.max(1, t.rowCount),
    startCol: t.startCol,
    endCol: t.endCol,
  };
}

export interface NameModel {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
  scopeSheetId: string | null;
  hf: boolean;
}

export interface HeaderFooterModel {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export interface PageLayoutModel {
  orientation: string;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  printHeadings: boolean;
  printComments: string;
  printErrors: string;
  printOrder: string;
  blackAndWhite: boolean;
  draftMode: boolean;
  firstPageNumber: number | "";
  paperSize: string;
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  headersFooters: {
    state: string;
    useSheetMargins: boolean;
    useSheetScale: boolean;
    defaultForAllPages: HeaderFooterModel;
    firstPage: HeaderFooterModel;
    evenPages: HeaderFooterModel;
    oddPages: HeaderFooterModel;
  };
}

function emptyHeaderFooter(): HeaderFooterModel {
  return { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" };
}

function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: "Portrait",
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    printHeadings: false,
    printComments: "NoComments",
    printErrors: "AsDisplayed",
    printOrder: "DownThenOver",
    blackAndWhite: false,
    draftMode: false,
    firstPageNumber: "",
    paperSize: "Letter",
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    zoom: { scale: 100 },
    headersFooters: {
      state: "Default",
      useSheetMargins: true,
      useSheetScale: true,
      defaultForAllPages: emptyHeaderFooter(),
      firstPage: emptyHeaderFooter(),
      evenPages: emptyHeaderFooter(),
      oddPages: emptyHeaderFooter(),
    },
  };
}

export class SheetModel {
  visibility = "Visible";
  tabColor = "";
  showGridlines = true;
  showHeadings = true;
  styles: StyleLayer[] = [];
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  hiddenRows = new Set<number>();
  hiddenCols = new Set<number>();
  rowLevels = new Map<number, number>();
  colLevels = new Map<number, number>();
  merges: Rect[] = [];
  validations: ValidationModel[] = [];
  condFormats: CondFormatModel[] = [];
  customProps: { key: string; value: string }[] = [];
  pageLayout: PageLayoutModel = defaultPageLayout();
  freeze = { rows: 0, columns: 0 };
  printArea: Rect[] | null = null;
  printTitleRows: Rect | null = null;
  printTitleColumns: Rect | null = null;
  protection = { protected: false, options: {} as Record<string, unknown> };
  autofit: { kind: "columns" | "rows"; rect: Rect }[] = [];
  autoFilter: AutoFilterModel | null = null;
  /** Last worksheet.showOutlineLevels(rows, columns) call. */
  outlineLevelsShown: { rows: number; columns: number } | null = null;
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
    /** The sheet in HyperFormula; -1 until the engine starts (see WorkbookModel.hf). */
    public hfId: number,
  ) {}
}

export interface LogEntry {
  seq: number;
  type: string;
  target: string;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/;

export function hfErrorText(e: DetailedCellError): string {
  return e.value;
}

export class WorkbookModel {
  private engine: { lib: FormulaEngine; hf: HyperFormula } | null = null;
  sheets: SheetModel[] = [];
  names: NameModel[] = [];
  tables: TableModel[] = [];
  activeSheetId = "";
  selection: { sheetId: string; rect: Rect } | null = null;
  eventsEnabled = true;
  calculationMode = "Automatic";
  /** How a person's Excel shows and reads formulas, numbers and dates (locale.ts). */
  locale: FakeLocale = "en-US";
  private idCounter = 0;
  private cfCounter = 0;
  private tableCounter = 0;

  constructor() {
    // With the engine at hand (Node) it starts at once; the browser host starts it on the first write.
    if (loadedFormulaEngine()) this.startEngine();
  }

  /** HyperFormula, which holds every cell. In the browser host, only after formulaEngineReady(). */
  get hf(): HyperFormula {
    return (this.engine ?? this.startEngine()).hf;
  }

  /** False until the engine starts: no cell has been written yet, so every cell reads as empty. */
  get formulaEngineStarted(): boolean {
    return this.engine !== null;
  }

  /** Loads the engine if need be (browser host) and starts it; a no-op once started. */
  async formulaEngineReady(): Promise<void> {
    if (this.engine) return;
    await loadFormulaEngine();
    if (!this.engine) this.startEngine();
  }

  private startEngine(): { lib: FormulaEngine; hf: HyperFormula } {
    const lib = loadedFormulaEngine();
    if (!lib) throw new Error("FakeExcel: HyperFormula is not loaded yet (await model.formulaEngineReady())");
    const hf = lib.HyperFormula.buildEmpty({
      licenseKey: "gpl-v3",
      nullDate: { year: 1899, month: 12, day: 30 },
      leapYear1900: false,
      dateFormats: ["MM/DD/YYYY", "MM/DD/YY", "YYYY-MM-DD", "YYYY/MM/DD"],
      maxRows: MAX_ROWS,
      maxColumns: MAX_COLS,
      useArrayArithmetic: false,
      // Excel's undo is not the add-in's to use; HyperFormula's undo stack costs every write more as it grows.
      undoLimit: 0,
    });
    this.engine = { lib, hf };
    for (const sheet of this.sheets) sheet.hfId = this.addEngineSheet(sheet.name);
    return this.engine;
  }

  private addEngineSheet(name: string): number {
    const hfId = this.hf.getSheetId(this.hf.addSheet(name));
    if (hfId === undefined) throw new Error("FakeExcel: HyperFormula did not create the sheet");
    return hfId;
  }

  private isCellError(v: unknown): v is DetailedCellError {
    return this.engine !== null && v instanceof this.engine.lib.DetailedCellError;
  }

  /**
   * The custom conditional formats that show on one cell, highest priority first, as Excel applies them: each
   * rule's formula is written for the top-left cell of its range and read for this cell with its relative
   * references moved by the cell's offset from there; a rule that holds with stopIfTrue ends the list.
   */
  conditionalFormatsOn(sheet: SheetModel, row: number, col: number): CondFormatModel[] {
    const shown: CondFormatModel[] = [];
    for (const cf of sheet.condFormats) {
      if (cf.type !== "Custom" || !cf.formula || !containsCell(cf.rect, row, col)) continue;
      const formula = translateFormula(cf.formula, row - cf.rect.startRow, col - cf.rect.startCol);
      const result = this.hf.calculateFormula(formula, sheet.hfId);
      if (result === true || (typeof result === "number" && result !== 0)) {
        shown.push(cf);
        if (cf.stopIfTrue) break;
      }
    }
    return shown;
  }

  /** A sheet's raw contents (formulas as text), row by row; empty before the engine starts. */
  serialized(sheet: SheetModel): RawCellContent[][] {
    return this.engine ? this.hf.getSheetSerialized(sheet.hfId) : [];
  }

  // ---------- sheets ----------

  nextSheetId(): string {
    this.idCounter++;
    const hex = this.idCounter.toString(16).toUpperCase().padStart(12, "0");
    return `{00000000-0001-0000-0000-${hex}}`;
  }

  nextCondFormatId(): string {
    this.cfCounter++;
    return `{00000000-00CF-0000-0000-${this.cfCounter.toString(16).toUpperCase().padStart(12, "0")}}`;
  }

  nextTableId(): string {
    this.tableCounter++;
    return `{00000000-0007-0000-0000-${this.tableCounter.toString(16).toUpperCase().padStart(12, "0")}}`;
  }

  // ---------- tables ----------

  tableByName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableByNameOrId(key: string): TableModel | undefined {
    return this.tables.find((t) => t.id === key) ?? this.tableByName(key);
  }

  /** Excel's rules for table names: letter/underscore/backslash first, then letters, digits, `_` `.`; unique. */
  validateTableName(name: unknown, except?: TableModel): string {
    if (typeof name !== "string" || name.length === 0) throw invalidArgument("A table name cannot be blank.");
    if (name.length > 255) throw invalidArgument(`The table name '${name}' is longer than 255 characters.`);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) {
      throw invalidArgument(
        `The table name '${name}' is not valid: it must start with a letter, underscore or backslash and contain no spaces or special characters.`,
      );
    }
    if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr]([0-9]*)?[Cc]?([0-9]*)?$/.test(name)) {
      throw invalidArgument(`The table name '${name}' is not valid because it looks like a cell reference.`);
    }
    const clash = this.tableByName(name);
    if (clash && clash !== except) throw invalidArgument(`A table named '${name}' already exists.`);
    if (this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
      throw invalidArgument(`The table name '${name}' conflicts with an existing defined name.`);
    }
    return name;
  }

  defaultTableName(): string {
    let i = this.tables.length + 1;
    while (this.tableByName(`Table${i}`)) i++;
    return `Table${i}`;
  }

  validateSheetName(name: unknown, except?: SheetModel): string {
    if (typeof name !== "string" || name.trim() === "") throw invalidArgument("A worksheet name cannot be blank.");
    if (name.length > 31) throw invalidArgument(`The worksheet name '${name}' is longer than 31 characters.`);
    if (INVALID_SHEET_CHARS.test(name)) {
      throw invalidArgument(`The worksheet name '${name}' contains one of the invalid characters [ ] : * ? / \\.`);
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      throw invalidArgument(`The worksheet name '${name}' cannot begin or end with an apostrophe.`);
    }
    const clash = this.sheetByName(name);
    if (clash && clash !== except) throw invalidArgument(`A worksheet named '${name}' already exists.`);
    return name;
  }

  addSheet(name?: string): SheetModel {
    let finalName: string;
    if (name === undefined || name === null) {
      let i = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      finalName = `Sheet${i}`;
    } else finalName = this.validateSheetName(name);
    const hfId = this.engine ? this.addEngineSheet(finalName) : -1;
    const sheet = new SheetModel(this.nextSheetId(), finalName, hfId);
    this.sheets.push(sheet);
    if (!this.activeSheetId) {
      this.activeSheetId = sheet.id;
      this.selection = { sheetId: sheet.id, rect: { startRow: 0, startCol: 0, endRow: 0, endCol: 0 } };
    }
    return sheet;
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByNameOrId(key: string): SheetModel | undefined {
    return this.sheetById(key) ?? this.sheetByName(key);
  }

  renameSheet(sheet: SheetModel, name: unknown): void {
    const n = this.validateSheetName(name, sheet);
    if (this.engine) this.hf.renameSheet(sheet.hfId, n);
    sheet.name = n;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw invalidOperation("A workbook must contain at least one visible worksheet.");
    }
    const idx = this.sheets.indexOf(sheet);
    if (this.engine) {
      this.referencesToDeletedSheet(sheet);
      this.hf.removeSheet(sheet.hfId);
    }
    this.sheets.splice(idx, 1);
    sheet.deleted = true;
    this.names = this.names.filter((n) => n.scopeSheetId !== sheet.id);
    for (const t of this.tables) if (t.sheet === sheet) t.deleted = true;
    this.tables = this.tables.filter((t) => !t.deleted);
    if (this.activeSheetId === sheet.id) {
      const next = this.sheets.slice(Math.max(0, idx - 1)).find((s) => s.visibility === "Visible") ?? this.sheets[0];
      this.activeSheetId = next.id;
      this.selection = { sheetId: next.id, rect: { startRow: 0, startCol: 0, endRow: 0, endCol: 0 } };
    }
    if (this.selection?.sheetId === sheet.id) this.selection = null;
  }

  /**
   * Excel rewrites every reference to a deleted sheet in the formulas of the other sheets: `='Plan'!$B$3&""`
   * becomes `=#REF!$B$3&""` (the fake writes `=#REF!&""`, as for deleted cells). HyperFormula alone would keep the
   * old text, and a sheet added later under the same name would bring the value back.
   */
  private referencesToDeletedSheet(sheet: SheetModel): void {
    const name = sheet.name.toLowerCase();
    const writes: { address: { sheet: number; row: number; col: number }; formula: string }[] = [];
    for (const other of this.sheets) {
      if (other === sheet) continue;
      this.hf.getSheetSerialized(other.hfId).forEach((line, row) =>
        line.forEach((raw, col) => {
          if (typeof raw !== "string" || !raw.startsWith("=")) return;
          const next = rewriteReferences(raw, (ref) => (ref.sheet?.toLowerCase() === name ? null : ref));
          if (next !== raw) writes.push({ address: { sheet: other.hfId, row, col }, formula: next });
        }),
      );
    }
    if (writes.length === 0) return;
    this.hf.batch(() => {
      for (const { address, formula } of writes) this.hf.setCellContents(address, [[formula]]);
    });
  }

  moveSheet(sheet: SheetModel, position: unknown): void {
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw invalidArgument(`Invalid worksheet position ${String(position)}.`);
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: SheetModel, v: unknown): void {
    if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden")
      throw invalidArgument(`Invalid visibility '${String(v)}'.`);
    if (v !== "Visible" && sheet.visibility === "Visible") {
      const visible = this.sheets.filter((s) => s.visibility === "Visible");
      if (visible.length === 1) throw invalidOperation("A workbook must contain at least one visible worksheet.");
    }
    sheet.visibility = v;
    if (v !== "Visible" && this.activeSheetId === sheet.id) {
      const next = this.sheets.find((s) => s.visibility === "Visible");
      if (next) this.activeSheetId = next.id;
    }
  }

  address(sheet: SheetModel, rect: Rect, absolute = false): string {
    return qualifiedAddress(sheet.name, rect, absolute);
  }

  // ---------- cells ----------

  private addr(sheet: SheetModel, row: number, col: number) {
    return { sheet: sheet.hfId, row, col };
  }

  getValue(sheet: SheetModel, row: number, col: number): CellValue {
    if (!this.engine) return "";
    const v = this.hf.getCellValue(this.addr(sheet, row, col));
    if (v === null || v === undefined) return "";
    if (this.isCellError(v)) return hfErrorText(v);
    return v;
  }

  getValueType(sheet: SheetModel, row: number, col: number): ValueType {
    if (!this.engine) return "Empty";
    const v = this.hf.getCellValue(this.addr(sheet, row, col));
    if (v === null || v === undefined) return "Empty";
    if (this.isCellError(v)) return "Error";
    if (typeof v === "number") return "Double";
    if (typeof v === "boolean") return "Boolean";
    if (v === "") return this.hf.doesCellHaveFormula(this.addr(sheet, row, col)) ? "String" : "Empty";
    return "String";
  }

  getFormula(sheet: SheetModel, row: number, col: number): CellValue {
    if (!this.engine) return "";
    const f = this.hf.getCellFormula(this.addr(sheet, row, col));
    if (f !== undefined) return f;
    const raw = this.hf.getCellSerialized(this.addr(sheet, row, col));
    if (raw === null || raw === undefined) return "";
    if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
      return typeof raw === "string" && raw.startsWith("'") ? raw.slice(1) : this.getValue(sheet, row, col);
    }
    return this.getValue(sheet, row, col);
  }

  /** Converts API input into HyperFormula raw content, validating like Excel would. */
  toRaw(sheet: SheetModel, row: number, col: number, input: unknown): RawCellContent {
    if (input === "") return null;
    if (typeof input === "number") {
      if (!Number.isFinite(input)) throw invalidArgument(`Invalid number ${String(input)}.`);
      return input;
    }
    if (typeof input === "boolean") return input;
    if (typeof input === "string") {
      if (input.startsWith("=") && input.length > 1) {
        if (!this.hf.validateFormula(input)) {
          throw invalidArgument(`The formula '${input}' could not be parsed (FakeExcel uses HyperFormula's parser).`);
        }
        return input;
      }
      const fmt = this.cellStyle(sheet, row, col, "numberFormat");
      // A Text-formatted cell keeps what is typed as text; a leading apostrophe is still Excel's text prefix.
      if (fmt === "@") return input.startsWith("'") ? input : `'${input}`;
      return input;
    }
    throw invalidArgument(`Unsupported cell value of type ${input === null ? "null" : typeof input}.`);
  }

  /** Writes a 2D block (null entries are skipped, like Office). Auto-applies date/percent formats to typed strings. */
  writeCells(sheet: SheetModel, top: number, left: number, block: unknown[][]): void {
    const raws: { row: number; col: number; raw: RawCellContent; typed: boolean }[] = [];
    block.forEach((line, i) =>
      line.forEach((input, j) => {
        if (input === null || input === undefined) return;
        const row = top + i;
        const col = left + j;
        raws.push({ row, col, raw: this.toRaw(sheet, row, col, input), typed: typeof input === "string" });
      }),
    );
    this.hf.batch(() => {
      for (const r of raws) this.hf.setCellContents(this.addr(sheet, r.row, r.col), r.raw);
    });
    for (const r of raws) {
      if (!r.typed || typeof r.raw !== "string" || r.raw.startsWith("=") || r.raw.startsWith("'")) continue;
      const detailed = this.hf.getCellValueDetailedType(this.addr(sheet, r.row, r.col));
      const auto =
        detailed === "NUMBER_DATE"
          ? "m/d/yyyy"
          : detailed === "NUMBER_DATETIME"
            ? "m/d/yyyy h:mm"
            : detailed === "NUMBER_TIME"
              ? "h:mm"
              : detailed === "NUMBER_PERCENT"
                ? "0%"
                : detailed === "NUMBER_CURRENCY"
                  ? "$#,##0.00"
                  : null;
      if (auto && this.cellStyle(sheet, r.row, r.col, "numberFormat") === "General") {
        this.setStyle(
          sheet,
          { startRow: r.row, endRow: r.row, startCol: r.col, endCol: r.col },
          { numberFormat: auto },
        );
      }
    }
  }

  clearContents(sheet: SheetModel, rect: Rect): void {
    const used = this.usedRect(sheet, true);
    if (!used) return;
    const r = intersect(rect, used);
    if (!r) return;
    this.hf.batch(() => {
      for (let row = r.startRow; row <= r.endRow; row++) {
        for (let col = r.startCol; col <= r.endCol; col++) this.hf.setCellContents(this.addr(sheet, row, col), null);
      }
    });
  }

  /** Bounding rectangle of non-empty cells (plus bounded formatted areas unless valuesOnly). */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    const data = this.serialized(sheet);
    let rect: Rect | null = null;
    const grow = (r: Rect) => {
      rect = rect
        ? {
            startRow: Math.min(rect.startRow, r.startRow),
            endRow: Math.max(rect.endRow, r.endRow),
            startCol: Math.min(rect.startCol, r.startCol),
            endCol: Math.max(rect.endCol, r.endCol),
          }
        : r;
    };
    data.forEach((line, row) =>
      line.forEach((cell, col) => {
        if (cell !== null && cell !== undefined && cell !== "")
          grow({ startRow: row, endRow: row, startCol: col, endCol: col });
      }),
    );
    if (!valuesOnly) {
      for (const l of sheet.styles) if (!isEntireColumn(l.rect) && !isEntireRow(l.rect)) grow(l.rect);
    }
    return rect;
  }

  // ---------- styles ----------

  setStyle(sheet: SheetModel, rect: Rect, props: Record<string, unknown>): void {
    const keys = Object.keys(props);
    sheet.styles = sheet.styles.filter((l) => {
      if (!containsRect(rect, l.rect)) return true;
      for (const k of keys) delete l.props[k];
      return Object.keys(l.props).length > 0;
    });
    const last = sheet.styles[sheet.styles.length - 1];
    if (
      last &&
      last.rect.startRow === rect.startRow &&
      last.rect.endRow === rect.endRow &&
      last.rect.startCol === rect.startCol &&
      last.rect.endCol === rect.endCol
    ) {
      Object.assign(last.props, props);
    } else sheet.styles.push({ rect: { ...rect }, props: { ...props } });
  }

  /** Effective value of one style key over a range; null when mixed (as Office reports). */
  styleOver(sheet: SheetModel, rect: Rect, key: string): unknown {
    const def = STYLE_DEFAULTS[key] ?? null;
    let result: unknown = def;
    let mixed = false;
    for (const l of sheet.styles) {
      if (!(key in l.props)) continue;
      const v = l.props[key] ?? def;
      if (containsRect(l.rect, rect)) {
        result = v;
        mixed = false;
      } else if (intersect(l.rect, rect) && v !== result) mixed = true;
    }
    return mixed ? null : result;
  }

  cellStyle(sheet: SheetModel, row: number, col: number, key: string): unknown {
    for (let i = sheet.styles.length - 1; i >= 0; i--) {
      const l = sheet.styles[i];
      if (key in l.props && containsCell(l.rect, row, col)) return l.props[key] ?? STYLE_DEFAULTS[key] ?? null;
    }
    return STYLE_DEFAULTS[key] ?? null;
  }

  clearFormats(sheet: SheetModel, rect: Rect): void {
    const keys = new Set<string>();
    for (const l of sheet.styles) if (intersect(l.rect, rect)) Object.keys(l.props).forEach((k) => keys.add(k));
    if (keys.size === 0) return;
    const props: Record<string, unknown> = {};
    for (const k of keys) props[k] = null;
    this.setStyle(sheet, rect, props);
    sheet.styles = sheet.styles.filter(
      (l) => Object.values(l.props).some((v) => v !== null) || !containsRect(rect, l.rect),
    );
  }

  // ---------- dimensions ----------

  static uniform(map: Map<number, number>, start: number, end: number, dflt: number): number | null {
    const values = new Set<number>();
    let count = 0;
    for (const [k, v] of map) {
      if (k >= start && k <= end) {
        values.add(v);
        count++;
      }
    }
    if (count < end - start + 1) values.add(dflt);
    return values.size === 1 ? [...values][0] : null;
  }

  static hiddenState(set: Set<number>, start: number, end: number): boolean | null {
    let count = 0;
    for (const k of set) if (k >= start && k <= end) count++;
    if (count === 0) return false;
    return count === end - start + 1 ? true : null;
  }

  // ---------- structure changes ----------

  /** Inserts (count > 0) or deletes (count < 0) entire rows/columns at `at`, moving everything like Excel. */
  shiftStructure(sheet: SheetModel, axis: Axis, at: number, count: number): void {
    const shift: CellShift = {
      sheetName: sheet.name,
      axis,
      at,
      count,
      from: 0,
      to: (axis === "rows" ? MAX_COLS : MAX_ROWS) - 1,
    };
    // Rule formulas first: they are read against the rectangles as they were.
    this.shiftRules(sheet, shift);
    if (axis === "rows") {
      if (count > 0) this.hf.addRows(sheet.hfId, [at, count]);
      else this.hf.removeRows(sheet.hfId, [at, -count]);
    } else if (count > 0) this.hf.addColumns(sheet.hfId, [at, count]);
    else this.hf.removeColumns(sheet.hfId, [at, -count]);
    const sr = (r: Rect) => shiftRect(r, axis, at, count);
    sheet.styles = sheet.styles.flatMap((l) => {
      const r = sr(l.rect);
      return r ? [{ rect: r, props: l.props }] : [];
    });
    sheet.validations = sheet.validations.flatMap((v) => {
      const r = sr(v.rect);
      return r ? [{ ...v, rect: r }] : [];
    });
    sheet.merges = sheet.merges.flatMap((m) => {
      const r = sr(m);
      return r ? [r] : [];
    });
    if (sheet.printArea) {
      const pa = sheet.printArea.flatMap((m) => {
        const r = sr(m);
        return r ? [r] : [];
      });
      sheet.printArea = pa.length ? pa : null;
    }
    if (sheet.autoFilter) {
      const r = sr(sheet.autoFilter.rect);
      sheet.autoFilter = r ? { ...sheet.autoFilter, rect: r } : null;
    }
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      const full: Rect = {
        startRow: t.headerRow,
        endRow: t.headerRow + t.rowCount,
        startCol: t.startCol,
        endCol: t.endCol,
      };
      const r = sr(full);
      const header = axis === "rows" ? shiftIndex(t.headerRow, at, count) : t.headerRow;
      if (!r || header === null) {
        t.deleted = true;
        continue;
      }
      t.headerRow = header;
      t.rowCount = r.endRow - header;
      t.startCol = r.startCol;
      t.endCol = r.endCol;
    }
    this.tables = this.tables.filter((t) => !t.deleted);
    if (sheet.printTitleRows) sheet.printTitleRows = sr(sheet.printTitleRows);
    if (sheet.printTitleColumns) sheet.printTitleColumns = sr(sheet.printTitleColumns);
    const shiftMap = <V>(m: Map<number, V>): Map<number, V> => {
      const out = new Map<number, V>();
      for (const [k, v] of m) {
        const nk = shiftIndex(k, at, count);
        if (nk !== null) out.set(nk, v);
      }
      return out;
    };
    const shiftSet = (s: Set<number>): Set<number> => {
      const out = new Set<number>();
      for (const k of s) {
        const nk = shiftIndex(k, at, count);
        if (nk !== null) out.add(nk);
      }
      return out;
    };
    if (axis === "rows") {
      sheet.rowHeights = shiftMap(sheet.rowHeights);
      sheet.hiddenRows = shiftSet(sheet.hiddenRows);
      sheet.rowLevels = shiftMap(sheet.rowLevels);
    } else {
      sheet.colWidths = shiftMap(sheet.colWidths);
      sheet.hiddenCols = shiftSet(sheet.hiddenCols);
      sheet.colLevels = shiftMap(sheet.colLevels);
    }
    if (this.selection?.sheetId === sheet.id) {
      const r = sr(this.selection.rect);
      this.selection.rect = r ?? { startRow: 0, startCol: 0, endRow: 0, endCol: 0 };
    }
  }

  /**
   * Partial-range insert/delete (Range.insert/delete on cells that are not entire rows or columns): the cells of
   * the band move, with their contents, formats, data validation and merges; conditional formats move with their
   * range; every formula, rule and defined name that refers to moved cells follows them, and one that refers to a
   * deleted cell becomes #REF!. References that straddle the band's edge keep their address, as in Excel.
   * Row heights, hidden rows and outline levels belong to whole rows and stay.
   */
  shiftCells(sheet: SheetModel, rect: Rect, direction: "down" | "right" | "up" | "left"): void {
    const axis: Axis = direction === "up" || direction === "down" ? "rows" : "columns";
    const size = axis === "rows" ? rectRows(rect) : rectCols(rect);
    const shift: CellShift = {
      sheetName: sheet.name,
      axis,
      at: axis === "rows" ? rect.startRow : rect.startCol,
      count: direction === "down" || direction === "right" ? size : -size,
      from: axis === "rows" ? rect.startCol : rect.startRow,
      to: axis === "rows" ? rect.endCol : rect.endRow,
    };
    const moving = (r: Rect) => intersect(r, movingRegion(shift)) !== null;
    if (sheet.merges.some((m) => moving(m) && !sameCross(m, shift))) {
      throw invalidOperation("This operation would move only part of a merged cell.");
    }
    this.shiftRules(sheet, shift);
    this.moveCellContents(sheet, shift);
    const split = <T>(rects: { rect: Rect; item: T }[]) =>
      rects.flatMap(({ rect, item }) => {
        if (!moving(rect)) return [{ rect, item }];
        return splitAcross(rect, shift).flatMap((part) => {
          const moved = sameCross(part, shift) ? shiftedRect(part, shift) : part;
          return moved ? [{ rect: moved, item }] : [];
        });
      });
    sheet.styles = split(sheet.styles.map((l) => ({ rect: l.rect, item: l.props }))).map(({ rect, item }) => ({
      rect,
      props: item,
    }));
    sheet.validations = split(sheet.validations.map((v) => ({ rect: v.rect, item: v }))).map(({ rect, item }) => ({
      ...item,
      rect,
    }));
    sheet.merges = sheet.merges.flatMap((m) => {
      const r = moving(m) ? shiftedRect(m, shift) : m;
      return r ? [r] : [];
    });
    if (sheet.printArea) {
      const pa = sheet.printArea.flatMap((m) => {
        const r = shiftedRect(m, shift);
        return r ? [r] : [];
      });
      sheet.printArea = pa.length ? pa : null;
    }
    if (sheet.autoFilter) {
      const r = shiftedRect(sheet.autoFilter.rect, shift);
      sheet.autoFilter = r ? { ...sheet.autoFilter, rect: r } : null;
    }
  }

  /** Moves the band's cell contents and rewrites every formula in the workbook that refers to moved cells. */
  private moveCellContents(sheet: SheetModel, shift: CellShift): void {
    const region = movingRegion(shift);
    const clears: { sheet: number; row: number; col: number }[] = [];
    const writes: { address: { sheet: number; row: number; col: number }; raw: RawCellContent }[] = [];
    for (const s of this.sheets) {
      this.hf.getSheetSerialized(s.hfId).forEach((line, row) =>
        line.forEach((raw, col) => {
          if (raw === null || raw === undefined || raw === "") return;
          const from = { row, col };
          const moves = s === sheet && containsCell(region, row, col);
          const to = moves ? shiftedCell(from, shift) : from;
          const content =
            typeof raw === "string" && raw.startsWith("=") ? shiftFormula(raw, s.name, shift, from, to ?? from) : raw;
          if (moves) {
            clears.push({ sheet: s.hfId, row, col });
            if (to) writes.push({ address: { sheet: s.hfId, ...to }, raw: content as RawCellContent });
          } else if (content !== raw) {
            writes.push({ address: { sheet: s.hfId, row, col }, raw: content as RawCellContent });
          }
        }),
      );
    }
    this.hf.batch(() => {
      for (const c of clears) this.hf.setCellContents(c, null);
      for (const w of writes) this.hf.setCellContents(w.address, w.raw);
    });
    for (const n of this.names) {
      const before = this.nameFormula(n);
      const own = n.scopeSheetId ? (this.sheetById(n.scopeSheetId)?.name ?? "") : "";
      const after = shiftFormula(before, own, shift, ORIGIN, ORIGIN);
      if (after === before) continue;
      n.formula = after;
      if (n.hf) {
        const scope = n.scopeSheetId ? this.sheetById(n.scopeSheetId)?.hfId : undefined;
        this.hf.changeNamedExpression(n.name, after, scope);
      }
    }
  }

  /**
   * Conditional formats of the shifted sheet move with their cells, and every rule formula in the workbook
   * (conditional formats, data validation) follows the cells it refers to. A rule's formula is written for the
   * top-left cell of its range. Validation ranges themselves are moved by the caller (they may split).
   */
  private shiftRules(sheet: SheetModel, shift: CellShift): void {
    const region = movingRegion(shift);
    const follow = (formula: string, s: SheetModel, rect: Rect, moves: boolean) => {
      const anchor = topLeft(rect);
      if (!moves) return { rect: rect as Rect | null, formula: shiftFormula(formula, s.name, shift, anchor, anchor) };
      const moved = shiftedRect(rect, shift);
      const rep = firstSurvivor(rect, shift);
      const newRep = rep ? shiftedCell(rep, shift) : null;
      if (!moved || !rep || !newRep) return { rect: null, formula };
      return { rect: moved, formula: shiftFormula(formula, s.name, shift, anchor, topLeft(moved), rep, newRep) };
    };
    for (const s of this.sheets) {
      const own = s === sheet;
      s.condFormats = s.condFormats.flatMap((cf) => {
        const moves = own && intersect(cf.rect, region) !== null;
        if (moves && !sameCross(cf.rect, shift)) {
          throw new Error(
            `FakeExcel: moving part of the conditional format on ${formatRect(cf.rect)} (its range would split) is not implemented`,
          );
        }
        const followed = follow(cf.formula ?? "", s, cf.rect, moves);
        if (!followed.rect) return [];
        return [{ ...cf, rect: followed.rect, formula: cf.formula === null ? null : followed.formula }];
      });
      s.validations = s.validations.map((v) => {
        if (!v.rule) return v;
        const moves = own && intersect(v.rect, region) !== null && sameCross(v.rect, shift);
        return { ...v, rule: mapRuleFormulas(v.rule, (f) => follow(f, s, v.rect, moves).formula) };
      });
    }
  }

  // ---------- copy and sort ----------

  /**
   * Range.copyFrom: Excel's Copy and Paste. `what` "All" brings contents (relative references moved with the
   * cells), formats, data validation, conditional formats and merged areas; "Formulas" contents only; "Values" the
   * values formulas show; "Formats" formats, conditional formats and merges. What the pasted area held before is
   * replaced. Returns the pasted area (the source's size from the destination's top-left cell).
   */
  copyCells(src: { sheet: SheetModel; rect: Rect }, dest: { sheet: SheetModel; rect: Rect }, what: CopyKind): Rect {
    const rows = rectRows(src.rect);
    const cols = rectCols(src.rect);
    const target: Rect = {
      startRow: dest.rect.startRow,
      endRow: dest.rect.startRow + rows - 1,
      startCol: dest.rect.startCol,
      endCol: dest.rect.startCol + cols - 1,
    };
    if (target.endRow >= MAX_ROWS || target.endCol >= MAX_COLS)
      throw invalidArgument("The paste does not fit on the sheet.");
    const dr = target.startRow - src.rect.startRow;
    const dc = target.startCol - src.rect.startCol;
    // Everything is read before anything is written: source and destination may overlap.
    const contents = grid(src.rect, (r, c) => {
      const raw = this.hf.getCellSerialized({ sheet: src.sheet.hfId, row: r, col: c });
      if (what === "Values") {
        const value = this.getValue(src.sheet, r, c);
        return typeof value === "string" && value !== "" ? `'${value}` : value === "" ? null : value;
      }
      return typeof raw === "string" && raw.startsWith("=") ? translateFormula(raw, dr, dc) : raw;
    });
    const layers = clipLayers(src.sheet.styles, src.rect).map((l) => ({ ...l, rect: translateRect(l.rect, dr, dc) }));
    const validations = src.sheet.validations.flatMap((v) => {
      const clip = intersect(v.rect, src.rect);
      if (!clip) return [];
      const rect = translateRect(clip, dr, dc);
      const moveBy = (f: string) =>
        translateFormula(f, rect.startRow - v.rect.startRow, rect.startCol - v.rect.startCol);
      return [{ ...deepCopy(v), rect, rule: v.rule ? mapRuleFormulas(v.rule, moveBy) : null }];
    });
    const rules = src.sheet.condFormats.flatMap((cf) => {
      const clip = intersect(cf.rect, src.rect);
      if (!clip) return [];
      const rect = translateRect(clip, dr, dc);
      const formula =
        cf.formula === null
          ? null
          : translateFormula(cf.formula, rect.startRow - cf.rect.startRow, rect.startCol - cf.rect.startCol);
      return [{ ...deepCopy(cf), id: this.nextCondFormatId(), rect, formula }];
    });
    const merges = src.sheet.merges.filter((m) => containsRect(src.rect, m)).map((m) => translateRect(m, dr, dc));
    const sheet = dest.sheet;
    if (what !== "Formats") {
      this.hf.batch(() =>
        contents.forEach((line, i) =>
          line.forEach((raw, j) =>
            this.hf.setCellContents(
              { sheet: sheet.hfId, row: target.startRow + i, col: target.startCol + j },
              (raw ?? null) as RawCellContent,
            ),
          ),
        ),
      );
    }
    if (what === "All" || what === "Formats") {
      sheet.styles = [...cutOut(sheet.styles, target), ...layers];
      sheet.merges = [...sheet.merges.filter((m) => !intersect(m, target)), ...merges];
      const kept = sheet.condFormats.flatMap((cf) => {
        const parts = subtractRect(cf.rect, target);
        if (parts.length === 0) return [];
        if (parts.length > 1) {
          throw new Error(
            `FakeExcel: pasting over part of the conditional format on ${formatRect(cf.rect)} (its range would split) is not implemented`,
          );
        }
        const [rect] = parts;
        const formula =
          cf.formula === null
            ? null
            : translateFormula(cf.formula, rect.startRow - cf.rect.startRow, rect.startCol - cf.rect.startCol);
        return [{ ...cf, rect, formula }];
      });
      sheet.condFormats = [...rules, ...kept];
    }
    if (what === "All") {
      sheet.validations = [
        ...sheet.validations.flatMap((v) => subtractRect(v.rect, target).map((rect) => ({ ...v, rect }))),
        ...validations,
      ];
    }
    return target;
  }

  /**
   * Range.sort.apply on rows: the rows of `rect` (below a header row when `hasHeaders`) are reordered by `keys`,
   * each row's cells moving together with their formats; relative references in moved formulas move with them.
   * Cells outside `rect` (other columns included) stay where they are, as do data validation and conditional formats.
   * Excel's order: numbers, text (case-insensitive unless `matchCase`), FALSE/TRUE, errors; descending reverses it;
   * blanks always last. The sort is stable.
   */
  sortRows(sheet: SheetModel, rect: Rect, keys: { column: number; ascending: boolean }[], matchCase: boolean): Rect {
    const data = rect;
    const count = rectRows(data);
    const rank = (type: ValueType) =>
      type === "Empty" ? 4 : type === "Double" ? 0 : type === "String" ? 1 : type === "Boolean" ? 2 : 3;
    const cell = (i: number, column: number) => {
      const row = data.startRow + i;
      const col = data.startCol + column;
      return { value: this.getValue(sheet, row, col), type: this.getValueType(sheet, row, col) };
    };
    const compare = (a: number, b: number): number => {
      for (const key of keys) {
        const x = cell(a, key.column);
        const y = cell(b, key.column);
        const rx = rank(x.type);
        const ry = rank(y.type);
        if (rx === 4 || ry === 4) {
          if (rx !== ry) return rx === 4 ? 1 : -1; // blanks last, whichever the direction
          continue;
        }
        let order = rx - ry;
        if (order === 0 && rx === 0) order = (x.value as number) - (y.value as number);
        if (order === 0 && rx === 1) {
          order = String(x.value).localeCompare(String(y.value), "en", { sensitivity: matchCase ? "case" : "base" });
        }
        if (order === 0 && rx === 2) order = Number(x.value) - Number(y.value);
        if (order !== 0) return key.ascending ? Math.sign(order) : -Math.sign(order);
      }
      return a - b;
    };
    const order = Array.from({ length: count }, (_, i) => i).sort(compare);
    const raws = order.map((from, to) => {
      const delta = to - from;
      return Array.from({ length: rectCols(data) }, (_, j) => {
        const raw = this.hf.getCellSerialized({ sheet: sheet.hfId, row: data.startRow + from, col: data.startCol + j });
        return typeof raw === "string" && raw.startsWith("=") ? translateFormula(raw, delta, 0) : raw;
      });
    });
    this.hf.batch(() =>
      raws.forEach((line, i) =>
        line.forEach((raw, j) =>
          this.hf.setCellContents(
            { sheet: sheet.hfId, row: data.startRow + i, col: data.startCol + j },
            (raw ?? null) as RawCellContent,
          ),
        ),
      ),
    );
    // Formats travel with their rows: each layer is cut into one slice per row inside the sorted area.
    const destination = new Map(order.map((from, to) => [data.startRow + from, data.startRow + to]));
    sheet.styles = sheet.styles.flatMap((l) => {
      const inside = intersect(l.rect, data);
      if (!inside) return [l];
      const slices: StyleLayer[] = [];
      for (let r = inside.startRow; r <= inside.endRow; r++) {
        const to = destination.get(r) ?? r;
        slices.push({ rect: { ...inside, startRow: to, endRow: to }, props: l.props });
      }
      return [...subtractRect(l.rect, data).map((rect) => ({ rect, props: l.props })), ...slices];
    });
    return data;
  }

  // ---------- names ----------

  findName(name: string, scopeSheetId: string | null): NameModel | undefined {
    const lower = name.toLowerCase();
    return this.names.find((n) => n.scopeSheetId === scopeSheetId && n.name.toLowerCase() === lower);
  }

  addName(name: unknown, formula: string, comment: string, scope: SheetModel | null): NameModel {
    if (typeof name !== "string" || !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255) {
      throw invalidArgument(`'${String(name)}' is not a valid name.`);
    }
    if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr]([0-9]*)?[Cc]?([0-9]*)?$/.test(name)) {
      throw invalidArgument(`'${name}' is not a valid name because it looks like a cell reference.`);
    }
    const scopeId = scope ? scope.id : null;
    if (this.tableByName(name)) throw invalidArgument(`The name '${name}' is already used by a table.`);
    if (this.findName(name, scopeId)) throw invalidArgument(`The name '${name}' already exists.`);
    const model: NameModel = { name, formula, comment, visible: true, scopeSheetId: scopeId, hf: false };
    const hf = this.hf; // outside the try: an engine that is not loaded is the caller's mistake, not a bad formula
    try {
      hf.addNamedExpression(name, formula, scope ? scope.hfId : undefined);
      model.hf = true;
    } catch {
      model.hf = false; // kept in the model even if HyperFormula cannot evaluate it
    }
    this.names.push(model);
    return model;
  }

  nameFormula(n: NameModel): string {
    if (n.hf) {
      const scope = n.scopeSheetId ? this.sheetById(n.scopeSheetId)?.hfId : undefined;
      const f = this.hf.getNamedExpressionFormula(n.name, scope);
      if (f !== undefined) return f;
    }
    return n.formula;
  }

  deleteName(n: NameModel): void {
    if (n.hf) {
      const scope = n.scopeSheetId ? this.sheetById(n.scopeSheetId)?.hfId : undefined;
      try {
        this.hf.removeNamedExpression(n.name, scope);
      } catch {
        // already gone from HyperFormula
      }
    }
    this.names = this.names.filter((x) => x !== n);
  }
}

// ---------- helpers for moving cells ----------

const ORIGIN = { row: 0, col: 0 };

function topLeft(rect: Rect): { row: number; col: number } {
  return { row: rect.startRow, col: rect.startCol };
}

/** The cells a shift moves (or deletes): the band's cross extent, from `at` to the end of the sheet. */
function movingRegion(shift: CellShift): Rect {
  return shift.axis === "rows"
    ? { startRow: shift.at, endRow: MAX_ROWS - 1, startCol: shift.from, endCol: shift.to }
    : { startRow: shift.from, endRow: shift.to, startCol: shift.at, endCol: MAX_COLS - 1 };
}

/** Does `rect` lie within the band across the shift's axis (so it moves as a whole)? */
function sameCross(rect: Rect, shift: CellShift): boolean {
  const [lo, hi] = shift.axis === "rows" ? [rect.startCol, rect.endCol] : [rect.startRow, rect.endRow];
  return lo >= shift.from && hi <= shift.to;
}

/** `rect` cut at the band's edges: the parts beside the band and the part within it. */
function splitAcross(rect: Rect, shift: CellShift): Rect[] {
  const [lo, hi] = shift.axis === "rows" ? [rect.startCol, rect.endCol] : [rect.startRow, rect.endRow];
  const spans: [number, number][] = [
    [lo, Math.min(hi, shift.from - 1)],
    [Math.max(lo, shift.from), Math.min(hi, shift.to)],
    [Math.max(lo, shift.to + 1), hi],
  ];
  return spans
    .filter(([a, b]) => a <= b)
    .map(([a, b]) =>
      shift.axis === "rows" ? { ...rect, startCol: a, endCol: b } : { ...rect, startRow: a, endRow: b },
    );
}

/** Where one cell goes; null when it is deleted or pushed off the sheet. */
function shiftedCell(cell: { row: number; col: number }, shift: CellShift): { row: number; col: number } | null {
  const moved = shiftedRect({ startRow: cell.row, endRow: cell.row, startCol: cell.col, endCol: cell.col }, shift);
  return moved ? { row: moved.startRow, col: moved.startCol } : null;
}

/** The first cell of `rect` (along the shift's axis) that is not deleted. */
function firstSurvivor(rect: Rect, shift: CellShift): { row: number; col: number } | null {
  const [lo, hi] = shift.axis === "rows" ? [rect.startRow, rect.endRow] : [rect.startCol, rect.endCol];
  for (let i = lo; i <= hi; i++) {
    if (shiftIndex(i, shift.at, shift.count) === null) continue;
    return shift.axis === "rows" ? { row: i, col: rect.startCol } : { row: rect.startRow, col: i };
  }
  return null;
}

/** Applies `fn` to the formulas of a validation rule (a list source or a criterion given as "=..."). */
function mapRuleFormulas(rule: Record<string, unknown>, fn: (formula: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [kind, body] of Object.entries(rule)) {
    if (body === null || typeof body !== "object") {
      out[kind] = body;
      continue;
    }
    const mapped: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const key of ["source", "formula", "formula1", "formula2"]) {
      const value = mapped[key];
      if (typeof value === "string" && value.startsWith("=")) mapped[key] = fn(value);
    }
    out[kind] = mapped;
  }
  return out;
}

export type CopyKind = "All" | "Formulas" | "Values" | "Formats";

/** The parts of each layer inside `rect`, in layer order. */
function clipLayers(layers: StyleLayer[], rect: Rect): StyleLayer[] {
  return layers.flatMap((l) => {
    const clip = intersect(l.rect, rect);
    return clip ? [{ rect: clip, props: { ...l.props } }] : [];
  });
}

/** The layers with `rect` cut out of them: the cells of `rect` go back to the default format. */
function cutOut(layers: StyleLayer[], rect: Rect): StyleLayer[] {
  return layers.flatMap((l) => subtractRect(l.rect, rect).map((part) => ({ rect: part, props: l.props })));
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
