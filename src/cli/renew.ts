import { randomUUID } from "node:crypto";
import type ExcelJS from "exceljs";
import { withComputedValues } from "../plan/computed-cells";
import { DEFAULT_TEMPLATE } from "../plan/default-template";
import { DamagedPlanError, readPlanSheet } from "../plan/read-sheet";
import {
  type CarryChoice,
  type PlanInBook,
  planRenewal,
  type RenewalTemplate,
  type RenewalTiming,
} from "../plan/renew";
import type { SheetCells } from "../plan/sheet-cells";
import { COLUMN, LAYOUT } from "../plan/sheet-layout";
import { pickTemplate, readTemplateBook } from "../plan/template-book";
import * as book from "../xlsx/book";
import { cellValue, worksheetCells } from "../xlsx/read-workbook";
import { asOfDay, InputError, localToday, UsageError } from "./args";
import { readTeam, readWorkbookFile, refuseIfInUse, writeNewFile } from "./files";
import { templateForPlan } from "./templates";

/**
 * `service-plan renew FILE.xlsx --plan NAME [...] [--yes]`: the next term's plan started from the plan on sheet
 * NAME, in the same workbook. The preview in words first; with --yes, the new plan, the old plan's link to it
 * and the Book overview are written in one go (the whole file or nothing).
 */

export interface RenewOptions {
  plan?: string;
  renewal?: string;
  team?: string;
  template?: string;
  carry?: string;
  asOf?: string;
  yes: boolean;
}

const CARRY_CHOICES = { notes: "notes", "own-rows": "ownRows" } as const;

/** `--carry notes,own-rows` as a choice; anything else is refused, naming what it takes. */
export function parseCarry(argument: string | undefined): CarryChoice {
  if (argument === undefined) return {};
  const choice: CarryChoice = {};
  for (const part of argument.split(",").map((p) => p.trim().toLowerCase())) {
    if (part === "") continue;
    if (!(part in CARRY_CHOICES)) {
      throw new UsageError(`--carry ${argument}: "${part}" is not something to carry; give notes, own-rows or both.`);
    }
    choice[CARRY_CHOICES[part as keyof typeof CARRY_CHOICES]] = true;
  }
  return choice;
}

function planSheetsWithLinks(workbook: ExcelJS.Workbook): PlanInBook[] {
  return book.planSheetsOf(workbook).map((plan) => {
    const follows = cellValue(workbook.getWorksheet(plan.sheetName)!, LAYOUT.follows.row, LAYOUT.follows.column);
    return { ...plan, follows: typeof follows === "string" ? follows : "" };
  });
}

/** The plan's cells as a spreadsheet would show them (the file's formulas carry no results). */
function planCells(worksheet: ExcelJS.Worksheet): SheetCells {
  const cells = worksheetCells(worksheet, COLUMN.id);
  return { values: withComputedValues(cells), formulas: cells.formulas };
}

/**
 * The template of the next term: --template's, else the template the plan was made from at the version the
 * workbook holds (a template sheet of that name), else the built-in one. The agency's holidays come with it:
 * the templates file's, else the workbook's own Agency holidays sheet; null where there is none.
 */
async function renewalTemplate(
  workbook: ExcelJS.Workbook,
  cells: SheetCells,
  argument: string | undefined,
): Promise<{ template: RenewalTemplate; holidays: ReturnType<typeof readTemplateBook>["holidays"] | null }> {
  const inWorkbook = readTemplateBook(
    workbook.worksheets.map((sheet) => ({ name: sheet.name, values: worksheetCells(sheet).values })),
  );
  const workbookHolidays = inWorkbook.holidayProblems ? inWorkbook.holidays : null;
  if (argument !== undefined) {
    const chosen = await templateForPlan(argument);
    return {
      template: { ok: true, template: chosen.template },
      holidays: chosen.holidays.length > 0 ? chosen.holidays : workbookHolidays,
    };
  }
  let templateName = DEFAULT_TEMPLATE.name;
  try {
    templateName = readPlanSheet(cells.values, localToday()).templateName;
  } catch (error) {
    // A damaged plan is reported by planRenewal, naming what is missing.
    if (!(error instanceof DamagedPlanError)) throw error;
  }
  const own = inWorkbook.templates.some(
    (entry) => entry.read.ok && entry.read.template.name.toLowerCase() === templateName.toLowerCase(),
  );
  if (!own) return { template: { ok: true, template: DEFAULT_TEMPLATE }, holidays: workbookHolidays };
  const picked = pickTemplate(inWorkbook, templateName);
  return {
    template: picked.ok
      ? { ok: true, template: picked.template }
      : { ok: false, problems: [{ message: [picked.message, ...picked.problems].join("\n") }] },
    holidays: workbookHolidays,
  };
}

function timingLine(timing: RenewalTiming, yes: boolean): string {
  if (timing.kind === "early") {
    return yes
      ? `Started ${timing.daysToRenewal} days before the renewal, as confirmed with --yes.`
      : `The renewal is ${timing.daysToRenewal} day${timing.daysToRenewal === 1 ? "" : "s"} away, before the ` +
          "30 Days to Renewal work opens: to start the next term now anyway, run the command again with --yes.";
  }
  return yes ? "" : "Nothing is written yet: run the command again with --yes to write it.";
}

export async function renewPlan(file: string, options: RenewOptions): Promise<string> {
  if (options.plan === undefined) throw new UsageError("Name the plan to renew: --plan SHEET.");
  const carry = parseCarry(options.carry);
  const today = asOfDay(options.asOf, "2027-12-20");
  const team = readTeam(options.team);
  const bytes = readWorkbookFile(file, "the workbook");
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await book.loadBook(bytes);
  } catch (error) {
    if (error instanceof book.NotAWorkbookError || error instanceof book.WorkbookNotKeptError) {
      throw new InputError(`Cannot renew a plan in ${file}: ${error.message}.`);
    }
    throw error;
  }
  const plans = planSheetsWithLinks(workbook);
  const wanted = options.plan.trim();
  const sheet =
    plans.find((plan) => plan.sheetName === wanted) ??
    plans.find((plan) => plan.sheetName.toLowerCase() === wanted.toLowerCase());
  if (!sheet) {
    throw new InputError(
      `--plan ${options.plan}: ${file} has no plan sheet of that name. ` +
        (plans.length === 0
          ? "It holds no plans."
          : `Its plans: ${plans.map((plan) => `"${plan.sheetName}"`).join(", ")}.`),
    );
  }
  const worksheet = workbook.getWorksheet(sheet.sheetName)!;
  const cells = planCells(worksheet);
  const chosen = await renewalTemplate(workbook, cells, options.template);
  const planned = planRenewal({
    sheetName: sheet.sheetName,
    cells,
    today,
    newPlanId: randomUUID(),
    existingSheetNames: workbook.worksheets.map((w) => w.name),
    template: chosen.template,
    agencyHolidays: chosen.holidays,
    renewal: options.renewal,
    team,
    carry,
    plans,
  });
  if (!planned.ok) {
    if (planned.alreadyStarted !== undefined) {
      throw new InputError(`${planned.problems[0].message} Nothing was written to ${file}.`);
    }
    const field = (f: string) => (f === "renewal" && options.renewal !== undefined ? "--renewal: " : "");
    throw new InputError(
      planned.problems.map((problem) => `${field(problem.field)}${problem.message}`).join("\n") +
        `\nNothing was written to ${file}.`,
    );
  }
  const renewal = planned.renewal;
  const preview = renewal.preview.join("\n") + "\n";
  const confirmed = options.yes;
  if (!confirmed) return `${preview}${timingLine(renewal.timing, false)}\n`;

  refuseIfInUse(file);
  const written = await book.writeRenewal(workbook, {
    description: renewal.description,
    oldSheetName: renewal.oldSheetName,
    oldSheetWrites: renewal.oldSheetWrites,
  });
  writeNewFile(file, written.bytes, { replace: true });
  const overview = written.overview
    ? `Book overview "${written.overview.name}": ${written.overview.rows.rows.length} rows.\n`
    : "";
  const timing = timingLine(renewal.timing, true);
  return (
    `${preview}Wrote ${file}: the new plan "${renewal.newSheetName}", and "${renewal.oldSheetName}" marked as ` +
    `renewed.\n${overview}${timing ? `${timing}\n` : ""}`
  );
}
