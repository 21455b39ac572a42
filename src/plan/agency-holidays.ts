import { compareDates, parseIsoDate, toIsoDate } from "./dates";
import { EXCEL_DATE_RANGE, excelSerialToIso, toExcelSerial } from "./excel-dates";
import type { CellData } from "./read-sheet";
import { HOLIDAY_SLOTS } from "./sheet-layout";
import { planSheetName } from "./sheet-name";
import { tablePrintSetup } from "./sheet-print";
import { COLORS, DATE_FORMAT, TEXT_FORMAT } from "./sheet-style";
import { createGrid, type SheetDescription, text } from "./sheet-types";
import type { TemplateProblem } from "./template-read";
import { cleanText } from "./validate";

/**
 * The agency's holidays, kept with its templates on an "Agency holidays" sheet of the templates workbook: one
 * a row (date and name), any number of years. A new plan's form is offered the ones within the plan's term
 * (`holidaysWithinTerm`); a plan may still differ, since each plan sheet keeps its own.
 */

export interface AgencyHoliday {
  /** ISO "YYYY-MM-DD". */
  date: string;
  name: string;
}

export const HOLIDAYS_SHEET_NAME = "Agency holidays";
export const HOLIDAYS_MARKER = "client-service-plan-holidays";

export const HOLIDAYS_LAYOUT = {
  headerRow: 4,
  firstDataRow: 5,
  date: 1,
  name: 2,
  /** A hidden column: the marker in its first row. */
  marker: { row: 1, column: 3 },
  /** The date validation reaches this many rows below the list, for holidays added later. */
  roomBelow: 200,
} as const;

export function isHolidaysSheet(markerCell: unknown): boolean {
  return markerCell === HOLIDAYS_MARKER;
}

/** The holidays sheet of `holidays`, in date order, for either writer. */
export function describeHolidaysSheet(
  holidays: readonly AgencyHoliday[],
  options: { existingSheetNames?: readonly string[] } = {},
): Omit<SheetDescription, "planId" | "templateVersion" | "rows"> {
  const { headerRow, firstDataRow } = HOLIDAYS_LAYOUT;
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const grid = createGrid(headerRow + sorted.length, HOLIDAYS_LAYOUT.marker.column);
  grid.put(1, 1, text(HOLIDAYS_SHEET_NAME));
  grid.style("A1", { bold: true, fontSize: 16, fontColor: COLORS.title });
  grid.put(
    2,
    1,
    text("One holiday a row, any years. A new plan offers those within its term; its due dates skip them."),
  );
  grid.style("A2", { italic: true, fontColor: COLORS.muted });
  grid.put(headerRow, HOLIDAYS_LAYOUT.date, text("Date"));
  grid.put(headerRow, HOLIDAYS_LAYOUT.name, text("Holiday"));
  grid.style(`A${headerRow}:B${headerRow}`, { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont });
  grid.put(HOLIDAYS_LAYOUT.marker.row, HOLIDAYS_LAYOUT.marker.column, text(HOLIDAYS_MARKER));
  sorted.forEach((holiday, index) => {
    const date = parseIsoDate(holiday.date);
    if (!date) throw new RangeError(`Not a date: ${holiday.date}`);
    grid.put(firstDataRow + index, HOLIDAYS_LAYOUT.date, { kind: "number", value: toExcelSerial(date) });
    grid.put(firstDataRow + index, HOLIDAYS_LAYOUT.name, text(holiday.name));
  });
  const lastValidated = firstDataRow + sorted.length + HOLIDAYS_LAYOUT.roomBelow;
  grid.style(`A${firstDataRow}:A${lastValidated}`, {
    numberFormat: DATE_FORMAT,
    fill: COLORS.inputFill,
    horizontal: "left",
  });
  grid.style(`B${firstDataRow}:B${lastValidated}`, { numberFormat: TEXT_FORMAT });
  const lastRow = Math.max(headerRow, firstDataRow + sorted.length - 1);
  return {
    name: planSheetName(HOLIDAYS_SHEET_NAME, options.existingSheetNames ?? []),
    cells: grid.cells,
    columns: [
      { width: 16, hidden: false },
      { width: 34, hidden: false },
      { width: 10, hidden: true },
    ],
    styles: grid.styles,
    validations: [
      {
        range: `A${firstDataRow}:A${lastValidated}`,
        rule: { kind: "date", ...EXCEL_DATE_RANGE },
        errorTitle: "Holiday",
        errorMessage: "Type a date, e.g. 2027-12-24.",
      },
    ],
    conditionalFormats: [],
    rowGroups: [],
    outlineSummaryBelow: true,
    freezeRows: headerRow,
    autoFilter: "",
    print: tablePrintSetup(`A1:B${lastRow}`, headerRow, { left: HOLIDAYS_SHEET_NAME, center: "", right: "" }),
    rowHeights: [],
  };
}

/** Reads the holidays sheet's cells (from A1): the holidays in date order, each once, or what to fix, row by row. */
export function readHolidaysSheet(values: CellData[][]): { holidays: AgencyHoliday[]; problems: TemplateProblem[] } {
  const byDate = new Map<string, AgencyHoliday>();
  const problems: TemplateProblem[] = [];
  for (let row = HOLIDAYS_LAYOUT.firstDataRow; row <= values.length; row++) {
    const dateCell = values[row - 1]?.[HOLIDAYS_LAYOUT.date - 1];
    const nameCell = values[row - 1]?.[HOLIDAYS_LAYOUT.name - 1];
    const name = nameCell === null || nameCell === undefined ? "" : cleanText(String(nameCell));
    const blank = dateCell === null || dateCell === undefined || (typeof dateCell === "string" && !dateCell.trim());
    if (blank) {
      if (name) {
        problems.push({
          row,
          field: "holidays",
          cell: `A${row}`,
          message: `"${name}" has no date: type its date, or delete the row.`,
        });
      }
      continue;
    }
    const iso =
      typeof dateCell === "number"
        ? excelSerialToIso(dateCell)
        : (() => {
            const parsed = parseIsoDate(String(dateCell).trim());
            return parsed ? toIsoDate(parsed) : null;
          })();
    if (!iso) {
      problems.push({
        row,
        field: "holidays",
        cell: `A${row}`,
        message: `"${String(dateCell).trim()}" is not a date: type it as a date, e.g. 2027-12-24.`,
      });
      continue;
    }
    if (!byDate.has(iso)) byDate.set(iso, { date: iso, name });
  }
  return { holidays: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), problems };
}

/** The holidays of each year, years in order. */
export function holidaysByYear(holidays: readonly AgencyHoliday[]): Map<number, AgencyHoliday[]> {
  const years = new Map<number, AgencyHoliday[]>();
  for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    const year = Number(holiday.date.slice(0, 4));
    years.set(year, [...(years.get(year) ?? []), holiday]);
  }
  return years;
}

/**
 * The holidays a new plan from `bind` to `renewal` (ISO) starts with: those within its term, in date order, at
 * most as many as a plan sheet holds (the earliest).
 */
export function holidaysWithinTerm(holidays: readonly AgencyHoliday[], bind: string, renewal: string): string[] {
  const from = parseIsoDate(bind);
  const to = parseIsoDate(renewal);
  if (!from || !to) return [];
  return holidays
    .map((holiday) => holiday.date)
    .filter((date) => {
      const day = parseIsoDate(date);
      return day !== null && compareDates(day, from) >= 0 && compareDates(day, to) <= 0;
    })
    .sort()
    .slice(0, HOLIDAY_SLOTS);
}
