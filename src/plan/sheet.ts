import { describeHeader, stampTemplate } from "./sheet-header";
import { address, COLUMN, LAYOUT, rangeAddress, TABLE_COLUMNS } from "./sheet-layout";
import { planSheetName } from "./sheet-name";
import { printSetup } from "./sheet-print";
import { planValidations, statusColorRules } from "./sheet-rules";
import { COLORS, STATUS_COLORS } from "./sheet-style";
import { planSummaryCells } from "./sheet-summary";
import { describeTable, tableRowCount } from "./sheet-table";
import { type CellValue, createGrid, type DescribeOptions, type SheetDescription } from "./sheet-types";
import type { Template } from "./template";
import type { PlanInputs } from "./validate";

/**
 * A plan sheet, described declaratively: what every cell holds and how it looks, its rules and its print setup.
 * Writers (Office.js, .xlsx) render it mechanically, in the order given, and decide nothing themselves. The
 * parts: sheet-types.ts (the shapes), sheet-name.ts, sheet-header.ts, sheet-table.ts, sheet-rules.ts (colors
 * and validations), sheet-print.ts, sheet-style.ts (colors and formats).
 */

export * from "./sheet-types";
export { COLORS, DATE_FORMAT, OVERDUE_ROW_FILL, STATUS_COLORS, TEXT_FORMAT } from "./sheet-style";
export { MAX_SHEET_NAME, planSheetName } from "./sheet-name";
export {
  fitHeaderFooterText,
  headerFooterCodes,
  headerFooterText,
  type HeaderFooterParts,
  MAX_HEADER_FOOTER_LENGTH,
} from "./sheet-print";
export { wrappedLines } from "./sheet-table";

export function describePlanSheet(template: Template, inputs: PlanInputs, options: DescribeOptions): SheetDescription {
  const extraRows = options.extraRows ?? [];
  const keptWidth = (rows: Iterable<readonly CellValue[]>) => Math.max(0, ...[...rows].map((row) => row.length));
  const width = Math.max(
    COLUMN.id,
    keptWidth(extraRows),
    keptWidth(options.headerCells ?? []),
    ...[...(options.keptCells?.values() ?? [])].map((cells) => Math.max(0, ...cells.keys())),
  );
  const grid = createGrid(LAYOUT.headerRow + tableRowCount(template, extraRows), width);

  describeHeader(grid, template, inputs, options.planId);
  const { rows, rowGroups, rowHeights, lastTableRow } = describeTable(grid, template, inputs, options);
  // The live summary under Term; a kept header without it (a plan made before it) gets it wherever those
  // cells are empty, and a person's own entry there stays as it looks.
  const summary = planSummaryCells({
    label: { bold: true, fontColor: COLORS.label },
    overdue: STATUS_COLORS.overdue,
    dueSoon: STATUS_COLORS.dueSoon,
  });
  for (const cell of summary.cells) {
    if (grid.cells[cell.row - 1][cell.column - 1].kind === "empty") grid.put(cell.row, cell.column, cell.value);
    if (JSON.stringify(grid.cells[cell.row - 1][cell.column - 1]) === JSON.stringify(cell.value)) {
      grid.style(address(cell.row, cell.column), cell.style);
    }
  }
  // The title and markers always say which template (and version) the sheet now follows, over a kept header.
  stampTemplate(grid, template);

  return {
    name: planSheetName(inputs.client, options.existingSheetNames),
    planId: options.planId,
    templateVersion: template.version,
    cells: grid.cells,
    columns: TABLE_COLUMNS.map((c) => ({ width: c.width, hidden: "hidden" in c && c.hidden === true })),
    styles: grid.styles,
    validations: planValidations(lastTableRow),
    conditionalFormats: [...statusColorRules(lastTableRow), ...summary.conditionalFormats],
    rowGroups,
    outlineSummaryBelow: true,
    freezeRows: LAYOUT.headerRow,
    // Through the hidden id column: a sort from the filter buttons moves every task's id with its row.
    autoFilter: rangeAddress(LAYOUT.headerRow, 1, lastTableRow, COLUMN.id),
    print: printSetup(inputs.client, template.name, lastTableRow),
    rows,
    rowHeights,
  };
}
