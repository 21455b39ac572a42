/**
 * Event registration and dispatch of worksheet events. As Office.js does, each handler is called as its event
 * arrives and is not awaited: a second event's handlers start while the first's are still running
 * (excel-web-16.00.debug.js, `EventHandlers.prototype.fireEvent` at line 17221: every handler is started and the
 * `Promise.all` of them is dropped, line 17232). `dispatch: "serial"` awaits each handler before the next event.
 */
import { formatRect } from "./address";
import type { ClientObject, EventSpec, FakeCore, PendingEvent } from "./core";
import { contextFromApi } from "./core";
import { strictPlain } from "./strict";

export type Handler = (args: unknown) => unknown;

export interface HandlerReg {
  id: number;
  eventName: string;
  /** null = collection-level registration (workbook.worksheets.onX). */
  sheetId: string | null;
  handler: Handler;
}

const EVENT_TYPES: Record<string, string> = {
  onChanged: "WorksheetChanged",
  onAdded: "WorksheetAdded",
  onDeleted: "WorksheetDeleted",
  onActivated: "WorksheetActivated",
  onDeactivated: "WorksheetDeactivated",
  onFormatChanged: "WorksheetFormatChanged",
  onNameChanged: "WorksheetNameChanged",
  onSelectionChanged: "WorksheetSelectionChanged",
};

/** Events a collection-level registration receives for every sheet. */
const COLLECTION_ONLY = new Set(["onAdded", "onDeleted"]);

const STORM_LIMIT = 500;

export type DispatchMode = "concurrent" | "serial";

export class EventBus {
  regs: HandlerReg[] = [];
  mode: DispatchMode = "concurrent";
  /** Handlers started and not finished (concurrent dispatch): what settle() waits for besides the queue. */
  private running = new Set<Promise<void>>();
  handlerErrors: unknown[] = [];
  lastEvent: PendingEvent | null = null;
  dispatched: { eventName: string; args: Record<string, unknown> }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private nextId = 1;
  private burst = 0;

  constructor(private readonly core: FakeCore) {}

  /** The `onChanged`-style EventHandlers object: add/remove are queued and take effect at sync. */
  handlersObject(obj: ClientObject, eventName: string, spec: EventSpec): object {
    const typeName = `EventHandlers<${obj.def.name}.${eventName}>`;
    return strictPlain(typeName, {
      add: (handler: unknown) => {
        if (typeof handler !== "function") throw new TypeError(`FakeExcel: ${typeName}.add expects a function`);
        const reg: HandlerReg = { id: this.nextId++, eventName, sheetId: null, handler: handler as Handler };
        obj.write(
          `${eventName}.add`,
          (t) => {
            reg.sheetId = spec.scope(t);
            this.regs.push(reg);
          },
          "meta",
        );
        const ctx = obj.ctx;
        return strictPlain("EventHandlerResult", {
          context: ctx.api,
          remove: () => {
            ctx.enqueue({
              kind: "meta",
              type: `EventHandlerResult.remove`,
              obj: null,
              run: () => {
                this.regs = this.regs.filter((r) => r !== reg);
              },
            });
          },
        });
      },
      remove: (handler: unknown) => {
        obj.write(
          `${eventName}.remove`,
          (t) => {
            const sheetId = spec.scope(t);
            this.regs = this.regs.filter(
              (r) => !(r.handler === handler && r.eventName === eventName && r.sheetId === sheetId),
            );
          },
          "meta",
        );
      },
    });
  }

  enqueue(events: PendingEvent[]): void {
    for (const ev of events) {
      this.chain = this.chain.then(() => this.dispatch(ev));
    }
  }

  /** Resolves once every queued event (including ones raised by handlers' own writes) has been handled. */
  async settle(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c;
      while (this.running.size > 0) await Promise.all([...this.running]);
      // a few extra turns so fire-and-forget handler syncs can enqueue their events (no timers: fake-timer safe)
      for (let i = 0; i < 20; i++) await Promise.resolve();
      if (c === this.chain && this.running.size === 0) break;
    }
    this.burst = 0;
  }

  replay(): void {
    if (!this.lastEvent) throw new Error("FakeExcel: no event has been raised yet");
    this.enqueue([this.lastEvent]);
  }

  private buildArgs(ev: PendingEvent): Record<string, unknown> {
    const core = this.core;
    const sheetId = ev.sheet.id;
    const type = EVENT_TYPES[ev.eventName] ?? ev.eventName;
    const args: Record<string, unknown> = { type, worksheetId: sheetId, source: ev.source };
    if (ev.eventName === "onChanged" || ev.eventName === "onFormatChanged") {
      const rect = ev.rect ?? { startRow: 0, startCol: 0, endRow: 0, endCol: 0 };
      args.address = formatRect(rect);
      if (ev.eventName === "onChanged") {
        args.changeType = ev.changeType ?? "RangeEdited";
        args.details = ev.details ? strictPlain("ChangedEventDetail", { ...ev.details }) : undefined;
        args.triggerSource = ev.triggerSource;
      }
      args.getRange = (ctx: unknown) => core.api.range(contextFromApi(ctx), sheetId, rect, false).proxy;
      args.getRangeOrNullObject = (ctx: unknown) => core.api.range(contextFromApi(ctx), sheetId, rect, true).proxy;
    }
    if (ev.extra) Object.assign(args, ev.extra);
    return args;
  }

  private async dispatch(ev: PendingEvent): Promise<void> {
    this.lastEvent = ev;
    this.burst++;
    if (this.burst > STORM_LIMIT) {
      if (this.burst === STORM_LIMIT + 1) {
        this.handlerErrors.push(new Error(`FakeExcel: more than ${STORM_LIMIT} events without settling — event loop?`));
      }
      return;
    }
    const regs = this.regs.filter(
      (r) =>
        r.eventName === ev.eventName &&
        (r.sheetId === null ? true : !COLLECTION_ONLY.has(ev.eventName) && r.sheetId === ev.sheet.id),
    );
    const args = this.buildArgs(ev);
    this.dispatched.push({ eventName: ev.eventName, args });
    for (const r of regs) {
      const call = Promise.resolve()
        .then(() => r.handler(strictPlain(`${args.type as string}EventArgs`, { ...args })))
        .then(
          () => undefined,
          (e: unknown) => {
            this.handlerErrors.push(e);
          },
        );
      if (this.mode === "serial") {
        await call;
        continue;
      }
      this.running.add(call);
      void call.then(() => this.running.delete(call));
    }
  }
}
