import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  describeBookOverview,
  isBookOverview,
  OVERVIEW_COLUMNS,
  OVERVIEW_LAYOUT,
  type OverviewPlan,
  type OverviewRow,
  type OverviewRowsPlan,
  overviewSheetName,
  planOverviewRows,
  readOverviewRows,
} from "../plan/book-overview";
import { isPlanSheet } from "../plan/read-sheet";
import { sameClientName } from "../plan/validate";
import { type SheetDescription, STATUS_COLORS } from "../plan/sheet";
import { COLUMN, LAYOUT, SUMMARY } from "../plan/sheet-layout";
import type { CellWrite } from "../plan/sheet-patch";
import { planSummaryCells } from "../plan/sheet-summary";
import { conformPackage } from "./conform";
import { cellValue, worksheetCells } from "./read-workbook";
import { addConditionalFormats, renderPlanSheet, applyStyle, planWorkbook, writeCellValue } from "./write-xlsx";

/**
 * Workbooks of several plans with their Book overview, as the command line writes them: a new workbook, or a
 * plan added to an existing one. An existing workbook is read and written again with exceljs, which keeps
 * cells, styles, validations, conditional formats, outlines, filters and print settings; what it would lose
 * (charts, pivot tables...) makes the workbook refused rather than silently damaged.
 */

/** The bytes are not an .xlsx workbook (another format, a damaged or password-protected file). */
export class NotAWorkbookError extends Error {}
/** The workbook holds something that writing it again would lose. */
export class WorkbookNotKeptError extends Error {}

/** exceljs keeps a sheet's conditional formats in `conditionalFormattings`, which its typings leave out. */
interface SheetWithConditionalFormats {
  conditionalFormattings: { rules: { priority?: number }[] }[];
}

/** Parts exceljs drops when it reads and writes a workbook, named as a person knows them. */
const PARTS_EXCELJS_DROPS: [RegExp, string][] = [
  [/^xl\/charts\//, "charts"],
  [/^xl\/pivotTables\//, "pivot tables"],
  [/^xl\/slicers\//, "slicers"],
  [/^xl\/timelines\//, "timelines"],
  [/^xl\/threadedComments\//, "threaded comments"],
  [/^xl\/externalLinks\//, "links to other workbooks"],
  [/^xl\/ctrlProps\//, "form controls"],
  [/^xl\/vbaProject\.bin$/, "macros"],
];

/** Reads a workbook; throws NotAWorkbookError, saying why, for anything else. */
export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const readable = await withNumericBooleans(bytes, await zipOf(bytes));
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Uint8Array is what it reads.
    await workbook.xlsx.load(readable as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new NotAWorkbookError(`it cannot be read as a workbook (${(error as Error).message})`);
  }
  return workbook;
}

async function zipOf(bytes: Uint8Array): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new NotAWorkbookError("it is not an .xlsx workbook (or it is password-protected)");
  }
  if (!zip.file("xl/workbook.xml")) throw new NotAWorkbookError("it is not an .xlsx workbook");
  return zip;
}

async function partsOf(bytes: Uint8Array): Promise<string[]> {
  return Object.keys((await zipOf(bytes)).files);
}

/** The parts whose settings exceljs reads: the sheets, the workbook (print areas, views) and the styles. */
const PARTS_WITH_SETTINGS = /^xl\/(worksheets\/[^/]+|workbook|styles)\.xml$/;

/**
 * Attributes of those parts that hold text a person chose (a rule's text, a prompt, a link's tooltip), so a
 * value "true" there is words, not a boolean.
 */
const TEXT_ATTRIBUTES = new Set([
  "text",
  "prompt",
  "promptTitle",
  "error",
  "errorTitle",
  "display",
  "tooltip",
  "location",
  "name",
  "val",
  "codeName",
  "password",
]);

/**
 * The package with every boolean attribute written 1 or 0. ECMA-376 allows "true" and "false" too, and
 * LibreOffice writes them (`<pageSetUpPr fitToPage="true"/>`), but exceljs reads many settings as `=== "1"`
 * and would drop them on writing the workbook again: a plan saved by LibreOffice would lose its fit to one
 * page wide, its centering on the page. Only attributes inside tags are touched, never cell text or formulas.
 * A font's `<b val="false"/>` (bold off, which exceljs reads as bold) is dropped: absent means off.
 */
async function withNumericBooleans(bytes: Uint8Array, zip: JSZip): Promise<Uint8Array> {
  let changed = false;
  for (const name of Object.keys(zip.files).filter((part) => PARTS_WITH_SETTINGS.test(part))) {
    const xml = await zip.file(name)!.async("string");
    const numeric = numericBooleans(xml);
    if (numeric !== xml) {
      zip.file(name, numeric);
      changed = true;
    }
  }
  if (!changed) return bytes;
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}

export function numericBooleans(xml: string): string {
  // Text cannot hold a raw "<", so every "<" followed by a name opens a tag.
  return xml
    .replace(/<(?:b|i|strike|outline|shadow|condense|extend)\s+val="(?:false|0)"\s*\/>/g, "")
    .replace(/<[A-Za-z][^<>]*>/g, (tag) =>
      tag.replace(/(\s)([\w:]+)="(true|false)"/g, (whole, space: string, attribute: string, value: string) =>
        TEXT_ATTRIBUTES.has(attribute.replace(/^\w+:/, ""))
          ? whole
          : `${space}${attribute}="${value === "true" ? "1" : "0"}"`,
      ),
    );
}

/** Reads an existing workbook to add to it, refusing one whose parts would be lost on writing it again. */
export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const names = await partsOf(bytes);
  const lost = PARTS_EXCELJS_DROPS.filter(([pattern]) => names.some((name) => pattern.test(name))).map(
    ([, what]) => what,
  );
  if (lost.length > 0) {
    throw new WorkbookNotKeptError(
      `it holds ${lost.join(", ")}, which adding a plan from the command line would lose: ` +
        "add the plan with the add-in in Excel, or to a workbook without them",
    );
  }
  return openWorkbook(bytes);
}

/** The plan sheets of a workbook, in tab order, with their plan ids. */
export function planSheetsOf(workbook: ExcelJS.Workbook): OverviewPlan[] {
  return workbook.worksheets
    .filter((worksheet) => isPlanSheet(cellValue(worksheet, LAYOUT.marker.kind.row, LAYOUT.marker.kind.column)))
    .map((worksheet) => {
      const id = cellValue(worksheet, LAYOUT.marker.planId.row, LAYOUT.marker.planId.column);
      return { sheetName: worksheet.name, planId: typeof id === "string" ? id : String(id ?? "") };
    });
}

function overviewsOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return workbook.worksheets.filter((worksheet) =>
    isBookOverview(cellValue(worksheet, OVERVIEW_LAYOUT.marker.row, OVERVIEW_LAYOUT.marker.column)),
  );
}

/**
 * A plan sheet made before plans kept a live summary gets one, where its summary cells are all empty (a
 * person's own entries there are never overwritten; such a plan's overview row stays blank).
 */
function addSummaryWhereMissing(worksheet: ExcelJS.Worksheet): boolean {
  const cells = worksheetCells(worksheet, COLUMN.id);
  // The plan's own look: its labels as its Term label is styled, its colors as the status key's.
  const summary = planSummaryCells({
    label: {},
    overdue: STATUS_COLORS.overdue,
    dueSoon: STATUS_COLORS.dueSoon,
  });
  const occupied = summary.cells.some(({ row, column }) => {
    const value = cells.values[row - 1]?.[column - 1];
    return (value !== "" && value !== undefined && value !== null) || cells.formulas[row - 1]?.[column - 1] !== "";
  });
  if (occupied) return false;
  for (const { row, column, value, style } of summary.cells) {
    writeCellValue(worksheet.getCell(row, column), value);
    applyStyle(worksheet.getCell(row, column), style);
  }
  const termLabel = worksheet.getCell(LAYOUT.term.row, 1).font;
  for (let row = SUMMARY.phase.row; row <= SUMMARY.nextDueText.row; row++) {
    worksheet.getCell(row, SUMMARY.labelColumn).font = { ...termLabel };
  }
  const priorities = (worksheet as unknown as SheetWithConditionalFormats).conditionalFormattings.flatMap((format) =>
    format.rules.map((rule) => rule.priority ?? 0),
  );
  addConditionalFormats(worksheet, summary.conditionalFormats, Math.max(0, ...priorities) + 1);
  return true;
}

/**
 * exceljs reads a print area back without its row anchors ("A1:I81") and writes it "$A1:$I81"; anchored rows
 * keep it the absolute reference Excel writes.
 */
function anchorPrintAreas(workbook: ExcelJS.Workbook): void {
  for (const worksheet of workbook.worksheets) {
    const area = worksheet.pageSetup?.printArea;
    if (area && !area.includes("$")) worksheet.pageSetup.printArea = area.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
  }
}

/** Opens the workbook on `active`, with no other tab selected (two selected tabs would group the sheets). */
function activate(workbook: ExcelJS.Workbook, active: ExcelJS.Worksheet): void {
  const index = workbook.worksheets.indexOf(active);
  const view = workbook.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 8000, visibility: "visible" };
  workbook.views = [{ ...view, firstSheet: 0, activeTab: index }];
  for (const worksheet of workbook.worksheets) {
    const selected = worksheet === active;
    const views = worksheet.views ?? [];
    if (views.length === 0 && !selected) continue;
    worksheet.views = (views.length > 0 ? views : [{}]).map((v, i) => (i === 0 ? { ...v, tabSelected: selected } : v));
  }
}

export interface BookOverviewWritten {
  name: string;
  rows: OverviewRowsPlan;
}

/** Writes the workbook's Book overview again, last among its sheets, from its plan sheets as they are now. */
function rewriteOverview(workbook: ExcelJS.Workbook): BookOverviewWritten {
  const old = overviewsOf(workbook);
  const existing: OverviewRow[] = old.flatMap((sheet) =>
    readOverviewRows(worksheetCells(sheet, OVERVIEW_COLUMNS.length)),
  );
  // A person's name for the overview tab is kept.
  const keptName = old[0]?.name;
  for (const sheet of old) workbook.removeWorksheet(sheet.id);
  const name = keptName ?? overviewSheetName(workbook.worksheets.map((sheet) => sheet.name));
  const rows = planOverviewRows(existing, planSheetsOf(workbook));
  renderPlanSheet(workbook, describeBookOverview(rows.rows, { name }));
  return { name, rows };
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  // Formulas carry no cached results; every spreadsheet program recalculates them when the file opens.
  workbook.calcProperties.fullCalcOnLoad = true;
  return conformPackage(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** A new workbook: the plan sheets, then their Book overview. */
export async function writeBookWorkbook(descriptions: SheetDescription[]): Promise<Buffer> {
  const workbook = planWorkbook(descriptions);
  rewriteOverview(workbook);
  return bytesOf(workbook);
}

export interface PlanAdded {
  bytes: Buffer;
  description: SheetDescription;
  overview: BookOverviewWritten;
  /** Plan sheets that got the live summary their overview row reads. */
  upgraded: string[];
}

/**
 * `existing` with one more plan sheet (described from the names already taken, so its name is unique), its
 * older plans given the live summary where they lack it, and the Book overview written again. The workbook
 * opens on the new plan.
 */
export async function addPlanToBook(
  existing: Uint8Array,
  describe: (takenNames: string[]) => SheetDescription,
  sameClient?: { client: string; check: (sheetNames: string[]) => void },
): Promise<PlanAdded> {
  const workbook = await loadBook(existing);
  const plansBefore = new Set(planSheetsOf(workbook).map((plan) => plan.sheetName));
  // Before anything changes: `check` may refuse a second plan for a client the workbook already plans.
  sameClient?.check(
    workbook.worksheets
      .filter((worksheet) => plansBefore.has(worksheet.name))
      .filter((worksheet) => {
        const client = cellValue(worksheet, LAYOUT.client.row, LAYOUT.client.column);
        return typeof client === "string" && sameClientName(client, sameClient.client);
      })
      .map((worksheet) => worksheet.name),
  );
  const upgraded = workbook.worksheets
    .filter((worksheet) => plansBefore.has(worksheet.name) && addSummaryWhereMissing(worksheet))
    .map((worksheet) => worksheet.name);
  const description = describe(workbook.worksheets.map((worksheet) => worksheet.name));
  const added = renderPlanSheet(workbook, description);
  const overview = rewriteOverview(workbook);
  anchorPrintAreas(workbook);
  activate(workbook, added);
  return { bytes: await bytesOf(workbook), description, overview, upgraded };
}

export interface RenewalToWrite {
  description: SheetDescription;
  oldSheetName: string;
  oldSheetWrites: readonly CellWrite[];
}

export interface RenewalWritten {
  bytes: Buffer;
  /** The Book overview written again; null where the workbook has none. */
  overview: BookOverviewWritten | null;
}

/**
 * The next term written into `workbook` (read with loadBook): the new plan sheet, the old plan's link cells and
 * summary formulas, and the Book overview written again where the workbook has one. The workbook opens on the
 * new plan. Nothing is written to a file here: the caller writes the bytes whole.
 */
export async function writeRenewal(workbook: ExcelJS.Workbook, renewal: RenewalToWrite): Promise<RenewalWritten> {
  const old = workbook.getWorksheet(renewal.oldSheetName);
  if (!old) throw new Error(`No sheet "${renewal.oldSheetName}" to renew.`);
  for (const write of renewal.oldSheetWrites) {
    const cell = old.getCell(write.address);
    if (write.numberFormat !== undefined) cell.numFmt = write.numberFormat;
    writeCellValue(cell, write.value);
  }
  const added = renderPlanSheet(workbook, renewal.description);
  const overview = overviewsOf(workbook).length > 0 ? rewriteOverview(workbook) : null;
  anchorPrintAreas(workbook);
  activate(workbook, added);
  return { bytes: await bytesOf(workbook), overview };
}
