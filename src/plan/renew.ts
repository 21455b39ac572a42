import { type AgencyHoliday, holidaysWithinTerm } from "./agency-holidays";
import { RENEWED_LINK_PREFIX, sheetPrefix } from "./book-overview";
import { type CalendarDate, compareDates, parseIsoDate, plusDays, plusMonths, toIsoDate } from "./dates";
import { EXCEL_LAST_DATE, toExcelSerial } from "./excel-dates";
import { DamagedPlanError, readPlanSheet, type SheetPlan } from "./read-sheet";
import type { Role, ServiceTeam } from "./roles";
import { describePlanSheet } from "./sheet";
import { cellAt, type SheetCells } from "./sheet-cells";
import { renewalFollowsBindFormula } from "./sheet-formulas";
import { address, COLUMN, LAYOUT, PLAN_MARKER, RENEWED_TO_REF } from "./sheet-layout";
import { planSheetName } from "./sheet-name";
import type { CellWrite } from "./sheet-patch";
import { HIDDEN_FORMAT } from "./sheet-style";
import { planSummaryCells } from "./sheet-summary";
import { type CellValue, formula, type SheetDescription, text } from "./sheet-types";
import { STATUS } from "./status";
import type { Template } from "./template";
import { planTemplateUpdate, teamOnTemplate } from "./update-plan";
import { checkHolidays, checkTeam, checkTerm, type DateInput, type Field, type PlanInputs } from "./validate";

/**
 * The yearly cycle: the next term's plan started from this one, and this one closed as the record of its term.
 * Pure: the old plan's cells in, the new plan's sheet description, the few cells of the old plan that change
 * (its link to the next term, and its summary's formulas, which read that link) and the preview in words out.
 * The command line (src/cli/renew.ts) and the add-in (src/excel/renew.ts) write them.
 *
 * How the two terms are linked (cells in LAYOUT): the new plan holds the old plan's id as text (`follows`, G1).
 * The old plan's `renewedTo` (H1) is a formula over the new sheet: the new plan's id while that sheet is a plan
 * that follows this one, else "". Deleting the new sheet turns the formula's references into #REF!, which its
 * IFERROR turns into "": the old plan is the live one again, with no #REF! to see. A renamed new sheet keeps the
 * link, as Excel rewrites the references. The summary, the Book overview and My work read `renewedTo`.
 */

/** What a person may choose to take into the next term; nothing is carried unless chosen. */
export interface CarryChoice {
  /** The notes of tasks the next term's template has too. */
  notes?: boolean;
  /** People's own rows (rows without a task id). */
  ownRows?: boolean;
}

/** A plan sheet in the workbook, for finding a next term already started. */
export interface PlanInBook {
  sheetName: string;
  planId: string;
  follows: string;
}

/** The template the next term uses, as the caller chose it: the newest of the plan's, or why none can be used. */
export type RenewalTemplate = { ok: true; template: Template } | { ok: false; problems: { message: string }[] };

export interface RenewalRequest {
  sheetName: string;
  cells: SheetCells;
  today: CalendarDate;
  newPlanId: string;
  /** Every sheet's name in the workbook: the new sheet's must differ. */
  existingSheetNames: readonly string[];
  template: RenewalTemplate;
  /** The agency's holidays (its Agency holidays sheet); null where the workbook has none. */
  agencyHolidays: readonly AgencyHoliday[] | null;
  /** A renewal date the person typed for the next term (ISO text); empty: one term later. */
  renewal?: DateInput;
  /** The next term's service team (role -> person), as edited; the old plan's when not given. */
  team?: Record<string, unknown>;
  carry?: CarryChoice;
  /** The workbook's plans, to find a next term already started. */
  plans?: readonly PlanInBook[];
}

/** When the next term is started, against the old plan's renewal date. */
export type RenewalTiming =
  /** Before the "30 Days to Renewal" work opens: the person confirms, told the days left. */
  | { kind: "early"; daysToRenewal: number; offeredFrom: string }
  | { kind: "due"; daysToRenewal: number }
  | { kind: "late"; daysLate: number };

export type RenewalField = Field | "plan";

export interface RenewalProblem {
  field: RenewalField;
  message: string;
}

export interface Renewal {
  oldSheetName: string;
  oldPlanId: string;
  newSheetName: string;
  newPlanId: string;
  client: string;
  /** The terms as the sheet names say them: "2026-27", "2027-28". */
  oldTerm: string;
  newTerm: string;
  bind: string;
  renewal: string;
  /** The next term's length in months when its Renewal follows its Bind date by formula; null for a typed date. */
  termMonths: number | null;
  team: ServiceTeam;
  roles: Role[];
  template: { name: string; version: number; fromName: string; fromVersion: number };
  /** What the newer template changes, in words ("adds ...", "retires ..."); empty when it is the same version. */
  templateChanges: string[];
  holidays: string[];
  carried: { notes: { task: string; note: string }[]; ownRows: string[] };
  /** Open tasks the old plan still holds: no longer counted as work. */
  openOnOld: number;
  timing: RenewalTiming;
  description: SheetDescription;
  /** The old plan's cells that change: its link to the next term and its summary's formulas. */
  oldSheetWrites: CellWrite[];
  preview: string[];
}

export type RenewalPlan =
  | { ok: true; renewal: Renewal }
  | {
      ok: false;
      problems: RenewalProblem[];
      /** The sheet of the next term's plan, where it was started before. */
      alreadyStarted?: string;
    };

/** The words a carried note or row starts with. */
export function carriedMark(term: string): string {
  return `Carried from ${term}`;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A term as a sheet name says it: "2027-28" for a term that ends in the next year, "2027-30" for a longer one,
 * "2099-2100" across a century, "Feb 2028" for a term shorter than a year that starts and ends in one year.
 */
export function termLabel(bind: CalendarDate, renewal: CalendarDate): string {
  const from = bind.getUTCFullYear();
  const to = renewal.getUTCFullYear();
  if (from === to) return `${MONTH_NAMES[bind.getUTCMonth()]} ${from}`;
  const sameCentury = Math.floor(from / 100) === Math.floor(to / 100);
  return `${from}-${sameCentury ? String(to).slice(-2) : to}`;
}

/** The last day of its month. */
const isMonthEnd = (date: CalendarDate) => plusDays(date, 1).getUTCDate() === 1;

/**
 * The term's length in whole months (1 to 36), or null when it is not whole months: the renewal falls on the
 * bind's day of the month, or both are the last day of their month (Feb 28, 2027 to Feb 29, 2028 is 12 months).
 */
export function termInMonths(bind: CalendarDate, renewal: CalendarDate): number | null {
  const months = (renewal.getUTCFullYear() - bind.getUTCFullYear()) * 12 + (renewal.getUTCMonth() - bind.getUTCMonth());
  if (months < 1 || months > 36) return null;
  if (compareDates(plusMonths(bind, months), renewal) === 0) return months;
  return isMonthEnd(bind) && isMonthEnd(renewal) ? months : null;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: CalendarDate, to: CalendarDate) => Math.round((to.getTime() - from.getTime()) / DAY_MS);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const quote = (name: string) => `\u201c${name}\u201d`;

/** A sheet's name inside a formula's string literal, as HYPERLINK's "#'Sheet'!A1" needs it. */
const linkTo = (sheetName: string) => `"#${sheetPrefix(sheetName).replace(/"/g, '""')}A1"`;
const literal = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** The old plan's link to the next term: the new plan's id while that sheet is there and follows this one. */
export function renewedToFormula(newSheetName: string): string {
  const on = (ref: string) => `${sheetPrefix(newSheetName)}${ref}`;
  const cell = (position: { row: number; column: number }) => on(address(position.row, position.column, true));
  const ownId = address(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column, true);
  return (
    `=IFERROR(IF(AND(${cell(LAYOUT.marker.kind)}="${PLAN_MARKER}",${cell(LAYOUT.follows)}=${ownId}),` +
    `${cell(LAYOUT.marker.planId)},""),"")`
  );
}

/** What the old plan's header shows: a link to the next term's sheet while there is one, else nothing. */
export function renewedLinkFormula(newSheetName: string): string {
  return `=IF(${RENEWED_TO_REF}="","",HYPERLINK(${linkTo(newSheetName)},${literal(`${RENEWED_LINK_PREFIX}${newSheetName}`)}))`;
}

/** What the new plan's header shows: a link back to the term before. */
export function followsLinkFormula(oldSheetName: string): string {
  return `=HYPERLINK(${linkTo(oldSheetName)},${literal(`Term before: ${oldSheetName}`)})`;
}

/**
 * The sheet of the next term already started from the plan `planId`: a plan that follows it (the new plan
 * records the plan it follows), or the one its `renewedTo` names. Null when there is none.
 */
export function nextTermStarted(
  plan: { planId: string; renewedTo?: string },
  plans: readonly PlanInBook[],
): string | null {
  const follower = plans.find((other) => other.follows !== "" && other.follows === plan.planId);
  if (follower) return follower.sheetName;
  const named = plan.renewedTo ? plans.find((other) => other.planId === plan.renewedTo) : undefined;
  return named?.sheetName ?? null;
}

/**
 * When the next term may start: from the day the "Draft renewal Client Service Plan" task opens (the 30 Days
 * to Renewal phase; 30 days before the renewal on a plan without that task); before that only once the person
 * confirms; after the renewal date, saying how late.
 */
export function renewalTiming(plan: SheetPlan, renewal: CalendarDate, today: CalendarDate): RenewalTiming {
  const draft = plan.rows.find((row) => /^draft renewal client service plan/i.test(row.task) && row.opens);
  const offeredFrom = (draft?.opens && parseIsoDate(draft.opens)) || plusDays(renewal, -30);
  const daysToRenewal = daysBetween(today, renewal);
  if (daysToRenewal < 0) return { kind: "late", daysLate: -daysToRenewal };
  if (compareDates(today, offeredFrom) < 0)
    return { kind: "early", daysToRenewal, offeredFrom: toIsoDate(offeredFrom) };
  return { kind: "due", daysToRenewal };
}

function oldPlanProblem(sheetName: string, message: string, field: RenewalField): RenewalProblem {
  return { field, message: `${quote(sheetName)} cannot start its next term: ${message}` };
}

/** The next term of the plan on `request.cells`, checked, described and put in words; nothing is written. */
export function planRenewal(request: RenewalRequest): RenewalPlan {
  const { sheetName, cells, today } = request;
  let plan: SheetPlan;
  try {
    plan = readPlanSheet(cells.values, today);
  } catch (error) {
    if (!(error instanceof DamagedPlanError)) throw error;
    return { ok: false, problems: [oldPlanProblem(sheetName, error.message, "plan")] };
  }
  const bindAt = address(LAYOUT.bind.row, LAYOUT.bind.column);
  const renewalAt = address(LAYOUT.renewal.row, LAYOUT.renewal.column);
  // The old term's dates are the new one's start: each problem names the cell to fix.
  if (plan.problems.length > 0 || !plan.bind || !plan.renewal) {
    const problems = plan.problems.length
      ? plan.problems
      : [{ field: "renewal" as const, message: "the Bind or Renewal cell holds no date." }];
    return {
      ok: false,
      problems: problems.map((problem) =>
        oldPlanProblem(
          sheetName,
          `${problem.message} (cell ${problem.field === "bind" ? bindAt : renewalAt})`,
          problem.field,
        ),
      ),
    };
  }
  const started = nextTermStarted(plan, request.plans ?? []);
  if (started !== null) {
    return {
      ok: false,
      alreadyStarted: started,
      problems: [
        {
          field: "plan",
          message: `The next term of ${quote(sheetName)} was started already, on the sheet ${quote(started)}: open that plan.`,
        },
      ],
    };
  }
  if (!request.template.ok) {
    return {
      ok: false,
      problems: request.template.problems.map((problem) => ({ field: "template", message: problem.message })),
    };
  }
  const template = request.template.template;

  const oldBind = parseIsoDate(plan.bind)!;
  const oldRenewal = parseIsoDate(plan.renewal)!;
  const newBind = oldRenewal;
  const typed = !(request.renewal === undefined || request.renewal === null || request.renewal === "");
  const termMonths = typed ? null : termInMonths(oldBind, oldRenewal);
  let renewalInput: DateInput = request.renewal;
  if (!typed) {
    const next =
      termMonths !== null ? plusMonths(newBind, termMonths) : plusDays(newBind, daysBetween(oldBind, oldRenewal));
    const length = termMonths !== null ? plural(termMonths, "month") : plural(daysBetween(oldBind, oldRenewal), "day");
    if (compareDates(next, EXCEL_LAST_DATE) > 0) {
      return {
        ok: false,
        problems: [
          {
            field: "renewal",
            message:
              `The next term's renewal, ${length} after its bind date ${toIsoDate(newBind)} (the renewal in ` +
              `${renewalAt} of ${quote(sheetName)}), would be after ${toIsoDate(EXCEL_LAST_DATE)}, the last date ` +
              "Excel can show: type a renewal date for the next term on or before it.",
          },
        ],
      };
    }
    renewalInput = toIsoDate(next);
  }
  const term = checkTerm(toIsoDate(newBind), renewalInput);
  if (!term.ok) {
    return {
      ok: false,
      problems: term.problems.map((problem) => ({
        field: problem.field,
        message: `Next term: ${problem.message}`,
      })),
    };
  }
  const renewal = term.value.renewal;

  // The team: as edited, else the old plan's, each person kept with their role where the template renamed it.
  const mapped = teamOnTemplate(plan.roles, template.roles, plan.team).people;
  const carriedTeam: ServiceTeam = {};
  template.roles.forEach((role, index) => {
    if (mapped[index]) carriedTeam[role] = mapped[index];
  });
  const team = checkTeam(request.team ?? carriedTeam, template.roles);
  if (!team.ok) return { ok: false, problems: team.problems };

  const bindIso = toIsoDate(newBind);
  const renewalIso = toIsoDate(renewal);
  const holidayDates =
    request.agencyHolidays === null
      ? plan.holidays.filter((holiday) => holiday >= bindIso && holiday <= renewalIso)
      : holidaysWithinTerm(request.agencyHolidays, bindIso, renewalIso);
  const holidays = checkHolidays(holidayDates);
  if (!holidays.ok) return { ok: false, problems: holidays.problems };

  const oldTerm = termLabel(oldBind, oldRenewal);
  const newTerm = termLabel(newBind, renewal);
  const mark = carriedMark(oldTerm);

  // What is carried, by choice: notes of the tasks the template still has, and people's own rows.
  const templateIds = new Set(
    template.phases.flatMap((phase) => phase.tasks.flatMap((task) => [task.id, ...task.items.map((item) => item.id)])),
  );
  const keptCells = new Map<string, Map<number, CellValue>>();
  const carriedNotes: { task: string; note: string }[] = [];
  if (request.carry?.notes) {
    for (const row of plan.rows) {
      if (row.kind === "added" || row.kind === "phase" || !row.notes || !templateIds.has(row.id)) continue;
      keptCells.set(row.id, new Map([[COLUMN.notes, text(`${mark}: ${row.notes}`)]]));
      carriedNotes.push({ task: row.task, note: row.notes });
    }
  }
  const extraRows: CellValue[][] = [];
  const carriedRows: string[] = [];
  if (request.carry?.ownRows) {
    for (const row of plan.rows) {
      if (row.kind !== "added") continue;
      const line: CellValue[] = Array.from({ length: COLUMN.id }, () => ({ kind: "empty" }) as CellValue);
      const put = (column: number, value: string) => {
        if (value !== "") line[column - 1] = text(value);
      };
      put(COLUMN.phase, row.phase);
      put(COLUMN.task, row.task);
      put(COLUMN.owner, row.owners);
      put(COLUMN.assignedTo, row.assignedTo);
      // The row's work starts again; its dates were the old term's and are left for the person to set.
      if (row.statusText !== "") put(COLUMN.status, STATUS.notStarted);
      put(COLUMN.notes, row.notes ? `${mark}: ${row.notes}` : mark);
      extraRows.push(line);
      carriedRows.push(row.task || row.phase || `row ${row.row}`);
    }
  }

  const inputs: PlanInputs = {
    client: plan.client,
    bind: newBind,
    renewal,
    renewalFollowsBind: false,
    team: team.value,
    holidays: holidays.value,
  };
  const description = describePlanSheet(template, inputs, {
    planId: request.newPlanId,
    existingSheetNames: [],
    keptCells,
    extraRows,
  });
  const newSheetName = planSheetName(plan.client, request.existingSheetNames, newTerm);
  description.name = newSheetName;
  const put = (position: { row: number; column: number }, value: CellValue) =>
    (description.cells[position.row - 1][position.column - 1] = value);
  if (termMonths !== null) put(LAYOUT.renewal, formula(renewalFollowsBindFormula(termMonths)));
  else put(LAYOUT.renewal, { kind: "number", value: toExcelSerial(renewal) });
  put(LAYOUT.follows, text(plan.planId));
  description.styles.push({
    range: address(LAYOUT.follows.row, LAYOUT.follows.column),
    style: { numberFormat: HIDDEN_FORMAT },
  });
  put(LAYOUT.termLink, formula(followsLinkFormula(sheetName)));
  description.styles.push({
    range: address(LAYOUT.termLink.row, LAYOUT.termLink.column),
    style: { italic: true, fontColor: "0563C1" },
  });

  const oldSheetWrites: CellWrite[] = [
    {
      address: address(LAYOUT.renewedTo.row, LAYOUT.renewedTo.column),
      value: formula(renewedToFormula(newSheetName)),
      numberFormat: HIDDEN_FORMAT,
    },
    {
      address: address(LAYOUT.termLink.row, LAYOUT.termLink.column),
      value: formula(renewedLinkFormula(newSheetName)),
      numberFormat: "General",
    },
    // The summary's formulas as they are now, which read the link (a plan made before them had ones that do not);
    // a cell a person typed over is left as it is.
    ...planSummaryCells({ label: {}, overdue: { fill: "", font: "" }, dueSoon: { fill: "", font: "" } })
      .cells.filter((cell) => cell.value.kind === "formula" && cellAt(cells, cell.row, cell.column).kind === "formula")
      .map((cell) => ({ address: address(cell.row, cell.column), value: cell.value })),
  ];

  const templateChanges = describeTemplateChanges(cells, plan, template, sheetName);
  const timing = renewalTiming(plan, oldRenewal, today);
  const openOnOld = plan.rows.filter(
    (row) => row.statusText !== "" && row.state !== "done" && row.state !== "n/a",
  ).length;
  const result: Renewal = {
    oldSheetName: sheetName,
    oldPlanId: plan.planId,
    newSheetName,
    newPlanId: request.newPlanId,
    client: plan.client,
    oldTerm,
    newTerm,
    bind: bindIso,
    renewal: renewalIso,
    termMonths,
    team: team.value,
    roles: [...template.roles],
    template: {
      name: template.name,
      version: template.version,
      fromName: plan.templateName,
      fromVersion: plan.templateVersion,
    },
    templateChanges,
    holidays: holidays.value.map(toIsoDate),
    carried: { notes: carriedNotes, ownRows: carriedRows },
    openOnOld,
    timing,
    description,
    oldSheetWrites,
    preview: [],
  };
  result.preview = renewalPreview(result, request.agencyHolidays !== null);
  return { ok: true, renewal: result };
}

/** What moving to `template` changes, in words, reusing the update's own account of it. */
function describeTemplateChanges(cells: SheetCells, plan: SheetPlan, template: Template, sheetName: string): string[] {
  if (template.name === plan.templateName && template.version === plan.templateVersion) return [];
  const update = planTemplateUpdate(cells, plan, template, sheetName);
  const list = (items: readonly string[]) =>
    items.length <= 3
      ? items.map(quote).join(", ")
      : `${items.slice(0, 3).map(quote).join(", ")} and ${items.length - 3} more`;
  return [
    update.addedTasks.length > 0 && `adds ${plural(update.addedTasks.length, "task")}: ${list(update.addedTasks)}`,
    update.retiredRows.length > 0 &&
      `no longer has ${plural(update.retiredRows.length, "task")}: ${list(update.retiredRows)}`,
    update.reworded.length > 0 && `rewords ${plural(update.reworded.length, "task")}`,
    update.retimed.length > 0 && `changes the timing of ${list(update.retimed)}`,
    ...update.renamedRoles.map((role) => `renames the role ${role.from} to ${role.to}`),
    ...update.droppedFromTeam.map((person) => `has no role ${person.role}, so ${person.person} is not on the new team`),
  ].filter((line): line is string => typeof line === "string");
}

/** "Jan 15, 2027", as the sheets show dates. */
export function readableDay(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTH_NAMES[month - 1]} ${day}, ${year}`;
}

/** The preview, one sentence a line, as the pane and the command line show it before anything is written. */
export function renewalPreview(renewal: Renewal, agencyHolidays: boolean): string[] {
  const lines: string[] = [];
  const length =
    renewal.termMonths !== null
      ? `${plural(renewal.termMonths, "month")} later, as long as the term before; it follows the Bind date`
      : "as typed";
  lines.push(
    `New plan ${quote(renewal.newSheetName)} for ${renewal.client}: bind ${readableDay(renewal.bind)} (the renewal ` +
      `date of ${quote(renewal.oldSheetName)}), renewal ${readableDay(renewal.renewal)} (${length}).`,
  );
  const people = renewal.roles.filter((role) => renewal.team[role]).map((role) => `${role} ${renewal.team[role]}`);
  lines.push(`Service team: ${people.length > 0 ? people.join(", ") : "nobody named yet"}.`);
  const { template } = renewal;
  const sameTemplate = template.name === template.fromName && template.version === template.fromVersion;
  lines.push(
    sameTemplate
      ? `Template ${quote(template.name)} version ${template.version}, as the term before.`
      : `Template ${quote(template.name)} version ${template.version} (the term before was on ` +
          `${quote(template.fromName)} version ${template.fromVersion})` +
          `${renewal.templateChanges.length > 0 ? `: ${renewal.templateChanges.join("; ")}` : ""}.`,
  );
  lines.push(
    renewal.holidays.length > 0
      ? `${plural(renewal.holidays.length, "holiday")} within the new term${agencyHolidays ? ", from the agency's list" : ""}.`
      : agencyHolidays
        ? "No agency holidays fall within the new term."
        : "No holidays: the workbook has no Agency holidays sheet; add the term's holidays to the plan's header.",
  );
  const { notes, ownRows } = renewal.carried;
  const carried = [
    notes.length > 0 && `the notes of ${plural(notes.length, "task")}`,
    ownRows.length > 0 && `${plural(ownRows.length, "row")} of your own`,
  ].filter(Boolean);
  lines.push(
    carried.length > 0
      ? `Carried, each marked \u201c${carriedMark(renewal.oldTerm)}\u201d: ${carried.join(" and ")}.`
      : "Nothing is carried from the term before (choose notes or your own rows to carry them).",
  );
  lines.push(
    `${quote(renewal.oldSheetName)} stays as it is, the record of ${renewal.oldTerm}, its header marked ` +
      `\u201cRenewed: see ${renewal.newSheetName}\u201d` +
      `${renewal.openOnOld > 0 ? `; its ${plural(renewal.openOnOld, "open task")} no longer count as work` : ""}.`,
  );
  const { timing } = renewal;
  if (timing.kind === "early") {
    lines.push(
      `The renewal is ${plural(timing.daysToRenewal, "day")} away; the 30 Days to Renewal work opens on ` +
        `${readableDay(timing.offeredFrom)}. Start the next term now only if you mean to.`,
    );
  } else if (timing.kind === "late") {
    lines.push(`The renewal was ${plural(timing.daysLate, "day")} ago.`);
  }
  return lines;
}
