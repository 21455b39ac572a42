import { plusDays } from "../plan/dates";
import { toExcelSerial } from "../plan/excel-dates";
import {
  findPerson,
  type MyWork,
  MY_WORK_HORIZON_DAYS,
  myWork as myWorkOf,
  peopleOnTeams,
  rolesOnTeams,
} from "../plan/my-work";
import { type CellData, isPlanSheet } from "../plan/read-sheet";
import { readSummaryFigures, type SummaryFigures } from "../plan/read-summary";
import { COLUMN, LAYOUT, rangeAddress, SUMMARY } from "../plan/sheet-layout";
import type { MyWorkQuery, MyWorkView } from "../service/types";
import type { PlanOnSheet } from "../service/view";
import { markerOf, queuePlanHeader } from "./read";
import { interpret, runExplained, type Session } from "./session";

/**
 * Reading task rows across every plan of the workbook in bounded round trips: "My work" and the status
 * baselines the watch handler compares edits with. A book of 300 plans holds about 12,000 task rows, more than
 * Excel on the web returns in one response (5 MB), so the rows are read in chunks of at most RESPONSE_BUDGET
 * bytes, and only the columns the job needs.
 *
 * My work, in four round trips for a book of 300 plans: (1) the sheet list; (2) each sheet's header (marker,
 * client, dates, team, the plan's own summary figures) and how far down its values go; (3) what decides whether
 * a row is listed (due, status, and assigned to or owner when the list is a person's or a role's) of every plan
 * that may hold work due within 30 days; (4) what the listed rows show besides (phase, task, id). The rows are
 * chosen by `myWork` (src/plan/my-work.ts) itself over the plans as read, so the list is the one `myWork` makes
 * of the whole plans. Each step reads more round trips where its blocks exceed the budget.
 */

/** JSON bytes a round trip may bring back by the guess: room for a wrong guess under 1 MB (Excel on the web: 5 MB). */
const RESPONSE_BUDGET = 700_000;

/**
 * What a row's cell in each column costs in a response before anything was read to go by: a little over the
 * average of the default template's rows (its sub-item rows hold only a text and an id: the average task text
 * costs about 31 bytes, an id 25, a status 7). The margin for plans unlike the template is in the budget (700 KB
 * where the add-in allows itself 1 MB), and each round trip corrects the guess for the next by what it brought
 * back.
 */
const GUESS_BYTES_PER_CELL: Record<number, number> = {
  [COLUMN.phase]: 14,
  [COLUMN.task]: 34,
  [COLUMN.owner]: 6,
  [COLUMN.assignedTo]: 12,
  [COLUMN.opens]: 6,
  [COLUMN.due]: 6,
  [COLUMN.status]: 9,
  [COLUMN.completedOn]: 4,
  [COLUMN.notes]: 8,
  [COLUMN.id]: 32,
};

export interface PlanSheet {
  sheet: Excel.Worksheet;
  /** The header's values, A1 through the table's header row. */
  header: CellData[][];
  figures: SummaryFigures | null;
  /** The last row holding a value (the header's last row on an empty plan). */
  lastRow: number;
}

/** Round trips 1 and 2: the plan sheets, each one's header and how far down its values reach. */
async function readPlanSheets(context: Excel.RequestContext): Promise<PlanSheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  const queued = sheets.items.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount");
    return { sheet, header: queuePlanHeader(sheet), used };
  });
  await context.sync();
  return queued
    .filter(({ header }) => isPlanSheet(markerOf(header.values)))
    .map(({ sheet, header, used }) => ({
      sheet,
      header: header.values as CellData[][],
      figures: readSummaryFigures(header.values as CellData[][]),
      lastRow: used.isNullObject ? LAYOUT.headerRow : Math.max(LAYOUT.headerRow, used.rowIndex + used.rowCount),
    }));
}

/** A block of cells of one plan to read: its top-left corner and its address. */
export interface Block {
  plan: PlanSheet;
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

export interface ReadBlock extends Block {
  values: CellData[][];
}

/** Whether a range's values came back (reading a property not loaded throws, in Office.js as in the fake). */
function loaded(range: Excel.Range): boolean {
  try {
    return Array.isArray(range.values);
  } catch {
    return false;
  }
}

/** A block's guessed response bytes (GUESS_BYTES_PER_CELL). */
function guessBytes(block: Block): number {
  let perRow = 0;
  for (let column = block.firstColumn; column <= block.lastColumn; column++) perRow += GUESS_BYTES_PER_CELL[column];
  return (block.lastRow - block.firstRow + 1) * perRow;
}

/**
 * Reads `blocks` in as few round trips as keep each response within RESPONSE_BUDGET, by a guess of each block's
 * bytes that each round trip corrects for the next from what it brought back. A guess can be wrong (a plan whose
 * every task has pages of text); the budget leaves room for that up to Excel on the web's limit. `firstSync`, when
 * given, sends the first chunk's loads with whatever else the caller queues in it.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  blocks: readonly Block[],
  firstSync?: () => Promise<void>,
): Promise<ReadBlock[]> {
  const read: ReadBlock[] = [];
  let scale = 1;
  let next = 0;
  while (next < blocks.length) {
    const chunk: { block: Block; range: Excel.Range }[] = [];
    let estimate = 0;
    // At least one block a round trip, however large: a single block over the budget is not split.
    while (
      next < blocks.length &&
      (chunk.length === 0 || estimate + guessBytes(blocks[next]) * scale <= RESPONSE_BUDGET)
    ) {
      const block = blocks[next++];
      const range = block.plan.sheet.getRange(
        rangeAddress(block.firstRow, block.firstColumn, block.lastRow, block.lastColumn),
      );
      range.load("values");
      chunk.push({ block, range });
      estimate += guessBytes(block) * scale;
    }
    // One round trip a chunk is the point: each response stays within the budget. The first chunk may ride with
    // the caller's own batch (`firstSync`).
    if (read.length === 0 && firstSync) {
      await firstSync();
      // Not sent by the caller's batch (it had nothing to write): sent now.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the first chunk only
      if (!chunk.every(({ range }) => loaded(range))) await context.sync();
      // Sent with a batch that failed: asked for again.
      if (!chunk.every(({ range }) => loaded(range))) {
        for (const { range } of chunk) range.load("values");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the first chunk only
        await context.sync();
      }
    } else {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    let bytes = 0;
    let guessed = 0;
    for (const { block, range } of chunk) {
      const values = range.values as CellData[][];
      bytes += JSON.stringify(values).length;
      guessed += guessBytes(block);
      read.push({ ...block, values });
    }
    // The next plans are likely much like these: guess as these really cost, with a margin.
    if (guessed > 0) scale = Math.min(100, Math.max(0.5, (bytes / guessed) * 1.15));
  }
  return read;
}

/** Rows as blocks of consecutive rows (a gap of up to `gap` rows read along), each over the given columns. */
function rowBlocks(plan: PlanSheet, rows: readonly number[], columns: [number, number][], gap = 2): Block[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row - last[1] <= gap + 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs.flatMap(([firstRow, lastRow]) =>
    columns.map(([firstColumn, lastColumn]) => ({ plan, firstRow, firstColumn, lastRow, lastColumn })),
  );
}

/** A plan's values from A1 to its last row as far as read: the header, then the blocks; the rest empty. */
function planValues(plan: PlanSheet, blocks: readonly ReadBlock[]): CellData[][] {
  const values: CellData[][] = Array.from({ length: plan.lastRow }, (_, index) =>
    index < plan.header.length ? [...plan.header[index]] : Array<CellData>(COLUMN.id).fill(""),
  );
  for (const block of blocks) {
    if (block.plan !== plan) continue;
    block.values.forEach((line, r) =>
      line.forEach((cell, c) => {
        values[block.firstRow - 1 + r][block.firstColumn - 1 + c] = cell;
      }),
    );
  }
  return values;
}

/** The plans as read from `values`; a plan that cannot be read is left out (the plan list says what is wrong). */
function readablePlans(session: Session, plans: readonly PlanSheet[], blocks: readonly ReadBlock[]): PlanOnSheet[] {
  return plans.flatMap((plan) => {
    try {
      return [interpret(session, plan.sheet.id, plan.sheet.name, planValues(plan, blocks))];
    } catch {
      return [];
    }
  });
}

/**
 * Whether a plan's own figures say it holds no open task due by `horizon` (an Excel serial): its earliest open
 * due date (overdue ones included) is later, or it has no dated open task. Only where the figures cover every
 * row (the counts' ranges end at SUMMARY.lastRow) and the dates are there for the formulas to compute. The
 * figures count a status the way COUNTIFS compares ("Done " is open to it), never fewer rows open than the
 * pane's reading, so a plan skipped holds nothing My work would list.
 */
function nothingDueBy(plan: PlanSheet, loaded: PlanOnSheet, horizon: number): boolean {
  const { figures } = plan;
  if (!figures || plan.lastRow > SUMMARY.lastRow) return false;
  if (typeof loaded.plan.bindCell !== "number" || typeof loaded.plan.renewalCell !== "number") return false;
  return figures.nextDue === null || Math.floor(figures.nextDue) > horizon;
}

const tableRows = (plan: PlanSheet) => plan.lastRow >= LAYOUT.firstDataRow;

/** Columns (ascending) as ranges of adjacent ones: [1, 2, 4, 10] is [[1, 2], [4, 4], [10, 10]]. */
function adjacentColumns(columns: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const column of columns) {
    const last = runs[runs.length - 1];
    if (last && column === last[1] + 1) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

const tasksOf = (work: MyWork) => work.sections.flatMap((section) => section.days.flatMap((day) => day.tasks));

export function myWork(session: Session, query: MyWorkQuery): Promise<MyWorkView> {
  return runExplained("Reading your work across the plans", async (context) => {
    const today = session.today();
    const plans = await readPlanSheets(context);
    const headers = readablePlans(session, plans, []);
    const people = peopleOnTeams(headers);
    const roles = rolesOnTeams(headers);
    // A name nobody's team holds lists nothing, rather than everyone's work.
    const person = query.person === undefined ? undefined : (findPerson(headers, query.person) ?? query.person);
    const filter = { asOf: today, person, role: query.role };
    const horizon = toExcelSerial(plusDays(today, MY_WORK_HORIZON_DAYS));

    // Round trip 3: what decides whether a row is on the list (due and status; assigned to for a person, the
    // owner for a role), of every plan that may hold some: the rows `myWork` lists over them.
    const candidates = plans.filter((plan) => {
      const loaded = headers.find((header) => header.sheetId === plan.sheet.id);
      return loaded !== undefined && tableRows(plan) && !nothingDueBy(plan, loaded, horizon);
    });
    const decidingColumns = (
      [
        [COLUMN.due, COLUMN.status],
        person === undefined ? null : [COLUMN.assignedTo, COLUMN.assignedTo],
        query.role === undefined ? null : [COLUMN.owner, COLUMN.owner],
      ] satisfies ([number, number] | null)[]
    ).filter((columns): columns is [number, number] => columns !== null);
    const deciding = await readBlocks(
      context,
      candidates.flatMap((plan) =>
        decidingColumns.map(([firstColumn, lastColumn]) => ({
          plan,
          firstRow: LAYOUT.firstDataRow,
          firstColumn,
          lastRow: plan.lastRow,
          lastColumn,
        })),
      ),
    );
    const rowsListed = new Map<string, number[]>();
    for (const task of tasksOf(myWorkOf(readablePlans(session, candidates, deciding), filter))) {
      rowsListed.set(task.sheetId, [...(rowsListed.get(task.sheetId) ?? []), task.row]);
    }

    // Round trip 4: the rest of what a line shows (phase, task, owner, assigned to, id), of those rows only. The
    // ids of rows not read are not known here: a pasted copy of a task row is told from the task (read-sheet.ts)
    // when both rows are listed, else it shows the task's id.
    const shown = candidates.filter((plan) => rowsListed.has(plan.sheet.id));
    const decided = new Set(decidingColumns.flatMap(([first, last]) => [first, last]));
    const showingColumns = adjacentColumns(
      [COLUMN.phase, COLUMN.task, COLUMN.owner, COLUMN.assignedTo, COLUMN.id].filter((column) => !decided.has(column)),
    );
    const showing = await readBlocks(
      context,
      shown.flatMap((plan) => rowBlocks(plan, rowsListed.get(plan.sheet.id)!, showingColumns)),
    );
    return { ...myWorkOf(readablePlans(session, shown, [...deciding, ...showing]), filter), people, roles };
  });
}
