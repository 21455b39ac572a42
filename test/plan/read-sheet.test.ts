import type { HyperFormula } from "hyperformula";
import { calendarDate, parseIsoDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { type CellData, DamagedPlanError, isPlanSheet, readPlanSheet } from "../../src/plan/read-sheet";
import { describePlanSheet } from "../../src/plan/sheet";
import { statusConditions } from "../../src/plan/sheet-formulas";
import { COLUMN, HOLIDAY_SLOTS, holidayCell, LAYOUT, rangeCorners, TABLE_COLUMNS } from "../../src/plan/sheet-layout";
import { canonicalStatus, taskState } from "../../src/plan/status";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";

describe("reading a plan sheet back as people left it", () => {
  const today = calendarDate(2027, 3, 2);
  const checked = checkPlanRequest({ client: "Acme", bind: "2027-01-15", holidays: ["2027-05-31"] });
  if (!checked.ok) throw new Error("bad request");
  const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });

  /** The sheet's values as a spreadsheet computes them, after `edit` changes its cells. */
  function valuesAfter(edit: (hf: HyperFormula, sheet: number) => void = () => undefined): CellData[][] {
    const { hf, sheet } = hyperFormulaSheet(description);
    edit(hf, sheet);
    return hf.getSheetValues(sheet).map((row) => row.map((cell) => (typeof cell === "object" ? "" : cell)));
  }
  const rowOf = (id: string) => description.rows.find((r) => r.id === id)!.row;
  const at = (row: number, column: number, sheet: number) => ({ sheet, row: row - 1, col: column - 1 });

  it("reads status as the sheet's colors do: any letter case, spaces around it ignored", () => {
    const row = rowOf("bind-60.loss-runs");
    const other = rowOf("bind-30.service-team");
    const values = valuesAfter((hf, sheet) => {
      hf.setCellContents(at(row, COLUMN.status, sheet), "done");
      hf.setCellContents(at(other, COLUMN.status, sheet), " in PROGRESS ");
    });
    const plan = readPlanSheet(values, today);
    expect(plan.rows.find((r) => r.row === row)).toMatchObject({ status: "Done", statusText: "Done", state: "done" });
    expect(plan.rows.find((r) => r.row === other)).toMatchObject({ status: "In progress", state: "overdue" });
    expect(canonicalStatus("n/a")).toBe("N/A");
    expect(canonicalStatus("Donee")).toBeNull();
    expect(taskState("DONE", "2027-01-01", today)).toBe("done");
  });

  it("agrees with the sheet's own conditional-format rule on every status spelling", () => {
    const first = LAYOUT.firstDataRow;
    const conditions = statusConditions(first);
    const spellings = [
      "Done",
      "done",
      " DONE ",
      "Done.",
      "N/A",
      "n/a",
      "In progress",
      "in progress",
      "Not started",
      "",
    ];
    const { hf, sheet } = hyperFormulaSheet(description);
    spellings.forEach((spelling, index) => {
      const row = rowOf("bind-60.loss-runs");
      hf.setCellContents(at(row, COLUMN.status, sheet), spelling);
      // The rules are written for the first data row; evaluate them against this row by moving the reference.
      const rule = (formula: string) =>
        hf.calculateFormula(formula.replace(new RegExp(`\\$([A-Z])${first}\\b`, "g"), `$$$1${row}`), sheet);
      const status = canonicalStatus(spelling);
      expect([index, rule(conditions.done)]).toEqual([index, status === "Done"]);
      expect([index, rule(conditions.na)]).toEqual([index, status === "N/A"]);
      expect([index, rule(conditions.inProgress)]).toEqual([index, status === "In progress"]);
    });
  });

  it("treats a pasted copy of a task row as a person's own row, never as the task", () => {
    const source = rowOf("bind-60.loss-runs");
    const below = description.rows.at(-1)!.row + 2;
    const values = valuesAfter((hf, sheet) => {
      // Copy the whole row and paste it below the table, then mark the copy Done.
      const copied = hf.getSheetSerialized(sheet)[source - 1];
      copied.forEach((cell, column) => hf.setCellContents({ sheet, row: below - 1, col: column }, cell ?? null));
      hf.setCellContents(at(below, COLUMN.status, sheet), "Done");
    });
    const plan = readPlanSheet(values, today);
    const withId = plan.rows.filter((r) => r.id === "bind-60.loss-runs");
    expect(withId.map((r) => r.row)).toEqual([source]);
    expect(withId[0].status).toBe("Not started");
    expect(plan.rows.find((r) => r.row === below)).toMatchObject({ id: "", kind: "added", task: "Obtain loss runs" });
  });

  it("says the Bind date is text when a date was typed into a cell formatted as Text", () => {
    const values = valuesAfter((hf, sheet) =>
      hf.setCellContents(at(LAYOUT.bind.row, LAYOUT.bind.column, sheet), "'2027-02-01"),
    );
    expect(values[LAYOUT.bind.row - 1][LAYOUT.bind.column - 1]).toBe("2027-02-01");
    const plan = readPlanSheet(values, today);
    expect(plan.problems).toEqual([
      {
        field: "bind",
        message: expect.stringMatching(/^Bind date "2027-02-01" in B4 is text, not a date.*format B4 as a date/),
      },
    ]);
  });

  it("reads every holiday in the header block, in date order", () => {
    const values = valuesAfter((hf, sheet) => {
      const cell = holidayCell(HOLIDAY_SLOTS - 1);
      hf.setCellContents(at(cell.row, cell.column, sheet), toExcelSerial(calendarDate(2027, 1, 18)));
    });
    expect(readPlanSheet(values, today).holidays).toEqual(["2027-01-18", "2027-05-31"]);
  });
});

describe("readPlanSheet on cells written by hand", () => {
  const today = calendarDate(2027, 3, 2);
  const BIND = toExcelSerial(calendarDate(2027, 1, 15));
  const RENEWAL = toExcelSerial(calendarDate(2028, 1, 15));

  /** A plan sheet's values from A1, as a spreadsheet returns them; `edit` changes cells by address first. */
  function sheet(rows: (string | number)[][] = [], edit: Record<string, string | number> = {}): CellData[][] {
    const values: CellData[][] = Array.from({ length: LAYOUT.headerRow + rows.length }, () =>
      Array.from({ length: COLUMN.id }, () => ""),
    );
    const set = (row: number, column: number, value: CellData) => (values[row - 1][column - 1] = value);
    set(LAYOUT.marker.kind.row, LAYOUT.marker.kind.column, "client-service-plan");
    set(LAYOUT.marker.planId.row, LAYOUT.marker.planId.column, "plan-7");
    set(LAYOUT.marker.version.row, LAYOUT.marker.version.column, 3);
    set(LAYOUT.client.row, 1, "Client");
    set(LAYOUT.client.row, LAYOUT.client.column, " Acme ");
    set(LAYOUT.bind.row, 1, "Bind date");
    set(LAYOUT.bind.row, LAYOUT.bind.column, BIND);
    set(LAYOUT.renewal.row, 1, "Renewal date");
    set(LAYOUT.renewal.row, LAYOUT.renewal.column, RENEWAL);
    TABLE_COLUMNS.forEach((column, index) => set(LAYOUT.headerRow, index + 1, column.header));
    rows.forEach((line, index) => line.forEach((value, column) => set(LAYOUT.firstDataRow + index, column + 1, value)));
    for (const [at, value] of Object.entries(edit)) {
      const { top, left } = rangeCorners(at);
      set(top, left, value);
    }
    return values;
  }
  const due = (iso: string) => toExcelSerial(parseIsoDate(iso)!);
  const taskRow = (id: string, status: string, dueIso: string, extra: (string | number)[] = []) => [
    "30 Days",
    `Task ${id}`,
    "AE",
    "Dana Lee",
    due("2027-01-15"),
    due(dueIso),
    status,
    ...extra,
    ...Array.from({ length: COLUMN.id - 8 - extra.length }, () => ""),
    id,
  ];

  it("reads the header: markers, client, dates, term", () => {
    const plan = readPlanSheet(sheet(), today);
    expect(plan).toMatchObject({
      planId: "plan-7",
      templateVersion: 3,
      client: "Acme",
      bindCell: BIND,
      renewalCell: RENEWAL,
      bind: "2027-01-15",
      renewal: "2028-01-15",
      team: {},
      holidays: [],
      rows: [],
      problems: [],
    });
  });

  it("reads a version typed as text, and no version as 0", () => {
    expect(readPlanSheet(sheet([], { J3: "2" }), today).templateVersion).toBe(2);
    expect(readPlanSheet(sheet([], { J3: "" }), today).templateVersion).toBe(0);
  });

  it("reads the team by role, names trimmed, empty roles left out", () => {
    const plan = readPlanSheet(sheet([], { D3: " Pat Kim ", D4: "Dana Lee", D6: "" }), today);
    expect(plan.team).toEqual({ Producer: "Pat Kim", AE: "Dana Lee" });
  });

  it("reads holidays once each, in date order, and skips what is no date", () => {
    const plan = readPlanSheet(
      sheet([], { F3: due("2027-07-05"), F4: due("2027-05-31"), G3: due("2027-07-05"), H10: "next Monday", I10: 12 }),
      today,
    );
    expect(plan.holidays).toEqual(["2027-05-31", "2027-07-05"]);
  });

  it("reads each row: kind by its id, status as the colors read it, dates, and how it stands today", () => {
    const plan = readPlanSheet(
      sheet([
        ["30 Days", "Onboarding (upon binding)", "", "", "", "", "", "", "", "bind-30"],
        taskRow("bind-30.a", " done ", "2027-02-12", [due("2027-02-10")]),
        taskRow("bind-30.b", "In progress", "2027-02-12", ["", "called twice"]),
        ["", "An agenda line", "", "", "", "", "", "", "", "bind-30.b.agenda"],
        taskRow("bind-30.c", "waiting", "2027-03-10"),
        ["", "Our own row", "", "", "", "", "", "", "", ""],
      ]),
      today,
    );
    expect(plan.rows.map((r) => [r.row, r.id, r.kind])).toEqual([
      [13, "bind-30", "phase"],
      [14, "bind-30.a", "task"],
      [15, "bind-30.b", "task"],
      [16, "bind-30.b.agenda", "item"],
      [17, "bind-30.c", "task"],
      [18, "", "added"],
    ]);
    expect(plan.rows[1]).toMatchObject({
      status: "Done",
      statusText: "Done",
      opens: "2027-01-15",
      due: "2027-02-12",
      completedOn: "2027-02-10",
      state: "done",
    });
    expect(plan.rows[2]).toMatchObject({ status: "In progress", notes: "called twice", state: "overdue" });
    expect(plan.rows[4]).toMatchObject({ status: "", statusText: "waiting", state: "due-soon" });
    expect(plan.rows[5]).toMatchObject({ task: "Our own row", state: "not-started" });
  });

  it("skips empty rows, and reads a row whose only content is an id", () => {
    const plan = readPlanSheet(
      sheet([
        ["", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "bind-30.a"],
      ]),
      today,
    );
    expect(plan.rows.map((r) => [r.row, r.id])).toEqual([[14, "bind-30.a"]]);
  });

  it("reads a second row with an id already read as a person's own row", () => {
    const plan = readPlanSheet(
      sheet([taskRow("bind-30.a", "Done", "2027-02-12"), taskRow("bind-30.a", "Not started", "2027-02-12")]),
      today,
    );
    expect(plan.rows.map((r) => [r.id, r.kind, r.statusText])).toEqual([
      ["bind-30.a", "task", "Done"],
      ["", "added", "Not started"],
    ]);
  });

  it.each([
    [{ B4: "" }, "bind", /Bind date is empty/],
    [{ B4: "next Tuesday" }, "bind", /Bind date "next Tuesday" is not a date/],
    [{ B4: "2/1/2027" }, "bind", /Bind date "2\/1\/2027" in B4 is text, not a date/],
    [{ B5: "" }, "renewal", /Renewal date is empty/],
    [{ B5: due("2026-12-01") }, "renewal", /must be after the bind date 2027-01-15/],
    [{ B5: due("2031-01-15") }, "renewal", /longer than 3 years/],
  ])("says what is wrong with the dates: %p", (edit, field, message) => {
    const plan = readPlanSheet(sheet([], edit), today);
    expect(plan.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it("keeps a date it can read when the other is wrong", () => {
    const plan = readPlanSheet(sheet([], { B5: "soon" }), today);
    expect([plan.bind, plan.renewal]).toEqual(["2027-01-15", null]);
  });

  it.each([
    [{ A4: "Bound" }, /"Bind date" should be in cell A4/],
    [{ A5: "" }, /"Renewal date" should be in cell A5/],
    [{ G12: "State" }, /"Status" should be in cell G12/],
  ])("refuses a sheet rearranged beyond reading: %p", (edit, message) => {
    expect(() => readPlanSheet(sheet([], edit), today)).toThrow(DamagedPlanError);
    expect(() => readPlanSheet(sheet([], edit), today)).toThrow(message);
  });

  it("tells a plan sheet by its marker", () => {
    expect(isPlanSheet("client-service-plan")).toBe(true);
    expect(isPlanSheet("Client-Service-Plan")).toBe(false);
    expect(isPlanSheet("")).toBe(false);
    expect(isPlanSheet(undefined)).toBe(false);
  });
});
