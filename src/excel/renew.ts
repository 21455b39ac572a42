import type { AgencyHoliday } from "../plan/agency-holidays";
import { parseIsoDate } from "../plan/dates";
import { isPlanSheet } from "../plan/read-sheet";
import { type PlanInBook, planRenewal, type Renewal, type RenewalTemplate } from "../plan/renew";
import { computeSchedule } from "../plan/schedule";
import { address, LAYOUT } from "../plan/sheet-layout";
import { patchAddresses } from "../plan/sheet-patch";
import { newPlanBaseline } from "../plan/status-changes";
import type { Template } from "../plan/template";
import { pickTemplate, type TemplateBook } from "../plan/template-book";
import type { RenewalOptions, RenewalPreview, RenewalResult } from "../service/types";
import { newPlanCounts } from "../service/view";
import { type BookRead, bringOverviewInStep, inOverviewTurn, overviewUntouched, queueBookRead } from "./book-overview";
import { type CellsBefore, commit, focusRestorer, PARTLY_CHANGED, queueRestore, stagingName } from "./commit";
import { PLAN_ID_PROPERTY, TEMPLATE_VERSION_PROPERTY } from "./create";
import { explain } from "./errors";
import { freeHistorySheetName, HISTORY_SHEET, historyRow, queueHistorySheet } from "./history";
import { markerOf, wholePlanRange } from "./read";
import { interpret, runExplained, type Session } from "./session";
import { queueHistoryRead } from "./status";
import { readWorkbookTemplates } from "./templates";
import { renderCellWrites, renderPlanSheet } from "./sheet-writer";

/**
 * Starting the next term from a plan (src/plan/renew.ts works it out). The preview reads what it needs of the
 * workbook (the plan, its template at the newest version, the plans that follow others) and keeps it for the write:
 * the rollover then re-reads only the old plan (a co-author may have changed it while the preview was open) and
 * writes in two batches, three round trips in all:
 * 1. the sheet list, the old plan's cells and the Plan history table;
 * 2. the new plan sheet (built under a staging name and renamed), the old plan's marker cells, the history line;
 * 3. the new plan's row in the Book overview; when that batch is taken back, so is the rest.
 * Of the old sheet only its marker cells are written: a co-author's edit anywhere else on it stays as they made it.
 */

/** What a preview read, kept for the write that follows it. */
interface Prepared {
  template: RenewalTemplate;
  agencyHolidays: readonly AgencyHoliday[] | null;
  plans: PlanInBook[];
  /** Sheet ids by name, to open a next term started before. */
  sheetIds: Map<string, string>;
  newPlanId: string;
  /** The options and preview lines shown: the write goes ahead only on the same. */
  optionsKey: string;
  lines: string[];
}

const prepared = new WeakMap<Session, Map<string, Prepared>>();

function preparedOf(session: Session): Map<string, Prepared> {
  let map = prepared.get(session);
  if (!map) {
    map = new Map();
    prepared.set(session, map);
  }
  return map;
}

const optionsKey = (options: RenewalOptions) =>
  JSON.stringify([options.renewal ?? "", options.team ?? null, !!options.carry?.notes, !!options.carry?.ownRows]);

/** G1:J2: the plan it follows (G1), its next term (H1), the plan marker and id (J1:J2). */
const LINK_BLOCK = `${address(LAYOUT.follows.row, LAYOUT.follows.column)}:${address(
  LAYOUT.marker.planId.row,
  LAYOUT.marker.planId.column,
)}`;

/**
 * The template of the next term: the workbook's newest of the plan's template name; the add-in's own where the plan
 * was made from it and the workbook has none of that name; else refused, naming the template to add.
 */
export function renewalTemplate(book: TemplateBook, builtIn: Template, templateName: string): RenewalTemplate {
  const picked = pickTemplate(book, templateName);
  if (picked.ok) return { ok: true, template: picked.template };
  if (picked.problems.length > 0)
    return { ok: false, problems: [{ message: picked.message }, ...picked.problems.map((message) => ({ message }))] };
  if (templateName.trim().toLowerCase() === builtIn.name.toLowerCase()) return { ok: true, template: builtIn };
  return {
    ok: false,
    problems: [
      {
        message:
          `The template \u201c${templateName}\u201d this plan was made from is not in the workbook (no template sheet ` +
          "of that name): add its sheet, then start the next term.",
      },
    ],
  };
}

/** Reads what the next term needs besides the old plan: the templates and holidays, and every sheet's links. */
async function readForRenewal(
  context: Excel.RequestContext,
  session: Session,
  templateName: string,
): Promise<Omit<Prepared, "optionsKey" | "lines">> {
  const book = await readWorkbookTemplates(context);
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  const links = sheets.items.map((sheet) => {
    const range = sheet.getRange(LINK_BLOCK);
    range.load("values");
    return { sheet, range };
  });
  await context.sync();
  const at = (values: unknown[][], position: { row: number; column: number }) =>
    values[position.row - 1]?.[position.column - LAYOUT.follows.column];
  const plans = links
    .filter(({ range }) => isPlanSheet(at(range.values, LAYOUT.marker.kind)))
    .map(({ sheet, range }) => ({
      sheetName: sheet.name,
      planId: String(at(range.values, LAYOUT.marker.planId) ?? ""),
      follows: String(at(range.values, LAYOUT.follows) ?? ""),
    }));
  return {
    template: renewalTemplate(book, session.template, templateName),
    agencyHolidays: book.holidayProblems === null ? null : book.holidays,
    plans,
    sheetIds: new Map(sheets.items.map((sheet) => [sheet.name, sheet.id])),
    newPlanId: session.newPlanId(),
  };
}

function previewOf(sheetId: string, renewal: Renewal): RenewalPreview {
  return {
    sheetId,
    oldSheetName: renewal.oldSheetName,
    newSheetName: renewal.newSheetName,
    client: renewal.client,
    oldTerm: renewal.oldTerm,
    newTerm: renewal.newTerm,
    bind: renewal.bind,
    renewal: renewal.renewal,
    termMonths: renewal.termMonths,
    team: renewal.team,
    roles: renewal.roles,
    timing: renewal.timing,
    lines: renewal.preview,
  };
}

/** The old plan's cells, queued: values and formulas, and number formats to write its marker cells back. */
function queueOldPlan(context: Excel.RequestContext, sheetId: string) {
  const sheet = context.workbook.worksheets.getItem(sheetId);
  sheet.load("id,name");
  const range = wholePlanRange(sheet);
  range.load("values,formulas,numberFormat");
  return { sheet, range };
}

function notAPlan(name: string): RenewalResult {
  return {
    ok: false,
    problems: [{ field: "plan", message: `The sheet \u201c${name}\u201d is not a Client Service Plan.` }],
  };
}

/** The plan the next term is worked out from, with the workbook as `read` found it. */
function plan(
  session: Session,
  sheetName: string,
  cells: CellsBefore,
  read: Omit<Prepared, "optionsKey" | "lines">,
  existingSheetNames: string[],
  options: RenewalOptions,
) {
  return planRenewal({
    sheetName,
    cells,
    today: session.today(),
    newPlanId: read.newPlanId,
    // "Plan history" is the add-in's own sheet: a client of that name gets another.
    existingSheetNames: [...existingSheetNames, HISTORY_SHEET],
    template: read.template,
    agencyHolidays: read.agencyHolidays,
    renewal: options.renewal,
    team: options.team,
    carry: options.carry,
    plans: read.plans,
  });
}

function failed(
  result: Extract<ReturnType<typeof planRenewal>, { ok: false }>,
  ids: Map<string, string>,
): RenewalResult {
  return {
    ok: false,
    problems: result.problems,
    ...(result.alreadyStarted !== undefined
      ? { alreadyStarted: { sheetName: result.alreadyStarted, sheetId: ids.get(result.alreadyStarted) ?? null } }
      : {}),
  };
}

export function previewRenewal(session: Session, sheetId: string, options: RenewalOptions): Promise<RenewalResult> {
  return runExplained("Preparing the next term", async (context) => {
    const old = queueOldPlan(context, sheetId);
    await context.sync();
    if (!isPlanSheet(markerOf(old.range.values))) return notAPlan(old.sheet.name);
    const cells: CellsBefore = { values: old.range.values, formulas: old.range.formulas };
    const templateName = interpretedTemplateName(session, old.sheet, cells);
    const read = await readForRenewal(context, session, templateName);
    const result = plan(session, old.sheet.name, cells, read, [...read.sheetIds.keys()], options);
    if (!result.ok) {
      preparedOf(session).delete(sheetId);
      return failed(result, read.sheetIds);
    }
    preparedOf(session).set(sheetId, { ...read, optionsKey: optionsKey(options), lines: result.renewal.preview });
    return { ok: true, preview: previewOf(sheetId, result.renewal) };
  });
}

/** The template the plan names; a plan damaged beyond reading names none (planRenewal says what is wrong). */
function interpretedTemplateName(session: Session, sheet: Excel.Worksheet, cells: CellsBefore): string {
  try {
    return interpret(session, sheet.id, sheet.name, cells.values).plan.templateName;
  } catch {
    return session.template.name;
  }
}

/** The history line of a rollover: on the old plan, from its term to the next, naming the new sheet. */
function rolloverEntry(session: Session, renewal: Renewal) {
  return {
    when: session.now(),
    client: renewal.client,
    sheetName: renewal.oldSheetName,
    taskId: "",
    task: `Next term started: ${renewal.newSheetName}`,
    from: renewal.oldTerm,
    to: renewal.newTerm,
  };
}

export function renewPlan(session: Session, sheetId: string, options: RenewalOptions): Promise<RenewalResult> {
  const unchanged = "Nothing was changed in the workbook.";
  return inOverviewTurn(session, () =>
    runExplained(
      "Starting the next term",
      async (context) => {
        let kept = preparedOf(session).get(sheetId);
        if (!kept || kept.optionsKey !== optionsKey(options)) {
          // Not previewed with these choices: preview now, and write only what that preview says.
          const previewed = await previewRenewal(session, sheetId, options);
          if (!previewed.ok) return previewed;
          kept = preparedOf(session).get(sheetId)!;
        }
        // Round trip 1: the workbook as it is now, the old plan read again.
        const sheets = context.workbook.worksheets;
        sheets.load("items/id,items/name");
        const active = sheets.getActiveWorksheet();
        active.load("id");
        const history = queueHistoryRead(context);
        const old = queueOldPlan(context, sheetId);
        await context.sync();
        if (!isPlanSheet(markerOf(old.range.values))) return notAPlan(old.sheet.name);
        const before: CellsBefore = {
          values: old.range.values,
          formulas: old.range.formulas,
          numberFormats: old.range.numberFormat,
        };
        const sheetIds = new Map(sheets.items.map((sheet) => [sheet.name, sheet.id]));
        const result = plan(session, old.sheet.name, before, kept, [...sheetIds.keys()], options);
        if (!result.ok) return failed(result, sheetIds);
        const renewal = result.renewal;
        const renewedTo = interpret(session, old.sheet.id, old.sheet.name, before.values).plan.renewedTo ?? "";
        if (renewedTo !== "") {
          // Started meanwhile (another pane, a second click): its sheet holds the plan of that id.
          preparedOf(session).delete(sheetId);
          return {
            ok: false,
            problems: [
              {
                field: "plan",
                message: `The next term of \u201c${old.sheet.name}\u201d was started already: open that plan.`,
              },
            ],
          };
        }
        if (renewal.preview.join("\n") !== kept.lines.join("\n")) {
          // A co-author changed the plan while the preview was open: show what would be written now instead.
          kept.lines = renewal.preview;
          return {
            ok: false,
            changed: previewOf(sheetId, renewal),
            problems: [
              {
                field: "plan",
                message:
                  `\u201c${old.sheet.name}\u201d changed while the preview was open, so nothing was written: ` +
                  "check the preview as it now reads, then create the next term.",
              },
            ],
          };
        }

        const staging = stagingName();
        const taken = history.namedSheets.filter((s) => !s.isNullObject).map((s) => s.name);
        const historyStaging = history.table.isNullObject ? stagingName() : null;
        const historySheetName = freeHistorySheetName(taken);
        const oldAddresses = patchAddresses(renewal.oldSheetWrites);
        /** Removes a sheet this run made under `name`, if there is one and it is ours (its plan id, else staging). */
        const removeOwn = async (name: string, planId?: string) => {
          const sheet = sheets.getItemOrNullObject(name);
          sheet.load("id");
          await context.sync();
          if (sheet.isNullObject) return;
          if (planId !== undefined) {
            const id = sheet.getRange(address(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column));
            id.load("values");
            await context.sync();
            if (id.values[0][0] !== planId) return;
          }
          sheet.delete();
          await context.sync();
        };
        /** Takes the change back: the old plan's marker cells as read, and this run's sheets removed. */
        const takeBack = async (landed?: { made: Excel.Worksheet; historySheet: Excel.Worksheet | null }) => {
          queueRestore(old.sheet, oldAddresses, before);
          await context.sync();
          if (landed) {
            sheets.getItem(landed.made.id).delete();
            if (landed.historySheet) sheets.getItem(landed.historySheet.id).delete();
            await context.sync();
            // An existing history table: its new last line is removed, found by its values.
            if (!landed.historySheet) await removeHistoryLine(context, history.table, rolloverEntry(session, renewal));
          } else {
            await removeOwn(staging);
            await removeOwn(renewal.newSheetName, renewal.newPlanId);
            if (historyStaging) await removeOwn(historyStaging);
          }
          await focusRestorer(context, active.id)();
        };

        // Round trip 2: the new plan, the old plan's marker, the history line; the renames come last but for the
        // old plan's marker, which names the new sheet and so follows its rename.
        let book: BookRead | null = null;
        const written = await commit(
          context,
          { doing: `Starting the next term on "${renewal.newSheetName}"`, unchanged },
          () => {
            book = queueBookRead(session, sheets.items);
            const made = sheets.add(staging);
            renderPlanSheet(made, renewal.description);
            made.customProperties.add(PLAN_ID_PROPERTY, renewal.newPlanId);
            made.customProperties.add(TEMPLATE_VERSION_PROPERTY, String(renewal.description.templateVersion));
            made.activate();
            made.getRange(address(LAYOUT.bind.row, LAYOUT.bind.column)).select();
            made.name = renewal.newSheetName;
            made.load("id,name");
            renderCellWrites(old.sheet, renewal.oldSheetWrites);
            const table = historyStaging ? queueHistorySheet(context.workbook, historyStaging) : history.table;
            table.rows.add(undefined, [historyRow(rolloverEntry(session, renewal))]);
            let historySheet: Excel.Worksheet | null = null;
            if (historyStaging) {
              historySheet = table.worksheet;
              historySheet.name = historySheetName;
              historySheet.load("id");
            }
            return { made, historySheet };
          },
          async () => {
            await takeBack();
            return "undone";
          },
        );
        if (written.historySheet) session.ownSheets.add(written.historySheet.id);

        // Round trip 3: the overview's row for the new plan; the overview's formulas name its sheet, which has its
        // name only once the batch before has landed. When this batch is taken back, so is the rest.
        const overviewMessages = { doing: `Adding "${renewal.newSheetName}" to the Book overview`, unchanged };
        try {
          await bringOverviewInStep(context, session, {
            create: true,
            messages: overviewMessages,
            ...(book ? { read: { book, added: { sheetName: written.made.name, planId: renewal.newPlanId } } } : {}),
          });
        } catch (error) {
          if (!overviewUntouched(error, overviewMessages)) throw error;
          try {
            await takeBack(written);
          } catch {
            throw explain(overviewMessages.doing, error, PARTLY_CHANGED);
          }
          throw explain(overviewMessages.doing, error, unchanged);
        }
        preparedOf(session).delete(sheetId);
        session.baselines.set(written.made.id, newPlanBaseline(renewal.description.rows));
        const schedule = computeSchedule(kept.template.ok ? kept.template.template : session.template, {
          bind: parseIsoDate(renewal.bind)!,
          renewal: parseIsoDate(renewal.renewal)!,
          holidays: renewal.holidays.map((day) => parseIsoDate(day)!),
        });
        return {
          ok: true as const,
          preview: previewOf(sheetId, renewal),
          plan: {
            sheetId: written.made.id,
            sheetName: written.made.name,
            client: renewal.client,
            bind: renewal.bind,
            renewal: renewal.renewal,
            counts: newPlanCounts(schedule, session.today()),
            problems: [],
          },
        };
      },
      unchanged,
    ),
  );
}

/** Removes the last row of the history table that is the rollover's line (found by its values). */
async function removeHistoryLine(
  context: Excel.RequestContext,
  table: Excel.Table,
  entry: ReturnType<typeof rolloverEntry>,
): Promise<void> {
  const body = table.getDataBodyRange();
  body.load("values");
  await context.sync();
  const line = historyRow(entry);
  const index = body.values.map((row) => row.slice(1).join("\u0000")).lastIndexOf(line.slice(1).join("\u0000"));
  if (index < 0) return;
  table.rows.getItemAt(index).delete();
  await context.sync();
}
