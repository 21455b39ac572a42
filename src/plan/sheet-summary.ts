import type { CellStyle, CellValue, ConditionalFormat } from "./sheet";
import {
  address,
  BIND_REF,
  COLUMN,
  LAYOUT,
  RENEWAL_REF,
  RENEWED_TO_REF,
  SUMMARY,
  type SummaryFigure,
  summaryRef,
} from "./sheet-layout";
import { DUE_SOON_DAYS, STATUS as STATUS_TEXT } from "./status";

/**
 * The plan's live summary as spreadsheet formulas, so the figures follow the sheet in Excel desktop, on the
 * web, on a Mac and in LibreOffice, with or without the add-in, and other sheets (the Book overview) can
 * reference them. Cell positions are in SUMMARY (sheet-layout.ts).
 *
 * Functions: only ones Excel 2019, LibreOffice and HyperFormula (the project's test engine and fake Excel)
 * all compute the same way without array formulas: COUNTIFS, MINIFS, INDEX, MATCH, IF, AND, ISNUMBER, TODAY,
 * CHOOSE, MONTH, DAY, YEAR, ROUND. MINIFS is newer than Excel 2007, so a file stores it as `_xlfn.MINIFS`
 * (see src/xlsx/future-functions.ts); Excel 2016 and older show #NAME? for it.
 *
 * The status rule, and where these formulas cannot follow it exactly: the sheet's colors read a status with
 * TRIM and any letter case (statusConditions in sheet-formulas.ts). COUNTIFS and MINIFS criteria compare
 * case-insensitively in every engine but do not trim, and trimming a range needs array evaluation, which
 * HyperFormula (and so the fake Excel) does not do inside SUMPRODUCT. So a status typed or pasted with spaces
 * around it (" Done") counts as open here while the sheet colors it Done; the dropdown never writes one.
 * The one exception is the next task's text, which needs the first open row with the next due date: that is
 * found with an array expression inside SUMPRODUCT (with TRIM), which Excel and LibreOffice evaluate and
 * HyperFormula evaluates only with array arithmetic on; the fake Excel has it off, so there the text is "".
 */

const columnRange = (column: number) =>
  `${address(LAYOUT.headerRow, column, true)}:${address(SUMMARY.lastRow, column, true)}`;
const STATUS = columnRange(COLUMN.status);
const DUE = columnRange(COLUMN.due);
const PHASE = columnRange(COLUMN.phase);
const TASK = columnRange(COLUMN.task);
const STATUS_HEADING = address(LAYOUT.headerRow, COLUMN.status, true);
const BOTH_DATES = `AND(ISNUMBER(${BIND_REF}),ISNUMBER(${RENEWAL_REF}))`;
/**
 * The plan is its term's live plan: both dates are there and no next term's plan follows it (LAYOUT.renewedTo).
 * A renewed plan is the record of its term: its open tasks are counted as open, never as overdue or due.
 */
const LIVE = `AND(${BOTH_DATES},${RENEWED_TO_REF}="")`;
const RENEWED = `${RENEWED_TO_REF}<>""`;

/**
 * COUNTIFS/MINIFS criteria for an open row: a status that is not blank, Done or N/A (as the colors' `open`).
 * "<>" is "not an empty cell" in all three engines ("?*" would be closer to TRIM(...)<>"" for a formula's "",
 * but HyperFormula matches numbers and "" with wildcards where Excel does not). The ranges start at the
 * table's header row, so a row inserted right under it is counted; a criterion on the due date leaves the
 * header ("Due") out, and the open count takes it off.
 */
const OPEN = `${STATUS},"<>",${STATUS},"<>${STATUS_TEXT.done}",${STATUS},"<>${STATUS_TEXT.na}"`;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date serial as text, the way DATE_FORMAT ("mmm d, yyyy") shows it: "Mar 2, 2027". Built from MONTH, DAY
 * and YEAR rather than TEXT(), whose format codes change with the reader's language ("JJJJ" in German Excel).
 */
export function dateTextFormula(ref: string): string {
  return `CHOOSE(MONTH(${ref}),${MONTHS.map((m) => `"${m}"`).join(",")})&" "&DAY(${ref})&", "&YEAR(${ref})`;
}

const ref = summaryRef;

/** Each summary figure's formula, with its leading "=". */
export const SUMMARY_FORMULAS: Record<SummaryFigure, string> = {
  open: `=COUNTIFS(${OPEN})-(${STATUS_HEADING}<>"")`,
  overdue: `=IF(${LIVE},COUNTIFS(${OPEN},${DUE},"<"&TODAY()),"")`,
  dueSoon: `=IF(${LIVE},COUNTIFS(${OPEN},${DUE},">="&TODAY(),${DUE},"<="&(TODAY()+${DUE_SOON_DAYS})),"")`,
  done: `=COUNTIFS(${STATUS},"${STATUS_TEXT.done}")`,
  // MINIFS gives 0 when no row matches (every open task undated, or none open).
  nextDue: `=IF(${LIVE},IF(MINIFS(${DUE},${OPEN})=0,"",MINIFS(${DUE},${OPEN})),"")`,
  // The first open row due on that date. MATCH over an array expression needs array evaluation, which
  // SUMPRODUCT gives its arguments in Excel (without Ctrl+Shift+Enter) and LibreOffice alike.
  nextTask:
    `=IF(${ref("nextDue")}="","",IFERROR(INDEX(${TASK},SUMPRODUCT(MATCH(1,(${DUE}=${ref("nextDue")})` +
    `*(TRIM(${STATUS})<>"")*(TRIM(${STATUS})<>"${STATUS_TEXT.done}")*(TRIM(${STATUS})<>"${STATUS_TEXT.na}"),0))),""))`,
  // The phase whose due date comes next (the phase rows and their tasks carry its title and due date).
  phase:
    `=IF(${RENEWED},"Renewed",IF(${BOTH_DATES},IF(COUNTIFS(${PHASE},"<>",${DUE},">="&TODAY())=0,` +
    `IF(TODAY()>${RENEWAL_REF},"Past renewal","Renewal"),` +
    `INDEX(${PHASE},MATCH(MINIFS(${DUE},${PHASE},"<>",${DUE},">="&TODAY()),${DUE},0))),""))`,
};

/** The visible lines' formulas, from the figures. */
const VISIBLE_FORMULAS = {
  progressText:
    `=IF(${ref("done")}+${ref("open")}=0,"",${ref("done")}&" of "&(${ref("done")}+${ref("open")})&" done ("` +
    `&ROUND(${ref("done")}/(${ref("done")}+${ref("open")})*100,0)&"%)")`,
  openText:
    `=${ref("open")}&" open"&IF(${LIVE},": "&${ref("overdue")}&" overdue, "&${ref("dueSoon")}` +
    `&" due in ${DUE_SOON_DAYS} days",IF(${RENEWED}," at the end of the term",""))`,
  nextDueText:
    `=IF(${ref("nextDue")}="",IF(${ref("open")}=0,"Nothing open",""),${dateTextFormula(ref("nextDue"))}` +
    `&IF(${ref("nextTask")}="","",": "&${ref("nextTask")}))`,
};

const LABELS: [keyof typeof SUMMARY & ("phase" | "progressText" | "openText" | "nextDueText"), string][] = [
  ["phase", "Current phase"],
  ["progressText", "Progress"],
  ["openText", "Open tasks"],
  ["nextDueText", "Next due"],
];

/** How the summary looks; the plan sheet passes its own label style and colors so the two always agree. */
export interface SummaryLook {
  label: CellStyle;
  overdue: { fill: string; font: string };
  dueSoon: { fill: string; font: string };
}

export interface SummaryCell {
  row: number;
  column: number;
  value: CellValue;
  style: CellStyle;
}

export interface PlanSummaryCells {
  /** Each cell with its own style, so a writer can leave out a cell that holds a person's entry, look and all. */
  cells: SummaryCell[];
  conditionalFormats: ConditionalFormat[];
}

/** The summary's cells (labels, visible lines, hidden figures) with their styles, and the colors of its lines. */
export function planSummaryCells(look: SummaryLook): PlanSummaryCells {
  const formula = (text: string): CellValue => ({ kind: "formula", formula: text });
  const at = (figure: keyof typeof VISIBLE_FORMULAS) => address(SUMMARY[figure].row, SUMMARY[figure].column);
  const cells: SummaryCell[] = [];
  for (const [figure, label] of LABELS) {
    const value: CellValue = { kind: "text", text: label };
    cells.push({ row: SUMMARY[figure].row, column: SUMMARY.labelColumn, value, style: look.label });
  }
  for (const [figure, text] of Object.entries(SUMMARY_FORMULAS) as [SummaryFigure, string][]) {
    // The figures are for formulas to read, not for people: shown as nothing, on screen and on paper. The
    // phase is a figure and a line at once.
    const style: CellStyle = figure === "phase" ? { horizontal: "left" } : { numberFormat: ";;;" };
    cells.push({ ...SUMMARY[figure], value: formula(text), style });
  }
  for (const [figure, text] of Object.entries(VISIBLE_FORMULAS) as [keyof typeof VISIBLE_FORMULAS, string][]) {
    cells.push({ ...SUMMARY[figure], value: formula(text), style: { horizontal: "left" } });
  }
  const openLine = at("openText");
  const nextLine = at("nextDueText");
  const nextDue = ref("nextDue");
  // The same colors as the task rows: red when anything is overdue, amber when something is due soon.
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: openLine,
      formula: `=AND(ISNUMBER(${ref("overdue")}),${ref("overdue")}>0)`,
      fill: look.overdue.fill,
      fontColor: look.overdue.font,
      bold: true,
      stopIfTrue: true,
    },
    {
      range: openLine,
      formula: `=AND(ISNUMBER(${ref("dueSoon")}),${ref("dueSoon")}>0,${ref("overdue")}=0)`,
      fill: look.dueSoon.fill,
      fontColor: look.dueSoon.font,
      stopIfTrue: true,
    },
    {
      range: nextLine,
      formula: `=AND(ISNUMBER(${nextDue}),${nextDue}<TODAY())`,
      fill: look.overdue.fill,
      fontColor: look.overdue.font,
      bold: true,
      stopIfTrue: true,
    },
    {
      range: nextLine,
      formula: `=AND(ISNUMBER(${nextDue}),${nextDue}>=TODAY(),${nextDue}-TODAY()<=${DUE_SOON_DAYS})`,
      fill: look.dueSoon.fill,
      fontColor: look.dueSoon.font,
      stopIfTrue: true,
    },
  ];
  return { cells, conditionalFormats };
}
