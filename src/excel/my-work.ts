import { plusDays } from "../plan/dates";
import { toExcelSerial } from "../plan/excel-dates";
import { findPerson, MY_WORK_HORIZON_DAYS, myWork as myWorkOf, peopleOnTeams } from "../plan/my-work";
import { type CellData, isPlanSheet } from "../plan/read-sheet";
import { readSummaryFigures, type SummaryFigures } from "../plan/read-summary";
import { COLUMN, LAYOUT, rangeAddress, SUMMARY } from "../plan/sheet-layout";
import { statusBaseline } from "../plan/status-changes";
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
 * My work, in four round trips for a typical book: (1) the sheet list; (2) each sheet's header (marker, client,
 * dates, team, the plan's own summary figures) and how far down its values go; (3) Owner to Status of every plan
 * that may hold work due within 30 days; (4) Phase, Task and the ids of the plans with rows on the list. The
 * rows on the list are chosen by `myWork` (src/plan/my-work.ts) itself, over the plans as read, so the list is
 * the one `myWork` makes of the whole plans.
 */

/** JSON bytes one round trip may bring back: a fifth of Excel on the web's 5 MB, room for a wrong estimate. */
const RESPONSE_BUDGET = 700_000;

/** What a cell costs in a response before anything was read to go by: a date serial, a status, a short name. */
const FIRST_GUESS_BYTES_PER_CELL = 16;

interface PlanSheet {
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
interface Block {
  plan: PlanSheet;
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

interface ReadBlock extends Block {
  values: CellData[][];
}

const cellsOf = (block: Block) => (block.lastRow - block.firstRow + 1) * (block.lastColumn - block.firstColumn + 1);

/**
 * Reads `blocks` in as few round trips as keep each response within RESPONSE_BUDGET, by an estimate of each
 * block's bytes that each round trip corrects for the next from what it brought back.
 */
async function readBlocks(context: Excel.RequestContext, blocks: readonly Block[]): Promise<ReadBlock[]> {
  const read: ReadBlock[] = [];
  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
  let next = 0;
  while (next < blocks.length) {
    const chunk: { block: Block; range: Excel.Range }[] = [];
    let estimate = 0;
    // At least one block a round trip, however large: a single block over the budget is not split.
    while (
      next < blocks.length &&
      (chunk.length === 0 || estimate + cellsOf(blocks[next]) * bytesPerCell <= RESPONSE_BUDGET)
    ) {
      const block = blocks[next++];
      const range = block.plan.sheet.getRange(
        rangeAddress(block.firstRow, block.firstColumn, block.lastRow, block.lastColumn),
      );
      range.load("values");
      chunk.push({ block, range });
      estimate += cellsOf(block) * bytesPerCell;
    }
    // One round trip a chunk is the point: each response stays within the budget.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    let bytes = 0;
    let cells = 0;
    for (const { block, range } of chunk) {
      const values = range.values as CellData[][];
      bytes += JSON.stringify(values).length;
      cells += cellsOf(block);
      read.push({ ...block, values });
    }
    // What this round trip really cost a cell, with a margin: the next plans are likely much like these.
    if (cells > 0) bytesPerCell = Math.max(4, (bytes / cells) * 1.25);
  }
  return read;
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

export function myWork(session: Session, query: MyWorkQuery): Promise<MyWorkView> {
  return runExplained("Reading your work across the plans", async (context) => {
    const today = session.today();
    const plans = await readPlanSheets(context);
    const headers = readablePlans(session, plans, []);
    const people = peopleOnTeams(headers);
    // A name nobody's team holds lists nothing, rather than everyone's work.
    const person = query.person === undefined ? undefined : (findPerson(headers, query.person) ?? query.person);
    const filter = { asOf: today, person, role: query.role };
    const horizon = toExcelSerial(plusDays(today, MY_WORK_HORIZON_DAYS));

    // Round trip 3: what decides whether a row is on the list (owner, assigned to, due, status) of every plan
    // that may hold some.
    const candidates = plans.filter((plan) => {
      const loaded = headers.find((header) => header.sheetId === plan.sheet.id);
      return loaded !== undefined && tableRows(plan) && !nothingDueBy(plan, loaded, horizon);
    });
    const deciding = await readBlocks(
      context,
      candidates.map((plan) => ({
        plan,
        firstRow: LAYOUT.firstDataRow,
        firstColumn: COLUMN.owner,
        lastRow: plan.lastRow,
        lastColumn: COLUMN.status,
      })),
    );
    const listed = myWorkOf(readablePlans(session, candidates, deciding), filter);

    // Round trip 4: the rest of what a listed row shows (phase, task) over the rows listed, and the ids from
    // the table's top (a row copying an id read above it is a person's own row, read-sheet.ts).
    const lastListed = new Map<string, { first: number; last: number }>();
    for (const task of listed.sections.flatMap((section) => section.days.flatMap((day) => day.tasks))) {
      const span = lastListed.get(task.sheetId);
      lastListed.set(task.sheetId, {
        first: Math.min(span?.first ?? task.row, task.row),
        last: Math.max(span?.last ?? task.row, task.row),
      });
    }
    const showing = await readBlocks(
      context,
      candidates.flatMap((plan): Block[] => {
        const span = lastListed.get(plan.sheet.id);
        if (!span) return [];
        return [
          { plan, firstRow: span.first, firstColumn: COLUMN.phase, lastRow: span.last, lastColumn: COLUMN.task },
          { plan, firstRow: LAYOUT.firstDataRow, firstColumn: COLUMN.id, lastRow: span.last, lastColumn: COLUMN.id },
        ];
      }),
    );
    const shown = candidates.filter((plan) => lastListed.has(plan.sheet.id));
    return { ...myWorkOf(readablePlans(session, shown, [...deciding, ...showing]), filter), people };
  });
}

/**
 * Reads every plan's statuses, by task id, as the baselines a person's later edits are compared with (watch.ts):
 * the sheet list, the headers, then the Status and id columns in bounded chunks.
 */
export function followEveryPlan(session: Session): Promise<void> {
  return runExplained("Reading the plans' statuses", async (context) => {
    const plans = (await readPlanSheets(context)).filter(
      (plan) => tableRows(plan) && !session.baselines.has(plan.sheet.id),
    );
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
    );
    for (const loaded of readablePlans(session, plans, blocks)) {
      if (!session.baselines.has(loaded.sheetId)) session.baselines.set(loaded.sheetId, statusBaseline(loaded.plan));
    }
  });
}
