import { type CalendarDate, toIsoDate } from "../plan/dates";
import { type SheetPlan, type SheetRow, TASK_FIELDS, type TaskFields } from "../plan/read-sheet";
import type { SummaryFigures } from "../plan/read-summary";
import type { Schedule } from "../plan/schedule";
import { isClosed, STATUS, taskState } from "../plan/status";
import type { Template } from "../plan/template";
import type { PhaseProgress, PlanDetail, PlanSummary, PlanTaskRow, StatusCounts } from "./types";

/**
 * What the pane is shown of a plan, worked out from the plan as read: pure, so the adapter only loads cells and
 * these say what they mean.
 */

/** A plan as read from its sheet, with the sheet it is on. */
export interface PlanOnSheet {
  sheetId: string;
  sheetName: string;
  plan: SheetPlan;
}

/** How many tasks stand where; sub-items and people's own rows are not tasks. Text that is no status is Not started. */
export function statusCounts(rows: readonly SheetRow[]): StatusCounts {
  const tasks = rows.filter((r) => r.kind === "task");
  const count = (predicate: (row: SheetRow) => boolean) => tasks.filter(predicate).length;
  return {
    notStarted: count((r) => r.status === STATUS.notStarted || r.status === ""),
    inProgress: count((r) => r.status === STATUS.inProgress),
    done: count((r) => r.status === STATUS.done),
    notApplicable: count((r) => r.status === STATUS.na),
    overdue: count((r) => r.state === "overdue"),
    dueSoon: count((r) => r.state === "due-soon"),
  };
}

/** A new plan's counts: every task Not started, late or soon by the engine's dates (as the sheet will show). */
export function newPlanCounts(schedule: Schedule, today: CalendarDate): StatusCounts {
  const states = schedule.tasks.map((task) => taskState(STATUS.notStarted, toIsoDate(task.due), today));
  return {
    notStarted: schedule.tasks.length,
    inProgress: 0,
    done: 0,
    notApplicable: 0,
    overdue: states.filter((state) => state === "overdue").length,
    dueSoon: states.filter((state) => state === "due-soon").length,
  };
}

/** A plan's header summed up with `counts`, however they were come by. */
function summaryWith<Counts extends PlanSummary["counts"]>(
  { sheetId, sheetName, plan }: PlanOnSheet,
  counts: Counts,
): PlanSummary & { counts: Counts } {
  return {
    sheetId,
    sheetName,
    client: plan.client,
    bind: plan.bind,
    renewal: plan.renewal,
    counts,
    problems: plan.problems,
  };
}

/** A plan read in full summed up: its counts from its rows. */
export function planSummary(loaded: PlanOnSheet): PlanSummary & { counts: StatusCounts } {
  return summaryWith(loaded, statusCounts(loaded.plan.rows));
}

/**
 * A plan summed up from its header and its own summary figures (read-summary.ts), without its rows: `plan` is
 * the header as read (it has no rows). Counts the sheet cannot compute without dates are 0, as the sheet shows
 * them (no colors) while the Bind or Renewal cell holds none.
 */
export function listedPlanSummary(loaded: PlanOnSheet, figures: SummaryFigures): PlanSummary {
  return summaryWith(loaded, { done: figures.done, overdue: figures.overdue ?? 0, dueSoon: figures.dueSoon ?? 0 });
}

/** A plan sheet that could not be read still appears in the list, named by its sheet, with what is wrong. */
export function damagedPlanSummary(
  sheetId: string,
  sheetName: string,
  error: unknown,
): PlanSummary & { counts: StatusCounts } {
  return {
    sheetId,
    sheetName,
    client: sheetName,
    bind: null,
    renewal: null,
    counts: { notStarted: 0, inProgress: 0, done: 0, notApplicable: 0, overdue: 0, dueSoon: 0 },
    problems: [{ field: "bind", message: error instanceof Error ? error.message : String(error) }],
  };
}

/** The phase a task belongs to: the first part of its id ("bind-30" of "bind-30.service-team"). */
export function phaseIdOf(taskId: string): string {
  return taskId.split(".")[0];
}

/** Each phase's tasks, and how many of them are closed (Done or N/A). */
export function phaseProgress(rows: readonly SheetRow[]): PhaseProgress[] {
  return rows
    .filter((r) => r.kind === "phase")
    .map((phaseRow) => {
      const tasks = rows.filter((r) => r.kind === "task" && phaseIdOf(r.id) === phaseRow.id);
      return {
        phaseId: phaseRow.id,
        phase: phaseRow.phase,
        total: tasks.length,
        closed: tasks.filter((r) => r.status !== "" && isClosed(r.status)).length,
      };
    });
}

/** A task row as the pane shows it. */
export function taskRow(row: SheetRow): PlanTaskRow {
  const fields = Object.fromEntries(TASK_FIELDS.map((key) => [key, row[key]])) as unknown as TaskFields;
  return { taskId: row.id, phaseId: phaseIdOf(row.id), ...fields };
}

/** `latest`: the newest version of the plan's own template (by its name), as the workbook or the add-in has it. */
export function planDetail(loaded: PlanOnSheet, today: CalendarDate, latest: Pick<Template, "version">): PlanDetail {
  const { plan } = loaded;
  return {
    ...planSummary(loaded),
    today: toIsoDate(today),
    team: plan.team,
    templateName: plan.templateName,
    roles: [...plan.roles],
    templateVersion: plan.templateVersion,
    latestTemplateVersion: latest.version,
    phases: phaseProgress(plan.rows),
    tasks: plan.rows.filter((r) => r.kind === "task").map(taskRow),
  };
}
