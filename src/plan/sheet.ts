import { toExcelSerial } from "./dates";
import { ROLES, type Role } from "./roles";
import {
  assignedToFormula,
  milestoneFormula,
  RENEWAL_FOLLOWS_BIND_FORMULA,
  statusConditions,
  TERM_FORMULA,
} from "./sheet-formulas";
import {
  address,
  COLUMN,
  HOLIDAY_SLOTS,
  HOLIDAYS_REF,
  holidayCell,
  LAYOUT,
  PLAN_MARKER,
  TABLE_COLUMNS,
  teamCells,
} from "./sheet-layout";
import { planSummaryCells } from "./sheet-summary";
import { STATUSES } from "./status";
import { phaseWindow, type Template } from "./template";
import { hasVisibleCharacter, type PlanInputs } from "./validate";

/**
 * A plan sheet, described declaratively: what every cell holds and how it looks, its rules and its print
 * setup. Writers (Office.js, .xlsx) render it mechanically, in the order given, and decide nothing themselves.
 */

export type CellValue =
  /** Text from the template or from people: always stored as text, even "=HYPERLINK(...)" or "+1 555". */
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "formula"; formula: string }
  | { kind: "empty" };

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  numberFormat?: string;
  wrap?: boolean;
  indent?: number;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
  borderBottom?: string;
}

export interface StyledRange {
  /** A1 range on this sheet, e.g. "B10:B60". */
  range: string;
  style: CellStyle;
}

export type ValidationRule =
  | { kind: "list"; values: readonly string[] }
  | { kind: "date"; minSerial: number; maxSerial: number; minIso: string; maxIso: string };

export interface Validation {
  range: string;
  rule: ValidationRule;
  errorTitle: string;
  errorMessage: string;
  promptTitle?: string;
  promptMessage?: string;
}

export interface ConditionalFormat {
  range: string;
  /** A formula with a leading "=", relative to the top-left cell of `range`. */
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  stopIfTrue: boolean;
}

export interface PrintSetup {
  orientation: "landscape";
  fitToPagesWide: 1;
  /** 0: as many pages tall as needed. */
  fitToPagesTall: 0;
  printArea: string;
  /** Rows repeated at the top of every page, e.g. "$9:$9". */
  titleRows: string;
  /** Excel header/footer codes (&P page, &N pages, &D date; a literal & is written &&). */
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
  centerHorizontally: boolean;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

export type RowKind = "phase" | "task" | "item" | "added";

export interface PlanRow {
  row: number;
  kind: RowKind;
  id: string;
}

export interface SheetDescription {
  name: string;
  planId: string;
  templateVersion: number;
  /** Every cell from A1, rows of equal length. */
  cells: CellValue[][];
  columns: { width: number; hidden: boolean }[];
  /** Applied in order; later entries win where they overlap. */
  styles: StyledRange[];
  validations: Validation[];
  /** In priority order: the first that matches wins (each stops the ones after it where stopIfTrue). */
  conditionalFormats: ConditionalFormat[];
  /** Row ranges (inclusive) grouped as one outline level, folded under the row above them. */
  rowGroups: { firstRow: number; lastRow: number }[];
  outlineSummaryAbove: true;
  freezeRows: number;
  autoFilter: string;
  print: PrintSetup;
  rows: PlanRow[];
  /**
   * Heights (points) for rows whose wrapped text needs more than one line, estimated from text length:
   * file writers store them because not every program re-measures rows when it opens a file.
   */
  rowHeights: { row: number; points: number }[];
}

const COLORS = {
  title: "1F3864",
  label: "404040",
  headerFill: "1F3864",
  headerFont: "FFFFFF",
  phaseFill: "D9E1F2",
  inputFill: "FFF9E5",
  muted: "6B6B6B",
  border: "8EA9DB",
} as const;

/** Status colors, shared by the legend and the conditional formats so they always agree. */
export const STATUS_COLORS = {
  done: { label: "Done", fill: "C6EFCE", font: "006100" },
  inProgress: { label: "In progress", fill: "DDEBF7", font: "1F4E78" },
  dueSoon: { label: "Due soon", fill: "FFEB9C", font: "9C5700" },
  overdue: { label: "Overdue", fill: "FFC7CE", font: "9C0006" },
  na: { label: "N/A", fill: "E7E6E6", font: "595959" },
} as const;

export const DATE_FORMAT = "mmm d, yyyy";
export const TEXT_FORMAT = "@";
const OVERDUE_ROW_FILL = "FDECEE";

const text = (value: string): CellValue => ({ kind: "text", text: value });
const formula = (value: string): CellValue => ({ kind: "formula", formula: value });
const EMPTY: CellValue = { kind: "empty" };

const FORBIDDEN_IN_SHEET_NAMES = /[[\]:*?/\\]/g;
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
export const MAX_SHEET_NAME = 31;

/**
 * A sheet name from the client's name: Excel's forbidden characters replaced, at most 31 characters, not
 * starting or ending with an apostrophe, and unique (case-insensitively, as Excel compares) among `taken`.
 */
export function planSheetName(client: string, taken: readonly string[]): string {
  const replaced = client
    .replace(FORBIDDEN_IN_SHEET_NAMES, "-")
    // A straight apostrophe must be doubled inside quoted references ('O''Brien'!A1), which several
    // programs get wrong; the typographic one reads the same and needs no quoting rules.
    .replace(/'/g, "\u2019")
    .replace(/\s+/g, " ")
    .trim();
  const base = hasVisibleCharacter(replaced) ? replaced : "Client plan";
  const takenLower = new Set(taken.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = truncate(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    if (!takenLower.has(candidate.toLowerCase()) && candidate.toLowerCase() !== "history") return candidate;
  }
}

/**
 * The user-perceived characters of `text` (a flag, a family emoji joined with zero-width joiners, a letter with
 * its accents), so a cut never splits one. Where the runtime has no Intl.Segmenter, code points.
 */
function graphemes(text: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return [...text];
  return Array.from(new Segmenter(undefined, { granularity: "grapheme" }).segment(text), (part) => part.segment);
}

/**
 * At most `units` UTF-16 code units (the strictest way to count Excel's limits), cut between user-perceived
 * characters. A single character longer than the limit (a long run of combining marks) is cut between code
 * points instead, so the result is never empty when `text` is not.
 */
function truncate(text: string, units: number): string {
  if (text.length <= units) return text;
  let kept = "";
  for (const character of graphemes(text)) {
    if (kept.length + character.length > units) break;
    kept += character;
  }
  if (kept !== "") return kept;
  for (const codePoint of text) {
    if (kept.length + codePoint.length > units) break;
    kept += codePoint;
  }
  return kept;
}

/** Header and footer codes treat "&" as a command; a literal ampersand is doubled. */
export function headerFooterText(value: string): string {
  return value.replace(/&/g, "&&");
}

/** Excel refuses a header or footer longer than this, counted over all three sections with their codes. */
export const MAX_HEADER_FOOTER_LENGTH = 255;

export interface HeaderFooterParts {
  left: string;
  center: string;
  right: string;
}

/** One header or footer as Excel stores it: "&L" left, "&C" center, "&R" right, empty sections left out. */
export function headerFooterCodes(part: HeaderFooterParts): string {
  return `${part.left && `&L${part.left}`}${part.center && `&C${part.center}`}${part.right && `&R${part.right}`}`;
}

/**
 * `text` as header/footer codes, shortened with an ellipsis to at most `units` once its ampersands are doubled.
 * The cut is made before doubling, between whole characters, so no "&&" is split into a stray command.
 */
export function fitHeaderFooterText(text: string, units: number): string {
  const full = headerFooterText(text);
  if (full.length <= units) return full;
  const ellipsis = "\u2026";
  let kept = "";
  for (const character of graphemes(text)) {
    if (headerFooterText(kept + character).length + ellipsis.length > units) break;
    kept += character;
  }
  return headerFooterText(kept.trimEnd()) + ellipsis;
}

/** The printed page header: the client on the left (shortened to fit Excel's limit), the plan's name on the right. */
function clientHeader(client: string, planName: string): HeaderFooterParts {
  const right = headerFooterText(planName);
  const room = MAX_HEADER_FOOTER_LENGTH - headerFooterCodes({ left: "", center: "", right }).length - "&L".length;
  return { left: fitHeaderFooterText(client, room), center: "", right };
}

function range(firstRow: number, firstColumn: number, lastRow: number, lastColumn: number): string {
  return `${address(firstRow, firstColumn)}:${address(lastRow, lastColumn)}`;
}

/** What a person entered on a task or sub-item row, carried over when a plan is rebuilt. */
export interface RowEntry {
  statusText: string;
  /** Excel serial, or null. */
  completedOn: number | null;
  notes: string;
}

export interface DescribeOptions {
  planId: string;
  existingSheetNames: readonly string[];
  /** Entries by row id, written over the template's defaults (a plan in mid-term, as tests and demos show it). */
  entries?: ReadonlyMap<string, RowEntry>;
  /**
   * Cells by row id and column (1-based), written over the template's cells of that row: what people typed on
   * a task when a plan is rebuilt. Columns beyond the table are kept too.
   */
  keptCells?: ReadonlyMap<string, ReadonlyMap<number, CellValue>>;
  /** Rows appended after the template's rows, cell for cell from column A: people's own rows, retired tasks. */
  extraRows?: readonly CellValue[][];
  /**
   * The rows above the table, cell for cell from A1, written instead of a new header (a rebuilt plan keeps its
   * own), and on the table's header row the headings of people's own columns beyond the table.
   */
  headerCells?: readonly CellValue[][];
}

export function describePlanSheet(template: Template, inputs: PlanInputs, options: DescribeOptions): SheetDescription {
  const extraRows = options.extraRows ?? [];
  const keptWidth = (rows: Iterable<readonly CellValue[]>) => Math.max(0, ...[...rows].map((row) => row.length));
  const width = Math.max(
    COLUMN.id,
    keptWidth(extraRows),
    keptWidth(options.headerCells ?? []),
    ...[...(options.keptCells?.values() ?? [])].map((cells) => Math.max(0, ...cells.keys())),
  );
  const taskRowCount =
    template.phases.reduce((n, p) => n + 1 + p.tasks.reduce((m, t) => m + 1 + t.items.length, 0), 0) + extraRows.length;
  const lastRow = LAYOUT.headerRow + taskRowCount;
  const cells: CellValue[][] = Array.from({ length: lastRow }, () => Array.from({ length: width }, () => EMPTY));
  const put = (row: number, column: number, value: CellValue) => {
    cells[row - 1][column - 1] = value;
  };
  const styles: StyledRange[] = [];
  const style = (rangeText: string, cellStyle: CellStyle) => styles.push({ range: rangeText, style: cellStyle });

  // Header block.
  put(1, 1, text(template.name));
  style("A1:A1", { bold: true, fontSize: 16, fontColor: COLORS.title });
  const labels: [number, string][] = [
    [LAYOUT.client.row, "Client"],
    [LAYOUT.bind.row, "Bind date"],
    [LAYOUT.renewal.row, "Renewal date"],
    [LAYOUT.term.row, "Term"],
  ];
  for (const [row, label] of labels) put(row, LAYOUT.clientLabel.column, text(label));
  style(range(3, 1, 6, 1), { bold: true, fontColor: COLORS.label });
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
  style(range(LAYOUT.bind.row, 2, LAYOUT.renewal.row, 2), {
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
  for (const role of ROLES) {
    const cell = teamCells(role);
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
  const holidayRange = HOLIDAYS_REF.replace(/\$/g, "");
  style(holidayRange, { numberFormat: DATE_FORMAT, fill: COLORS.inputFill, horizontal: "left" });

  put(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column, text(PLAN_MARKER));
  put(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column, text(options.planId));
  put(LAYOUT.marker.version.row, LAYOUT.marker.version.column, { kind: "number", value: template.version });

  // The task table.
  TABLE_COLUMNS.forEach((column, index) => put(LAYOUT.headerRow, index + 1, text(column.header)));
  style(range(LAYOUT.headerRow, 1, LAYOUT.headerRow, COLUMN.id), {
    bold: true,
    fill: COLORS.headerFill,
    fontColor: COLORS.headerFont,
    vertical: "center",
    wrap: true,
  });

  const rows: PlanRow[] = [];
  const taskOwners = new Map<string, readonly Role[]>();
  const rowGroups: { firstRow: number; lastRow: number }[] = [];
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
    style(range(row, 1, row, LAYOUT.printColumns), { bold: true, fill: COLORS.phaseFill, borderBottom: COLORS.border });
    rows.push({ row, kind: "phase", id: phase.id });
    row++;
    for (const task of phase.tasks) {
      put(row, COLUMN.phase, text(phase.title));
      put(row, COLUMN.task, text(task.text));
      put(row, COLUMN.owner, text(task.owners.join(" / ")));
      put(row, COLUMN.assignedTo, formula(assignedToFormula(task.owners)));
      put(row, COLUMN.opens, opens);
      put(row, COLUMN.due, due);
      put(row, COLUMN.status, text(STATUSES[0]));
      put(row, COLUMN.id, text(task.id));
      rows.push({ row, kind: "task", id: task.id });
      taskOwners.set(task.id, task.owners);
      row++;
      if (task.items.length > 0) {
        rowGroups.push({ firstRow: row, lastRow: row + task.items.length - 1 });
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
  const lastTableRow = row - 1;

  // What people entered goes back where it belongs: by row id, and on extra rows as they were.
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
  // The live summary under Term; a kept header without it (a plan made before it) gets it wherever those
  // cells are empty, and a person's own entry there stays as it looks.
  const summary = planSummaryCells({
    label: { bold: true, fontColor: COLORS.label },
    overdue: STATUS_COLORS.overdue,
    dueSoon: STATUS_COLORS.dueSoon,
  });
  for (const cell of summary.cells) {
    if (cells[cell.row - 1][cell.column - 1].kind === "empty") put(cell.row, cell.column, cell.value);
    if (JSON.stringify(cells[cell.row - 1][cell.column - 1]) === JSON.stringify(cell.value)) {
      style(address(cell.row, cell.column), cell.style);
    }
  }
  // The title and markers always say which template (and version) the sheet now follows.
  put(1, 1, text(template.name));
  put(LAYOUT.marker.version.row, LAYOUT.marker.version.column, { kind: "number", value: template.version });

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
  const first = LAYOUT.firstDataRow;
  const column = (key: keyof typeof COLUMN) => range(first, COLUMN[key], lastTableRow, COLUMN[key]);
  style(range(first, 1, lastTableRow, COLUMN.id), { vertical: "top" });
  style(column("task"), { wrap: true });
  style(column("owner"), { wrap: true });
  style(column("assignedTo"), { wrap: true });
  style(column("notes"), { wrap: true, numberFormat: TEXT_FORMAT });
  style(range(first, COLUMN.opens, lastTableRow, COLUMN.due), { numberFormat: DATE_FORMAT, horizontal: "left" });
  style(column("completedOn"), { numberFormat: DATE_FORMAT, horizontal: "left" });
  style(column("status"), { horizontal: "center" });
  // A formula people typed into a Text-formatted column (Notes) must stay a formula when written back.
  for (let r = LAYOUT.firstDataRow; r <= cells.length; r++) {
    if (cells[r - 1][COLUMN.notes - 1].kind === "formula") style(address(r, COLUMN.notes), { numberFormat: "General" });
  }

  const conditions = statusConditions(first);
  const rowRange = range(first, 1, lastTableRow, LAYOUT.printColumns);
  const statusRange = column("status");
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: statusRange,
      formula: conditions.done,
      fill: STATUS_COLORS.done.fill,
      fontColor: STATUS_COLORS.done.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.na,
      fill: STATUS_COLORS.na.fill,
      fontColor: STATUS_COLORS.na.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.overdue,
      fill: STATUS_COLORS.overdue.fill,
      fontColor: STATUS_COLORS.overdue.font,
      bold: true,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.dueSoon,
      fill: STATUS_COLORS.dueSoon.fill,
      fontColor: STATUS_COLORS.dueSoon.font,
      stopIfTrue: true,
    },
    {
      range: statusRange,
      formula: conditions.inProgress,
      fill: STATUS_COLORS.inProgress.fill,
      fontColor: STATUS_COLORS.inProgress.font,
      stopIfTrue: true,
    },
    // The whole row reads as done (muted) or overdue (tinted), so a printed page shows it without color on Status alone.
    { range: rowRange, formula: conditions.done, fontColor: COLORS.muted, stopIfTrue: false },
    { range: rowRange, formula: conditions.overdue, fill: OVERDUE_ROW_FILL, stopIfTrue: false },
    ...summary.conditionalFormats,
  ];

  const dateValidation = (label: string): Validation => ({
    range: "",
    rule: { kind: "date", minSerial: 61, maxSerial: 2958465, minIso: "1900-03-01", maxIso: "9999-12-31" },
    errorTitle: `${label} must be a date`,
    errorMessage: `Type the ${label.toLowerCase()} as a date, e.g. 1/15/2027. The plan's due dates are counted from it.`,
    promptTitle: label,
    promptMessage: "Due dates on this sheet follow this date.",
  });
  const validations: Validation[] = [
    { ...dateValidation("Bind date"), range: address(LAYOUT.bind.row, LAYOUT.bind.column) },
    {
      ...dateValidation("Renewal date"),
      range: address(LAYOUT.renewal.row, LAYOUT.renewal.column),
      promptMessage: "Renewal-timed due dates follow this date. Leave the formula to keep it one year after binding.",
    },
    {
      range: statusRange,
      rule: { kind: "list", values: STATUSES },
      errorTitle: "Pick a status",
      errorMessage: `Status is one of: ${STATUSES.join(", ")}.`,
    },
    {
      range: column("completedOn"),
      rule: { kind: "date", minSerial: 61, maxSerial: 2958465, minIso: "1900-03-01", maxIso: "9999-12-31" },
      errorTitle: "Completed on must be a date",
      errorMessage: "Type the day the task was completed, e.g. 3/2/2027.",
    },
    {
      range: holidayRange,
      rule: { kind: "date", minSerial: 61, maxSerial: 2958465, minIso: "1900-03-01", maxIso: "9999-12-31" },
      errorTitle: "Holidays are dates",
      errorMessage:
        "Type each holiday as a date, e.g. 7/5/2027. Due dates that fall on it move to the working day before.",
    },
  ];

  return {
    name: planSheetName(inputs.client, options.existingSheetNames),
    planId: options.planId,
    templateVersion: template.version,
    cells,
    columns: TABLE_COLUMNS.map((c) => ({ width: c.width, hidden: "hidden" in c && c.hidden === true })),
    styles,
    validations,
    conditionalFormats,
    rowGroups,
    outlineSummaryAbove: true,
    freezeRows: LAYOUT.headerRow,
    // Through the hidden id column: a sort from the filter buttons moves every task's id with its row.
    autoFilter: range(LAYOUT.headerRow, 1, lastTableRow, COLUMN.id),
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: range(1, 1, lastTableRow, LAYOUT.printColumns),
      titleRows: `$${LAYOUT.headerRow}:$${LAYOUT.headerRow}`,
      header: clientHeader(inputs.client, template.name),
      footer: { left: "Printed &D", center: "", right: "Page &P of &N" },
      centerHorizontally: true,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    rows,
    rowHeights,
  };
}
