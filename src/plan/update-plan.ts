import { parseIsoDate } from "./dates";
import type { SheetPlan } from "./read-sheet";
import { MAX_ROLES, type Role, type ServiceTeam } from "./roles";
import { describePlanSheet } from "./sheet";
import type { CellValue, SheetDescription } from "./sheet-types";
import { cellAt, cellText, type SheetCells, shiftFormulaRows, usedWidth } from "./sheet-cells";
import { isAssignedToFormula, isMilestoneFormula, milestoneFormula } from "./sheet-formulas";
import { address, COLUMN, columnLetter, LAYOUT, TABLE_COLUMNS, teamRowCells } from "./sheet-layout";
import { canonicalStatus, STATUS } from "./status";
import { phaseWindow, type Template } from "./template";
import type { PlanInputs } from "./validate";

/**
 * Rebuilding a plan sheet on a newer template without losing anything people typed. Pure: the old sheet as read
 * (values and formulas) in, the new sheet description and the list of what moves where out. Both writers render
 * the description as they render a new plan.
 *
 * What counts as typed: every cell of the table that differs from what the add-in writes there (a date typed
 * over a formula, a name typed over the Assigned-to formula, changed wording, a status, a note, anything in the
 * columns beyond the table), every cell of a row that is not the template's (people's own rows, pasted copies,
 * rows whose id was edited, retired tasks) and the whole header block above the table.
 */

/** One typed cell carried over: where it was, where it is on the rebuilt sheet. */
export interface KeptCell {
  /** The row's task id, or "" for a person's own row. */
  taskId: string;
  /** The row's task text as the sheet showed it. */
  task: string;
  column: string;
  from: string;
  to: string;
  value: string;
}

export interface TemplateUpdate {
  description: SheetDescription;
  kept: KeptCell[];
  /** Rows that are not the template's (people's own, copies, edited ids, retired tasks), moved below the table whole. */
  movedRows: { from: number; to: number; task: string }[];
  /** Tasks the newer template adds. */
  addedTasks: string[];
  /** Template rows the newer template no longer has: kept, with everything on them, after the table. */
  retiredRows: string[];
  /** Tasks whose wording on the sheet differs from the template's: the sheet's wording is kept. */
  rewordedKept: { task: string; template: string }[];
  /** Tasks the newer template rewords, where the sheet still showed the add-in's earlier wording. */
  reworded: { from: string; to: string }[];
  /** Phases whose Opens or Due timing the newer template changes. */
  retimed: string[];
  /** Roles the newer template renames (by their place in the team block): the person named stays with the role. */
  renamedRoles: { from: Role; to: Role }[];
  /** People whose role the newer template no longer has: no longer on the plan's team. */
  droppedFromTeam: { role: Role; person: string }[];
}

export class UpdateNotPossible extends Error {}

interface TemplateRow {
  kind: "phase" | "task" | "item";
  phase: string;
  text: string;
  /** Wording the add-in itself wrote for this row in earlier template versions. */
  formerTexts?: readonly string[];
  owner: string;
}

function templateRows(template: Template): Map<string, TemplateRow> {
  const rows = new Map<string, TemplateRow>();
  for (const phase of template.phases) {
    rows.set(phase.id, {
      kind: "phase",
      phase: phase.title,
      text: `${phase.heading} (${phase.section.toLowerCase()})`,
      owner: "",
    });
    for (const task of phase.tasks) {
      rows.set(task.id, {
        kind: "task",
        phase: phase.title,
        text: task.text,
        formerTexts: task.formerTexts,
        owner: task.owners.join(" / "),
      });
      for (const item of task.items) rows.set(item.id, { kind: "item", phase: "", text: item.text, owner: "" });
    }
  }
  return rows;
}

/** A retired task as the add-in wrote it, for telling its formulas and default status from what people typed. */
const RETIRED_TASK: TemplateRow = { kind: "task", phase: "", text: "", owner: "" };

const isEmpty = (value: CellValue) => value.kind === "empty";
const textOf = (value: CellValue) => (value.kind === "text" ? value.text.trim() : value.kind === "empty" ? "" : null);

/** Whether `value` is what the add-in itself writes in `column` of a template row (so not something a person typed). */
function isGenerated(value: CellValue, column: number, row: TemplateRow, id: string): boolean {
  switch (column) {
    case COLUMN.phase:
      return textOf(value) === row.phase;
    case COLUMN.task: {
      const wording = textOf(value);
      return wording === row.text || (wording !== null && (row.formerTexts ?? []).includes(wording));
    }
    case COLUMN.owner:
      return textOf(value) === row.owner;
    case COLUMN.assignedTo:
      return row.kind === "task" ? value.kind === "formula" && isAssignedToFormula(value.formula) : isEmpty(value);
    case COLUMN.opens:
    case COLUMN.due:
      return row.kind === "item" ? isEmpty(value) : value.kind === "formula" && isMilestoneFormula(value.formula);
    case COLUMN.status: {
      const typed = textOf(value);
      return row.kind === "task" ? typed !== null && canonicalStatus(typed) === STATUS.notStarted : isEmpty(value);
    }
    case COLUMN.id:
      return textOf(value) === id;
    default:
      return isEmpty(value);
  }
}

const columnName = (column: number) => TABLE_COLUMNS[column - 1]?.header ?? `Column ${columnLetter(column)}`;

function moved(value: CellValue, rowDelta: number): CellValue {
  return value.kind === "formula" ? { kind: "formula", formula: shiftFormulaRows(value.formula, rowDelta) } : value;
}

/**
 * The plan on `sheet` rebuilt on `template`, with `team` (when given) in its header. Throws UpdateNotPossible
 * when the plan's dates cannot be read, since the rebuilt formulas would have nothing to count from.
 */
export function planTemplateUpdate(
  sheet: SheetCells,
  plan: SheetPlan,
  template: Template,
  sheetName: string,
  team: ServiceTeam = plan.team,
): TemplateUpdate {
  const bind = plan.bind ? parseIsoDate(plan.bind) : null;
  const renewal = plan.renewal ? parseIsoDate(plan.renewal) : null;
  if (!bind || !renewal || plan.problems.length > 0) {
    throw new UpdateNotPossible(
      `Fix the plan's dates before updating its template: ${plan.problems.map((p) => p.message).join(" ") || "the Bind or Renewal cell holds no date."}`,
    );
  }
  const inputs: PlanInputs = {
    client: plan.client,
    bind,
    renewal,
    renewalFollowsBind: false, // the header is kept as it is, formula or date
    team,
    holidays: [],
  };
  const width = usedWidth(sheet, COLUMN.id);
  const lastRow = sheet.values.length;
  const cellsOf = (row: number) => Array.from({ length: width }, (_, c) => cellAt(sheet, row, c + 1));

  // The header block, cell for cell, with the new team where one is given; on the table's header row, the
  // headings people gave their own columns beyond the table. The team block follows the template's roles.
  const headerCells = Array.from({ length: LAYOUT.headerRow }, (_, r) => cellsOf(r + 1));
  const { people, renamedRoles, droppedFromTeam } = teamOnTemplate(plan.roles, template.roles, team);
  people.forEach((person, index) => {
    const cell = teamRowCells(index);
    headerCells[cell.row - 1][cell.nameColumn - 1] = person ? { kind: "text", text: person } : { kind: "empty" };
  });

  const wanted = templateRows(template);
  const readRows = new Map(plan.rows.map((r) => [r.row, r]));
  const typedByTask = new Map<string, { from: number; cells: Map<number, CellValue>; task: string }>();
  const extras: {
    from: number;
    cells: CellValue[];
    taskId: string;
    task: string;
    typed: (value: CellValue, column: number) => boolean;
  }[] = [];
  const phaseTitles = new Set(template.phases.map((phase) => phase.title));
  const retiredRows: string[] = [];
  const rewordedKept: { task: string; template: string }[] = [];
  const reworded: { from: string; to: string }[] = [];
  const retimed: string[] = [];
  for (let row = LAYOUT.firstDataRow; row <= lastRow; row++) {
    const cells = cellsOf(row);
    if (cells.every(isEmpty)) continue;
    const read = readRows.get(row);
    const id = read?.id ?? "";
    const templateRow = id ? wanted.get(id) : undefined;
    const task = textOf(cells[COLUMN.task - 1]) ?? "";
    if (templateRow && !typedByTask.has(id)) {
      const typed = new Map<number, CellValue>();
      cells.forEach((value, index) => {
        if (!isGenerated(value, index + 1, templateRow, id)) typed.set(index + 1, value);
      });
      if (typed.has(COLUMN.task)) rewordedKept.push({ task, template: templateRow.text });
      else if (task !== templateRow.text) reworded.push({ from: task, to: templateRow.text });
      if (templateRow.kind === "phase") {
        const window = phaseWindow(template, id);
        const now = [cells[COLUMN.opens - 1], cells[COLUMN.due - 1]];
        const next = [milestoneFormula(window.opens), milestoneFormula(window.due)];
        if (now.some((value, index) => value.kind === "formula" && value.formula !== next[index])) {
          retimed.push(templateRow.phase);
        }
      }
      typedByTask.set(id, { from: row, cells: typed, task });
    } else {
      const retired = read !== undefined && read.kind !== "added" && !templateRow;
      if (retired && read.kind === "task") retiredRows.push(task);
      if (retired && phaseTitles.has(textOf(cells[COLUMN.phase - 1]) ?? "")) {
        cells[COLUMN.phase - 1] = { kind: "text", text: `${textOf(cells[COLUMN.phase - 1])} (retired)` };
      }
      // On a retired row the wording came from the older template; what people typed is the rest.
      const typed = (value: CellValue, column: number) =>
        !isEmpty(value) &&
        column !== COLUMN.id &&
        !(retired && [COLUMN.phase, COLUMN.task, COLUMN.owner].includes(column)) &&
        !(retired && isGenerated(value, column, RETIRED_TASK, id));
      extras.push({ from: row, cells, taskId: id, task, typed });
    }
  }

  // Where each row lands: the template's rows in its order, then everything else in the order it had.
  const layout = describePlanSheet(template, inputs, {
    planId: plan.planId,
    existingSheetNames: [],
    extraRows: extras.map((extra) => extra.cells),
  });
  const newRowOf = new Map(layout.rows.filter((r) => r.kind !== "added").map((r) => [r.id, r.row]));
  const extraRowsStart = layout.rows.length - extras.length;
  const kept: KeptCell[] = [];
  const keptCells = new Map<string, Map<number, CellValue>>();
  for (const [id, { from, cells, task }] of typedByTask) {
    const to = newRowOf.get(id) as number;
    const shifted = new Map([...cells].map(([column, value]) => [column, moved(value, to - from)]));
    keptCells.set(id, shifted);
    shifted.forEach((value, column) =>
      kept.push({
        taskId: id,
        task,
        column: columnName(column),
        from: address(from, column),
        to: address(to, column),
        value: cellText(value),
      }),
    );
  }
  const movedRows: { from: number; to: number; task: string }[] = [];
  const extraRows = extras.map((extra, index) => {
    const to = layout.rows[extraRowsStart + index].row;
    movedRows.push({ from: extra.from, to, task: extra.task });
    return extra.cells.map((value, column) => {
      if (extra.typed(value, column + 1)) {
        kept.push({
          taskId: extra.taskId,
          task: extra.task,
          column: columnName(column + 1),
          from: address(extra.from, column + 1),
          to: address(to, column + 1),
          value: cellText(value),
        });
      }
      return moved(value, to - extra.from);
    });
  });

  const description = describePlanSheet(template, inputs, {
    planId: plan.planId,
    existingSheetNames: [],
    keptCells,
    extraRows,
    headerCells,
  });
  const onSheet = new Set(plan.rows.map((r) => r.id));
  const addedTasks = [...wanted]
    .filter(([id, row]) => row.kind === "task" && !onSheet.has(id))
    .map(([, row]) => row.text);
  return {
    description: { ...description, name: sheetName },
    kept,
    movedRows,
    addedTasks,
    retiredRows,
    rewordedKept,
    reworded,
    retimed,
    renamedRoles,
    droppedFromTeam,
  };
}

/**
 * The person on each row of the team block once the plan follows `roles`: the one named for that role, or,
 * where the template renamed the role in that row (the old role is gone and the new one is new), the one named
 * for the old role.
 */
export function teamOnTemplate(
  sheetRoles: readonly Role[],
  roles: readonly Role[],
  team: ServiceTeam,
): { people: string[]; renamedRoles: { from: Role; to: Role }[]; droppedFromTeam: { role: Role; person: string }[] } {
  const renamedRoles: { from: Role; to: Role }[] = [];
  const people = Array.from({ length: MAX_ROLES }, (_, index) => {
    const role = roles[index];
    if (role === undefined) return "";
    const before = sheetRoles[index];
    if (team[role] === undefined && before !== undefined && !roles.includes(before) && !sheetRoles.includes(role)) {
      renamedRoles.push({ from: before, to: role });
      return team[before] ?? "";
    }
    return team[role] ?? "";
  });
  const carried = new Set([...roles, ...renamedRoles.map((r) => r.from)]);
  const droppedFromTeam = Object.entries(team)
    .filter(
      (entry): entry is [Role, string] => !carried.has(entry[0]) && typeof entry[1] === "string" && entry[1] !== "",
    )
    .map(([role, person]) => ({ role, person }));
  return { people, renamedRoles, droppedFromTeam };
}
