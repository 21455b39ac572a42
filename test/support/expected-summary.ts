import { type CalendarDate, parseIsoDate, toIsoDate } from "../../src/plan/dates";
import { fromExcelSerial, toExcelSerial } from "../../src/plan/excel-dates";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import type { SummaryFigure } from "../../src/plan/sheet-layout";

/**
 * A plan sheet's summary figures (SUMMARY in sheet-layout.ts) worked out in TypeScript from the sheet's values
 * by the pane's reading (readPlanSheet and its taskState, the rule the colors use), with nothing taken from
 * the summary formulas: what those formulas must show, in any engine that computed the sheet.
 */
export function expectedSummary(sheetValues: CellData[][], today: CalendarDate): Record<SummaryFigure, unknown> {
  const read = readPlanSheet(sheetValues, today);
  const hasDates = [read.bindCell, read.renewalCell].every((cell) => typeof cell === "number");
  const tracked = read.rows.filter((row) => row.statusText !== "");
  const open = tracked.filter((row) => row.state !== "done" && row.state !== "n/a");
  const done = tracked.filter((row) => row.state === "done").length;
  const dated = open.filter((row) => row.due !== null).sort((a, b) => (a.due! < b.due! ? -1 : 1));
  const nextDue = hasDates && dated.length > 0 ? dated[0].due! : null;
  const nextRow = open.find((row) => row.due === nextDue);
  const todayIso = toIsoDate(today);
  // The phase whose due date comes next: the first row carrying a phase and the earliest due date from today.
  const phaseDue = read.rows
    .filter((row) => row.phase !== "" && row.due !== null && row.due >= todayIso)
    .map((row) => row.due!)
    .sort()[0];
  const renewal = typeof read.renewalCell === "number" ? toIsoDate(fromExcelSerial(read.renewalCell)) : "";
  return {
    open: open.length,
    overdue: hasDates ? open.filter((row) => row.state === "overdue").length : "",
    dueSoon: hasDates ? open.filter((row) => row.state === "due-soon").length : "",
    done,
    nextDue: nextDue ? toExcelSerial(parseIsoDate(nextDue)!) : "",
    nextTask: nextRow?.task ?? "",
    phase: !hasDates
      ? ""
      : phaseDue
        ? read.rows.find((row) => row.due === phaseDue)!.phase
        : todayIso > renewal
          ? "Past renewal"
          : "Renewal",
  };
}
