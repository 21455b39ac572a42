import { type CellData, isPlanSheet } from "../plan/read-sheet";
import { readSummaryFigures } from "../plan/read-summary";
import { address, COLUMN, LAYOUT } from "../plan/sheet-layout";
import { statusBaseline } from "../plan/status-changes";
// The template sheet's layout only: its description, reader and checks load with the jobs that use them.
import { TEMPLATE_LAYOUT, TEMPLATE_MARKER } from "../plan/template-layout";
import { PlanError, type PlanDetail, type PlanSummary, type WorkbookOverview } from "../service/types";
import { damagedPlanSummary, listedPlanSummary, planDetail, type PlanOnSheet, planSummary } from "../service/view";
import type { CellsBefore } from "./commit";
import { interpret, latestTemplate, runExplained, type Session } from "./session";

/**
 * Reading plans: the workbook's list, one plan in detail, the active plan, and the windows of cells they are
 * read from. Each job is one Excel batch of one or two round trips.
 */

/**
 * The cells of a plan sheet from A1 to the last cell holding a value (or formula). Formatting alone does not count:
 * a shade or border taken down to row 30000 would otherwise bring back every cell to there, past Excel on the web's
 * 5 MB response. (An empty sheet's used range is A1.)
 */
export function wholePlanRange(sheet: Excel.Worksheet): Excel.Range {
  return sheet.getRange("A1").getBoundingRect(sheet.getUsedRange(true));
}

/** Rows read from a sheet to tell whether it is a plan and, usually, read the whole plan: room for added rows. */
const PLAN_WINDOW_ROWS = 300;

export interface PlanWindow {
  range: Excel.Range;
  used: Excel.Range;
}

/** Queues a load of the plan-sized window of `sheet`, and of how far the sheet's values reach. */
export function planWindow(sheet: Excel.Worksheet, withFormulas = false): PlanWindow {
  const range = sheet.getRange(`A1:${address(PLAN_WINDOW_ROWS, COLUMN.id)}`);
  if (withFormulas) range.load("values,formulas");
  else range.load("values");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  return { range, used };
}

function templateMarker(sheet: Excel.Worksheet): Excel.Range {
  const marker = sheet.getRange(address(TEMPLATE_LAYOUT.marker.row, TEMPLATE_LAYOUT.marker.column));
  marker.load("values");
  return marker;
}

/**
 * The version on each template sheet's header, by its name in lower case (what an update would move a plan to),
 * from each sheet's header cells and the cell of the template marker.
 */
function templateVersions(sheets: { header: Excel.Range; template: Excel.Range }[]): Map<string, number> {
  const versions = new Map<string, number>();
  for (const { header, template } of sheets) {
    if (template.values[0][0] !== TEMPLATE_MARKER) continue;
    const at = ({ row, column }: { row: number; column: number }) => header.values[row - 1]?.[column - 1];
    const name = at(TEMPLATE_LAYOUT.name);
    const version = at(TEMPLATE_LAYOUT.version);
    if (typeof name === "string" && name.trim() !== "" && typeof version === "number" && Number.isInteger(version)) {
      versions.set(name.trim().toLowerCase(), version);
    }
  }
  return versions;
}

function windowIsShort({ used }: PlanWindow): boolean {
  return !used.isNullObject && used.rowIndex + used.rowCount > PLAN_WINDOW_ROWS;
}

/** The window's values and formulas, or (one more round trip) the whole plan's when people added rows beyond it. */
export async function wholeIfLonger(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  window: PlanWindow,
): Promise<CellsBefore> {
  if (!windowIsShort(window)) return { values: window.range.values, formulas: window.range.formulas };
  const whole = wholePlanRange(sheet);
  whole.load("values,formulas");
  await context.sync();
  return { values: whole.values, formulas: whole.formulas };
}

/** The marker cell of a sheet's values: whether the sheet is a plan. */
export function markerOf(values: unknown[][]): unknown {
  return values[LAYOUT.marker.kind.row - 1]?.[LAYOUT.marker.kind.column - 1];
}

/** Keeps what a plan's statuses are now as its baseline, unless the session already follows it. */
export function followStatuses(session: Session, loaded: PlanOnSheet): void {
  if (!session.baselines.has(loaded.sheetId)) session.baselines.set(loaded.sheetId, statusBaseline(loaded.plan));
}

/**
 * One round trip: the plan on `sheetId` and, for a change that writes cells, what they hold before it (formulas,
 * and number formats where the change sets them), to write back if Excel rejects the change part-way.
 */
export async function loadPlanCells(
  context: Excel.RequestContext,
  session: Session,
  sheetId: string,
  properties: "values" | "values,formulas" | "values,formulas,numberFormat",
): Promise<{ loaded: PlanOnSheet; cells: CellsBefore }> {
  const sheet = context.workbook.worksheets.getItem(sheetId);
  sheet.load("id,name");
  const range = wholePlanRange(sheet);
  range.load(properties);
  await context.sync();
  if (!isPlanSheet(markerOf(range.values))) {
    throw new PlanError(`The sheet "${sheet.name}" is not a Client Service Plan.`);
  }
  return {
    loaded: interpret(session, sheet.id, sheet.name, range.values),
    cells: {
      values: range.values,
      formulas: properties === "values" ? [] : range.formulas,
      numberFormats: properties.endsWith("numberFormat") ? range.numberFormat : undefined,
    },
  };
}

/** A sheet's cells from A1 through the task table's header row: marker, client, dates, team, summary figures. */
export function queuePlanHeader(sheet: Excel.Worksheet): Excel.Range {
  const range = sheet.getRange(`A1:${address(LAYOUT.headerRow, COLUMN.id)}`);
  range.load("values");
  return range;
}

/** A plan sheet's header as read, or why it cannot be read; its rows are not part of it. */
export function headerOf(session: Session, sheet: Excel.Worksheet, values: unknown[][]): PlanOnSheet | PlanSummary {
  try {
    return interpret(session, sheet.id, sheet.name, values);
  } catch (error) {
    return damagedPlanSummary(sheet.id, sheet.name, error);
  }
}

/**
 * Every plan of the workbook summed up, the active sheet's id and (for the pane's overview) the plan on
 * `chosenId`, or on the active sheet, read in full: two round trips, the sheet list, then each sheet's header
 * (about 1.5 KB a plan: the plan's own summary figures stand for its rows) and the chosen plan's window. A third
 * reads in full the plans whose sheets have no summary figures (written before them, or their formulas broken)
 * and a chosen plan that grew past the window.
 */
async function readWorkbook(
  context: Excel.RequestContext,
  session: Session,
  choose: { sheetId?: string } | null,
): Promise<{ activeId: string; plans: PlanSummary[]; chosen: PlanOnSheet | PlanSummary | null }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  const active = sheets.getActiveWorksheet();
  active.load("id");
  await context.sync();
  const chosenId = choose ? (choose.sheetId ?? active.id) : null;
  const headers = sheets.items.map((sheet) => ({
    sheet,
    header: queuePlanHeader(sheet),
    // A template sheet's marker is beyond the header (its name and version within it): one cell more a sheet.
    template: templateMarker(sheet),
    window: sheet.id === chosenId ? planWindow(sheet) : null,
  }));
  await context.sync();
  session.templateVersions = templateVersions(headers);
  const read = headers
    .filter(({ header }) => isPlanSheet(markerOf(header.values)))
    .map((entry) => ({ ...entry, figures: readSummaryFigures(entry.header.values as CellData[][]) }));
  // The plans to read in full: the chosen one, and those whose figures cannot stand for their rows.
  const whole = new Map<Excel.Worksheet, Excel.Range>();
  for (const { sheet, window, figures } of read) {
    if ((window && windowIsShort(window)) || (!window && figures === null)) {
      const range = wholePlanRange(sheet);
      range.load("values");
      whole.set(sheet, range);
    }
  }
  if (whole.size > 0) await context.sync();
  let chosen: PlanOnSheet | PlanSummary | null = null;
  const plans: PlanSummary[] = [];
  for (const { sheet, header, window, figures } of read) {
    const rows = whole.get(sheet)?.values ?? window?.range.values;
    const loaded = headerOf(session, sheet, rows ?? header.values);
    if (window) chosen = loaded;
    if (!("plan" in loaded)) {
      plans.push(loaded);
      continue;
    }
    if (rows) followStatuses(session, loaded);
    plans.push(figures ? listedPlanSummary(loaded, figures) : planSummary(loaded));
  }
  return { activeId: active.id, plans, chosen };
}

export function listPlans(session: Session): Promise<PlanSummary[]> {
  return runExplained(
    "Listing the workbook's plans",
    async (context) => (await readWorkbook(context, session, null)).plans,
  );
}

export function overview(session: Session, sheetId?: string): Promise<WorkbookOverview> {
  return runExplained("Reading the plans in this workbook", async (context) => {
    const { plans, chosen } = await readWorkbook(context, session, { sheetId });
    return {
      plans,
      activeId: chosen ? chosen.sheetId : null,
      detail:
        chosen && "plan" in chosen
          ? planDetail(chosen, session.today(), latestTemplate(session, chosen.plan.templateName))
          : null,
    };
  });
}

export async function activatePlan(sheetId: string): Promise<void> {
  await runExplained("Opening the plan sheet", async (context) => {
    context.workbook.worksheets.getItem(sheetId).activate();
    await context.sync();
  });
}

export function activePlanId(): Promise<string | null> {
  return runExplained("Finding the active plan", async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id");
    const marker = sheet.getRange(address(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column));
    marker.load("values");
    await context.sync();
    return isPlanSheet(marker.values[0][0]) ? sheet.id : null;
  });
}

export function readPlan(session: Session, sheetId: string): Promise<PlanDetail> {
  return runExplained("Reading the plan", async (context) => {
    const { loaded } = await loadPlanCells(context, session, sheetId, "values");
    followStatuses(session, loaded);
    return planDetail(loaded, session.today(), latestTemplate(session, loaded.plan.templateName));
  });
}

/** The row of `taskId` on a plan as read, or a PlanError saying it is gone. */
export function rowOfTask(loaded: PlanOnSheet, taskId: string) {
  const row = loaded.plan.rows.find((r) => r.id === taskId);
  if (!row) throw new PlanError(`The task "${taskId}" is no longer on the sheet "${loaded.sheetName}".`);
  return row;
}

export async function selectTask(session: Session, sheetId: string, taskId: string): Promise<void> {
  await runExplained("Selecting the task", async (context) => {
    const { loaded } = await loadPlanCells(context, session, sheetId, "values");
    const row = rowOfTask(loaded, taskId);
    const sheet = context.workbook.worksheets.getItem(sheetId);
    sheet.activate();
    sheet.getRange(address(row.row, COLUMN.task)).select();
    await context.sync();
  });
}
