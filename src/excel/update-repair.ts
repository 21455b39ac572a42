import { planRepair } from "../plan/repair-plan";
import type { SheetDescription } from "../plan/sheet-types";
import { address, COLUMN, LAYOUT, rangeAddress } from "../plan/sheet-layout";
import { patchAddresses, repairPatch, teamPatch } from "../plan/sheet-patch";
import type { Template } from "../plan/template";
import { describeProblems } from "../plan/validate";
import { type PreparedUpdate, prepareUpdate } from "../service/prepare-update";
import { templateForPlan, templateOfPlan } from "../service/templates-view";
import { PlanError } from "../service/types";
import type { PlanOnSheet } from "../service/view";
import type { RepairPreview, UpdateChange, UpdatePreview } from "../service/types";
import { type CellsBefore, commit, queueRestore, stagingName } from "./commit";
import { TEMPLATE_VERSION_PROPERTY } from "./create";
import { type KeptFilter, keptFilter, queueFilterCleared, queueFilterRead, queueFilterRestored } from "./filter";
import { loadPlanCells } from "./read";
import { runExplained, type Session } from "./session";
import { readWorkbookTemplates } from "./templates";
import { renderCellWrites, renderPlanCells, renderPlanLayout } from "./sheet-writer";

/**
 * Changing a plan in place: a new service team, a newer template (src/service/prepare-update.ts works out what and
 * says it in words), and repaired date formulas (src/plan/repair-plan.ts). Previews read only; each change is one
 * batch that lands whole or is taken back (see commit.ts).
 */

/**
 * Where the plan ended before an update: the last row of its cells, and the last row of its table; and the
 * person's filter over the table, cleared for the paste and applied again after it (filter.ts).
 */
interface PlanExtent {
  lastRow: number;
  lastTableRow: number;
  filter: KeptFilter;
}

/** The table's filter range before the update (as sheet.ts lays it out), for putting a filter back there. */
function oldFilterRange(before: PlanExtent): string {
  return rangeAddress(LAYOUT.headerRow, 1, before.lastTableRow, COLUMN.id);
}

/** The cells a rebuild replaces: the description's columns, down to the old plan's last row or the new one's. */
function rebuildArea(description: SheetDescription, before: PlanExtent): string {
  return `A1:${address(Math.max(before.lastRow, description.cells.length), description.cells[0].length)}`;
}

/** The outline, AutoFilter, print area and row heights of a rebuilt plan; the old table's groups go first. */
function queueRebuildSettings(
  sheet: Excel.Worksheet,
  description: SheetDescription,
  before: PlanExtent,
  ungroupOld = true,
): void {
  const lastRow = Math.max(before.lastTableRow, description.rows[description.rows.length - 1].row);
  renderPlanLayout(sheet, description, ungroupOld ? { firstRow: LAYOUT.firstDataRow, lastRow } : undefined);
  queueFilterRestored(sheet, description.autoFilter, before.filter);
}

/** The template version a rebuilt plan now follows, in the sheet's custom property. */
function queueVersion(sheet: Excel.Worksheet, description: SheetDescription): void {
  sheet.customProperties.add(TEMPLATE_VERSION_PROPERTY, String(description.templateVersion));
}

/**
 * Queues an update. A new team alone is written into the team cells in place (the caller writes back what they held
 * if the batch fails). A rebuild is written on the scratch sheet `staging` and pasted over the plan's cells in one
 * operation (Range.copyFrom "All": contents, formats, data validation, conditional formats): until that paste
 * nothing of the plan has changed, so a failure only leaves the scratch sheet to remove; after it only the sheet's
 * settings follow (queueRebuildSettings), which can be queued again to finish an update that failed after its paste.
 */
function queueUpdate(
  workbook: Excel.Workbook,
  sheet: Excel.Worksheet,
  update: PreparedUpdate,
  staging: string,
  before: PlanExtent,
): void {
  if (!update.rebuild) {
    renderCellWrites(sheet, teamPatch(update.team));
    return;
  }
  const { description } = update.rebuild;
  const scratch = workbook.worksheets.add(staging);
  renderPlanCells(scratch, description);
  const area = rebuildArea(description, before);
  // Every row shown first: a paste leaves filtered rows hidden whatever they then hold (office-js #224).
  queueFilterCleared(sheet, before.filter);
  sheet.getRange(area).copyFrom(scratch.getRange(area), Excel.RangeCopyType.all);
  queueRebuildSettings(sheet, description, before);
  scratch.delete();
  queueVersion(sheet, description);
}

/**
 * After a failed update: a team update is written back; a rebuild whose paste had not landed leaves only the
 * scratch sheet to remove, one whose paste landed (cells unlike those read before) is finished instead.
 */
async function recoverUpdate(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  update: PreparedUpdate,
  cells: CellsBefore,
  staging: string,
  before: PlanExtent,
): Promise<"undone" | "completed"> {
  const description = update.rebuild?.description;
  if (!description) {
    queueRestore(sheet, patchAddresses(teamPatch(update.team)), cells);
    await context.sync();
    return "undone";
  }
  const area = sheet.getRange(rebuildArea(description, before));
  area.load("formulas");
  const scratch = context.workbook.worksheets.getItemOrNullObject(staging);
  scratch.load("name");
  await context.sync();
  const landed = area.formulas.some((line, r) => line.some((formula, c) => formula !== (cells.formulas[r]?.[c] ?? "")));
  if (!scratch.isNullObject) scratch.delete();
  if (!landed) {
    // The criteria may have been cleared before the paste failed: the person's filter goes back as it was.
    queueFilterRestored(sheet, oldFilterRange(before), before.filter);
    await context.sync();
    return "undone";
  }
  queueVersion(sheet, description);
  queueRebuildSettings(sheet, description, before);
  // Ungrouping rows that have no groups (a person removed them) may be what failed: then leave it out.
  await context.sync().catch(() => {
    queueVersion(sheet, description);
    queueRebuildSettings(sheet, description, before, false);
    return context.sync();
  });
  return "completed";
}

/**
 * The template an update works with: for a move to a newer template, the workbook's template of the plan's own
 * name (read and checked now; refused while it has problems), else the add-in's own.
 */
async function updateTemplate(
  context: Excel.RequestContext,
  session: Session,
  loaded: PlanOnSheet,
  change: UpdateChange,
): Promise<Template> {
  if (!change.upgradeTemplate) return session.template;
  const chosen = templateForPlan(await readWorkbookTemplates(context), session.template, loaded.plan.templateName);
  if (!chosen.ok) throw new PlanError(describeProblems(chosen.problems), chosen.problems);
  return chosen.template;
}

/** The template the plan was made from, at its version, for repairing its formulas (templateOfPlan). */
async function repairTemplate(context: Excel.RequestContext, session: Session, loaded: PlanOnSheet): Promise<Template> {
  const chosen = templateOfPlan(await readWorkbookTemplates(context), session.template, loaded.plan);
  if (!chosen.ok) throw new PlanError(describeProblems(chosen.problems), chosen.problems);
  return chosen.template;
}

export function previewUpdate(session: Session, sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
  return runExplained("Preparing the update", async (context) => {
    const { loaded, cells } = await loadPlanCells(context, session, sheetId, "values,formulas");
    const template = await updateTemplate(context, session, loaded, change);
    return prepareUpdate(loaded, cells, change, template).preview;
  });
}

export function applyUpdate(session: Session, sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
  const unchanged = "The sheet was not changed.";
  return runExplained(
    "Updating the plan",
    async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetId);
      const filter = queueFilterRead(sheet); // read with the plan's cells, in the same round trip
      const { loaded, cells } = await loadPlanCells(context, session, sheetId, "values,formulas,numberFormat");
      const update = prepareUpdate(loaded, cells, change, await updateTemplate(context, session, loaded, change));
      const before: PlanExtent = {
        lastRow: cells.values.length,
        lastTableRow: loaded.plan.rows[loaded.plan.rows.length - 1]?.row ?? LAYOUT.firstDataRow,
        filter: keptFilter(filter),
      };
      const staging = stagingName();
      await commit(
        context,
        { doing: "Updating the plan", unchanged },
        () => queueUpdate(context.workbook, sheet, update, staging, before),
        () => recoverUpdate(context, sheet, update, cells, staging, before),
      );
      session.baselines.delete(sheetId);
      return update.preview;
    },
    unchanged,
  );
}

export function previewRepair(session: Session, sheetId: string): Promise<RepairPreview> {
  return runExplained("Checking the formulas", async (context) => {
    const { loaded, cells } = await loadPlanCells(context, session, sheetId, "values,formulas");
    return { sheetId, cells: planRepair(loaded.plan, cells, await repairTemplate(context, session, loaded)).cells };
  });
}

export function applyRepair(session: Session, sheetId: string): Promise<RepairPreview> {
  const unchanged = "The sheet was not changed.";
  return runExplained(
    "Repairing the formulas",
    async (context) => {
      const { loaded, cells } = await loadPlanCells(context, session, sheetId, "values,formulas,numberFormat");
      const repair = planRepair(loaded.plan, cells, await repairTemplate(context, session, loaded));
      const patch = repairPatch(repair);
      if (patch.length > 0) {
        const sheet = context.workbook.worksheets.getItem(sheetId);
        await commit(
          context,
          { doing: "Repairing the formulas", unchanged },
          () => renderCellWrites(sheet, patch),
          async () => {
            queueRestore(sheet, patchAddresses(patch), cells);
            await context.sync();
            return "undone";
          },
        );
      }
      return { sheetId, cells: repair.cells };
    },
    unchanged,
  );
}
