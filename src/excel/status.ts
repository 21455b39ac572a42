import type { Status } from "../plan/status";
import { statusBaseline, statusPatch, type StatusChange } from "../plan/status-changes";
import { patchAddresses } from "../plan/sheet-patch";
import type { StatusChangeResult } from "../service/types";
import type { PlanOnSheet } from "../service/view";
import { type CellsBefore, commit, type CommitMessages, queueRestore, stagingName } from "./commit";
import {
  freeHistorySheetName,
  historySheetName,
  HISTORY_SHEET,
  HISTORY_TABLE,
  type HistoryEntry,
  historyRow,
  queueHistorySheet,
} from "./history";
import { loadPlanCells, rowOfTask } from "./read";
import { runExplained, type Session } from "./session";
import { renderCellWrites } from "./sheet-writer";

/**
 * Status changes, from the pane or a person's edit in the sheet: Completed on stamped or cleared, and a row of
 * Plan history for each, written together or not at all.
 */

/** How many of the names a new history sheet may take are looked up: more history sheets than that are no book. */
const HISTORY_NAMES_LOOKED_UP = 10;

/**
 * What a status change needs to know of Plan history, read with the plan: the table, if any, and which of the
 * names a new history sheet may take are taken. Those names, not the list of every sheet: what an edit reads
 * does not grow with the number of plans in the workbook.
 */
export interface HistoryRead {
  table: Excel.Table;
  namedSheets: Excel.Worksheet[];
}

export function queueHistoryRead(context: Excel.RequestContext): HistoryRead {
  const table = context.workbook.tables.getItemOrNullObject(HISTORY_TABLE);
  table.load("name");
  const namedSheets = Array.from({ length: HISTORY_NAMES_LOOKED_UP }, (_, index) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(historySheetName(index + 1));
    sheet.load("name");
    return sheet;
  });
  return { table, namedSheets };
}

/** Said when the history table was gone although its sheet name is taken, so the history moves to a new sheet. */
function historyMovedNote(newSheet: string): string {
  return (
    `The Plan history table was missing, so a new one was started on the sheet "${newSheet}". ` +
    `The sheet "${HISTORY_SHEET}" was left as it was.`
  );
}

/**
 * Writes what a set of status changes calls for, in one batch that lands whole or not at all: the cells of
 * statusPatch (from the pane, the status itself too) and one Plan history row per change. A missing history table
 * is started on a sheet built under a staging name; the writes come in the order that lets a failure be taken
 * back: cells first, history rows, the new sheet's rename last. Returns the note to show when the history moved
 * to a new sheet.
 */
export async function recordStatusChanges(
  context: Excel.RequestContext,
  session: Session,
  loaded: PlanOnSheet,
  changes: StatusChange[],
  before: CellsBefore,
  history: HistoryRead,
  messages: CommitMessages,
  setStatus = false,
): Promise<string | null> {
  const sheet = context.workbook.worksheets.getItem(loaded.sheetId);
  const patch = statusPatch(changes, session.today(), setStatus);
  const entries: HistoryEntry[] = changes.map(({ row, from, to }) => ({
    when: session.now(),
    client: loaded.plan.client,
    sheetName: loaded.sheetName,
    taskId: row.id,
    task: row.task,
    from,
    to,
  }));
  const taken = history.namedSheets.filter((s) => !s.isNullObject).map((s) => s.name);
  const newHistory = history.table.isNullObject;
  const staging = newHistory ? stagingName() : null;
  const historySheet = freeHistorySheetName(taken);
  const historyWorksheet = await commit(
    context,
    messages,
    () => {
      const table = staging ? queueHistorySheet(context.workbook, staging) : history.table;
      renderCellWrites(sheet, patch);
      table.rows.add(undefined, entries.map(historyRow));
      if (!staging) return null;
      table.worksheet.name = historySheet;
      table.worksheet.load("id");
      return table.worksheet;
    },
    async () => {
      queueRestore(sheet, patchAddresses(patch), before);
      const made = staging ? context.workbook.worksheets.getItemOrNullObject(staging) : null;
      made?.load("name");
      await context.sync();
      if (made && !made.isNullObject) {
        made.delete();
        await context.sync();
      }
      return "undone";
    },
  );
  if (historyWorksheet) session.ownSheets.add(historyWorksheet.id);
  const moved = newHistory && taken.some((name) => name.toLowerCase() === HISTORY_SHEET.toLowerCase());
  return moved ? historyMovedNote(historySheet) : null;
}

export function setTaskStatus(
  session: Session,
  sheetId: string,
  taskId: string,
  status: Status,
): Promise<StatusChangeResult> {
  return runExplained(
    "Changing the status",
    async (context) => {
      const history = queueHistoryRead(context);
      const { loaded, cells } = await loadPlanCells(context, session, sheetId, "values,formulas");
      const row = rowOfTask(loaded, taskId);
      if (row.statusText === status) return { historyNote: null };
      const historyNote = await recordStatusChanges(
        context,
        session,
        loaded,
        [{ row, from: row.statusText, to: status }],
        cells,
        history,
        { doing: "Changing the status", unchanged: "The sheet was not changed." },
        true,
      );
      // Only now: a change that did not land is still a change against the baseline, and is recorded later.
      const baseline = session.baselines.get(sheetId) ?? statusBaseline(loaded.plan);
      baseline.set(taskId, status);
      session.baselines.set(sheetId, baseline);
      return { historyNote };
    },
    "The sheet was not changed.",
  );
}
