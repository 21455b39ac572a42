import { HyperFormula } from "hyperformula";
import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { fromExcelSerial, toExcelSerial } from "../../src/plan/excel-dates";
import type { CellData } from "../../src/plan/read-sheet";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import { address, COLUMN, LAYOUT, SUMMARY, type SummaryFigure } from "../../src/plan/sheet-layout";
import { dateTextFormula } from "../../src/plan/sheet-summary";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { EXCEL_DATES, rawContent } from "../support/hyperformula-sheet";
import { expectedSummary } from "../support/expected-summary";
import { random } from "../support/random";

/** The day every formula's TODAY() returns here: HyperFormula reads the local calendar day of Date.now(). */
const TODAY = calendarDate(2027, 3, 2);
beforeAll(() => jest.spyOn(Date, "now").mockReturnValue(new Date(2027, 2, 2, 12).getTime()));
afterAll(() => jest.restoreAllMocks());

const TEAM = { Producer: "Morgan Reyes", AE: "Dana Whitfield", Claims: "Luis Ortega" };

function plan(bind: string, client = "Acme Manufacturing, Inc."): SheetDescription {
  const checked = checkPlanRequest({ client, bind, team: TEAM, holidays: ["2027-05-31"] });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  return describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });
}

/**
 * A formula engine holding the plan. `arrays`: HyperFormula's array arithmetic, which Excel and LibreOffice
 * apply inside SUMPRODUCT; the project's fake Excel runs without it.
 */
function engine(description: SheetDescription, arrays = false) {
  const hf = HyperFormula.buildFromSheets(
    { [description.name]: description.cells.map((row) => row.map(rawContent)) },
    { ...EXCEL_DATES, useArrayArithmetic: arrays },
  );
  return { hf, sheet: hf.getSheetId(description.name)! };
}

type Engine = ReturnType<typeof engine>;
const at = (e: Engine, row: number, column: number) => ({ sheet: e.sheet, row: row - 1, col: column - 1 });
const set = (e: Engine, row: number, column: number, value: string | number | null) =>
  e.hf.setCellContents(at(e, row, column), value);

function summary(e: Engine): Record<SummaryFigure | "progressText" | "openText" | "nextDueText", unknown> {
  const read = (key: keyof typeof SUMMARY) => {
    const cell = SUMMARY[key] as { row: number; column: number };
    return e.hf.getCellValue(at(e, cell.row, cell.column));
  };
  return {
    open: read("open"),
    overdue: read("overdue"),
    dueSoon: read("dueSoon"),
    done: read("done"),
    nextDue: read("nextDue"),
    nextTask: read("nextTask"),
    phase: read("phase"),
    progressText: read("progressText"),
    openText: read("openText"),
    nextDueText: read("nextDueText"),
  };
}

function values(e: Engine): CellData[][] {
  return e.hf.getSheetValues(e.sheet).map((row) => row.map((cell) => (typeof cell === "object" ? "" : cell)));
}

const ROUNDS = 60;

/** The figures, not the lines. */
function figures(s: Record<SummaryFigure, unknown>): Record<SummaryFigure, unknown> {
  const { open, overdue, dueSoon, done, nextDue, nextTask, phase } = s;
  return { open, overdue, dueSoon, done, nextDue, nextTask, phase };
}

describe("the plan sheet's live summary, computed by its own formulas", () => {
  const midTerm = plan(toIsoDate(plusDays(TODAY, -75)));
  const rowOf = (description: SheetDescription, id: string) => description.rows.find((r) => r.id === id)!.row;

  it("sits under Term, labels in A and lines in B, its figures in row 11 shown as nothing", () => {
    const cell = (row: number, column: number) => midTerm.cells[row - 1][column - 1];
    expect([7, 8, 9, 10].map((row) => cell(row, 1))).toEqual(
      ["Current phase", "Progress", "Open tasks", "Next due"].map((text) => ({ kind: "text", text })),
    );
    for (const row of [7, 8, 9, 10]) expect(cell(row, 2).kind).toBe("formula");
    const figureCells = (["open", "overdue", "dueSoon", "done", "nextDue", "nextTask"] as const).map((f) => SUMMARY[f]);
    for (const { row, column } of figureCells) {
      expect(cell(row, column).kind).toBe("formula");
      const format = midTerm.styles.filter((s) => s.range === address(row, column)).map((s) => s.style.numberFormat);
      expect(format).toEqual([";;;"]);
      // Above the table, and never beside or under the holidays, where deleting a holiday with "Shift cells
      // left" (or up) would carry a figure into the block every due date's WORKDAY reads.
      expect(row).toBe(LAYOUT.headerRow - 1);
      expect(column < LAYOUT.holidays.firstColumn || column > LAYOUT.holidays.lastColumn).toBe(true);
    }
    for (let row = LAYOUT.holidays.firstRow; row <= LAYOUT.holidays.lastRow; row++) {
      for (let column = LAYOUT.holidays.lastColumn + 1; column <= COLUMN.id; column++) {
        expect(cell(row, column).kind === "formula").toBe(false);
      }
    }
  });

  it("comes to a plan made before it when the plan is rebuilt, leaving a person's entry there as it was", () => {
    // The header of a plan from before the summary, with a note someone typed into row 11.
    const older = midTerm.cells.slice(0, LAYOUT.headerRow).map((row, r) =>
      row.map((cell, c) => {
        const summaryCell = (Object.values(SUMMARY) as unknown[]).some(
          (at) =>
            typeof at === "object" &&
            (at as { row: number }).row === r + 1 &&
            (at as { column: number }).column === c + 1,
        );
        return summaryCell || (c === 0 && r + 1 >= 7 && r + 1 <= 10) ? ({ kind: "empty" } as const) : cell;
      }),
    );
    older[SUMMARY.open.row - 1][SUMMARY.open.column - 1] = { kind: "text", text: "Renewal call booked" };
    const checked = checkPlanRequest({ client: "Acme Manufacturing, Inc.", bind: toIsoDate(plusDays(TODAY, -75)) });
    if (!checked.ok) throw new Error("bad request");
    const rebuilt = describePlanSheet(DEFAULT_TEMPLATE, checked.value, {
      planId: "p",
      existingSheetNames: [],
      headerCells: older,
    });
    const at = (cell: { row: number; column: number }) => rebuilt.cells[cell.row - 1][cell.column - 1];
    const stylesOf = (cell: { row: number; column: number }) =>
      rebuilt.styles.filter((s) => s.range === address(cell.row, cell.column));
    expect(at(SUMMARY.open)).toEqual({ kind: "text", text: "Renewal call booked" });
    expect(stylesOf(SUMMARY.open)).toEqual([]);
    expect(at(SUMMARY.overdue)).toEqual(midTerm.cells[SUMMARY.overdue.row - 1][SUMMARY.overdue.column - 1]);
    expect(stylesOf(SUMMARY.overdue).map((s) => s.style.numberFormat)).toEqual([";;;"]);
    expect(at(SUMMARY.phase).kind).toBe("formula");
  });

  it("reads a plan 75 days after binding, where the 30- and 60-day work is overdue", () => {
    const e = engine(midTerm, true);
    const s = summary(e);
    expect(figures(s)).toEqual(figures(expectedSummary(values(e), TODAY)));
    expect(s).toMatchObject({
      open: 32,
      done: 0,
      phase: "90 Days",
      progressText: "0 of 32 done (0%)",
      openText: `32 open: ${s.overdue} overdue, ${s.dueSoon} due in 14 days`,
    });
    expect(s.overdue).toBeGreaterThan(0);
    const nextDue = toIsoDate(fromExcelSerial(s.nextDue as number));
    expect(s.nextTask).toBe("Identify Service Team");
    expect(s.nextDueText).toBe(
      `${e.hf.calculateFormula(`=${dateTextFormula(String(s.nextDue))}`, e.sheet)}: Identify Service Team`,
    );
    expect(nextDue < toIsoDate(TODAY)).toBe(true);
  });

  it("follows status edits: done, N/A, any letter case, a person's own row below the table", () => {
    const e = engine(midTerm, true);
    const before = summary(e);
    set(e, rowOf(midTerm, "bind-30.service-team"), COLUMN.status, "Done");
    set(e, rowOf(midTerm, "bind-30.strategy-session"), COLUMN.status, "done");
    set(e, rowOf(midTerm, "bind-30.deliverables"), COLUMN.status, "N/A");
    set(e, rowOf(midTerm, "bind-30.draft-plan"), COLUMN.status, "In progress");
    const below = midTerm.cells.length + 2;
    set(e, below, COLUMN.task, "Call the client's new CFO");
    set(e, below, COLUMN.due, toExcelSerial(plusDays(TODAY, 3)));
    set(e, below, COLUMN.status, "Not started");
    const after = summary(e);
    expect(figures(after)).toEqual(figures(expectedSummary(values(e), TODAY)));
    expect(after).toMatchObject({ open: 30, done: 2, progressText: "2 of 32 done (6%)" });
    // Two done and one N/A leave the overdue list; the one In progress stays on it.
    expect(after.overdue).toBe((before.overdue as number) - 3);
    expect(after.dueSoon).toBe((before.dueSoon as number) + 1);
    // The first open task due on the earliest date is now the fourth of the 30-day phase.
    expect(after.nextTask).toBe("Draft service plan");
  });

  it("follows a new Bind date: every count, the next due date and the phase move with it", () => {
    const e = engine(midTerm, true);
    const bindCell = [LAYOUT.bind.row, LAYOUT.bind.column] as const;
    for (const daysAgo of [-20, 0, 10, 40, 200, 300, 380]) {
      set(e, ...bindCell, toExcelSerial(plusDays(TODAY, -daysAgo)));
      expect([daysAgo, figures(summary(e))]).toEqual([daysAgo, figures(expectedSummary(values(e), TODAY))]);
    }
    set(e, ...bindCell, toExcelSerial(plusDays(TODAY, 20)));
    expect(summary(e)).toMatchObject({ phase: "30 Days", overdue: 0 });
    set(e, ...bindCell, toExcelSerial(plusDays(TODAY, -340)));
    expect(summary(e)).toMatchObject({ phase: "Renewal" });
    set(e, ...bindCell, toExcelSerial(plusDays(TODAY, -380)));
    expect(summary(e)).toMatchObject({ phase: "Past renewal" });
  });

  it("leaves the date figures blank while the Bind date is missing, and says so in the lines", () => {
    const e = engine(midTerm, true);
    set(e, LAYOUT.bind.row, LAYOUT.bind.column, null);
    expect(summary(e)).toEqual({
      open: 32,
      overdue: "",
      dueSoon: "",
      done: 0,
      nextDue: "",
      nextTask: "",
      phase: "",
      progressText: "0 of 32 done (0%)",
      openText: "32 open",
      nextDueText: "",
    });
  });

  it("says nothing is open when every task is done or N/A", () => {
    const e = engine(midTerm, true);
    e.hf.batch(() =>
      midTerm.rows
        .filter((row) => row.kind === "task")
        .forEach((row, index) => set(e, row.row, COLUMN.status, index % 5 === 0 ? "N/A" : "Done")),
    );
    expect(summary(e)).toMatchObject({
      open: 0,
      overdue: 0,
      dueSoon: 0,
      done: 25,
      nextDue: "",
      progressText: "25 of 25 done (100%)",
      nextDueText: "Nothing open",
    });
  });

  it(`agrees with the pane's reading on ${ROUNDS} random edit sets, with and without array arithmetic`, () => {
    const next = random(11);
    // null: the status deleted (Excel empties a cell set to "", as the fake Excel does).
    const statuses = ["Not started", "In progress", "Done", "N/A", "done", "in progress", "n/a", "Waiting", null];
    const taskRows = midTerm.rows.filter((row) => row.kind === "task").map((row) => row.row);
    for (let round = 0; round < ROUNDS; round++) {
      const arrays = round % 2 === 0;
      const e = engine(plan(toIsoDate(plusDays(TODAY, -Math.floor(next() * 420) + 30))), arrays);
      // One recalculation for the whole edit set, as a paste or a sort is one change.
      e.hf.batch(() => {
        for (let edit = 0; edit < 12; edit++) {
          const row = taskRows[Math.floor(next() * taskRows.length)];
          const roll = next();
          if (roll < 0.7) set(e, row, COLUMN.status, statuses[Math.floor(next() * statuses.length)]);
          else if (roll < 0.85) set(e, row, COLUMN.due, toExcelSerial(plusDays(TODAY, Math.floor(next() * 60) - 30)));
          else set(e, row, COLUMN.due, "TBD");
        }
      });
      const want = figures(expectedSummary(values(e), TODAY));
      // Without array arithmetic (the fake Excel) the next task's text cannot be found; everything else can.
      expect([round, figures(summary(e))]).toEqual([round, arrays ? want : { ...want, nextTask: "" }]);
    }
  });

  it("counts a status with spaces around it as open, where the colors read it as Done (COUNTIFS cannot trim)", () => {
    const e = engine(midTerm, true);
    set(e, rowOf(midTerm, "bind-30.service-team"), COLUMN.status, " Done ");
    expect(expectedSummary(values(e), TODAY)).toMatchObject({ open: 31, done: 1 });
    expect(summary(e)).toMatchObject({ open: 32, done: 0 });
  });
});
