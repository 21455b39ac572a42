import type { CellData } from "./read-sheet";
import {
  type CellStyle,
  type CellValue,
  type ConditionalFormat,
  DATE_FORMAT,
  type SheetDescription,
  STATUS_COLORS,
  type StyledRange,
  TEXT_FORMAT,
} from "./sheet";
import type { SheetCells } from "./sheet-cells";
import { address, columnLetter, LAYOUT, RENEWED_TO_REF, summaryRef, teamCells } from "./sheet-layout";
import { dateTextFormula } from "./sheet-summary";

/** The start of a renewed plan's header link ("Renewed: see <sheet>", renew.ts), before the next term's sheet. */
export const RENEWED_LINK_PREFIX = "Renewed: see ";
import { DUE_SOON_DAYS } from "./status";

/**
 * The Book overview: one row per plan sheet in the workbook, every figure a live formula over that plan's
 * header and summary cells (SUMMARY in sheet-layout.ts), so a producer who edits a plan without the add-in
 * sees the overview change. Pure: the writers (src/xlsx/book.ts with exceljs, src/excel/book-overview.ts with
 * Office.js) render the description.
 *
 * Rows are keyed by the plan's id (its hidden marker, J2), kept in a hidden column: a plan renamed in Excel
 * keeps its row (Excel rewrites the formulas to the new name), and a plan deleted leaves #REF! in its row
 * until the overview is written again from planOverviewRows, which drops the row.
 */

export const OVERVIEW_SHEET_NAME = "Book overview";
/** The text in the marker cell that says "this sheet is the Book overview", whatever it is called. */
export const OVERVIEW_MARKER = "client-service-plan-book-overview";

export const OVERVIEW_COLUMNS = [
  { key: "client", header: "Client", width: 30 },
  { key: "bind", header: "Bind date", width: 12.5 },
  { key: "renewal", header: "Renewal", width: 12.5 },
  { key: "daysToRenewal", header: "Days to renewal", width: 10 },
  { key: "phase", header: "Current phase", width: 21 },
  { key: "open", header: "Open", width: 7 },
  { key: "overdue", header: "Overdue", width: 8.5 },
  { key: "dueSoon", header: `Due in ${DUE_SOON_DAYS} days`, width: 8.5 },
  { key: "percentDone", header: "Done", width: 7 },
  { key: "nextDue", header: "Next due", width: 12.5 },
  { key: "nextTask", header: "Next task", width: 46 },
  { key: "ae", header: "AE", width: 17 },
  { key: "producer", header: "Producer", width: 17 },
  { key: "planId", header: "Plan id", width: 20, hidden: true },
] as const;

type OverviewColumnKey = (typeof OVERVIEW_COLUMNS)[number]["key"];

/** 1-based column of each overview column. */
export const OVERVIEW_COLUMN = Object.fromEntries(OVERVIEW_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<
  OverviewColumnKey,
  number
>;

export const OVERVIEW_LAYOUT = {
  title: { row: 1, column: 1 },
  asOf: { row: 2, column: 1 },
  headerRow: 4,
  firstDataRow: 5,
  /** The marker, in the hidden key column above the table. */
  marker: { row: 1, column: OVERVIEW_COLUMN.planId },
  /** The last column that prints. */
  printColumns: OVERVIEW_COLUMN.producer,
} as const;

/** A plan sheet the overview shows: the sheet's name now, and the plan's id (its row's key). */
export interface OverviewPlan {
  sheetName: string;
  planId: string;
}

/** The plan sheet's name as a formula prefix, always quoted, apostrophes doubled: 'O''Brien'!. */
export function sheetPrefix(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!`;
}

/**
 * The sheet name a formula's first sheet reference names ('O''Brien'!$B$3 -> O'Brien), or null (#REF!). Excel
 * gives the formula back without the quotes a simple name does not need (=Acme!$B$3).
 */
export function referencedSheet(formula: string): string | null {
  const match = /'((?:[^']|'')+)'!|(?:^=|[(,&+\-*/<>=^ ])([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/.exec(formula);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
}

/** Each column's formula for one plan (text columns end in &"" so an empty cell reads "", not 0). */
function rowFormulas(sheetName: string): Record<Exclude<OverviewColumnKey, "planId">, string> {
  const on = (ref: string) => `${sheetPrefix(sheetName)}${ref}`;
  const number = (ref: string) => `=IF(ISNUMBER(${on(ref)}),${on(ref)},"")`;
  const text = (ref: string) => `=${on(ref)}&""`;
  const cell = (position: { row: number; column: number }) => address(position.row, position.column, true);
  const renewal = on(cell(LAYOUT.renewal));
  const [done, open] = [on(summaryRef("done")), on(summaryRef("open"))];
  return {
    client: text(cell(LAYOUT.client)),
    bind: number(cell(LAYOUT.bind)),
    renewal: number(cell(LAYOUT.renewal)),
    daysToRenewal: `=IF(ISNUMBER(${renewal}),${renewal}-TODAY(),"")`,
    // A renewed term says so, when (its renewal date) and where the next term is (its header link's text, which
    // is the next sheet's name after RENEWED_LINK_PREFIX); a live plan, its current phase.
    phase:
      `=IF(${on(RENEWED_TO_REF)}<>"",IFERROR("Renewed "&${dateTextFormula(renewal)}&" \u2192 "&` +
      `MID(${on(address(LAYOUT.termLink.row, LAYOUT.termLink.column, true))},${RENEWED_LINK_PREFIX.length + 1},255),` +
      `"Renewed"),${on(summaryRef("phase"))}&"")`,
    // A renewed plan is the record of its term: its open tasks are no work (its row's phase says "Renewed").
    open: `=IF(${on(RENEWED_TO_REF)}<>"","",IF(ISNUMBER(${open}),${open},""))`,
    overdue: number(summaryRef("overdue")),
    dueSoon: number(summaryRef("dueSoon")),
    percentDone: `=IF(AND(ISNUMBER(${done}),ISNUMBER(${open})),IF(${done}+${open}=0,"",${done}/(${done}+${open})),"")`,
    nextDue: number(summaryRef("nextDue")),
    nextTask: text(summaryRef("nextTask")),
    ae: text(address(teamCells("AE").row, teamCells("AE").nameColumn, true)),
    producer: text(address(teamCells("Producer").row, teamCells("Producer").nameColumn, true)),
  };
}

/** The plan sheets' header colors, and their tint for a row with overdue work. */
const HEADER = { fill: "1F3864", font: "FFFFFF", title: "1F3864", muted: "595959", rule: "D9D9D9" } as const;
/** Counts show a dash for zero, so the figures that need attention stand out. */
const COUNT_FORMAT = '0;-0;"\u2013"';
const OVERDUE_ROW_FILL = "FDECEE";

export type BookOverviewDescription = Omit<SheetDescription, "planId" | "templateVersion" | "rows"> & {
  /** The plans in row order, from the first data row. */
  plans: OverviewPlan[];
};

/** A name for the overview that no other sheet has (compared as Excel compares, ignoring case). */
export function overviewSheetName(taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? OVERVIEW_SHEET_NAME : `${OVERVIEW_SHEET_NAME} (${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

export function describeBookOverview(
  plans: readonly OverviewPlan[],
  options: { name?: string } = {},
): BookOverviewDescription {
  const { headerRow, firstDataRow, printColumns } = OVERVIEW_LAYOUT;
  const lastRow = firstDataRow + plans.length - 1;
  const lastTableRow = Math.max(headerRow, lastRow);
  const width = OVERVIEW_COLUMNS.length;
  const cells: CellValue[][] = Array.from({ length: lastTableRow }, () =>
    Array.from({ length: width }, (): CellValue => ({ kind: "empty" })),
  );
  const put = (row: number, column: number, value: CellValue) => (cells[row - 1][column - 1] = value);
  const styles: StyledRange[] = [];
  const style = (range: string, cellStyle: CellStyle) => styles.push({ range, style: cellStyle });
  const columnRange = (key: OverviewColumnKey) => {
    const letter = columnLetter(OVERVIEW_COLUMN[key]);
    return `${letter}${firstDataRow}:${letter}${Math.max(firstDataRow, lastRow)}`;
  };
  const sum = (key: OverviewColumnKey) => (plans.length === 0 ? "0" : `SUM(${columnRange(key)})`);

  put(OVERVIEW_LAYOUT.title.row, OVERVIEW_LAYOUT.title.column, { kind: "text", text: "Book of business" });
  style("A1", { bold: true, fontSize: 16, fontColor: HEADER.title });
  const count = `${plans.length} plan${plans.length === 1 ? "" : "s"}`;
  put(OVERVIEW_LAYOUT.asOf.row, OVERVIEW_LAYOUT.asOf.column, {
    kind: "formula",
    formula:
      `="As of "&${dateTextFormula("TODAY()")}&"   \u00b7   ${count}   \u00b7   "&${sum("overdue")}&" overdue   \u00b7   "` +
      `&${sum("dueSoon")}&" due in the next ${DUE_SOON_DAYS} days"`,
  });
  style("A2", { bold: true, fontColor: HEADER.muted });
  put(OVERVIEW_LAYOUT.marker.row, OVERVIEW_LAYOUT.marker.column, { kind: "text", text: OVERVIEW_MARKER });

  OVERVIEW_COLUMNS.forEach((column, index) => put(headerRow, index + 1, { kind: "text", text: column.header }));
  style(`A${headerRow}:${columnLetter(width)}${headerRow}`, {
    bold: true,
    fill: HEADER.fill,
    fontColor: HEADER.font,
    vertical: "center",
    horizontal: "center",
    wrap: true,
  });
  // Text columns read from the left, their headings too; figures are centred under theirs.
  for (const key of ["client", "phase", "nextTask", "ae", "producer"] as const) {
    style(address(headerRow, OVERVIEW_COLUMN[key]), { horizontal: "left" });
  }

  plans.forEach((plan, index) => {
    const row = firstDataRow + index;
    const formulas = rowFormulas(plan.sheetName);
    for (const [key, formula] of Object.entries(formulas) as [Exclude<OverviewColumnKey, "planId">, string][]) {
      put(row, OVERVIEW_COLUMN[key], { kind: "formula", formula });
    }
    put(row, OVERVIEW_COLUMN.planId, { kind: "text", text: plan.planId });
  });

  if (plans.length > 0) {
    // A light rule under each plan guides the eye along a wide row, on paper too.
    style(`A${firstDataRow}:${columnLetter(printColumns)}${lastRow}`, { vertical: "top", borderBottom: HEADER.rule });
    style(columnRange("client"), { bold: true });
    for (const key of ["bind", "renewal", "nextDue"] as const) {
      style(columnRange(key), { numberFormat: DATE_FORMAT, horizontal: "center" });
    }
    style(columnRange("daysToRenewal"), { numberFormat: "0", horizontal: "center" });
    for (const key of ["open", "overdue", "dueSoon"] as const) {
      style(columnRange(key), { numberFormat: COUNT_FORMAT, horizontal: "center" });
    }
    style(columnRange("percentDone"), { numberFormat: "0%", horizontal: "center" });
    style(columnRange("planId"), { numberFormat: TEXT_FORMAT });
  }

  const at = (key: OverviewColumnKey) => `$${columnLetter(OVERVIEW_COLUMN[key])}${firstDataRow}`;
  const positive = (key: OverviewColumnKey) => `=AND(ISNUMBER(${at(key)}),${at(key)}>0)`;
  const nextDue = at("nextDue");
  const { overdue, dueSoon, done } = STATUS_COLORS;
  // Priority order: the first rule that matches a cell sets its colors (exceljs writes no stopIfTrue, and
  // these rules only overlap where the earlier one should win).
  const conditionalFormats: ConditionalFormat[] =
    plans.length === 0
      ? []
      : [
          {
            range: columnRange("overdue"),
            formula: positive("overdue"),
            fill: overdue.fill,
            fontColor: overdue.font,
            bold: true,
            stopIfTrue: true,
          },
          {
            range: columnRange("dueSoon"),
            formula: positive("dueSoon"),
            fill: dueSoon.fill,
            fontColor: dueSoon.font,
            stopIfTrue: true,
          },
          {
            range: columnRange("nextDue"),
            formula: `=AND(ISNUMBER(${nextDue}),${nextDue}<TODAY())`,
            fill: overdue.fill,
            fontColor: overdue.font,
            bold: true,
            stopIfTrue: true,
          },
          {
            range: columnRange("nextDue"),
            formula: `=AND(ISNUMBER(${nextDue}),${nextDue}>=TODAY(),${nextDue}-TODAY()<=${DUE_SOON_DAYS})`,
            fill: dueSoon.fill,
            fontColor: dueSoon.font,
            stopIfTrue: true,
          },
          {
            range: columnRange("percentDone"),
            formula: `=AND(ISNUMBER(${at("percentDone")}),${at("percentDone")}>=1)`,
            fill: done.fill,
            fontColor: done.font,
            stopIfTrue: true,
          },
          // A plan with overdue work reads as such across the page, on paper too.
          {
            range: `A${firstDataRow}:${columnLetter(printColumns)}${lastRow}`,
            formula: positive("overdue"),
            fill: OVERDUE_ROW_FILL,
            stopIfTrue: false,
          },
        ];

  return {
    name: options.name ?? OVERVIEW_SHEET_NAME,
    plans: [...plans],
    cells,
    columns: OVERVIEW_COLUMNS.map((c) => ({ width: c.width, hidden: "hidden" in c && c.hidden === true })),
    styles,
    validations: [],
    conditionalFormats,
    rowGroups: [],
    outlineSummaryBelow: true,
    freezeRows: headerRow,
    // Through the hidden key column, so sorting by a column moves each plan's key with its row.
    autoFilter: `A${headerRow}:${columnLetter(width)}${lastTableRow}`,
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: `A1:${columnLetter(printColumns)}${lastTableRow}`,
      titleRows: `$${headerRow}:$${headerRow}`,
      header: { left: "Book of business", center: "", right: "&F" },
      footer: { left: "Printed &D", center: "", right: "Page &P of &N" },
      centerHorizontally: true,
      margins: { left: 0.3, right: 0.3, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    rowHeights: [{ row: headerRow, points: 30 }],
  };
}

/** A row of an overview as a workbook holds it: its plan's key, and the sheet its formulas name (null: #REF!). */
export interface OverviewRow {
  row: number;
  planId: string;
  sheetName: string | null;
}

/** Whether the cells are a Book overview: the marker in its hidden key column. */
export function isBookOverview(markerCell: CellData | unknown): boolean {
  return markerCell === OVERVIEW_MARKER;
}

/** The rows of an overview sheet (values and formulas from A1, as SheetCells holds them). */
export function readOverviewRows(sheet: SheetCells): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (let row = OVERVIEW_LAYOUT.firstDataRow; row <= sheet.values.length; row++) {
    const key = sheet.values[row - 1]?.[OVERVIEW_COLUMN.planId - 1];
    const formula = sheet.formulas[row - 1]?.[OVERVIEW_COLUMN.client - 1];
    const sheetName = typeof formula === "string" ? referencedSheet(formula) : null;
    if ((typeof key !== "string" || key === "") && sheetName === null) continue;
    rows.push({ row, planId: typeof key === "string" ? key : String(key ?? ""), sheetName });
  }
  return rows;
}

export interface OverviewRowsPlan {
  /** The overview's rows, in order: kept rows where they were, then added ones in the order given. */
  rows: OverviewPlan[];
  kept: OverviewPlan[];
  added: OverviewPlan[];
  /** Rows whose plan is no longer in the workbook (deleted, or its marker removed). */
  removed: OverviewRow[];
  /** Kept rows whose plan sheet now has another name. */
  renamed: { from: string; to: string }[];
}

/**
 * Which rows the overview needs for the workbook's plan sheets (`plans`, in workbook order), given the rows
 * it has. A row belongs to a plan with its id and sheet name; failing that, with its id alone (the sheet was
 * renamed, or the formulas show #REF!); a plan sheet copied in Excel has its source's id and a name of its own,
 * so it gets a row of its own. The overview is then written whole from `rows`, so no #REF! is left behind.
 */
export function planOverviewRows(existing: readonly OverviewRow[], plans: readonly OverviewPlan[]): OverviewRowsPlan {
  const unmatched = new Set(plans.map((_, index) => index));
  const matchOf = new Map<OverviewRow, number>();
  const claim = (row: OverviewRow, same: (plan: OverviewPlan) => boolean) => {
    if (matchOf.has(row)) return;
    const index = [...unmatched].find((i) => same(plans[i]));
    if (index === undefined) return;
    unmatched.delete(index);
    matchOf.set(row, index);
  };
  for (const row of existing) claim(row, (plan) => plan.planId === row.planId && plan.sheetName === row.sheetName);
  for (const row of existing) if (row.planId !== "") claim(row, (plan) => plan.planId === row.planId);
  const kept = existing.filter((row) => matchOf.has(row)).map((row) => plans[matchOf.get(row)!]);
  const added = [...unmatched].sort((a, b) => a - b).map((index) => plans[index]);
  return {
    rows: [...kept, ...added],
    kept,
    added,
    removed: existing.filter((row) => !matchOf.has(row)),
    renamed: existing
      .filter(
        (row) => matchOf.has(row) && row.sheetName !== null && row.sheetName !== plans[matchOf.get(row)!].sheetName,
      )
      .map((row) => ({ from: row.sheetName!, to: plans[matchOf.get(row)!].sheetName })),
  };
}
