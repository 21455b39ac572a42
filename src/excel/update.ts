import type { SheetPlan } from "../plan/read-sheet";
import { ROLES, type ServiceTeam } from "../plan/roles";
import type { SheetDescription } from "../plan/sheet";
import type { SheetCells } from "../plan/sheet-cells";
import { planTemplateUpdate, type TemplateUpdate, UpdateNotPossible } from "../plan/update-plan";
import { address, LAYOUT } from "../plan/sheet-layout";
import { teamPatch } from "../plan/sheet-patch";
import type { Template } from "../plan/template";
import { checkTeam, describeProblems } from "../plan/validate";
import { queueCellWrites, queuePlanCells, queuePlanLayout } from "./sheet-writer";
import { PlanError, type UpdateChange, type UpdatePreview } from "../service/types";

/**
 * Updating a plan in place (a new service team, a newer template) and repairing its date formulas. The
 * planning is pure; the queue functions only queue writes for the caller's single sync, arranged so that the
 * caller can take them back or finish them when Excel rejects the batch part-way (see commit.ts).
 */

interface Loaded {
  sheetId: string;
  sheetName: string;
  plan: SheetPlan;
}

/** The team after the change, checked by the same rules as a new plan's team. */
function newTeam(loaded: Loaded, change: UpdateChange): ServiceTeam {
  if (!change.team) return loaded.plan.team;
  const checked = checkTeam(change.team);
  if (!checked.ok) throw new PlanError(describeProblems(checked.problems), checked.problems);
  return checked.value;
}

function needsRebuild(loaded: Loaded, change: UpdateChange, template: Template): boolean {
  if (!change.upgradeTemplate) return false;
  if (loaded.plan.templateVersion !== template.version) return true;
  const onSheet = new Set(loaded.plan.rows.filter((r) => r.kind !== "added").map((r) => r.id));
  const ids = templateIds(template);
  return onSheet.size !== ids.size || [...ids].some((id) => !onSheet.has(id));
}

function templateIds(template: Template): Set<string> {
  return new Set(
    template.phases.flatMap((phase) => [phase.id, ...phase.tasks.flatMap((t) => [t.id, ...t.items.map((i) => i.id)])]),
  );
}

/** At most `limit` lines, then how many more there are. */
function capped(lines: string[], limit = 8): string[] {
  return lines.length <= limit ? lines : [...lines.slice(0, limit), `… and ${lines.length - limit} more.`];
}

export interface UpdatePlan {
  team: ServiceTeam;
  /** Present when the table is rebuilt from the template. */
  rebuild?: TemplateUpdate;
  /** The last row of the sheet before the rebuild: rows from the table's first row to here are rewritten. */
  oldLastRow: number;
  preview: UpdatePreview;
}

/** What an update will do, in words for the preview, and what to write. Pure: nothing is queued. */
export function planUpdate(loaded: Loaded, sheet: SheetCells, change: UpdateChange, template: Template): UpdatePlan {
  const { plan } = loaded;
  const team = newTeam(loaded, change);
  const changes: string[] = [];
  for (const role of ROLES) {
    const before = plan.team[role] ?? "";
    const after = team[role] ?? "";
    if (before === after) continue;
    changes.push(
      !before
        ? `${after} joins as ${role}.`
        : !after
          ? `${before} is no longer ${role}; nobody is named for it.`
          : `${after} replaces ${before} as ${role}.`,
    );
  }
  if (changes.length > 0) changes.push("Assigned to follows on every task those roles own.");
  const oldLastRow = Math.max(sheet.values.length, LAYOUT.firstDataRow);
  if (!needsRebuild(loaded, change, template)) {
    return {
      team,
      oldLastRow,
      preview: { sheetId: loaded.sheetId, changes, keptEntries: 0, kept: [], addedTasks: [], removedTasks: [] },
    };
  }
  let rebuild: TemplateUpdate;
  try {
    rebuild = planTemplateUpdate(sheet, plan, template, loaded.sheetName, team);
  } catch (error) {
    if (error instanceof UpdateNotPossible) throw new PlanError(error.message);
    throw error;
  }
  changes.push(
    `Template version ${plan.templateVersion} → ${template.version}: the table follows the template's order.`,
  );
  for (const { from, to } of rebuild.reworded) changes.push(`“${from}” now reads “${to}”.`);
  for (const phase of rebuild.retimed) changes.push(`${phase}: Opens and Due follow the template's new timing.`);
  for (const { task, template: wording } of rebuild.rewordedKept) {
    changes.push(`“${task}” keeps the wording on the sheet; the template now reads “${wording}”.`);
  }
  if (rebuild.retiredRows.length > 0) {
    changes.push(
      `${rebuild.retiredRows.length} task(s) the template no longer has move below the table, with their sub-items and everything on them.`,
    );
  }
  const kept = rebuild.kept.map(
    (cell) =>
      `${cell.column} “${cell.value}” on ${cell.taskId ? `“${cell.task}”` : `your own row${cell.task ? ` “${cell.task}”` : ""}`}` +
      (cell.from === cell.to ? ` stays in ${cell.to}.` : ` moves from ${cell.from} to ${cell.to}.`),
  );
  return {
    team,
    rebuild,
    oldLastRow,
    preview: {
      sheetId: loaded.sheetId,
      changes,
      keptEntries: rebuild.kept.length,
      kept: capped(kept),
      addedTasks: rebuild.addedTasks,
      removedTasks: rebuild.retiredRows,
    },
  };
}

/** Where the plan ended before an update: the last row of its cells, and the last row of its table. */
export interface PlanExtent {
  lastRow: number;
  lastTableRow: number;
}

/** The cells a rebuild replaces: the description's columns, down to the old plan's last row or the new one's. */
export function rebuildArea(description: SheetDescription, before: PlanExtent): string {
  return `A1:${address(Math.max(before.lastRow, description.cells.length), description.cells[0].length)}`;
}

/**
 * Queues an update. A new team alone is written into the team cells in place (the caller writes back what they held
 * if the batch fails). A rebuild is written on the scratch sheet `staging` and pasted over the plan's cells in one
 * operation (Range.copyFrom "All": contents, formats, data validation, conditional formats): until that paste
 * nothing of the plan has changed, so a failure only leaves the scratch sheet to remove; after it only the sheet's
 * settings follow (queueRebuildSettings), which can be queued again to finish an update that failed after its paste.
 */
export function queueUpdate(
  workbook: Excel.Workbook,
  sheet: Excel.Worksheet,
  plan: UpdatePlan,
  staging: string,
  before: PlanExtent,
): void {
  if (!plan.rebuild) {
    queueCellWrites(sheet, teamPatch(plan.team));
    return;
  }
  const { description } = plan.rebuild;
  const scratch = workbook.worksheets.add(staging);
  queuePlanCells(scratch, description);
  const area = rebuildArea(description, before);
  sheet.getRange(area).copyFrom(scratch.getRange(area), Excel.RangeCopyType.all);
  queueRebuildSettings(sheet, description, before);
  scratch.delete();
}

/** The outline, AutoFilter, print area and row heights of a rebuilt plan; the old table's groups go first. */
export function queueRebuildSettings(
  sheet: Excel.Worksheet,
  description: SheetDescription,
  before: PlanExtent,
  ungroupOld = true,
): void {
  const lastRow = Math.max(before.lastTableRow, description.rows[description.rows.length - 1].row);
  queuePlanLayout(sheet, description, ungroupOld ? { firstRow: LAYOUT.firstDataRow, lastRow } : undefined);
}
