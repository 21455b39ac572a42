import type { PlanService } from "../service/types";
import { createPlan } from "./create";
import { activatePlan, activePlanId, listPlans, overview, readPlan, selectTask } from "./read";
import { createSession, type ExcelPlanServiceOptions } from "./session";
import { setTaskStatus } from "./status";
import { applyRepair, applyUpdate, previewRepair, previewUpdate } from "./update-repair";
import { watch } from "./watch";

export type { ExcelPlanServiceOptions };

/**
 * The pane's PlanService on Office.js. Each job has its own module, all sharing one session (session.ts):
 * - create.ts: a new plan sheet;
 * - read.ts: the list of plans, one plan in detail, the active plan;
 * - status.ts: a status set from the pane, with Completed on and Plan history;
 * - watch.ts: a person's edits in the sheet, followed and recorded;
 * - update-repair.ts: a new team, a newer template, repaired date formulas.
 * Every write is one batch that lands whole or is taken back (commit.ts), rendered from a pure description of the
 * sheet or of the cells it changes (sheet-writer.ts).
 */
export function createExcelPlanService(options: ExcelPlanServiceOptions = {}): PlanService {
  const session = createSession(options);
  return {
    createPlan: (request) => createPlan(session, request),
    listPlans: () => listPlans(session),
    overview: (sheetId) => overview(session, sheetId),
    activatePlan,
    activePlanId,
    readPlan: (sheetId) => readPlan(session, sheetId),
    selectTask: (sheetId, taskId) => selectTask(session, sheetId, taskId),
    setTaskStatus: (sheetId, taskId, status) => setTaskStatus(session, sheetId, taskId, status),
    watch: (listener) => watch(session, listener),
    previewUpdate: (sheetId, change) => previewUpdate(session, sheetId, change),
    applyUpdate: (sheetId, change) => applyUpdate(session, sheetId, change),
    previewRepair: (sheetId) => previewRepair(session, sheetId),
    applyRepair: (sheetId) => applyRepair(session, sheetId),
  };
}
