import { parseIsoDate, toExcelSerial, fromExcelSerial, toIsoDate } from "../plan/dates";
import type { SheetPlan, SheetRow } from "../plan/read-sheet";
import { ROLES, type ServiceTeam } from "../plan/roles";
import {
  DATE_FORMAT,
  describePlanSheet,
  TEXT_FORMAT,
  type ExtraRow,
  type RowEntry,
  type SheetDescription,
} from "../plan/sheet";
import { milestoneFormula } from "../plan/sheet-formulas";
import { address, COLUMN, LAYOUT, teamCells } from "../plan/sheet-layout";
import { phaseWindow, type Template } from "../plan/template";
import { checkTeam, describeProblems, type PlanInputs } from "../plan/validate";
import { needsTextPrefix, queuePlanSheet } from "./sheet-writer";
import { PlanError, type RepairCell, type UpdateChange, type UpdatePreview } from "./types";

/**
 * Updating a plan in place (a new service team, a newer template) and repairing its date formulas. The
 * planning is pure; the queue functions only queue writes for the caller's single sync.
 */

interface Loaded {
  sheetId: string;
  sheetName: string;
  plan: SheetPlan;
}

const DEFAULT_STATUS = "Not started";

/** Did a person enter anything on this row that an update must keep? */
function hasEntries(row: SheetRow): boolean {
  const statusEntered =
    row.kind === "task" ? row.statusText !== "" && row.statusText !== DEFAULT_STATUS : row.statusText !== "";
  return statusEntered || row.completedOn !== null || row.notes !== "";
}

function templateIds(template: Template): Set<string> {
  return new Set(
    template.phases.flatMap((phase) => [phase.id, ...phase.tasks.flatMap((t) => [t.id, ...t.items.map((i) => i.id)])]),
  );
}

function templateTaskTexts(template: Template): Map<string, string> {
  return new Map(template.phases.flatMap((phase) => phase.tasks.map((t) => [t.id, t.text] as const)));
}

function needsRebuild(loaded: Loaded, change: UpdateChange, template: Template): boolean {
  if (!change.upgradeTemplate) return false;
  if (loaded.plan.templateVersion !== template.version) return true;
  const onSheet = new Set(loaded.plan.rows.filter((r) => r.kind !== "added").map((r) => r.id));
  const ids = templateIds(template);
  return onSheet.size !== ids.size || [...ids].some((id) => !onSheet.has(id));
}

/** The team after the change, checked by the same rules as a new plan's team. */
function newTeam(loaded: Loaded, change: UpdateChange): ServiceTeam {
  if (!change.team) return loaded.plan.team;
  const checked = checkTeam(change.team);
  if (!checked.ok) throw new PlanError(describeProblems(checked.problems), checked.problems);
  return checked.value;
}

export function planUpdate(loaded: Loaded, change: UpdateChange, template: Template): UpdatePreview {
  const { plan } = loaded;
  const changes: string[] = [];
  const team = newTeam(loaded, change);
  for (const role of ROLES) {
    const before = plan.team[role] ?? "";
    const after = team[role] ?? "";
    if (before !== after) changes.push(`${role}: ${before || "(nobody)"} → ${after || "(nobody)"}`);
  }
  const rebuild = needsRebuild(loaded, change, template);
  const ids = templateIds(template);
  const onSheet = new Set(plan.rows.map((r) => r.id));
  const texts = templateTaskTexts(template);
  const addedTasks = rebuild ? [...texts].filter(([id]) => !onSheet.has(id)).map(([, text]) => text) : [];
  const removed = rebuild ? plan.rows.filter((r) => r.kind === "task" && !ids.has(r.id)) : [];
  if (rebuild) {
    changes.push(
      `Template version ${plan.templateVersion} → ${template.version}: rows rebuilt in the template's order.`,
    );
    const kept = removed.filter(hasEntries).length;
    if (kept > 0) changes.push(`${kept} retired task(s) with entries are kept at the end of the table.`);
  }
  return {
    sheetId: loaded.sheetId,
    changes,
    keptEntries: plan.rows.filter((r) => r.kind !== "phase" && hasEntries(r)).length,
    addedTasks,
    removedTasks: removed.map((r) => r.task),
  };
}

export interface UpdatePlan {
  team: ServiceTeam;
  /** Present when the table is rebuilt from the template. */
  description?: SheetDescription;
  /** Rows of the sheet before the rebuild, deleted and rewritten. */
  oldLastRow: number;
}

function entryOf(row: SheetRow): RowEntry {
  const completed = row.completedOn ? parseIsoDate(row.completedOn) : null;
  return { statusText: row.statusText, completedOn: completed ? toExcelSerial(completed) : null, notes: row.notes };
}

/** What to write: team cells only, or the whole table rebuilt with every entry carried over by id. */
export function applyUpdatePlan(
  loaded: Loaded,
  change: UpdateChange,
  template: Template,
  renewalFollowsBind: boolean,
): UpdatePlan {
  const { plan } = loaded;
  const team = newTeam(loaded, change);
  const oldLastRow = plan.rows.length ? plan.rows[plan.rows.length - 1].row : LAYOUT.firstDataRow;
  if (!needsRebuild(loaded, change, template)) return { team, oldLastRow };

  const bind = plan.bind ? parseIsoDate(plan.bind) : null;
  const renewal = plan.renewal ? parseIsoDate(plan.renewal) : null;
  if (!bind || !renewal || plan.problems.length > 0) {
    throw new PlanError(
      `Fix the plan's dates before updating its template: ${plan.problems.map((p) => p.message).join(" ") || "the Bind or Renewal cell holds no date."}`,
    );
  }
  const inputs: PlanInputs = {
    client: plan.client,
    bind,
    renewal,
    renewalFollowsBind,
    team,
    holidays: plan.holidays.map((h) => parseIsoDate(h)).filter((d): d is NonNullable<typeof d> => d !== null),
  };
  const ids = templateIds(template);
  const entries = new Map(plan.rows.filter((r) => r.kind !== "phase" && ids.has(r.id)).map((r) => [r.id, entryOf(r)]));
  const serial = (iso: string | null) => {
    const date = iso ? parseIsoDate(iso) : null;
    return date ? toExcelSerial(date) : null;
  };
  // People's own rows, and retired template rows that hold entries, move to the end of the table.
  const extraRows: ExtraRow[] = plan.rows
    .filter((r) => r.kind === "added" || (r.kind !== "phase" && !ids.has(r.id) && hasEntries(r)))
    .map((r) => ({
      ...entryOf(r),
      id: r.id,
      phase: r.kind === "added" ? r.phase : `${r.phase} (retired)`,
      task: r.task,
      owner: r.owners,
      assignedTo: r.assignedTo,
      opens: serial(r.opens),
      due: serial(r.due),
    }));
  const description = describePlanSheet(template, inputs, {
    planId: plan.planId,
    existingSheetNames: [],
    entries,
    extraRows,
  });
  return { team, description: { ...description, name: loaded.sheetName }, oldLastRow };
}

export function queueUpdate(sheet: Excel.Worksheet, plan: UpdatePlan): void {
  if (plan.description) {
    // Rows go with their outline groups, validations and conditional formats; the description writes them anew.
    sheet
      .getRange(`${LAYOUT.firstDataRow}:${Math.max(plan.oldLastRow, LAYOUT.firstDataRow)}`)
      .delete(Excel.DeleteShiftDirection.up);
    queuePlanSheet(sheet, plan.description);
    return;
  }
  for (const role of ROLES) {
    const cell = teamCells(role);
    const target = sheet.getRange(address(cell.row, cell.nameColumn));
    target.numberFormat = [[TEXT_FORMAT]];
    const person = (plan.team[role] ?? "").trim();
    target.values = [[needsTextPrefix(person) ? `'${person}` : person]];
  }
}

const normalize = (formula: string) => formula.replace(/\s+/g, "").toUpperCase();

function describeFound(value: unknown): string {
  if (value === "" || value === null || value === undefined) return "(empty)";
  if (typeof value === "number")
    return value >= 61 ? `${toIsoDate(fromExcelSerial(value))} typed over the formula` : String(value);
  if (typeof value === "string" && value.startsWith("="))
    return value.includes("#REF!") ? "a formula broken by deleted cells (#REF!)" : `a different formula: ${value}`;
  return `"${String(value)}" typed over the formula`;
}

/** Opens/Due cells on template rows whose formula was overwritten, broken or changed. */
export function planRepair(plan: SheetPlan, formulas: unknown[][], template: Template): RepairCell[] {
  const phases = new Set(template.phases.map((p) => p.id));
  const cells: RepairCell[] = [];
  for (const row of plan.rows) {
    if (row.kind !== "phase" && row.kind !== "task") continue;
    const phaseId = row.id.split(".")[0];
    if (!phases.has(phaseId)) continue;
    const window = phaseWindow(template, phaseId);
    for (const [column, milestone, label] of [
      [COLUMN.opens, window.opens, "Opens"],
      [COLUMN.due, window.due, "Due"],
    ] as const) {
      const found = formulas[row.row - 1]?.[column - 1];
      const expected = milestoneFormula(milestone);
      if (typeof found === "string" && normalize(found) === normalize(expected)) continue;
      cells.push({
        address: address(row.row, column),
        taskId: row.id,
        task: row.task,
        column: label,
        found: describeFound(found),
      });
    }
  }
  return cells;
}

export function queueRepair(sheet: Excel.Worksheet, cells: RepairCell[], template: Template): void {
  for (const cell of cells) {
    const phaseId = cell.taskId.split(".")[0];
    const window = phaseWindow(template, phaseId);
    const target = sheet.getRange(cell.address);
    // A cell someone formatted as Text would keep the formula as text: dates first.
    target.numberFormat = [[DATE_FORMAT]];
    target.formulas = [[milestoneFormula(cell.column === "Opens" ? window.opens : window.due)]];
  }
}
