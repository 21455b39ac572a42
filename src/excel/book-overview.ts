import {
  describeBookOverview,
  isBookOverview,
  OVERVIEW_COLUMN,
  OVERVIEW_COLUMNS,
  OVERVIEW_LAYOUT,
  OVERVIEW_SHEET_NAME,
  type OverviewPlan,
  type OverviewRow,
  type OverviewRowsPlan,
  overviewSheetName,
  planOverviewRows,
  readOverviewRows,
} from "../plan/book-overview";
import { type CellData, isPlanSheet } from "../plan/read-sheet";
import { address, columnLetter, LAYOUT } from "../plan/sheet-layout";
import { PlanError } from "../service/types";
import { commit, type CommitMessages, stagingName } from "./commit";
import { WAIT_FOR_CELL_EDIT, type Session } from "./session";
import { type KeptFilter, keptFilter, queueFilterCleared, queueFilterRead, queueFilterRestored } from "./filter";
import { renderOverviewLayout, renderPlanCells } from "./sheet-writer";

/**
 * The Book overview in a live workbook: one row per plan sheet, every figure a formula over that plan's header and
 * summary cells (src/plan/book-overview.ts describes it). The add-in writes it when a plan is created from the
 * pane, when sheets are added or deleted, and when the pane starts and finds it out of step; a plan renamed in
 * Excel needs nothing, as Excel rewrites the formulas to the new name.
 *
 * What is read: the sheet list, then two marker cells of every sheet (is it a plan, which plan, or the overview)
 * and the overview's key and Client columns: small, and only on sheet events, never on cell edits. What is
 * written: the overview's table, columns A to N from row 1 to the last plan's row (or the old table's last row),
 * in one batch that lands whole or is taken back:
 * - a new overview is built under a staging name and renamed last (as a new plan is);
 * - an existing one is built on a scratch sheet and pasted over the table in one operation (Range.copyFrom "All"),
 *   then its sheet settings follow, which can be queued again to finish a write whose paste had landed.
 * The rows keep their order (a person's sort stays), a plan's row is found by the plan's id in the hidden key
 * column, and anything else on the sheet is the person's and is kept: columns to the right of the table, the
 * sheet's name and place, and (on an existing overview) the column widths.
 */

/** Per session: the overview jobs run one after another, and where the overview was last found. */
interface OverviewState {
  turn: Promise<unknown>;
  /** Whether a pass asked for by a sheet event is waiting for its turn (more events need no second one). */
  passWaiting: boolean;
  sheetId: string | null;
}

const states = new WeakMap<Session, OverviewState>();

function stateOf(session: Session): OverviewState {
  let state = states.get(session);
  if (!state) {
    state = { turn: Promise.resolve(), passWaiting: false, sheetId: null };
    states.set(session, state);
  }
  return state;
}

/**
 * Runs `work` once every overview job the session started before it has finished: two jobs never read the
 * overview and write it over each other (a plan created while a sheet event's pass is under way).
 */
export function inOverviewTurn<T>(session: Session, work: () => Promise<T>): Promise<T> {
  const state = stateOf(session);
  const result = state.turn.then(work, work);
  state.turn = result.catch(() => undefined);
  return result;
}

/**
 * Resolves when the overview jobs started so far have finished. A pass adds and deletes a scratch sheet whose id
 * it learns only when its batch returns, and that sheet's events can arrive first: waiting for the turn lets the
 * watch tell the add-in's own sheets from a person's.
 */
export function overviewJobsDone(session: Session): Promise<void> {
  return stateOf(session).turn.then(() => undefined);
}

/** The overview as found in the workbook: its sheet, its rows, and the last row its table reaches. */
interface OverviewOnSheet {
  sheet: Excel.Worksheet;
  id: string;
  rows: OverviewRow[];
  tableEnd: number;
  /** The person's filter over the table, kept across a rewrite (filter.ts). */
  filter: KeptFilter;
}

interface Book {
  sheetNames: string[];
  /** The plan sheets in tab order. */
  plans: OverviewPlan[];
  overview: OverviewOnSheet | null;
}

/** Marker cells of a sheet: the plan's kind and id (J1:J2) and the overview's marker (N1). */
const PLAN_MARKERS = `${address(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column)}:${address(
  LAYOUT.marker.planId.row,
  LAYOUT.marker.planId.column,
)}`;
const OVERVIEW_MARKER_CELL = address(OVERVIEW_LAYOUT.marker.row, OVERVIEW_LAYOUT.marker.column);

/** The overview's key and Client columns as queued for loading; the key column is a null object on a sheet too narrow. */
interface RowsRead {
  keys: Excel.Range;
  clients: Excel.Range;
  filter: Excel.AutoFilter;
}

/** Queues a load of the overview's key and Client columns, from row 1 to the sheet's last used row. */
function queueRowsRead(sheet: Excel.Worksheet): RowsRead {
  const whole = sheet.getRange("A1").getBoundingRect(sheet.getUsedRange(true));
  const key = columnLetter(OVERVIEW_COLUMN.planId);
  // Not getColumn: a sheet no longer reaching the key column (its marker cleared) must not fail the whole batch.
  const keys = sheet.getRange(`${key}:${key}`).getIntersectionOrNullObject(whole);
  keys.load("values");
  const clients = whole.getColumn(OVERVIEW_COLUMN.client - 1);
  clients.load("formulas");
  return { keys, clients, filter: queueFilterRead(sheet) };
}

function rowsFrom(read: RowsRead): { rows: OverviewRow[]; tableEnd: number; filter: KeptFilter } {
  const keyColumn = OVERVIEW_COLUMN.planId - 1;
  const keys = read.keys.isNullObject ? [] : read.keys.values;
  const values = read.clients.formulas.map((_, index) => {
    const row: CellData[] = [];
    row[keyColumn] = (keys[index]?.[0] ?? "") as CellData;
    return row;
  });
  const formulas = read.clients.formulas.map((line) => [line[0]]);
  const rows = readOverviewRows({ values, formulas });
  return {
    rows,
    tableEnd: Math.max(OVERVIEW_LAYOUT.headerRow, ...rows.map((row) => row.row)),
    filter: keptFilter(read.filter),
  };
}

/** The marker cells of some sheets, and the rows of the one that was the overview last time, queued for loading. */
export interface BookRead {
  markers: { sheet: Excel.Worksheet; plan: Excel.Range; overview: Excel.Range }[];
  guess: { sheet: Excel.Worksheet; rows: RowsRead } | null;
}

/**
 * Queues the reads that tell which of `items` (loaded with their ids and names) are plans and which is the
 * overview: two marker cells each, and the rows of the sheet that was the overview last time (an overview always
 * reaches column N), so they usually need no round trip of their own.
 */
export function queueBookRead(session: Session, items: Excel.Worksheet[]): BookRead {
  const markers = items.map((sheet) => {
    const plan = sheet.getRange(PLAN_MARKERS);
    plan.load("values");
    const overview = sheet.getRange(OVERVIEW_MARKER_CELL);
    overview.load("values");
    return { sheet, plan, overview };
  });
  // Where it was last found, else (the pane just started) where a new overview is put.
  const guessed =
    items.find((sheet) => sheet.id === stateOf(session).sheetId) ??
    items.find((sheet) => sheet.name === OVERVIEW_SHEET_NAME);
  return { markers, guess: guessed ? { sheet: guessed, rows: queueRowsRead(guessed) } : null };
}

/**
 * The book as `read` found it, once synced, with `added` (a plan made in the same batch) after its sheets; one
 * more round trip only when the overview is not where the session last found it.
 */
async function bookFrom(
  context: Excel.RequestContext,
  state: OverviewState,
  read: BookRead,
  added?: OverviewPlan,
): Promise<Book> {
  const { markers } = read;
  const plans = markers
    .filter(({ plan }) => isPlanSheet(plan.values[0][0]))
    .map(({ sheet, plan }) => ({ sheetName: sheet.name, planId: String(plan.values[1][0] ?? "") }));
  // A copy of the overview is a sheet like any other: the first in tab order is the one kept up to date.
  const found = markers.find(({ overview }) => isBookOverview(overview.values[0][0]));
  let overview: OverviewOnSheet | null = null;
  if (found) {
    let rows = read.guess?.sheet === found.sheet ? read.guess.rows : null;
    if (!rows) {
      rows = queueRowsRead(found.sheet);
      await context.sync();
    }
    overview = { sheet: found.sheet, id: found.sheet.id, ...rowsFrom(rows) };
  }
  state.sheetId = overview?.id ?? null;
  return {
    sheetNames: [...markers.map(({ sheet }) => sheet.name), ...(added ? [added.sheetName] : [])],
    plans: added ? [...plans, added] : plans,
    overview,
  };
}

/** Reads which sheets are plans and where the overview is: two round trips, a third as bookFrom says. */
async function readBook(context: Excel.RequestContext, session: Session): Promise<Book> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  const read = queueBookRead(session, sheets.items);
  await context.sync();
  return bookFrom(context, stateOf(session), read);
}

/** Whether the overview's rows are those `planned` and its formulas name each plan's sheet as it is called now. */
function inStep(overview: OverviewOnSheet, planned: OverviewRowsPlan): boolean {
  return (
    planned.added.length === 0 &&
    planned.removed.length === 0 &&
    overview.rows.length === planned.rows.length &&
    overview.rows.every(
      (row, index) =>
        row.row === OVERVIEW_LAYOUT.firstDataRow + index && row.sheetName === planned.rows[index].sheetName,
    )
  );
}

const tableWidth = OVERVIEW_COLUMNS.length;

const ADDING: CommitMessages = { doing: "Adding the Book overview", unchanged: "Nothing was added to the workbook." };
const UPDATING: CommitMessages = { doing: "Updating the Book overview", unchanged: "The Book overview is as it was." };

/**
 * Whether a failed overview pass left the workbook as it was: a read failed (nothing was written yet), or the
 * write was taken back (its message ends in what is true then).
 */
export function overviewUntouched(error: unknown, messages: CommitMessages): boolean {
  return !(error instanceof PlanError) || error.message.endsWith(messages.unchanged);
}

/** Writes a new overview of `rows`: built under a staging name, renamed last, removed again if any part fails. */
async function createOverview(
  context: Excel.RequestContext,
  book: Book,
  rows: OverviewPlan[],
  messages: CommitMessages = ADDING,
): Promise<string> {
  const sheets = context.workbook.worksheets;
  const description = describeBookOverview(rows, { name: overviewSheetName(book.sheetNames) });
  const staging = stagingName();
  const made = await commit(
    context,
    messages,
    () => {
      const sheet = sheets.add(staging);
      renderPlanCells(sheet, description);
      renderOverviewLayout(sheet, description, { widths: true });
      sheet.name = description.name;
      sheet.load("id");
      return sheet;
    },
    async () => {
      const sheet = sheets.getItemOrNullObject(staging);
      sheet.load("id");
      await context.sync();
      if (!sheet.isNullObject) {
        sheet.delete();
        await context.sync();
      }
      return "undone";
    },
  );
  return made.id;
}

/**
 * Writes `rows` over an existing overview's table: built on a scratch sheet and pasted over columns A to N down to
 * the old table's last row or the new one's, whichever is further down; the sheet's settings follow.
 */
async function rewriteOverview(
  context: Excel.RequestContext,
  overview: OverviewOnSheet,
  rows: OverviewPlan[],
  messages: CommitMessages,
): Promise<string | null> {
  const description = describeBookOverview(rows);
  const lastRow = Math.max(overview.tableEnd, description.cells.length);
  const area = `A1:${address(lastRow, tableWidth)}`;
  const staging = stagingName();
  const sheets = context.workbook.worksheets;
  const settings = () => {
    renderOverviewLayout(overview.sheet, description, { widths: false });
    queueFilterRestored(overview.sheet, description.autoFilter, overview.filter);
  };
  const scratch = await commit(
    context,
    messages,
    () => {
      const scratch = sheets.add(staging);
      scratch.load("id");
      renderPlanCells(scratch, description);
      // Every row shown first: a paste leaves filtered rows hidden whatever they then hold (office-js #224).
      queueFilterCleared(overview.sheet, overview.filter);
      overview.sheet.getRange(area).copyFrom(scratch.getRange(area), Excel.RangeCopyType.all);
      settings();
      scratch.delete();
      return scratch;
    },
    async () => {
      // The paste landed when the rows read as written (each plan's key, and a Client formula naming its sheet).
      const read = queueRowsRead(overview.sheet);
      const scratch = sheets.getItemOrNullObject(staging);
      scratch.load("id");
      await context.sync();
      const now = rowsFrom(read).rows;
      const landed =
        now.length === rows.length &&
        now.every(
          (row, index) =>
            row.row === OVERVIEW_LAYOUT.firstDataRow + index &&
            row.planId === rows[index].planId &&
            row.sheetName === rows[index].sheetName,
        );
      if (!scratch.isNullObject) scratch.delete();
      if (landed) settings();
      // Not landed: the criteria may have been cleared before the paste failed; they go back over the old table.
      else
        queueFilterRestored(
          overview.sheet,
          description.autoFilter.replace(/\d+$/, String(overview.tableEnd)),
          overview.filter,
        );
      await context.sync();
      return landed ? "completed" : "undone";
    },
  );
  // Its id is known only when the batch landed whole (a completed one loaded nothing).
  try {
    return scratch.id;
  } catch {
    return null;
  }
}

/** What a pass over the overview did: nothing (no overview, or in step), or the rows it wrote. */
export type OverviewPass = { written: false } | { written: true; created: boolean; rows: OverviewRowsPlan };

/**
 * Brings the overview in step with the workbook's plan sheets: rows for new plans (a copied plan sheet, with its
 * source's id, gets a row of its own), none for deleted ones, so no #REF! is left. Where the workbook has no
 * overview, one is made only when `create` says so (a plan created from the pane) and there are plans to show.
 * Call it inside `inOverviewTurn`.
 */
export async function bringOverviewInStep(
  context: Excel.RequestContext,
  session: Session,
  options: {
    create: boolean;
    messages?: CommitMessages;
    /** What a batch that also added the plan `added` read beforehand (queueBookRead), instead of reading again. */
    read?: { book: BookRead; added?: OverviewPlan };
  },
): Promise<OverviewPass> {
  const state = stateOf(session);
  const book = options.read
    ? await bookFrom(context, state, options.read.book, options.read.added)
    : await readBook(context, session);
  if (!book.overview) {
    if (!options.create || book.plans.length === 0) return { written: false };
    const planned = planOverviewRows([], book.plans);
    state.sheetId = await createOverview(context, book, planned.rows, options.messages);
    session.ownSheets.add(state.sheetId);
    return { written: true, created: true, rows: planned };
  }
  const planned = planOverviewRows(book.overview.rows, book.plans);
  if (inStep(book.overview, planned)) return { written: false };
  const scratchId = await rewriteOverview(context, book.overview, planned.rows, options.messages ?? UPDATING);
  if (scratchId) session.ownSheets.add(scratchId);
  return { written: true, created: false, rows: planned };
}

/**
 * After a sheet was added or deleted (or when the pane starts): one pass in the session's turn, or none when one is
 * already waiting for its turn, since a pass reads the workbook as it is when it starts. A failure is left for the
 * next pass to mend (the workbook is as it was: see commit.ts).
 */
export function scheduleOverviewPass(session: Session): Promise<void> {
  const state = stateOf(session);
  if (state.passWaiting) return state.turn.then(() => undefined);
  state.passWaiting = true;
  return inOverviewTurn(session, async () => {
    state.passWaiting = false;
    // After a sheet event the person may already be typing in a cell: the pass waits for Enter or Esc.
    await Excel.run(WAIT_FOR_CELL_EDIT, async (context) => {
      await bringOverviewInStep(context, session, { create: false });
    });
  }).catch(() => undefined);
}
