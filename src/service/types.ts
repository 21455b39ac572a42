import type { AgencyHoliday } from "../plan/agency-holidays";
import type { TaskFields } from "../plan/read-sheet";
import type { TemplateProblem } from "../plan/template-read";
import type { MyWork } from "../plan/my-work";
import type { RepairCell } from "../plan/repair-plan";
import type { Role, ServiceTeam } from "../plan/roles";
import type { Status } from "../plan/status";
import type { CarryChoice, Renewal, RenewalProblem, RenewalTiming } from "../plan/renew";
import type { PlanRequest, Problem } from "../plan/validate";

/**
 * What the task pane sees of the workbook. The pane depends on this interface only; `src/excel` implements it
 * with Office.js. Dates are ISO "YYYY-MM-DD" strings; null where a cell holds no valid date.
 */

/**
 * What the plan list shows of a plan's work: done, overdue and due in the next 14 days. For a listed plan these
 * are the sheet's own summary figures (SUMMARY in sheet-layout.ts), computed by its formulas on Excel's TODAY(),
 * the same figures the Book overview shows; the list reads them instead of every plan's rows.
 */
export interface PlanCounts {
  done: number;
  overdue: number;
  dueSoon: number;
}

/** A plan's tasks by status, counted from its rows: what a plan read in full (PlanDetail) carries. */
export interface StatusCounts extends PlanCounts {
  notStarted: number;
  inProgress: number;
  notApplicable: number;
}

export interface PlanSummary {
  sheetId: string;
  sheetName: string;
  client: string;
  bind: string | null;
  renewal: string | null;
  counts: PlanCounts;
  /** What is wrong with the Bind/Renewal cells right now (typed by a person), for the pane to show. */
  problems: Problem[];
}

/** A task as the pane shows it: the row's fields as read (TaskFields), its id and its phase's id. */
export interface PlanTaskRow extends TaskFields {
  taskId: string;
  phaseId: string;
}

export interface PhaseProgress {
  phaseId: string;
  phase: string;
  total: number;
  closed: number;
}

export interface PlanDetail extends PlanSummary {
  counts: StatusCounts;
  today: string;
  /** The service team named in the plan's header. */
  team: ServiceTeam;
  /** The template the plan was made from (as its sheet records it). */
  templateName: string;
  /** Its service team's roles, in its order: a team update names people for these. */
  roles: Role[];
  /**
   * The version of its template the sheet was written with, and the newest one of that name (the workbook's
   * template sheet of that name, else the add-in's own): lower means an update is offered.
   */
  templateVersion: number;
  latestTemplateVersion: number;
  tasks: PlanTaskRow[];
  phases: PhaseProgress[];
}

export type PlanEvent =
  /**
   * A plan sheet changed (dates, statuses, notes), by this user or a co-author. `historyNote` is set when recording
   * the change needed a new Plan history table (see StatusChangeResult). `detail` is the plan as it reads after the
   * change (and what the add-in wrote for it), so the pane can show it without reading it again; absent when the
   * sheet could not be read as a plan.
   */
  | {
      kind: "plan-changed";
      sheetId: string;
      source: "Local" | "Remote";
      problems: Problem[];
      historyNote?: string;
      detail?: PlanDetail;
    }
  /** Sheets were added, removed, renamed or activated. */
  | { kind: "plans-changed" }
  /**
   * A person edited a template sheet (or the agency's holidays): the sheet as it now reads, with what is wrong on
   * it row by row (none when it passes its checks).
   */
  | { kind: "templates-changed"; sheetName: string; problems: TemplateProblem[] }
  /**
   * Following the workbook could not start yet: Excel refuses every request while a person is typing in a cell.
   * The add-in tries again for a while; `watch-started` follows once it could.
   */
  | { kind: "watch-waiting"; reason: "cell-edit" }
  /** Following the workbook started after waiting (`watch-waiting`): what the pane shows may be read again. */
  | { kind: "watch-started" };

export interface StatusChangeResult {
  /**
   * Set when the Plan history table was gone (deleted, converted to a range, or its sheet name taken by another
   * sheet) and a new one was started: where the history now goes, for the pane to tell the person.
   */
  historyNote: string | null;
}

export type CreateResult = { ok: true; plan: PlanSummary } | { ok: false; problems: Problem[] };

export interface UpdateChange {
  /** The new service team (replaces the header's team). */
  team?: ServiceTeam;
  /** Bring the plan to the current template version. */
  upgradeTemplate?: boolean;
}

export interface UpdatePreview {
  sheetId: string;
  /** One plain sentence per change, e.g. "Assigned to for AE: Dana Lee -> Sam Ortiz". */
  changes: string[];
  /** Cells people typed that the update keeps (and may move with their task). */
  keptEntries: number;
  /** Those cells in words, where each goes: "Notes “Waiting on carrier” on “Obtain loss runs” moves from I23 to I25." */
  kept: string[];
  addedTasks: string[];
  removedTasks: string[];
}

export type { RepairCell };

export interface RepairPreview {
  sheetId: string;
  cells: RepairCell[];
}

/** Everything the pane shows at once: the plans, which one is open, and that one in detail. */
export interface WorkbookOverview {
  plans: PlanSummary[];
  /** The plan shown: the one asked for, else the active sheet when it is a plan, else null. */
  activeId: string | null;
  detail: PlanDetail | null;
}

/** Whose work "My work" lists: a person on a plan's team, a role, or (neither) everyone's. */
export interface MyWorkQuery {
  person?: string;
  role?: Role;
}

/**
 * Open tasks across every plan (src/plan/my-work.ts), each task's `sheetId` the worksheet's id. `people` is
 * everyone on any plan's service team, to choose from; a `person` nobody's team names lists nothing.
 */
export interface MyWorkView extends MyWork {
  people: string[];
  /** The roles of the plans' teams, to choose from (an agency's template may name its own). */
  roles: Role[];
}

/** A template the New plan form offers: the workbook's own (one a sheet) or, when it has none, the built-in one. */
export interface TemplateSummary {
  /** The template's name; for a sheet whose name cannot be read, the sheet's name. */
  name: string;
  /** The sheet it is on; null for the built-in template. */
  sheetName: string | null;
  /** null when the version cannot be read. */
  version: number | null;
  /** The service team's roles (empty when the sheet's cannot be read). */
  roles: string[];
  /** What is wrong on the sheet, each on its row, field and cell: a template with problems makes no plan. */
  problems: TemplateProblem[];
}

export interface TemplatesView {
  templates: TemplateSummary[];
  /** The agency's holidays (from its holidays sheet; none without one). */
  holidays: AgencyHoliday[];
  /** The holidays sheet, if any, and what is wrong on it. */
  holidaysSheet: { sheetName: string; problems: TemplateProblem[] } | null;
}

/** What the person chooses for the next term; all optional: one term later, the same team, nothing carried. */
export interface RenewalOptions {
  /** The next term's renewal date (ISO); empty or absent: one term later, as long as the term before. */
  renewal?: string;
  /** The next term's service team (role -> person), as edited in the same step. */
  team?: ServiceTeam;
  carry?: CarryChoice;
}

/** The next term as the preview shows it, in words (`lines`) and in the fields the pane lets the person edit. */
export interface RenewalPreview extends Pick<
  Renewal,
  | "oldSheetName"
  | "newSheetName"
  | "client"
  | "oldTerm"
  | "newTerm"
  | "bind"
  | "renewal"
  | "termMonths"
  | "team"
  | "roles"
> {
  sheetId: string;
  timing: RenewalTiming;
  /** One sentence a line (src/plan/renew.ts renewalPreview). */
  lines: string[];
}

export type RenewalResult =
  | { ok: true; preview: RenewalPreview; plan?: PlanSummary }
  | {
      ok: false;
      problems: RenewalProblem[];
      /** The plan of the next term, where it was started before: the pane offers to open it. */
      alreadyStarted?: { sheetId: string | null; sheetName: string };
      /** The preview as the plan now reads, where a co-author changed it since the preview was shown. */
      changed?: RenewalPreview;
    };

export interface PlanService {
  /**
   * A new plan sheet from `template` (a name from `templates()`; the built-in template when none is given),
   * refused with the template's problems while it has any; the plan records the template's name and version.
   */
  createPlan(request: PlanRequest, template?: string): Promise<CreateResult>;
  /** The workbook's templates (or the built-in one) and the agency's holidays, checked. */
  templates(): Promise<TemplatesView>;
  /**
   * Adds the built-in template's sheet (and an agency holidays sheet, when there is none) for an agency to edit;
   * resolves to the new template sheet's name.
   */
  addTemplateSheet(): Promise<{ sheetName: string }>;
  listPlans(): Promise<PlanSummary[]>;
  /** The plans, the open one and its details, read together (two round trips where reading each costs four). */
  overview(sheetId?: string): Promise<WorkbookOverview>;
  activatePlan(sheetId: string): Promise<void>;
  /** The plan sheet the user is on, or null when the active sheet is not a plan. */
  activePlanId(): Promise<string | null>;
  readPlan(sheetId: string): Promise<PlanDetail>;
  selectTask(sheetId: string, taskId: string): Promise<void>;
  /** Every open task due within 30 days (or overdue) across the workbook's plans, for a person or a role. */
  myWork(query: MyWorkQuery): Promise<MyWorkView>;
  setTaskStatus(sheetId: string, taskId: string, status: Status): Promise<StatusChangeResult>;
  /** Starts watching the workbook; resolves to a function that stops watching. */
  watch(listener: (event: PlanEvent) => void): Promise<() => Promise<void>>;
  previewUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview>;
  applyUpdate(sheetId: string, change: UpdateChange): Promise<UpdatePreview>;
  previewRepair(sheetId: string): Promise<RepairPreview>;
  applyRepair(sheetId: string): Promise<RepairPreview>;
  /** The next term of the plan on `sheetId`, in words; nothing is written. */
  previewRenewal(sheetId: string, options: RenewalOptions): Promise<RenewalResult>;
  /**
   * Starts the next term as previewed: the new plan, the old plan's marker, its overview row and a Plan history
   * line, all or nothing. Refused (nothing written) when the old plan changed since the preview: `changed` then
   * holds the preview as it now reads. `plan` is the new plan.
   */
  renewPlan(sheetId: string, options: RenewalOptions): Promise<RenewalResult>;
}

/** A failure explained in words for the pane, never an Office error code. */
export class PlanError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = "PlanError";
  }
}
