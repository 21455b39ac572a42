import { STATUS } from "./status";

/** The colors and number formats of a plan sheet. */

export const COLORS = {
  title: "1F3864",
  label: "404040",
  headerFill: "1F3864",
  headerFont: "FFFFFF",
  phaseFill: "D9E1F2",
  inputFill: "FFF9E5",
  muted: "6B6B6B",
  border: "8EA9DB",
} as const;

/** Status colors, shared by the legend and the conditional formats so they always agree. */
export const STATUS_COLORS = {
  done: { label: STATUS.done, fill: "C6EFCE", font: "006100" },
  inProgress: { label: STATUS.inProgress, fill: "DDEBF7", font: "1F4E78" },
  dueSoon: { label: "Due soon", fill: "FFEB9C", font: "9C5700" },
  overdue: { label: "Overdue", fill: "FFC7CE", font: "9C0006" },
  na: { label: STATUS.na, fill: "E7E6E6", font: "595959" },
} as const;

export const DATE_FORMAT = "mmm d, yyyy";
export const TEXT_FORMAT = "@";
/** Shows nothing, whatever the cell holds: for figures and markers other cells and the add-in read. */
export const HIDDEN_FORMAT = ";;;";
export const OVERDUE_ROW_FILL = "FDECEE";
