import { format } from "date-fns";
import type ExcelJS from "exceljs";
import { referencedSheet } from "../plan/book-overview";
import { withComputedValues } from "../plan/computed-cells";
import { parseIsoDate } from "../plan/dates";
import { findPerson, myWork, type MyWork, type MyWorkPlan, type MyWorkTask, peopleOnTeams } from "../plan/my-work";
import { DamagedPlanError, isPlanSheet, readPlanSheet } from "../plan/read-sheet";
import { COLUMN, LAYOUT } from "../plan/sheet-layout";
import { openWorkbook } from "../xlsx/book";
import { cellValue, worksheetCells } from "../xlsx/read-workbook";
import { asOfDay, InputError } from "./args";

/**
 * `service-plan overview FILE.xlsx [--person NAME] [--as-of YYYY-MM-DD] [--json]`: "My work" from a workbook
 * of plans. Dates come from the file's cached results where a spreadsheet saved them, and are otherwise
 * worked out from each plan's Bind, Renewal and holidays by the rule its formulas state.
 */

export interface OverviewOptions {
  person?: string;
  asOf?: string;
  json: boolean;
}

/** The one argument that is neither an option nor an option's value (the workbook), and the rest. */
export function splitFileArgument(args: readonly string[], valueOptions: readonly string[]) {
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--")) {
      rest.push(arg);
      if (valueOptions.includes(arg.slice(2)) && i + 1 < args.length) rest.push(args[++i]);
    } else files.push(arg);
  }
  return { files, rest };
}

/** A plan sheet whose tasks are missing from the list (it was rearranged, or it has no dates), and why. */
interface Skipped {
  sheet: string;
  reason: string;
}

export async function overviewReport(bytes: Uint8Array, file: string, options: OverviewOptions): Promise<string> {
  const asOf = asOfDay(options.asOf, "2027-03-01");
  let workbook;
  try {
    workbook = await openWorkbook(bytes);
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${(error as Error).message}.`);
  }

  const plans: MyWorkPlan[] = [];
  const skipped: Skipped[] = [];
  for (const worksheet of workbook.worksheets) {
    if (!isPlanSheet(cellValue(worksheet, LAYOUT.marker.kind.row, LAYOUT.marker.kind.column))) continue;
    try {
      const plan = readPlanSheet(withComputedValues(worksheetCells(worksheet, COLUMN.id)), asOf);
      plans.push({ sheetId: worksheet.name, sheetName: worksheet.name, plan });
      if (plan.problems.length > 0) {
        skipped.push({ sheet: worksheet.name, reason: plan.problems.map((p) => p.message).join(" ") });
      }
    } catch (error) {
      if (!(error instanceof DamagedPlanError)) throw error;
      skipped.push({ sheet: worksheet.name, reason: error.message });
    }
  }
  markRenewedPlans(plans, workbook);
  if (plans.length === 0 && skipped.length === 0) {
    throw new InputError(`${file} has no plan sheets: make one with service-plan new, or with the add-in in Excel.`);
  }

  let person: string | undefined;
  if (options.person !== undefined) {
    const found = findPerson(plans, options.person);
    if (found === null) {
      const people = peopleOnTeams(plans);
      throw new InputError(
        `Nobody called "${options.person.trim()}" is on a plan's service team in ${file}. ` +
          (people.length === 0
            ? "No plan names a service team."
            : `The teams name: ${people.slice(0, 30).join(", ")}${people.length > 30 ? `, and ${people.length - 30} more` : ""}.`),
      );
    }
    person = found;
  }

  const work = myWork(plans, { asOf, person });
  if (options.json) {
    return JSON.stringify({ ...work, plans: plans.length, people: peopleOnTeams(plans), skipped }, null, 2) + "\n";
  }
  return myWorkText(work, plans.length, skipped);
}

/**
 * A renewed plan's link to its next term (LAYOUT.renewedTo) is a formula over the next plan's sheet, which a file
 * written by the command line carries without a result: it is worked out here as the formula states it (the
 * next plan is there and follows this one), so a renewed plan is not listed as work.
 */
function markRenewedPlans(plans: MyWorkPlan[], workbook: ExcelJS.Workbook): void {
  for (const entry of plans) {
    if (entry.plan.renewedTo) continue;
    const link = workbook.getWorksheet(entry.sheetName)?.findCell(LAYOUT.renewedTo.row, LAYOUT.renewedTo.column);
    if (!link?.formula || link.result !== undefined) continue;
    const next = plans.find((other) => other.plan.follows !== "" && other.plan.follows === entry.plan.planId);
    if (next && referencedSheet(`=${link.formula}`) === next.sheetName) entry.plan.renewedTo = next.plan.planId;
  }
}

const SEPARATOR = " | ";

function dateLabel(iso: string): string {
  return format(parseIsoDate(iso)!, "EEE MMM d, yyyy");
}

function taskLine(task: MyWorkTask, forEveryone: boolean): string {
  const parts = [task.client, task.task, task.phase];
  if (task.status !== "Not started") parts.push(task.status);
  if (forEveryone) parts.push(task.assignedTo || "nobody assigned");
  return `    ${parts.filter(Boolean).join(SEPARATOR)}`;
}

/** My work as lines a person reads in a terminal: per section, each date, then the tasks due that day. */
export function myWorkText(work: MyWork, planCount: number, skipped: readonly Skipped[] = []): string {
  const whose = work.person ?? (work.role ? `the ${work.role}` : "everyone");
  const counts = work.sections.map((section) => `${section.count} ${section.title.toLowerCase()}`).join(", ");
  const lines = [
    `My work for ${whose}, as of ${dateLabel(work.asOf)} (${planCount} plan${planCount === 1 ? "" : "s"}): ${counts}.`,
  ];
  for (const section of work.sections) {
    lines.push("", `${section.title} (${section.count})`);
    if (section.count === 0) lines.push("  Nothing.");
    for (const day of section.days) {
      lines.push(`  ${dateLabel(day.date)}`);
      for (const task of day.tasks) lines.push(taskLine(task, work.person === null));
    }
  }
  for (const { sheet, reason } of skipped) lines.push("", `Not listed: sheet "${sheet}". ${reason}`);
  return lines.join("\n") + "\n";
}
