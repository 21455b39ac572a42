import { calendarDate, plusDays, plusMonths, toIsoDate, type CalendarDate } from "../../src/plan/dates";
import { fromExcelSerial, toExcelSerial } from "../../src/plan/excel-dates";
import { computeSchedule } from "../../src/plan/schedule";
import { describePlanSheet } from "../../src/plan/sheet";
import { COLUMN, HOLIDAY_SLOTS, holidayCell, LAYOUT } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest, checkTerm, type PlanInputs } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";
import { random } from "../support/random";

const START = calendarDate(1999, 1, 1);

/** Bind dates favouring the hard cases: leap days, month ends, weekends. */
function pickBind(next: () => number): CalendarDate {
  const roll = next();
  const year = 2000 + Math.floor(next() * 60);
  if (roll < 0.15) {
    const leapYear = year - (year % 4);
    return calendarDate(leapYear === 2100 ? 2096 : leapYear, 2, 29);
  }
  if (roll < 0.35) {
    const month = 1 + Math.floor(next() * 12);
    return plusDays(calendarDate(year, month + 1, 1), -1); // last day of the month
  }
  return plusDays(START, Math.floor(next() * 365 * 70));
}

function pickRenewal(next: () => number, bind: CalendarDate): CalendarDate | undefined {
  const roll = next();
  if (roll < 0.3) return undefined; // follows the bind date
  if (roll < 0.45) return plusDays(bind, 1 + Math.floor(next() * 200)); // short term
  if (roll < 0.6) return plusMonths(bind, 12 + Math.floor(next() * 25)); // up to three years
  return plusDays(plusMonths(bind, 12), Math.floor(next() * 21) - 10);
}

function pickHolidays(next: () => number, bind: CalendarDate, renewal: CalendarDate): CalendarDate[] {
  if (next() < 0.4) return [];
  // Holidays on and around the milestone dates, where they change the answer.
  const raw = [30, 60, 90, 120, 180].map((d) => plusDays(bind, d));
  raw.push(...[160, 120, 90, 60, 30].map((d) => plusDays(renewal, -d)));
  const count = 1 + Math.floor(next() * 8);
  return Array.from({ length: count }, () => plusDays(raw[Math.floor(next() * raw.length)], -Math.floor(next() * 4)));
}

function inputsFor(bind: CalendarDate, renewal: CalendarDate | undefined, holidays: CalendarDate[]): PlanInputs {
  const checked = checkPlanRequest({
    client: "Property Test Co",
    bind: toIsoDate(bind),
    renewal: renewal && toIsoDate(renewal),
    holidays: holidays.map(toIsoDate),
  });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  return checked.value;
}

/** Opens/Due per task row as the formula engine computed them, against the engine's schedule. */
function compare(
  hf: ReturnType<typeof hyperFormulaSheet>["hf"],
  sheet: number,
  rows: { row: number; id: string }[],
  inputs: PlanInputs,
): string[] {
  const schedule = computeSchedule(DEFAULT_TEMPLATE, inputs);
  const expected = new Map(schedule.tasks.map((t) => [t.id, t]));
  const mismatches: string[] = [];
  for (const { row, id } of rows) {
    const task = expected.get(id);
    if (!task) continue;
    const opens = hf.getCellValue({ sheet, row: row - 1, col: COLUMN.opens - 1 });
    const due = hf.getCellValue({ sheet, row: row - 1, col: COLUMN.due - 1 });
    if (opens !== toExcelSerial(task.opens) || due !== toExcelSerial(task.due)) {
      const show = (v: unknown) => (typeof v === "number" ? toIsoDate(fromExcelSerial(v)) : String(v));
      mismatches.push(
        `${id}: sheet ${show(opens)}..${show(due)}, engine ${toIsoDate(task.opens)}..${toIsoDate(task.due)} ` +
          `(bind ${toIsoDate(inputs.bind)}, renewal ${toIsoDate(inputs.renewal)}, holidays ${inputs.holidays.map(toIsoDate)})`,
      );
    }
  }
  return mismatches;
}

describe("plan sheet formulas in a real formula engine", () => {
  const PAIRS = 10_000;

  it(`equal the engine's dates for ${PAIRS} random plans, and after the Bind or Renewal cell changes`, () => {
    const next = random(20270115);
    const first = inputsFor(calendarDate(2027, 1, 15), undefined, []);
    const description = describePlanSheet(DEFAULT_TEMPLATE, first, { planId: "p", existingSheetNames: [] });
    const { hf, sheet } = hyperFormulaSheet(description);
    const taskRows = description.rows.filter((r) => r.kind === "task");
    const cell = (at: { row: number; column: number }) => ({ sheet, row: at.row - 1, col: at.column - 1 });
    const renewalFormula = description.cells[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1];
    if (renewalFormula.kind !== "formula") throw new Error("renewal should follow the bind date by default");

    const mismatches: string[] = [];
    let compared = 0;
    let edits = 0;
    for (let i = 0; i < PAIRS && mismatches.length < 5; i++) {
      const bind = pickBind(next);
      const renewal = pickRenewal(next, bind);
      const effectiveRenewal = renewal ?? plusMonths(bind, 12);
      const holidays = pickHolidays(next, bind, effectiveRenewal);
      const inputs = inputsFor(bind, renewal, holidays);

      // Type the dates into the sheet as a person would, then let the engine recalculate.
      hf.batch(() => {
        hf.setCellContents(cell(LAYOUT.bind), toExcelSerial(bind));
        hf.setCellContents(cell(LAYOUT.renewal), renewal ? toExcelSerial(renewal) : renewalFormula.formula);
        for (let slot = 0; slot < HOLIDAY_SLOTS; slot++) {
          const holiday = holidays[slot];
          hf.setCellContents(cell(holidayCell(slot)), holiday ? toExcelSerial(holiday) : null);
        }
      });
      mismatches.push(...compare(hf, sheet, taskRows, inputs));
      compared++;

      // Every fourth plan, move one of the dates and check the formulas follow.
      if (i % 4 === 0) {
        const moveBind = next() < 0.5;
        const shift = (1 + Math.floor(next() * 40)) * (next() < 0.5 ? -1 : 1);
        const candidates = moveBind
          ? [plusDays(bind, shift), plusDays(bind, -shift)].map((b) => ({ bind: b, renewal }))
          : [plusDays(effectiveRenewal, shift), plusDays(effectiveRenewal, -shift)].map((r) => ({ bind, renewal: r }));
        const valid = candidates.find(
          (c) => checkTerm(toIsoDate(c.bind), c.renewal ? toIsoDate(c.renewal) : undefined).ok,
        );
        if (!valid) continue;
        const moved = inputsFor(valid.bind, valid.renewal, holidays);
        hf.setCellContents(
          moveBind ? cell(LAYOUT.bind) : cell(LAYOUT.renewal),
          toExcelSerial(moveBind ? moved.bind : moved.renewal),
        );
        mismatches.push(...compare(hf, sheet, taskRows, moved));
        edits++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(PAIRS);
    expect(edits).toBeGreaterThan(PAIRS / 5);
  });

  it("leaves Opens and Due empty while the Bind cell holds no date, and recovers when it does", () => {
    const inputs = inputsFor(calendarDate(2027, 1, 15), undefined, []);
    const description = describePlanSheet(DEFAULT_TEMPLATE, inputs, { planId: "p", existingSheetNames: [] });
    const { hf, sheet } = hyperFormulaSheet(description);
    const row = description.rows.find((r) => r.kind === "task")!.row - 1;
    const bindCell = { sheet, row: LAYOUT.bind.row - 1, col: LAYOUT.bind.column - 1 };
    hf.setCellContents(bindCell, "next Tuesday");
    expect(hf.getCellValue({ sheet, row, col: COLUMN.due - 1 })).toBe("");
    hf.setCellContents(bindCell, null);
    expect(hf.getCellValue({ sheet, row, col: COLUMN.due - 1 })).toBe("");
    hf.setCellContents(bindCell, toExcelSerial(calendarDate(2027, 1, 15)));
    expect(hf.getCellValue({ sheet, row, col: COLUMN.due - 1 })).toBe(toExcelSerial(calendarDate(2027, 2, 12)));
  });
});
