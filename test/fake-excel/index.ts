/**
 * Strict fake of the Office.js Excel API for tests. See README.md in this folder for usage.
 * Plain TypeScript, no Node-only APIs: it can be bundled into a browser page.
 */
import { Rect, colToLetters, formatRect, grid, parseSingleArea, rectCols, rectRows } from "./address";
import { rootObjects } from "./api-workbook";
import { ClientObject, FakeCore, Fault, RequestContextImpl, SyncSize, clientObjectOf, contextByApi } from "./core";
import { EXCEL_ENUMS } from "./enums";
import { RichApiError, notImplemented } from "./errors";
import { type DispatchMode, EventBus } from "./events";
import { invariantTyping, type FakeLocale } from "./locale";
import { STYLE_DEFAULTS, SheetModel, WorkbookModel, tableRect } from "./model";
import { tableHeaders } from "./api-table";
import type { CellValue, LogEntry, PageLayoutModel, ValueType } from "./model";
import { formatValue } from "./number-format";
import { deepClone, strictPlain } from "./strict";

export { RichApiError } from "./errors";
export type { LogEntry, PageLayoutModel, CellValue, ValueType } from "./model";

export interface FakeExcelOptions {
  /** Initial sheet names (default ["Sheet1"]). */
  sheets?: string[];
  /** Requirement sets answered by Office.context.requirements.isSetSupported (default { ExcelApi: "1.17" }). */
  supportedSets?: Record<string, string>;
  /** false = change events carry no triggerSource (ExcelApi < 1.14). Default true. */
  supportsTriggerSource?: boolean;
  /** The person's Excel language (locale.ts): "de-DE" shows and takes German separators. Default "en-US". */
  locale?: FakeLocale;
  /**
   * "concurrent" (default, as Office.js): each handler is called as its event arrives, not awaited, so handlers of
   * quick edits overlap; "serial": each event waits for the handlers of the one before.
   */
  dispatch?: DispatchMode;
}

export interface EditOptions {
  source?: "Local" | "Remote";
  triggerSource?: "Unknown" | "ThisLocalAddin";
}

export interface CellSnapshot {
  value: CellValue;
  /** "=..." for formula cells, otherwise the value. */
  formula: CellValue;
  numberFormat: string;
  text: string;
  valueType: ValueType;
}

export interface SheetSnapshot {
  id: string;
  name: string;
  position: number;
  visibility: string;
  tabColor: string;
  showGridlines: boolean;
  active: boolean;
  /** Non-empty cells keyed by local address ("B4"). */
  cells: Record<string, CellSnapshot>;
  usedRange: string | null;
  /** Format layers in application order; later layers win. Keys like "font.bold", "fill.color", "numberFormat". */
  formats: { address: string; props: Record<string, unknown> }[];
  columnWidths: Record<string, number>;
  rowHeights: Record<number, number>;
  hiddenRows: number[];
  hiddenColumns: string[];
  /** 1-based row number → outline level (from range.group(byRows)). */
  rowOutline: Record<number, number>;
  columnOutline: Record<string, number>;
  merges: string[];
  validations: {
    address: string;
    type: string;
    rule: Record<string, unknown> | null;
    errorAlert: { showAlert: boolean; style: string; title: string; message: string };
    prompt: { showPrompt: boolean; title: string; message: string };
    ignoreBlanks: boolean;
  }[];
  conditionalFormats: {
    id: string;
    address: string;
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
    priority: number;
    stopIfTrue: boolean;
  }[];
  customProperties: Record<string, string>;
  pageLayout: PageLayoutModel;
  freeze: { rows: number; columns: number };
  printArea: string | null;
  printTitleRows: string | null;
  printTitleColumns: string | null;
  names: { name: string; formula: string; comment: string; visible: boolean }[];
  protection: { protected: boolean; options: Record<string, unknown> };
  autofit: { columns: string[]; rows: string[] };
  /** Tables on this sheet; `address` includes the header row (a header-only table shows one empty body row). */
  tables: { name: string; address: string; hasHeaders: boolean; rowCount: number }[];
  /** Range of the worksheet AutoFilter, or null. */
  autoFilter: string | null;
  /** Criteria recorded by autoFilter.apply, keyed by column index within the AutoFilter range. */
  autoFilterCriteria: Record<number, unknown>;
  /** Last showOutlineLevels(rows, columns) call. */
  outlineLevelsShown: { rows: number; columns: number } | null;
}

export interface TableSnapshot {
  name: string;
  sheetName: string;
  /** Local address including the header row ("A1:C4"). */
  address: string;
  headers: string[];
  /** Data rows only (empty for a header-only table). */
  rows: CellValue[][];
}

export interface DispatchedEvent {
  eventName: string;
  args: Record<string, unknown>;
}

export interface FakeExcelController {
  readonly syncCount: number;
  readonly runCount: number;
  /**
   * Each round trip's size since the last resetCounters(): JSON bytes of the request (actions, their values and
   * arguments, the object paths they use) and of the response (every loaded property's value, every method
   * result), and the Excel.run it belongs to. Excel on the web refuses a request or response over 5 MB.
   */
  readonly syncSizes: readonly SyncSize[];
  /** Totals and the largest single request and response over syncSizes. */
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  /** Applied workbook write operations (property sets and mutating methods), across all contexts. */
  readonly writeCount: number;
  readonly log: LogEntry[];
  readonly lastRunOptions: Record<string, unknown> | null;
  readonly handlerErrors: unknown[];
  /** Every event dispatched so far (after enableEvents filtering), with the args handlers received. */
  readonly events: DispatchedEvent[];
  readonly eventsEnabled: boolean;
  readonly activeSheet: string;
  readonly selection: { sheetName: string; address: string } | null;
  supportedSets: Record<string, string>;
  supportsTriggerSource: boolean;
  model: WorkbookModel;
  sheetNames(): string[];
  sheet(name: string): SheetSnapshot;
  /** A table by name (case-insensitive); throws if there is none. */
  table(name: string): TableSnapshot;
  cell(sheetName: string, address: string): CellSnapshot & { format: Record<string, unknown> };
  getValue(sheetName: string, address: string): CellValue;
  getValues(sheetName: string, address: string): CellValue[][];
  getFormulas(sheetName: string, address: string): CellValue[][];
  getTexts(sheetName: string, address: string): string[][];
  workbookNames(): { name: string; formula: string; comment: string; visible: boolean }[];
  handlerCount(eventName?: string): number;
  /** Test setup without events, counters or the request queue. */
  addSheet(name: string): void;
  setValues(sheetName: string, address: string, values: unknown[][]): void;
  setNumberFormat(sheetName: string, address: string, format: string): void;
  /** Simulates a person typing into one cell; resolves after all (cascading) handlers finished. */
  editCell(sheetName: string, address: string, value: CellValue | null, options?: EditOptions): Promise<void>;
  /** Simulates a multi-cell paste: one onChanged event for the whole area, without details. */
  paste(sheetName: string, topLeft: string, values: unknown[][], options?: EditOptions): Promise<void>;
  /**
   * Runs `batch` in an Excel.run as a person's own action (deleting rows, Fill Down, a paste done through the
   * API): its change events carry triggerSource "Unknown", and those over more than one cell carry no details.
   */
  asPerson(batch: (context: Excel.RequestContext) => Promise<void>): Promise<void>;
  /**
   * A person starts typing in a cell (Excel's cell edit mode): until `endCellEdit`, every sync of a run without
   * `delayForCellEdit` fails whole with InvalidOperationInCellEditMode, and one with it waits.
   */
  startCellEdit(): void;
  /** The person presses Enter: waiting syncs go on; settles the events they raise. */
  endCellEdit(): Promise<void>;
  readonly inCellEdit: boolean;
  /** The custom conditional formats showing on one cell, in priority order (see WorkbookModel.conditionalFormatsOn). */
  conditionalFormatsOn(
    sheetName: string,
    address: string,
  ): { id: string; address: string; formula: string | null; fill: string | null; fontColor: string | null }[];
  replayLastEvent(): Promise<void>;
  /** Waits until all queued events (including those raised by handlers' writes) are handled. */
  settle(): Promise<void>;
  /** The n-th (1-based) write operation of the next sync fails with `code`. */
  failSyncAt(n: number, code?: string, message?: string): void;
  /**
   * The n-th (1-based) write operation from now fails, whichever sync and request context it is in: Office.js
   * applies a batch up to the failing operation and keeps what came before (the commands before the error ran: see
   * `traceMessages` in https://learn.microsoft.com/javascript/api/office/officeextension.error). `fired` says
   * whether it was reached.
   */
  failNthWrite(n: number, code?: string, message?: string): { readonly fired: boolean };
  /** Fails the first write whose {type, target} matches (type like "Range.values", target like "Plan!A1:B2"). */
  failOn(
    match: { type?: string | RegExp; target?: string | RegExp } | ((op: { type: string; target: string }) => boolean),
    code?: string,
    message?: string,
    options?: { once?: boolean },
  ): void;
  clearFaults(): void;
  resetCounters(): void;
}

export interface FakeExcel {
  Excel: typeof Excel;
  Office: typeof Office;
  OfficeExtension: typeof OfficeExtension;
  fake: FakeExcelController;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function matches(p: string | RegExp | undefined, s: string): boolean {
  if (p === undefined) return true;
  return typeof p === "string" ? p === s : p.test(s);
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const model = new WorkbookModel();
  const core = {
    model,
    syncCount: 0,
    runCount: 0,
    writeCount: 0,
    log: [] as LogEntry[],
    faults: [] as Fault[],
    nextSyncFaults: [] as Fault[],
    supportsTriggerSource: options.supportsTriggerSource ?? true,
    syncSizes: [] as SyncSize[],
    runSerial: 0,
    personActing: false,
    cellEdit: null,
  } as FakeCore;
  core.events = new EventBus(core);
  core.events.mode = options.dispatch ?? "concurrent";
  core.api = rootObjects(core);
  for (const name of options.sheets ?? ["Sheet1"]) model.addSheet(name);
  model.locale = options.locale ?? "en-US";

  let lastRunOptions: Record<string, unknown> | null = null;
  let supportedSets: Record<string, string> = { ...(options.supportedSets ?? { ExcelApi: "1.17" }) };

  async function run(...args: unknown[]): Promise<unknown> {
    core.runCount++;
    let batch: unknown;
    let runOptions: Record<string, unknown> = {};
    let ctx: RequestContextImpl | undefined;
    if (args.length === 1) batch = args[0];
    else if (args.length === 2) {
      const first = args[0];
      batch = args[1];
      const impl = typeof first === "object" && first !== null ? contextByApi.get(first) : undefined;
      if (impl) ctx = impl;
      else if (clientObjectOf(first) || Array.isArray(first)) throw notImplemented("Excel", "run(object(s), batch)");
      else if (typeof first === "object" && first !== null) {
        runOptions = { ...(first as Record<string, unknown>) };
        for (const k of Object.keys(runOptions)) {
          if (k !== "delayForCellEdit" && k !== "previousObjects") throw notImplemented("RunOptions", k);
        }
        if (runOptions.previousObjects !== undefined) throw notImplemented("RunOptions", "previousObjects");
      } else throw new TypeError("FakeExcel: Excel.run(options, batch) expects an options object");
    } else throw new TypeError("FakeExcel: Excel.run expects (batch) or (options, batch)");
    if (typeof batch !== "function") throw new TypeError("FakeExcel: Excel.run expects a batch function");
    lastRunOptions = runOptions;
    const context = ctx ?? new RequestContextImpl(core);
    context.closed = false;
    context.run = ++core.runSerial;
    context.delayForCellEdit = runOptions.delayForCellEdit === true;
    try {
      const result: unknown = await (batch as (c: object) => unknown)(context.api);
      if (context.queue.length > 0) {
        // Office.js flushes pending operations when the batch resolves; that is a round trip too.
        core.syncCount++;
        await context.flush();
      }
      return result;
    } finally {
      context.queue = [];
      context.closed = true;
    }
  }

  const excelNs = strictPlain("Excel", { run, ...EXCEL_ENUMS }) as unknown as typeof Excel;

  const officeContext = strictPlain("Office.context", {
    host: "Excel",
    platform: "OfficeOnline",
    displayLanguage: model.locale,
    contentLanguage: model.locale,
    diagnostics: strictPlain("Office.context.diagnostics", {
      host: "Excel",
      platform: "OfficeOnline",
      version: "16.0.0.0",
    }),
    requirements: strictPlain("Office.context.requirements", {
      isSetSupported: (name: string, minVersion?: string | number) => {
        const key = Object.keys(supportedSets).find((k) => k.toLowerCase() === String(name).toLowerCase());
        if (!key) return false;
        if (minVersion === undefined) return true;
        return compareVersions(supportedSets[key], String(minVersion)) >= 0;
      },
    }),
  });
  const info = { host: "Excel", platform: "OfficeOnline" };
  const officeNs = strictPlain("Office", {
    context: officeContext,
    initialize: undefined as unknown,
    onReady: (cb?: (i: typeof info) => void) => {
      if (cb) cb({ ...info });
      return Promise.resolve({ ...info });
    },
    HostType: {
      Word: "Word",
      Excel: "Excel",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
  }) as unknown as typeof Office;

  const officeExtensionNs = strictPlain("OfficeExtension", {
    Error: RichApiError,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      generalException: "GeneralException",
      activityLimitReached: "ActivityLimitReached",
      invalidObjectPath: "InvalidObjectPath",
      propertyNotLoaded: "PropertyNotLoaded",
      valueNotLoaded: "ValueNotLoaded",
      invalidRequestContext: "InvalidRequestContext",
      invalidArgument: "InvalidArgument",
      runMustReturnPromise: "RunMustReturnPromise",
      cannotRegisterEvent: "CannotRegisterEvent",
      apiNotFound: "ApiNotFound",
      connectionFailure: "ConnectionFailure",
    },
  }) as unknown as typeof OfficeExtension;

  // ---------- controller ----------

  function requireSheet(name: string): SheetModel {
    const s = model.sheetByName(name);
    if (!s) throw new Error(`FakeExcel: no worksheet named '${name}'`);
    return s;
  }

  function rectOf(sheet: SheetModel, address: string): Rect {
    const p = parseSingleArea(address);
    if (p.sheet && p.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw new Error(`FakeExcel: address '${address}' is not on '${sheet.name}'`);
    }
    return p.rect;
  }

  function cellSnap(sheet: SheetModel, r: number, c: number): CellSnapshot {
    const value = model.getValue(sheet, r, c);
    const numberFormat = String(model.cellStyle(sheet, r, c, "numberFormat"));
    return {
      value,
      formula: model.getFormula(sheet, r, c),
      numberFormat,
      text: formatValue(value, numberFormat),
      valueType: model.getValueType(sheet, r, c),
    };
  }

  function userEdit(sheet: SheetModel, rect: Rect, block: unknown[][], opts: EditOptions, withDetails: boolean): void {
    const single = withDetails && rectRows(rect) === 1 && rectCols(rect) === 1;
    const before = single ? model.getValue(sheet, rect.startRow, rect.startCol) : undefined;
    const typeBefore = single ? model.getValueType(sheet, rect.startRow, rect.startCol) : undefined;
    model.writeCells(sheet, rect.startRow, rect.startCol, block);
    if (!model.eventsEnabled) return;
    core.events.enqueue([
      {
        eventName: "onChanged",
        sheet,
        rect,
        changeType: "RangeEdited",
        source: opts.source ?? "Local",
        triggerSource: core.supportsTriggerSource ? (opts.triggerSource ?? "Unknown") : undefined,
        details: single
          ? {
              valueBefore: before,
              valueAfter: model.getValue(sheet, rect.startRow, rect.startCol),
              valueTypeBefore: typeBefore ?? "Empty",
              valueTypeAfter: model.getValueType(sheet, rect.startRow, rect.startCol),
            }
          : undefined,
      },
    ]);
  }

  const fake: FakeExcelController = {
    get syncCount() {
      return core.syncCount;
    },
    get runCount() {
      return core.runCount;
    },
    get writeCount() {
      return core.writeCount;
    },
    get syncSizes() {
      return core.syncSizes;
    },
    get requestBytes() {
      return core.syncSizes.reduce((sum, size) => sum + size.requestBytes, 0);
    },
    get responseBytes() {
      return core.syncSizes.reduce((sum, size) => sum + size.responseBytes, 0);
    },
    get maxRequestBytes() {
      return core.syncSizes.reduce((max, size) => Math.max(max, size.requestBytes), 0);
    },
    get maxResponseBytes() {
      return core.syncSizes.reduce((max, size) => Math.max(max, size.responseBytes), 0);
    },
    get log() {
      return core.log;
    },
    get lastRunOptions() {
      return lastRunOptions;
    },
    get handlerErrors() {
      return core.events.handlerErrors;
    },
    get events() {
      return core.events.dispatched;
    },
    get eventsEnabled() {
      return model.eventsEnabled;
    },
    get activeSheet() {
      return model.sheetById(model.activeSheetId)?.name ?? "";
    },
    get selection() {
      const sel = model.selection;
      const sheet = sel ? model.sheetById(sel.sheetId) : undefined;
      return sel && sheet ? { sheetName: sheet.name, address: formatRect(sel.rect) } : null;
    },
    get supportedSets() {
      return supportedSets;
    },
    set supportedSets(v: Record<string, string>) {
      supportedSets = { ...v };
    },
    get supportsTriggerSource() {
      return core.supportsTriggerSource;
    },
    set supportsTriggerSource(v: boolean) {
      core.supportsTriggerSource = v;
    },
    model,
    sheetNames: () => model.sheets.map((s) => s.name),
    sheet(name) {
      const s = requireSheet(name);
      const cells: Record<string, CellSnapshot> = {};
      const data = model.serialized(s);
      data.forEach((line, r) =>
        line.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== "") cells[`${colToLetters(c)}${r + 1}`] = cellSnap(s, r, c);
        }),
      );
      const used = model.usedRect(s, true);
      const toRecord = <V>(m: Map<number, V>, key: (i: number) => string | number) => {
        const out: Record<string, V> = {};
        [...m.entries()].sort((a, b) => a[0] - b[0]).forEach(([k, v]) => (out[String(key(k))] = v));
        return out;
      };
      return {
        id: s.id,
        name: s.name,
        position: model.sheets.indexOf(s),
        visibility: s.visibility,
        tabColor: s.tabColor,
        showGridlines: s.showGridlines,
        active: model.activeSheetId === s.id,
        cells,
        usedRange: used ? formatRect(used) : null,
        formats: s.styles.map((l) => ({ address: formatRect(l.rect), props: { ...l.props } })),
        columnWidths: toRecord(s.colWidths, colToLetters),
        rowHeights: toRecord(s.rowHeights, (i) => i + 1) as unknown as Record<number, number>,
        hiddenRows: [...s.hiddenRows].sort((a, b) => a - b).map((i) => i + 1),
        hiddenColumns: [...s.hiddenCols].sort((a, b) => a - b).map(colToLetters),
        rowOutline: toRecord(s.rowLevels, (i) => i + 1) as unknown as Record<number, number>,
        columnOutline: toRecord(s.colLevels, colToLetters),
        merges: s.merges.map((m) => formatRect(m)),
        validations: s.validations.map((v) => ({
          address: formatRect(v.rect),
          type: v.rule ? Object.keys(v.rule)[0] : "none",
          rule: deepClone(v.rule),
          errorAlert: { ...v.errorAlert },
          prompt: { ...v.prompt },
          ignoreBlanks: v.ignoreBlanks,
        })),
        conditionalFormats: s.condFormats.map((c, i) => ({
          id: c.id,
          address: formatRect(c.rect),
          type: c.type,
          formula: c.formula,
          fill: c.fill,
          font: { ...c.font },
          numberFormat: c.numberFormat,
          priority: i,
          stopIfTrue: c.stopIfTrue,
        })),
        customProperties: Object.fromEntries(s.customProps.map((p) => [p.key, p.value])),
        pageLayout: deepClone(s.pageLayout),
        freeze: { ...s.freeze },
        printArea: s.printArea ? s.printArea.map((r) => formatRect(r)).join(",") : null,
        printTitleRows: s.printTitleRows ? formatRect(s.printTitleRows) : null,
        printTitleColumns: s.printTitleColumns ? formatRect(s.printTitleColumns) : null,
        names: model.names
          .filter((n) => n.scopeSheetId === s.id)
          .map((n) => ({ name: n.name, formula: model.nameFormula(n), comment: n.comment, visible: n.visible })),
        protection: { protected: s.protection.protected, options: { ...s.protection.options } },
        autofit: {
          columns: s.autofit.filter((a) => a.kind === "columns").map((a) => formatRect(a.rect)),
          rows: s.autofit.filter((a) => a.kind === "rows").map((a) => formatRect(a.rect)),
        },
        tables: model.tables
          .filter((t) => t.sheet === s)
          .map((t) => ({
            name: t.name,
            address: formatRect(tableRect(t)),
            hasHeaders: t.hasHeaders,
            rowCount: t.rowCount,
          })),
        autoFilter: s.autoFilter ? formatRect(s.autoFilter.rect) : null,
        autoFilterCriteria: s.autoFilter ? deepClone(s.autoFilter.criteria) : {},
        outlineLevelsShown: s.outlineLevelsShown ? { ...s.outlineLevelsShown } : null,
      };
    },
    table(name) {
      const t = model.tableByName(name);
      if (!t) throw new Error(`FakeExcel: no table named '${name}'`);
      const body: Rect = {
        startRow: t.headerRow + 1,
        endRow: t.headerRow + t.rowCount,
        startCol: t.startCol,
        endCol: t.endCol,
      };
      return {
        name: t.name,
        sheetName: t.sheet.name,
        address: formatRect(tableRect(t)),
        headers: tableHeaders(model, t),
        rows: t.rowCount > 0 ? grid(body, (r, c) => model.getValue(t.sheet, r, c)) : [],
      };
    },
    cell(sheetName, address) {
      const s = requireSheet(sheetName);
      const r = rectOf(s, address);
      const format: Record<string, unknown> = {};
      for (const k of Object.keys(STYLE_DEFAULTS)) format[k] = model.cellStyle(s, r.startRow, r.startCol, k);
      format.columnWidth = s.colWidths.get(r.startCol) ?? 48;
      format.rowHeight = s.rowHeights.get(r.startRow) ?? 15;
      return { ...cellSnap(s, r.startRow, r.startCol), format };
    },
    getValue(sheetName, address) {
      const s = requireSheet(sheetName);
      const r = rectOf(s, address);
      return model.getValue(s, r.startRow, r.startCol);
    },
    getValues(sheetName, address) {
      const s = requireSheet(sheetName);
      return grid(rectOf(s, address), (r, c) => model.getValue(s, r, c));
    },
    getFormulas(sheetName, address) {
      const s = requireSheet(sheetName);
      return grid(rectOf(s, address), (r, c) => model.getFormula(s, r, c));
    },
    getTexts(sheetName, address) {
      const s = requireSheet(sheetName);
      return grid(rectOf(s, address), (r, c) => cellSnap(s, r, c).text);
    },
    workbookNames: () =>
      model.names
        .filter((n) => n.scopeSheetId === null)
        .map((n) => ({ name: n.name, formula: model.nameFormula(n), comment: n.comment, visible: n.visible })),
    handlerCount: (eventName) =>
      core.events.regs.filter((r) => eventName === undefined || r.eventName === eventName).length,
    addSheet(name) {
      model.addSheet(name);
    },
    setValues(sheetName, address, values) {
      const s = requireSheet(sheetName);
      const r = rectOf(s, address);
      model.writeCells(s, r.startRow, r.startCol, values);
    },
    setNumberFormat(sheetName, address, format) {
      const s = requireSheet(sheetName);
      model.setStyle(s, rectOf(s, address), { numberFormat: format });
    },
    async editCell(sheetName, address, value, opts = {}) {
      const s = requireSheet(sheetName);
      const rect = rectOf(s, address);
      if (rectRows(rect) !== 1 || rectCols(rect) !== 1)
        throw new Error("FakeExcel: editCell takes a single cell; use paste()");
      if (!model.formulaEngineStarted) await model.formulaEngineReady();
      userEdit(s, rect, [[value === null ? "" : invariantTyping(value, model.locale)]], opts, true);
      await core.events.settle();
    },
    async paste(sheetName, topLeft, values, opts = {}) {
      const s = requireSheet(sheetName);
      const tl = rectOf(s, topLeft);
      const rows = values.length;
      const cols = rows ? values[0].length : 0;
      if (!rows || !cols || values.some((l) => l.length !== cols))
        throw new Error("FakeExcel: paste expects a non-empty rectangular array");
      const rect = {
        startRow: tl.startRow,
        startCol: tl.startCol,
        endRow: tl.startRow + rows - 1,
        endCol: tl.startCol + cols - 1,
      };
      if (!model.formulaEngineStarted) await model.formulaEngineReady();
      userEdit(
        s,
        rect,
        values.map((l) => l.map((v) => (v === null ? "" : invariantTyping(v, model.locale)))),
        opts,
        false,
      );
      await core.events.settle();
    },
    async asPerson(batch) {
      core.personActing = true;
      try {
        await run(batch);
      } finally {
        core.personActing = false;
      }
      await core.events.settle();
    },
    startCellEdit() {
      if (core.cellEdit) return;
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      core.cellEdit = { ended, end };
    },
    async endCellEdit() {
      const edit = core.cellEdit;
      core.cellEdit = null;
      edit?.end();
      await Promise.resolve();
      await core.events.settle();
    },
    get inCellEdit() {
      return core.cellEdit !== null;
    },
    conditionalFormatsOn(sheetName, address) {
      const s = requireSheet(sheetName);
      const r = rectOf(s, address);
      return model.conditionalFormatsOn(s, r.startRow, r.startCol).map((cf) => ({
        id: cf.id,
        address: formatRect(cf.rect),
        formula: cf.formula,
        fill: cf.fill,
        fontColor: cf.font.color,
      }));
    },
    async replayLastEvent() {
      core.events.replay();
      await core.events.settle();
    },
    settle: () => core.events.settle(),
    failSyncAt(n, code = "GeneralException", message = "FakeExcel: injected failure") {
      core.nextSyncFaults.push({ index: n, code, message, once: true });
    },
    failNthWrite(n, code = "GeneralException", message = "FakeExcel: injected failure") {
      if (!Number.isInteger(n) || n < 1) throw new Error("FakeExcel: failNthWrite counts from 1");
      const fault: Fault = { writesToPass: n - 1, code, message, once: true };
      core.faults.push(fault);
      return {
        get fired() {
          return fault.fired === true;
        },
      };
    },
    failOn(match, code = "GeneralException", message = "FakeExcel: injected failure", opts = {}) {
      const predicate =
        typeof match === "function"
          ? match
          : (op: { type: string; target: string }) => matches(match.type, op.type) && matches(match.target, op.target);
      core.faults.push({ predicate, code, message, once: opts.once ?? true });
    },
    clearFaults() {
      core.faults = [];
      core.nextSyncFaults = [];
    },
    resetCounters() {
      core.syncCount = 0;
      core.runCount = 0;
      core.writeCount = 0;
      core.log.length = 0;
      core.syncSizes.length = 0;
    },
  };

  return { Excel: excelNs, Office: officeNs, OfficeExtension: officeExtensionNs, fake };
}

/** Installs `Excel`, `Office` and `OfficeExtension` on `target` (default globalThis). */
export function installFakeExcel(
  target: object = globalThis,
  options: FakeExcelOptions = {},
): FakeExcel & { uninstall: () => void } {
  const created = createFakeExcel(options);
  const t = target as Record<string, unknown>;
  const saved = { Excel: t.Excel, Office: t.Office, OfficeExtension: t.OfficeExtension };
  const had = { Excel: "Excel" in t, Office: "Office" in t, OfficeExtension: "OfficeExtension" in t };
  t.Excel = created.Excel;
  t.Office = created.Office;
  t.OfficeExtension = created.OfficeExtension;
  const uninstall = () => {
    for (const k of ["Excel", "Office", "OfficeExtension"] as const) {
      if (had[k]) t[k] = saved[k];
      else delete t[k];
    }
  };
  return { ...created, uninstall };
}

export type { ClientObject, SyncSize };
