import type { CellData } from "./read-sheet";
import { SUMMARY } from "./sheet-layout";

/**
 * The summary figures a plan sheet computes for itself (SUMMARY in sheet-layout.ts, formulas in
 * sheet-summary.ts), read back from the sheet's values: what the plan list shows without reading task rows.
 * Pure, like read-sheet.ts.
 */
export interface SummaryFigures {
  open: number;
  done: number;
  /** Null while the Bind or Renewal cell holds no date (the formulas then show ""). */
  overdue: number | null;
  dueSoon: number | null;
  /** The earliest due date of an open task, as an Excel serial, or null. */
  nextDue: number | null;
}

const isCount = (value: CellData): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;

/**
 * The figures in `values` (from A1, through the summary row), or null when the sheet holds none that can be
 * trusted: written before the summary existed, or its formulas overwritten or broken (#REF!). The caller then
 * reads the plan's rows instead.
 */
export function readSummaryFigures(values: readonly (readonly CellData[])[]): SummaryFigures | null {
  const at = (figure: "open" | "done" | "overdue" | "dueSoon" | "nextDue"): CellData =>
    values[SUMMARY[figure].row - 1]?.[SUMMARY[figure].column - 1];
  const open = at("open");
  const done = at("done");
  if (!isCount(open) || !isCount(done)) return null;
  const dated = (value: CellData): number | null | undefined =>
    value === "" ? null : isCount(value) ? value : undefined;
  const overdue = dated(at("overdue"));
  const dueSoon = dated(at("dueSoon"));
  const nextDue = at("nextDue");
  if (overdue === undefined || dueSoon === undefined) return null;
  if (nextDue !== "" && typeof nextDue !== "number") return null;
  return { open, done, overdue, dueSoon, nextDue: nextDue === "" ? null : nextDue };
}
