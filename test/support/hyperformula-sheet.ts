import { HyperFormula, type RawCellContent } from "hyperformula";
import type { CellValue, SheetDescription } from "../../src/plan/sheet";

/** Excel's date system in HyperFormula: serial 1 is 1900-01-01, and 1900-03-01 onwards match Excel exactly. */
export const EXCEL_DATES = {
  licenseKey: "gpl-v3",
  nullDate: { year: 1899, month: 12, day: 30 },
  leapYear1900: false,
} as const;

export function rawContent(value: CellValue): RawCellContent {
  switch (value.kind) {
    case "text":
      // HyperFormula reads a leading apostrophe as "this is text", as Excel does when typing.
      return value.text.startsWith("=") ? `'${value.text}` : value.text;
    case "number":
      return value.value;
    case "formula":
      return value.formula;
    case "empty":
      return null;
  }
}

/** A real formula engine holding one plan sheet, built from the description's cells. */
export function hyperFormulaSheet(description: SheetDescription): { hf: HyperFormula; sheet: number } {
  const hf = HyperFormula.buildFromSheets(
    { [description.name]: description.cells.map((row) => row.map(rawContent)) },
    EXCEL_DATES,
  );
  const sheet = hf.getSheetId(description.name);
  if (sheet === undefined) throw new Error("sheet missing");
  return { hf, sheet };
}
