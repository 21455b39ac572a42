import { MAX_ROLES } from "./roles";

/**
 * Where things are on a template sheet (template-sheet.ts describes the sheet, template-read.ts reads it). Apart,
 * so that telling a template sheet by its marker and reading its name and version costs the pane's first screen
 * only these positions, not the sheet's description.
 */

/** The table's columns, left to right. The role columns' headings are the template's roles. */
export const TEMPLATE_COLUMNS = [
  { key: "id", header: "Id", width: 30 },
  { key: "phase", header: "Phase", width: 22 },
  { key: "text", header: "Text", width: 46 },
  { key: "section", header: "Section", width: 15 },
  { key: "anchor", header: "Anchor", width: 9 },
  { key: "opens", header: "Opens (days)", width: 8 },
  { key: "due", header: "Due (days)", width: 8 },
  ...Array.from({ length: MAX_ROLES }, (_, index) => ({ key: `role${index + 1}`, header: "", width: 11 })),
  { key: "formerTexts", header: "Former wording", width: 30 },
  { key: "source", header: "Source line", width: 40, hidden: true },
] as const;

const columnOf = (key: string) => TEMPLATE_COLUMNS.findIndex((column) => column.key === key) + 1;

/** 1-based columns of the template table. */
export const TEMPLATE_COLUMN = {
  id: columnOf("id"),
  phase: columnOf("phase"),
  text: columnOf("text"),
  section: columnOf("section"),
  anchor: columnOf("anchor"),
  opens: columnOf("opens"),
  due: columnOf("due"),
  firstRole: columnOf("role1"),
  lastRole: columnOf(`role${MAX_ROLES}`),
  formerTexts: columnOf("formerTexts"),
  source: columnOf("source"),
} as const;

/** Where things are on a template sheet (1-based rows and columns). */
export const TEMPLATE_LAYOUT = {
  title: { row: 1, column: 1 },
  help: { row: 2, column: 1 },
  nameLabel: { row: 3, column: 1 },
  name: { row: 3, column: 2 },
  versionLabel: { row: 4, column: 1 },
  version: { row: 4, column: 2 },
  /** How to edit, one line a row from A5. */
  howToFirstRow: 5,
  headerRow: 10,
  firstDataRow: 11,
  /** In the hidden source column: the marker, and the agency text's headings and remarks (JSON). */
  marker: { row: 1, column: TEMPLATE_COLUMN.source },
  sourceNotes: { row: 2, column: TEMPLATE_COLUMN.source },
  /** Validations and colors reach this many rows below the table, so rows an administrator adds are checked. */
  roomBelow: 200,
} as const;

/** The text in the marker cell that says "this sheet is a plan template". */
export const TEMPLATE_MARKER = "client-service-plan-template";
