import { subItemsGroup, type RowGroup } from "./outline";
import { MAX_ROLES } from "./roles";
import { TEMPLATE_COLUMN, TEMPLATE_COLUMNS, TEMPLATE_LAYOUT, TEMPLATE_MARKER } from "./template-layout";
import { address, columnLetter, rangeAddress } from "./sheet-layout";
import { planSheetName } from "./sheet-name";
import { wrappedLines } from "./sheet-table";
import { fitHeaderFooterText, tablePrintSetup } from "./sheet-print";
import { COLORS, TEXT_FORMAT } from "./sheet-style";
import { createGrid, EMPTY, text, type ConditionalFormat, type SheetDescription, type Validation } from "./sheet-types";
import type { Template } from "./template";

/**
 * The "Plan templates" sheets: one sheet a template (a workbook of them holds the agency's "Standard",
 * "Workers' comp", "Small commercial"...), each a table an administrator edits in Excel, one row a phase, task
 * or sub-item, with the template's name and version in its header. Described like a plan sheet and rendered by
 * the same writers; read back and checked by template-read.ts.
 *
 * Why one sheet a template: each carries its own name, version and roles in one header, a template is copied
 * whole with Excel's "Move or Copy", and the add-in can check the sheet being typed on by itself.
 *
 * What is visible: everything an administrator edits (ids, phases, wording, timing, owners, former wording). One
 * hidden column keeps where each row came from in the agency's own text (`seed`) and the text's headings and
 * remarks: provenance nobody edits, kept so the built-in template round-trips exactly.
 */

export { TEMPLATE_COLUMN, TEMPLATE_COLUMNS, TEMPLATE_LAYOUT, TEMPLATE_MARKER } from "./template-layout";

/** Points per line of 11-point text, for row-height estimates. */
const LINE_POINTS = 15;

const validatedToRow = (lastRow: number) => lastRow + TEMPLATE_LAYOUT.roomBelow;

/** The largest day offset: a one-year term (the default) has 365 days. */
export const MAX_OFFSET_DAYS = 365;

export const ANCHORS = ["bind", "renewal"] as const;

/** The mark that makes a role an owner of a task. */
export const OWNER_MARK = "x";

export const TEMPLATE_LABELS = {
  title: "Plan template",
  name: "Template name",
  version: "Version",
} as const;

const HOW_TO = [
  "Ids: a phase's id (bind-30); a task's is its phase's id, a dot and a name (bind-30.kickoff); a sub-item's, its task's id, a dot and a name. Plans match tasks by id: keep an id once plans use it.",
  `Timing, on phase rows: Anchor bind or renewal; Opens and Due in days from it (after binding 0 to ${MAX_OFFSET_DAYS}, before renewal -${MAX_OFFSET_DAYS} to 0). An empty Opens: when the phase before, from the same anchor, is due.`,
  `Owners, on task rows: an ${OWNER_MARK} under each role that owns the task. The roles are the headings of columns ${columnLetter(TEMPLATE_COLUMN.firstRole)} to ${columnLetter(TEMPLATE_COLUMN.lastRole)} (at most ${MAX_ROLES}, a plan's team block): rename or add a role there.`,
  "Former wording: a task's earlier wordings, one a line, so plans that still show one take the new wording. Raise the Version when you change the template; then check it: service-plan template --check FILE.xlsx",
];

/** What the hidden source-notes cell holds. */
export interface SourceNotes {
  sectionHeadings: string[];
  remarks: { seed: string; reason: string }[];
}

/** The sheet's name for a template: "<name> template", within Excel's rules, unique among `taken`. */
export function templateSheetName(template: Template, taken: readonly string[] = []): string {
  return planSheetName(`${template.name} template`, taken);
}

/** The description of `template`'s sheet, for either writer. */
export function describeTemplateSheet(
  template: Template,
  options: { existingSheetNames?: readonly string[] } = {},
): Omit<SheetDescription, "planId" | "templateVersion" | "rows"> {
  const { headerRow, firstDataRow } = TEMPLATE_LAYOUT;
  const C = TEMPLATE_COLUMN;
  const rowCount = template.phases.reduce((n, p) => n + 1 + p.tasks.reduce((m, t) => m + 1 + t.items.length, 0), 0);
  const lastRow = headerRow + rowCount;
  const grid = createGrid(lastRow, TEMPLATE_COLUMNS.length);
  const { put, style } = grid;
  const lastPrinted = C.formerTexts;

  put(1, 1, text(TEMPLATE_LABELS.title));
  style("A1", { bold: true, fontSize: 16, fontColor: COLORS.title });
  put(
    TEMPLATE_LAYOUT.help.row,
    1,
    text(
      "One row a phase, task or sub-item: edit any cell of the table and the role headings; insert a row for a new task.",
    ),
  );
  style("A2", { italic: true, fontColor: COLORS.muted });
  put(TEMPLATE_LAYOUT.nameLabel.row, 1, text(TEMPLATE_LABELS.name));
  put(TEMPLATE_LAYOUT.versionLabel.row, 1, text(TEMPLATE_LABELS.version));
  style("A3:A4", { bold: true, fontColor: COLORS.label });
  put(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column, text(template.name));
  put(TEMPLATE_LAYOUT.version.row, TEMPLATE_LAYOUT.version.column, { kind: "number", value: template.version });
  style("B3", { bold: true, numberFormat: TEXT_FORMAT, fill: COLORS.inputFill, horizontal: "left" });
  style("B4", { numberFormat: "0", fill: COLORS.inputFill, horizontal: "left" });
  HOW_TO.forEach((line, index) => put(TEMPLATE_LAYOUT.howToFirstRow + index, 1, text(line)));
  style(rangeAddress(TEMPLATE_LAYOUT.howToFirstRow, 1, TEMPLATE_LAYOUT.howToFirstRow + HOW_TO.length - 1, 1), {
    fontColor: COLORS.muted,
  });

  put(TEMPLATE_LAYOUT.marker.row, TEMPLATE_LAYOUT.marker.column, text(TEMPLATE_MARKER));
  const notes: SourceNotes = { sectionHeadings: template.sectionHeadings, remarks: template.remarks };
  put(TEMPLATE_LAYOUT.sourceNotes.row, TEMPLATE_LAYOUT.sourceNotes.column, text(JSON.stringify(notes)));

  TEMPLATE_COLUMNS.forEach((column, index) => put(headerRow, index + 1, text(column.header)));
  for (let index = 0; index < MAX_ROLES; index++) {
    const role = template.roles[index];
    put(headerRow, C.firstRole + index, role === undefined ? EMPTY : text(role));
  }
  style(rangeAddress(headerRow, 1, headerRow, C.source), {
    bold: true,
    fill: COLORS.headerFill,
    fontColor: COLORS.headerFont,
    vertical: "center",
    wrap: true,
  });
  // The role headings are typed by the administrator: Text, so a role named "2nd AE" or "=x" stays as typed.
  style(rangeAddress(headerRow, C.firstRole, headerRow, C.lastRole), {
    horizontal: "center",
    numberFormat: TEXT_FORMAT,
  });

  const rowGroups: RowGroup[] = [];
  const rowHeights: { row: number; points: number }[] = [];
  let row = firstDataRow;
  for (const phase of template.phases) {
    put(row, C.id, text(phase.id));
    put(row, C.phase, text(phase.title));
    put(row, C.text, text(phase.heading));
    put(row, C.section, text(phase.section));
    put(row, C.anchor, text(phase.timing.due.anchor));
    if (phase.timing.opens) put(row, C.opens, { kind: "number", value: phase.timing.opens.offsetDays });
    put(row, C.due, { kind: "number", value: phase.timing.due.offsetDays });
    put(row, C.source, text(phase.seed));
    row++;
    for (const task of phase.tasks) {
      put(row, C.id, text(task.id));
      put(row, C.text, text(task.text));
      task.owners.forEach((owner) => {
        const index = template.roles.indexOf(owner);
        if (index < 0) throw new RangeError(`Task ${task.id}: owner "${owner}" is not one of the template's roles.`);
        put(row, C.firstRole + index, text(OWNER_MARK));
      });
      if (task.formerTexts?.length) put(row, C.formerTexts, text(task.formerTexts.join("\n")));
      put(row, C.source, text(task.seed));
      row++;
      const group = subItemsGroup(row, task.items.length);
      if (group) rowGroups.push(group);
      for (const item of task.items) {
        put(row, C.id, text(item.id));
        put(row, C.text, text(item.text));
        put(row, C.source, text(item.seed));
        style(address(row, C.text), { indent: 2 });
        row++;
      }
    }
  }

  // Heights for wrapped text, which not every program measures when it opens a file.
  const textOf = (r: number, column: number) => {
    const cell = grid.cells[r - 1][column - 1];
    return cell.kind === "text" ? cell.text : "";
  };
  rowHeights.push({ row: headerRow, points: 2 * LINE_POINTS });
  for (let r = firstDataRow; r <= lastRow; r++) {
    const width = (column: number) => TEMPLATE_COLUMNS[column - 1].width;
    const lines = Math.max(
      // Sub-items are indented by about four characters.
      wrappedLines(textOf(r, C.text), width(C.text) - (textOf(r, C.id).split(".").length === 3 ? 4 : 0)),
      wrappedLines(textOf(r, C.phase), width(C.phase)),
      ...textOf(r, C.formerTexts)
        .split("\n")
        .map((line, index, all) => (index === all.length - 1 ? 0 : 1) + wrappedLines(line, width(C.formerTexts))),
    );
    if (lines > 1) rowHeights.push({ row: r, points: lines * LINE_POINTS });
  }
  style(rangeAddress(TEMPLATE_LAYOUT.firstDataRow, C.phase, validatedToRow(lastRow), C.phase), { wrap: true });

  const validatedTo = validatedToRow(lastRow);
  const columnRange = (column: number, from = firstDataRow) => rangeAddress(from, column, validatedTo, column);
  style(rangeAddress(firstDataRow, 1, validatedTo, C.source), { vertical: "top" });
  // Everything typed in the table is Text, so an id such as "30-60" or a heading "1/2" is never taken for a number.
  for (const column of [C.id, C.phase, C.text, C.section, C.anchor, C.formerTexts, C.source]) {
    style(columnRange(column), { numberFormat: TEXT_FORMAT });
  }
  style(columnRange(C.text), { wrap: true });
  style(columnRange(C.formerTexts), { wrap: true });
  style(rangeAddress(firstDataRow, C.anchor, validatedTo, C.lastRole), { horizontal: "center" });
  style(rangeAddress(firstDataRow, C.firstRole, validatedTo, C.lastRole), { numberFormat: TEXT_FORMAT });

  const validations: Validation[] = [
    {
      range: "B4",
      rule: { kind: "whole", min: 1, max: 100000 },
      errorTitle: "Version",
      errorMessage: "The version is a whole number: raise it by one when you change the template.",
    },
    {
      range: columnRange(C.anchor),
      rule: { kind: "list", values: ANCHORS },
      errorTitle: "Anchor",
      errorMessage: "Choose bind (days after binding) or renewal (days before renewal).",
      promptTitle: "Anchor",
      promptMessage: "On a phase row: bind or renewal.",
    },
    ...[C.opens, C.due].map((column): Validation => ({
      range: columnRange(column),
      rule: { kind: "whole", min: -MAX_OFFSET_DAYS, max: MAX_OFFSET_DAYS },
      errorTitle: "Days from the anchor",
      errorMessage: `Whole days from -${MAX_OFFSET_DAYS} to ${MAX_OFFSET_DAYS}: 60 is 60 days after binding, -120 is 120 days before renewal.`,
      promptTitle: column === C.opens ? "Opens" : "Due",
      promptMessage: "Days after binding (0 to 365) or before renewal (-365 to 0), on a phase row.",
    })),
    {
      range: rangeAddress(firstDataRow, C.firstRole, validatedTo, C.lastRole),
      rule: { kind: "list", values: [OWNER_MARK] },
      errorTitle: "Owner",
      errorMessage: `Type ${OWNER_MARK} under each role that owns the task, or leave the cell empty.`,
    },
  ];

  // Phase rows stand out, and sub-items are muted, from the id as typed: a row added later takes its look too.
  const idCell = `$${columnLetter(C.id)}${firstDataRow}`;
  const tableRange = rangeAddress(firstDataRow, 1, validatedTo, lastPrinted);
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: tableRange,
      formula: `=AND(TRIM(${idCell})<>"",ISERROR(FIND(".",${idCell})))`,
      fill: COLORS.phaseFill,
      bold: true,
      stopIfTrue: true,
    },
    {
      range: tableRange,
      formula: `=LEN(${idCell})-LEN(SUBSTITUTE(${idCell},".",""))>=2`,
      fontColor: COLORS.muted,
      stopIfTrue: true,
    },
  ];

  return {
    name: templateSheetName(template, options.existingSheetNames),
    cells: grid.cells,
    columns: TEMPLATE_COLUMNS.map((column) => ({
      width: column.width,
      hidden: "hidden" in column && column.hidden === true,
    })),
    styles: grid.styles,
    validations,
    conditionalFormats,
    rowGroups,
    outlineSummaryBelow: true,
    freezeRows: headerRow,
    autoFilter: "",
    print: tablePrintSetup(rangeAddress(1, 1, lastRow, lastPrinted), headerRow, {
      left: fitHeaderFooterText(template.name, 120),
      center: "",
      right: `Version ${template.version}`,
    }),
    rowHeights,
  };
}
