import type { Role, RoleList } from "./roles";
import { CLOSED_STATUSES, DUE_SOON_DAYS, STATUS, type Status } from "./status";
import { address, BIND_REF, COLUMN, columnLetter, HOLIDAYS_REF, LAYOUT, RENEWAL_REF, teamCells } from "./sheet-layout";
import type { Milestone } from "./template";
import { TERM_MONTHS } from "./term";

/**
 * The schedule engine's date rule (see schedule.ts) written as spreadsheet formulas, so a plan sheet keeps
 * its dates right without the add-in: in Excel desktop, on the web, on a Mac and in LibreOffice.
 * Only functions every one of them knows, with no `_xlfn.` prefix needed in a file: IF, AND, ISNUMBER, MIN,
 * MAX, WORKDAY, EDATE, MID, TRIM, NOT.
 */

const BOTH_DATES = `AND(ISNUMBER(${BIND_REF}),ISNUMBER(${RENEWAL_REF}))`;

/**
 * anchor + offset, moved back to the working day on or before it (WORKDAY from the day after, one day back),
 * then kept between the bind and renewal dates. Empty while either date is missing or not a date.
 */
export function milestoneFormula(milestone: Milestone): string {
  const anchor = milestone.anchor === "bind" ? BIND_REF : RENEWAL_REF;
  const dayAfter = milestone.offsetDays + 1;
  return milestoneAround(dayAfter === 0 ? anchor : `${anchor}${dayAfter > 0 ? "+" : ""}${dayAfter}`);
}

function milestoneAround(shifted: string): string {
  const workday = `WORKDAY(${shifted},-1,${HOLIDAYS_REF})`;
  return `=IF(${BOTH_DATES},MIN(${RENEWAL_REF},MAX(${BIND_REF},${workday})),"")`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Stands for the shifted anchor while a formula is turned into a pattern. */
const PLACEHOLDER = "\u0000";

const MILESTONE_PATTERN = new RegExp(
  `^${escapeRegExp(milestoneAround(PLACEHOLDER)).replace(
    PLACEHOLDER,
    `(?:${escapeRegExp(BIND_REF)}|${escapeRegExp(RENEWAL_REF)})(?:[+-]\\d+)?`,
  )}$`,
  "i",
);

/** Whether `formula` is an Opens/Due formula as the add-in writes it, for any phase's timing. */
export function isMilestoneFormula(formula: string): boolean {
  return MILESTONE_PATTERN.test(formula);
}

/** Renewal that follows the bind date (see defaultRenewal): EDATE keeps the day of month, Feb 29 -> Feb 28. */
export const RENEWAL_FOLLOWS_BIND_FORMULA = renewalFollowsBindFormula(TERM_MONTHS);

/** The same for a term of `months` months (a next term as long as the one before it). */
export function renewalFollowsBindFormula(months: number): string {
  return `=IF(ISNUMBER(${BIND_REF}),EDATE(${BIND_REF},${months}),"")`;
}

/** The months of a Renewal formula as renewalFollowsBindFormula writes it, or null for any other formula. */
export function renewalFormulaMonths(formula: string): number | null {
  const pattern = new RegExp(
    `^${escapeRegExp(renewalFollowsBindFormula(Number.NaN)).replace("NaN", "(\\d{1,2})")}$`,
    "i",
  );
  const match = pattern.exec(formula.trim());
  return match ? Number(match[1]) : null;
}

export const TERM_FORMULA = `=IF(${BOTH_DATES},${RENEWAL_REF}-${BIND_REF},"")`;

/**
 * The people named for the owner roles, joined with commas, skipping roles nobody fills (`roles`: the template's,
 * which say where on the team block each role is).
 */
export function assignedToFormula(owners: readonly Role[], roles?: RoleList): string {
  return `=MID(${owners.map((role) => personPart(address(teamCells(role, roles).row, LAYOUT.team.nameColumn, true))).join("&")},3,999)`;
}

function personPart(ref: string): string {
  return `IF(${ref}="","",", "&${ref})`;
}

const PERSON_PART = escapeRegExp(personPart(PLACEHOLDER)).replace(
  new RegExp(PLACEHOLDER, "g"),
  `\\$${columnLetter(LAYOUT.team.nameColumn)}\\$\\d+`,
);
const ASSIGNED_TO_PATTERN = new RegExp(`^=MID\\((?:${PERSON_PART}&)*${PERSON_PART},3,999\\)$`, "i");

/** Whether `formula` is an Assigned-to formula as the add-in writes it, for any owner roles. */
export function isAssignedToFormula(formula: string): boolean {
  return ASSIGNED_TO_PATTERN.test(formula);
}

/**
 * Conditional-format conditions, written for the top-left row of the range they apply to. A status matches
 * as `canonicalStatus` reads it: spaces around it ignored, and (as "=" compares text in every spreadsheet)
 * any letter case, so "done " is Done in the colors, the pane and the history alike.
 */
export function statusConditions(
  firstRow: number,
): Record<"done" | "na" | "inProgress" | "overdue" | "dueSoon", string> {
  const status = `TRIM($${columnLetter(COLUMN.status)}${firstRow})`;
  const due = `$${columnLetter(COLUMN.due)}${firstRow}`;
  const is = (value: Status) => `${status}="${value}"`;
  // Only rows someone tracks: a task (its status is never blank) or a row a person gave a status.
  const open = [`${status}<>""`, ...CLOSED_STATUSES.map((closed) => `NOT(${is(closed)})`)].join(",");
  return {
    done: `=${is(STATUS.done)}`,
    na: `=${is(STATUS.na)}`,
    inProgress: `=${is(STATUS.inProgress)}`,
    overdue: `=AND(ISNUMBER(${due}),${due}<TODAY(),${open})`,
    dueSoon: `=AND(ISNUMBER(${due}),${due}>=TODAY(),${due}-TODAY()<=${DUE_SOON_DAYS},${open})`,
  };
}
