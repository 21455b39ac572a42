import type { AgencyHoliday } from "../plan/agency-holidays";
import { DEFAULT_TEMPLATE } from "../plan/default-template";
import type { Template } from "../plan/template";
import { describeTemplateBookProblems, pickTemplate, type TemplateBook } from "../plan/template-book";
import { templateTasks } from "../plan/template";
import { NotAWorkbookError } from "../xlsx/book";
import { readTemplatesWorkbook, writeTemplatesWorkbook } from "../xlsx/templates";
import { InputError } from "./args";
import { readWorkbookFile, writeNewFile } from "./files";

/** `service-plan template --export`, `--check` and `new --template`: the agency's templates workbook. */

function summary(template: Template): string {
  const tasks = templateTasks(template).length;
  return (
    `template "${template.name}" version ${template.version}: ${template.phases.length} phases, ` +
    `${tasks} tasks, ${template.roles.length} roles`
  );
}

/** Writes the built-in template's sheet (and an empty agency holidays sheet) to `out`. */
export async function exportTemplate(out: string, force: boolean): Promise<string> {
  if (!out.toLowerCase().endsWith(".xlsx")) throw new InputError(`--export ${out}: the file name must end in .xlsx.`);
  writeNewFile(out, await writeTemplatesWorkbook([DEFAULT_TEMPLATE]), { replace: force, option: "--export" });
  return (
    `Wrote ${out}: ${summary(DEFAULT_TEMPLATE)}, and an "Agency holidays" sheet.\n` +
    `Edit it in Excel, then check it: service-plan template --check ${out}\n`
  );
}

async function readBook(file: string): Promise<TemplateBook> {
  const bytes = readWorkbookFile(file, "the templates workbook");
  try {
    return await readTemplatesWorkbook(bytes);
  } catch (error) {
    if (error instanceof NotAWorkbookError)
      throw new InputError(`Cannot read the templates workbook ${file}: ${error.message}.`);
    throw error;
  }
}

/** Checks every template (and the holidays) of `file`: "OK: ..." or every problem, row by row, as an InputError. */
export async function checkTemplates(file: string): Promise<string> {
  const book = await readBook(file);
  if (book.templates.length === 0) {
    throw new InputError(
      `${file} has no template sheet: export one with service-plan template --export FILE.xlsx and edit that.`,
    );
  }
  const problems = describeTemplateBookProblems(book);
  if (problems.length > 0) {
    throw new InputError(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} to fix:\n${problems.join("\n")}`,
    );
  }
  const lines = book.templates.map(({ sheetName, read }) =>
    read.ok ? `OK: ${summary(read.template)} (sheet "${sheetName}").` : "",
  );
  const holidays = book.holidayProblems
    ? `OK: ${book.holidays.length} agency holiday${book.holidays.length === 1 ? "" : "s"} (sheet "${book.holidayProblems.sheetName}").`
    : "No agency holidays sheet.";
  return `${[...lines, holidays].join("\n")}\n`;
}

/** The template `FILE.xlsx[:NAME]` names, checked, with the agency's holidays kept beside it. */
export async function templateForPlan(
  argument: string,
): Promise<{ template: Template; sheetName: string; holidays: AgencyHoliday[] }> {
  const match = /^(.*?\.xlsx)(?::(.*))?$/is.exec(argument);
  if (!match) {
    throw new InputError(
      `--template ${argument}: name an .xlsx file, with :NAME after it to pick one of its templates.`,
    );
  }
  const [, file, name] = match;
  const book = await readBook(file);
  const picked = pickTemplate(book, name);
  if (!picked.ok) throw new InputError([`--template ${argument}: ${picked.message}`, ...picked.problems].join("\n"));
  // The agency's holidays are the plan's too: one that cannot be read would be a due date that does not skip it.
  const holidayProblems = book.holidayProblems?.problems.length
    ? describeTemplateBookProblems({ templates: [], holidays: [], holidayProblems: book.holidayProblems })
    : [];
  if (holidayProblems.length > 0) {
    throw new InputError(
      [`--template ${argument}: the agency's holidays have problems to fix first:`, ...holidayProblems].join("\n"),
    );
  }
  return { template: picked.template, sheetName: picked.sheetName, holidays: book.holidays };
}
