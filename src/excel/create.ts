import { toIsoDate } from "../plan/dates";
import { computeSchedule } from "../plan/schedule";
import { describePlanSheet } from "../plan/sheet";
import { address, LAYOUT } from "../plan/sheet-layout";
import { newPlanBaseline } from "../plan/status-changes";
import { checkPlanRequest, type PlanRequest } from "../plan/validate";
import { type CreateResult, PlanError } from "../service/types";
import { chooseTemplate } from "../service/templates-view";
import { newPlanCounts } from "../service/view";
import { type BookRead, bringOverviewInStep, inOverviewTurn, overviewUntouched, queueBookRead } from "./book-overview";
import { commit, focusRestorer, PARTLY_CHANGED, stagingName } from "./commit";
import { explain } from "./errors";
import { HISTORY_SHEET } from "./history";
import { runExplained, type Session } from "./session";
import { renderPlanSheet } from "./sheet-writer";

/** Worksheet custom properties that mark a plan sheet for other tools; the marker cell is what the add-in reads. */
export const PLAN_ID_PROPERTY = "ServicePlan.PlanId";
export const TEMPLATE_VERSION_PROPERTY = "ServicePlan.TemplateVersion";

/**
 * A new plan sheet from the New plan form, in one batch after reading the sheet names: built under a staging name
 * and renamed last, removed again if any part of it fails. Then its row in the Book overview (book-overview.ts),
 * in a second batch; when that one fails, the plan is removed again too. `templateName`: the workbook's template
 * to make it from (read and checked first; refused with its problems), else the add-in's own.
 */
export async function createPlan(session: Session, request: PlanRequest, templateName?: string): Promise<CreateResult> {
  // With the add-in's own template, what was typed is answered before Excel is asked anything.
  if (templateName === undefined) {
    const checked = checkPlanRequest(request, session.template.roles);
    if (!checked.ok) return { ok: false, problems: checked.problems };
  }
  const unchanged = "Nothing was added to the workbook.";
  // The overview is read and written in the session's overview turn, so a sheet event's pass cannot interleave.
  return inOverviewTurn(session, () =>
    runExplained(
      "Creating the plan sheet",
      async (context) => {
        let template = session.template;
        if (templateName !== undefined) {
          const { readWorkbookTemplates } = await import("./templates");
          const chosen = chooseTemplate(await readWorkbookTemplates(context), session.template, templateName);
          if (!chosen.ok) return { ok: false as const, problems: chosen.problems };
          template = chosen.template;
        }
        const checked = checkPlanRequest(request, template.roles);
        if (!checked.ok) return { ok: false as const, problems: checked.problems };
        const sheets = context.workbook.worksheets;
        sheets.load("items/id,items/name");
        const active = sheets.getActiveWorksheet();
        active.load("id");
        await context.sync();
        const description = describePlanSheet(template, checked.value, {
          planId: session.newPlanId(),
          // "Plan history" is the add-in's own sheet: a client of that name gets "Plan history (2)".
          existingSheetNames: [...sheets.items.map((s) => s.name), HISTORY_SHEET],
        });
        const staging = stagingName();
        let book: BookRead | null = null;
        const sheet = await commit(
          context,
          { doing: `Creating the plan sheet "${description.name}"`, unchanged },
          () => {
            // What the overview needs to know of the other sheets comes back with this batch, read before it.
            book = queueBookRead(session, sheets.items);
            // Built under the staging name and renamed last: if the plan's name was taken meanwhile (a co-author,
            // or Excel's case folding), only the rename fails, and the sheet to remove is the one of that name.
            const made = sheets.add(staging);
            renderPlanSheet(made, description);
            made.customProperties.add(PLAN_ID_PROPERTY, description.planId);
            made.customProperties.add(TEMPLATE_VERSION_PROPERTY, String(description.templateVersion));
            made.activate();
            made.getRange(address(LAYOUT.bind.row, LAYOUT.bind.column)).select();
            made.name = description.name;
            made.load("id,name");
            return made;
          },
          async () => {
            const made = sheets.getItemOrNullObject(staging);
            made.load("id");
            const focus = focusRestorer(context, active.id);
            await context.sync();
            if (!made.isNullObject) made.delete();
            await focus();
            return "undone";
          },
        );
        // Its row in the Book overview (the overview made if the workbook has none), in a batch of its own: the
        // overview's formulas name the plan's sheet, which has its name only once its own batch has landed. When
        // the overview's batch is taken back, so is the plan.
        const overviewMessages = { doing: `Adding "${description.name}" to the Book overview`, unchanged };
        try {
          await bringOverviewInStep(context, session, {
            create: true,
            messages: overviewMessages,
            ...(book ? { read: { book, added: { sheetName: sheet.name, planId: description.planId } } } : {}),
          });
        } catch (error) {
          if (!overviewUntouched(error, overviewMessages)) throw error;
          try {
            sheets.getItem(sheet.id).delete();
            const focus = focusRestorer(context, active.id);
            await focus();
          } catch {
            throw error instanceof PlanError
              ? new PlanError(`${error.message.slice(0, -unchanged.length)}${PARTLY_CHANGED}`)
              : explain(overviewMessages.doing, error, PARTLY_CHANGED);
          }
          throw explain(overviewMessages.doing, error, unchanged);
        }
        session.baselines.set(sheet.id, newPlanBaseline(description.rows));
        return {
          ok: true as const,
          plan: {
            sheetId: sheet.id,
            sheetName: sheet.name,
            client: checked.value.client,
            bind: toIsoDate(checked.value.bind),
            renewal: toIsoDate(checked.value.renewal),
            counts: newPlanCounts(computeSchedule(template, checked.value), session.today()),
            problems: [],
          },
        };
      },
      unchanged,
    ),
  );
}
