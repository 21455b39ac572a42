/** Workbook, worksheets, worksheet-level objects (page layout, freeze panes, custom properties, names), runtime. */
import { MAX_COLS, MAX_ROWS, Rect, checkRect, isEntireColumn, isEntireRow, parseAddress } from "./address";
import { ClientObject, FakeCore, TypeDef, defineType } from "./core";
import { invalidArgument, invalidOperation, itemNotFound } from "./errors";
import type { HeaderFooterModel, NameModel, PageLayoutModel, SheetModel, WorkbookModel } from "./model";
import { RangeAreasTarget, RangeTarget, rangeAreasArg, rangeAreasDef, rangeDef, resolveRangeArg } from "./api-range";
import { autoFilterDef, showOutlineLevels, tableCollectionDef } from "./api-table";
import { bool, int, normalizeColor, num, oneOf, str } from "./values";

const S = (t: unknown) => t as SheetModel;
const M = (t: unknown) => t as WorkbookModel;

function sheetAlive(s: SheetModel): boolean {
  return !s.deleted;
}

const WHOLE_SHEET: Rect = { startRow: 0, startCol: 0, endRow: MAX_ROWS - 1, endCol: MAX_COLS - 1 };

function activate(model: WorkbookModel, sheet: SheetModel, raise: (name: string, s: SheetModel) => void): void {
  if (sheet.visibility !== "Visible") throw invalidOperation("A hidden worksheet cannot be activated.");
  const prev = model.sheetById(model.activeSheetId);
  if (prev === sheet) return;
  model.activeSheetId = sheet.id;
  model.selection = { sheetId: sheet.id, rect: { startRow: 0, startCol: 0, endRow: 0, endCol: 0 } };
  if (prev) raise("onDeactivated", prev);
  raise("onActivated", sheet);
}

function requireInt(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw invalidArgument(`${what} must be a non-negative integer.`);
  return v;
}

// ---------------- Worksheet ----------------

function rangeOnSheet(sheet: SheetModel, address: unknown): RangeTarget {
  if (address === undefined) return { sheet, rect: { ...WHOLE_SHEET } };
  if (typeof address !== "string") throw invalidArgument("Worksheet.getRange expects an address string.");
  const p = parseAddress(address);
  if (p.areas.length !== 1) throw invalidArgument(`getRange does not accept multi-area addresses ('${address}').`);
  if (p.sheet && p.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw invalidArgument(`The address '${address}' refers to another worksheet than '${sheet.name}'.`);
  }
  return { sheet, rect: p.areas[0] };
}

export const worksheetDef: TypeDef = defineType<SheetModel>({
  name: "Worksheet",
  alive: sheetAlive,
  describe: (t) => t.name,
  props: {
    id: { get: (t) => t.id },
    name: {
      get: (t) => t.name,
      set: (t, v, ac) => {
        const before = t.name;
        ac.model.renameSheet(t, v);
        ac.raise("onNameChanged", t, { nameBefore: before, nameAfter: t.name });
      },
    },
    position: {
      get: (t, core) => core.model.sheets.indexOf(t),
      set: (t, v, ac) => ac.model.moveSheet(t, v),
    },
    visibility: {
      get: (t) => t.visibility,
      set: (t, v, ac) => ac.model.setVisibility(t, v),
    },
    tabColor: {
      get: (t) => t.tabColor,
      set: (t, v) => {
        t.tabColor = normalizeColor(v, true);
      },
    },
    showGridlines: {
      get: (t) => t.showGridlines,
      set: (t, v) => {
        t.showGridlines = bool(v, "showGridlines");
      },
    },
    showHeadings: {
      get: (t) => t.showHeadings,
      set: (t, v) => {
        t.showHeadings = bool(v, "showHeadings");
      },
    },
  },
  navs: {
    pageLayout: { def: () => pageLayoutDef, resolve: (t) => t },
    freezePanes: { def: () => freezePanesDef, resolve: (t) => t },
    customProperties: { def: () => customPropertyCollectionDef, resolve: (t) => t },
    protection: { def: () => worksheetProtectionDef, resolve: (t) => t },
    names: { def: () => namedItemCollectionDef, resolve: (t, core) => ({ model: core.model, sheet: t }) },
    tables: { def: () => tableCollectionDef, resolve: (t, core) => ({ model: core.model, sheet: t }) },
    autoFilter: { def: () => autoFilterDef, resolve: (t) => t },
  },
  methods: {
    activate: (self) => self.write("activate", (t, ac) => activate(ac.model, S(t), (n, s) => ac.raise(n, s))),
    delete: (self) =>
      self.write("delete", (t, ac) => {
        const s = S(t);
        ac.model.deleteSheet(s);
        ac.raise("onDeleted", s);
      }),
    getRange: (self, address) => self.child(rangeDef, (t) => rangeOnSheet(S(t), address)).proxy,
    getRangeByIndexes: (self, startRow, startCol, rowCount, colCount) =>
      self.child(rangeDef, (t) => ({
        sheet: S(t),
        rect: checkRect({
          startRow: requireInt(startRow, "startRow"),
          startCol: requireInt(startCol, "startColumn"),
          endRow: requireInt(startRow, "startRow") + int(rowCount, "rowCount", 1) - 1,
          endCol: requireInt(startCol, "startColumn") + int(colCount, "columnCount", 1) - 1,
        }),
      })).proxy,
    getCell: (self, row, col) =>
      self.child(rangeDef, (t) => {
        const r = requireInt(row, "row");
        const c = requireInt(col, "column");
        return { sheet: S(t), rect: checkRect({ startRow: r, endRow: r, startCol: c, endCol: c }) };
      }).proxy,
    getUsedRange: (self, valuesOnly) =>
      self.child(rangeDef, (t) => {
        const used = self.core.model.usedRect(S(t), valuesOnly === true);
        return { sheet: S(t), rect: used ?? { startRow: 0, startCol: 0, endRow: 0, endCol: 0 } };
      }).proxy,
    getUsedRangeOrNullObject: (self, valuesOnly) =>
      self.nullableChild(rangeDef, (t) => {
        const used = self.core.model.usedRect(S(t), valuesOnly === true);
        return used ? { sheet: S(t), rect: used } : null;
      }).proxy,
    calculate: (self) => self.write("calculate", () => undefined),
    showOutlineLevels: (self, rowLevels, columnLevels) =>
      self.write("showOutlineLevels", (t, ac) => {
        showOutlineLevels(S(t), rowLevels, columnLevels);
        ac.raise("onFormatChanged", S(t), undefined, WHOLE_SHEET);
      }),
  },
  events: {
    onChanged: { scope: (t) => t.id },
    onActivated: { scope: (t) => t.id },
    onDeactivated: { scope: (t) => t.id },
    onFormatChanged: { scope: (t) => t.id },
    onNameChanged: { scope: (t) => t.id },
  },
});

// ---------------- WorksheetCollection ----------------

function getSheet(model: WorkbookModel, key: unknown): SheetModel {
  if (typeof key !== "string") throw invalidArgument("Worksheet key must be a string.");
  const s = model.sheetByNameOrId(key);
  if (!s) throw itemNotFound(`The worksheet '${key}' does not exist.`);
  return s;
}

function visibleSheets(model: WorkbookModel, visibleOnly: unknown): SheetModel[] {
  return visibleOnly === true ? model.sheets.filter((s) => s.visibility === "Visible") : model.sheets;
}

export const worksheetCollectionDef: TypeDef = defineType<WorkbookModel>({
  name: "WorksheetCollection",
  props: {},
  items: {
    def: () => worksheetDef,
    list: (t) => t.sheets.map((s) => () => s),
  },
  methods: {
    add: (self, name) =>
      self.create("add", worksheetDef, (t, ac) => {
        if (name !== undefined && typeof name !== "string") throw invalidArgument("Worksheet name must be a string.");
        const s = M(t).addSheet(name);
        ac.raise("onAdded", s);
        return s;
      }).proxy,
    getItem: (self, key) => self.child(worksheetDef, (t) => getSheet(M(t), key)).proxy,
    getItemOrNullObject: (self, key) =>
      self.nullableChild(worksheetDef, (t) => (typeof key === "string" ? (M(t).sheetByNameOrId(key) ?? null) : null))
        .proxy,
    getActiveWorksheet: (self) => self.child(worksheetDef, (t) => activeSheet(M(t))).proxy,
    getFirst: (self, visibleOnly) =>
      self.child(worksheetDef, (t) => {
        const list = visibleSheets(M(t), visibleOnly);
        if (!list.length) throw itemNotFound("No worksheets.");
        return list[0];
      }).proxy,
    getLast: (self, visibleOnly) =>
      self.child(worksheetDef, (t) => {
        const list = visibleSheets(M(t), visibleOnly);
        if (!list.length) throw itemNotFound("No worksheets.");
        return list[list.length - 1];
      }).proxy,
    getCount: (self, visibleOnly) => self.query("getCount", (t) => visibleSheets(M(t), visibleOnly).length),
  },
  events: {
    onChanged: { scope: () => null },
    onAdded: { scope: () => null },
    onDeleted: { scope: () => null },
    onActivated: { scope: () => null },
    onDeactivated: { scope: () => null },
    onFormatChanged: { scope: () => null },
    onNameChanged: { scope: () => null },
  },
});

function activeSheet(model: WorkbookModel): SheetModel {
  const s = model.sheetById(model.activeSheetId);
  if (!s) throw itemNotFound("There is no active worksheet.");
  return s;
}

// ---------------- Workbook, Application, Runtime ----------------

export const applicationDef: TypeDef = defineType<WorkbookModel>({
  name: "Application",
  props: {
    calculationMode: {
      get: (t) => t.calculationMode,
      set: (t, v) => {
        t.calculationMode = oneOf(v, ["Automatic", "AutomaticExceptTables", "Manual"], "CalculationMode");
      },
    },
  },
  methods: {
    calculate: (self, type) => {
      oneOf(type, ["Recalculate", "Full", "FullRebuild"], "CalculationType");
      self.write("calculate", () => undefined, "meta");
    },
    suspendApiCalculationUntilNextSync: (self) =>
      self.write("suspendApiCalculationUntilNextSync", () => undefined, "meta"),
    suspendScreenUpdatingUntilNextSync: (self) =>
      self.write("suspendScreenUpdatingUntilNextSync", () => undefined, "meta"),
  },
});

export const workbookDef: TypeDef = defineType<WorkbookModel>({
  name: "Workbook",
  props: {
    name: { get: () => "Book1.xlsx" },
  },
  navs: {
    worksheets: { def: () => worksheetCollectionDef, resolve: (t) => t },
    names: { def: () => namedItemCollectionDef, resolve: (t) => ({ model: t, sheet: null }) },
    tables: { def: () => tableCollectionDef, resolve: (t) => ({ model: t, sheet: null }) },
    application: { def: () => applicationDef, resolve: (t) => t },
  },
  methods: {
    getActiveWorksheet: (self) => self.child(worksheetDef, (t) => activeSheet(M(t))).proxy,
    getSelectedRange: (self) =>
      self.child(rangeDef, (t) => {
        const m = M(t);
        const sel = m.selection;
        const sheet = sel ? m.sheetById(sel.sheetId) : undefined;
        if (!sel || !sheet) throw itemNotFound("Nothing is selected.");
        return { sheet, rect: { ...sel.rect } };
      }).proxy,
    getActiveCell: (self) =>
      self.child(rangeDef, (t) => {
        const m = M(t);
        const sel = m.selection;
        const sheet = sel ? m.sheetById(sel.sheetId) : undefined;
        if (!sel || !sheet) throw itemNotFound("Nothing is selected.");
        return { sheet, rect: { ...sel.rect, endRow: sel.rect.startRow, endCol: sel.rect.startCol } };
      }).proxy,
  },
});

export const runtimeDef: TypeDef = defineType<WorkbookModel>({
  name: "Runtime",
  props: {
    enableEvents: {
      kind: "meta",
      get: (t) => t.eventsEnabled,
      set: (t, v) => {
        t.eventsEnabled = bool(v, "enableEvents");
      },
    },
  },
});

// ---------------- Worksheet protection ----------------

export const worksheetProtectionDef: TypeDef = defineType<SheetModel>({
  name: "WorksheetProtection",
  alive: sheetAlive,
  props: {
    protected: { get: (t) => t.protection.protected },
    options: { get: (t) => ({ ...t.protection.options }) },
  },
  methods: {
    protect: (self, options, password) =>
      self.write("protect", (t) => {
        const s = S(t);
        if (s.protection.protected) throw invalidOperation("The worksheet is already protected.");
        if (password !== undefined) str(password, "password");
        s.protection = { protected: true, options: { ...((options as Record<string, unknown>) ?? {}) } };
      }),
    unprotect: (self, password) =>
      self.write("unprotect", (t) => {
        if (password !== undefined) str(password, "password");
        S(t).protection = { protected: false, options: {} };
      }),
  },
});

// ---------------- Freeze panes ----------------

export const freezePanesDef: TypeDef = defineType<SheetModel>({
  name: "WorksheetFreezePanes",
  alive: sheetAlive,
  props: {},
  methods: {
    freezeRows: (self, count = 1) =>
      self.write("freezeRows", (t) => {
        S(t).freeze = { rows: int(count, "count"), columns: 0 };
      }),
    freezeColumns: (self, count = 1) =>
      self.write("freezeColumns", (t) => {
        S(t).freeze = { rows: 0, columns: int(count, "count") };
      }),
    freezeAt: (self, frozenRange) =>
      self.write("freezeAt", (t, ac) => {
        const r = resolveRangeArg(frozenRange, ac.model, S(t));
        S(t).freeze = {
          rows: isEntireColumn(r.rect) ? 0 : r.rect.endRow + 1,
          columns: isEntireRow(r.rect) ? 0 : r.rect.endCol + 1,
        };
      }),
    unfreeze: (self) =>
      self.write("unfreeze", (t) => {
        S(t).freeze = { rows: 0, columns: 0 };
      }),
    getLocationOrNullObject: (self) => self.nullableChild(rangeDef, (t) => freezeLocation(S(t))).proxy,
    getLocation: (self) =>
      self.child(rangeDef, (t) => {
        const loc = freezeLocation(S(t));
        if (!loc) throw itemNotFound("The worksheet has no frozen panes.");
        return loc;
      }).proxy,
  },
});

function freezeLocation(s: SheetModel): RangeTarget | null {
  const { rows, columns } = s.freeze;
  if (!rows && !columns) return null;
  if (rows && !columns) return { sheet: s, rect: { startRow: 0, endRow: rows - 1, startCol: 0, endCol: MAX_COLS - 1 } };
  if (!rows && columns)
    return { sheet: s, rect: { startRow: 0, endRow: MAX_ROWS - 1, startCol: 0, endCol: columns - 1 } };
  return { sheet: s, rect: { startRow: 0, endRow: rows - 1, startCol: 0, endCol: columns - 1 } };
}

// ---------------- Page layout ----------------

function layoutProp<K extends keyof PageLayoutModel>(key: K, validate: (v: unknown) => PageLayoutModel[K]) {
  return {
    get: (t: SheetModel) => t.pageLayout[key],
    set: (t: SheetModel, v: unknown) => {
      t.pageLayout[key] = validate(v);
    },
  };
}

const margin = (what: string) => (v: unknown) => num(v, what, 0, 1000);

function validateZoom(v: unknown): PageLayoutModel["zoom"] {
  if (v === null || typeof v !== "object") throw invalidArgument("zoom must be an object.");
  const z = v as Record<string, unknown>;
  for (const k of Object.keys(z)) {
    if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))
      throw invalidArgument(`Unknown zoom property '${k}'.`);
  }
  const out: PageLayoutModel["zoom"] = {};
  if (z.scale !== undefined && z.scale !== null) out.scale = num(z.scale, "zoom.scale", 10, 400);
  if (z.horizontalFitToPages !== undefined && z.horizontalFitToPages !== null) {
    out.horizontalFitToPages = int(z.horizontalFitToPages, "zoom.horizontalFitToPages");
  }
  if (z.verticalFitToPages !== undefined && z.verticalFitToPages !== null) {
    out.verticalFitToPages = int(z.verticalFitToPages, "zoom.verticalFitToPages");
  }
  if (out.scale !== undefined && (out.horizontalFitToPages !== undefined || out.verticalFitToPages !== undefined)) {
    throw invalidArgument("zoom.scale cannot be combined with fit-to-pages settings.");
  }
  return out;
}

function wholeRows(r: Rect): Rect {
  return { ...r, startCol: 0, endCol: MAX_COLS - 1 };
}

function wholeCols(r: Rect): Rect {
  return { ...r, startRow: 0, endRow: MAX_ROWS - 1 };
}

function printAreaTarget(s: SheetModel, rects: Rect[] | null): RangeAreasTarget | null {
  return rects && rects.length ? { sheet: s, rects } : null;
}

export const pageLayoutDef: TypeDef = defineType<SheetModel>({
  name: "PageLayout",
  alive: sheetAlive,
  describe: (t) => t.name,
  props: {
    orientation: layoutProp("orientation", (v) => oneOf(v, ["Portrait", "Landscape"], "PageOrientation")),
    centerHorizontally: layoutProp("centerHorizontally", (v) => bool(v, "centerHorizontally")),
    centerVertically: layoutProp("centerVertically", (v) => bool(v, "centerVertically")),
    printGridlines: layoutProp("printGridlines", (v) => bool(v, "printGridlines")),
    printHeadings: layoutProp("printHeadings", (v) => bool(v, "printHeadings")),
    printComments: layoutProp("printComments", (v) => oneOf(v, ["NoComments", "EndSheet", "InPlace"], "PrintComments")),
    printErrors: layoutProp("printErrors", (v) =>
      oneOf(v, ["AsDisplayed", "Blank", "Dash", "NotAvailable"], "PrintErrorType"),
    ),
    printOrder: layoutProp("printOrder", (v) => oneOf(v, ["DownThenOver", "OverThenDown"], "PrintOrder")),
    blackAndWhite: layoutProp("blackAndWhite", (v) => bool(v, "blackAndWhite")),
    draftMode: layoutProp("draftMode", (v) => bool(v, "draftMode")),
    firstPageNumber: layoutProp("firstPageNumber", (v) => (v === "" ? "" : int(v, "firstPageNumber", 1))),
    paperSize: layoutProp("paperSize", (v) => str(v, "paperSize")),
    leftMargin: layoutProp("leftMargin", margin("leftMargin")),
    rightMargin: layoutProp("rightMargin", margin("rightMargin")),
    topMargin: layoutProp("topMargin", margin("topMargin")),
    bottomMargin: layoutProp("bottomMargin", margin("bottomMargin")),
    headerMargin: layoutProp("headerMargin", margin("headerMargin")),
    footerMargin: layoutProp("footerMargin", margin("footerMargin")),
    zoom: layoutProp("zoom", validateZoom),
  },
  navs: {
    headersFooters: { def: () => headerFooterGroupDef, resolve: (t) => t },
  },
  methods: {
    setPrintArea: (self, area) =>
      self.write("setPrintArea", (t, ac) => {
        const a = rangeAreasArg(area, ac.model, S(t));
        if (a.sheet !== S(t)) throw invalidArgument("The print area must be on the same worksheet.");
        S(t).printArea = a.rects.map((r) => ({ ...r }));
      }),
    getPrintArea: (self) =>
      self.child(rangeAreasDef, (t) => {
        const a = printAreaTarget(S(t), S(t).printArea);
        if (!a) throw itemNotFound("The worksheet has no print area.");
        return a;
      }).proxy,
    getPrintAreaOrNullObject: (self) =>
      self.nullableChild(rangeAreasDef, (t) => printAreaTarget(S(t), S(t).printArea)).proxy,
    setPrintTitleRows: (self, rows) =>
      self.write("setPrintTitleRows", (t, ac) => {
        const r = resolveRangeArg(rows, ac.model, S(t));
        S(t).printTitleRows = wholeRows(r.rect);
      }),
    getPrintTitleRowsOrNullObject: (self) =>
      self.nullableChild(rangeDef, (t) =>
        S(t).printTitleRows ? { sheet: S(t), rect: { ...S(t).printTitleRows! } } : null,
      ).proxy,
    setPrintTitleColumns: (self, cols) =>
      self.write("setPrintTitleColumns", (t, ac) => {
        const r = resolveRangeArg(cols, ac.model, S(t));
        S(t).printTitleColumns = wholeCols(r.rect);
      }),
    getPrintTitleColumnsOrNullObject: (self) =>
      self.nullableChild(rangeDef, (t) =>
        S(t).printTitleColumns ? { sheet: S(t), rect: { ...S(t).printTitleColumns! } } : null,
      ).proxy,
    setPrintMargins: (self, unit, options) =>
      self.write("setPrintMargins", (t) => {
        const u = oneOf(unit, ["Points", "Inches", "Centimeters"], "PrintMarginUnit");
        const factor = u === "Points" ? 1 : u === "Inches" ? 72 : 72 / 2.54;
        if (options === null || typeof options !== "object") throw invalidArgument("setPrintMargins expects options.");
        const o = options as Record<string, unknown>;
        const map: Record<string, keyof PageLayoutModel> = {
          left: "leftMargin",
          right: "rightMargin",
          top: "topMargin",
          bottom: "bottomMargin",
          header: "headerMargin",
          footer: "footerMargin",
        };
        for (const [k, v] of Object.entries(o)) {
          const key = map[k];
          if (!key) throw invalidArgument(`Unknown margin '${k}'.`);
          (S(t).pageLayout as unknown as Record<string, number>)[key] = num(v, k, 0, 1000) * factor;
        }
      }),
  },
});

export const headerFooterGroupDef: TypeDef = defineType<SheetModel>({
  name: "HeaderFooterGroup",
  alive: sheetAlive,
  props: {
    state: {
      get: (t) => t.pageLayout.headersFooters.state,
      set: (t, v) => {
        t.pageLayout.headersFooters.state = oneOf(
          v,
          ["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"],
          "HeaderFooterState",
        );
      },
    },
    useSheetMargins: {
      get: (t) => t.pageLayout.headersFooters.useSheetMargins,
      set: (t, v) => {
        t.pageLayout.headersFooters.useSheetMargins = bool(v, "useSheetMargins");
      },
    },
    useSheetScale: {
      get: (t) => t.pageLayout.headersFooters.useSheetScale,
      set: (t, v) => {
        t.pageLayout.headersFooters.useSheetScale = bool(v, "useSheetScale");
      },
    },
  },
  navs: {
    defaultForAllPages: { def: () => headerFooterDef, resolve: (t) => t.pageLayout.headersFooters.defaultForAllPages },
    firstPage: { def: () => headerFooterDef, resolve: (t) => t.pageLayout.headersFooters.firstPage },
    evenPages: { def: () => headerFooterDef, resolve: (t) => t.pageLayout.headersFooters.evenPages },
    oddPages: { def: () => headerFooterDef, resolve: (t) => t.pageLayout.headersFooters.oddPages },
  },
});

function hfProp(key: keyof HeaderFooterModel) {
  return {
    get: (t: HeaderFooterModel) => t[key],
    set: (t: HeaderFooterModel, v: unknown) => {
      const s = str(v, key);
      if (s.length > 255) throw invalidArgument(`${key} is longer than 255 characters.`);
      t[key] = s;
    },
  };
}

export const headerFooterDef: TypeDef = defineType<HeaderFooterModel>({
  name: "HeaderFooter",
  props: {
    leftHeader: hfProp("leftHeader"),
    centerHeader: hfProp("centerHeader"),
    rightHeader: hfProp("rightHeader"),
    leftFooter: hfProp("leftFooter"),
    centerFooter: hfProp("centerFooter"),
    rightFooter: hfProp("rightFooter"),
  },
});

// ---------------- Custom properties ----------------

interface CustomPropTarget {
  sheet: SheetModel;
  key: string;
}

function findProp(sheet: SheetModel, key: string) {
  const lower = key.toLowerCase();
  return sheet.customProps.find((p) => p.key.toLowerCase() === lower);
}

export const customPropertyDef: TypeDef = defineType<CustomPropTarget>({
  name: "WorksheetCustomProperty",
  alive: (t) => !t.sheet.deleted && findProp(t.sheet, t.key) !== undefined,
  describe: (t) => `${t.sheet.name}#${t.key}`,
  props: {
    key: { get: (t) => findProp(t.sheet, t.key)?.key },
    value: {
      get: (t) => findProp(t.sheet, t.key)?.value,
      set: (t, v) => {
        const p = findProp(t.sheet, t.key);
        if (p) p.value = str(v, "value");
      },
    },
  },
  methods: {
    delete: (self) =>
      self.write("delete", (t) => {
        const c = t as CustomPropTarget;
        c.sheet.customProps = c.sheet.customProps.filter((p) => p.key.toLowerCase() !== c.key.toLowerCase());
      }),
  },
});

function propKey(v: unknown): string {
  const key = str(v, "key");
  if (key.length === 0 || key.length > 255) throw invalidArgument("Custom property keys must be 1-255 characters.");
  return key;
}

export const customPropertyCollectionDef: TypeDef = defineType<SheetModel>({
  name: "WorksheetCustomPropertyCollection",
  alive: sheetAlive,
  props: {},
  items: {
    def: () => customPropertyDef,
    list: (t) => t.customProps.map((p) => () => ({ sheet: t, key: p.key })),
  },
  methods: {
    add: (self, key, value) =>
      self.create("add", customPropertyDef, (t) => {
        const s = S(t);
        const k = propKey(key);
        const v = str(value, "value");
        const existing = findProp(s, k);
        if (existing) existing.value = v;
        else s.customProps.push({ key: k, value: v });
        return { sheet: s, key: k };
      }).proxy,
    getItem: (self, key) =>
      self.child(customPropertyDef, (t) => {
        const k = propKey(key);
        if (!findProp(S(t), k)) throw itemNotFound(`Custom property '${k}' not found.`);
        return { sheet: S(t), key: k };
      }).proxy,
    getItemOrNullObject: (self, key) =>
      self.nullableChild(customPropertyDef, (t) => {
        const k = propKey(key);
        return findProp(S(t), k) ? { sheet: S(t), key: k } : null;
      }).proxy,
    getCount: (self) => self.query("getCount", (t) => S(t).customProps.length),
  },
});

// ---------------- Names ----------------

interface NamesTarget {
  model: WorkbookModel;
  sheet: SheetModel | null;
}

interface NameTarget {
  model: WorkbookModel;
  n: NameModel;
}

function nameType(formula: string): string {
  const body = formula.replace(/^=/, "").trim();
  if (/^-?\d+(\.\d+)?$/.test(body)) return Number.isInteger(Number(body)) ? "Integer" : "Double";
  if (/^".*"$/.test(body)) return "String";
  if (/^(TRUE|FALSE)$/i.test(body)) return "Boolean";
  if (/^#[A-Z/0!?]+/.test(body)) return "Error";
  try {
    parseAddress(body);
    return "Range";
  } catch {
    return "Formula";
  }
}

function nameRange(t: NameTarget): RangeTarget | null {
  const f = t.model.nameFormula(t.n).replace(/^=/, "");
  try {
    const p = parseAddress(f);
    if (p.areas.length !== 1) return null;
    const sheet = p.sheet
      ? t.model.sheetByName(p.sheet)
      : t.n.scopeSheetId
        ? t.model.sheetById(t.n.scopeSheetId)
        : undefined;
    return sheet ? { sheet, rect: p.areas[0] } : null;
  } catch {
    return null;
  }
}

export const namedItemDef: TypeDef = defineType<NameTarget>({
  name: "NamedItem",
  alive: (t) => t.model.names.includes(t.n),
  describe: (t) => t.n.name,
  props: {
    name: { get: (t) => t.n.name },
    type: { get: (t) => nameType(t.model.nameFormula(t.n)) },
    value: {
      get: (t) => {
        const f = t.model.nameFormula(t.n).replace(/^=/, "");
        const type = nameType(f);
        if (type === "Integer" || type === "Double") return Number(f);
        if (type === "String") return f.slice(1, -1);
        return f;
      },
    },
    formula: {
      get: (t) => t.model.nameFormula(t.n),
      set: (t, v) => {
        const f = str(v, "formula");
        const scope = t.n.scopeSheetId ? (t.model.sheetById(t.n.scopeSheetId) ?? null) : null;
        const { name, comment } = t.n;
        t.model.deleteName(t.n);
        const created = t.model.addName(name, f.startsWith("=") ? f : `=${f}`, comment, scope);
        Object.assign(t.n, created);
        t.model.names[t.model.names.indexOf(created)] = t.n;
      },
    },
    comment: {
      get: (t) => t.n.comment,
      set: (t, v) => {
        t.n.comment = str(v, "comment");
      },
    },
    visible: {
      get: (t) => t.n.visible,
      set: (t, v) => {
        t.n.visible = bool(v, "visible");
      },
    },
    scope: { get: (t) => (t.n.scopeSheetId ? "Worksheet" : "Workbook") },
  },
  methods: {
    getRange: (self) =>
      self.child(rangeDef, (t) => {
        const r = nameRange(t as NameTarget);
        if (!r) throw invalidOperation(`The name '${(t as NameTarget).n.name}' does not refer to a range.`);
        return r;
      }).proxy,
    getRangeOrNullObject: (self) => self.nullableChild(rangeDef, (t) => nameRange(t as NameTarget)).proxy,
    delete: (self) => self.write("delete", (t) => (t as NameTarget).model.deleteName((t as NameTarget).n)),
  },
});

function referenceFormula(ref: unknown, t: NamesTarget, self: ClientObject): string {
  if (typeof ref === "string") return ref.startsWith("=") ? ref : `=${ref}`;
  const defaultSheet = t.sheet ?? t.model.sheetById(t.model.activeSheetId) ?? t.model.sheets[0];
  const r = resolveRangeArg(ref, self.core.model, defaultSheet);
  return `=${t.model.address(r.sheet, r.rect, true)}`;
}

export const namedItemCollectionDef: TypeDef = defineType<NamesTarget>({
  name: "NamedItemCollection",
  props: {},
  items: {
    def: () => namedItemDef,
    list: (t) =>
      t.model.names
        .filter((n) => n.scopeSheetId === (t.sheet ? t.sheet.id : null))
        .map((n) => () => ({ model: t.model, n })),
  },
  methods: {
    add: (self, name, reference, comment = "") =>
      self.create("add", namedItemDef, (tt) => {
        const t = tt as NamesTarget;
        const n = t.model.addName(name, referenceFormula(reference, t, self), str(comment, "comment"), t.sheet);
        return { model: t.model, n };
      }).proxy,
    addFormulaLocal: (self, name, formula, comment = "") =>
      self.create("addFormulaLocal", namedItemDef, (tt) => {
        const t = tt as NamesTarget;
        const f = str(formula, "formula");
        const n = t.model.addName(name, f.startsWith("=") ? f : `=${f}`, str(comment, "comment"), t.sheet);
        return { model: t.model, n };
      }).proxy,
    getItem: (self, name) =>
      self.child(namedItemDef, (tt) => {
        const t = tt as NamesTarget;
        const n = t.model.findName(str(name, "name"), t.sheet ? t.sheet.id : null);
        if (!n) throw itemNotFound(`The name '${String(name)}' does not exist.`);
        return { model: t.model, n };
      }).proxy,
    getItemOrNullObject: (self, name) =>
      self.nullableChild(namedItemDef, (tt) => {
        const t = tt as NamesTarget;
        const n = t.model.findName(str(name, "name"), t.sheet ? t.sheet.id : null);
        return n ? { model: t.model, n } : null;
      }).proxy,
    getCount: (self) =>
      self.query("getCount", (tt) => {
        const t = tt as NamesTarget;
        return t.model.names.filter((n) => n.scopeSheetId === (t.sheet ? t.sheet.id : null)).length;
      }),
  },
});

/** Creates the root objects of a request context. */
export function rootObjects(core: FakeCore) {
  return {
    workbook: (ctx: import("./core").RequestContextImpl) => new ClientObject(ctx, workbookDef, () => core.model),
    runtime: (ctx: import("./core").RequestContextImpl) => new ClientObject(ctx, runtimeDef, () => core.model),
    range: (ctx: import("./core").RequestContextImpl, sheetId: string, rect: Rect, orNull: boolean) =>
      new ClientObject(ctx, rangeDef, () => {
        const sheet = core.model.sheetById(sheetId);
        if (!sheet) {
          if (orNull) return null;
          throw itemNotFound(`The worksheet ${sheetId} no longer exists.`);
        }
        return { sheet, rect: { ...rect } };
      }),
  };
}
