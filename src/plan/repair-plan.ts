import { excelSerialToIso } from "./excel-dates";
import type { SheetPlan } from "./read-sheet";
import type { CellValue } from "./sheet-types";
import { cellAt, cellText, type SheetCells } from "./sheet-cells";
import { isMilestoneFormula, milestoneFormula } from "./sheet-formulas";
import { address, COLUMN } from "./sheet-layout";
import { phaseWindow, type Template } from "./template";

/**
 * Repairing a plan's date formulas: Opens/Due cells on template rows whose formula was typed over, broken by
 * deleted cells (#REF!) or changed. Pure: the sheet as read in, the cells to rewrite out. A value someone typed
 * over a formula is not thrown away: it is added to the row's Notes, so the repair loses nothing people typed.
 */

export interface RepairCell {
  address: string;
  taskId: string;
  task: string;
  column: "Opens" | "Due";
  /** What the cell holds now: a typed value, an error such as #REF!, or nothing. */
  found: string;
  /** The line added to the row's Notes to keep a typed value, when there is one. */
  keptInNotes?: string;
}

export interface RepairWrite {
  address: string;
  formula: string;
}

export interface RepairPlan {
  cells: RepairCell[];
  formulas: RepairWrite[];
  /** Notes cells rewritten with the typed values they keep: the old notes first, unchanged. */
  notes: { address: string; text: string }[];
}

const normalize = (formula: string) => formula.replace(/\s+/g, "").toUpperCase();

function typedText(value: CellValue): string | null {
  if (value.kind === "number") return excelSerialToIso(value.value) ?? String(value.value);
  if (value.kind === "text") return value.text;
  return null;
}

/** The Notes line that keeps what a person put in the cell: a typed value, or a formula of their own. */
function keptLine(label: string, found: CellValue): string | undefined {
  const typed = typedText(found);
  if (typed !== null) return `${label} was typed as ${typed} before the formula was restored.`;
  if (found.kind === "formula" && !found.formula.includes("#REF!") && !isMilestoneFormula(found.formula)) {
    return `${label} held the formula ${found.formula} before the plan's formula was restored.`;
  }
  return undefined;
}

function describeFound(value: CellValue): string {
  const typed = typedText(value);
  if (value.kind === "number" && excelSerialToIso(value.value)) return `${typed} typed over the formula`;
  if (typed !== null) return value.kind === "number" ? typed : `"${typed}" typed over the formula`;
  if (value.kind === "formula") {
    return value.formula.includes("#REF!")
      ? "a formula broken by deleted cells (#REF!)"
      : `a different formula: ${value.formula}`;
  }
  return "(empty)";
}

export function planRepair(plan: SheetPlan, sheet: SheetCells, template: Template): RepairPlan {
  const phases = new Set(template.phases.map((p) => p.id));
  const cells: RepairCell[] = [];
  const formulas: RepairWrite[] = [];
  const notes: { address: string; text: string }[] = [];
  for (const row of plan.rows) {
    if (row.kind !== "phase" && row.kind !== "task") continue;
    const phaseId = row.id.split(".")[0];
    if (!phases.has(phaseId)) continue;
    const window = phaseWindow(template, phaseId);
    const kept: string[] = [];
    for (const [column, milestone, label] of [
      [COLUMN.opens, window.opens, "Opens"],
      [COLUMN.due, window.due, "Due"],
    ] as const) {
      const found = cellAt(sheet, row.row, column);
      const expected = milestoneFormula(milestone);
      if (found.kind === "formula" && normalize(found.formula) === normalize(expected)) continue;
      const keptInNotes = keptLine(label, found);
      if (keptInNotes) kept.push(keptInNotes);
      cells.push({
        address: address(row.row, column),
        taskId: row.id,
        task: row.task,
        column: label,
        found: describeFound(found),
        ...(keptInNotes && { keptInNotes }),
      });
      formulas.push({ address: address(row.row, column), formula: expected });
    }
    if (kept.length > 0) {
      const before = cellAt(sheet, row.row, COLUMN.notes);
      // Notes are text (the column is formatted as Text); whatever they held stays first, as it read.
      const existing = cellText(before);
      notes.push({ address: address(row.row, COLUMN.notes), text: [existing, ...kept].filter(Boolean).join("\n") });
    }
  }
  return { cells, formulas, notes };
}
