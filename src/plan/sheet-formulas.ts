import type { Role } from "./roles";
import { DUE_SOON_DAYS } from "./status";
import { address, BIND_REF, COLUMN, columnLetter, LAYOUT, RENEWAL_REF, teamCells } from "./sheet-layout";
import type { Milestone } from "./template";

/**
 * The schedule engine's date rule (see schedule.ts) written as spreadsheet formulas, so a plan sheet keeps
 * its dates right without the add-in: in Excel desktop, on the web, on a Mac and in LibreOffice.
 * Only functions every one of them knows, with no `_xlfn.` prefix needed in a file: IF, AND, ISNUMBER, MIN,
 * MAX, WORKDAY, EDATE, MID.
 */

export function holidaysRef(holidaySlots: number): string {
  const column = LAYOUT.holidaysColumn;
  const first = LAYOUT.holidaysFirstRow;
  return `${address(first, column, true)}:${address(first + holidaySlots - 1, column, true)}`;
}

const BOTH_DATES = `AND(ISNUMBER(${BIND_REF}),ISNUMBER(${RENEWAL_REF}))`;

/**
 * anchor + offset, moved back to the working day on or before it (WORKDAY from the day after, one day back),
 * then kept between the bind and renewal dates. Empty while either date is missing or not a date.
 */
export function milestoneFormula(milestone: Milestone, holidaySlots: number): string {
  const anchor = milestone.anchor === "bind" ? BIND_REF : RENEWAL_REF;
  const dayAfter = milestone.offsetDays + 1;
  const shifted = dayAfter === 0 ? anchor : `${anchor}${dayAfter > 0 ? "+" : ""}${dayAfter}`;
  const workday = `WORKDAY(${shifted},-1,${holidaysRef(holidaySlots)})`;
  return `=IF(${BOTH_DATES},MIN(${RENEWAL_REF},MAX(${BIND_REF},${workday})),"")`;
}

/** Renewal that follows the bind date: one year later, same day of month (EDATE keeps Feb 29 -> Feb 28). */
export const RENEWAL_FOLLOWS_BIND_FORMULA = `=IF(ISNUMBER(${BIND_REF}),EDATE(${BIND_REF},12),"")`;

export const TERM_FORMULA = `=IF(${BOTH_DATES},${RENEWAL_REF}-${BIND_REF},"")`;

/** The people named for the owner roles, joined with commas, skipping roles nobody fills. */
export function assignedToFormula(owners: readonly Role[]): string {
  const parts = owners.map((role) => {
    const cell = teamCells(role);
    const ref = address(cell.row, cell.nameColumn, true);
    return `IF(${ref}="","",", "&${ref})`;
  });
  return `=MID(${parts.join("&")},3,999)`;
}

/** Conditional-format conditions, written for the top-left row of the range they apply to. */
export function statusConditions(
  firstRow: number,
): Record<"done" | "na" | "inProgress" | "overdue" | "dueSoon", string> {
  const status = `$${columnLetter(COLUMN.status)}${firstRow}`;
  const due = `$${columnLetter(COLUMN.due)}${firstRow}`;
  // Only rows someone tracks: a task (its status is never blank) or a row a person gave a status.
  const open = `${status}<>"",${status}<>"Done",${status}<>"N/A"`;
  return {
    done: `=${status}="Done"`,
    na: `=${status}="N/A"`,
    inProgress: `=${status}="In progress"`,
    overdue: `=AND(ISNUMBER(${due}),${due}<TODAY(),${open})`,
    dueSoon: `=AND(ISNUMBER(${due}),${due}>=TODAY(),${due}-TODAY()<=${DUE_SOON_DAYS},${open})`,
  };
}
