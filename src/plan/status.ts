import { type CalendarDate, plusDays, toIsoDate } from "./dates";

/**
 * The status rules, in one place: which statuses there are, how typed text reads as one, which close a task,
 * how a task stands today, and what a status change does to Completed on. The reader, the pane's counts, the
 * Completed on stamp and the sheet's conditional formats (statusConditions in sheet-formulas.ts) all use these.
 */

export const STATUS = {
  notStarted: "Not started",
  inProgress: "In progress",
  done: "Done",
  na: "N/A",
} as const;

/** The values of a plan sheet's Status dropdown; a new task starts with the first. */
export const STATUSES = [STATUS.notStarted, STATUS.inProgress, STATUS.done, STATUS.na] as const;

export type Status = (typeof STATUSES)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

/**
 * The status a cell's text stands for, read as the sheet's colors read it (see statusConditions): surrounding
 * spaces ignored and letters in any case, so "done" typed or pasted is Done. Null for anything else.
 */
export function canonicalStatus(text: string): Status | null {
  const wanted = text.trim().toLowerCase();
  return STATUSES.find((status) => status.toLowerCase() === wanted) ?? null;
}

/** Statuses that close a task: it can no longer be overdue or due soon, and counts as closed in its phase. */
export const CLOSED_STATUSES: readonly Status[] = [STATUS.done, STATUS.na];

export function isClosed(status: Status): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Whether a row's status text says the task is being tracked and still open: not blank, not closed. */
export function isOpen(statusText: string): boolean {
  const status = canonicalStatus(statusText);
  return statusText.trim() !== "" && !(status && isClosed(status));
}

/** How many days ahead a task counts as "due soon". */
export const DUE_SOON_DAYS = 14;

/** How a task stands today, as the sheet's colors show it. */
export type TaskState = "done" | "n/a" | "overdue" | "due-soon" | "in-progress" | "not-started";

const STATE_OF: Record<Status, TaskState> = {
  [STATUS.notStarted]: "not-started",
  [STATUS.inProgress]: "in-progress",
  [STATUS.done]: "done",
  [STATUS.na]: "n/a",
};

/**
 * How a row stands today, by the same rule as the sheet's colors (see statusConditions in sheet-formulas.ts): a
 * closed task by its status; an open one overdue when its due date has passed, due soon within DUE_SOON_DAYS;
 * otherwise by its status (text that is no status reads as not started).
 */
export function taskState(statusText: string, due: string | null, today: CalendarDate): TaskState {
  const status = canonicalStatus(statusText);
  if (status && isClosed(status)) return STATE_OF[status];
  if (due && isOpen(statusText)) {
    if (due < toIsoDate(today)) return "overdue";
    if (due <= toIsoDate(plusDays(today, DUE_SOON_DAYS))) return "due-soon";
  }
  return status ? STATE_OF[status] : "not-started";
}

/** Whether status text reads as Done. */
export function isDone(statusText: string): boolean {
  return canonicalStatus(statusText) === STATUS.done;
}

/**
 * What a status change does to the task's Completed on cell: stamped with today when the task becomes Done and
 * the cell is empty, cleared when it leaves Done and the cell holds a date, otherwise left as it is (a date a
 * person typed is kept).
 */
export function completedOnAfter(from: string, to: string, completedOn: string | null): "stamp" | "clear" | "keep" {
  if (isDone(to)) return completedOn ? "keep" : "stamp";
  if (isDone(from) && completedOn) return "clear";
  return "keep";
}
