import ExcelJS from "exceljs";
import type { AgencyHoliday } from "../plan/agency-holidays";
import { describeHolidaysSheet } from "../plan/agency-holidays";
import { readTemplateBook, type TemplateBook } from "../plan/template-book";
import type { Template } from "../plan/template";
import { describeTemplateSheet } from "../plan/template-sheet";
import { conformPackage } from "./conform";
import { openWorkbook } from "./book";
import { worksheetCells } from "./read-workbook";
import { renderPlanSheet } from "./write-xlsx";

/**
 * The agency's templates workbook as a file: a sheet a template, then the agency's holidays. Written from the
 * same descriptions the add-in will write into a workbook, and read back through the same pure reader.
 */

/** A workbook of `templates` (one sheet each, in order) and the agency's `holidays`. */
export async function writeTemplatesWorkbook(
  templates: readonly Template[],
  holidays: readonly AgencyHoliday[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Client Service Plan";
  workbook.created = new Date(0);
  const taken: string[] = [];
  for (const template of templates) {
    const description = describeTemplateSheet(template, { existingSheetNames: taken });
    taken.push(description.name);
    renderPlanSheet(workbook, description);
  }
  renderPlanSheet(workbook, describeHolidaysSheet(holidays, { existingSheetNames: taken }));
  return conformPackage(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** The templates and holidays of a workbook file; throws NotAWorkbookError (book.ts) for anything else. */
export async function readTemplatesWorkbook(bytes: Uint8Array): Promise<TemplateBook> {
  const workbook = await openWorkbook(bytes);
  return readTemplateBook(
    workbook.worksheets.map((worksheet) => ({ name: worksheet.name, values: worksheetCells(worksheet).values })),
  );
}
