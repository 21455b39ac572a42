import { subItemsGroup, type RowGroup } from "./outline";
import type { Role } from "./roles";
import { assignedToFormula, milestoneFormula } from "./sheet-formulas";
import { address, COLUMN, LAYOUT, rangeAddress, TABLE_COLUMNS } from "./sheet-layout";
import { COLORS, DATE_FORMAT, TEXT_FORMAT } from "./sheet-style";
import {
  type CellValue,
  type DescribeOptions,
  EMPTY,
  formula,
  type PlanRow,
  type RowEntry,
  type SheetDescription,
  type SheetGrid,
  text,
} from "./sheet-types";
import { STATUS } from "./status";
import { phaseWindow, type Template } from "./template";
import type { PlanInputs } from "./validate";

/**
 * The task table: its header row, a row for each phase, task and sub-item of the template (sub-items grouped
 * under their task), then people's own rows; what people entered put back on them; the columns' formats and
 * the rows' estimated heights.
 */

/** Points per line of 11-point text, for row-height estimates. */
const LINE_HEIGHT = 15;

/** How many lines `value` wraps to in a column `width` characters wide, breaking at spaces. */
export function wrappedLines(value: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.2) - 1);
  let lines = 1;
  let used = 0;
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= perLine) used = needed;
    else {
      lines += used === 0 ? 0 : 1;
      lines += Math.floor(Math.max(0, word.length - 1) / perLine);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

/** How many rows the table takes below its header row. */
export function tableRowCount(template: Template, extraRows: readonly (readonly CellValue[])[]): number {
  return (
    template.phases.reduce((n, p) => n + 1 + p.tasks.reduce((m, t) => m + 1 + t.items.length, 0), 0) + extraRows.length
  );
}

type TableParts = Pick<SheetDescription, "rows" | "rowGroups" | "rowHeights"> & { lastTableRow: number };

/** The table onto `grid`, in order: its rows, what people entered on them, the columns' formats. */
export function describeTable(
  grid: SheetGrid,
  template: Template,
  inputs: PlanInputs,
  options: DescribeOptions,
): TableParts {
  const { rows, rowGroups, taskOwners, lastTableRow } = putRows(grid, template, options.extraRows ?? []);
  putEntries(grid, rows, options);
  const rowHeights = estimatedHeights(grid.cells, rows, taskOwners, inputs);
  styleColumns(grid, lastTableRow);
  return { rows, rowGroups, rowHeights, lastTableRow };
}

/** The header row, then each phase, task and sub-item of the template, then the extra rows as they are. */
function putRows(grid: SheetGrid, template: Template, extraRows: readonly (readonly CellValue[])[]) {
  const { put, style } = grid;
  TABLE_COLUMNS.forEach((column, index) => put(LAYOUT.headerRow, index + 1, text(column.header)));
  style(rangeAddress(LAYOUT.headerRow, 1, LAYOUT.headerRow, COLUMN.id), {
    bold: true,
    fill: COLORS.headerFill,
    fontColor: COLORS.headerFont,
    vertical: "center",
    wrap: true,
  });

  const rows: PlanRow[] = [];
  const taskOwners = new Map<string, readonly Role[]>();
  const rowGroups: RowGroup[] = [];
  let row = LAYOUT.firstDataRow;
  for (const phase of template.phases) {
    const window = phaseWindow(template, phase.id);
    const opens = formula(milestoneFormula(window.opens));
    const due = formula(milestoneFormula(window.due));
    put(row, COLUMN.phase, text(phase.title));
    put(row, COLUMN.task, text(`${phase.heading} (${phase.section.toLowerCase()})`));
    put(row, COLUMN.opens, opens);
    put(row, COLUMN.due, due);
    put(row, COLUMN.id, text(phase.id));
    style(rangeAddress(row, 1, row, LAYOUT.printColumns), {
      bold: true,
      fill: COLORS.phaseFill,
      borderBottom: COLORS.border,
    });
    rows.push({ row, kind: "phase", id: phase.id });
    row++;
    for (const task of phase.tasks) {
      put(row, COLUMN.phase, text(phase.title));
      put(row, COLUMN.task, text(task.text));
      put(row, COLUMN.owner, text(task.owners.join(" / ")));
      put(row, COLUMN.assignedTo, formula(assignedToFormula(task.owners, template.roles)));
      put(row, COLUMN.opens, opens);
      put(row, COLUMN.due, due);
      put(row, COLUMN.status, text(STATUS.notStarted));
      put(row, COLUMN.id, text(task.id));
      rows.push({ row, kind: "task", id: task.id });
      taskOwners.set(task.id, task.owners);
      row++;
      if (task.items.length > 0) {
        const group = subItemsGroup(row, task.items.length);
        if (group) rowGroups.push(group);
        for (const item of task.items) {
          put(row, COLUMN.task, text(item.text));
          put(row, COLUMN.id, text(item.id));
          style(address(row, COLUMN.task), { indent: 2, italic: true, fontColor: COLORS.label });
          rows.push({ row, kind: "item", id: item.id });
          row++;
        }
      }
    }
  }
  for (const extra of extraRows) {
    extra.forEach((value, index) => put(row, index + 1, value));
    const idCell = extra[COLUMN.id - 1];
    rows.push({ row, kind: "added", id: idCell?.kind === "text" ? idCell.text : "" });
    row++;
  }
  return { rows, rowGroups, taskOwners, lastTableRow: row - 1 };
}

/** What people entered goes back where it belongs: by row id, and the header block kept above the table. */
function putEntries(grid: SheetGrid, rows: readonly PlanRow[], options: DescribeOptions): void {
  const { put } = grid;
  const putEntry = (at: number, entry: RowEntry) => {
    put(at, COLUMN.status, entry.statusText ? text(entry.statusText) : EMPTY);
    put(at, COLUMN.completedOn, entry.completedOn === null ? EMPTY : { kind: "number", value: entry.completedOn });
    put(at, COLUMN.notes, entry.notes ? text(entry.notes) : EMPTY);
  };
  rows.forEach((planRow) => {
    if (planRow.kind === "added") return;
    const entry = planRow.kind === "phase" ? undefined : options.entries?.get(planRow.id);
    if (entry) putEntry(planRow.row, entry);
    options.keptCells?.get(planRow.id)?.forEach((value, column) => put(planRow.row, column, value));
  });
  options.headerCells?.forEach((line, index) =>
    line.forEach((value, column) => {
      if (index + 1 < LAYOUT.headerRow || (index + 1 === LAYOUT.headerRow && column + 1 > COLUMN.id)) {
        put(index + 1, column + 1, value);
      }
    }),
  );
}

/** Heights for rows whose task, owner or assigned people wrap to more than one line. */
function estimatedHeights(
  cells: readonly CellValue[][],
  rows: readonly PlanRow[],
  taskOwners: ReadonlyMap<string, readonly Role[]>,
  inputs: PlanInputs,
): SheetDescription["rowHeights"] {
  const rowHeights: { row: number; points: number }[] = [];
  const widthOf = (key: keyof typeof COLUMN) => TABLE_COLUMNS[COLUMN[key] - 1].width;
  const teamText = (owners: readonly Role[]) =>
    owners
      .map((role) => inputs.team[role])
      .filter(Boolean)
      .join(", ");
  for (const planRow of rows) {
    const rowCells = cells[planRow.row - 1];
    const taskCell = rowCells[COLUMN.task - 1];
    const taskText = taskCell.kind === "text" ? taskCell.text : "";
    const indentChars = planRow.kind === "item" ? 4 : 0;
    const owners = planRow.kind === "task" ? (taskOwners.get(planRow.id) ?? []) : [];
    const lines = Math.max(
      wrappedLines(taskText, widthOf("task") - indentChars),
      wrappedLines(owners.join(" / "), widthOf("owner")),
      wrappedLines(teamText(owners), widthOf("assignedTo")),
    );
    if (lines > 1) rowHeights.push({ row: planRow.row, points: lines * LINE_HEIGHT });
  }
  return rowHeights;
}

/** Each column's alignment, wrapping and number format, down to the table's last row. */
function styleColumns(grid: SheetGrid, lastTableRow: number): void {
  const { cells, style } = grid;
  const first = LAYOUT.firstDataRow;
  const column = (key: keyof typeof COLUMN) => rangeAddress(first, COLUMN[key], lastTableRow, COLUMN[key]);
  style(rangeAddress(first, 1, lastTableRow, COLUMN.id), { vertical: "top" });
  style(column("task"), { wrap: true });
  style(column("owner"), { wrap: true });
  style(column("assignedTo"), { wrap: true });
  style(column("notes"), { wrap: true, numberFormat: TEXT_FORMAT });
  style(rangeAddress(first, COLUMN.opens, lastTableRow, COLUMN.due), { numberFormat: DATE_FORMAT, horizontal: "left" });
  style(column("completedOn"), { numberFormat: DATE_FORMAT, horizontal: "left" });
  style(column("status"), { horizontal: "center" });
  // A formula people typed into a Text-formatted column (Notes) must stay a formula when written back.
  for (let r = LAYOUT.firstDataRow; r <= cells.length; r++) {
    if (cells[r - 1][COLUMN.notes - 1].kind === "formula") style(address(r, COLUMN.notes), { numberFormat: "General" });
  }
}
