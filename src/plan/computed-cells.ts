import { onOrBeforeWorkday, plusDays, plusMonths, toIsoDate } from "./dates";
import { fromExcelSerial, isExcelDateSerial, toExcelSerial } from "./excel-dates";
import type { CellData } from "./read-sheet";
import type { SheetCells } from "./sheet-cells";
import { isAssignedToFormula, isMilestoneFormula, renewalFormulaMonths } from "./sheet-formulas";
import { BIND_REF, COLUMN, forEachCell, HOLIDAYS_REF, LAYOUT, rangeCorners } from "./sheet-layout";

/**
 * A plan sheet's values as a spreadsheet shows them, for a sheet read from a file whose formulas carry no
 * cached results (the file writer leaves computing to the program that opens it). The add-in's own formulas
 * (the renewal that follows the bind date, every Opens/Due date, Assigned to) are worked out here by the
 * rule they state; a cached result, where the file has one, is kept as it is. Other formulas without a
 * result stay undefined.
 */
export function withComputedValues(sheet: SheetCells): CellData[][] {
  const values = sheet.values.map((row) => [...row]);
  const formulaAt = (row: number, column: number): string | null => {
    const formula = sheet.formulas[row - 1]?.[column - 1];
    return typeof formula === "string" && formula.startsWith("=") ? formula : null;
  };
  const missing = (row: number, column: number) =>
    formulaAt(row, column) !== null && values[row - 1]?.[column - 1] === undefined;
  const set = (row: number, column: number, value: CellData) => {
    while (values.length < row) values.push([]);
    values[row - 1][column - 1] = value;
  };
  const serial = (value: CellData) => (isExcelDateSerial(value) ? value : null);

  const bind = serial(values[LAYOUT.bind.row - 1]?.[LAYOUT.bind.column - 1]);
  const renewalFormula = formulaAt(LAYOUT.renewal.row, LAYOUT.renewal.column);
  // The renewal that follows the bind date: a year later, or a next term's own length in months.
  const termMonths = renewalFormula === null ? null : renewalFormulaMonths(renewalFormula);
  if (missing(LAYOUT.renewal.row, LAYOUT.renewal.column) && termMonths !== null) {
    set(
      LAYOUT.renewal.row,
      LAYOUT.renewal.column,
      bind === null ? "" : toExcelSerial(plusMonths(fromExcelSerial(bind), termMonths)),
    );
  }
  const renewal = serial(values[LAYOUT.renewal.row - 1]?.[LAYOUT.renewal.column - 1]);

  const holidays = new Set<string>();
  forEachCell(HOLIDAYS_REF.replace(/\$/g, ""), (row, column) => {
    const holiday = serial(values[row - 1]?.[column - 1]);
    if (holiday !== null) holidays.add(toIsoDate(fromExcelSerial(holiday)));
  });

  for (let row = LAYOUT.firstDataRow; row <= values.length; row++) {
    for (const column of [COLUMN.opens, COLUMN.due]) {
      const formula = formulaAt(row, column);
      if (!missing(row, column) || formula === null || !isMilestoneFormula(formula)) continue;
      set(row, column, bind === null || renewal === null ? "" : milestoneSerial(formula, bind, renewal, holidays));
    }
    const assigned = formulaAt(row, COLUMN.assignedTo);
    if (missing(row, COLUMN.assignedTo) && assigned !== null && isAssignedToFormula(assigned)) {
      set(row, COLUMN.assignedTo, assignedPeople(assigned, values));
    }
  }
  return values;
}

/**
 * The date an Opens/Due formula gives (see milestoneFormula): WORKDAY(anchor + n, -1, holidays), the working
 * day before anchor + n, kept between the bind and renewal dates as MIN(renewal, MAX(bind, ...)) keeps it.
 */
function milestoneSerial(formula: string, bind: number, renewal: number, holidays: ReadonlySet<string>): number {
  const match = /WORKDAY\((\$[A-Z]+\$\d+)([+-]\d+)?,/i.exec(formula)!;
  const anchor = match[1].toUpperCase() === BIND_REF ? bind : renewal;
  const shifted = plusDays(fromExcelSerial(anchor), Number(match[2] ?? 0));
  const workday = toExcelSerial(onOrBeforeWorkday(plusDays(shifted, -1), holidays));
  return Math.min(renewal, Math.max(bind, workday));
}

/** The names in the team cells an Assigned-to formula joins, ", " between them, skipping empty cells. */
function assignedPeople(formula: string, values: CellData[][]): string {
  // Each reference appears twice in its IF(...): keep each once, in order.
  const refs = [...new Set([...formula.matchAll(/\$[A-Z]+\$\d+/g)].map((match) => match[0]))];
  return refs
    .map((ref) => {
      const { top, left } = rangeCorners(ref);
      const person = values[top - 1]?.[left - 1];
      return person === null || person === undefined ? "" : String(person);
    })
    .filter((name) => name !== "")
    .join(", ");
}
