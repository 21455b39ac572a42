import type { UTCDate } from "@date-fns/utc";
// The minimal UTCDate: the same UTC getters and setters, without the full one's formatting methods, whose module
// builds three Intl.DateTimeFormat objects as it loads (a page's first Intl formatter costs 30-100 ms, at every
// start of the pane). Nothing here formats a date through Date's own methods.
import { UTCDateMini } from "@date-fns/utc/date/mini";
// One module each rather than the package's index: the index loads every date-fns function (about 300 files),
// which is most of the command line's start-up time.
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { isValid } from "date-fns/isValid";
import { isWeekend } from "date-fns/isWeekend";

/**
 * Calendar dates. A plan deals in days, never in instants: every date is a UTCDate at midnight UTC and all
 * arithmetic happens in UTC, so the machine's time zone can never move a date.
 */
export type CalendarDate = UTCDate;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const date = new UTCDateMini(0);
  // Not Date.UTC, which reads years 0-99 as 1900-1999: year 0 must stay year 0 to be reported as out of range.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** 28 to 31, by the proleptic Gregorian calendar (as Excel and ISO 8601 count). */
export function daysInMonth(year: number, month: number): number {
  return calendarDate(year, month + 1, 0).getUTCDate();
}

/** Parses "YYYY-MM-DD"; returns null for anything else, including impossible dates such as 2027-02-30. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = calendarDate(year, month, day);
  if (
    !isValid(date) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return date;
}

export function toIsoDate(date: CalendarDate): string {
  return date.toISOString().slice(0, 10);
}

export function plusDays(date: CalendarDate, days: number): CalendarDate {
  return addDays(date, days);
}

/** Same day of month so many months later; the 29th of February falls back to the 28th (as Excel's EDATE). */
export function plusMonths(date: CalendarDate, months: number): CalendarDate {
  return addMonths(date, months);
}

/** The date itself when it is a working day, otherwise the nearest working day before it. */
export function onOrBeforeWorkday(date: CalendarDate, holidays: ReadonlySet<string>): CalendarDate {
  let day = date;
  while (isWeekend(day) || holidays.has(toIsoDate(day))) day = addDays(day, -1);
  return day;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.getTime() - b.getTime();
}

/** The calendar day `when` falls on by the machine's clock: the person's own "today". */
export function localDay(when: Date): CalendarDate {
  return calendarDate(when.getFullYear(), when.getMonth() + 1, when.getDate());
}
