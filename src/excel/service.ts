import { type CalendarDate, calendarDate, toExcelSerial, toIsoDate } from "../plan/dates";
import {
  type CellData,
  DamagedPlanError,
  isPlanSheet,
  readPlanSheet,
  type SheetPlan,
  type SheetRow,
  taskState,
} from "../plan/read-sheet";
import { computeSchedule, type Schedule } from "../plan/schedule";
import type { SheetCells } from "../plan/sheet-cells";
import { describePlanSheet } from "../plan/sheet";
import { address, COLUMN, LAYOUT } from "../plan/sheet-layout";
import { isClosed, type Status } from "../plan/status";
import { DEFAULT_TEMPLATE, type Template } from "../plan/template";
import { checkPlanRequest, type PlanRequest, type Problem } from "../plan/validate";
import { explain } from "./errors";
import { HISTORY_SHEET, HISTORY_TABLE, type HistoryEntry, historyRow, queueHistoryRows } from "./history";
import { TRIGGER_SOURCE_SET } from "./requirements";
import { queuePlanSheet } from "./sheet-writer";
import type {
  CreateResult,
  PlanDetail,
  PlanEvent,
  PlanService,
  PlanSummary,
  RepairPreview,
  StatusCounts,
  UpdateChange,
  UpdatePreview,
  WorkbookOverview,
} from "./types";
import { PlanError } from "./types";
import { planUpdate, queueRepair, queueUpdate } from "./update";
import { planRepair } from "../plan/repair-plan";

/** Worksheet custom properties that mark a plan sheet for other tools; the marker cell is what the add-in reads. */
export const PLAN_ID_PROPERTY = "ServicePlan.PlanId";
export const TEMPLATE_VERSION_PROPERTY = "ServicePlan.TemplateVersion";

export interface ExcelPlanServiceOptions {
  template?: Template;
  /** The current moment; the user's calendar day is taken from it in the machine's zone (the user's own day). */
  now?: () => Date;
  newPlanId?: () => string;
}

/** The user's own calendar day: "today" for due-soon and Completed on is the day on the person's clock. */
export function localDay(when: Date): CalendarDate {
  return calendarDate(when.getFullYear(), when.getMonth() + 1, when.getDate());
}

function randomPlanId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What the add-in last saw of each plan's statuses (row id -> status text), to tell a change from a replay or its own echo. */
type StatusSnapshot = Map<string, string>;

interface LoadedPlan {
  sheetId: string;
  sheetName: string;
  plan: SheetPlan;
}

function counts(rows: SheetRow[]): StatusCounts {
  const tasks = rows.filter((r) => r.kind === "task");
  const count = (predicate: (row: SheetRow) => boolean) => tasks.filter(predicate).length;
  return {
    notStarted: count((r) => r.status === "Not started" || r.status === ""),
    inProgress: count((r) => r.status === "In progress"),
    done: count((r) => r.status === "Done"),
    notApplicable: count((r) => r.status === "N/A"),
    overdue: count((r) => r.state === "overdue"),
    dueSoon: count((r) => r.state === "due-soon"),
  };
}

/** A new plan's counts: every task Not started, late or soon by the engine's dates (as the sheet will show). */
function newPlanCounts(schedule: Schedule, today: CalendarDate): StatusCounts {
  const states = schedule.tasks.map((task) => taskState("Not started", toIsoDate(task.due), today));
  return {
    notStarted: schedule.tasks.length,
    inProgress: 0,
    done: 0,
    notApplicable: 0,
    overdue: states.filter((state) => state === "overdue").length,
    dueSoon: states.filter((state) => state === "due-soon").length,
  };
}

function summary({ sheetId, sheetName, plan }: LoadedPlan): PlanSummary {
  return {
    sheetId,
    sheetName,
    client: plan.client,
    bind: plan.bind,
    renewal: plan.renewal,
    counts: counts(plan.rows),
    problems: plan.problems,
  };
}

function detail(loaded: LoadedPlan, today: CalendarDate, template: Template): PlanDetail {
  const { plan } = loaded;
  const phases = plan.rows
    .filter((r) => r.kind === "phase")
    .map((phaseRow) => {
      const tasks = plan.rows.filter((r) => r.kind === "task" && r.id.startsWith(`${phaseRow.id}.`));
      return {
        phaseId: phaseRow.id,
        phase: phaseRow.phase,
        total: tasks.length,
        closed: tasks.filter((r) => r.status !== "" && isClosed(r.status)).length,
      };
    });
  return {
    ...summary(loaded),
    today: toIsoDate(today),
    team: plan.team,
    templateVersion: plan.templateVersion,
    latestTemplateVersion: template.version,
    phases,
    tasks: plan.rows
      .filter((r) => r.kind === "task")
      .map((r) => ({
        taskId: r.id,
        phaseId: r.id.split(".")[0],
        phase: r.phase,
        task: r.task,
        owners: r.owners,
        assignedTo: r.assignedTo,
        opens: r.opens,
        due: r.due,
        status: r.status,
        completedOn: r.completedOn,
        notes: r.notes,
        state: r.state,
      })),
  };
}

/** The cells of a plan sheet from A1 to the last used cell, whatever was used. */
function wholePlanRange(sheet: Excel.Worksheet): Excel.Range {
  return sheet.getRange("A1").getBoundingRect(sheet.getUsedRange());
}

function snapshotOf(plan: SheetPlan): StatusSnapshot {
  return new Map(plan.rows.filter((r) => r.id && r.kind !== "phase").map((r) => [r.id, r.statusText]));
}

/** Rows read from a sheet to tell whether it is a plan and, usually, read the whole plan: room for added rows. */
const PLAN_WINDOW_ROWS = 300;

interface PlanWindow {
  range: Excel.Range;
  used: Excel.Range;
}

/** Queues a load of the plan-sized window of `sheet`, and of how far the sheet's values reach. */
function planWindow(sheet: Excel.Worksheet): PlanWindow {
  const range = sheet.getRange(`A1:${address(PLAN_WINDOW_ROWS, COLUMN.id)}`);
  range.load("values");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  return { range, used };
}

function windowIsShort({ used }: PlanWindow): boolean {
  return !used.isNullObject && used.rowIndex + used.rowCount > PLAN_WINDOW_ROWS;
}

/** The window's values, or (one more round trip) the whole plan when people added rows beyond it. */
async function wholeIfLonger(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  window: PlanWindow,
): Promise<unknown[][]> {
  if (!windowIsShort(window)) return window.range.values;
  const whole = wholePlanRange(sheet);
  whole.load("values");
  await context.sync();
  return whole.values;
}

function markerOf(values: unknown[][]): unknown {
  return values[LAYOUT.marker.kind.row - 1]?.[LAYOUT.marker.kind.column - 1];
}

function triggerSourceSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", TRIGGER_SOURCE_SET);
}

export function createExcelPlanService(options: ExcelPlanServiceOptions = {}): PlanService {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const now = options.now ?? (() => new Date());
  const newPlanId = options.newPlanId ?? randomPlanId;
  const snapshots = new Map<string, StatusSnapshot>();
  const today = () => localDay(now());

  function interpret(sheetId: string, sheetName: string, values: unknown[][]): LoadedPlan {
    try {
      return { sheetId, sheetName, plan: readPlanSheet(values as CellData[][], today()) };
    } catch (error) {
      if (error instanceof DamagedPlanError) throw new PlanError(`${sheetName}: ${error.message}`);
      throw error;
    }
  }

  /** One round trip: the plan on `sheetId`, and its cells' formulas when an update or repair needs them. */
  async function loadPlanWithFormulas(
    context: Excel.RequestContext,
    sheetId: string,
    withFormulas = true,
  ): Promise<{ loaded: LoadedPlan; formulas: unknown[][]; cells: SheetCells }> {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    sheet.load("id,name");
    const range = wholePlanRange(sheet);
    range.load(withFormulas ? "values,formulas" : "values");
    await context.sync();
    if (!isPlanSheet(markerOf(range.values))) {
      throw new PlanError(`The sheet "${sheet.name}" is not a Client Service Plan.`);
    }
    const formulas = withFormulas ? range.formulas : [];
    return {
      loaded: interpret(sheet.id, sheet.name, range.values),
      formulas,
      cells: { values: range.values as CellData[][], formulas },
    };
  }

  async function loadPlan(context: Excel.RequestContext, sheetId: string): Promise<LoadedPlan> {
    return (await loadPlanWithFormulas(context, sheetId, false)).loaded;
  }

  /**
   * Queues the writes a set of status changes calls for: Completed on stamped when a task becomes Done (if
   * empty) and cleared when it leaves Done, and one history row per change.
   */
  function queueStatusEffects(
    context: Excel.RequestContext,
    loaded: LoadedPlan,
    changes: { row: SheetRow; from: string; to: string }[],
    history: { table: Excel.Table },
  ): void {
    const sheet = context.workbook.worksheets.getItem(loaded.sheetId);
    const day = toExcelSerial(today());
    for (const { row, from, to } of changes) {
      const completed = sheet.getRange(address(row.row, COLUMN.completedOn));
      if (to === "Done" && !row.completedOn) completed.values = [[day]];
      if (from === "Done" && to !== "Done" && row.completedOn) completed.values = [[""]];
    }
    const entries: HistoryEntry[] = changes.map(({ row, from, to }) => ({
      when: now(),
      client: loaded.plan.client,
      sheetName: loaded.sheetName,
      taskId: row.id,
      task: row.task,
      from,
      to,
    }));
    queueHistoryRows(
      context.workbook,
      history.table,
      !history.table.isNullObject,
      entries.map((entry) => historyRow(entry, localDay)),
    );
  }

  function changesAgainstSnapshot(loaded: LoadedPlan): { row: SheetRow; from: string; to: string }[] {
    const before = snapshots.get(loaded.sheetId);
    if (!before) return [];
    return loaded.plan.rows
      .filter((row) => row.id && row.kind !== "phase" && before.has(row.id))
      .filter((row) => before.get(row.id) !== row.statusText)
      .map((row) => ({ row, from: before.get(row.id) ?? "", to: row.statusText }));
  }

  /** Marks our own writes so the change handler ignores them: trigger sources where Excel has them, else no events. */
  function suppressOwnEvents(context: Excel.RequestContext): void {
    if (!triggerSourceSupported()) context.runtime.enableEvents = false;
  }
  function restoreEvents(context: Excel.RequestContext): void {
    if (!triggerSourceSupported()) context.runtime.enableEvents = true;
  }

  /**
   * Every plan of the workbook (and the active sheet's id), in two round trips: the sheet list, then a
   * plan-sized window of every sheet; a third only for a plan that grew past the window.
   */
  async function readWorkbook(
    context: Excel.RequestContext,
  ): Promise<{ activeId: string; plans: (LoadedPlan | PlanSummary)[] }> {
    const sheets = context.workbook.worksheets;
    sheets.load("items/id,items/name");
    const active = sheets.getActiveWorksheet();
    active.load("id");
    await context.sync();
    // The marker in each window says whether the sheet is a plan; for plans it usually holds the whole plan.
    const windows = sheets.items.map((sheet) => ({ sheet, window: planWindow(sheet) }));
    await context.sync();
    const planWindows = windows.filter(({ window }) => isPlanSheet(markerOf(window.range.values)));
    const longer = planWindows
      .filter(({ window }) => windowIsShort(window))
      .map(({ sheet }) => {
        const whole = wholePlanRange(sheet);
        whole.load("values");
        return { sheet, range: whole };
      });
    if (longer.length > 0) await context.sync();
    const plans = planWindows.map(({ sheet, window }) => {
      const values = longer.find((l) => l.sheet === sheet)?.range.values ?? window.range.values;
      try {
        const loaded = interpret(sheet.id, sheet.name, values);
        if (!snapshots.has(sheet.id)) snapshots.set(sheet.id, snapshotOf(loaded.plan));
        return loaded;
      } catch (error) {
        // A damaged plan still appears in the list, with what is wrong with it.
        return {
          sheetId: sheet.id,
          sheetName: sheet.name,
          client: sheet.name,
          bind: null,
          renewal: null,
          counts: { notStarted: 0, inProgress: 0, done: 0, notApplicable: 0, overdue: 0, dueSoon: 0 },
          problems: [{ field: "bind" as const, message: error instanceof Error ? error.message : String(error) }],
        };
      }
    });
    return { activeId: active.id, plans };
  }

  const summaryOf = (entry: LoadedPlan | PlanSummary): PlanSummary => ("plan" in entry ? summary(entry) : entry);

  async function listPlans(): Promise<PlanSummary[]> {
    return Excel.run(async (context) => (await readWorkbook(context)).plans.map(summaryOf)).catch((error: unknown) => {
      throw explain("Listing the workbook's plans", error);
    });
  }

  const service: PlanService = {
    async createPlan(request: PlanRequest): Promise<CreateResult> {
      const checked = checkPlanRequest(request);
      if (!checked.ok) return { ok: false, problems: checked.problems };
      return Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        const description = describePlanSheet(template, checked.value, {
          planId: newPlanId(),
          existingSheetNames: sheets.items.map((s) => s.name),
        });
        suppressOwnEvents(context);
        const sheet = sheets.add(description.name);
        queuePlanSheet(sheet, description);
        sheet.customProperties.add(PLAN_ID_PROPERTY, description.planId);
        sheet.customProperties.add(TEMPLATE_VERSION_PROPERTY, String(description.templateVersion));
        sheet.activate();
        sheet.getRange(address(LAYOUT.bind.row, LAYOUT.bind.column)).select();
        sheet.load("id,name");
        restoreEvents(context);
        try {
          await context.sync();
        } catch (error) {
          // Office.js applies a batch up to the failing operation: remove whatever part of the sheet was made.
          const partial = context.workbook.worksheets.getItemOrNullObject(description.name);
          partial.delete();
          restoreEvents(context);
          await context.sync().catch(() => undefined);
          throw explain(`Creating the plan sheet "${description.name}"`, error, "Nothing was added to the workbook.");
        }
        const plan = {
          sheetId: sheet.id,
          sheetName: sheet.name,
          client: checked.value.client,
          bind: toIsoDate(checked.value.bind),
          renewal: toIsoDate(checked.value.renewal),
          counts: newPlanCounts(computeSchedule(template, checked.value), today()),
          problems: [],
        };
        snapshots.set(
          sheet.id,
          new Map(
            description.rows
              .filter((r) => r.kind !== "phase")
              .map((r) => [r.id, r.kind === "task" ? "Not started" : ""]),
          ),
        );
        return { ok: true as const, plan };
      }).catch((error: unknown) => {
        throw explain("Creating the plan sheet", error, "Nothing was added to the workbook.");
      });
    },

    listPlans,

    async overview(sheetId?: string): Promise<WorkbookOverview> {
      return Excel.run(async (context) => {
        const { activeId, plans } = await readWorkbook(context);
        const chosen = plans.find((entry) => entry.sheetId === (sheetId ?? activeId));
        return {
          plans: plans.map(summaryOf),
          activeId: chosen ? chosen.sheetId : null,
          detail: chosen && "plan" in chosen ? detail(chosen, today(), template) : null,
        };
      }).catch((error: unknown) => {
        throw explain("Reading the plans in this workbook", error);
      });
    },

    async activatePlan(sheetId: string): Promise<void> {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem(sheetId).activate();
        await context.sync();
      }).catch((error: unknown) => {
        throw explain("Opening the plan sheet", error);
      });
    },

    async activePlanId(): Promise<string | null> {
      return Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load("id");
        const marker = sheet.getRange(address(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column));
        marker.load("values");
        await context.sync();
        return isPlanSheet(marker.values[0][0]) ? sheet.id : null;
      }).catch((error: unknown) => {
        throw explain("Finding the active plan", error);
      });
    },

    async readPlan(sheetId: string): Promise<PlanDetail> {
      return Excel.run(async (context) => {
        const loaded = await loadPlan(context, sheetId);
        if (!snapshots.has(sheetId)) snapshots.set(sheetId, snapshotOf(loaded.plan));
        return detail(loaded, today(), template);
      }).catch((error: unknown) => {
        throw explain("Reading the plan", error);
      });
    },

    async selectTask(sheetId: string, taskId: string): Promise<void> {
      await Excel.run(async (context) => {
        const loaded = await loadPlan(context, sheetId);
        const row = loaded.plan.rows.find((r) => r.id === taskId);
        if (!row) throw new PlanError(`The task "${taskId}" is no longer on the sheet "${loaded.sheetName}".`);
        const sheet = context.workbook.worksheets.getItem(sheetId);
        sheet.activate();
        sheet.getRange(address(row.row, COLUMN.task)).select();
        await context.sync();
      }).catch((error: unknown) => {
        throw explain("Selecting the task", error);
      });
    },

    async setTaskStatus(sheetId: string, taskId: string, status: Status): Promise<void> {
      await Excel.run(async (context) => {
        const history = context.workbook.tables.getItemOrNullObject(HISTORY_TABLE);
        history.load("name");
        const loaded = await loadPlan(context, sheetId);
        const row = loaded.plan.rows.find((r) => r.id === taskId);
        if (!row) throw new PlanError(`The task "${taskId}" is no longer on the sheet "${loaded.sheetName}".`);
        if (row.statusText === status) return;
        suppressOwnEvents(context);
        context.workbook.worksheets.getItem(sheetId).getRange(address(row.row, COLUMN.status)).values = [[status]];
        queueStatusEffects(context, loaded, [{ row, from: row.statusText, to: status }], { table: history });
        restoreEvents(context);
        await context.sync();
        const snapshot = snapshots.get(sheetId) ?? snapshotOf(loaded.plan);
        snapshot.set(taskId, status);
        snapshots.set(sheetId, snapshot);
      }).catch((error: unknown) => {
        throw explain("Changing the status", error, "The sheet was not changed.");
      });
    },

    async watch(listener: (event: PlanEvent) => void): Promise<() => Promise<void>> {
      await listPlans(); // the baseline every later change is compared with
      const handleChange = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
        if (event.triggerSource === "ThisLocalAddin") return;
        const remote = event.source === "Remote";
        const report = (sheetId: string, problems: Problem[]) =>
          listener({ kind: "plan-changed", sheetId, source: remote ? "Remote" : "Local", problems });
        try {
          await Excel.run({ delayForCellEdit: true }, async (context) => {
            const history = context.workbook.tables.getItemOrNullObject(HISTORY_TABLE);
            history.load("name");
            const sheet = context.workbook.worksheets.getItem(event.worksheetId);
            sheet.load("id,name");
            // A bounded window, not the used range: an edit on a large data sheet must not read it all.
            const window = planWindow(sheet);
            await context.sync();
            if (sheet.name === HISTORY_SHEET || !isPlanSheet(markerOf(window.range.values))) return;
            const values = await wholeIfLonger(context, sheet, window);
            let loaded: LoadedPlan;
            try {
              loaded = interpret(sheet.id, sheet.name, values);
            } catch (error) {
              report(sheet.id, [{ field: "bind", message: error instanceof Error ? error.message : String(error) }]);
              return;
            }
            const changes = remote ? [] : changesAgainstSnapshot(loaded);
            snapshots.set(sheet.id, snapshotOf(loaded.plan));
            if (changes.length > 0) {
              suppressOwnEvents(context);
              queueStatusEffects(context, loaded, changes, { table: history });
              restoreEvents(context);
              await context.sync();
            }
            report(sheet.id, loaded.plan.problems);
          });
        } catch (error) {
          report(event.worksheetId, [{ field: "bind", message: explain("Following the change", error).message }]);
        }
      };
      const handleSheets = async (): Promise<void> => listener({ kind: "plans-changed" });

      const registrations = await Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        const handlers = [
          sheets.onChanged.add(handleChange),
          sheets.onAdded.add(handleSheets),
          sheets.onDeleted.add(handleSheets),
          sheets.onActivated.add(handleSheets),
        ];
        await context.sync();
        return handlers;
      });
      return async () => {
        await Excel.run(registrations[0].context, async (context) => {
          for (const registration of registrations) registration.remove();
          await context.sync();
        });
      };
    },

    async previewUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanWithFormulas(context, sheetId);
        return planUpdate(loaded, cells, change, template).preview;
      }).catch((error: unknown) => {
        throw explain("Preparing the update", error);
      });
    },

    async applyUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanWithFormulas(context, sheetId);
        const plan = planUpdate(loaded, cells, change, template);
        suppressOwnEvents(context);
        queueUpdate(context.workbook.worksheets.getItem(sheetId), plan);
        if (plan.rebuild) {
          context.workbook.worksheets
            .getItem(sheetId)
            .customProperties.add(TEMPLATE_VERSION_PROPERTY, String(plan.rebuild.description.templateVersion));
        }
        restoreEvents(context);
        await context.sync();
        snapshots.delete(sheetId);
        return plan.preview;
      }).catch((error: unknown) => {
        throw explain(
          "Updating the plan",
          error,
          "Check the sheet; undo (Ctrl+Z) restores it if anything looks wrong.",
        );
      });
    },

    async previewRepair(sheetId: string): Promise<RepairPreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanWithFormulas(context, sheetId);
        return { sheetId, cells: planRepair(loaded.plan, cells, template).cells };
      }).catch((error: unknown) => {
        throw explain("Checking the formulas", error);
      });
    },

    async applyRepair(sheetId: string): Promise<RepairPreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanWithFormulas(context, sheetId);
        const repair = planRepair(loaded.plan, cells, template);
        if (repair.cells.length > 0) {
          suppressOwnEvents(context);
          queueRepair(context.workbook.worksheets.getItem(sheetId), repair);
          restoreEvents(context);
          await context.sync();
        }
        return { sheetId, cells: repair.cells };
      }).catch((error: unknown) => {
        throw explain("Repairing the formulas", error, "The sheet was not changed.");
      });
    },
  };

  return service;
}
