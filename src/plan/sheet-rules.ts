import { EXCEL_DATE_RANGE } from "./excel-dates";
import { statusConditions } from "./sheet-formulas";
import { address, COLUMN, HOLIDAYS_RANGE, LAYOUT, rangeAddress } from "./sheet-layout";
import { COLORS, OVERDUE_ROW_FILL, STATUS_COLORS } from "./sheet-style";
import type { ConditionalFormat, Validation } from "./sheet-types";
import { STATUSES } from "./status";

/**
 * The rules a plan sheet carries for people without the add-in: the status colors (conditional formats, by the
 * rule of status.ts) and what may be typed where (data validation).
 */

/** The status colors of a table from the first data row to `lastTableRow`, in priority order. */
export function statusColorRules(lastTableRow: number): ConditionalFormat[] {
  const first = LAYOUT.firstDataRow;
  const conditions = statusConditions(first);
  const rowRange = rangeAddress(first, 1, lastTableRow, LAYOUT.printColumns);
  const statusRange = rangeAddress(first, COLUMN.status, lastTableRow, COLUMN.status);
  return [
    {
      range: statusRange,
      formula: conditions.done,
      fill: STATUS_COLORS.done.fill,
      fontColor: STATUS_COLORS.done.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.na,
      fill: STATUS_COLORS.na.fill,
      fontColor: STATUS_COLORS.na.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.overdue,
      fill: STATUS_COLORS.overdue.fill,
      fontColor: STATUS_COLORS.overdue.font,
      bold: true,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.dueSoon,
      fill: STATUS_COLORS.dueSoon.fill,
      fontColor: STATUS_COLORS.dueSoon.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.inProgress,
      fill: STATUS_COLORS.inProgress.fill,
      fontColor: STATUS_COLORS.inProgress.font,
      stopIfTrue: true,
    },
    // The whole row reads as done (muted) or overdue (tinted), so a printed page shows it without color on Status alone.
    { range: rowRange, formula: conditions.done, fontColor: COLORS.muted, stopIfTrue: false },
    { range: rowRange, formula: conditions.overdue, fill: OVERDUE_ROW_FILL, stopIfTrue: false },
  ];
}

/** The data validations of a plan sheet whose table ends on `lastTableRow`. */
export function planValidations(lastTableRow: number): Validation[] {
  const first = LAYOUT.firstDataRow;
  const column = (key: keyof typeof COLUMN) => rangeAddress(first, COLUMN[key], lastTableRow, COLUMN[key]);
  const dateValidation = (label: string): Validation => ({
    range: "",
    rule: { kind: "date", ...EXCEL_DATE_RANGE },
    errorTitle: `${label} must be a date`,
    errorMessage: `Type the ${label.toLowerCase()} as a date, e.g. 1/15/2027. The plan's due dates are counted from it.`,
    promptTitle: label,
    promptMessage: "Due dates on this sheet follow this date.",
  });
  return [
    { ...dateValidation("Bind date"), range: address(LAYOUT.bind.row, LAYOUT.bind.column) },
    {
      ...dateValidation("Renewal date"),
      range: address(LAYOUT.renewal.row, LAYOUT.renewal.column),
      promptMessage: "Renewal-timed due dates follow this date. Leave the formula to keep it one year after binding.",
    },
    {
      range: column("status"),
      rule: { kind: "list", values: STATUSES },
      errorTitle: "Pick a status",
      errorMessage: `Status is one of: ${STATUSES.join(", ")}.`,
    },
    {
      range: column("completedOn"),
      rule: { kind: "date", ...EXCEL_DATE_RANGE },
      errorTitle: "Completed on must be a date",
      errorMessage: "Type the day the task was completed, e.g. 3/2/2027.",
    },
    {
      range: HOLIDAYS_RANGE,
      rule: { kind: "date", ...EXCEL_DATE_RANGE },
      errorTitle: "Holidays are dates",
      errorMessage:
        "Type each holiday as a date, e.g. 7/5/2027. Due dates that fall on it move to the working day before.",
    },
  ];
}
