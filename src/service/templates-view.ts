import { pickTemplate, type TemplateBook } from "../plan/template-book";
import type { Template } from "../plan/template";
import type { Problem } from "../plan/validate";
import type { TemplateSummary, TemplatesView } from "./types";

/**
 * What the pane is shown of a workbook's templates: each template sheet, checked, or (a workbook without any)
 * the built-in template; and the agency's holidays. Pure: the adapter reads the sheets, template-book.ts reads
 * them as templates.
 */
export function templatesView(book: TemplateBook, builtIn: Template): TemplatesView {
  const templates: TemplateSummary[] =
    book.templates.length === 0
      ? [summaryOf(builtIn, null)]
      : book.templates.map(({ sheetName, read }) =>
          read.ok
            ? summaryOf(read.template, sheetName)
            : { name: sheetName, sheetName, version: null, roles: [], problems: read.problems },
        );
  return { templates, holidays: book.holidays, holidaysSheet: book.holidayProblems };
}

function summaryOf(template: Template, sheetName: string | null): TemplateSummary {
  return { name: template.name, sheetName, version: template.version, roles: [...template.roles], problems: [] };
}

export type TemplateChoice = { ok: true; template: Template } | { ok: false; problems: Problem[] };

/**
 * The template a new plan is made from: the built-in one when no name is given, or when the workbook has no
 * template sheets and the name is the built-in template's; otherwise the workbook's template of that name,
 * refused (every problem, row by row) while it does not pass its checks.
 */
export function chooseTemplate(book: TemplateBook, builtIn: Template, name?: string): TemplateChoice {
  if (name === undefined) return { ok: true, template: builtIn };
  if (book.templates.length === 0 && name.trim().toLowerCase() === builtIn.name.toLowerCase()) {
    return { ok: true, template: builtIn };
  }
  const picked = pickTemplate(book, name);
  if (picked.ok) return { ok: true, template: picked.template };
  return {
    ok: false,
    problems: [picked.message, ...picked.problems].map((message) => ({ field: "template" as const, message })),
  };
}

/**
 * The newest template a plan made from `name` can move to: the workbook's template sheet of that name, refused
 * while it has problems; else the built-in template (which may carry another name: the update then says so).
 */
export function templateForPlan(book: TemplateBook, builtIn: Template, name: string): TemplateChoice {
  const picked = pickTemplate(book, name);
  if (picked.ok) return { ok: true, template: picked.template };
  if (picked.problems.length > 0) {
    return {
      ok: false,
      problems: [picked.message, ...picked.problems].map((message) => ({ field: "template" as const, message })),
    };
  }
  return { ok: true, template: builtIn };
}

/**
 * The template a plan was made from, at the version it was made from: the workbook's template of its name when
 * that is the version, else the built-in template when the plan is of its name (plans from before templates had
 * names and versions of their own included). What repairing its formulas needs: another template's timing would
 * give its dates other days.
 */
export function templateOfPlan(
  book: TemplateBook,
  builtIn: Template,
  plan: { templateName: string; templateVersion: number },
): TemplateChoice {
  const picked = pickTemplate(book, plan.templateName);
  if (picked.ok && picked.template.version === plan.templateVersion) return { ok: true, template: picked.template };
  if (plan.templateName.trim().toLowerCase() === builtIn.name.toLowerCase()) return { ok: true, template: builtIn };
  const message = `This plan was made from version ${plan.templateVersion} of the template “${plan.templateName}”, which is not in this workbook: add that template's sheet to repair its formulas, or update the plan to the template there.`;
  return { ok: false, problems: [{ field: "template", message }] };
}
