import { type AgencyHoliday, isHolidaysSheet, HOLIDAYS_LAYOUT, readHolidaysSheet } from "./agency-holidays";
import type { CellData } from "./read-sheet";
import type { Template } from "./template";
import {
  describeTemplateProblem,
  isTemplateSheet,
  readTemplateSheet,
  type TemplateProblem,
  type TemplateRead,
} from "./template-read";
import { TEMPLATE_LAYOUT } from "./template-sheet";

/**
 * A workbook's templates and agency holidays, from its sheets' cell values (the add-in's workbook, or the agency's
 * own templates workbook read from a file). Pure: a writer or the Excel adapter reads the sheets, this interprets.
 */

/** One sheet of a workbook as read: its name and its cell values from A1. */
export interface SheetValues {
  name: string;
  values: CellData[][];
}

export interface TemplateBook {
  /** Every template sheet, in tab order, read and checked. */
  templates: { sheetName: string; read: TemplateRead }[];
  /** The agency's holidays (none where the workbook has no holidays sheet). */
  holidays: AgencyHoliday[];
  /** What is wrong on the holidays sheet, row by row. */
  holidayProblems: { sheetName: string; problems: TemplateProblem[] } | null;
}

/** The template sheets and holidays sheet among `sheets` (other sheets, such as plans, are left alone). */
export function readTemplateBook(sheets: readonly SheetValues[]): TemplateBook {
  const templates: TemplateBook["templates"] = [];
  const names = new Map<string, string>();
  let holidays: AgencyHoliday[] = [];
  let holidayProblems: TemplateBook["holidayProblems"] = null;
  for (const sheet of sheets) {
    const at = (row: number, column: number) => sheet.values[row - 1]?.[column - 1];
    if (isTemplateSheet(at(TEMPLATE_LAYOUT.marker.row, TEMPLATE_LAYOUT.marker.column))) {
      let read = readTemplateSheet(sheet.values);
      if (read.ok) {
        const key = read.template.name.toLowerCase();
        const other = names.get(key);
        if (other !== undefined) {
          read = {
            ok: false,
            problems: [
              {
                row: TEMPLATE_LAYOUT.name.row,
                field: "name",
                cell: "B3",
                message: `"${read.template.name}" is also the name of the template on sheet "${other}": give each template its own name.`,
              },
            ],
          };
        } else names.set(key, sheet.name);
      }
      templates.push({ sheetName: sheet.name, read });
    } else if (
      holidayProblems === null &&
      isHolidaysSheet(at(HOLIDAYS_LAYOUT.marker.row, HOLIDAYS_LAYOUT.marker.column))
    ) {
      const read = readHolidaysSheet(sheet.values);
      holidays = read.holidays;
      holidayProblems = { sheetName: sheet.name, problems: read.problems };
    }
  }
  return { templates, holidays, holidayProblems };
}

/** Every problem of the book, one a line: `Sheet "Standard template", row 14, Due (G14): ...`. */
export function describeTemplateBookProblems(book: TemplateBook): string[] {
  const onSheet = (sheetName: string, problems: readonly TemplateProblem[]) =>
    problems.map((problem) => `Sheet "${sheetName}", ${lowerFirst(describeTemplateProblem(problem))}`);
  return [
    ...book.templates.flatMap(({ sheetName, read }) => (read.ok ? [] : onSheet(sheetName, read.problems))),
    ...(book.holidayProblems ? onSheet(book.holidayProblems.sheetName, book.holidayProblems.problems) : []),
  ];
}

const lowerFirst = (line: string) => line.charAt(0).toLowerCase() + line.slice(1);

export type TemplatePick =
  { ok: true; template: Template; sheetName: string } | { ok: false; message: string; problems: string[] };

/**
 * The template named `name` (letter case and spaces around it ignored), or the only template when no name is
 * given; refused, with every problem listed, when it does not pass its checks. A template with problems cannot
 * be used for a plan.
 */
export function pickTemplate(book: TemplateBook, name?: string): TemplatePick {
  const nameOf = (entry: TemplateBook["templates"][number]) =>
    entry.read.ok ? entry.read.template.name : `the template on sheet "${entry.sheetName}"`;
  if (book.templates.length === 0) {
    return {
      ok: false,
      message: "There is no template sheet in the workbook: export one with service-plan template --export FILE.xlsx.",
      problems: [],
    };
  }
  let entry: TemplateBook["templates"][number] | undefined;
  if (name === undefined || name.trim() === "") {
    if (book.templates.length > 1) {
      return {
        ok: false,
        message: `The workbook has ${book.templates.length} templates (${book.templates.map((t) => `"${nameOf(t)}"`).join(", ")}): name the one to use.`,
        problems: [],
      };
    }
    entry = book.templates[0];
  } else {
    const wanted = name.trim().toLowerCase();
    entry = book.templates.find((t) => t.read.ok && t.read.template.name.toLowerCase() === wanted);
    // A template with problems has no checked name: it is found by its sheet's name, to list its problems.
    entry ??= book.templates.find((t) => t.sheetName.toLowerCase() === wanted);
    if (!entry) {
      return {
        ok: false,
        message: `There is no template "${name.trim()}" in the workbook: use one of ${book.templates.map((t) => `"${nameOf(t)}"`).join(", ")}.`,
        problems: [],
      };
    }
  }
  if (!entry.read.ok) {
    const problems = describeTemplateBookProblems({ templates: [entry], holidays: [], holidayProblems: null });
    return {
      ok: false,
      message: `The template on sheet "${entry.sheetName}" has ${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before it can make a plan:`,
      problems,
    };
  }
  return { ok: true, template: entry.read.template, sheetName: entry.sheetName };
}
