import type { ServiceTeam } from "../plan/roles";
import type { SheetCells } from "../plan/sheet-cells";
import type { Template } from "../plan/template";
import { planTemplateUpdate, type TemplateUpdate, UpdateNotPossible } from "../plan/update-plan";
import { checkTeam, describeProblems } from "../plan/validate";
import { PlanError, type UpdateChange, type UpdatePreview } from "./types";
import type { PlanOnSheet } from "./view";

/**
 * Preparing an update of a plan in place (a new service team, a newer template): what it will change, in words
 * for the preview, and what the adapter is to write. Pure: the plan's cells as read in, nothing queued.
 */

/** The team after the change, checked by the same rules as a new plan's team. */
function newTeam(loaded: PlanOnSheet, change: UpdateChange, template: Template): ServiceTeam {
  if (!change.team) return loaded.plan.team;
  // A team typed for the template the plan moves to, or for the plan's own roles.
  const checked = checkTeam(change.team, change.upgradeTemplate ? template.roles : loaded.plan.roles);
  if (!checked.ok) throw new PlanError(describeProblems(checked.problems), checked.problems);
  return checked.value;
}

function needsRebuild(loaded: PlanOnSheet, change: UpdateChange, template: Template): boolean {
  if (!change.upgradeTemplate) return false;
  if (loaded.plan.templateVersion !== template.version || loaded.plan.templateName !== template.name) return true;
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

/** An update worked out and put in words, ready to be shown as a preview or written. */
export interface PreparedUpdate {
  /** The service team after the update. */
  team: ServiceTeam;
  /** Present when the table is rebuilt from the template. */
  rebuild?: TemplateUpdate;
  preview: UpdatePreview;
}

/** What an update will do, in words for the preview, and what to write. */
export function prepareUpdate(
  loaded: PlanOnSheet,
  sheet: SheetCells,
  change: UpdateChange,
  template: Template,
): PreparedUpdate {
  const { plan } = loaded;
  const team = newTeam(loaded, change, template);
  const changes: string[] = [];
  for (const role of new Set([...plan.roles, ...Object.keys(team)])) {
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
  if (!needsRebuild(loaded, change, template)) {
    return {
      team,
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
    plan.templateName === template.name
      ? `Template version ${plan.templateVersion} → ${template.version}: the table follows the template's order.`
      : `Template “${plan.templateName}” version ${plan.templateVersion} → “${template.name}” version ${template.version}: the table follows the template's order.`,
  );
  for (const { from, to } of rebuild.reworded) changes.push(`“${from}” now reads “${to}”.`);
  for (const phase of rebuild.retimed) changes.push(`${phase}: Opens and Due follow the template's new timing.`);
  for (const { from, to } of rebuild.renamedRoles) changes.push(`The role ${from} is now called ${to}.`);
  for (const { role, person } of rebuild.droppedFromTeam) {
    changes.push(`${person} leaves the service team: the template no longer has the role ${role}.`);
  }
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
