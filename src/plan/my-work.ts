import { type CalendarDate, plusDays, toIsoDate } from "./dates";
import type { SheetPlan, SheetRow } from "./read-sheet";
import type { Role } from "./roles";
import { DUE_SOON_DAYS } from "./status";

/**
 * "My work": every open task across every plan in a workbook, for one person, one role or everyone, in the
 * order an account executive works through them on a Monday: overdue first, then what is due in the next 14
 * days, then the rest of the next 30, each grouped by date with the client on every line. Pure: the command
 * line and the pane read the plans (readPlanSheet) and show the result their own way.
 */

/** How far ahead the list looks, in days from the day it is made for. */
export const MY_WORK_HORIZON_DAYS = 30;

export interface MyWorkPlan {
  /** Whatever names the sheet for the caller: the worksheet's id in Excel, the sheet's name in a file. */
  sheetId: string;
  sheetName: string;
  plan: SheetPlan;
}

export interface MyWorkTask {
  client: string;
  sheetId: string;
  sheetName: string;
  /** 1-based sheet row, to select the task's row. */
  row: number;
  /** The task's id ("" for a row a person added). */
  taskId: string;
  phase: string;
  task: string;
  owners: string;
  assignedTo: string;
  /** The status as the sheet holds it (a status name, or a person's own text). */
  status: string;
  /** YYYY-MM-DD. */
  due: string;
}

export type MyWorkSectionKey = "overdue" | "due-soon" | "due-later";

export interface MyWorkSection {
  key: MyWorkSectionKey;
  title: string;
  count: number;
  /** In date order (oldest overdue first); on each date, by client, then by row. */
  days: { date: string; tasks: MyWorkTask[] }[];
}

export interface MyWork {
  asOf: string;
  /** Whose work: a person's name as a plan's team spells it, a role, or null for everyone. */
  person: string | null;
  role: Role | null;
  sections: MyWorkSection[];
}

export interface MyWorkFilter {
  asOf: CalendarDate;
  /** Someone on a plan's service team (see findPerson); their tasks are the ones naming them in Assigned to. */
  person?: string;
  role?: Role;
}

const normalized = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** Everyone named on any plan's service team, each once (names compared ignoring case and spacing), sorted. */
export function peopleOnTeams(plans: readonly MyWorkPlan[]): string[] {
  const byKey = new Map<string, string>();
  for (const { plan } of plans) {
    // The plan's own roles, in its team block's order: a plan from an agency's template has its own.
    for (const role of plan.roles) {
      const name = plan.team[role]?.trim();
      if (name && !byKey.has(normalized(name))) byKey.set(normalized(name), name);
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Every role of the plans' teams, each once (compared ignoring case), in the order the plans name them: the
 * built-in template's 8, and an agency template's own ("Account Manager").
 */
export function rolesOnTeams(plans: readonly MyWorkPlan[]): Role[] {
  const byKey = new Map<string, Role>();
  for (const { plan } of plans) {
    for (const role of plan.roles) if (!byKey.has(role.toLowerCase())) byKey.set(role.toLowerCase(), role);
  }
  return [...byKey.values()];
}

/** The person named `name` (ignoring case and spacing) as the teams spell it, or null when nobody is. */
export function findPerson(plans: readonly MyWorkPlan[], name: string): string | null {
  return peopleOnTeams(plans).find((person) => normalized(person) === normalized(name)) ?? null;
}

/**
 * Whether Assigned to names `person`. It holds the names joined with ", " (or what someone typed over it), so
 * a name is looked for whole between separators: "Dana Lee" is not on "Dana Leeds".
 */
function assigns(assignedTo: string, person: string): boolean {
  const names = `, ${normalized(assignedTo)}, `;
  return names.includes(`, ${normalized(person)}, `);
}

function ownsRole(owners: string, role: Role): boolean {
  return owners.split("/").some((owner) => owner.trim().toLowerCase() === role.toLowerCase());
}

const isOpen = (row: SheetRow) => row.statusText !== "" && row.state !== "done" && row.state !== "n/a";

export function myWork(plans: readonly MyWorkPlan[], filter: MyWorkFilter): MyWork {
  const today = toIsoDate(filter.asOf);
  const soon = toIsoDate(plusDays(filter.asOf, DUE_SOON_DAYS));
  const horizon = toIsoDate(plusDays(filter.asOf, MY_WORK_HORIZON_DAYS));
  const sectionOf = (due: string): MyWorkSectionKey | null =>
    due < today ? "overdue" : due <= soon ? "due-soon" : due <= horizon ? "due-later" : null;

  const bySection = new Map<MyWorkSectionKey, MyWorkTask[]>([
    ["overdue", []],
    ["due-soon", []],
    ["due-later", []],
  ]);
  for (const { sheetId, sheetName, plan } of plans) {
    // A plan whose next term was started is the record of its term: what is still open on it is no work.
    if (plan.renewedTo) continue;
    for (const row of plan.rows) {
      if (!isOpen(row) || row.due === null) continue;
      if (filter.person !== undefined && !assigns(row.assignedTo, filter.person)) continue;
      if (filter.role !== undefined && !ownsRole(row.owners, filter.role)) continue;
      const section = sectionOf(row.due);
      if (section === null) continue;
      bySection.get(section)!.push({
        client: plan.client,
        sheetId,
        sheetName,
        row: row.row,
        taskId: row.id,
        phase: row.phase,
        task: row.task,
        owners: row.owners,
        assignedTo: row.assignedTo,
        status: row.statusText,
        due: row.due,
      });
    }
  }

  const titles: Record<MyWorkSectionKey, string> = {
    overdue: "Overdue",
    "due-soon": `Due in the next ${DUE_SOON_DAYS} days`,
    "due-later": `Due in ${DUE_SOON_DAYS + 1} to ${MY_WORK_HORIZON_DAYS} days`,
  };
  const sections = [...bySection].map(([key, tasks]): MyWorkSection => {
    const byDate = new Map<string, MyWorkTask[]>();
    for (const task of tasks) byDate.set(task.due, [...(byDate.get(task.due) ?? []), task]);
    const days = [...byDate]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, onDate]) => ({
        date,
        tasks: onDate.sort(
          (a, b) => a.client.localeCompare(b.client) || a.sheetName.localeCompare(b.sheetName) || a.row - b.row,
        ),
      }));
    return { key, title: titles[key], count: tasks.length, days };
  });
  return { asOf: today, person: filter.person ?? null, role: filter.role ?? null, sections };
}
