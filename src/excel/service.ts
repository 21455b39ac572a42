import { type CalendarDate, calendarDate, toIsoDate } from "../plan/dates";
import { toExcelSerial } from "../plan/excel-dates";
import {
  type CellData,
  DamagedPlanError,
  isPlanSheet,
  readPlanSheet,
  type SheetPlan,
  type SheetRow,
} from "../plan/read-sheet";
import { computeSchedule } from "../plan/schedule";
import { describePlanSheet } from "../plan/sheet";
import { address, COLUMN, LAYOUT } from "../plan/sheet-layout";
import { completedOnAfter, STATUS, type Status } from "../plan/status";
import { DEFAULT_TEMPLATE, type Template } from "../plan/template";
import { checkPlanRequest, type PlanRequest, type Problem } from "../plan/validate";
import { type CellsBefore, commit, type CommitMessages, queueRestore, stagingName } from "./commit";
import { explain } from "./errors";
import {
  freeHistorySheetName,
  HISTORY_SHEET,
  HISTORY_TABLE,
  type HistoryEntry,
  historyRow,
  queueHistorySheet,
} from "./history";
import { queueCellWrites, queuePlanSheet } from "./sheet-writer";
import { patchAddresses, repairPatch, teamPatch } from "../plan/sheet-patch";
import type {
  CreateResult,
  PlanDetail,
  PlanEvent,
  PlanService,
  PlanSummary,
  RepairPreview,
  StatusChangeResult,
  UpdateChange,
  UpdatePreview,
  WorkbookOverview,
} from "../service/types";
import { PlanError } from "../service/types";
import { damagedPlanSummary, newPlanCounts, planDetail, planSummary, type PlanOnSheet } from "../service/view";
import { type PlanExtent, planUpdate, queueRebuildSettings, queueUpdate, rebuildArea } from "./update";
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
function planWindow(sheet: Excel.Worksheet, withFormulas = false): PlanWindow {
  const range = sheet.getRange(`A1:${address(PLAN_WINDOW_ROWS, COLUMN.id)}`);
  if (withFormulas) range.load("values,formulas");
  else range.load("values");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  return { range, used };
}

function windowIsShort({ used }: PlanWindow): boolean {
  return !used.isNullObject && used.rowIndex + used.rowCount > PLAN_WINDOW_ROWS;
}

/** The window's values and formulas, or (one more round trip) the whole plan's when people added rows beyond it. */
async function wholeIfLonger(
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

function markerOf(values: unknown[][]): unknown {
  return values[LAYOUT.marker.kind.row - 1]?.[LAYOUT.marker.kind.column - 1];
}

/** What a status change needs to know of Plan history, read with the plan: the table, if any, and the sheet names. */
interface HistoryRead {
  table: Excel.Table;
  sheets: Excel.WorksheetCollection;
}

function queueHistoryRead(context: Excel.RequestContext): HistoryRead {
  const table = context.workbook.tables.getItemOrNullObject(HISTORY_TABLE);
  table.load("name");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  return { table, sheets };
}

/** Said when the history table was gone although its sheet name is taken, so the history moves to a new sheet. */
function historyMovedNote(newSheet: string): string {
  return (
    `The Plan history table was missing, so a new one was started on the sheet "${newSheet}". ` +
    `The sheet "${HISTORY_SHEET}" was left as it was.`
  );
}

export function createExcelPlanService(options: ExcelPlanServiceOptions = {}): PlanService {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const now = options.now ?? (() => new Date());
  const newPlanId = options.newPlanId ?? randomPlanId;
  const snapshots = new Map<string, StatusSnapshot>();
  const today = () => localDay(now());

  function interpret(sheetId: string, sheetName: string, values: unknown[][]): PlanOnSheet {
    try {
      return { sheetId, sheetName, plan: readPlanSheet(values as CellData[][], today()) };
    } catch (error) {
      if (error instanceof DamagedPlanError) throw new PlanError(`${sheetName}: ${error.message}`);
      throw error;
    }
  }

  /**
   * One round trip: the plan on `sheetId` and, for a change that writes cells, what they hold before it (formulas,
   * and number formats where the change sets them), to write back if Excel rejects the change part-way.
   */
  async function loadPlanCells(
    context: Excel.RequestContext,
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
    const withFormulas = properties !== "values";
    return {
      loaded: interpret(sheet.id, sheet.name, range.values),
      cells: {
        values: range.values as CellData[][],
        formulas: withFormulas ? range.formulas : [],
        numberFormats: properties.endsWith("numberFormat") ? range.numberFormat : undefined,
      },
    };
  }

  async function loadPlan(context: Excel.RequestContext, sheetId: string): Promise<PlanOnSheet> {
    return (await loadPlanCells(context, sheetId, "values")).loaded;
  }

  /**
   * Writes what a set of status changes calls for, in one batch that lands whole or not at all: Completed on
   * stamped when a task becomes Done (if empty) and cleared when it leaves Done, one Plan history row per change,
   * and, from the pane, the status itself. A missing history table is started on a sheet built under a staging
   * name; the writes come in the order that lets a failure be taken back: cells first, history rows, the new
   * sheet's rename last. Returns the note to show when the history moved to a new sheet.
   */
  async function recordStatusChanges(
    context: Excel.RequestContext,
    loaded: PlanOnSheet,
    changes: { row: SheetRow; from: string; to: string }[],
    before: CellsBefore,
    history: HistoryRead,
    messages: CommitMessages,
    setStatus = false,
  ): Promise<string | null> {
    const sheet = context.workbook.worksheets.getItem(loaded.sheetId);
    const day = toExcelSerial(today());
    const writes: { cell: string; value: string | number }[] = [];
    for (const { row, from, to } of changes) {
      if (setStatus) writes.push({ cell: address(row.row, COLUMN.status), value: to });
      const completed = address(row.row, COLUMN.completedOn);
      const stamp = completedOnAfter(from, to, row.completedOn);
      if (stamp !== "keep") writes.push({ cell: completed, value: stamp === "stamp" ? day : "" });
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
    const taken = history.sheets.items.map((s) => s.name);
    const newHistory = history.table.isNullObject;
    const staging = newHistory ? stagingName() : null;
    const historySheet = freeHistorySheetName(taken);
    await commit(
      context,
      messages,
      () => {
        const table = staging ? queueHistorySheet(context.workbook, staging) : history.table;
        for (const { cell, value } of writes) sheet.getRange(cell).values = [[value]];
        table.rows.add(
          undefined,
          entries.map((entry) => historyRow(entry, localDay)),
        );
        if (staging) table.worksheet.name = historySheet;
      },
      async () => {
        queueRestore(
          sheet,
          writes.map((w) => w.cell),
          before,
        );
        const made = staging ? context.workbook.worksheets.getItemOrNullObject(staging) : null;
        made?.load("name");
        await context.sync();
        if (made && !made.isNullObject) {
          made.delete();
          await context.sync();
        }
        return "undone";
      },
    );
    const moved = newHistory && taken.some((name) => name.toLowerCase() === HISTORY_SHEET.toLowerCase());
    return moved ? historyMovedNote(historySheet) : null;
  }

  function changesAgainstSnapshot(loaded: PlanOnSheet): { row: SheetRow; from: string; to: string }[] {
    const before = snapshots.get(loaded.sheetId);
    if (!before) return [];
    return loaded.plan.rows
      .filter((row) => row.id && row.kind !== "phase" && before.has(row.id))
      .filter((row) => before.get(row.id) !== row.statusText)
      .map((row) => ({ row, from: before.get(row.id) ?? "", to: row.statusText }));
  }

  /**
   * Every plan of the workbook (and the active sheet's id), in two round trips: the sheet list, then a
   * plan-sized window of every sheet; a third only for a plan that grew past the window.
   */
  async function readWorkbook(
    context: Excel.RequestContext,
  ): Promise<{ activeId: string; plans: (PlanOnSheet | PlanSummary)[] }> {
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
        return damagedPlanSummary(sheet.id, sheet.name, error);
      }
    });
    return { activeId: active.id, plans };
  }

  const summaryOf = (entry: PlanOnSheet | PlanSummary): PlanSummary => ("plan" in entry ? planSummary(entry) : entry);

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
        const active = sheets.getActiveWorksheet();
        active.load("id");
        await context.sync();
        const description = describePlanSheet(template, checked.value, {
          planId: newPlanId(),
          // "Plan history" is the add-in's own sheet: a client of that name gets "Plan history (2)".
          existingSheetNames: [...sheets.items.map((s) => s.name), HISTORY_SHEET],
        });
        const staging = stagingName();
        const sheet = await commit(
          context,
          { doing: `Creating the plan sheet "${description.name}"`, unchanged: "Nothing was added to the workbook." },
          () => {
            // Built under the staging name and renamed last: if the plan's name was taken meanwhile (a co-author,
            // or Excel's case folding), only the rename fails, and the sheet to remove is the one of that name.
            const made = sheets.add(staging);
            queuePlanSheet(made, description);
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
            const previous = sheets.getItemOrNullObject(active.id);
            previous.load("id");
            await context.sync();
            if (!made.isNullObject) made.delete();
            // Removing the new sheet hands the focus to a neighbour: give it back to the sheet that had it.
            if (!previous.isNullObject) previous.activate();
            await context.sync();
            return "undone";
          },
        );
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
              .map((r) => [r.id, r.kind === "task" ? STATUS.notStarted : ""]),
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
          detail: chosen && "plan" in chosen ? planDetail(chosen, today(), template) : null,
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
        return planDetail(loaded, today(), template);
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

    async setTaskStatus(sheetId: string, taskId: string, status: Status): Promise<StatusChangeResult> {
      return Excel.run(async (context) => {
        const history = queueHistoryRead(context);
        const { loaded, cells } = await loadPlanCells(context, sheetId, "values,formulas");
        const row = loaded.plan.rows.find((r) => r.id === taskId);
        if (!row) throw new PlanError(`The task "${taskId}" is no longer on the sheet "${loaded.sheetName}".`);
        if (row.statusText === status) return { historyNote: null };
        const historyNote = await recordStatusChanges(
          context,
          loaded,
          [{ row, from: row.statusText, to: status }],
          cells,
          history,
          { doing: "Changing the status", unchanged: "The sheet was not changed." },
          true,
        );
        // Only now: a change that did not land is still a change against the snapshot, and is recorded later.
        const snapshot = snapshots.get(sheetId) ?? snapshotOf(loaded.plan);
        snapshot.set(taskId, status);
        snapshots.set(sheetId, snapshot);
        return { historyNote };
      }).catch((error: unknown) => {
        throw explain("Changing the status", error, "The sheet was not changed.");
      });
    },

    async watch(listener: (event: PlanEvent) => void): Promise<() => Promise<void>> {
      await listPlans(); // the baseline every later change is compared with
      const handleChange = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
        if (event.triggerSource === "ThisLocalAddin") return;
        const remote = event.source === "Remote";
        const report = (sheetId: string, problems: Problem[], historyNote?: string) =>
          listener({
            kind: "plan-changed",
            sheetId,
            source: remote ? "Remote" : "Local",
            problems,
            ...(historyNote ? { historyNote } : {}),
          });
        try {
          await Excel.run({ delayForCellEdit: true }, async (context) => {
            const history = queueHistoryRead(context);
            const sheet = context.workbook.worksheets.getItem(event.worksheetId);
            sheet.load("id,name");
            // A bounded window, not the used range: an edit on a large data sheet must not read it all.
            const window = planWindow(sheet, true);
            await context.sync();
            if (sheet.name === HISTORY_SHEET || !isPlanSheet(markerOf(window.range.values))) return;
            const cells = await wholeIfLonger(context, sheet, window);
            let loaded: PlanOnSheet;
            try {
              loaded = interpret(sheet.id, sheet.name, cells.values);
            } catch (error) {
              report(sheet.id, [{ field: "bind", message: error instanceof Error ? error.message : String(error) }]);
              return;
            }
            const changes = remote ? [] : changesAgainstSnapshot(loaded);
            const historyNote =
              changes.length > 0
                ? await recordStatusChanges(context, loaded, changes, cells, history, {
                    doing: "Recording the status change",
                    unchanged: "Completed on and Plan history are as they were; the next edit on the sheet records it.",
                  })
                : null;
            // Only after the writes landed: a change that failed stays a change, recorded with the next edit.
            snapshots.set(sheet.id, snapshotOf(loaded.plan));
            report(sheet.id, loaded.plan.problems, historyNote ?? undefined);
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
        const { loaded, cells } = await loadPlanCells(context, sheetId, "values,formulas");
        return planUpdate(loaded, cells, change, template).preview;
      }).catch((error: unknown) => {
        throw explain("Preparing the update", error);
      });
    },

    async applyUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanCells(context, sheetId, "values,formulas,numberFormat");
        const plan = planUpdate(loaded, cells, change, template);
        const workbook = context.workbook;
        const sheet = workbook.worksheets.getItem(sheetId);
        const before: PlanExtent = {
          lastRow: cells.values.length,
          lastTableRow: loaded.plan.rows[loaded.plan.rows.length - 1]?.row ?? LAYOUT.firstDataRow,
        };
        const staging = stagingName();
        const description = plan.rebuild?.description;
        const queueVersion = () => {
          if (description) {
            sheet.customProperties.add(TEMPLATE_VERSION_PROPERTY, String(description.templateVersion));
          }
        };
        await commit(
          context,
          { doing: "Updating the plan", unchanged: "The sheet was not changed." },
          () => {
            queueUpdate(workbook, sheet, plan, staging, before);
            queueVersion();
          },
          async () => {
            if (!description) {
              queueRestore(sheet, patchAddresses(teamPatch(plan.team)), cells);
              await context.sync();
              return "undone";
            }
            // The paste is the commit point: cells unlike those read before mean it landed, so finish instead.
            const area = sheet.getRange(rebuildArea(description, before));
            area.load("formulas");
            const scratch = workbook.worksheets.getItemOrNullObject(staging);
            scratch.load("name");
            await context.sync();
            const landed = area.formulas.some((line, r) =>
              line.some((formula, c) => formula !== (cells.formulas[r]?.[c] ?? "")),
            );
            if (!scratch.isNullObject) scratch.delete();
            if (!landed) {
              await context.sync();
              return "undone";
            }
            queueVersion();
            queueRebuildSettings(sheet, description, before);
            // Ungrouping rows that have no groups (a person removed them) may be what failed: then leave it out.
            await context.sync().catch(() => {
              queueVersion();
              queueRebuildSettings(sheet, description, before, false);
              return context.sync();
            });
            return "completed";
          },
        );
        snapshots.delete(sheetId);
        return plan.preview;
      }).catch((error: unknown) => {
        throw explain("Updating the plan", error, "The sheet was not changed.");
      });
    },

    async previewRepair(sheetId: string): Promise<RepairPreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanCells(context, sheetId, "values,formulas");
        return { sheetId, cells: planRepair(loaded.plan, cells, template).cells };
      }).catch((error: unknown) => {
        throw explain("Checking the formulas", error);
      });
    },

    async applyRepair(sheetId: string): Promise<RepairPreview> {
      return Excel.run(async (context) => {
        const { loaded, cells } = await loadPlanCells(context, sheetId, "values,formulas,numberFormat");
        const repair = planRepair(loaded.plan, cells, template);
        const patch = repairPatch(repair);
        if (repair.cells.length > 0) {
          const sheet = context.workbook.worksheets.getItem(sheetId);
          await commit(
            context,
            { doing: "Repairing the formulas", unchanged: "The sheet was not changed." },
            () => queueCellWrites(sheet, patch),
            async () => {
              queueRestore(sheet, patchAddresses(patch), cells);
              await context.sync();
              return "undone";
            },
          );
        }
        return { sheetId, cells: repair.cells };
      }).catch((error: unknown) => {
        throw explain("Repairing the formulas", error, "The sheet was not changed.");
      });
    },
  };

  return service;
}
