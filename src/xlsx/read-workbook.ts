import { UTCDate } from "@date-fns/utc";
import type ExcelJS from "exceljs";
import { toExcelSerial } from "../plan/excel-dates";
import type { CellData } from "../plan/read-sheet";
import type { SheetCells } from "../plan/sheet-cells";

/**
 * A worksheet read with exceljs, as the pure readers take a sheet: each cell's value and formula from A1
 * (SheetCells, as Office.js gives `values` and `formulas`). Dates come back as Excel serials. A formula the
 * file carries without a cached result (as the file writer writes them) has the value `undefined`, so a
 * reader can tell "not computed" from "computed empty".
 */
export function worksheetCells(worksheet: ExcelJS.Worksheet, minimumColumns = 1): SheetCells {
  const rowCount = worksheet.rowCount;
  const columnCount = Math.max(minimumColumns, worksheet.columnCount);
  const values: CellData[][] = [];
  const formulas: unknown[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const rowValues: CellData[] = Array.from({ length: columnCount }, () => "");
    const rowFormulas: unknown[] = Array.from({ length: columnCount }, () => "");
    worksheet.getRow(r).eachCell((cell, column) => {
      if (column > columnCount) return;
      const formula = cell.formula; // a shared formula's clone comes back translated to its own cell
      if (formula) {
        rowFormulas[column - 1] = `=${formula}`;
        rowValues[column - 1] = plainValue(cell.result as ExcelJS.CellValue | undefined);
      } else {
        const value = plainValue(cell.value) ?? "";
        rowValues[column - 1] = value;
        rowFormulas[column - 1] = value;
      }
    });
    values.push(rowValues);
    formulas.push(rowFormulas);
  }
  return { values, formulas };
}

/** One cell's value (a formula's cached result), as worksheetCells reads it, without reading the whole sheet. */
export function cellValue(worksheet: ExcelJS.Worksheet, row: number, column: number): CellData {
  const cell = worksheet.findCell(row, column);
  if (!cell) return "";
  return cell.formula ? plainValue(cell.result as ExcelJS.CellValue | undefined) : (plainValue(cell.value) ?? "");
}

/** A cell value (or a formula's cached result) as a plain number, text or boolean; undefined when absent. */
function plainValue(value: ExcelJS.CellValue | undefined): CellData {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  // exceljs turns a number in a date format into a Date at midnight UTC; the sheet holds the serial.
  if (value instanceof Date) return toExcelSerial(new UTCDate(value.getTime()));
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  if ("text" in value && "hyperlink" in value) return value.text;
  if ("formula" in value || "sharedFormula" in value) return plainValue(value.result as ExcelJS.CellValue);
  return undefined;
}
