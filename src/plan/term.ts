import { type CalendarDate, parseIsoDate, plusMonths, toIsoDate } from "./dates";

/**
 * A policy's term. The renewal date defaults to one year after binding, same day of the month (a 29 February
 * bind renews on 28 February, as Excel's EDATE counts); the sheet's Renewal formula, the input checks and the
 * New plan form all take the rule from here.
 */

/** How many months after binding a policy renews unless a renewal date is given. */
export const TERM_MONTHS = 12;

/** The longest term a plan accepts. */
export const MAX_TERM_YEARS = 3;

/** The renewal date that follows `bind`: one year later, same day of the month. */
export function defaultRenewal(bind: CalendarDate): CalendarDate {
  return plusMonths(bind, TERM_MONTHS);
}

/** The same for ISO text, as a form shows it: "" while `bind` is not a whole date. */
export function defaultRenewalIso(bind: string): string {
  const date = parseIsoDate(bind);
  return date ? toIsoDate(defaultRenewal(date)) : "";
}

/** The last renewal date a plan bound on `bind` accepts. */
export function latestRenewal(bind: CalendarDate): CalendarDate {
  return plusMonths(bind, 12 * MAX_TERM_YEARS);
}
