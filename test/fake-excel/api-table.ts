/** Excel tables (workbook/worksheet TableCollection, Table, rows, columns) and the worksheet AutoFilter. */
import { MAX_ROWS, Rect, intersect, isEntireColumn, isEntireRow, rectCols, rectRows } from "./address";
import { ApplyCtx, ClientObject, TypeDef, defineType } from "./core";
import { invalidArgument, itemNotFound } from "./errors";
import { formatValue } from "./number-format";
import { SheetModel, TableModel, WorkbookModel, tableRect } from "./model";
import { grid } from "./address";
import { RangeTarget, rangeDef, resolveRangeArg, writeValues } from "./api-range";
import { worksheetDef } from "./api-workbook";
import { FILTER_ON } from "./enums";
import { applyFilterCriteria, showFilteredRows } from "./filter";
import { deepClone } from "./strict";
import { bool, int, oneOf, str, to2D } from "./values";

interface TablesTarget {
  model: WorkbookModel;
  sheet: SheetModel | null;
}

interface RowTarget {
  table: TableModel;
  index: number;
}

interface ColumnTarget {
  table: TableModel;
  index: number;
}

const T = (t: unknown) => t as TableModel;
const TT = (t: unknown) => t as TablesTarget;
const RT = (t: unknown) => t as RowTarget;
const CT = (t: unknown) => t as ColumnTarget;
const SH = (t: unknown) => t as SheetModel;

function tableAlive(t: TableModel): boolean {
  return !t.deleted && !t.sheet.deleted;
}

function columnCount(t: TableModel): number {
  return t.endCol - t.startCol + 1;
}

function headerRect(t: TableModel): Rect {
  return { startRow: t.headerRow, endRow: t.headerRow, startCol: t.startCol, endCol: t.endCol };
}

/** Data rows as Excel reports them: a header-only table has one (empty) body row. */
function bodyRect(t: TableModel): Rect {
  return { ...tableRect(t), startRow: t.headerRow + 1 };
}

function rowRect(t: TableModel, index: number): Rect {
  const r = t.headerRow + 1 + index;
  return { startRow: r, endRow: r, startCol: t.startCol, endCol: t.endCol };
}

function cellText(model: WorkbookModel, sheet: SheetModel, r: number, c: number): string {
  const v = model.getValue(sheet, r, c);
  return typeof v === "string" ? v : formatValue(v, String(model.cellStyle(sheet, r, c, "numberFormat")));
}

export function tableHeaders(model: WorkbookModel, t: TableModel): string[] {
  const out: string[] = [];
  for (let c = t.startCol; c <= t.endCol; c++) out.push(cellText(model, t.sheet, t.headerRow, c));
  return out;
}

function tablesOf(t: TablesTarget): TableModel[] {
  return t.sheet ? t.model.tables.filter((x) => x.sheet === t.sheet) : t.model.tables;
}

function findTable(t: TablesTarget, key: unknown): TableModel | null {
  if (typeof key !== "string") throw invalidArgument("Table key must be a string (name or id).");
  const found = t.model.tableByNameOrId(key);
  return found && (!t.sheet || found.sheet === t.sheet) ? found : null;
}

function isEmptyRect(model: WorkbookModel, sheet: SheetModel, rect: Rect): boolean {
  for (let r = rect.startRow; r <= rect.endRow; r++) {
    for (let c = rect.startCol; c <= rect.endCol; c++) if (model.getValueType(sheet, r, c) !== "Empty") return false;
  }
  return true;
}

function createTable(target: TablesTarget, address: unknown, hasHeaders: unknown, ac: ApplyCtx): TableModel {
  const model = target.model;
  const withHeaders = bool(hasHeaders, "hasHeaders");
  const defaultSheet = target.sheet ?? model.sheetById(model.activeSheetId) ?? model.sheets[0];
  const { sheet, rect } = resolveRangeArg(address, model, defaultSheet);
  if (target.sheet && sheet !== target.sheet) {
    throw invalidArgument(`The address refers to another worksheet than '${target.sheet.name}'.`);
  }
  if (isEntireRow(rect) || isEntireColumn(rect) || rectRows(rect) > 100000) {
    throw new Error("FakeExcel: tables over entire rows/columns or more than 100000 rows are not implemented");
  }
  const cols = rectCols(rect);
  if (!withHeaders && rect.endRow + 1 >= MAX_ROWS) throw invalidArgument("The table does not fit on the worksheet.");
  const full: Rect = withHeaders ? rect : { ...rect, endRow: rect.endRow + 1 };
  if (model.tables.some((x) => x.sheet === sheet && intersect(tableRect(x), full))) {
    throw invalidArgument("A table can't overlap another table.");
  }
  const table: TableModel = {
    id: model.nextTableId(),
    name: model.defaultTableName(),
    sheet,
    headerRow: rect.startRow,
    startCol: rect.startCol,
    endCol: rect.endCol,
    rowCount: withHeaders ? rectRows(rect) - 1 : rectRows(rect),
    hasHeaders: withHeaders,
    showHeaders: true,
    showTotals: false,
    style: "TableStyleMedium2",
    showBandedRows: true,
    showBandedColumns: false,
    showFilterButton: true,
    highlightFirstColumn: false,
    highlightLastColumn: false,
    deleted: false,
  };
  const header = headerRect(table);
  if (!withHeaders) {
    // Excel inserts a generic header row: the data moves down one row within the table's columns.
    ac.model.shiftCells(sheet, header, "down");
    ac.model.writeCells(sheet, header.startRow, header.startCol, [
      Array.from({ length: cols }, (_, j) => `Column${j + 1}`),
    ]);
    model.tables.push(table);
    ac.changed(sheet, full, "RangeEdited");
    return table;
  }
  // Empty header cells get "Column<n>", duplicates get a number suffix (Excel keeps header names unique).
  const used = new Set<string>();
  const texts = tableHeaders(model, table);
  const writes: (string | null)[] = texts.map((text, j) => {
    let name = text === "" ? `Column${j + 1}` : text;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${text === "" ? "Column" : text}${k}`;
    used.add(name.toLowerCase());
    return name === text ? null : name;
  });
  model.tables.push(table);
  if (writes.some((w) => w !== null)) {
    model.writeCells(sheet, header.startRow, header.startCol, [writes]);
    ac.changed(sheet, header, "RangeEdited");
  }
  return table;
}

const TABLE_STYLE = /^TableStyle(Light([1-9]|1[0-9]|2[01])|Medium([1-9]|1[0-9]|2[0-8])|Dark([1-9]|1[01]))$/;

function flag(
  key:
    | "showTotals"
    | "showBandedRows"
    | "showBandedColumns"
    | "showFilterButton"
    | "highlightFirstColumn"
    | "highlightLastColumn"
    | "showHeaders",
) {
  return {
    get: (t: TableModel) => t[key],
    set: (t: TableModel, v: unknown) => {
      t[key] = bool(v, key);
    },
  };
}

// ---------------- Table ----------------

export const tableDef: TypeDef = defineType<TableModel>({
  name: "Table",
  alive: tableAlive,
  describe: (t) => t.name,
  props: {
    id: { get: (t) => t.id },
    name: {
      get: (t) => t.name,
      set: (t, v, ac) => {
        t.name = ac.model.validateTableName(v, t);
      },
    },
    showHeaders: flag("showHeaders"),
    showTotals: flag("showTotals"),
    showBandedRows: flag("showBandedRows"),
    showBandedColumns: flag("showBandedColumns"),
    showFilterButton: flag("showFilterButton"),
    highlightFirstColumn: flag("highlightFirstColumn"),
    highlightLastColumn: flag("highlightLastColumn"),
    style: {
      get: (t) => t.style,
      set: (t, v) => {
        const s = str(v, "style");
        if (!TABLE_STYLE.test(s)) throw invalidArgument(`'${s}' is not a built-in table style.`);
        t.style = s;
      },
    },
  },
  navs: {
    worksheet: { def: () => worksheetDef, resolve: (t) => t.sheet },
    rows: { def: () => tableRowCollectionDef, resolve: (t) => t },
    columns: { def: () => tableColumnCollectionDef, resolve: (t) => t },
  },
  methods: {
    getRange: (self) => self.child(rangeDef, (t) => ({ sheet: T(t).sheet, rect: tableRect(T(t)) })).proxy,
    getDataBodyRange: (self) => self.child(rangeDef, (t) => ({ sheet: T(t).sheet, rect: bodyRect(T(t)) })).proxy,
    getHeaderRowRange: (self) => self.child(rangeDef, (t) => ({ sheet: T(t).sheet, rect: headerRect(T(t)) })).proxy,
    delete: (self) =>
      self.write("delete", (t, ac) => {
        const tb = T(t);
        const rect = tableRect(tb);
        ac.model.clearContents(tb.sheet, rect);
        tb.deleted = true;
        ac.model.tables = ac.model.tables.filter((x) => x !== tb);
        ac.changed(tb.sheet, rect, "RangeEdited");
      }),
    convertToRange: (self) =>
      self.create("convertToRange", rangeDef, (t, ac) => {
        const tb = T(t);
        const rect = tableRect(tb);
        tb.deleted = true;
        ac.model.tables = ac.model.tables.filter((x) => x !== tb);
        return { sheet: tb.sheet, rect };
      }).proxy,
  },
});

// ---------------- TableCollection (workbook.tables, worksheet.tables) ----------------

export const tableCollectionDef: TypeDef = defineType<TablesTarget>({
  name: "TableCollection",
  alive: (t) => !t.sheet || !t.sheet.deleted,
  describe: (t) => (t.sheet ? t.sheet.name : ""),
  props: {
    count: { get: (t) => tablesOf(t).length },
  },
  items: {
    def: () => tableDef,
    list: (t) => tablesOf(t).map((tb) => () => tb),
  },
  methods: {
    add: (self, address, hasHeaders) =>
      self.create("add", tableDef, (t, ac) => createTable(TT(t), address, hasHeaders, ac)).proxy,
    getItem: (self, key) =>
      self.child(tableDef, (t) => {
        const found = findTable(TT(t), key);
        if (!found) throw itemNotFound(`The table '${String(key)}' does not exist.`);
        return found;
      }).proxy,
    getItemOrNullObject: (self, key) => self.nullableChild(tableDef, (t) => findTable(TT(t), key)).proxy,
    getItemAt: (self, index) =>
      self.child(tableDef, (t) => {
        const found = tablesOf(TT(t))[int(index, "index")];
        if (!found) throw itemNotFound(`No table at index ${String(index)}.`);
        return found;
      }).proxy,
    getCount: (self) => self.query("getCount", (t) => tablesOf(TT(t)).length),
  },
});

// ---------------- Rows ----------------

function rowAlive(t: RowTarget): boolean {
  return tableAlive(t.table) && t.index < t.table.rowCount;
}

export const tableRowDef: TypeDef = defineType<RowTarget>({
  name: "TableRow",
  alive: rowAlive,
  describe: (t) => `${t.table.name}#row${t.index}`,
  props: {
    index: { get: (t) => t.index },
    values: {
      get: (t, core) => grid(rowRect(t.table, t.index), (r, c) => core.model.getValue(t.table.sheet, r, c)),
      set: (t, v, ac) => writeValues({ sheet: t.table.sheet, rect: rowRect(t.table, t.index) }, v, ac, "values"),
    },
  },
  methods: {
    getRange: (self) =>
      self.child(rangeDef, (t) => ({ sheet: RT(t).table.sheet, rect: rowRect(RT(t).table, RT(t).index) })).proxy,
    delete: (self) =>
      self.write("delete", (t, ac) => {
        const { table, index } = RT(t);
        const rect = rowRect(table, index);
        ac.model.shiftCells(table.sheet, rect, "up");
        table.rowCount--;
        ac.changed(table.sheet, rect, "CellDeleted");
      }),
  },
});

/**
 * TableRowCollection.add. A table made from a header-only range shows one empty data row, and the first add fills
 * it rather than appending below it: Microsoft's sample creates `tables.add("A1:D1", true)`, adds seven rows and gets
 * "four columns and seven rows of data" (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables,
 * "Create a table").
 */
function addRows(table: TableModel, index: unknown, values: unknown, alwaysInsert: unknown, ac: ApplyCtx): RowTarget {
  const cols = columnCount(table);
  let block: unknown[][];
  if (values === undefined || values === null) block = [Array.from({ length: cols }, () => null)];
  else if (Array.isArray(values)) {
    if (values.length === 0) throw invalidArgument("TableRowCollection.add: values must have at least one row.");
    block = to2D(values, values.length, cols, "values");
  } else block = to2D(values, 1, cols, "values");
  const at = index === undefined || index === null ? table.rowCount : int(index, "index");
  if (at > table.rowCount) {
    throw invalidArgument(`TableRowCollection.add: index ${at} is beyond the last row (${table.rowCount}).`);
  }
  const insert = alwaysInsert === undefined || alwaysInsert === null ? false : bool(alwaysInsert, "alwaysInsert");
  const startRow = table.headerRow + 1 + at;
  const rect: Rect = { startRow, endRow: startRow + block.length - 1, startCol: table.startCol, endCol: table.endCol };
  if (rect.endRow >= MAX_ROWS) throw invalidArgument("The rows do not fit on the worksheet.");
  const sheet = table.sheet;
  if (insert || at < table.rowCount || !isEmptyRect(ac.model, sheet, rect)) {
    // Like Excel's ListRows.Add: cells in the table's columns move down to make room.
    ac.model.shiftCells(sheet, rect, "down");
    ac.changed(sheet, rect, "CellInserted");
  }
  table.rowCount += block.length;
  writeValues({ sheet, rect }, block, ac, "values");
  return { table, index: at };
}

export const tableRowCollectionDef: TypeDef = defineType<TableModel>({
  name: "TableRowCollection",
  alive: tableAlive,
  describe: (t) => t.name,
  props: {
    count: { get: (t) => t.rowCount },
  },
  items: {
    def: () => tableRowDef,
    list: (t) => Array.from({ length: t.rowCount }, (_, index) => () => ({ table: t, index })),
  },
  methods: {
    add: (self, index, values, alwaysInsert) =>
      self.create("add", tableRowDef, (t, ac) => addRows(T(t), index, deepClone(values), alwaysInsert, ac)).proxy,
    getCount: (self) => self.query("getCount", (t) => T(t).rowCount),
    getItemAt: (self, index) =>
      self.child(tableRowDef, (t) => {
        const i = int(index, "index");
        if (i >= T(t).rowCount) throw itemNotFound(`The table has no row at index ${i}.`);
        return { table: T(t), index: i };
      }).proxy,
  },
});

// ---------------- Columns ----------------

function columnRect(t: ColumnTarget, part: "all" | "header" | "body"): Rect {
  const c = t.table.startCol + t.index;
  const whole = tableRect(t.table);
  const startRow = part === "body" ? t.table.headerRow + 1 : whole.startRow;
  const endRow = part === "header" ? t.table.headerRow : whole.endRow;
  return { startRow, endRow, startCol: c, endCol: c };
}

function findColumn(table: TableModel, key: unknown, self: ClientObject): ColumnTarget | null {
  if (typeof key === "number") {
    return Number.isInteger(key) && key >= 1 && key <= columnCount(table) ? { table, index: key - 1 } : null;
  }
  const k = str(key, "key").toLowerCase();
  const i = tableHeaders(self.core.model, table).findIndex((h) => h.toLowerCase() === k);
  if (i >= 0) return { table, index: i };
  return /^[0-9]+$/.test(k) ? findColumn(table, Number(k), self) : null;
}

export const tableColumnDef: TypeDef = defineType<ColumnTarget>({
  name: "TableColumn",
  alive: (t) => tableAlive(t.table) && t.index < columnCount(t.table),
  describe: (t) => `${t.table.name}#col${t.index}`,
  props: {
    id: { get: (t) => t.index + 1 },
    index: { get: (t) => t.index },
    name: {
      get: (t, core) => tableHeaders(core.model, t.table)[t.index],
      set: (t, v, ac) => {
        const name = str(v, "name");
        if (name === "") throw invalidArgument("A table column name cannot be blank.");
        const others = tableHeaders(ac.model, t.table).filter((_, i) => i !== t.index);
        if (others.some((h) => h.toLowerCase() === name.toLowerCase())) {
          throw invalidArgument(`The table already has a column named '${name}'.`);
        }
        writeValues({ sheet: t.table.sheet, rect: columnRect(t, "header") }, [[name]], ac, "name");
      },
    },
    values: {
      get: (t, core) => grid(columnRect(t, "all"), (r, c) => core.model.getValue(t.table.sheet, r, c)),
      set: (t, v, ac) => {
        const rect = columnRect(t, "all");
        writeValues({ sheet: t.table.sheet, rect }, v, ac, "values");
      },
    },
  },
  methods: {
    getRange: (self) =>
      self.child(rangeDef, (t) => ({ sheet: CT(t).table.sheet, rect: columnRect(CT(t), "all") })).proxy,
    getHeaderRowRange: (self) =>
      self.child(rangeDef, (t) => ({ sheet: CT(t).table.sheet, rect: columnRect(CT(t), "header") })).proxy,
    getDataBodyRange: (self) =>
      self.child(rangeDef, (t) => ({ sheet: CT(t).table.sheet, rect: columnRect(CT(t), "body") })).proxy,
  },
});

export const tableColumnCollectionDef: TypeDef = defineType<TableModel>({
  name: "TableColumnCollection",
  alive: tableAlive,
  describe: (t) => t.name,
  props: {
    count: { get: (t) => columnCount(t) },
  },
  items: {
    def: () => tableColumnDef,
    list: (t) => Array.from({ length: columnCount(t) }, (_, index) => () => ({ table: t, index })),
  },
  methods: {
    getItemAt: (self, index) =>
      self.child(tableColumnDef, (t) => {
        const i = int(index, "index");
        if (i >= columnCount(T(t))) throw itemNotFound(`The table has no column at index ${i}.`);
        return { table: T(t), index: i };
      }).proxy,
    getItem: (self, key) =>
      self.child(tableColumnDef, (t) => {
        const found = findColumn(T(t), key, self);
        if (!found) throw itemNotFound(`The table has no column '${String(key)}'.`);
        return found;
      }).proxy,
    getItemOrNullObject: (self, key) => self.nullableChild(tableColumnDef, (t) => findColumn(T(t), key, self)).proxy,
    getCount: (self) => self.query("getCount", (t) => columnCount(T(t))),
  },
});

// ---------------- Worksheet AutoFilter ----------------

function validateCriteria(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw invalidArgument("FilterCriteria must be an object.");
  const c = v as Record<string, unknown>;
  oneOf(c.filterOn, FILTER_ON, "FilterOn");
  return deepClone(c);
}

function autoFilterRange(s: SheetModel): RangeTarget | null {
  return s.autoFilter ? { sheet: s, rect: { ...s.autoFilter.rect } } : null;
}

export const autoFilterDef: TypeDef = defineType<SheetModel>({
  name: "AutoFilter",
  alive: (t) => !t.deleted,
  describe: (t) => t.name,
  props: {
    enabled: { get: (t) => t.autoFilter !== null },
    isDataFiltered: { get: (t) => t.autoFilter !== null && Object.keys(t.autoFilter.criteria).length > 0 },
    // One entry per column of the filter's range (ExcelApi 1.9); a column without criteria reads as {}.
    criteria: {
      get: (t) => {
        const filter = t.autoFilter;
        if (!filter) return [];
        return Array.from({ length: rectCols(filter.rect) }, (_, i) => deepClone(filter.criteria[i] ?? {}));
      },
    },
  },
  methods: {
    apply: (self, range, columnIndex, criteria) =>
      self.write("apply", (t, ac) => {
        const s = SH(t);
        const r = resolveRangeArg(range, ac.model, s);
        if (r.sheet !== s) throw invalidArgument("The AutoFilter range must be on this worksheet.");
        if (isEntireRow(r.rect) && isEntireColumn(r.rect)) throw invalidArgument("Invalid AutoFilter range.");
        const same =
          s.autoFilter !== null &&
          s.autoFilter.rect.startRow === r.rect.startRow &&
          s.autoFilter.rect.endRow === r.rect.endRow &&
          s.autoFilter.rect.startCol === r.rect.startCol &&
          s.autoFilter.rect.endCol === r.rect.endCol;
        const next = { rect: { ...r.rect }, criteria: same && s.autoFilter ? { ...s.autoFilter.criteria } : {} };
        if (columnIndex !== undefined && columnIndex !== null) {
          const ci = int(columnIndex, "columnIndex");
          if (ci >= rectCols(r.rect)) throw invalidArgument(`columnIndex ${ci} is outside the AutoFilter range.`);
          if (criteria !== undefined && criteria !== null) next.criteria[ci] = validateCriteria(criteria);
        } else if (criteria !== undefined && criteria !== null) {
          throw invalidArgument("AutoFilter.apply: criteria need a columnIndex.");
        }
        if (!same) showFilteredRows(s); // another range: the old filter goes, with what it hid
        s.autoFilter = next;
        applyFilterCriteria(ac.model, s);
      }),
    remove: (self) =>
      self.write("remove", (t) => {
        showFilteredRows(SH(t));
        SH(t).autoFilter = null;
      }),
    clearCriteria: (self) =>
      self.write("clearCriteria", (t) => {
        const af = SH(t).autoFilter;
        showFilteredRows(SH(t));
        if (af) af.criteria = {};
      }),
    clearColumnCriteria: (self, columnIndex) =>
      self.write("clearColumnCriteria", (t, ac) => {
        const af = SH(t).autoFilter;
        const ci = int(columnIndex, "columnIndex");
        if (af) delete af.criteria[ci];
        applyFilterCriteria(ac.model, SH(t));
      }),
    reapply: (self) => self.write("reapply", (t, ac) => applyFilterCriteria(ac.model, SH(t))),
    getRange: (self) =>
      self.child(rangeDef, (t) => {
        const r = autoFilterRange(SH(t));
        if (!r) throw itemNotFound("The worksheet has no AutoFilter.");
        return r;
      }).proxy,
    getRangeOrNullObject: (self) => self.nullableChild(rangeDef, (t) => autoFilterRange(SH(t))).proxy,
  },
});

// ---------------- Worksheet.showOutlineLevels ----------------

/** Shows outline levels like Excel's 1..8 buttons: rows/columns at a level >= n are hidden, others shown; 0 = no change. */
export function showOutlineLevels(s: SheetModel, rowLevels: unknown, columnLevels: unknown): void {
  const rows = int(rowLevels, "rowLevels");
  const cols = int(columnLevels, "columnLevels");
  if (rows > 8 || cols > 8) throw invalidArgument("Outline levels must be between 0 and 8.");
  const apply = (levels: Map<number, number>, hidden: Set<number>, n: number) => {
    if (n === 0) return;
    for (const [i, level] of levels) {
      if (level >= n) hidden.add(i);
      else hidden.delete(i);
    }
  };
  apply(s.rowLevels, s.hiddenRows, rows);
  apply(s.colLevels, s.hiddenCols, cols);
  s.outlineLevelsShown = { rows, columns: cols };
}
