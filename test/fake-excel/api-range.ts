/** Range and everything hanging off it: format, font, fill, borders, protection, data validation, conditional formats. */
import { filteredWriteRows } from "./filter";
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  boundingRect,
  checkRect,
  containsRect,
  formatRect,
  grid,
  intersect,
  isEntireColumn,
  isEntireRow,
  parseAddress,
  rectCols,
  rectRows,
  sameRect,
  subtractRect,
} from "./address";
import { ApplyCtx, ClientObject, FakeCore, TypeDef, clientObjectOf, defineType } from "./core";
import { invalidArgument, invalidOperation, itemNotFound, notImplemented } from "./errors";
import { invariantFormula, localFormula, localText } from "./locale";
import { formatValue } from "./number-format";
import { deepClone } from "./strict";
import { BORDER_INDEXES, CF_TYPES } from "./enums";
import { CondFormatModel, SheetModel, ValidationModel, WorkbookModel } from "./model";
import {
  BORDER_STYLE,
  BORDER_WEIGHT,
  DV_OPERATORS,
  H_ALIGN,
  UNDERLINE,
  V_ALIGN,
  bool,
  int,
  normalizeColor,
  num,
  oneOf,
  str,
  to2D,
} from "./values";
import { worksheetDef } from "./api-workbook";

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

export interface RangeAreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

const R = (t: unknown) => t as RangeTarget;

/** Resolves an argument that may be a Range proxy or an address string (relative to `sheet`). */
export function resolveRangeArg(arg: unknown, model: WorkbookModel, sheet: SheetModel): RangeTarget {
  const obj = clientObjectOf(arg);
  if (obj) {
    const t = obj.resolve() as Partial<RangeTarget> & Partial<RangeAreasTarget>;
    if (t.sheet && t.rect) return { sheet: t.sheet, rect: t.rect };
    if (t.sheet && t.rects && t.rects.length === 1) return { sheet: t.sheet, rect: t.rects[0] };
    throw invalidArgument(`Expected a Range, got ${obj.def.name}.`);
  }
  if (typeof arg !== "string") throw invalidArgument(`Expected a Range or an address string, got ${String(arg)}.`);
  const p = parseAddress(arg);
  if (p.areas.length !== 1) throw invalidArgument(`Expected a single-area address, got '${arg}'.`);
  const target = p.sheet ? model.sheetByName(p.sheet) : sheet;
  if (!target) throw itemNotFound(`Worksheet '${p.sheet}' does not exist.`);
  return { sheet: target, rect: p.areas[0] };
}

export function rangeAreasArg(arg: unknown, model: WorkbookModel, sheet: SheetModel): RangeAreasTarget {
  const obj = clientObjectOf(arg);
  if (obj) {
    const t = obj.resolve() as Partial<RangeTarget> & Partial<RangeAreasTarget>;
    if (t.sheet && t.rect) return { sheet: t.sheet, rects: [t.rect] };
    if (t.sheet && t.rects) return { sheet: t.sheet, rects: t.rects };
    throw invalidArgument(`Expected a Range, got ${obj.def.name}.`);
  }
  if (typeof arg !== "string") throw invalidArgument(`Expected a Range or an address string, got ${String(arg)}.`);
  const p = parseAddress(arg);
  const target = p.sheet ? model.sheetByName(p.sheet) : sheet;
  if (!target) throw itemNotFound(`Worksheet '${p.sheet}' does not exist.`);
  return { sheet: target, rects: p.areas };
}

function sheetAlive(t: { sheet: SheetModel }): boolean {
  return !t.sheet.deleted;
}

function cellCountGuard(rect: Rect, what: string): void {
  if (rectRows(rect) * rectCols(rect) > 2_000_000) {
    throw new Error(`FakeExcel: reading ${what} of ${formatRect(rect)} (too many cells) is not implemented`);
  }
}

function valuesGetter(fn: (m: WorkbookModel, s: SheetModel, r: number, c: number) => unknown, what: string) {
  return (t: RangeTarget, core: FakeCore) => {
    cellCountGuard(t.rect, what);
    return grid(t.rect, (r, c) => fn(core.model, t.sheet, r, c));
  };
}

/** Writes a value block (or a scalar) into a range, raising onChanged like any add-in write. */
export function writeValues(t: RangeTarget, v: unknown, ac: ApplyCtx, what: string): void {
  const { sheet, rect } = t;
  const model = ac.model;
  const single = rect.startRow === rect.endRow && rect.startCol === rect.endCol;
  const before = single ? model.getValue(sheet, rect.startRow, rect.startCol) : undefined;
  const typeBefore = single ? model.getValueType(sheet, rect.startRow, rect.startCol) : undefined;
  if (!Array.isArray(v) && (v === "" || v === null) && rectRows(rect) * rectCols(rect) > 200000) {
    model.clearContents(sheet, rect);
  } else {
    const block = to2D(v, rectRows(rect), rectCols(rect), what);
    const visible = filteredWriteRows(sheet, rect);
    if (visible) visible.forEach((row, index) => model.writeCells(sheet, row, rect.startCol, [block[index]]));
    else model.writeCells(sheet, rect.startRow, rect.startCol, block);
  }
  const details = single
    ? {
        valueBefore: before,
        valueAfter: model.getValue(sheet, rect.startRow, rect.startCol),
        valueTypeBefore: typeBefore ?? "Empty",
        valueTypeAfter: model.getValueType(sheet, rect.startRow, rect.startCol),
      }
    : undefined;
  ac.changed(sheet, rect, "RangeEdited", details);
}

/** A format key stored in the sheet's style layers. */
function styleProp(key: string, validate: (v: unknown) => unknown) {
  return {
    get: (t: RangeTarget, core: FakeCore) => core.model.styleOver(t.sheet, t.rect, key),
    set: (t: RangeTarget, v: unknown, ac: ApplyCtx) => {
      ac.model.setStyle(t.sheet, t.rect, { [key]: validate(v) });
      ac.raise("onFormatChanged", t.sheet, undefined, t.rect);
    },
  };
}

// ---------------- Range ----------------

function offsetRect(rect: Rect, dr: number, dc: number): Rect {
  return checkRect({
    startRow: rect.startRow + dr,
    endRow: rect.endRow + dr,
    startCol: rect.startCol + dc,
    endCol: rect.endCol + dc,
  });
}

function intArg(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw invalidArgument(`${what} must be an integer.`);
  return v;
}

function derived(self: ClientObject, fn: (t: RangeTarget) => Rect, def: TypeDef = rangeDef): object {
  return self.child(def, (t) => ({ sheet: R(t).sheet, rect: fn(R(t)) })).proxy;
}

function derivedOrNull(self: ClientObject, fn: (t: RangeTarget, core: FakeCore) => Rect | null): object {
  return self.nullableChild(rangeDef, (t) => {
    const rect = fn(R(t), self.core);
    return rect ? { sheet: R(t).sheet, rect } : null;
  }).proxy;
}

function usedWithin(t: RangeTarget, core: FakeCore, valuesOnly: unknown): Rect | null {
  const used = core.model.usedRect(t.sheet, valuesOnly === true);
  return used ? intersect(used, t.rect) : null;
}

function otherRange(self: ClientObject, arg: unknown, t: RangeTarget): RangeTarget {
  const other = resolveRangeArg(arg, self.core.model, t.sheet);
  if (other.sheet !== t.sheet) throw invalidArgument("The ranges are on different worksheets.");
  return other;
}

function mutateRows(set: Map<number, number>, rect: Rect, axis: "rows" | "columns", delta: number): void {
  const [s, e] = axis === "rows" ? [rect.startRow, rect.endRow] : [rect.startCol, rect.endCol];
  if (e - s > 100000) throw new Error("FakeExcel: grouping more than 100000 rows/columns is not implemented");
  for (let i = s; i <= e; i++) {
    const next = (set.get(i) ?? 0) + delta;
    if (next > 8) throw invalidOperation("Outlines cannot have more than 8 levels.");
    if (next <= 0) set.delete(i);
    else set.set(i, next);
  }
}

function hiddenSetter(axis: "rows" | "columns") {
  return (t: RangeTarget, v: unknown, ac: ApplyCtx) => {
    const hide = bool(v, axis === "rows" ? "rowHidden" : "columnHidden");
    const set = axis === "rows" ? t.sheet.hiddenRows : t.sheet.hiddenCols;
    const [s, e] = axis === "rows" ? [t.rect.startRow, t.rect.endRow] : [t.rect.startCol, t.rect.endCol];
    if (e - s > 100000) throw new Error("FakeExcel: hiding more than 100000 rows/columns is not implemented");
    for (let i = s; i <= e; i++) {
      if (hide) set.add(i);
      else set.delete(i);
    }
    ac.raise("onFormatChanged", t.sheet, undefined, t.rect);
  };
}

export const rangeDef: TypeDef = defineType<RangeTarget>({
  name: "Range",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    address: { get: (t, core) => core.model.address(t.sheet, t.rect) },
    addressLocal: { get: (t, core) => core.model.address(t.sheet, t.rect) },
    rowIndex: { get: (t) => t.rect.startRow },
    columnIndex: { get: (t) => t.rect.startCol },
    rowCount: { get: (t) => rectRows(t.rect) },
    columnCount: { get: (t) => rectCols(t.rect) },
    cellCount: { get: (t) => rectRows(t.rect) * rectCols(t.rect) },
    isEntireRow: { get: (t) => isEntireRow(t.rect) },
    isEntireColumn: { get: (t) => isEntireColumn(t.rect) },
    values: {
      get: valuesGetter((m, s, r, c) => m.getValue(s, r, c), "values"),
      set: (t, v, ac) => writeValues(t, v, ac, "values"),
    },
    formulas: {
      get: valuesGetter((m, s, r, c) => m.getFormula(s, r, c), "formulas"),
      set: (t, v, ac) => writeValues(t, v, ac, "formulas"),
    },
    formulasLocal: {
      get: valuesGetter((m, s, r, c) => localFormula(m.getFormula(s, r, c), m.locale), "formulasLocal"),
      set: (t, v, ac) =>
        writeValues(
          t,
          Array.isArray(v)
            ? v.map((line: unknown) =>
                Array.isArray(line) ? line.map((x) => invariantFormula(x, ac.model.locale)) : line,
              )
            : invariantFormula(v, ac.model.locale),
          ac,
          "formulasLocal",
        ),
    },
    numberFormat: {
      get: valuesGetter((m, s, r, c) => m.cellStyle(s, r, c, "numberFormat"), "numberFormat"),
      set: (t, v, ac) => setNumberFormat(t, v, ac),
    },
    numberFormatLocal: {
      get: valuesGetter((m, s, r, c) => m.cellStyle(s, r, c, "numberFormat"), "numberFormatLocal"),
      set: (t, v, ac) => setNumberFormat(t, v, ac),
    },
    text: {
      get: valuesGetter((m, s, r, c) => {
        const numberFormat = String(m.cellStyle(s, r, c, "numberFormat"));
        return localText(formatValue(m.getValue(s, r, c), numberFormat), numberFormat, m.locale);
      }, "text"),
    },
    valueTypes: { get: valuesGetter((m, s, r, c) => m.getValueType(s, r, c), "valueTypes") },
    rowHidden: {
      get: (t) => WorkbookModel.hiddenState(t.sheet.hiddenRows, t.rect.startRow, t.rect.endRow),
      set: hiddenSetter("rows"),
    },
    columnHidden: {
      get: (t) => WorkbookModel.hiddenState(t.sheet.hiddenCols, t.rect.startCol, t.rect.endCol),
      set: hiddenSetter("columns"),
    },
    hidden: {
      get: (t) => {
        const r = WorkbookModel.hiddenState(t.sheet.hiddenRows, t.rect.startRow, t.rect.endRow);
        const c = WorkbookModel.hiddenState(t.sheet.hiddenCols, t.rect.startCol, t.rect.endCol);
        return r === true || c === true;
      },
    },
  },
  navs: {
    format: { def: () => rangeFormatDef, resolve: (t) => t },
    worksheet: { def: () => worksheetDef, resolve: (t) => t.sheet },
    dataValidation: { def: () => dataValidationDef, resolve: (t) => t },
    conditionalFormats: { def: () => conditionalFormatCollectionDef, resolve: (t) => t },
    sort: { def: () => rangeSortDef, resolve: (t) => t },
  },
  methods: {
    // Range.copyFrom "replicates the Copy and Paste actions of the Excel UI" (ExcelApi 1.9,
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-cut-copy-paste): "All" pastes
    // contents, formats, data validation and conditional formats, as Paste does. The source's size is pasted from
    // the destination's top-left cell ("A1:E1" copied into "G1" lands in G1:K1).
    copyFrom: (self, source, copyType = "All", skipBlanks = false, transpose = false) => {
      const kind = oneOf(copyType, ["All", "Formulas", "Values", "Formats", "Link"], "RangeCopyType");
      if (kind === "Link") throw notImplemented("Range", "copyFrom(Link)");
      if (bool(skipBlanks, "skipBlanks")) throw notImplemented("Range", "copyFrom(skipBlanks)");
      if (bool(transpose, "transpose")) throw notImplemented("Range", "copyFrom(transpose)");
      self.write("copyFrom", (t, ac) => {
        const dest = R(t);
        const src = resolveRangeArg(source, ac.model, dest.sheet);
        const single = rectRows(dest.rect) === 1 && rectCols(dest.rect) === 1;
        if (!single && (rectRows(dest.rect) > rectRows(src.rect) || rectCols(dest.rect) > rectCols(src.rect))) {
          throw notImplemented(
            "Range",
            "copyFrom into a destination larger than the source (Excel repeats the source)",
          );
        }
        const pasted = ac.model.copyCells(src, dest, kind);
        if (kind !== "Formats") ac.changed(dest.sheet, pasted, "RangeEdited");
        if (kind === "All" || kind === "Formats") ac.raise("onFormatChanged", dest.sheet, undefined, pasted);
      });
    },
    getCell: (self, row, col) =>
      derived(self, (t) => {
        const r = t.rect.startRow + intArg(row, "row");
        const c = t.rect.startCol + intArg(col, "column");
        return checkRect({ startRow: r, endRow: r, startCol: c, endCol: c });
      }),
    getOffsetRange: (self, dr, dc) =>
      derived(self, (t) => offsetRect(t.rect, intArg(dr, "rowOffset"), intArg(dc, "columnOffset"))),
    getResizedRange: (self, dr, dc) =>
      derived(self, (t) =>
        checkRect({
          ...t.rect,
          endRow: t.rect.endRow + intArg(dr, "deltaRows"),
          endCol: t.rect.endCol + intArg(dc, "deltaColumns"),
        }),
      ),
    getAbsoluteResizedRange: (self, rows, cols) =>
      derived(self, (t) =>
        checkRect({
          ...t.rect,
          endRow: t.rect.startRow + int(rows, "numRows", 1) - 1,
          endCol: t.rect.startCol + int(cols, "numColumns", 1) - 1,
        }),
      ),
    getRow: (self, i) =>
      derived(self, (t) => {
        const r = t.rect.startRow + intArg(i, "row");
        if (r > t.rect.endRow || r < t.rect.startRow) throw invalidArgument("Row index outside the range.");
        return { ...t.rect, startRow: r, endRow: r };
      }),
    getColumn: (self, i) =>
      derived(self, (t) => {
        const c = t.rect.startCol + intArg(i, "column");
        if (c > t.rect.endCol || c < t.rect.startCol) throw invalidArgument("Column index outside the range.");
        return { ...t.rect, startCol: c, endCol: c };
      }),
    getEntireRow: (self) => derived(self, (t) => ({ ...t.rect, startCol: 0, endCol: MAX_COLS - 1 })),
    getEntireColumn: (self) => derived(self, (t) => ({ ...t.rect, startRow: 0, endRow: MAX_ROWS - 1 })),
    getLastRow: (self) => derived(self, (t) => ({ ...t.rect, startRow: t.rect.endRow })),
    getLastColumn: (self) => derived(self, (t) => ({ ...t.rect, startCol: t.rect.endCol })),
    getLastCell: (self) => derived(self, (t) => ({ ...t.rect, startRow: t.rect.endRow, startCol: t.rect.endCol })),
    getRowsAbove: (self, n = 1) =>
      derived(self, (t) =>
        checkRect({ ...t.rect, startRow: t.rect.startRow - int(n, "count", 1), endRow: t.rect.startRow - 1 }),
      ),
    getRowsBelow: (self, n = 1) =>
      derived(self, (t) =>
        checkRect({ ...t.rect, startRow: t.rect.endRow + 1, endRow: t.rect.endRow + int(n, "count", 1) }),
      ),
    getColumnsBefore: (self, n = 1) =>
      derived(self, (t) =>
        checkRect({ ...t.rect, startCol: t.rect.startCol - int(n, "count", 1), endCol: t.rect.startCol - 1 }),
      ),
    getColumnsAfter: (self, n = 1) =>
      derived(self, (t) =>
        checkRect({ ...t.rect, startCol: t.rect.endCol + 1, endCol: t.rect.endCol + int(n, "count", 1) }),
      ),
    getIntersection: (self, other) =>
      derived(self, (t) => {
        const r = intersect(t.rect, otherRange(self, other, t).rect);
        if (!r) throw itemNotFound("The ranges do not intersect.");
        return r;
      }),
    getIntersectionOrNullObject: (self, other) =>
      derivedOrNull(self, (t) => intersect(t.rect, otherRange(self, other, t).rect)),
    getBoundingRect: (self, other) => derived(self, (t) => boundingRect(t.rect, otherRange(self, other, t).rect)),
    getUsedRange: (self, valuesOnly) =>
      derived(self, (t) => {
        const r = usedWithin(t, self.core, valuesOnly);
        if (!r) throw itemNotFound("The range has no used cells.");
        return r;
      }),
    getUsedRangeOrNullObject: (self, valuesOnly) => derivedOrNull(self, (t, core) => usedWithin(t, core, valuesOnly)),
    select: (self) => {
      self.write("select", (t, ac) => {
        const rt = R(t);
        if (rt.sheet.visibility !== "Visible") throw invalidOperation("Cannot select a range on a hidden worksheet.");
        const prev = ac.model.activeSheetId;
        ac.model.activeSheetId = rt.sheet.id;
        ac.model.selection = { sheetId: rt.sheet.id, rect: { ...rt.rect } };
        if (prev !== rt.sheet.id) ac.raise("onActivated", rt.sheet);
      });
    },
    calculate: (self) => self.write("calculate", () => undefined),
    clear: (self, applyTo = "All") => {
      const what = oneOf(
        applyTo,
        ["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"],
        "applyTo",
      );
      self.write("clear", (t, ac) => {
        const rt = R(t);
        if (what === "All" || what === "Contents" || what === "ResetContents") {
          ac.model.clearContents(rt.sheet, rt.rect);
          ac.changed(rt.sheet, rt.rect, "RangeEdited");
        }
        if (what === "All" || what === "Formats") {
          ac.model.clearFormats(rt.sheet, rt.rect);
          ac.raise("onFormatChanged", rt.sheet, undefined, rt.rect);
        }
      });
    },
    // Range.delete removes the cells and shifts the others to fill the gap; Range.insert shifts them away to make
    // room (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-clear-delete and
    // .../excel-add-ins-ranges-insert). Formulas, formats and rules follow the moved cells (model.shiftCells).
    delete: (self, shift) => {
      const dir = oneOf(shift, ["Up", "Left"], "DeleteShiftDirection");
      self.write("delete", (t, ac) => {
        const rt = R(t);
        if (isEntireRow(rt.rect)) {
          ac.model.shiftStructure(rt.sheet, "rows", rt.rect.startRow, -rectRows(rt.rect));
          ac.changed(rt.sheet, rt.rect, "RowDeleted");
        } else if (isEntireColumn(rt.rect)) {
          ac.model.shiftStructure(rt.sheet, "columns", rt.rect.startCol, -rectCols(rt.rect));
          ac.changed(rt.sheet, rt.rect, "ColumnDeleted");
        } else {
          ac.model.shiftCells(rt.sheet, rt.rect, dir === "Up" ? "up" : "left");
          ac.changed(rt.sheet, rt.rect, "CellDeleted");
        }
      });
    },
    insert: (self, shift) => {
      const dir = oneOf(shift, ["Down", "Right"], "InsertShiftDirection");
      return self.create("insert", rangeDef, (t, ac) => {
        const rt = R(t);
        if (isEntireRow(rt.rect)) {
          ac.model.shiftStructure(rt.sheet, "rows", rt.rect.startRow, rectRows(rt.rect));
          ac.changed(rt.sheet, rt.rect, "RowInserted");
        } else if (isEntireColumn(rt.rect)) {
          ac.model.shiftStructure(rt.sheet, "columns", rt.rect.startCol, rectCols(rt.rect));
          ac.changed(rt.sheet, rt.rect, "ColumnInserted");
        } else {
          ac.model.shiftCells(rt.sheet, rt.rect, dir === "Down" ? "down" : "right");
          ac.changed(rt.sheet, rt.rect, "CellInserted");
        }
        return { sheet: rt.sheet, rect: { ...rt.rect } };
      }).proxy;
    },
    merge: (self, across = false) => {
      const acrossRows = bool(across, "across");
      self.write("merge", (t) => {
        const rt = R(t);
        rt.sheet.merges = rt.sheet.merges.filter((m) => !intersect(m, rt.rect));
        if (acrossRows) {
          for (let r = rt.rect.startRow; r <= rt.rect.endRow; r++)
            rt.sheet.merges.push({ ...rt.rect, startRow: r, endRow: r });
        } else rt.sheet.merges.push({ ...rt.rect });
      });
    },
    unmerge: (self) =>
      self.write("unmerge", (t) => {
        const rt = R(t);
        rt.sheet.merges = rt.sheet.merges.filter((m) => !intersect(m, rt.rect));
      }),
    group: (self, groupOption) => {
      const by = oneOf(groupOption, ["ByRows", "ByColumns"], "GroupOption");
      self.write("group", (t) => {
        const rt = R(t);
        if (by === "ByRows") mutateRows(rt.sheet.rowLevels, rt.rect, "rows", 1);
        else mutateRows(rt.sheet.colLevels, rt.rect, "columns", 1);
      });
    },
    ungroup: (self, groupOption) => {
      const by = oneOf(groupOption, ["ByRows", "ByColumns"], "GroupOption");
      self.write("ungroup", (t) => {
        const rt = R(t);
        if (by === "ByRows") mutateRows(rt.sheet.rowLevels, rt.rect, "rows", -1);
        else mutateRows(rt.sheet.colLevels, rt.rect, "columns", -1);
      });
    },
  },
});

function setNumberFormat(t: RangeTarget, v: unknown, ac: ApplyCtx): void {
  const rows = rectRows(t.rect);
  const cols = rectCols(t.rect);
  if (!Array.isArray(v)) {
    ac.model.setStyle(t.sheet, t.rect, { numberFormat: str(v, "numberFormat") });
  } else {
    const block = to2D(v, rows, cols, "numberFormat");
    const flat = block.flat();
    if (flat.every((x) => x === flat[0]) && typeof flat[0] === "string") {
      ac.model.setStyle(t.sheet, t.rect, { numberFormat: flat[0] });
    } else {
      block.forEach((line, i) =>
        line.forEach((f, j) => {
          if (f === null) return;
          const r = t.rect.startRow + i;
          const c = t.rect.startCol + j;
          ac.model.setStyle(
            t.sheet,
            { startRow: r, endRow: r, startCol: c, endCol: c },
            { numberFormat: str(f, "numberFormat") },
          );
        }),
      );
    }
  }
  ac.raise("onFormatChanged", t.sheet, undefined, t.rect);
}

// ---------------- Sort ----------------

const SORT_FIELD_KEYS = ["key", "ascending", "sortOn", "dataOption", "color", "icon", "subField"];

/**
 * Range.sort (ExcelApi 1.2, https://learn.microsoft.com/javascript/api/excel/excel.rangesort): `apply(fields,
 * matchCase?, hasHeaders?, orientation?, method?)` sorts the range's rows by the fields' keys (column offsets within
 * the range). Each row's cells move together; columns outside the range stay where they are.
 */
export const rangeSortDef: TypeDef = defineType<RangeTarget>({
  name: "RangeSort",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {},
  methods: {
    apply: (self, fields, matchCase = false, hasHeaders = false, orientation = "Rows", method) => {
      if (!Array.isArray(fields) || fields.length === 0) throw invalidArgument("RangeSort.apply needs sort fields.");
      const keys = fields.map((f: unknown) => {
        if (f === null || typeof f !== "object") throw invalidArgument("A SortField must be an object.");
        const field = f as Record<string, unknown>;
        checkKeys(field, SORT_FIELD_KEYS, "SortField");
        if (
          field.sortOn !== undefined &&
          oneOf(field.sortOn, ["Value", "CellColor", "FontColor", "Icon"], "SortOn") !== "Value"
        )
          throw notImplemented("RangeSort", `apply(sortOn: ${String(field.sortOn)})`);
        if (
          field.dataOption !== undefined &&
          oneOf(field.dataOption, ["Normal", "TextAsNumber"], "SortDataOption") !== "Normal"
        )
          throw notImplemented("RangeSort", "apply(dataOption: TextAsNumber)");
        for (const unsupported of ["color", "icon", "subField"]) {
          if (field[unsupported] !== undefined) throw notImplemented("RangeSort", `apply(${unsupported})`);
        }
        return {
          column: int(field.key, "SortField.key"),
          ascending: field.ascending === undefined ? true : bool(field.ascending, "SortField.ascending"),
        };
      });
      const caseMatters = bool(matchCase, "matchCase");
      const headers = bool(hasHeaders, "hasHeaders");
      if (oneOf(orientation, ["Rows", "Columns"], "SortOrientation") === "Columns")
        throw notImplemented("RangeSort", "apply(orientation: Columns)");
      if (method !== undefined) oneOf(method, ["PinYin", "StrokeCount"], "SortMethod"); // Chinese text only
      self.write("apply", (t, ac) => {
        const rt = R(t);
        if (isEntireColumn(rt.rect) || isEntireRow(rt.rect))
          throw new Error("FakeExcel: sorting entire rows or columns is not implemented");
        for (const key of keys) {
          if (key.column >= rectCols(rt.rect))
            throw invalidArgument(`SortField.key ${key.column} is outside the range.`);
        }
        const data = headers ? { ...rt.rect, startRow: rt.rect.startRow + 1 } : rt.rect;
        if (data.startRow > data.endRow) return;
        ac.model.sortRows(rt.sheet, data, keys, caseMatters);
        ac.changed(rt.sheet, data, "RangeEdited");
      });
    },
  },
});

// ---------------- RangeAreas (print area) ----------------

export const rangeAreasDef: TypeDef = defineType<RangeAreasTarget>({
  name: "RangeAreas",
  alive: sheetAlive,
  describe: (t) => t.rects.map((r) => formatRect(r)).join(","),
  props: {
    address: { get: (t, core) => t.rects.map((r) => core.model.address(t.sheet, r)).join(",") },
    addressLocal: { get: (t, core) => t.rects.map((r) => core.model.address(t.sheet, r)).join(",") },
    areaCount: { get: (t) => t.rects.length },
    cellCount: { get: (t) => t.rects.reduce((n, r) => n + rectRows(r) * rectCols(r), 0) },
    isEntireRow: { get: (t) => t.rects.every(isEntireRow) },
    isEntireColumn: { get: (t) => t.rects.every(isEntireColumn) },
  },
  navs: { worksheet: { def: () => worksheetDef, resolve: (t) => t.sheet } },
});

// ---------------- RangeFormat & friends ----------------

function dimensionProp(axis: "columns" | "rows") {
  return {
    get: (t: RangeTarget) =>
      axis === "columns"
        ? WorkbookModel.uniform(t.sheet.colWidths, t.rect.startCol, t.rect.endCol, 48)
        : WorkbookModel.uniform(t.sheet.rowHeights, t.rect.startRow, t.rect.endRow, 15),
    set: (t: RangeTarget, v: unknown, ac: ApplyCtx) => {
      const n = num(v, axis === "columns" ? "columnWidth" : "rowHeight", 0, axis === "columns" ? 1500 : 409);
      const [s, e] = axis === "columns" ? [t.rect.startCol, t.rect.endCol] : [t.rect.startRow, t.rect.endRow];
      if (e - s > 100000) throw new Error("FakeExcel: sizing more than 100000 rows is not implemented");
      const map = axis === "columns" ? t.sheet.colWidths : t.sheet.rowHeights;
      for (let i = s; i <= e; i++) map.set(i, n);
      ac.raise("onFormatChanged", t.sheet, undefined, t.rect);
    },
  };
}

export const rangeFormatDef: TypeDef = defineType<RangeTarget>({
  name: "RangeFormat",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    columnWidth: dimensionProp("columns"),
    rowHeight: dimensionProp("rows"),
    wrapText: styleProp("wrapText", (v) => bool(v, "wrapText")),
    shrinkToFit: styleProp("shrinkToFit", (v) => bool(v, "shrinkToFit")),
    horizontalAlignment: styleProp("horizontalAlignment", (v) => oneOf(v, H_ALIGN, "horizontalAlignment")),
    verticalAlignment: styleProp("verticalAlignment", (v) => oneOf(v, V_ALIGN, "verticalAlignment")),
    indentLevel: styleProp("indentLevel", (v) => int(v, "indentLevel", 0)),
    textOrientation: styleProp("textOrientation", (v) => num(v, "textOrientation", -90, 180)),
  },
  navs: {
    font: { def: () => rangeFontDef, resolve: (t) => t },
    fill: { def: () => rangeFillDef, resolve: (t) => t },
    borders: { def: () => rangeBorderCollectionDef, resolve: (t) => t },
    protection: { def: () => formatProtectionDef, resolve: (t) => t },
  },
  methods: {
    autofitColumns: (self) =>
      self.write("autofitColumns", (t) => {
        R(t).sheet.autofit.push({ kind: "columns", rect: { ...R(t).rect } });
      }),
    autofitRows: (self) =>
      self.write("autofitRows", (t) => {
        R(t).sheet.autofit.push({ kind: "rows", rect: { ...R(t).rect } });
      }),
  },
});

export const rangeFontDef: TypeDef = defineType<RangeTarget>({
  name: "RangeFont",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    bold: styleProp("font.bold", (v) => bool(v, "bold")),
    italic: styleProp("font.italic", (v) => bool(v, "italic")),
    strikethrough: styleProp("font.strikethrough", (v) => bool(v, "strikethrough")),
    color: styleProp("font.color", (v) => normalizeColor(v)),
    size: styleProp("font.size", (v) => num(v, "size", 1, 409)),
    name: styleProp("font.name", (v) => str(v, "name")),
    underline: styleProp("font.underline", (v) => oneOf(v, UNDERLINE, "underline")),
  },
});

export const rangeFillDef: TypeDef = defineType<RangeTarget>({
  name: "RangeFill",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    color: styleProp("fill.color", (v) => normalizeColor(v)),
  },
  methods: {
    clear: (self) =>
      self.write("clear", (t, ac) => {
        ac.model.setStyle(R(t).sheet, R(t).rect, { "fill.color": null });
      }),
  },
});

export const formatProtectionDef: TypeDef = defineType<RangeTarget>({
  name: "FormatProtection",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    locked: styleProp("protection.locked", (v) => bool(v, "locked")),
    formulaHidden: styleProp("protection.formulaHidden", (v) => bool(v, "formulaHidden")),
  },
});

interface BorderTarget extends RangeTarget {
  index: string;
}

export const rangeBorderDef: TypeDef = defineType<BorderTarget>({
  name: "RangeBorder",
  alive: sheetAlive,
  describe: (t, core) => `${core.model.address(t.sheet, t.rect)}#${t.index}`,
  props: {
    sideIndex: { get: (t) => t.index },
    style: {
      get: (t, core) => core.model.styleOver(t.sheet, t.rect, `borders.${t.index}.style`),
      set: (t, v, ac) =>
        ac.model.setStyle(t.sheet, t.rect, { [`borders.${t.index}.style`]: oneOf(v, BORDER_STYLE, "style") }),
    },
    color: {
      get: (t, core) => core.model.styleOver(t.sheet, t.rect, `borders.${t.index}.color`),
      set: (t, v, ac) => ac.model.setStyle(t.sheet, t.rect, { [`borders.${t.index}.color`]: normalizeColor(v) }),
    },
    weight: {
      get: (t, core) => core.model.styleOver(t.sheet, t.rect, `borders.${t.index}.weight`),
      set: (t, v, ac) =>
        ac.model.setStyle(t.sheet, t.rect, { [`borders.${t.index}.weight`]: oneOf(v, BORDER_WEIGHT, "weight") }),
    },
  },
});

export const rangeBorderCollectionDef: TypeDef = defineType<RangeTarget>({
  name: "RangeBorderCollection",
  alive: sheetAlive,
  props: { count: { get: () => BORDER_INDEXES.length } },
  items: {
    def: () => rangeBorderDef,
    list: (t) => BORDER_INDEXES.map((index) => () => ({ ...t, index })),
  },
  methods: {
    getItem: (self, index) => {
      const idx = oneOf(index, BORDER_INDEXES, "BorderIndex");
      return self.child(rangeBorderDef, (t) => ({ ...R(t), index: idx })).proxy;
    },
    getItemAt: (self, i) => {
      const idx = BORDER_INDEXES[int(i, "index")];
      if (!idx) throw invalidArgument(`Border index ${String(i)} out of range.`);
      return self.child(rangeBorderDef, (t) => ({ ...R(t), index: idx })).proxy;
    },
  },
});

// ---------------- Data validation ----------------

const DV_TYPE_NAMES: Record<string, string> = {
  list: "List",
  date: "Date",
  time: "Time",
  custom: "Custom",
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  textLength: "TextLength",
};

function findValidation(sheet: SheetModel, rect: Rect): ValidationModel | undefined {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    if (containsRect(sheet.validations[i].rect, rect)) return sheet.validations[i];
  }
  return undefined;
}

function ensureValidation(sheet: SheetModel, rect: Rect): ValidationModel {
  const exact = sheet.validations.find((v) => sameRect(v.rect, rect));
  if (exact) return exact;
  const inherited = findValidation(sheet, rect);
  sheet.validations = sheet.validations.filter((v) => !containsRect(rect, v.rect));
  const created: ValidationModel = {
    rect: { ...rect },
    rule: inherited?.rule ? { ...inherited.rule } : null,
    errorAlert: inherited ? { ...inherited.errorAlert } : { showAlert: true, style: "Stop", title: "", message: "" },
    prompt: inherited ? { ...inherited.prompt } : { showPrompt: false, title: "", message: "" },
    ignoreBlanks: inherited ? inherited.ignoreBlanks : true,
  };
  sheet.validations.push(created);
  return created;
}

function checkKeys(obj: Record<string, unknown>, allowed: string[], what: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw invalidArgument(`Unknown property '${k}' in ${what}.`);
  }
}

function formulaArg(v: unknown, what: string): string | number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.length > 0) return v;
  if (v instanceof Date) throw invalidArgument(`${what}: pass an ISO date string or a formula, not a Date object.`);
  throw invalidArgument(`${what} is required.`);
}

/** Excel's limit for a list validation typed as text. */
export const MAX_LIST_SOURCE = 255;

function normalizeRule(v: unknown, model: WorkbookModel, sheet: SheetModel): Record<string, unknown> {
  if (v === null || typeof v !== "object") throw invalidArgument("DataValidation.rule must be an object.");
  const rule = v as Record<string, unknown>;
  checkKeys(rule, Object.keys(DV_TYPE_NAMES), "DataValidationRule");
  const keys = Object.keys(rule).filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (keys.length !== 1) throw invalidArgument("A data validation rule must specify exactly one criteria type.");
  const key = keys[0];
  const body = rule[key];
  if (body === null || typeof body !== "object") throw invalidArgument(`DataValidationRule.${key} must be an object.`);
  const b = body as Record<string, unknown>;
  if (key === "list") {
    checkKeys(b, ["inCellDropDown", "source"], "ListDataValidation");
    let source: unknown = b.source;
    const obj = clientObjectOf(source);
    if (obj) {
      const rt = resolveRangeArg(source, model, sheet);
      source = `=${model.address(rt.sheet, rt.rect, true)}`;
    }
    if (typeof source !== "string" || source.length === 0)
      throw invalidArgument("ListDataValidation.source is required.");
    // Excel keeps a typed list (not a reference) in at most 255 characters, separators included, and refuses a
    // longer one; a list of any length goes in cells, referred to by the source.
    if (!source.startsWith("=") && source.length > MAX_LIST_SOURCE)
      throw invalidArgument(
        `A list validation's source is at most ${MAX_LIST_SOURCE} characters; refer to cells instead.`,
      );
    return {
      list: {
        inCellDropDown: b.inCellDropDown === undefined ? true : bool(b.inCellDropDown, "inCellDropDown"),
        source,
      },
    };
  }
  if (key === "custom") {
    checkKeys(b, ["formula"], "CustomDataValidation");
    return { custom: { formula: str(formulaArg(b.formula, "CustomDataValidation.formula"), "formula") } };
  }
  checkKeys(b, ["formula1", "formula2", "operator"], `${key} data validation`);
  const operator = oneOf(b.operator, DV_OPERATORS, "DataValidationOperator");
  const out: Record<string, unknown> = { formula1: formulaArg(b.formula1, "formula1"), operator };
  if (operator === "Between" || operator === "NotBetween") out.formula2 = formulaArg(b.formula2, "formula2");
  else if (b.formula2 !== undefined) out.formula2 = b.formula2;
  return { [key]: out };
}

function listItems(source: string): string[] | null {
  if (source.startsWith("=")) return null;
  return source.split(",").map((s) => s.trim());
}

export const dataValidationDef: TypeDef = defineType<RangeTarget>({
  name: "DataValidation",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {
    rule: {
      get: (t) => findValidation(t.sheet, t.rect)?.rule ?? {},
      set: (t, v, ac) => {
        const rule = normalizeRule(v, ac.model, t.sheet);
        // Excel rejects a rule for a range whose cells are only partly validated already (some are, some are not,
        // e.g. a prompt on B5:B10 and then a rule for B1:B10): InvalidArgument, office-js issue #2594. Clearing the
        // range first, or setting the rule on exactly the validated range (or inside it), works.
        const partly = t.sheet.validations.some(
          (existing) =>
            !sameRect(existing.rect, t.rect) &&
            intersect(existing.rect, t.rect) &&
            !containsRect(existing.rect, t.rect),
        );
        if (partly) {
          throw invalidArgument(
            `${formatRect(t.rect)} is partly validated already: clear its data validation before setting a rule.`,
          );
        }
        ensureValidation(t.sheet, t.rect).rule = rule;
      },
    },
    type: {
      get: (t) => {
        const v = findValidation(t.sheet, t.rect);
        if (v) return v.rule ? DV_TYPE_NAMES[Object.keys(v.rule)[0]] : "None";
        return t.sheet.validations.some((x) => intersect(x.rect, t.rect)) ? "Inconsistent" : "None";
      },
    },
    errorAlert: {
      get: (t) =>
        findValidation(t.sheet, t.rect)?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" },
      set: (t, v, ac) => {
        if (v === null || typeof v !== "object") throw invalidArgument("errorAlert must be an object.");
        const o = v as Record<string, unknown>;
        checkKeys(o, ["showAlert", "style", "title", "message"], "DataValidationErrorAlert");
        const e = ensureValidation(t.sheet, t.rect).errorAlert;
        if (o.showAlert !== undefined) e.showAlert = bool(o.showAlert, "showAlert");
        if (o.style !== undefined)
          e.style = oneOf(o.style, ["Stop", "Warning", "Information"], "DataValidationAlertStyle");
        if (o.title !== undefined) e.title = str(o.title, "title");
        if (o.message !== undefined) e.message = str(o.message, "message");
        void ac;
      },
    },
    prompt: {
      get: (t) => findValidation(t.sheet, t.rect)?.prompt ?? { showPrompt: false, title: "", message: "" },
      set: (t, v) => {
        if (v === null || typeof v !== "object") throw invalidArgument("prompt must be an object.");
        const o = v as Record<string, unknown>;
        checkKeys(o, ["showPrompt", "title", "message"], "DataValidationPrompt");
        const p = ensureValidation(t.sheet, t.rect).prompt;
        if (o.showPrompt !== undefined) p.showPrompt = bool(o.showPrompt, "showPrompt");
        if (o.title !== undefined) p.title = str(o.title, "title");
        if (o.message !== undefined) p.message = str(o.message, "message");
      },
    },
    ignoreBlanks: {
      get: (t) => findValidation(t.sheet, t.rect)?.ignoreBlanks ?? true,
      set: (t, v) => {
        ensureValidation(t.sheet, t.rect).ignoreBlanks = bool(v, "ignoreBlanks");
      },
    },
    valid: {
      get: (t, core) => {
        const v = findValidation(t.sheet, t.rect);
        const list = v?.rule?.list as { source: string } | undefined;
        if (!list) return true;
        const items = listItems(list.source);
        if (!items) return true;
        return grid(t.rect, (r, c) => core.model.getValue(t.sheet, r, c))
          .flat()
          .every((x) => x === "" || items.includes(String(x)));
      },
    },
  },
  methods: {
    clear: (self) =>
      self.write("clear", (t) => {
        // Only the range's own cells lose their rule; the rest of a larger validation area keeps it, as in Excel.
        const rt = R(t);
        rt.sheet.validations = rt.sheet.validations.flatMap((v) =>
          intersect(v.rect, rt.rect) ? subtractRect(v.rect, rt.rect).map((rect) => ({ ...deepClone(v), rect })) : [v],
        );
      }),
  },
});

// ---------------- Conditional formats ----------------

interface CfTarget {
  sheet: SheetModel;
  cf: CondFormatModel;
}

const CF = (t: unknown) => t as CfTarget;

function cfAlive(t: CfTarget): boolean {
  return !t.sheet.deleted && t.sheet.condFormats.includes(t.cf);
}

function cfInRange(t: RangeTarget): CondFormatModel[] {
  return t.sheet.condFormats.filter((c) => intersect(c.rect, t.rect));
}

export const conditionalFormatCollectionDef: TypeDef = defineType<RangeTarget>({
  name: "ConditionalFormatCollection",
  alive: sheetAlive,
  describe: (t, core) => core.model.address(t.sheet, t.rect),
  props: {},
  items: {
    def: () => conditionalFormatDef,
    list: (t) => cfInRange(t).map((cf) => () => ({ sheet: t.sheet, cf })),
  },
  methods: {
    add: (self, type) => {
      const cfType = oneOf(type, CF_TYPES, "ConditionalFormatType");
      return self.create("add", conditionalFormatDef, (t, ac) => {
        const rt = R(t);
        const cf: CondFormatModel = {
          id: ac.model.nextCondFormatId(),
          rect: { ...rt.rect },
          type: cfType,
          formula: null,
          fill: null,
          font: { color: null, bold: null, italic: null, underline: null, strikethrough: null },
          numberFormat: null,
          stopIfTrue: false,
        };
        rt.sheet.condFormats.unshift(cf); // Office: "Adds a new conditional format to the collection at the first/top priority."
        return { sheet: rt.sheet, cf };
      }).proxy;
    },
    getCount: (self) => self.query("getCount", (t) => cfInRange(R(t)).length),
    getItem: (self, id) =>
      self.child(conditionalFormatDef, (t) => {
        const cf = cfInRange(R(t)).find((c) => c.id === id);
        if (!cf) throw itemNotFound(`Conditional format '${String(id)}' not found.`);
        return { sheet: R(t).sheet, cf };
      }).proxy,
    getItemAt: (self, index) =>
      self.child(conditionalFormatDef, (t) => {
        const cf = cfInRange(R(t))[int(index, "index")];
        if (!cf) throw itemNotFound(`No conditional format at index ${String(index)}.`);
        return { sheet: R(t).sheet, cf };
      }).proxy,
    clearAll: (self) =>
      self.write("clearAll", (t) => {
        const rt = R(t);
        rt.sheet.condFormats = rt.sheet.condFormats.filter((c) => !intersect(c.rect, rt.rect));
      }),
  },
});

export const conditionalFormatDef: TypeDef = defineType<CfTarget>({
  name: "ConditionalFormat",
  alive: cfAlive,
  describe: (t, core) => `${core.model.address(t.sheet, t.cf.rect)}#cf`,
  props: {
    id: { get: (t) => t.cf.id },
    type: { get: (t) => t.cf.type },
    priority: {
      get: (t) => t.sheet.condFormats.indexOf(t.cf),
      set: (t, v) => {
        const p = int(v, "priority");
        const list = t.sheet.condFormats;
        list.splice(list.indexOf(t.cf), 1);
        list.splice(Math.min(p, list.length), 0, t.cf);
      },
    },
    stopIfTrue: {
      get: (t) => t.cf.stopIfTrue,
      set: (t, v) => {
        t.cf.stopIfTrue = bool(v, "stopIfTrue");
      },
    },
  },
  navs: {
    custom: {
      def: () => customConditionalFormatDef,
      resolve: (t) => {
        if (t.cf.type !== "Custom") {
          throw invalidOperation(`This conditional format is of type '${t.cf.type}', not 'Custom'.`);
        }
        return t;
      },
    },
  },
  methods: {
    getRange: (self) => self.child(rangeDef, (t) => ({ sheet: CF(t).sheet, rect: { ...CF(t).cf.rect } })).proxy,
    getRangeOrNullObject: (self) =>
      self.nullableChild(rangeDef, (t) => ({ sheet: CF(t).sheet, rect: { ...CF(t).cf.rect } })).proxy,
    delete: (self) =>
      self.write("delete", (t) => {
        const c = CF(t);
        c.sheet.condFormats = c.sheet.condFormats.filter((x) => x !== c.cf);
      }),
  },
});

export const customConditionalFormatDef: TypeDef = defineType<CfTarget>({
  name: "CustomConditionalFormat",
  alive: cfAlive,
  props: {},
  navs: {
    rule: { def: () => conditionalFormatRuleDef, resolve: (t) => t },
    format: { def: () => conditionalRangeFormatDef, resolve: (t) => t },
  },
});

function cfFormula(v: unknown): string {
  const f = str(v, "formula");
  if (!f.startsWith("=")) throw invalidArgument(`Conditional format formula must start with '=': '${f}'.`);
  return f;
}

export const conditionalFormatRuleDef: TypeDef = defineType<CfTarget>({
  name: "ConditionalFormatRule",
  alive: cfAlive,
  props: {
    formula: {
      get: (t) => t.cf.formula,
      set: (t, v) => {
        t.cf.formula = cfFormula(v);
      },
    },
    formulaLocal: {
      get: (t) => t.cf.formula,
      set: (t, v) => {
        t.cf.formula = cfFormula(v);
      },
    },
  },
});

export const conditionalRangeFormatDef: TypeDef = defineType<CfTarget>({
  name: "ConditionalRangeFormat",
  alive: cfAlive,
  props: {
    numberFormat: {
      get: (t) => t.cf.numberFormat,
      set: (t, v) => {
        t.cf.numberFormat = str(v, "numberFormat");
      },
    },
  },
  navs: {
    fill: { def: () => conditionalRangeFillDef, resolve: (t) => t },
    font: { def: () => conditionalRangeFontDef, resolve: (t) => t },
  },
});

export const conditionalRangeFillDef: TypeDef = defineType<CfTarget>({
  name: "ConditionalRangeFill",
  alive: cfAlive,
  props: {
    color: {
      get: (t) => t.cf.fill,
      set: (t, v) => {
        t.cf.fill = normalizeColor(v);
      },
    },
  },
  methods: {
    clear: (self) =>
      self.write("clear", (t) => {
        CF(t).cf.fill = null;
      }),
  },
});

export const conditionalRangeFontDef: TypeDef = defineType<CfTarget>({
  name: "ConditionalRangeFont",
  alive: cfAlive,
  props: {
    color: {
      get: (t) => t.cf.font.color,
      set: (t, v) => {
        t.cf.font.color = normalizeColor(v);
      },
    },
    bold: {
      get: (t) => t.cf.font.bold,
      set: (t, v) => {
        t.cf.font.bold = bool(v, "bold");
      },
    },
    italic: {
      get: (t) => t.cf.font.italic,
      set: (t, v) => {
        t.cf.font.italic = bool(v, "italic");
      },
    },
    strikethrough: {
      get: (t) => t.cf.font.strikethrough,
      set: (t, v) => {
        t.cf.font.strikethrough = bool(v, "strikethrough");
      },
    },
    underline: {
      get: (t) => t.cf.font.underline,
      set: (t, v) => {
        t.cf.font.underline = oneOf(v, ["None", "Single", "Double"], "underline");
      },
    },
  },
  methods: {
    clear: (self) =>
      self.write("clear", (t) => {
        CF(t).cf.font = { color: null, bold: null, italic: null, underline: null, strikethrough: null };
      }),
  },
});
