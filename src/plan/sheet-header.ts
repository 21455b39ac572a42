import { toExcelSerial } from "./excel-dates";
import { RENEWAL_FOLLOWS_BIND_FORMULA, TERM_FORMULA } from "./sheet-formulas";
import {
  address,
  HOLIDAY_SLOTS,
  HOLIDAYS_RANGE,
  holidayCell,
  LAYOUT,
  PLAN_MARKER,
  rangeAddress,
  teamCells,
  teamRowCells,
} from "./sheet-layout";
import { COLORS, DATE_FORMAT, HIDDEN_FORMAT, STATUS_COLORS, TEXT_FORMAT } from "./sheet-style";
import { EMPTY, formula, type SheetGrid, text } from "./sheet-types";
import { MAX_ROLES } from "./roles";
import type { Template } from "./template";
import type { PlanInputs } from "./validate";

/**
 * The header block above the task table, left to right: the client and the term (A:B), the service team (C:D),
 * the status key (E) and the holidays (F:I); and the marker cells in the hidden id column.
 */
export function describeHeader(grid: SheetGrid, template: Template, inputs: PlanInputs, planId: string): void {
  const { put, style } = grid;
  style("A1:A1", { bold: true, fontSize: 16, fontColor: COLORS.title });
  const labels: [number, string][] = [
    [LAYOUT.client.row, "Client"],
    [LAYOUT.bind.row, "Bind date"],
    [LAYOUT.renewal.row, "Renewal date"],
    [LAYOUT.term.row, "Term"],
  ];
  for (const [row, label] of labels) put(row, LAYOUT.clientLabel.column, text(label));
  style(rangeAddress(3, 1, 6, 1), { bold: true, fontColor: COLORS.label });
  put(LAYOUT.client.row, LAYOUT.client.column, text(inputs.client));
  style(address(LAYOUT.client.row, LAYOUT.client.column), { bold: true, numberFormat: TEXT_FORMAT });
  put(LAYOUT.bind.row, LAYOUT.bind.column, { kind: "number", value: toExcelSerial(inputs.bind) });
  put(
    LAYOUT.renewal.row,
    LAYOUT.renewal.column,
    inputs.renewalFollowsBind
      ? formula(RENEWAL_FOLLOWS_BIND_FORMULA)
      : { kind: "number", value: toExcelSerial(inputs.renewal) },
  );
  style(rangeAddress(LAYOUT.bind.row, 2, LAYOUT.renewal.row, 2), {
    numberFormat: DATE_FORMAT,
    fill: COLORS.inputFill,
    horizontal: "left",
  });
  put(LAYOUT.term.row, LAYOUT.term.column, formula(TERM_FORMULA));
  style(address(LAYOUT.term.row, LAYOUT.term.column), { numberFormat: '0 "days"', horizontal: "left" });

  const blockHeading = (column: number, heading: string) => {
    put(LAYOUT.blockHeadingRow, column, text(heading));
    style(address(LAYOUT.blockHeadingRow, column), { bold: true, fontColor: COLORS.title });
  };
  blockHeading(LAYOUT.team.roleColumn, "Service team");
  for (const role of template.roles) {
    const cell = teamCells(role, template.roles);
    put(cell.row, cell.roleColumn, text(role));
    style(address(cell.row, cell.roleColumn), { bold: true, fontColor: COLORS.label });
    put(cell.row, cell.nameColumn, text(inputs.team[role] ?? ""));
    style(address(cell.row, cell.nameColumn), { numberFormat: TEXT_FORMAT });
  }

  blockHeading(LAYOUT.legendColumn, "Status key");
  Object.values(STATUS_COLORS).forEach((entry, index) => {
    const row = LAYOUT.legendFirstRow + index;
    put(row, LAYOUT.legendColumn, text(entry.label));
    style(address(row, LAYOUT.legendColumn), { fill: entry.fill, fontColor: entry.font, horizontal: "center" });
  });

  blockHeading(LAYOUT.holidays.firstColumn, "Holidays (due dates skip them)");
  if (inputs.holidays.length > HOLIDAY_SLOTS) {
    throw new RangeError(`A plan sheet holds ${HOLIDAY_SLOTS} holidays; ${inputs.holidays.length} were given.`);
  }
  inputs.holidays.forEach((holiday, index) => {
    const cell = holidayCell(index);
    put(cell.row, cell.column, { kind: "number", value: toExcelSerial(holiday) });
  });
  style(HOLIDAYS_RANGE, { numberFormat: DATE_FORMAT, fill: COLORS.inputFill, horizontal: "left" });

  put(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column, text(PLAN_MARKER));
  put(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column, text(planId));
  stampTemplate(grid, template);
}

/**
 * The title and the markers: which template (name and version) the sheet follows, over any header kept; and the
 * template's roles in the team block's role column (a role the template renamed keeps its row, and so its person).
 */
export function stampTemplate(grid: SheetGrid, template: Template): void {
  grid.put(1, 1, text(template.name));
  grid.put(LAYOUT.marker.version.row, LAYOUT.marker.version.column, { kind: "number", value: template.version });
  grid.put(LAYOUT.templateName.row, LAYOUT.templateName.column, text(template.name));
  grid.style(address(LAYOUT.templateName.row, LAYOUT.templateName.column), {
    numberFormat: HIDDEN_FORMAT,
  });
  for (let index = 0; index < MAX_ROLES; index++) {
    const cell = teamRowCells(index);
    const role = template.roles[index];
    grid.put(cell.row, cell.roleColumn, role === undefined ? EMPTY : text(role));
  }
}
