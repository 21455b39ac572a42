import { type CalendarDate, toIsoDate } from "./dates";
import { toExcelSerial } from "./excel-dates";
import type { SheetPlan, SheetRow } from "./read-sheet";
import type { PlanRow } from "./sheet-types";
import { address, COLUMN } from "./sheet-layout";
import { type CellWrite, textCell } from "./sheet-patch";
import { completedOnAfter, STATUS } from "./status";

/**
 * Telling a person's status change from a replayed event or the add-in's own echo, and what a change writes.
 * Pure: the adapter keeps a baseline per plan sheet and records what changed against it.
 */

/** What the add-in last saw of a plan's statuses: row id -> status text as read. */
export type StatusBaseline = Map<string, string>;

/** One task's (or sub-item's) status moving from one text to another. */
export interface StatusChange {
  row: SheetRow;
  from: string;
  to: string;
}

/** The baseline of a plan as read: every row with an id but the phase rows. */
export function statusBaseline(plan: Pick<SheetPlan, "rows">): StatusBaseline {
  return new Map(plan.rows.filter((r) => r.id && r.kind !== "phase").map((r) => [r.id, r.statusText]));
}

/** The baseline of a plan just written: every task Not started, sub-items blank. */
export function newPlanBaseline(rows: readonly PlanRow[]): StatusBaseline {
  return new Map(rows.filter((r) => r.kind !== "phase").map((r) => [r.id, r.kind === "task" ? STATUS.notStarted : ""]));
}

/** The rows whose status differs from the baseline; a row the baseline does not know is not a change. */
export function changesSince(baseline: StatusBaseline | undefined, plan: SheetPlan): StatusChange[] {
  if (!baseline) return [];
  return plan.rows
    .filter((row) => row.id && row.kind !== "phase" && baseline.has(row.id))
    .filter((row) => baseline.get(row.id) !== row.statusText)
    .map((row) => ({ row, from: baseline.get(row.id) ?? "", to: row.statusText }));
}

/**
 * The cells a set of status changes writes on the plan sheet: the status itself when the change comes from the
 * pane (`setStatus`), and Completed on as completedOnAfter says (stamped with `today`, or cleared).
 */
export function statusPatch(changes: readonly StatusChange[], today: CalendarDate, setStatus: boolean): CellWrite[] {
  const patch: CellWrite[] = [];
  for (const { row, from, to } of changes) {
    if (setStatus) patch.push({ address: address(row.row, COLUMN.status), value: textCell(to) });
    const effect = completedOnAfter(from, to, row.completedOn);
    if (effect === "keep") continue;
    patch.push({
      address: address(row.row, COLUMN.completedOn),
      value: effect === "stamp" ? { kind: "number", value: toExcelSerial(today) } : { kind: "empty" },
    });
  }
  return patch;
}

/**
 * The plan as it reads once `changes` are written (see statusPatch): Completed on stamped with `today` or cleared,
 * so what was read before the writes need not be read again.
 */
export function planAfterChanges(plan: SheetPlan, changes: readonly StatusChange[], today: CalendarDate): SheetPlan {
  const effects = new Map(changes.map(({ row, from, to }) => [row, completedOnAfter(from, to, row.completedOn)]));
  if ([...effects.values()].every((effect) => effect === "keep")) return plan;
  return {
    ...plan,
    rows: plan.rows.map((row) => {
      const effect = effects.get(row) ?? "keep";
      if (effect === "keep") return row;
      return { ...row, completedOn: effect === "stamp" ? toIsoDate(today) : null };
    }),
  };
}
