import { calendarDate, plusMonths } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import { planRepair } from "../../src/plan/repair-plan";
import { type CellValue, describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import { cellAt, cellText, type SheetCells, shiftFormulaRows } from "../../src/plan/sheet-cells";
import { address, COLUMN, LAYOUT, rangeCorners } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { planTemplateUpdate } from "../../src/plan/update-plan";
import { checkPlanRequest } from "../../src/plan/validate";
import { random } from "../support/random";
import { editedTemplate, editedTemplateV2, nextTemplate } from "../support/templates";
import type { Template } from "../../src/plan/template";

const TODAY = calendarDate(2027, 3, 2);
const BIND = calendarDate(2027, 1, 15);
/** Columns people type in: the table's printed columns and three of their own beyond it (K:M). */
const TYPED_COLUMNS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13];

function firstPlan(template: Template = DEFAULT_TEMPLATE): SheetDescription {
  const checked = checkPlanRequest(
    { client: "Acme", bind: "2027-01-15", team: { AE: "Dana Whitfield" } },
    template.roles,
  );
  if (!checked.ok) throw new Error("bad request");
  return describePlanSheet(template, checked.value, { planId: "p", existingSheetNames: [] });
}

/**
 * The template versions the property runs across: the built-in template to its next version, and an agency's
 * template edited on its sheet (a role renamed, an offset changed, a task added), read back, to its version 2
 * (a task added, one retired, one reworded, a phase re-timed), also read from its sheet.
 */
const VERSIONS: [string, () => Template, () => Template][] = [
  ["the built-in template, version 1 to 2", () => DEFAULT_TEMPLATE, nextTemplate],
  ["an agency's template read from its sheet, version 1 to 2", editedTemplate, editedTemplateV2],
];

/**
 * A sheet as Office.js reads it back: `formulas` hold each formula or constant, `values` the constants and,
 * for formulas, a stand-in result (the renewal's real one, since the reader needs it).
 */
function asSheet(description: SheetDescription): SheetCells {
  const renewal = toExcelSerial(plusMonths(BIND, 12));
  const valueOf = (cell: CellValue, row: number, column: number): CellData => {
    if (cell.kind === "formula") return row === LAYOUT.renewal.row && column === LAYOUT.renewal.column ? renewal : 0;
    return cell.kind === "text" ? cell.text : cell.kind === "number" ? cell.value : "";
  };
  const formulaOf = (cell: CellValue) => (cell.kind === "formula" ? cell.formula : valueOf(cell, 0, 0));
  return {
    values: description.cells.map((line, r) => line.map((cell, c) => valueOf(cell, r + 1, c + 1))),
    formulas: description.cells.map((line) => line.map(formulaOf)),
  };
}

function put(sheet: SheetCells, row: number, column: number, value: CellValue): void {
  while (sheet.values.length < row) {
    sheet.values.push([]);
    sheet.formulas.push([]);
  }
  for (const grid of [sheet.values, sheet.formulas]) {
    while (grid[row - 1].length < column) grid[row - 1].push("");
  }
  const constant = value.kind === "text" ? value.text : value.kind === "number" ? value.value : "";
  sheet.values[row - 1][column - 1] = value.kind === "formula" ? 0 : constant;
  sheet.formulas[row - 1][column - 1] = value.kind === "formula" ? value.formula : constant;
}

/** What a person types: a word, text that looks like a formula, a date, or a formula on their own row. */
function typedValue(next: () => number, n: number, row: number): CellValue {
  const pick = next();
  if (pick < 0.5) return { kind: "text", text: `typed ${n}` };
  if (pick < 0.6) return { kind: "text", text: `=not a formula ${n}` };
  if (pick < 0.85) return { kind: "number", value: 46400 + n };
  return { kind: "formula", formula: `=E${row}+${n}` };
}

const same = (a: CellValue, b: CellValue) => a.kind === b.kind && cellText(a) === cellText(b);

interface Edited {
  row: number;
  cells: Map<number, CellValue>;
}

/** Random edits as people make them: cells of tasks, ids, rows of their own, pasted copies of task rows. */
function edit(sheet: SheetCells, description: SheetDescription, next: () => number): Map<number, Edited> {
  const edited = new Map<number, Edited>();
  const type = (row: number, column: number, value: CellValue) => {
    put(sheet, row, column, value);
    const entry = edited.get(row) ?? { row, cells: new Map() };
    entry.cells.set(column, value);
    edited.set(row, entry);
  };
  const templateRows = description.rows;
  const last = templateRows.at(-1)!.row;
  const count = 1 + Math.floor(next() * 8);
  for (let n = 0; n < count; n++) {
    const what = next();
    const target = templateRows[Math.floor(next() * templateRows.length)];
    const tag = Math.floor(next() * 1e6);
    if (what < 0.6) {
      const column = TYPED_COLUMNS[Math.floor(next() * TYPED_COLUMNS.length)];
      type(target.row, column, typedValue(next, tag, target.row));
    } else if (what < 0.7) {
      type(target.row, COLUMN.id, { kind: "text", text: `custom-${tag}` });
    } else if (what < 0.85) {
      const row = last + 1 + Math.floor(next() * 3);
      const column = TYPED_COLUMNS[Math.floor(next() * TYPED_COLUMNS.length)];
      type(row, column, typedValue(next, tag, row));
    } else {
      // Copy a task row and paste it below the table, then work on the copy.
      const row = last + 4 + Math.floor(next() * 3);
      const width = sheet.formulas[target.row - 1].length;
      for (let column = 1; column <= width; column++) put(sheet, row, column, cellAt(sheet, target.row, column));
      type(row, COLUMN.status, { kind: "text", text: "In progress" });
      type(row, COLUMN.notes, { kind: "text", text: `copy ${tag}` });
    }
  }
  return edited;
}

/** The row of `sheet` (from the table's first row) holding every cell of `expected`, formulas moved with it. */
function rowHolding(sheet: SheetCells, from: number, expected: Map<number, CellValue>, only?: number): number | null {
  const candidates = only ? [only] : Array.from({ length: sheet.values.length }, (_, i) => i + 1);
  for (const row of candidates) {
    if (row < LAYOUT.firstDataRow) continue;
    const holds = [...expected].every(([column, value]) => {
      const moved =
        value.kind === "formula" ? { ...value, formula: shiftFormulaRows(value.formula, row - from) } : value;
      return same(cellAt(sheet, row, column), moved);
    });
    if (holds) return row;
  }
  return null;
}

describe.each(VERSIONS)("%s: a template update and a repair keep every cell people typed", (_, from, to) => {
  const SETS = 500;

  it(`for ${SETS} random sets of edits: each typed value stays in its task's row, and the preview counts it`, () => {
    const next = random(20270302);
    const v1 = firstPlan(from());
    const v2 = to();
    const v2Ids = new Set(
      v2.phases.flatMap((p) => [p.id, ...p.tasks.flatMap((t) => [t.id, ...t.items.map((i) => i.id)])]),
    );
    const failures: string[] = [];
    for (let set = 0; set < SETS && failures.length < 3; set++) {
      const sheet = asSheet(v1);
      const edited = edit(sheet, v1, next);
      const plan = readPlanSheet(sheet.values, TODAY);
      const update = planTemplateUpdate(sheet, plan, v2, "Acme");
      const rebuilt = asSheet(update.description);

      // The rebuilt sheet reads as a plan, and a repair of it loses nothing either.
      const rebuiltPlan = readPlanSheet(rebuilt.values, TODAY);
      const repair = planRepair(rebuiltPlan, rebuilt, v2);
      const repaired: SheetCells = structuredClone(rebuilt);
      for (const write of repair.formulas) {
        const { top, left } = rangeCorners(write.address);
        put(repaired, top, left, { kind: "formula", formula: write.formula });
      }
      for (const note of repair.notes) {
        const { top, left } = rangeCorners(note.address);
        put(repaired, top, left, { kind: "text", text: note.text });
      }

      const seenIds = new Set<string>();
      const firstRowOf = new Map<string, number>();
      for (let row = LAYOUT.firstDataRow; row <= sheet.values.length; row++) {
        const id = String(sheet.values[row - 1]?.[COLUMN.id - 1] ?? "");
        if (id && !seenIds.has(id)) firstRowOf.set(id, row);
        seenIds.add(id);
      }
      for (const { row, cells } of edited.values()) {
        const id = String(sheet.values[row - 1]?.[COLUMN.id - 1] ?? "");
        const isTemplateRow = v2Ids.has(id) && firstRowOf.get(id) === row;
        const target = isTemplateRow
          ? update.description.rows.find((r) => r.id === id && r.kind !== "added")!.row
          : undefined;
        const landed = rowHolding(rebuilt, row, cells, target);
        if (landed === null) {
          failures.push(
            `set ${set}: row ${row} (${id || "own row"}) lost ${[...cells].map(([c, v]) => `${address(row, c)}=${cellText(v)}`).join(", ")}`,
          );
          continue;
        }
        for (const [column, value] of cells) {
          const counted =
            update.kept.some((k) => k.from === address(row, column) && k.to === address(landed, column)) ||
            ([COLUMN.phase, COLUMN.task, COLUMN.owner, COLUMN.id].includes(column) &&
              update.movedRows.some((m) => m.from === row));
          if (!counted)
            failures.push(`set ${set}: ${address(row, column)}=${cellText(value)} kept but not in the preview`);
          // After the repair: still there, or (a value typed over a date formula) in the row's Notes.
          const after = cellAt(repaired, landed, column);
          const moved =
            value.kind === "formula" ? { ...value, formula: shiftFormulaRows(value.formula, landed - row) } : value;
          const notes = cellText(cellAt(repaired, landed, COLUMN.notes));
          const inNotes = repair.cells.some(
            (c) => c.address === address(landed, column) && c.keptInNotes && notes.includes(c.keptInNotes),
          );
          // Notes a repair added to keep a typed date come after the person's own notes, which stay as they were.
          const notesKept = column === COLUMN.notes && notes.startsWith(`${cellText(moved)}\n`);
          if (!same(after, moved) && !inNotes && !notesKept) {
            failures.push(
              `set ${set}: ${address(row, column)}=${cellText(value)} lost by the repair (now ${cellText(after)})`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("a person's formula on a moved row", () => {
  it("moves with its row, as Excel moves a copied formula", () => {
    expect(shiftFormulaRows("=E13+F13*$B$4", 2)).toBe("=E15+F15*$B$4");
    expect(shiftFormulaRows('=IF(G13="A1","",H13)', -1)).toBe('=IF(G12="A1","",H12)');
    expect(shiftFormulaRows("=SUM(K13:M13)+Sheet2!A1", 1)).toBe("=SUM(K14:M14)+Sheet2!A1");
    expect(shiftFormulaRows("=E2", -2)).toBe("=#REF!");
  });
});
