import type { CellData } from "./read-sheet";
import { MAX_ROLES, type Role } from "./roles";
import { address, columnLetter } from "./sheet-layout";
import type { Milestone, Phase, SeedRemark, SubItem, Template, TemplateTask } from "./template";
import {
  ANCHORS,
  MAX_OFFSET_DAYS,
  OWNER_MARK,
  type SourceNotes,
  TEMPLATE_COLUMN,
  TEMPLATE_COLUMNS,
  TEMPLATE_LABELS,
  TEMPLATE_LAYOUT,
  TEMPLATE_MARKER,
} from "./template-sheet";
import { cleanText, hasVisibleCharacter } from "./validate";

/**
 * Reads a template sheet back from its cell values (as Office.js or a file reader returns them) and checks it:
 * either a Template, or every problem, each on its row and field with what to fix. Pure. A template with
 * problems cannot be used for a plan.
 */

export type TemplateField =
  | "layout"
  | "name"
  | "version"
  | "roles"
  | "id"
  | "phase"
  | "text"
  | "section"
  | "anchor"
  | "opens"
  | "due"
  | "owners"
  | "formerTexts"
  | "source"
  /** A row of the agency's holidays sheet. */
  | "holidays";

export interface TemplateProblem {
  /** 1-based sheet row. */
  row: number;
  field: TemplateField;
  /** The cell to fix, e.g. "G14". */
  cell: string;
  /** What is wrong and what to do about it. */
  message: string;
}

export type TemplateRead = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

/** Whether a sheet is a template sheet: the marker in its hidden source column (TEMPLATE_LAYOUT.marker). */
export function isTemplateSheet(markerCell: unknown): boolean {
  return markerCell === TEMPLATE_MARKER;
}

const FIELD_COLUMN: Partial<Record<TemplateField, number>> = {
  id: TEMPLATE_COLUMN.id,
  phase: TEMPLATE_COLUMN.phase,
  text: TEMPLATE_COLUMN.text,
  section: TEMPLATE_COLUMN.section,
  anchor: TEMPLATE_COLUMN.anchor,
  opens: TEMPLATE_COLUMN.opens,
  due: TEMPLATE_COLUMN.due,
  formerTexts: TEMPLATE_COLUMN.formerTexts,
  source: TEMPLATE_COLUMN.source,
};

/** The field's name as the sheet heads it, for a problem's first words. */
export function templateFieldLabel(field: TemplateField): string {
  const column = FIELD_COLUMN[field];
  // "Opens (days)" reads "Opens" before a cell address in parentheses.
  if (column) return TEMPLATE_COLUMNS[column - 1].header.replace(/ \(days\)$/, "");
  const labels: Partial<Record<TemplateField, string>> = {
    layout: "Layout",
    name: "Template name",
    version: "Version",
    roles: "Roles",
    owners: "Owners",
    holidays: "Holiday",
  };
  return labels[field] ?? field;
}

/** One problem as a line: "Row 14, Due (G14): ...". */
export function describeTemplateProblem(problem: TemplateProblem): string {
  return `Row ${problem.row}, ${templateFieldLabel(problem.field)} (${problem.cell}): ${problem.message}`;
}

const cellText = (value: CellData): string =>
  value === null || value === undefined
    ? ""
    : cleanText(typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value));

/** Shown back in a message: a long paste cut short. */
const quoted = (value: string) => `"${[...value].length > 40 ? [...value].slice(0, 40).join("") + "\u2026" : value}"`;

const ID_PART = "[A-Za-z0-9_-]+";
const ID_PATTERN = new RegExp(`^${ID_PART}(?:\\.${ID_PART}){0,2}$`);

/** The longest role name: it heads a column on the template and a row of a plan's team block. */
export const MAX_ROLE_LENGTH = 40;
export const MAX_TEMPLATE_NAME_LENGTH = 60;

interface PhaseDraft {
  phase: Phase;
  row: number;
  /** Whether its Anchor, Opens and Due read as they should: the order of phases is checked only then. */
  timingRead: boolean;
}

/** Reads and checks the template sheet whose cells (from A1) are `values`. */
export function readTemplateSheet(values: CellData[][]): TemplateRead {
  const problems: TemplateProblem[] = [];
  const at = (row: number, column: number): CellData => values[row - 1]?.[column - 1];
  const problem = (row: number, field: TemplateField, column: number, message: string) =>
    problems.push({ row, field, cell: address(row, column), message });
  const C = TEMPLATE_COLUMN;
  const { headerRow } = TEMPLATE_LAYOUT;

  // The layout first: with columns moved, no cell can be trusted to mean what it should.
  const layoutProblems: TemplateProblem[] = [];
  const expectLabel = (row: number, column: number, label: string) => {
    if (cellText(at(row, column)) === label) return;
    const movedTo = values[row - 1]?.findIndex((value) => cellText(value) === label) ?? -1;
    const tooManyRoles = column === C.formerTexts && movedTo + 1 > column;
    const roleColumnDeleted = column === C.formerTexts && movedTo >= 0 && movedTo + 1 < column;
    layoutProblems.push({
      row,
      field: "layout",
      cell: address(row, column),
      message: tooManyRoles
        ? `"${label}" should be in ${address(row, column)}: a template has at most ${MAX_ROLES} roles (a plan's service team has ${MAX_ROLES} rows). Delete the column you inserted and rename a role instead.`
        : roleColumnDeleted
          ? `"${label}" should be in ${address(row, column)}: a role's column was deleted. Undo the change (Ctrl+Z); to drop a role, clear its heading and its marks instead.`
          : `"${label}" should be in ${address(row, column)}: the sheet was rearranged. Undo the change (Ctrl+Z), or move the cells back.`,
    });
  };
  expectLabel(TEMPLATE_LAYOUT.nameLabel.row, 1, TEMPLATE_LABELS.name);
  expectLabel(TEMPLATE_LAYOUT.versionLabel.row, 1, TEMPLATE_LABELS.version);
  TEMPLATE_COLUMNS.forEach((column, index) => {
    if (column.header) expectLabel(headerRow, index + 1, column.header);
  });
  // The first misplaced label says it all: the rest moved with it.
  if (layoutProblems.length > 0) return { ok: false, problems: layoutProblems.slice(0, 1) };

  // Name and version.
  const name = cellText(at(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column));
  const nameCell = [TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column] as const;
  if (!name || !hasVisibleCharacter(name)) {
    problem(nameCell[0], "name", nameCell[1], "The template has no name: type one, e.g. Workers' comp.");
  } else if (name.length > MAX_TEMPLATE_NAME_LENGTH) {
    problem(
      nameCell[0],
      "name",
      nameCell[1],
      `The name is ${name.length} characters long: shorten it to ${MAX_TEMPLATE_NAME_LENGTH} or fewer.`,
    );
  }
  const versionRow = TEMPLATE_LAYOUT.version.row;
  const versionColumn = TEMPLATE_LAYOUT.version.column;
  const version = wholeNumber(at(versionRow, versionColumn));
  if (version === undefined) {
    problem(versionRow, "version", versionColumn, "The version is empty: type 1 for a new template.");
  } else if (version === null || version < 1) {
    problem(
      versionRow,
      "version",
      versionColumn,
      `Version ${quoted(cellText(at(versionRow, versionColumn)))} is not a whole number from 1 up: raise the last version by one.`,
    );
  }

  // Roles: the headings of the role columns, in order.
  const roles: Role[] = [];
  const roleColumns = new Map<number, Role>();
  for (let column = C.firstRole; column <= C.lastRole; column++) {
    const role = cellText(at(headerRow, column));
    if (!role) continue;
    const sameName = [...roleColumns].find(([, other]) => other.toLowerCase() === role.toLowerCase());
    if (sameName) {
      problem(
        headerRow,
        "roles",
        column,
        `Role ${quoted(role)} is already the heading of ${address(headerRow, sameName[0])}: give each role its own name.`,
      );
    } else if (role.includes("/")) {
      problem(
        headerRow,
        "roles",
        column,
        `Role ${quoted(role)} has a "/", which separates owners on a plan: name it without one (e.g. "AE and Associate").`,
      );
    } else if (role.length > MAX_ROLE_LENGTH) {
      problem(
        headerRow,
        "roles",
        column,
        `Role ${quoted(role)} is ${role.length} characters long: shorten it to ${MAX_ROLE_LENGTH} or fewer.`,
      );
    } else {
      roles.push(role);
      roleColumns.set(column, role);
    }
  }
  if (roles.length === 0) {
    problem(
      headerRow,
      "roles",
      C.firstRole,
      `The template has no roles: type them as the headings of ${columnLetter(C.firstRole)}${headerRow} to ${columnLetter(C.lastRole)}${headerRow}.`,
    );
  }

  // The hidden source notes: the agency text's headings and remarks.
  const notes = sourceNotes(at(TEMPLATE_LAYOUT.sourceNotes.row, TEMPLATE_LAYOUT.sourceNotes.column));
  if (notes === null) {
    problem(
      TEMPLATE_LAYOUT.sourceNotes.row,
      "source",
      TEMPLATE_LAYOUT.sourceNotes.column,
      `The hidden cell ${address(TEMPLATE_LAYOUT.sourceNotes.row, TEMPLATE_LAYOUT.sourceNotes.column)} (notes on the agency's text) was changed: clear it.`,
    );
  }

  // The table: phases, their tasks, their sub-items.
  const phases: PhaseDraft[] = [];
  let task: TemplateTask | null = null;
  // After a task row that could not be read, its sub-items are left unread (and unreported) until it is fixed.
  let skippingItems = false;
  const idRows = new Map<string, number>();
  for (let row = TEMPLATE_LAYOUT.firstDataRow; row <= values.length; row++) {
    const line = (column: number) => at(row, column);
    const visible = Array.from({ length: C.formerTexts }, (_, index) => cellText(line(index + 1)));
    if (visible.every((value) => value === "")) continue;
    const id = visible[C.id - 1];
    const source = line(C.source);
    const seed = source === null || source === undefined ? "" : String(source).trim();
    const fail = (field: TemplateField, column: number, message: string) => {
      problem(row, field, column, message);
      if (id.split(".").length < 3) {
        skippingItems = true;
        task = null;
      }
    };
    if (!id) {
      fail(
        "id",
        C.id,
        "The Id is empty: give the row an id (a phase: bind-30; a task: its phase's id, a dot and a name, e.g. bind-30.kickoff).",
      );
      continue;
    }
    if (!ID_PATTERN.test(id)) {
      fail(
        "id",
        C.id,
        `Id ${quoted(id)} may hold only letters, digits, "-" and "_", with a dot before a task's and a sub-item's name (bind-60.loss-runs.distribute).`,
      );
      continue;
    }
    const firstRow = idRows.get(id);
    if (firstRow !== undefined) {
      fail("id", C.id, `Id ${quoted(id)} is already on row ${firstRow}: give each row its own id.`);
      continue;
    }
    idRows.set(id, row);
    const depth = id.split(".").length;
    const text = visible[C.text - 1];
    const timingTyped = [C.anchor, C.opens, C.due].filter((column) => visible[column - 1] !== "");
    const marks = [...Array(MAX_ROLES).keys()]
      .map((index) => C.firstRole + index)
      .filter((column) => visible[column - 1] !== "");

    if (depth === 3 && skippingItems) continue;
    skippingItems = false;
    if (depth === 1) {
      task = null;
      const before = problems.length;
      const phase = readPhase(row, id, visible, seed, problem);
      const timingRead = !problems.slice(before).some((p) => ["anchor", "opens", "due"].includes(p.field));
      phases.push({ phase, row, timingRead });
      if (marks.length > 0) {
        problem(row, "owners", marks[0], "Owners belong on task rows: clear the marks on this phase row.");
      }
      continue;
    }
    if (!text)
      problem(row, "text", C.text, `The ${depth === 2 ? "task" : "sub-item"} has no text: type what is to be done.`);
    if (timingTyped.length > 0) {
      problem(
        row,
        FIELD_COLUMN_FIELD[timingTyped[0]],
        timingTyped[0],
        "Timing belongs on the phase row: a task is due when its phase is. Clear Anchor, Opens and Due here.",
      );
    }
    const phase = phases.at(-1)?.phase;
    if (depth === 2) {
      task = null;
      if (!phase || !id.startsWith(`${phase.id}.`)) {
        fail(
          "id",
          C.id,
          phase
            ? `Task id ${quoted(id)} must start with its phase's id "${phase.id}." (the phase row above it): e.g. ${phase.id}.${id.split(".")[1]}.`
            : `Task ${quoted(id)} comes before any phase: move it under its phase's row.`,
        );
        continue;
      }
      const owners: Role[] = [];
      for (const column of marks) {
        const mark = visible[column - 1];
        const role = roleColumns.get(column);
        if (mark.toLowerCase() !== OWNER_MARK) {
          problem(
            row,
            "owners",
            column,
            `Mark an owner with ${OWNER_MARK} (not ${quoted(mark)}), or leave the cell empty.`,
          );
        } else if (!role) {
          problem(
            row,
            "owners",
            column,
            `This ${OWNER_MARK} is under no role: type the role's name in ${address(headerRow, column)}, or clear the mark.`,
          );
        } else owners.push(role);
      }
      if (owners.length === 0 && marks.length === 0) {
        problem(
          row,
          "owners",
          C.firstRole,
          `The task has no owner: type ${OWNER_MARK} under the role (or roles) that own it.`,
        );
      }
      const formerTexts = String(line(C.formerTexts) ?? "")
        .split(/\r?\n/)
        .map(cleanText)
        .filter((wording) => wording !== "");
      task = { id, text, owners, items: [], seed, ...(formerTexts.length > 0 && { formerTexts }) };
      phase.tasks.push(task);
      continue;
    }
    if (depth === 3) {
      if (marks.length > 0)
        problem(row, "owners", marks[0], "Owners belong on task rows: clear the marks on this sub-item.");
      if (!task || !id.startsWith(`${task.id}.`)) {
        problem(
          row,
          "id",
          C.id,
          task
            ? `Sub-item id ${quoted(id)} must start with its task's id "${task.id}." (the task row above it).`
            : `Sub-item ${quoted(id)} comes before any task: move it under its task's row.`,
        );
        continue;
      }
      const item: SubItem = { id, text, seed };
      task.items.push(item);
    }
  }
  if (phases.length === 0) {
    problem(
      TEMPLATE_LAYOUT.firstDataRow,
      "id",
      C.id,
      "The template has no phases: add a phase row (an id such as bind-30, a Phase name, Anchor and Due).",
    );
  }
  for (const { phase, row } of phases) {
    if (phase.tasks.length === 0 && phase.title) {
      problem(
        row,
        "id",
        C.id,
        `Phase ${quoted(phase.title)} has no tasks: add a task row under it, or delete the phase.`,
      );
    }
  }
  checkPhaseOrder(phases, problem);

  if (problems.length > 0 || version === undefined || version === null || notes === null) {
    return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return {
    ok: true,
    template: {
      name,
      version,
      roles,
      phases: phases.map((draft) => draft.phase),
      sectionHeadings: notes.sectionHeadings,
      remarks: notes.remarks,
    },
  };
}

const FIELD_COLUMN_FIELD: Record<number, TemplateField> = {
  [TEMPLATE_COLUMN.anchor]: "anchor",
  [TEMPLATE_COLUMN.opens]: "opens",
  [TEMPLATE_COLUMN.due]: "due",
};

/** A cell as a whole number: undefined when empty, null when it holds something else. */
function wholeNumber(value: CellData): number | undefined | null {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  const typed = String(value)
    .trim()
    .replace(/^\u2212/, "-");
  return /^[+-]?\d{1,6}$/.test(typed) ? Number(typed) : null;
}

function sourceNotes(value: CellData): SourceNotes | null {
  if (value === null || value === undefined || value === "") return { sectionHeadings: [], remarks: [] };
  try {
    const parsed: unknown = JSON.parse(String(value));
    const notes = parsed as Partial<SourceNotes>;
    const strings = (list: unknown): list is string[] =>
      Array.isArray(list) && list.every((entry) => typeof entry === "string");
    const remarks = (list: unknown): list is SeedRemark[] =>
      Array.isArray(list) &&
      list.every(
        (entry) =>
          typeof entry === "object" &&
          entry !== null &&
          typeof (entry as SeedRemark).seed === "string" &&
          typeof (entry as SeedRemark).reason === "string",
      );
    if (!strings(notes.sectionHeadings) || !remarks(notes.remarks)) return null;
    return {
      sectionHeadings: notes.sectionHeadings,
      remarks: notes.remarks.map(({ seed, reason }) => ({ seed, reason })),
    };
  } catch {
    return null;
  }
}

type Report = (row: number, field: TemplateField, column: number, message: string) => void;

const describeOffset = (anchor: Milestone["anchor"], days: number) =>
  anchor === "bind"
    ? `${days} days after binding`
    : days <= 0
      ? `${-days} days before renewal`
      : `${days} days after renewal`;

/** A phase row: its name, heading, section and timing, each checked. */
function readPhase(row: number, id: string, visible: string[], seed: string, problem: Report): Phase {
  const C = TEMPLATE_COLUMN;
  const title = visible[C.phase - 1];
  const heading = visible[C.text - 1];
  const section = visible[C.section - 1];
  if (!title) problem(row, "phase", C.phase, 'The phase has no name: type the name its plans show, e.g. "30 Days".');
  if (!heading) problem(row, "text", C.text, "The phase has no text: type what the phase is about, e.g. Kick-off.");
  if (!section) {
    problem(row, "section", C.section, 'The phase has no section: type where it belongs, e.g. "Upon Binding".');
  }
  const anchorText = visible[C.anchor - 1].toLowerCase();
  const anchor = (ANCHORS as readonly string[]).includes(anchorText) ? (anchorText as Milestone["anchor"]) : null;
  if (!anchorText) {
    problem(row, "anchor", C.anchor, "The phase has no Anchor: choose bind or renewal.");
  } else if (!anchor) {
    problem(
      row,
      "anchor",
      C.anchor,
      `Anchor ${quoted(visible[C.anchor - 1])} is neither bind nor renewal: choose one.`,
    );
  }
  const offset = (field: "opens" | "due", column: number): number | undefined => {
    const typed = visible[column - 1];
    const days = wholeNumber(typed);
    const label = field === "opens" ? "Opens" : "Due";
    if (days === undefined) {
      if (field === "due") problem(row, "due", column, "Due is empty: type the days from the anchor, e.g. 30.");
      return undefined;
    }
    if (days === null) {
      problem(row, field, column, `${label} ${quoted(typed)} is not a whole number of days: type e.g. 30 or -120.`);
      return undefined;
    }
    if (!anchor) return days;
    if (anchor === "bind" && days < 0) {
      problem(
        row,
        field,
        column,
        `${label} ${days} is before the bind date: days after binding run from 0 to ${MAX_OFFSET_DAYS} (or time the phase from renewal).`,
      );
    } else if (anchor === "renewal" && days > 0) {
      problem(
        row,
        field,
        column,
        `${label} ${days} is ${days} days after renewal, when the term is over: days before renewal are negative, -${MAX_OFFSET_DAYS} to 0.`,
      );
    } else if (Math.abs(days) > MAX_OFFSET_DAYS) {
      problem(
        row,
        field,
        column,
        `${label} ${describeOffset(anchor, days)} is longer than a one-year term (${MAX_OFFSET_DAYS} days) allows: use ${anchor === "bind" ? `0 to ${MAX_OFFSET_DAYS}` : `-${MAX_OFFSET_DAYS} to 0`}.`,
      );
    }
    return days;
  };
  const opens = offset("opens", C.opens);
  const due = offset("due", C.due);
  const timingAnchor = anchor ?? "bind";
  return {
    id,
    title,
    heading,
    section,
    timing: {
      ...(opens !== undefined && { opens: { anchor: timingAnchor, offsetDays: opens } }),
      due: { anchor: timingAnchor, offsetDays: due ?? 0 },
    },
    tasks: [],
    seed,
  };
}

/**
 * Each phase opens before it is due: its own Opens, or (Opens empty) when the phase before it from the same
 * anchor is due, as phaseWindow resolves it.
 */
function checkPhaseOrder(phases: readonly PhaseDraft[], problem: Report): void {
  const C = TEMPLATE_COLUMN;
  phases.forEach(({ phase, row, timingRead }, index) => {
    if (!timingRead) return;
    const { due, opens } = phase.timing;
    const previous = phases
      .slice(0, index)
      .reverse()
      .find((other) => other.timingRead && other.phase.timing.due.anchor === due.anchor);
    // Opening when a phase is due whose timing could not be read: checked once that phase is fixed.
    if (!opens && phases.slice(0, index).some((other) => !other.timingRead)) return;
    const opensAt = opens ?? previous?.phase.timing.due ?? { anchor: due.anchor, offsetDays: 0 };
    if (due.offsetDays >= opensAt.offsetDays) return;
    const why = opens
      ? `it opens ${describeOffset(opensAt.anchor, opensAt.offsetDays)}`
      : previous
        ? `it opens when ${quoted(previous.phase.title)} (row ${previous.row}) is due, ${describeOffset(opensAt.anchor, opensAt.offsetDays)}`
        : `it opens at ${due.anchor === "bind" ? "binding" : "renewal"}`;
    problem(
      row,
      "due",
      C.due,
      `Due ${describeOffset(due.anchor, due.offsetDays)} is before the phase opens (${why}): make Due later, or Opens earlier.`,
    );
  });
}
