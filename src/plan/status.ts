/** The values of a plan sheet's Status dropdown. */
export const STATUSES = ["Not started", "In progress", "Done", "N/A"] as const;

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

/** Statuses that close a task: it can no longer be overdue or due soon. */
export function isClosed(status: Status): boolean {
  return status === "Done" || status === "N/A";
}

/** How many days ahead a task counts as "due soon". */
export const DUE_SOON_DAYS = 14;
