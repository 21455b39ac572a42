/**
 * Request-context plumbing: client objects are strict Proxies whose property sets and method calls are queued as
 * operations and applied to the model at `context.sync()`, in order, non-transactionally.
 */
import type { Rect } from "./address";
import { RichApiError, itemNotFound, notImplemented, propertyNotLoaded, richError } from "./errors";
import type { EventBus } from "./events";
import type { LogEntry, SheetModel, WorkbookModel } from "./model";
import { deepClone, isProbeKey, strictPlain } from "./strict";

export interface ChangeDetails {
  valueBefore: unknown;
  valueAfter: unknown;
  valueTypeBefore: string;
  valueTypeAfter: string;
}

/** Handed to every operation while it is applied at sync. */
export interface ApplyCtx {
  core: FakeCore;
  model: WorkbookModel;
  ctx: RequestContextImpl;
  /** Records a data change (raises onChanged after the sync unless events are disabled). */
  changed(sheet: SheetModel, rect: Rect, changeType: string, details?: ChangeDetails): void;
  /** Records another worksheet-level event (onAdded, onDeleted, onActivated, onFormatChanged, ...). */
  raise(eventName: string, sheet: SheetModel, extra?: Record<string, unknown>, rect?: Rect): void;
  /** Adds what an operation returns (a load's properties, a method's result) to the sync's response. */
  respond(value: unknown): void;
}

export interface PropSpec {
  get(t: unknown, core: FakeCore): unknown;
  set?(t: unknown, v: unknown, ac: ApplyCtx): void;
  /** "meta" sets (e.g. runtime.enableEvents) are not counted as workbook writes. */
  kind?: "meta";
}

export interface NavSpec {
  def: () => TypeDef;
  resolve(t: unknown, core: FakeCore): unknown;
}

export type MethodFn = (self: ClientObject, ...args: unknown[]) => unknown;

export interface EventSpec {
  /** Worksheet id the registration is bound to, or null for collection-level (all sheets). */
  scope(t: unknown): string | null;
}

export interface TypeDef {
  name: string;
  props: Record<string, PropSpec>;
  navs?: Record<string, NavSpec>;
  methods?: Record<string, MethodFn>;
  events?: Record<string, EventSpec>;
  items?: { def: () => TypeDef; list(t: unknown, core: FakeCore): Array<() => unknown> };
  describe?(t: unknown, core: FakeCore): string;
  alive?(t: unknown): boolean;
}

/** Typed authoring helper: lets a definition use its own target type; erased to TypeDef (method bivariance). */
export interface TypeSpec<T> {
  name: string;
  props: Record<
    string,
    { get(t: T, core: FakeCore): unknown; set?(t: T, v: unknown, ac: ApplyCtx): void; kind?: "meta" }
  >;
  navs?: Record<string, { def: () => TypeDef; resolve(t: T, core: FakeCore): unknown }>;
  methods?: Record<string, MethodFn>;
  events?: Record<string, { scope(t: T): string | null }>;
  items?: { def: () => TypeDef; list(t: T, core: FakeCore): Array<() => unknown> };
  describe?(t: T, core: FakeCore): string;
  alive?(t: T): boolean;
}

export function defineType<T>(spec: TypeSpec<T>): TypeDef {
  return spec as unknown as TypeDef;
}

type OpKind = "load" | "write" | "read" | "meta";

interface Op {
  kind: OpKind;
  type: string;
  obj: ClientObject | null;
  /** What the request carries for the operation besides its name: a set's value, a method's arguments. */
  args?: unknown;
  run(ac: ApplyCtx): void;
}

/** The size of one round trip, as JSON bytes (UTF-8) of what Office.js would send and get back. */
export interface SyncSize {
  /** The `Excel.run` (1-based, counted since the fake started) whose context made the sync. */
  run: number;
  requestBytes: number;
  responseBytes: number;
}

export interface Fault {
  code: string;
  message: string;
  /** 1-based index among the write operations of the next sync (failSyncAt), or a predicate (failOn). */
  index?: number;
  predicate?: (op: { type: string; target: string }) => boolean;
  /** Writes still to pass before this one fails, counted across syncs and contexts (failNthWrite). */
  writesToPass?: number;
  fired?: boolean;
  once: boolean;
}

export interface PendingEvent {
  eventName: string;
  sheet: SheetModel;
  rect?: Rect;
  changeType?: string;
  details?: ChangeDetails;
  source: "Local" | "Remote";
  triggerSource?: string;
  extra?: Record<string, unknown>;
}

export interface FakeCore {
  model: WorkbookModel;
  events: EventBus;
  syncCount: number;
  runCount: number;
  writeCount: number;
  log: LogEntry[];
  faults: Fault[];
  nextSyncFaults: Fault[];
  supportsTriggerSource: boolean;
  /** Every round trip's size since the counters were last reset, in order. */
  syncSizes: SyncSize[];
  /** Excel.run calls since the fake started (not reset): names the context of each SyncSize. */
  runSerial: number;
  /** Writes of this moment are a person's (fake.asPerson): their events carry no ThisLocalAddin trigger. */
  personActing: boolean;
  /** A person is typing in a cell (fake.startCellEdit): resolves when the edit ends; null when no one is. */
  cellEdit: { ended: Promise<void>; end: () => void } | null;
  /** Creates API objects for a context (set by the API layer). */
  api: {
    workbook(ctx: RequestContextImpl): ClientObject;
    runtime(ctx: RequestContextImpl): ClientObject;
    range(ctx: RequestContextImpl, sheetId: string, rect: Rect, orNull: boolean): ClientObject;
  };
}

function cloneForRead(v: unknown): unknown {
  return deepClone(v);
}

/** Mirrors Excel.ClientResult<T>: `.value` throws until the sync that computes it. */
export class ClientResultImpl {
  private has = false;
  private val: unknown;
  readonly proxy: object;

  constructor(readonly typeName: string) {
    this.proxy = new Proxy(Object.create(null) as object, {
      get: (_t, key) => {
        if (key === "value") {
          if (!this.has) {
            throw richError(
              "ValueNotLoaded",
              'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
            );
          }
          return this.val;
        }
        if (key === "toJSON") return () => ({ value: this.has ? this.val : undefined });
        if (key === "toString") return () => `[object ClientResult]`;
        if (isProbeKey(key)) return undefined;
        throw notImplemented("ClientResult", String(key));
      },
      set: (_t, key) => {
        throw notImplemented("ClientResult", String(key));
      },
    });
  }

  resolveWith(v: unknown): void {
    this.val = v;
    this.has = true;
  }
}

/** Maps a client-object proxy back to its implementation (for arguments such as a Range passed to a method). */
export const objectByProxy = new WeakMap<object, ClientObject>();

export function clientObjectOf(v: unknown): ClientObject | undefined {
  return typeof v === "object" && v !== null ? objectByProxy.get(v) : undefined;
}

export class ClientObject {
  readonly proxy: object;
  readonly loaded = new Map<string, unknown>();
  loadedOnce = false;
  isNull = false;
  tracked = false;
  private memo: { v: unknown } | null = null;
  private readonly children = new Map<string, ClientObject>();
  /**
   * How Office.js names this object in a request's object paths: the navigation property or the method (with its
   * arguments) that made it from its parent, e.g. `{ name: "getRange", args: ["A1:J300"] }`.
   */
  step: { name: string; args?: unknown } | null;

  constructor(
    readonly ctx: RequestContextImpl,
    readonly def: TypeDef,
    private readonly resolver: () => unknown,
    readonly parent: ClientObject | null = null,
  ) {
    this.step = parent ? (ctx.currentCall ?? { name: def.name }) : null;
    this.proxy = new Proxy(Object.create(null) as object, {
      get: (_t, key) => this.getMember(key),
      set: (_t, key, value) => {
        this.setMember(key, value);
        return true;
      },
      defineProperty: (_t, key) => {
        throw notImplemented(this.def.name, String(key));
      },
      deleteProperty: (_t, key) => {
        throw notImplemented(this.def.name, String(key));
      },
    });
    objectByProxy.set(this.proxy, this);
  }

  get core(): FakeCore {
    return this.ctx.core;
  }

  /** Resolves at sync time; returns null for a null object. Memoized (Office resolves an object path once). */
  resolveNullable(): unknown {
    if (!this.memo) this.memo = { v: this.resolver() };
    const v = this.memo.v;
    if (v !== null && this.def.alive && !this.def.alive(v)) {
      throw itemNotFound(`The ${this.def.name} no longer exists (it was deleted).`);
    }
    return v;
  }

  resolve(): unknown {
    const v = this.resolveNullable();
    if (v === null) throw itemNotFound(`The ${this.def.name} is a null object (isNullObject === true).`);
    return v;
  }

  describe(): string {
    try {
      const t = this.resolveNullable();
      if (t !== null && this.def.describe) return this.def.describe(t, this.core);
    } catch {
      return "";
    }
    return this.parent ? this.parent.describe() : "";
  }

  nav(name: string): ClientObject {
    let child = this.children.get(name);
    if (!child) {
      const spec = this.def.navs?.[name];
      if (!spec) throw notImplemented(this.def.name, name);
      child = new ClientObject(this.ctx, spec.def(), () => spec.resolve(this.resolve(), this.core), this);
      child.step = { name };
      this.children.set(name, child);
    }
    return child;
  }

  /** Creates a navigation child with a custom resolver (no operation is queued). */
  child(def: TypeDef, resolve: (t: unknown) => unknown): ClientObject {
    return new ClientObject(this.ctx, def, () => resolve(this.resolve()), this);
  }

  /** Like child() but the resolver may return null → null object. */
  nullableChild(def: TypeDef, resolve: (t: unknown) => unknown): ClientObject {
    return new ClientObject(this.ctx, def, () => resolve(this.resolve()), this);
  }

  /** Queues a write operation against this object. */
  write(member: string, fn: (t: unknown, ac: ApplyCtx) => void, kind: "write" | "meta" = "write"): void {
    this.ctx.enqueue({
      kind,
      type: `${this.def.name}.${member}`,
      obj: this,
      args: this.ctx.currentCall?.args,
      run: (ac) => fn(this.resolve(), ac),
    });
  }

  /** Queues a read returning a ClientResult. */
  query(member: string, fn: (t: unknown) => unknown): object {
    const result = new ClientResultImpl(`${this.def.name}.${member}`);
    this.ctx.enqueue({
      kind: "read",
      type: `${this.def.name}.${member}`,
      obj: this,
      args: this.ctx.currentCall?.args,
      run: (ac) => {
        const value = cloneForRead(fn(this.resolve()));
        result.resolveWith(value);
        ac.respond(value);
      },
    });
    return result.proxy;
  }

  /** Queues a write that creates something; returns an object that resolves to what the write produced. */
  create(member: string, def: TypeDef, fn: (t: unknown, ac: ApplyCtx) => unknown): ClientObject {
    let slot: { v: unknown } | null = null;
    this.ctx.enqueue({
      kind: "write",
      type: `${this.def.name}.${member}`,
      obj: this,
      args: this.ctx.currentCall?.args,
      run: (ac) => {
        slot = { v: fn(this.resolve(), ac) };
      },
    });
    return new ClientObject(
      this.ctx,
      def,
      () => {
        if (!slot)
          throw richError(
            "GeneralException",
            `The ${def.name} was never created (${this.def.name}.${member} failed or was not synced).`,
          );
        return slot.v;
      },
      this,
    );
  }

  private ensureUsable(): void {
    if (this.ctx.closed && !this.tracked) {
      throw richError(
        "InvalidObjectPath",
        `The object path isn't working for what you're trying to do. This ${this.def.name} belongs to an Excel.run batch that has finished; use context.trackedObjects.add() or a new Excel.run.`,
      );
    }
  }

  private getMember(key: string | symbol): unknown {
    if (typeof key === "symbol") return undefined;
    const def = this.def;
    switch (key) {
      case "context":
        return this.ctx.api;
      case "load":
        return (spec?: unknown) => {
          this.ensureUsable();
          const paths = parseLoadSpec(spec);
          for (const p of paths) validatePath(def, p);
          this.ctx.enqueue({
            kind: "load",
            type: `${def.name}.load`,
            obj: this,
            args: paths.map((p) => p.join("/")),
            run: (ac) => ac.respond(applyLoad(this, paths)),
          });
          return this.proxy;
        };
      case "set":
        return (props: unknown, options?: unknown) => {
          this.ensureUsable();
          if (options !== undefined) throw notImplemented(def.name, "set(options)");
          this.applySetObject(props);
        };
      case "toJSON":
        return () => toJSON(this);
      case "toString":
        return () => `[object ${def.name}]`;
      case "track":
        return () => {
          this.tracked = true;
          return this.proxy;
        };
      case "untrack":
        return () => {
          this.tracked = false;
          return this.proxy;
        };
      case "isNullObject":
        if (!this.loadedOnce) throw propertyNotLoaded("isNullObject", def.name);
        return this.isNull;
      default:
        break;
    }
    if (isProbeKey(key)) return undefined;
    if (def.props[key]) {
      if (this.loaded.has(key)) return this.loaded.get(key);
      if (this.loadedOnce && this.isNull) return undefined;
      throw propertyNotLoaded(key, def.name);
    }
    if (key === "items" && def.items) {
      if (this.loaded.has("items")) return this.loaded.get("items");
      if (this.loadedOnce && this.isNull) return undefined;
      throw propertyNotLoaded("items", def.name);
    }
    if (def.navs?.[key]) return this.nav(key).proxy;
    if (def.methods?.[key]) {
      const fn = def.methods[key];
      return (...args: unknown[]) => {
        this.ensureUsable();
        // The operations and objects the method makes carry its name and arguments into the request.
        const outer = this.ctx.currentCall;
        this.ctx.currentCall = { name: key, args };
        try {
          return fn(this, ...args);
        } finally {
          this.ctx.currentCall = outer;
        }
      };
    }
    if (def.events?.[key]) return this.ctx.core.events.handlersObject(this, key, def.events[key]);
    throw notImplemented(def.name, key);
  }

  private setMember(key: string | symbol, value: unknown): void {
    const def = this.def;
    if (typeof key === "symbol") throw notImplemented(def.name, String(key));
    const spec = def.props[key];
    if (!spec) {
      if (def.navs?.[key] || def.methods?.[key] || def.events?.[key] || (key === "items" && def.items)) {
        throw new TypeError(`FakeExcel: ${def.name}.${key} is read-only`);
      }
      throw notImplemented(def.name, key);
    }
    if (!spec.set) throw new TypeError(`FakeExcel: ${def.name}.${key} is read-only`);
    this.ensureUsable();
    const setter = spec.set;
    const copy = deepClone(value);
    this.ctx.enqueue({
      kind: spec.kind === "meta" ? "meta" : "write",
      type: `${def.name}.${key}`,
      obj: this,
      args: copy,
      run: (ac) => setter(this.resolve(), copy, ac),
    });
    // Office.js keeps the assigned value in the proxy, so it reads back without a load.
    this.loaded.set(key, deepClone(value));
  }

  private applySetObject(props: unknown): void {
    if (props === null || typeof props !== "object")
      throw new TypeError(`FakeExcel: ${this.def.name}.set expects an object`);
    for (const [k, v] of Object.entries(props)) {
      if (this.def.navs?.[k]) this.nav(k).applySetObject(v);
      else this.setMember(k, v);
    }
  }
}

// ---------- load ----------

function parseLoadSpec(spec: unknown): string[][] {
  const split = (s: string) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  let names: string[] = [];
  if (spec === undefined || spec === null) names = [];
  else if (typeof spec === "string") names = split(spec);
  else if (Array.isArray(spec)) names = spec.flatMap((s) => (typeof s === "string" ? split(s) : []));
  else if (typeof spec === "object") {
    const o = spec as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k !== "select" && k !== "expand") throw notImplemented("load option", k);
    }
    const sel = o.select;
    const exp = o.expand;
    if (typeof sel === "string") names.push(...split(sel));
    else if (Array.isArray(sel)) names.push(...sel.filter((s): s is string => typeof s === "string"));
    if (typeof exp === "string") names.push(...split(exp));
    else if (Array.isArray(exp)) names.push(...exp.filter((s): s is string => typeof s === "string"));
  } else throw new TypeError("FakeExcel: unsupported load() argument");
  return names.map((n) => n.split("/").map((p) => p.trim()));
}

function validatePath(def: TypeDef, path: string[]): void {
  if (path.length === 0) return;
  const [head, ...rest] = path;
  if (head === "isNullObject" && rest.length === 0) return;
  if (head === "items" && def.items) return validatePath(def.items.def(), rest);
  if (def.props[head]) {
    if (rest.length > 0) throw notImplemented(def.name, path.join("/"));
    return;
  }
  if (def.navs?.[head]) return validatePath(def.navs[head].def(), rest);
  if (def.items) return validatePath(def.items.def(), path);
  throw notImplemented(def.name, head);
}

/** Loads `paths` of `obj` and returns what the response carries for them (a null object: `{ _IsNull: true }`). */
function applyLoad(obj: ClientObject, paths: string[][]): Record<string, unknown> {
  const t = obj.resolveNullable();
  obj.loadedOnce = true;
  obj.isNull = t === null;
  if (t === null) return { _IsNull: true };
  const sent: Record<string, unknown> = {};
  const def = obj.def;
  let effective = paths;
  if (effective.length === 0) {
    effective = def.items ? [["items"]] : Object.keys(def.props).map((p) => [p]);
  }
  const groups = new Map<string, string[][]>();
  for (const p of effective) {
    let path = p;
    if (def.items && path[0] !== "items" && !def.props[path[0]] && !def.navs?.[path[0]] && path[0] !== "isNullObject") {
      path = ["items", ...path];
    }
    const list = groups.get(path[0]) ?? [];
    list.push(path.slice(1));
    groups.set(path[0], list);
  }
  for (const [head, rests] of groups) {
    if (head === "isNullObject") continue;
    const subpaths = rests.filter((r) => r.length > 0);
    if (head === "items" && def.items) {
      const itemDef = def.items.def();
      const itemData: unknown[] = [];
      const items = def.items.list(t, obj.core).map((resolver, index) => {
        const item = new ClientObject(obj.ctx, itemDef, resolver, obj);
        item.step = { name: "_Index", args: [index] };
        itemData.push(applyLoad(item, subpaths));
        return item.proxy;
      });
      obj.loaded.set("items", items);
      sent.value = itemData;
    } else if (def.props[head]) {
      const value = cloneForRead(def.props[head].get(t, obj.core));
      obj.loaded.set(head, value);
      sent[head] = value;
    } else if (def.navs?.[head]) {
      sent[head] = applyLoad(obj.nav(head), subpaths);
    }
  }
  return sent;
}

function toJSON(obj: ClientObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of obj.loaded) {
    if (k === "items" && Array.isArray(v)) {
      out.items = v.map((p: unknown) => (p as { toJSON(): unknown }).toJSON());
    } else out[k] = deepClone(v);
  }
  return out;
}

// ---------- request context ----------

/** Maps the RequestContext object handed to callers back to its implementation. */
export const contextByApi = new WeakMap<object, RequestContextImpl>();

export function contextFromApi(ctx: unknown): RequestContextImpl {
  const impl = typeof ctx === "object" && ctx !== null ? contextByApi.get(ctx) : undefined;
  if (!impl) throw new TypeError("FakeExcel: expected a RequestContext from Excel.run");
  return impl;
}

export class RequestContextImpl {
  queue: Op[] = [];
  closed = false;
  /** The method being called on an API object: what the operations and objects it makes are sent as. */
  currentCall: { name: string; args: unknown[] } | undefined = undefined;
  /** The Excel.run that made this context (SyncSize.run). */
  run = 0;
  /** Excel.run({ delayForCellEdit: true }): a sync waits while a person edits a cell instead of failing. */
  delayForCellEdit = false;
  readonly api: object;
  private workbookObj: ClientObject | null = null;
  private runtimeObj: ClientObject | null = null;

  constructor(readonly core: FakeCore) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below need the instance
    const self = this;
    contextByApi.set(this, this);
    const trackedObjects = strictPlain("TrackedObjects", {
      add: (o: unknown) => this.track(o, true),
      remove: (o: unknown) => this.track(o, false),
    });
    this.api = strictPlain("RequestContext", {
      get workbook() {
        return self.workbook.proxy;
      },
      get runtime() {
        return self.runtime.proxy;
      },
      get application() {
        return self.workbook.nav("application").proxy;
      },
      trackedObjects,
      sync: () => this.sync(),
    });
    contextByApi.set(this.api, this);
  }

  get workbook(): ClientObject {
    if (!this.workbookObj) this.workbookObj = this.core.api.workbook(this);
    return this.workbookObj;
  }

  get runtime(): ClientObject {
    if (!this.runtimeObj) this.runtimeObj = this.core.api.runtime(this);
    return this.runtimeObj;
  }

  private track(o: unknown, on: boolean): void {
    const list = Array.isArray(o) ? o : [o];
    for (const item of list) {
      const p = item as { track?: () => unknown; untrack?: () => unknown };
      if (on) p.track?.();
      else p.untrack?.();
    }
  }

  enqueue(op: Op): void {
    if (this.closed && !(op.obj && op.obj.tracked)) {
      throw richError(
        "InvalidObjectPath",
        "The request context has finished (Excel.run completed). Objects cannot be used outside their Excel.run batch unless tracked.",
      );
    }
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    this.core.syncCount++;
    await this.flush();
  }

  /**
   * Excel refuses a whole request while a person is in cell edit mode (InvalidOperationInCellEditMode, nothing of
   * it applied) unless the run asked to wait (delayForCellEdit, https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
   */
  private async awaitCellEdit(): Promise<void> {
    while (this.core.cellEdit) {
      if (!this.delayForCellEdit) {
        throw new RichApiError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
          "",
        );
      }
      await this.core.cellEdit.ended;
    }
  }

  /** Applies the queued operations in order; stops at the first failure (earlier ones stay applied). */
  async flush(): Promise<void> {
    const ops = this.queue.splice(0);
    await Promise.resolve();
    await this.awaitCellEdit();
    const core = this.core;
    const size: SyncSize = { run: this.run, requestBytes: requestBytes(ops), responseBytes: 0 };
    core.syncSizes.push(size);
    // Excel on the web refuses a request or a response over 5 MB ("Resource limits and performance optimization for
    // Office Add-ins", https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
    if (size.requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw richError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    const responses: unknown[] = [];
    // The browser host fetches HyperFormula with the first write; reads before it find every cell empty.
    if (!core.model.formulaEngineStarted && ops.some((op) => op.kind === "write"))
      await core.model.formulaEngineReady();
    const pending: PendingEvent[] = [];
    const person = core.personActing;
    const trigger = core.supportsTriggerSource ? (person ? "Unknown" : "ThisLocalAddin") : undefined;
    const ac: ApplyCtx = {
      core,
      model: core.model,
      ctx: this,
      changed(sheet, rect, changeType, details) {
        if (core.model.eventsEnabled) {
          pending.push({
            eventName: "onChanged",
            sheet,
            rect,
            changeType,
            // A person's edit of many cells at once (paste, fill, delete) comes without details (office-js #5347).
            details:
              person && rect && (rect.endRow > rect.startRow || rect.endCol > rect.startCol) ? undefined : details,
            source: "Local",
            triggerSource: trigger,
          });
        }
      },
      raise(eventName, sheet, extra, rect) {
        if (core.model.eventsEnabled)
          pending.push({ eventName, sheet, rect, source: "Local", triggerSource: trigger, extra });
      },
      respond(value) {
        responses.push({ ActionId: responses.length + 1, Value: value });
      },
    };
    const indexFaults = core.nextSyncFaults.splice(0);
    let writeIndex = 0;
    let error: unknown = null;
    for (const op of ops) {
      try {
        if (op.kind === "write") {
          writeIndex++;
          const target = op.obj ? op.obj.describe() : "";
          let counted: Fault | undefined;
          for (const x of core.faults) {
            if (x.writesToPass === undefined) continue;
            if (x.writesToPass === 0) counted ??= x;
            else x.writesToPass--;
          }
          const f =
            counted ??
            indexFaults.find((x) => x.index === writeIndex) ??
            core.faults.find((x) => x.predicate !== undefined && x.predicate({ type: op.type, target }));
          if (f) {
            f.fired = true;
            if (f.once && core.faults.includes(f)) core.faults.splice(core.faults.indexOf(f), 1);
            throw new RichApiError(f.code, f.message, op.type);
          }
          op.run(ac);
          core.writeCount++;
          core.log.push({ seq: core.log.length + 1, type: op.type, target });
        } else op.run(ac);
      } catch (e) {
        if (e instanceof RichApiError && !e.debugInfo.errorLocation) e.debugInfo.errorLocation = op.type;
        error = e;
        break;
      }
    }
    size.responseBytes = jsonBytes({
      Results: responses,
      ...(error ? { Error: { Code: (error as { code?: unknown }).code ?? "", Message: String(error) } } : {}),
    });
    core.events.enqueue(pending);
    if (error) throw error;
    // The batch ran; what it read does not come back.
    if (size.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw richError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
  }
}

/** Excel on the web's limit on a request's and a response's size. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

// ---------- request and response sizes ----------

/** UTF-8 byte length of a string, without Node's Buffer (the fake also runs in the browser). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one four-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The JSON byte size of a value; client objects as `{ "ObjectPathId": n }`, functions left out. */
export function jsonBytes(value: unknown, pathIds?: Map<ClientObject, number>): number {
  const wire = (v: unknown): unknown => {
    const obj = clientObjectOf(v);
    if (obj) return { ObjectPathId: pathIds?.get(obj) ?? 0 };
    if (typeof v === "function") return undefined;
    if (Array.isArray(v)) return v.map(wire);
    if (v !== null && typeof v === "object") {
      // Anything but a plain object (a strict proxy of the fake's own) is sent as its toJSON says.
      const plain: unknown =
        Object.getPrototypeOf(v) === Object.prototype ? v : (v as { toJSON?: () => unknown }).toJSON?.();
      if (plain === null || typeof plain !== "object") return plain;
      if (Array.isArray(plain)) return plain.map(wire);
      return Object.fromEntries(Object.entries(plain).map(([k, x]) => [k, wire(x)]));
    }
    return v;
  };
  return utf8Length(JSON.stringify(wire(value)) ?? "");
}

/**
 * What Office.js sends for a batch: every action (its name, the object it acts on, the value set or the
 * arguments), and every object path those actions use, each path once per request (the parent's id, the
 * navigation property or method, its arguments). Shaped like Office.js's own request body, not byte for byte.
 */
function requestBytes(ops: readonly Op[]): number {
  const pathIds = new Map<ClientObject, number>();
  const paths: unknown[] = [];
  const pathOf = (obj: ClientObject | null): number => {
    if (!obj) return 0;
    const known = pathIds.get(obj);
    if (known !== undefined) return known;
    const parentId = pathOf(obj.parent);
    const id = pathIds.size + 1;
    pathIds.set(obj, id);
    paths.push({ Id: id, ParentObjectPathId: parentId, Name: obj.step?.name ?? obj.def.name, Args: obj.step?.args });
    return id;
  };
  const actions = ops.map((op, index) => ({
    Id: index + 1,
    ObjectPathId: pathOf(op.obj),
    Name: op.type,
    Args: op.args,
  }));
  // Arguments may name other objects (a Range passed to a method): their paths go in the request too.
  const visit = (v: unknown): void => {
    const obj = clientObjectOf(v);
    if (obj) pathOf(obj);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
      Object.values(v).forEach(visit);
  };
  for (const op of ops) visit(op.args);
  return jsonBytes({ Actions: actions, ObjectPaths: paths }, pathIds);
}
