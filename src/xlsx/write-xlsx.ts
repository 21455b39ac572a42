import ExcelJS from "exceljs";
import { fromExcelSerial } from "../plan/excel-dates";
import { headerFooterCodes } from "../plan/sheet-print";
import type { CellStyle, CellValue, ConditionalFormat, SheetDescription } from "../plan/sheet-types";
import { forEachCell } from "../plan/sheet-layout";
import { conformPackage } from "./conform";
import { withFutureFunctionPrefixes } from "./future-functions";

/**
 * Renders a plan sheet description into an .xlsx workbook with exceljs: the file a producer opens in Excel,
 * Excel on the web, on a Mac or in LibreOffice, with no add-in. It decides nothing; the description does.
 */

/** exceljs keeps range validations in `dataValidations`, which its typings leave out. */
interface SheetWithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Excel's default body font; named on every styled cell so other programs do not fall back to a serif. */
const BASE_FONT = { name: "Calibri", size: 11 };

const argb = (hex: string) => ({ argb: `FF${hex}` });

export function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.numberFormat) cell.numFmt = style.numberFormat;
  if (style.bold !== undefined || style.italic !== undefined || style.fontSize || style.fontColor) {
    cell.font = {
      ...BASE_FONT,
      ...cell.font,
      ...(style.bold !== undefined && { bold: style.bold }),
      ...(style.italic !== undefined && { italic: style.italic }),
      ...(style.fontSize && { size: style.fontSize }),
      ...(style.fontColor && { color: argb(style.fontColor) }),
    };
  }
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: argb(style.fill) };
  if (style.wrap !== undefined || style.indent || style.horizontal || style.vertical) {
    cell.alignment = {
      ...cell.alignment,
      ...(style.wrap !== undefined && { wrapText: style.wrap }),
      ...(style.indent && { indent: style.indent }),
      ...(style.horizontal && { horizontal: style.horizontal }),
      ...(style.vertical && { vertical: style.vertical === "center" ? "middle" : style.vertical }),
    };
  }
  if (style.borderBottom) cell.border = { ...cell.border, bottom: { style: "thin", color: argb(style.borderBottom) } };
}

/** One description cell into an exceljs cell. */
export function writeCellValue(cell: ExcelJS.Cell, value: CellValue): void {
  switch (value.kind) {
    case "text":
      // A plain string in exceljs is stored as a string, never parsed as a formula.
      cell.value = value.text;
      break;
    case "number":
      cell.value = value.value;
      break;
    case "formula":
      // No cached result: the spreadsheet computes it on open (fullCalcOnLoad below).
      cell.value = { formula: withFutureFunctionPrefixes(value.formula.replace(/^=/, "")) } as ExcelJS.CellFormulaValue;
      break;
    case "empty":
      break;
  }
}

/** Conditional formats in priority order, numbered from `firstPriority` (after a sheet's own, when it has some). */
export function addConditionalFormats(
  sheet: ExcelJS.Worksheet,
  formats: readonly ConditionalFormat[],
  firstPriority = 1,
): void {
  // exceljs cannot write stopIfTrue; the rules are built so that priority alone gives the same colors.
  formats.forEach((format, index) => {
    sheet.addConditionalFormatting({
      ref: format.range,
      rules: [
        {
          type: "expression",
          priority: firstPriority + index,
          formulae: [withFutureFunctionPrefixes(format.formula.replace(/^=/, ""))],
          style: {
            ...(format.fill && { fill: { type: "pattern", pattern: "solid", bgColor: argb(format.fill) } }),
            ...((format.fontColor || format.bold) && {
              font: { ...(format.fontColor && { color: argb(format.fontColor) }), ...(format.bold && { bold: true }) },
            }),
          },
        },
      ],
    });
  });
}

/** What a sheet writer needs of a description: a plan sheet's, or the Book overview's. */
export type SheetToWrite = Omit<SheetDescription, "planId" | "templateVersion" | "rows">;

/** Adds `description` as a worksheet of `workbook` (the Office.js writer's renderPlanSheet does the same in Excel). */
export function renderPlanSheet(workbook: ExcelJS.Workbook, description: SheetToWrite): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(description.name, {
    views: [
      { state: "frozen", xSplit: 0, ySplit: description.freezeRows, topLeftCell: `A${description.freezeRows + 1}` },
    ],
    properties: { outlineProperties: { summaryBelow: description.outlineSummaryBelow, summaryRight: true } },
  });

  description.columns.forEach((column, index) => {
    const target = sheet.getColumn(index + 1);
    target.width = column.width;
    target.hidden = column.hidden;
  });

  description.cells.forEach((row, r) => row.forEach((value, c) => writeCellValue(sheet.getCell(r + 1, c + 1), value)));

  for (const { range, style } of description.styles) {
    forEachCell(range, (row, column) => applyStyle(sheet.getCell(row, column), style));
  }

  for (const validation of description.validations) {
    const common = {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: "stop" as const,
      errorTitle: validation.errorTitle,
      error: validation.errorMessage,
      ...(validation.promptMessage && {
        showInputMessage: true,
        promptTitle: validation.promptTitle,
        prompt: validation.promptMessage,
      }),
    };
    const rule = validation.rule;
    (sheet as unknown as SheetWithValidations).dataValidations.add(
      validation.range,
      rule.kind === "list"
        ? { ...common, type: "list", formulae: [`"${rule.values.join(",")}"`] }
        : rule.kind === "whole"
          ? { ...common, type: "whole", operator: "between", formulae: [rule.min, rule.max] }
          : {
              ...common,
              type: "date",
              operator: "between",
              // exceljs writes a date rule's bounds from Dates (a number would be read as milliseconds since 1970).
              formulae: [fromExcelSerial(rule.minSerial), fromExcelSerial(rule.maxSerial)],
            },
    );
  }

  addConditionalFormats(sheet, description.conditionalFormats);

  for (const { row, points } of description.rowHeights) sheet.getRow(row).height = points;

  for (const group of description.rowGroups) {
    for (let r = group.firstRow; r <= group.lastRow; r++) sheet.getRow(r).outlineLevel = 1;
  }

  if (description.autoFilter) sheet.autoFilter = description.autoFilter;

  const print = description.print;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: print.orientation,
    paperSize: 1 as ExcelJS.PaperSize, // Letter
    fitToPage: true,
    fitToWidth: print.fitToPagesWide,
    fitToHeight: print.fitToPagesTall,
    // exceljs puts "$" before the column letters only; row anchors make the reference fully absolute.
    printArea: print.printArea.replace(/([A-Z]+)(\d+)/g, "$1$$$2"),
    printTitlesRow: print.titleRows.replace(/\$/g, ""),
    horizontalCentered: print.centerHorizontally,
    margins: print.margins,
  };
  sheet.headerFooter = { oddHeader: headerFooterCodes(print.header), oddFooter: headerFooterCodes(print.footer) };
  return sheet;
}

export function planWorkbook(descriptions: SheetDescription[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Client Service Plan";
  workbook.created = new Date(0);
  // Formulas carry no cached results; every spreadsheet program recalculates them when the file opens.
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const description of descriptions) renderPlanSheet(workbook, description);
  return workbook;
}

/** The .xlsx file of these plan sheets, as Excel reads it without offering a repair (see conform.ts). */
export async function writePlanWorkbook(descriptions: SheetDescription[]): Promise<Buffer> {
  return conformPackage(new Uint8Array(await planWorkbook(descriptions).xlsx.writeBuffer()));
}
