import { type CalendarDate, toIsoDate } from "./dates";
import { DEFAULT_TEMPLATE } from "./default-template";
import { excelSerialToIso } from "./excel-dates";
import { MAX_ROLES, type Role, ROLES, type ServiceTeam } from "./roles";
import {
  address,
  COLUMN,
  HOLIDAY_SLOTS,
  holidayCell,
  LAYOUT,
  PLAN_MARKER,
  TABLE_COLUMNS,
  teamRowCells,
} from "./sheet-layout";
import { canonicalStatus, type Status, type TaskState, taskState } from "./status";
import { checkTerm, type Problem } from "./validate";

/**
 * Reads a plan back from a sheet's cell values (as Office.js or a file reader returns them: numbers for
 * dates, strings for text, "" for empty cells). Pure: the Excel adapter loads, this interprets.
 */

export type CellData = string | number | boolean | null | undefined;

/**
 * A task as its row shows it, dates as ISO "YYYY-MM-DD" text (null where the cell holds no date): what the pane
 * shows of a task (PlanTaskRow) is these fields, with the task's id.
 */
export interface TaskFields {
  phase: string;
  task: string;
  owners: string;
  assignedTo: string;
  opens: string | null;
  due: string | null;
  status: Status | "";
  completedOn: string | null;
  notes: string;
  state: TaskState;
}

/** The names of TaskFields, for taking them from a SheetRow. */
export const TASK_FIELDS = [
  "phase",
  "task",
  "owners",
  "assignedTo",
  "opens",
  "due",
  "status",
  "completedOn",
  "notes",
  "state",
] as const satisfies readonly (keyof TaskFields)[];

/** One row of the table as read. */
export interface SheetRow extends TaskFields {
  /** 1-based sheet row. */
  row: number;
  /**
   * The stable id from the hidden id column; "" for a row a person added, and for a copy of a row (an id
   * already read on a row above): a pasted copy is a person's own row, never the task it was copied from.
   */
  id: string;
  kind: "phase" | "task" | "item" | "added";
  /** The status as read (see canonicalStatus: "done " is "Done"), or text that is no status, kept as typed. */
  statusText: string;
}

export interface SheetPlan {
  planId: string;
  /** The template the plan was made from (or last updated to); DEFAULT_TEMPLATE's name on plans made before names. */
  templateName: string;
  templateVersion: number;
  /** The roles of the plan's team block, as its role column (C3:C10) names them, in order. */
  roles: Role[];
  client: string;
  bindCell: CellData;
  renewalCell: CellData;
  bind: string | null;
  renewal: string | null;
  team: ServiceTeam;
  holidays: string[];
  rows: SheetRow[];
  /** Problems with the Bind/Renewal cells, in words. */
  problems: Problem[];
  /** The id of the plan of the term before, where this plan was started from it (LAYOUT.follows); else "". */
  follows?: string;
  /** The id of the next term's plan while its sheet is there (LAYOUT.renewedTo); "" for the term's live plan. */
  renewedTo?: string;
}

export class DamagedPlanError extends Error {}

/** Whether the cells look like a plan sheet: the marker in the hidden id column. */
export function isPlanSheet(markerCell: unknown): boolean {
  return markerCell === PLAN_MARKER;
}

const text = (value: CellData): string => (value === null || value === undefined ? "" : String(value)).trim();

function kindOf(id: string): SheetRow["kind"] {
  if (id === "") return "added";
  const depth = id.split(".").length;
  return depth === 1 ? "phase" : depth === 2 ? "task" : "item";
}

/**
 * A Bind or Renewal cell holding text that reads as a date (typed into a cell formatted as Text): the sheet's
 * formulas see no date, so every date on the sheet is blank. Say so on that field.
 */
function dateTypedAsText(field: "bind" | "renewal", cell: CellData, at: string): Problem | null {
  // 2027-02-01, 2/1/2027, 1.2.2027: what Excel would have taken for a date in a cell not formatted as Text.
  if (typeof cell !== "string" || !/^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*$/.test(cell)) return null;
  const label = field === "bind" ? "Bind date" : "Renewal date";
  return {
    field,
    message:
      `${label} "${cell.trim()}" in ${at} is text, not a date, so the sheet's dates stay blank: ` +
      `format ${at} as a date (Home > Number Format > Short Date) and type the date again.`,
  };
}

/**
 * Interprets `values` (from A1, at least through the hidden id and holidays columns). Throws DamagedPlanError
 * with what to fix when the layout was changed so much that the plan cannot be read safely.
 */
export function readPlanSheet(values: CellData[][], today: CalendarDate): SheetPlan {
  const at = (row: number, column: number): CellData => values[row - 1]?.[column - 1];
  const expectLabel = (row: number, column: number, label: string) => {
    if (text(at(row, column)) !== label) {
      throw new DamagedPlanError(
        `This plan sheet was rearranged: "${label}" should be in cell ${String.fromCharCode(64 + column)}${row}. ` +
          "Undo the change (Ctrl+Z) or put the rows above the task table back as they were.",
      );
    }
  };
  expectLabel(LAYOUT.bind.row, 1, "Bind date");
  expectLabel(LAYOUT.renewal.row, 1, "Renewal date");
  TABLE_COLUMNS.forEach((column, index) => expectLabel(LAYOUT.headerRow, index + 1, column.header));

  const bindCell = at(LAYOUT.bind.row, LAYOUT.bind.column);
  const renewalCell = at(LAYOUT.renewal.row, LAYOUT.renewal.column);
  const term = checkTerm(
    typeof bindCell === "number" || typeof bindCell === "string" ? bindCell : null,
    typeof renewalCell === "number" || typeof renewalCell === "string" ? renewalCell : null,
  );
  const typedAsText = [
    dateTypedAsText("bind", bindCell, address(LAYOUT.bind.row, LAYOUT.bind.column)),
    dateTypedAsText("renewal", renewalCell, address(LAYOUT.renewal.row, LAYOUT.renewal.column)),
  ].filter((problem): problem is Problem => problem !== null);
  const problems = typedAsText.length > 0 ? typedAsText : term.ok ? [] : term.problems;
  // An empty renewal cell is a problem on a sheet (the formula that fills it was deleted), unlike in a form.
  if ((renewalCell === "" || renewalCell === null || renewalCell === undefined) && term.ok && !typedAsText.length) {
    problems.push({ field: "renewal", message: "Renewal date is empty: enter a date such as 2028-01-15." });
  }

  // The roles are the sheet's own: a plan from an agency's template names its roles in the team block. A block
  // whose role labels were all cleared reads as the default template's, which every plan had before.
  const roles: Role[] = [];
  const team: ServiceTeam = {};
  const labels = Array.from({ length: MAX_ROLES }, (_, index) => {
    const cell = teamRowCells(index);
    return text(at(cell.row, cell.roleColumn));
  });
  const unlabelled = labels.every((label) => label === "");
  for (let index = 0; index < MAX_ROLES; index++) {
    const cell = teamRowCells(index);
    const role = unlabelled ? (ROLES[index] ?? "") : labels[index];
    if (!role || roles.includes(role)) continue;
    roles.push(role);
    const person = text(at(cell.row, cell.nameColumn));
    if (person) team[role] = person;
  }
  const holidays: string[] = [];
  for (let slot = 0; slot < HOLIDAY_SLOTS; slot++) {
    const cell = holidayCell(slot);
    const holiday = excelSerialToIso(at(cell.row, cell.column));
    if (holiday && !holidays.includes(holiday)) holidays.push(holiday);
  }
  holidays.sort();

  const rows = readPlanRows(values, today);

  const version = at(LAYOUT.marker.version.row, LAYOUT.marker.version.column);
  return {
    planId: text(at(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column)),
    templateName: text(at(LAYOUT.templateName.row, LAYOUT.templateName.column)) || DEFAULT_TEMPLATE.name,
    templateVersion: typeof version === "number" ? version : Number(version) || 0,
    roles,
    client: text(at(LAYOUT.client.row, LAYOUT.client.column)),
    bindCell,
    renewalCell,
    bind: term.ok ? toIsoDate(term.value.bind) : excelSerialToIso(bindCell),
    renewal: term.ok ? toIsoDate(term.value.renewal) : excelSerialToIso(renewalCell),
    team,
    holidays,
    rows,
    problems,
    follows: text(at(LAYOUT.follows.row, LAYOUT.follows.column)),
    renewedTo: text(at(LAYOUT.renewedTo.row, LAYOUT.renewedTo.column)),
  };
}

/**
 * The task table's rows from `values` (from A1): only the rows' own cells are read, so a block of some columns
 * (the Status and id columns, with the rest empty) reads the ids and statuses the whole sheet would.
 */
export function readPlanRows(values: readonly CellData[][], today: CalendarDate): SheetRow[] {
  const rows: SheetRow[] = [];
  const idsSeen = new Set<string>();
  for (let row = LAYOUT.firstDataRow; row <= values.length; row++) {
    const line = values[row - 1] ?? [];
    const idCell = text(line[COLUMN.id - 1]);
    const printed = line.slice(0, COLUMN.notes).some((cell) => text(cell) !== "");
    if (!idCell && !printed) continue;
    // The first row with an id is the task; a later row with the same id is a copy someone pasted.
    const id = idsSeen.has(idCell) ? "" : idCell;
    idsSeen.add(idCell);
    const typedStatus = text(line[COLUMN.status - 1]);
    const status = canonicalStatus(typedStatus) ?? "";
    const statusText = status || typedStatus;
    const due = excelSerialToIso(line[COLUMN.due - 1]);
    rows.push({
      row,
      id,
      kind: kindOf(id),
      phase: text(line[COLUMN.phase - 1]),
      task: text(line[COLUMN.task - 1]),
      owners: text(line[COLUMN.owner - 1]),
      assignedTo: text(line[COLUMN.assignedTo - 1]),
      opens: excelSerialToIso(line[COLUMN.opens - 1]),
      due,
      status,
      statusText,
      completedOn: excelSerialToIso(line[COLUMN.completedOn - 1]),
      notes: text(line[COLUMN.notes - 1]),
      state: taskState(statusText, due, today),
    });
  }
  return rows;
}
