import { type CellData, isPlanSheet, readPlanRows } from "../plan/read-sheet";
import { COLUMN, LAYOUT } from "../plan/sheet-layout";
import { changesSince, planAfterChanges, statusBaseline } from "../plan/status-changes";
import type { TemplateProblem } from "../plan/template-read";
import type { Problem } from "../plan/validate";
import type { PlanDetail, PlanEvent } from "../service/types";
import { planDetail, type PlanOnSheet } from "../service/view";
import {
  bringOverviewInStep,
  inOverviewTurn,
  overviewJobsDone,
  queueBookRead,
  scheduleOverviewPass,
} from "./book-overview";
import { explain, inCellEditMode } from "./errors";
import { HISTORY_SHEET } from "./history";
import { type Block, type PlanSheet, readBlocks } from "./my-work";
import { markerOf, planWindow, wholeIfLonger } from "./read";
import { RENAME_EVENT_SET } from "./requirements";
import { interpret, latestTemplate, type Session } from "./session";
import { queueHistoryRead, recordStatusChanges } from "./status";

/**
 * Following the workbook: a person's edit on a plan sheet is read once, its status changes recorded (Completed on,
 * Plan history), and the plan as it now reads is sent to the pane with the event, so the pane need not read it
 * again: one Excel batch, at most two round trips (read, write) for the edit and the pane's view together. Sheets
 * added or deleted (never cell edits) bring the Book overview in step (book-overview.ts), as does the pane's start.
 *
 * Excel calls a handler as each event arrives and does not wait for the one before, so a person's quick edits
 * (Done, Enter, a note) would be followed at once over the same baselines, stamping and recording one change
 * twice. Each session's edits are therefore followed one after another, in the order they arrived.
 */

/** A handler registered (OfficeExtension.EventHandlerResult, whatever its event's type). */
interface Registration {
  context: OfficeExtension.ClientRequestContext;
  remove(): void;
}

/** Per session, the end of the last edit queued to be followed. */
const turns = new WeakMap<Session, Promise<void>>();

/** Runs `work` after every job queued before it on this session has finished, whether it failed or not. */
function inWatchTurn<T>(session: Session, work: () => Promise<T>): Promise<T> {
  const result = (turns.get(session) ?? Promise.resolve()).then(work);
  turns.set(
    session,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}

async function followEdit(
  session: Session,
  event: Excel.WorksheetChangedEventArgs,
  report: (sheetId: string, problems: Problem[], detail?: PlanDetail, historyNote?: string) => void,
  reportTemplates: (sheetName: string, problems: TemplateProblem[]) => void,
): Promise<void> {
  const remote = event.source === "Remote";
  await Excel.run({ delayForCellEdit: true }, async (context) => {
    const history = queueHistoryRead(context);
    const sheet = context.workbook.worksheets.getItem(event.worksheetId);
    sheet.load("id,name");
    // A bounded window, not the used range: an edit on a large data sheet must not read it all.
    const window = planWindow(sheet, true);
    await context.sync();
    if (sheet.name === HISTORY_SHEET) return;
    if (!isPlanSheet(markerOf(window.range.values))) {
      // Not a plan: perhaps a template sheet or the agency's holidays. Plan edits never come this way.
      const { readEditedTemplateSheet } = await import("./templates");
      const edited = await readEditedTemplateSheet(context, sheet);
      if (edited) reportTemplates(edited.sheetName, edited.problems);
      return;
    }
    const cells = await wholeIfLonger(context, sheet, window);
    let loaded: PlanOnSheet;
    try {
      loaded = interpret(session, sheet.id, sheet.name, cells.values);
    } catch (error) {
      report(sheet.id, [{ field: "bind", message: error instanceof Error ? error.message : String(error) }]);
      return;
    }
    const changes = remote ? [] : changesSince(session.baselines.get(sheet.id), loaded.plan);
    const historyNote =
      changes.length > 0
        ? await recordStatusChanges(context, session, loaded, changes, cells, history, {
            doing: "Recording the status change",
            unchanged: "Completed on and Plan history are as they were; the next edit on the sheet records it.",
          })
        : null;
    // Only after the writes landed: a change that failed stays a change, recorded with the next edit.
    session.baselines.set(sheet.id, statusBaseline(loaded.plan));
    const now = { ...loaded, plan: planAfterChanges(loaded.plan, changes, session.today()) };
    report(
      sheet.id,
      loaded.plan.problems,
      planDetail(now, session.today(), latestTemplate(session, now.plan.templateName)),
      historyNote ?? undefined,
    );
  });
}

/** Starts following the workbook; resolves to a function that stops. */
export async function watch(session: Session, listener: (event: PlanEvent) => void): Promise<() => Promise<void>> {
  const handleChange = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (event.triggerSource === "ThisLocalAddin") return;
    const report = (sheetId: string, problems: Problem[], detail?: PlanDetail, historyNote?: string) =>
      listener({
        kind: "plan-changed",
        sheetId,
        source: event.source === "Remote" ? "Remote" : "Local",
        problems,
        ...(historyNote ? { historyNote } : {}),
        ...(detail ? { detail } : {}),
      });
    await inWatchTurn(session, async () => {
      try {
        await followEdit(session, event, report, (sheetName, problems) =>
          listener({ kind: "templates-changed", sheetName, problems }),
        );
      } catch (error) {
        report(event.worksheetId, [{ field: "bind", message: explain("Following the change", error).message }]);
      }
    });
  };
  const handleSheets = async (event: { worksheetId: string; type?: string; source?: string }): Promise<void> => {
    // A sheet the add-in added that holds no plan (Plan history, the Book overview, a scratch sheet): its arrival,
    // name or removal leaves the pane's plans as they were.
    if (event.type !== "WorksheetActivated") {
      await overviewJobsDone(session);
      if (session.ownSheets.has(event.worksheetId)) return;
    }
    listener({ kind: "plans-changed" });
    // A sheet added or deleted here may be a plan (or a copy of one): its overview row follows. A co-author's
    // add-in does that for the co-author's sheets; a rename needs nothing, Excel rewrites the formulas.
    const addedOrDeleted = event.type === "WorksheetAdded" || event.type === "WorksheetDeleted";
    if (addedOrDeleted && event.source !== "Remote") await scheduleOverviewPass(session);
  };

  const register = (context: Excel.RequestContext): Registration[] => {
    const sheets = context.workbook.worksheets;
    const handlers = [
      sheets.onChanged.add(handleChange),
      sheets.onAdded.add(handleSheets),
      sheets.onDeleted.add(handleSheets),
      sheets.onActivated.add(handleSheets),
    ];
    if (Office.context.requirements.isSetSupported("ExcelApi", RENAME_EVENT_SET)) {
      handlers.push(sheets.onNameChanged.add(handleSheets));
    }
    return handlers;
  };
  let registrations: Registration[] | null = null;
  const stop = async () => {
    const registered = registrations;
    if (!registered) return;
    await Excel.run(registered[0].context, async (context) => {
      for (const registration of registered) registration.remove();
      await context.sync();
    });
  };
  let waited = false;
  try {
    // Edits that arrive while watching starts are followed after it, against the baselines it reads.
    await inWatchTurn(session, () =>
      inOverviewTurn(session, () =>
        untilCellEditEnds(
          () =>
            Excel.run(async (context) => {
              const handlers = registrations ? null : register(context);
              await startFollowing(context, session, () => (registrations ??= handlers));
            }),
          () => {
            waited = true;
            listener({ kind: "watch-waiting", reason: "cell-edit" });
          },
        ),
      ),
    );
  } catch (error) {
    await stop().catch(() => undefined);
    throw explain("Following changes in the workbook", error);
  }
  if (waited) listener({ kind: "watch-started" });
  return stop;
}

/**
 * While a person types in a cell, Excel fails every batch that does not wait for the edit to end. Watching is
 * started again, more slowly each time, for about two minutes; `waiting` is called on the first refusal, so the
 * pane can say why nothing follows yet.
 */
const CELL_EDIT_RETRY_MS = [250, 500, 1000, 2000, 4000, 5000];
const CELL_EDIT_ATTEMPTS = 30;

async function untilCellEditEnds<T>(attempt: () => Promise<T>, waiting: () => void): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!inCellEditMode(error) || tries >= CELL_EDIT_ATTEMPTS) throw error;
      if (tries === 1) waiting();
      const pause = CELL_EDIT_RETRY_MS[Math.min(tries, CELL_EDIT_RETRY_MS.length) - 1];
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * What starting to follow the workbook reads, in three round trips whatever the number of plans (more only where
 * the plans' Status and id columns exceed a response's budget): (1) the sheet list, with the handlers registered;
 * (2) each sheet's marker cells and how far its values reach (and the Book overview's rows where it is expected);
 * (3) every plan's Status and id columns, the baselines later edits are compared with, and in the same batch the
 * Book overview's write where (2) found it out of step. `registered` is called after (1).
 */
async function startFollowing(context: Excel.RequestContext, session: Session, registered: () => void): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  registered();
  {
    const book = queueBookRead(session, sheets.items);
    const reach = sheets.items.map((sheet) => {
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex,rowCount");
      return used;
    });
    await context.sync();
    const plans: PlanSheet[] = book.markers.flatMap(({ sheet, plan }, index) => {
      const used = reach[index];
      const lastRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      if (!isPlanSheet(plan.values[0][0]) || lastRow < LAYOUT.firstDataRow) return [];
      if (session.baselines.has(sheet.id)) return [];
      return [{ sheet, header: [], figures: null, lastRow }];
    });
    // An overview edited while the add-in was not running is brought in step once, as the pane starts, its write
    // in the batch of the first statuses read. A failure is left for the next pass (the workbook is as it was: see
    // commit.ts; the statuses are read again); one refused for a cell being edited waits for the edit to end.
    const overviewInStep = async () => {
      try {
        await bringOverviewInStep(context, session, { create: false, read: { book } });
      } catch (error) {
        if (inCellEditMode(error)) void scheduleOverviewPass(session);
      }
    };
    let overviewDone = false;
    const blocks = await readBlocks(
      context,
      plans.flatMap((plan): Block[] =>
        [COLUMN.status, COLUMN.id].map((column) => ({
          plan,
          firstRow: LAYOUT.firstDataRow,
          firstColumn: column,
          lastRow: plan.lastRow,
          lastColumn: column,
        })),
      ),
      async () => {
        overviewDone = true;
        await overviewInStep();
      },
    );
    if (!overviewDone) await overviewInStep();
    for (const plan of plans) {
      const values: CellData[][] = Array.from({ length: plan.lastRow }, () => []);
      for (const block of blocks) {
        if (block.plan !== plan) continue;
        block.values.forEach((line, r) => (values[block.firstRow - 1 + r][block.firstColumn - 1] = line[0]));
      }
      if (!session.baselines.has(plan.sheet.id)) {
        session.baselines.set(plan.sheet.id, statusBaseline({ rows: readPlanRows(values, session.today()) }));
      }
    }
  }
}
