import {
  PlanError,
  type CreateResult,
  type MyWorkQuery,
  type MyWorkView,
  type PlanDetail,
  type PlanEvent,
  type PlanService,
  type PlanSummary,
  type PlanTaskRow,
  type RenewalOptions,
  type RenewalResult,
  type RepairPreview,
  type StatusChangeResult,
  type TemplatesView,
  type UpdateChange,
  type UpdatePreview,
  type WorkbookOverview,
} from "../../src/service/types";
import { taskState, type Status } from "../../src/plan/status";
import { checkPlanRequest, type PlanRequest } from "../../src/plan/validate";
import { parseIsoDate, toIsoDate } from "../../src/plan/dates";
import { findPerson, myWork, peopleOnTeams, rolesOnTeams, type MyWorkPlan } from "../../src/plan/my-work";
import { LAYOUT } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { describeHolidaysSheet } from "../../src/plan/agency-holidays";
import { readTemplateBook, type SheetValues } from "../../src/plan/template-book";
import { describeTemplateSheet } from "../../src/plan/template-sheet";
import { chooseTemplate, templatesView } from "../../src/service/templates-view";
import { cellValues } from "../support/template-cells";

/** One recorded call to the fake service. */
export interface Call {
  method: keyof PlanService;
  args: unknown[];
}

export function task(overrides: Partial<PlanTaskRow> & Pick<PlanTaskRow, "taskId" | "task">): PlanTaskRow {
  return {
    phaseId: "binding",
    phase: "Upon binding",
    owners: "AE",
    assignedTo: "Dana Lee",
    opens: "2027-01-15",
    due: "2027-02-01",
    status: "Not started",
    completedOn: null,
    notes: "",
    state: "not-started",
    ...overrides,
  };
}

/** A plan with two overdue tasks, one due soon, one done, in two phases. */
export function samplePlan(overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    sheetId: "sheet-acme",
    sheetName: "Acme 2027",
    client: "Acme Manufacturing",
    bind: "2027-01-15",
    renewal: "2028-01-15",
    team: { AE: "Dana Lee", "Associate AE": "Sam Ortiz", Producer: "Pat Kim", Claims: "Lou Park" },
    templateName: "Client Service Plan",
    roles: [...DEFAULT_TEMPLATE.roles],
    templateVersion: 1,
    latestTemplateVersion: 1,
    problems: [],
    today: "2027-03-01",
    counts: { notStarted: 1, inProgress: 1, done: 1, notApplicable: 0, overdue: 2, dueSoon: 1 },
    tasks: [
      task({ taskId: "t1", task: "Send the binder and invoice to the client", state: "overdue", due: "2027-02-01" }),
      task({
        taskId: "t2",
        task: "Deliver policies",
        owners: "Associate AE",
        assignedTo: "Sam Ortiz",
        state: "overdue",
        status: "In progress",
        due: "2027-02-20",
      }),
      task({
        taskId: "t3",
        task: "Stewardship meeting",
        phaseId: "service",
        phase: "Service",
        owners: "Producer, AE",
        assignedTo: "Pat Kim, Dana Lee",
        state: "due-soon",
        status: "",
        due: "2027-03-10",
      }),
      task({
        taskId: "t4",
        task: "Claims review",
        owners: "Claims",
        assignedTo: "Lou Park",
        state: "done",
        status: "Done",
      }),
    ],
    phases: [
      { phaseId: "binding", phase: "Upon binding", total: 3, closed: 1 },
      { phaseId: "service", phase: "Service", total: 4, closed: 0 },
    ],
    ...overrides,
  };
}

/**
 * A fake plan as the sheet it stands for: its tasks in rows under the table's header, in order; a task without
 * an id is a row a person added.
 */
function sheetPlanOf(plan: PlanDetail): MyWorkPlan {
  return {
    sheetId: plan.sheetId,
    sheetName: plan.sheetName,
    plan: {
      planId: plan.sheetId,
      templateName: plan.templateName,
      templateVersion: plan.templateVersion,
      roles: [...plan.roles],
      client: plan.client,
      bindCell: null,
      renewalCell: null,
      bind: plan.bind,
      renewal: plan.renewal,
      team: plan.team,
      holidays: [],
      problems: plan.problems,
      rows: plan.tasks.map((task, index) => ({
        ...task,
        row: LAYOUT.headerRow + 1 + index,
        id: task.taskId,
        kind: task.taskId === "" ? "added" : "task",
        statusText: task.status,
      })),
    },
  };
}

function summaryOf(plan: PlanDetail): PlanSummary {
  const { sheetId, sheetName, client, bind, renewal, counts, problems } = plan;
  return { sheetId, sheetName, client, bind, renewal, counts, problems };
}

/** A PlanService that keeps plans in memory, records every call and lets a test fail calls or emit events. */
export class FakePlanService implements PlanService {
  readonly plans = new Map<string, PlanDetail>();
  activeId: string | null = null;
  readonly calls: Call[] = [];
  readonly listeners = new Set<(event: PlanEvent) => void>();
  /** Errors the next call to a method throws. */
  readonly failures = new Map<keyof PlanService, Error>();
  /** Calls to a method wait for this promise (to observe a busy button). */
  readonly gates = new Map<keyof PlanService, Promise<void>>();
  /** What setTaskStatus answers about Plan history. */
  historyNote: string | null = null;
  updatePreview: UpdatePreview = {
    sheetId: "sheet-acme",
    changes: ["Assigned to for AE: Dana Lee -> Sam Ortiz"],
    keptEntries: 12,
    kept: ["Notes “Waiting on carrier” on “Obtain loss runs” moves from I23 to I25."],
    addedTasks: [],
    removedTasks: ["Loss control visit"],
  };
  repairPreview: RepairPreview = {
    sheetId: "sheet-acme",
    cells: [
      {
        address: "F12",
        taskId: "t1",
        task: "Send the binder and invoice to the client",
        column: "Due",
        found: "#REF!",
      },
    ],
  };
  createProblems: CreateResult | null = null;
  /**
   * The workbook's template and holidays sheets, as cell values (see test/support/template-cells.ts): templates()
   * and createPlan read them with the pure reader, as the adapter does.
   */
  templateSheets: SheetValues[] = [];
  stopped = 0;
  /** The day the service works for (the adapter's session.today()): My work's "as of" and task states. */
  today = "2027-03-01";

  constructor(plans: PlanDetail[] = []) {
    for (const plan of plans) this.plans.set(plan.sheetId, plan);
  }

  emit(event: PlanEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  callsTo(method: keyof PlanService): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  private async record(method: keyof PlanService, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const gate = this.gates.get(method);
    if (gate) await gate;
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private plan(sheetId: string): PlanDetail {
    const plan = this.plans.get(sheetId);
    if (!plan) throw new PlanError("That plan sheet was deleted.");
    return plan;
  }

  async createPlan(request: PlanRequest, template?: string): Promise<CreateResult> {
    await this.record("createPlan", template === undefined ? [request] : [request, template]);
    if (this.createProblems) return this.createProblems;
    const chosen = chooseTemplate(readTemplateBook(this.templateSheets), DEFAULT_TEMPLATE, template);
    if (!chosen.ok) return { ok: false, problems: chosen.problems };
    const checked = checkPlanRequest(request, chosen.template.roles);
    if (!checked.ok) return { ok: false, problems: checked.problems };
    const sheetId = `sheet-${this.plans.size + 1}`;
    const plan = samplePlan({
      sheetId,
      sheetName: checked.value.client.slice(0, 20),
      client: checked.value.client,
      bind: toIsoDate(checked.value.bind),
      renewal: toIsoDate(checked.value.renewal),
      team: checked.value.team,
      templateName: chosen.template.name,
      roles: [...chosen.template.roles],
      templateVersion: chosen.template.version,
      latestTemplateVersion: chosen.template.version,
    });
    this.plans.set(sheetId, plan);
    this.activeId = sheetId;
    return { ok: true, plan: summaryOf(plan) };
  }

  async templates(): Promise<TemplatesView> {
    await this.record("templates", []);
    return templatesView(readTemplateBook(this.templateSheets), DEFAULT_TEMPLATE);
  }

  /** As the adapter: the built-in template's sheet, and a holidays sheet when there is none. */
  async addTemplateSheet(): Promise<{ sheetName: string }> {
    await this.record("addTemplateSheet", []);
    const taken = this.templateSheets.map((sheet) => sheet.name);
    const template = describeTemplateSheet(DEFAULT_TEMPLATE, { existingSheetNames: taken });
    this.templateSheets.push({ name: template.name, values: cellValues(template.cells) });
    if (readTemplateBook(this.templateSheets).holidayProblems === null) {
      const holidays = describeHolidaysSheet([], { existingSheetNames: [...taken, template.name] });
      this.templateSheets.push({ name: holidays.name, values: cellValues(holidays.cells) });
    }
    return { sheetName: template.name };
  }

  async listPlans(): Promise<PlanSummary[]> {
    await this.record("listPlans", []);
    return [...this.plans.values()].map(summaryOf);
  }

  async overview(sheetId?: string): Promise<WorkbookOverview> {
    await this.record("overview", sheetId === undefined ? [] : [sheetId]);
    const shown = sheetId ?? this.activeId;
    const plan = shown ? this.plans.get(shown) : undefined;
    return {
      plans: [...this.plans.values()].map(summaryOf),
      activeId: plan ? plan.sheetId : null,
      detail: plan ? (JSON.parse(JSON.stringify(plan)) as PlanDetail) : null,
    };
  }

  async activatePlan(sheetId: string): Promise<void> {
    await this.record("activatePlan", [sheetId]);
    this.plan(sheetId);
    this.activeId = sheetId;
  }

  async activePlanId(): Promise<string | null> {
    await this.record("activePlanId", []);
    return this.activeId;
  }

  async readPlan(sheetId: string): Promise<PlanDetail> {
    await this.record("readPlan", [sheetId]);
    return JSON.parse(JSON.stringify(this.plan(sheetId))) as PlanDetail;
  }

  async selectTask(sheetId: string, taskId: string): Promise<void> {
    await this.record("selectTask", [sheetId, taskId]);
  }

  async myWork(query: MyWorkQuery): Promise<MyWorkView> {
    await this.record("myWork", [query]);
    // What the adapter does over the sheets it read: the pure My work of every plan.
    const plans = [...this.plans.values()].map(sheetPlanOf);
    const person = query.person === undefined ? undefined : (findPerson(plans, query.person) ?? query.person);
    const work = myWork(plans, { asOf: this.asOf(), person, role: query.role });
    return {
      ...(JSON.parse(JSON.stringify(work)) as typeof work),
      people: peopleOnTeams(plans),
      roles: rolesOnTeams(plans),
    };
  }

  private asOf() {
    const asOf = parseIsoDate(this.today);
    if (!asOf) throw new Error(`FakePlanService.today is not a date: ${this.today}`);
    return asOf;
  }

  async setTaskStatus(sheetId: string, taskId: string, status: Status): Promise<StatusChangeResult> {
    await this.record("setTaskStatus", [sheetId, taskId, status]);
    const row = this.plan(sheetId).tasks.find((candidate) => candidate.taskId === taskId);
    if (!row) throw new PlanError(`The task "${taskId}" is no longer on the sheet.`);
    row.status = status;
    row.state = taskState(status, row.due, this.asOf());
    return { historyNote: this.historyNote };
  }

  async watch(listener: (event: PlanEvent) => void): Promise<() => Promise<void>> {
    await this.record("watch", []);
    this.listeners.add(listener);
    return async () => {
      this.stopped += 1;
      this.listeners.delete(listener);
    };
  }

  async previewUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
    await this.record("previewUpdate", [sheetId, change]);
    return this.updatePreview;
  }

  async applyUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview> {
    await this.record("applyUpdate", [sheetId, change]);
    return this.updatePreview;
  }

  async previewRepair(sheetId: string): Promise<RepairPreview> {
    await this.record("previewRepair", [sheetId]);
    return this.repairPreview;
  }

  async applyRepair(sheetId: string): Promise<RepairPreview> {
    await this.record("applyRepair", [sheetId]);
    const repaired = this.repairPreview;
    this.repairPreview = { sheetId, cells: [] };
    return repaired;
  }

  /** What previewRenewal and renewPlan answer; set by a test. */
  renewalResult: RenewalResult = { ok: false, problems: [{ field: "plan", message: "No renewal set up." }] };

  async previewRenewal(sheetId: string, options: RenewalOptions): Promise<RenewalResult> {
    await this.record("previewRenewal", [sheetId, options]);
    return this.renewalResult;
  }

  async renewPlan(sheetId: string, options: RenewalOptions): Promise<RenewalResult> {
    await this.record("renewPlan", [sheetId, options]);
    return this.renewalResult;
  }
}
