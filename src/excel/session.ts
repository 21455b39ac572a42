import { type CalendarDate, localDay } from "../plan/dates";
import { type CellData, DamagedPlanError, readPlanSheet } from "../plan/read-sheet";
import type { StatusBaseline } from "../plan/status-changes";
import { type Template } from "../plan/template";
import { DEFAULT_TEMPLATE } from "../plan/default-template";
import { PlanError } from "../service/types";
import type { PlanOnSheet } from "../service/view";
import { explain } from "./errors";

/**
 * What every job of the adapter shares: the template, the clock, and what it last saw of each plan's statuses.
 * One session per pane; the jobs (create.ts, read.ts, status.ts, watch.ts, update-repair.ts) take it first.
 */
export interface Session {
  template: Template;
  /** The current moment. */
  now(): Date;
  /** The person's calendar day, by the machine's clock: "today" for due soon and Completed on. */
  today(): CalendarDate;
  newPlanId(): string;
  /** Per plan sheet id, the statuses last seen: what tells a person's change from a replay or our own echo. */
  baselines: Map<string, StatusBaseline>;
  /** Sheets the add-in added that hold no plan (a Plan history sheet): their arrival changes no plan. */
  ownSheets: Set<string>;
  /** The version on each of the workbook's template sheets as last read, by template name in lower case. */
  templateVersions: Map<string, number>;
}

export interface ExcelPlanServiceOptions {
  template?: Template;
  /** The current moment; the user's calendar day is taken from it in the machine's zone (the user's own day). */
  now?: () => Date;
  newPlanId?: () => string;
}

function randomPlanId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function createSession(options: ExcelPlanServiceOptions = {}): Session {
  const now = options.now ?? (() => new Date());
  return {
    template: options.template ?? DEFAULT_TEMPLATE,
    now,
    today: () => localDay(now()),
    newPlanId: options.newPlanId ?? randomPlanId,
    baselines: new Map(),
    ownSheets: new Set(),
    templateVersions: new Map(),
  };
}

/**
 * The newest version of the template a plan names: the workbook's template sheet of that name (as last read),
 * else the add-in's own template, which an update moves a plan to when the workbook has none of its name.
 */
export function latestTemplate(session: Session, name: string): { version: number } {
  return { version: session.templateVersions.get(name.trim().toLowerCase()) ?? session.template.version };
}

/** A plan sheet's cells read as a plan; a sheet rearranged beyond reading is a PlanError naming the sheet. */
export function interpret(session: Session, sheetId: string, sheetName: string, values: unknown[][]): PlanOnSheet {
  try {
    return { sheetId, sheetName, plan: readPlanSheet(values as CellData[][], session.today()) };
  } catch (error) {
    if (error instanceof DamagedPlanError) throw new PlanError(`${sheetName}: ${error.message}`);
    throw error;
  }
}

/**
 * While a person is typing in a cell Excel refuses every request of a batch, so a job could stop between its
 * writes and be unable to take them back. Each batch asks Excel to wait until the person leaves the cell instead
 * (ExcelApi 1.11): the job goes on from where it was once they press Enter or Esc.
 */
export const WAIT_FOR_CELL_EDIT: Excel.RunOptions = { delayForCellEdit: true };

/**
 * Runs one Excel batch and, when it fails, explains the failure in words: "`doing` failed: why." and, where
 * given, what is true now (`outcome`, as in "The sheet was not changed.").
 */
export async function runExplained<T>(
  doing: string,
  work: (context: Excel.RequestContext) => Promise<T>,
  outcome?: string,
): Promise<T> {
  return Excel.run(WAIT_FOR_CELL_EDIT, work).catch((error: unknown) => {
    throw explain(doing, error, outcome);
  });
}
