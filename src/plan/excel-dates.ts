import { UTCDateMini } from "@date-fns/utc/date/mini";
import { type CalendarDate, calendarDate, compareDates, toIsoDate } from "./dates";

/**
 * Excel's dates: the serial numbers a cell holds for a date (1900 date system) and the range of dates Excel can
 * show, 1900-03-01 (serial 61, the first day after Excel's phantom 29 February 1900) to 9999-12-31 (serial
 * 2958465). Every reader, writer and check of a date in a cell uses these.
 */

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/** Excel's date serial (1900 date system): 46402 is 2027-01-15. Valid from 1900-03-01 on. */
export function toExcelSerial(date: CalendarDate): number {
  return Math.round((date.getTime() - EXCEL_EPOCH) / MS_PER_DAY);
}

/** The calendar day of a serial; a time of day (the fraction) is dropped. */
export function fromExcelSerial(serial: number): CalendarDate {
  return new UTCDateMini(EXCEL_EPOCH + Math.floor(serial) * MS_PER_DAY);
}

/** The first and last dates Excel can show. */
export const EXCEL_FIRST_DATE = calendarDate(1900, 3, 1);
export const EXCEL_LAST_DATE = calendarDate(9999, 12, 31);

/** The same range as serials (61 and 2958465) and as ISO text, as a date validation rule states it. */
export const EXCEL_DATE_RANGE = {
  minSerial: toExcelSerial(EXCEL_FIRST_DATE),
  maxSerial: toExcelSerial(EXCEL_LAST_DATE),
  minIso: toIsoDate(EXCEL_FIRST_DATE),
  maxIso: toIsoDate(EXCEL_LAST_DATE),
} as const;

/** Whether `date` is one Excel can show. */
export function isExcelDate(date: CalendarDate): boolean {
  return compareDates(date, EXCEL_FIRST_DATE) >= 0 && compareDates(date, EXCEL_LAST_DATE) <= 0;
}

/** Whether a cell value is a number Excel shows as a date: a serial of any day in range (with or without a time). */
export function isExcelDateSerial(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= EXCEL_DATE_RANGE.minSerial &&
    value < EXCEL_DATE_RANGE.maxSerial + 1
  );
}

/** A cell value as an ISO date when it is a date serial in range, else null. */
export function excelSerialToIso(value: unknown): string | null {
  return isExcelDateSerial(value) ? toIsoDate(fromExcelSerial(value)) : null;
}
