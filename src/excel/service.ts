import type { PlanService } from "../service/types";
import { myWork } from "./my-work";
import { activatePlan, activePlanId, listPlans, overview, readPlan, selectTask } from "./read";
import { createSession, type ExcelPlanServiceOptions } from "./session";
import { setTaskStatus } from "./status";
import { watch } from "./watch";

export type { ExcelPlanServiceOptions };

/**
 * The pane's PlanService on Office.js. Each job has its own module, all sharing one session (session.ts):
 * - create.ts: a new plan sheet;
 * - read.ts: the list of plans (each sheet's header and own summary figures), one plan in detail, the active plan;
 * - my-work.ts: My work across every plan, and the statuses watching starts from, read in chunks of bounded size;
 * - status.ts: a status set from the pane, with Completed on and Plan history;
 * - watch.ts: a person's edits in the sheet, followed and recorded;
 * - update-repair.ts: a new team, a newer template, repaired date formulas;
 * - book-overview.ts: the Book overview sheet, kept in step with the plan sheets (by create.ts and watch.ts).
 * - templates.ts: the workbook's templates and agency holidays, and the built-in template's sheet added to it.
 * - renew.ts: the next term started from a plan, the old plan kept as the record of its term.
 * Every write is one batch that lands whole or is taken back (commit.ts), rendered from a pure description of the
 * sheet or of the cells it changes (sheet-writer.ts).
 *
 * The jobs that describe whole sheets (create, update and repair) load on first use: the pane shows the plans and
 * takes input before their code (and the sheet description's) has arrived.
 */
export function createExcelPlanService(options: ExcelPlanServiceOptions = {}): PlanService {
  const session = createSession(options);
  const create = () => import("./create");
  const updateRepair = () => import("./update-repair");
  const templates = () => import("./templates");
  const renew = () => import("./renew");
  return {
    createPlan: async (request, template) => (await create()).createPlan(session, request, template),
    templates: async () => (await templates()).templates(session),
    addTemplateSheet: async () => (await templates()).addTemplateSheet(session),
    listPlans: () => listPlans(session),
    overview: (sheetId) => overview(session, sheetId),
    activatePlan,
    activePlanId,
    readPlan: (sheetId) => readPlan(session, sheetId),
    selectTask: (sheetId, taskId) => selectTask(session, sheetId, taskId),
    myWork: (query) => myWork(session, query),
    setTaskStatus: (sheetId, taskId, status) => setTaskStatus(session, sheetId, taskId, status),
    watch: (listener) => watch(session, listener),
    previewUpdate: async (sheetId, change) => (await updateRepair()).previewUpdate(session, sheetId, change),
    applyUpdate: async (sheetId, change) => (await updateRepair()).applyUpdate(session, sheetId, change),
    previewRepair: async (sheetId) => (await updateRepair()).previewRepair(session, sheetId),
    applyRepair: async (sheetId) => (await updateRepair()).applyRepair(session, sheetId),
    previewRenewal: async (sheetId, options) => (await renew()).previewRenewal(session, sheetId, options),
    renewPlan: async (sheetId, options) => (await renew()).renewPlan(session, sheetId, options),
  };
}
