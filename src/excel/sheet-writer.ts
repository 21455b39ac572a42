import type { BookOverviewDescription } from "../plan/book-overview";
import type { CellStyle, CellValue, PrintSetup, SheetDescription } from "../plan/sheet-types";
import type { CellWrite } from "../plan/sheet-patch";
import { address, columnLetter, forEachCell } from "../plan/sheet-layout";

/** A sheet to render: a plan's description, or one without plan rows (a template or the agency's holidays). */
export type SheetToRender = Omit<SheetDescription, "planId" | "templateVersion" | "rows"> & {
  rows?: SheetDescription["rows"];
};

/**
 * The Office.js writer: renders a plan sheet description (or a patch of some of its cells), or the Book overview's,
 * onto a worksheet by queuing operations. Nothing here calls `context.sync()`: the caller sends everything in one round trip,
 * whatever the number of tasks. Values, formulas and number formats go as 2D arrays in one write each. The file
 * writer, src/xlsx/write-xlsx.ts, renders the same descriptions into an .xlsx.
 */

/** Excel column widths are in characters of the default font; Office.js takes points (7 px a character + 5 px padding, 0.75 pt a pixel). */
export function columnWidthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const color = (hex: string) => `#${hex}`;

/**
 * Text Excel would read as something else if typed: a formula (=, +, -, @), a number, a date, TRUE/FALSE, or
 * text starting with the apostrophe that Excel itself uses as the "this is text" prefix.
 */
export function needsTextPrefix(text: string): boolean {
  return /^[=+\-@']/.test(text) || /^[\s$€£]*[\d.,/:%\s]+$/.test(text) || /^(true|false)$/i.test(text.trim());
}

/** What `range.formulas` takes for one described cell. Text gets Excel's apostrophe prefix where it could be misread. */
function formulaEntry(value: CellValue): string | number {
  switch (value.kind) {
    case "text":
      return needsTextPrefix(value.text) ? `'${value.text}` : value.text;
    case "number":
      return value.value;
    case "formula":
      return value.formula;
    case "empty":
      return "";
  }
}

/** Excel's limit for a list validation's choices written out, separators included. */
export const MAX_LIST_SOURCE = 255;

/**
 * A list validation's source as Excel's API takes it: the choices joined by commas in every locale (a German
 * Excel's semicolon is not a separator there), at most 255 characters; longer lists belong in cells, referred to.
 */
export function listSource(choices: readonly string[]): string {
  const source = choices.join(",");
  const withComma = choices.find((choice) => choice.includes(","));
  if (withComma !== undefined) throw new Error(`The list choice "${withComma}" holds a comma, Excel's separator.`);
  if (source.length > MAX_LIST_SOURCE)
    throw new Error(`A list of ${source.length} characters is over Excel's ${MAX_LIST_SOURCE}: refer to cells.`);
  return source;
}

/** What a copy of a sheet's cells carries: the part of a description renderPlanCells writes. */
export type CellsDescription = Pick<SheetDescription, "cells" | "styles" | "validations" | "conditionalFormats">;

/** Number formats for every cell, from the style list (later entries win), "General" elsewhere. */
function numberFormatGrid(description: CellsDescription): string[][] {
  const grid = description.cells.map((row) => row.map(() => "General"));
  for (const { range, style } of description.styles) {
    if (!style.numberFormat) continue;
    forEachCell(range, (row, column) => {
      if (grid[row - 1] && column <= grid[row - 1].length) grid[row - 1][column - 1] = style.numberFormat as string;
    });
  }
  return grid;
}

function queueStyle(range: Excel.Range, style: Omit<CellStyle, "numberFormat">): void {
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize) format.font.size = style.fontSize;
  if (style.fontColor) format.font.color = color(style.fontColor);
  if (style.fill) format.fill.color = color(style.fill);
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.indent) format.indentLevel = style.indent;
  if (style.horizontal)
    format.horizontalAlignment =
      style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
  if (style.vertical)
    format.verticalAlignment = style.vertical === "top" ? "Top" : style.vertical === "center" ? "Center" : "Bottom";
  if (style.borderBottom) {
    const edge = format.borders.getItem("EdgeBottom");
    edge.style = "Continuous";
    edge.color = color(style.borderBottom);
  }
}

export function usedAddress(description: CellsDescription): string {
  return `A1:${address(description.cells.length, description.cells[0].length)}`;
}

/** Queues the cells, formats, rules, outline, freeze panes and print setup of `description` onto `sheet`. */
export function renderPlanSheet(sheet: Excel.Worksheet, description: SheetToRender): void {
  renderPlanCells(sheet, description);
  renderPlanLayout(sheet, description);
}

/** Queues a patch: each cell's number format (where given), then its value or formula, in the patch's order. */
export function renderCellWrites(sheet: Excel.Worksheet, patch: readonly CellWrite[]): void {
  for (const { address: at, value, numberFormat } of patch) {
    const target = sheet.getRange(at);
    if (numberFormat) target.numberFormat = [[numberFormat]];
    target.formulas = [[formulaEntry(value)]];
  }
}

/**
 * What a copy of the cells carries (Range.copyFrom "All"): values and formulas, number formats and the other cell
 * formats, data validation and conditional formats.
 */
export function renderPlanCells(sheet: Excel.Worksheet, description: CellsDescription): void {
  const whole = sheet.getRange(usedAddress(description));
  // Formats first: a cell formatted as Text keeps "=HYPERLINK(...)" as the text a person typed.
  whole.numberFormat = numberFormatGrid(description);
  whole.formulas = description.cells.map((row) => row.map(formulaEntry));

  for (const { range, style } of description.styles) {
    // Number formats went out with the cell grid above.
    if (Object.keys(style).some((key) => key !== "numberFormat")) queueStyle(sheet.getRange(range), style);
  }

  for (const validation of description.validations) {
    const target = sheet.getRange(validation.range).dataValidation;
    // Excel rejects a rule for a range that is partly validated already (office-js issue #2594): clear first.
    target.clear();
    target.rule =
      validation.rule.kind === "list"
        ? { list: { inCellDropDown: true, source: listSource(validation.rule.values) } }
        : validation.rule.kind === "whole"
          ? {
              wholeNumber: {
                formula1: validation.rule.min,
                formula2: validation.rule.max,
                operator: Excel.DataValidationOperator.between,
              },
            }
          : {
              date: {
                formula1: validation.rule.minIso,
                formula2: validation.rule.maxIso,
                operator: Excel.DataValidationOperator.between,
              },
            };
    target.errorAlert = {
      showAlert: true,
      style: Excel.DataValidationAlertStyle.stop,
      title: validation.errorTitle,
      message: validation.errorMessage,
    };
    if (validation.promptMessage) {
      target.prompt = { showPrompt: true, title: validation.promptTitle ?? "", message: validation.promptMessage };
    }
  }

  description.conditionalFormats.forEach((rule, priority) => {
    const format = sheet.getRange(rule.range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = rule.formula;
    if (rule.fill) format.custom.format.fill.color = color(rule.fill);
    if (rule.fontColor) format.custom.format.font.color = color(rule.fontColor);
    if (rule.bold) format.custom.format.font.bold = true;
    format.stopIfTrue = rule.stopIfTrue;
    format.priority = priority;
  });
}

/**
 * What belongs to the sheet rather than to its cells: column widths, the outline, freeze panes, the AutoFilter, row
 * heights and the print setup. Each is set rather than added, so queuing it again changes nothing; for the outline
 * that holds when `regroup` names the rows whose old groups go first.
 */
export function renderPlanLayout(
  sheet: Excel.Worksheet,
  description: SheetToRender,
  regroup?: { firstRow: number; lastRow: number },
): void {
  description.columns.forEach((column, index) => {
    const letter = columnLetter(index + 1);
    const target = sheet.getRange(`${letter}:${letter}`);
    target.format.columnWidth = columnWidthInPoints(column.width);
    if (column.hidden) target.columnHidden = true;
  });

  if (regroup) sheet.getRange(`${regroup.firstRow}:${regroup.lastRow}`).ungroup(Excel.GroupOption.byRows);
  // Excel puts each group's +/- beside the row below it (Office.js cannot change that); outline.ts lays the groups
  // out for it.
  for (const group of description.rowGroups) {
    sheet.getRange(`${group.firstRow}:${group.lastRow}`).group(Excel.GroupOption.byRows);
  }
  sheet.freezePanes.freezeRows(description.freezeRows);
  if (description.autoFilter) sheet.autoFilter.apply(sheet.getRange(description.autoFilter));

  // Excel measures wrapped text itself; the estimated heights in the description are for file writers.
  // A sheet without a table filter (a template, the holidays) fits the rows below its frozen header.
  const [tableStart] = description.autoFilter.split(":");
  const firstRow = tableStart ? Number(tableStart.replace(/[A-Z]+/, "")) : description.freezeRows + 1;
  const lastRow = description.rows ? description.rows[description.rows.length - 1].row : description.cells.length;
  if (lastRow >= firstRow) sheet.getRange(`${firstRow}:${lastRow}`).format.autofitRows();

  renderPrintSetup(sheet, description.print);
}

/** Queues the print setup: orientation, fit to pages, margins, print area and titles, header and footer. */
export function renderPrintSetup(sheet: Excel.Worksheet, print: PrintSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = Excel.PageOrientation.landscape;
  layout.zoom = { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: print.fitToPagesTall };
  layout.centerHorizontally = print.centerHorizontally;
  const points = (inches: number) => inches * 72;
  layout.leftMargin = points(print.margins.left);
  layout.rightMargin = points(print.margins.right);
  layout.topMargin = points(print.margins.top);
  layout.bottomMargin = points(print.margins.bottom);
  layout.headerMargin = points(print.margins.header);
  layout.footerMargin = points(print.margins.footer);
  layout.setPrintArea(print.printArea);
  layout.setPrintTitleRows(print.titleRows);
  const pages = layout.headersFooters.defaultForAllPages;
  pages.leftHeader = print.header.left;
  pages.centerHeader = print.header.center;
  pages.rightHeader = print.header.right;
  pages.leftFooter = print.footer.left;
  pages.centerFooter = print.footer.center;
  pages.rightFooter = print.footer.right;
}

/**
 * What belongs to the Book overview sheet rather than to its cells: the hidden key column (and the column widths,
 * when `widths`: a person's own widths on an existing overview are kept), the header row's height, freeze panes,
 * the AutoFilter over the table and the print setup, one page wide with the date in the footer.
 */
export function renderOverviewLayout(
  sheet: Excel.Worksheet,
  description: BookOverviewDescription,
  options: { widths: boolean },
): void {
  description.columns.forEach((column, index) => {
    const letter = columnLetter(index + 1);
    const target = sheet.getRange(`${letter}:${letter}`);
    if (options.widths) target.format.columnWidth = columnWidthInPoints(column.width);
    if (column.hidden) target.columnHidden = true;
  });
  for (const { row, points } of description.rowHeights) sheet.getRange(`${row}:${row}`).format.rowHeight = points;
  sheet.freezePanes.freezeRows(description.freezeRows);
  sheet.autoFilter.apply(sheet.getRange(description.autoFilter));
  renderPrintSetup(sheet, description.print);
}
