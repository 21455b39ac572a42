import type { SheetCells } from "../plan/sheet-cells";
import { rangeCorners } from "../plan/sheet-layout";
import { explain } from "./errors";
import { TRIGGER_SOURCE_SET } from "./requirements";
import { needsTextPrefix } from "./sheet-writer";

/**
 * All or nothing. Office.js applies a batch up to a failing operation and keeps what came before it, and Excel
 * can undo an add-in's edits (Ctrl+Z) only from ExcelApi 1.19, and not every kind of edit. So each change is
 * arranged so that a failure at any step can be handled by the add-in itself:
 * - new sheets (a plan, a history sheet, a scratch copy) are built under a name no one else holds and renamed
 *   last, so until the rename they are this run's own and can be removed by that name;
 * - a plan update is written on a scratch sheet and pasted over the plan in one operation;
 * - cells written in place are written back from what the same run read before writing.
 * `commit` sends the writes; when Excel rejects them part-way, `recover` (new batches) either takes the change back
 * or, for a change that had already landed, finishes it.
 */
export type Recovery = "undone" | "completed";

export interface CommitMessages {
  /** What was being done, as in "Changing the status". */
  doing: string;
  /** What is true once the change was taken back, as in "The sheet was not changed." */
  unchanged: string;
}

export const PARTLY_CHANGED =
  "Excel stopped part-way and the add-in could not take the change back: check the sheet before trying again.";

/** Whether change events say which add-in made a change (ExcelApi 1.14); without that, events are switched off. */
export function triggerSourceSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", TRIGGER_SOURCE_SET);
}

/**
 * Queues `write` so that its change events never reach the add-in's own handler. Where events say which add-in
 * made a change (ExcelApi 1.14) the handler skips its own; elsewhere events are switched off around the writes
 * and back on in the same batch. Returns whether they were switched off, and so must be switched back on should
 * the batch fail (see eventsBackOn).
 */
export function writeWithoutOwnEvents<T>(
  context: Excel.RequestContext,
  write: () => T,
): { written: T; quiet: boolean } {
  const quiet = !triggerSourceSupported();
  if (quiet) context.runtime.enableEvents = false;
  const written = write();
  if (quiet) context.runtime.enableEvents = true;
  return { written, quiet };
}

/** Events back on after a batch that switched them off failed (and so did not switch them on again). */
async function eventsBackOn(context: Excel.RequestContext): Promise<void> {
  context.runtime.enableEvents = true;
  await context.sync().catch(() => undefined);
}

/**
 * Sends `write`'s operations in one batch, without hearing its own events (writeWithoutOwnEvents), and returns what
 * `write` returned. When the batch fails, `recover` runs, and events are switched back on after it, whatever
 * happens to it.
 */
export async function commit<T>(
  context: Excel.RequestContext,
  messages: CommitMessages,
  write: () => T,
  recover: () => Promise<Recovery>,
): Promise<T> {
  const { written, quiet } = writeWithoutOwnEvents(context, write);
  try {
    await context.sync();
    return written;
  } catch (error) {
    let recovery: Recovery | null = null;
    try {
      recovery = await recover();
    } catch {
      recovery = null;
    } finally {
      if (quiet) await eventsBackOn(context);
    }
    if (recovery === "completed") return written;
    throw explain(messages.doing, error, recovery === "undone" ? messages.unchanged : PARTLY_CHANGED);
  }
}

/**
 * Queues a lookup of the sheet with id `activeId`; the function it returns syncs and activates that sheet again if
 * it is still there. Removing a sheet hands the focus to a neighbour: undoing a write gives it back.
 */
export function focusRestorer(context: Excel.RequestContext, activeId: string): () => Promise<void> {
  const previous = context.workbook.worksheets.getItemOrNullObject(activeId);
  previous.load("id");
  return async () => {
    await context.sync();
    if (!previous.isNullObject) previous.activate();
    await context.sync();
  };
}

/** A sheet name no person or co-author holds: new sheets are built under it and renamed last. */
export function stagingName(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `~new ${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The cells of a sheet as read before writing: `values` and `formulas`, and `numberFormats` where they change. */
export interface CellsBefore extends SheetCells {
  numberFormats?: unknown[][];
}

/** What to write into `formulas` to put back a cell that showed `value` and held `formula`. */
function formerEntry(value: unknown, formula: unknown): unknown {
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value) return formula;
  if (typeof value === "string") return needsTextPrefix(value) ? `'${value}` : value;
  return value ?? "";
}

/** Queues the writing back of `addresses` (A1, on `sheet`) as `before` holds them. */
export function queueRestore(sheet: Excel.Worksheet, addresses: readonly string[], before: CellsBefore): void {
  for (const cell of addresses) {
    const { top, left } = rangeCorners(cell);
    const target = sheet.getRange(cell);
    const numberFormat = before.numberFormats?.[top - 1]?.[left - 1];
    if (typeof numberFormat === "string") target.numberFormat = [[numberFormat]];
    target.formulas = [[formerEntry(before.values[top - 1]?.[left - 1], before.formulas[top - 1]?.[left - 1])]];
  }
}
