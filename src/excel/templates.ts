import { describeHolidaysSheet, HOLIDAYS_LAYOUT, isHolidaysSheet } from "../plan/agency-holidays";
import type { CellData } from "../plan/read-sheet";
import { address } from "../plan/sheet-layout";
import { readTemplateBook, type TemplateBook } from "../plan/template-book";
import { isTemplateSheet, type TemplateProblem } from "../plan/template-read";
import { describeTemplateSheet, TEMPLATE_LAYOUT } from "../plan/template-sheet";
import type { TemplatesView } from "../service/types";
import { templatesView } from "../service/templates-view";
import { commit, stagingName } from "./commit";
import { wholePlanRange } from "./read";
import { runExplained, type Session } from "./session";
import { renderPlanSheet } from "./sheet-writer";

/**
 * The workbook's templates and agency holidays (template-book.ts reads them), and the built-in template's sheet
 * written into the workbook for an agency to edit.
 */

/** The top-left block that holds both markers: whether a sheet is a template, the holidays, or neither. */
const MARKERS = `A1:${address(
  Math.max(TEMPLATE_LAYOUT.marker.row, HOLIDAYS_LAYOUT.marker.row),
  Math.max(TEMPLATE_LAYOUT.marker.column, HOLIDAYS_LAYOUT.marker.column),
)}`;

const markerAt = (values: unknown[][], at: { row: number; column: number }) => values[at.row - 1]?.[at.column - 1];

/** Whether a sheet's values from A1 (at least the MARKERS block) are a template sheet or the holidays sheet. */
export function isTemplateBookSheet(values: unknown[][]): boolean {
  return (
    isTemplateSheet(markerAt(values, TEMPLATE_LAYOUT.marker)) ||
    isHolidaysSheet(markerAt(values, HOLIDAYS_LAYOUT.marker))
  );
}

/**
 * The workbook's templates and holidays in three round trips whatever the number of sheets: the sheet list, each
 * sheet's marker block, then the template and holidays sheets whole. Plan and other sheets are never read whole.
 */
export async function readWorkbookTemplates(context: Excel.RequestContext): Promise<TemplateBook> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const markers = sheets.items.map((sheet) => {
    const range = sheet.getRange(MARKERS);
    range.load("values");
    return { sheet, range };
  });
  await context.sync();
  const wanted = markers
    .filter(({ range }) => isTemplateBookSheet(range.values))
    .map(({ sheet }) => {
      const whole = wholePlanRange(sheet);
      whole.load("values");
      return { name: sheet.name, whole };
    });
  if (wanted.length > 0) await context.sync();
  return readTemplateBook(wanted.map(({ name, whole }) => ({ name, values: whole.values as CellData[][] })));
}

export function templates(session: Session): Promise<TemplatesView> {
  return runExplained("Reading the workbook's templates", async (context) => {
    const view = templatesView(await readWorkbookTemplates(context), session.template);
    // What an update would move each template's plans to, until the plans are read again.
    for (const template of view.templates) {
      if (template.sheetName !== null && template.version !== null) {
        session.templateVersions.set(template.name.toLowerCase(), template.version);
      }
    }
    return view;
  });
}

/**
 * The built-in template's sheet, and an agency holidays sheet when the workbook has none, in one batch: each
 * built under a staging name and renamed last, so a failure leaves only sheets of this run's own to remove.
 */
export function addTemplateSheet(session: Session): Promise<{ sheetName: string }> {
  const unchanged = "Nothing was added to the workbook.";
  return runExplained(
    "Adding the template sheet",
    async (context) => {
      const book = await readWorkbookTemplates(context);
      const sheets = context.workbook.worksheets;
      const taken = sheets.items.map((sheet) => sheet.name);
      const template = describeTemplateSheet(session.template, { existingSheetNames: taken });
      const holidays =
        book.holidayProblems === null
          ? describeHolidaysSheet([], { existingSheetNames: [...taken, template.name] })
          : null;
      const staged = [template, ...(holidays ? [holidays] : [])].map((description) => ({
        description,
        staging: stagingName(),
      }));
      await commit(
        context,
        { doing: `Adding the sheet "${template.name}"`, unchanged },
        () => {
          const made = staged.map(({ description, staging }) => {
            const sheet = sheets.add(staging);
            renderPlanSheet(sheet, description);
            return { sheet, description };
          });
          // Renamed last: until then every new sheet is this run's own, removed by its staging name.
          for (const { sheet, description } of made) sheet.name = description.name;
        },
        async () => {
          // Renames go in order, after every sheet was added: a sheet gone from its staging name before the first
          // one still staged was renamed, to a name that was free when this run read the sheet names.
          const left = staged.map(({ staging }) => sheets.getItemOrNullObject(staging));
          const renamed = staged.map(({ description }) => sheets.getItemOrNullObject(description.name));
          for (const sheet of [...left, ...renamed]) sheet.load("name");
          await context.sync();
          const firstStillStaged = left.findIndex((sheet) => !sheet.isNullObject);
          staged.forEach((_, index) => {
            if (!left[index].isNullObject) left[index].delete();
            else if ((firstStillStaged < 0 || index < firstStillStaged) && !renamed[index].isNullObject) {
              renamed[index].delete();
            }
          });
          await context.sync();
          return "undone";
        },
      );
      // Shown to the person; the sheets are in place whether or not Excel moves to them.
      sheets.getItem(template.name).activate();
      await context.sync().catch(() => undefined);
      return { sheetName: template.name };
    },
    unchanged,
  );
}

/**
 * After a person's edit on a sheet that is no plan: whether it is a template sheet or the agency's holidays (its
 * marker block, one round trip), and then what is wrong on it now (the sheet read whole, one more). Null for any
 * other sheet.
 */
export async function readEditedTemplateSheet(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<{ sheetName: string; problems: TemplateProblem[] } | null> {
  const markers = sheet.getRange(MARKERS);
  markers.load("values");
  sheet.load("name");
  await context.sync();
  if (!isTemplateBookSheet(markers.values)) return null;
  const whole = wholePlanRange(sheet);
  whole.load("values");
  await context.sync();
  const book = readTemplateBook([{ name: sheet.name, values: whole.values as CellData[][] }]);
  const read = book.templates[0]?.read;
  const problems = read ? (read.ok ? [] : read.problems) : (book.holidayProblems?.problems ?? []);
  return { sheetName: sheet.name, problems };
}
