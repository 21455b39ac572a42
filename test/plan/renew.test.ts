import { HyperFormula } from "hyperformula";
import type { AgencyHoliday } from "../../src/plan/agency-holidays";
import { describeBookOverview, OVERVIEW_COLUMN, OVERVIEW_LAYOUT } from "../../src/plan/book-overview";
import { withComputedValues } from "../../src/plan/computed-cells";
import { calendarDate, parseIsoDate } from "../../src/plan/dates";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { fromExcelSerial, toExcelSerial } from "../../src/plan/excel-dates";
import { myWork } from "../../src/plan/my-work";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import { planRenewal, type RenewalRequest, termInMonths, termLabel } from "../../src/plan/renew";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import type { SheetCells } from "../../src/plan/sheet-cells";
import { address, COLUMN, LAYOUT, rangeCorners, SUMMARY } from "../../src/plan/sheet-layout";
import { checkPlanRequest, type PlanRequest } from "../../src/plan/validate";
import { EXCEL_DATES, rawContent } from "../support/hyperformula-sheet";
import { nextTemplate } from "../support/templates";

const TODAY = calendarDate(2027, 12, 20);

function oldPlan(request: Partial<PlanRequest> = {}, planId = "old-plan"): SheetDescription {
  const checked = checkPlanRequest({
    client: "Acme Manufacturing, Inc.",
    bind: "2027-01-15",
    team: { AE: "Dana Whitfield", Producer: "Sam Ortiz" },
    ...request,
  });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join(" "));
  return describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId, existingSheetNames: [] });
}

/** A workbook of plan sheets in a real formula engine, read back as Office.js reads a sheet (values and formulas). */
function engine(descriptions: SheetDescription[]): HyperFormula {
  return HyperFormula.buildFromSheets(
    Object.fromEntries(descriptions.map((d) => [d.name, d.cells.map((row) => row.map(rawContent))])),
    EXCEL_DATES,
  );
}

function cellsOf(hf: HyperFormula, name: string): SheetCells {
  const id = hf.getSheetId(name)!;
  const values = hf.getSheetValues(id).map((row) =>
    row.map((value): CellData => {
      if (value === null) return "";
      if (typeof value === "object") return String((value as { value: unknown }).value);
      return value as CellData;
    }),
  );
  const formulas = hf.getSheetSerialized(id).map((row) => row.map((value) => value ?? ""));
  return { values, formulas };
}

function setCell(hf: HyperFormula, name: string, at: string, content: string | number | null): void {
  const { top, left } = rangeCorners(at);
  hf.setCellContents({ sheet: hf.getSheetId(name)!, row: top - 1, col: left - 1 }, content);
}

const valueAt = (hf: HyperFormula, name: string, row: number, column: number) =>
  hf.getCellValue({ sheet: hf.getSheetId(name)!, row: row - 1, col: column - 1 });

function request(description: SheetDescription, overrides: Partial<RenewalRequest> = {}): RenewalRequest {
  const hf = engine([description]);
  return {
    sheetName: description.name,
    cells: cellsOf(hf, description.name),
    today: TODAY,
    newPlanId: "new-plan",
    existingSheetNames: [description.name],
    template: { ok: true, template: DEFAULT_TEMPLATE },
    agencyHolidays: null,
    ...overrides,
  };
}

function renewed(overrides: Partial<RenewalRequest> = {}, description = oldPlan()) {
  const result = planRenewal(request(description, overrides));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.renewal;
}

const renewalCell = (description: SheetDescription) =>
  description.cells[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1];

describe("the next term's dates", () => {
  test("bind is the old renewal; renewal one term later by an EDATE formula the engine computes", () => {
    const next = renewed();
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2028-01-15", "2029-01-15", 12]);
    expect(renewalCell(next.description)).toEqual({
      kind: "formula",
      formula: '=IF(ISNUMBER($B$4),EDATE($B$4,12),"")',
    });
    const hf = engine([next.description]);
    expect(valueAt(hf, next.newSheetName, LAYOUT.renewal.row, LAYOUT.renewal.column)).toBe(
      toExcelSerial(calendarDate(2029, 1, 15)),
    );
  });

  test("a leap-day bind (2028-02-29): a month-end term stays month-end, and EDATE gives Feb 28 a year on", () => {
    // Bound Feb 28, 2027, renewing on the leap day: twelve months, month end to month end.
    const next = renewed({}, oldPlan({ bind: "2027-02-28", renewal: "2028-02-29" }));
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2028-02-29", "2029-02-28", 12]);
    expect(next.newTerm).toBe("2028-29");
    const hf = engine([next.description]);
    expect(
      fromExcelSerial(valueAt(hf, next.newSheetName, 5, 2) as number)
        .toISOString()
        .slice(0, 10),
    ).toBe("2029-02-28");
  });

  test("a 6-month term renews for 6 months", () => {
    const next = renewed({}, oldPlan({ bind: "2027-08-29", renewal: "2028-02-29" }));
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2028-02-29", "2028-08-29", 6]);
    expect(renewalCell(next.description)).toEqual({ kind: "formula", formula: '=IF(ISNUMBER($B$4),EDATE($B$4,6),"")' });
    expect(next.newTerm).toBe("Feb 2028");
    expect(next.preview[0]).toContain("6 months later, as long as the term before");
  });

  test("a file without computed results gets the next term's renewal worked out from its formula", () => {
    const next = renewed({}, oldPlan({ bind: "2027-08-29", renewal: "2028-02-29" }));
    const cells = next.description.cells;
    const values = withComputedValues({
      values: cells.map((row) =>
        row.map((cell) => (cell.kind === "number" ? cell.value : cell.kind === "text" ? cell.text : undefined)),
      ),
      formulas: cells.map((row) => row.map((cell) => (cell.kind === "formula" ? cell.formula : ""))),
    });
    expect(values[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1]).toBe(toExcelSerial(calendarDate(2028, 8, 29)));
  });

  test("a 3-year term renews for 3 years", () => {
    const next = renewed({}, oldPlan({ bind: "2027-01-15", renewal: "2030-01-15" }));
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2030-01-15", "2033-01-15", 36]);
    expect(next.newTerm).toBe("2030-33");
  });

  test("a renewal the person types is written as that date, not a formula", () => {
    const next = renewed({ renewal: "2028-07-01" });
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2028-01-15", "2028-07-01", null]);
    expect(renewalCell(next.description)).toEqual({ kind: "number", value: toExcelSerial(calendarDate(2028, 7, 1)) });
    expect(next.preview[0]).toContain("as typed");
  });

  test("a term of no whole months (Jan 15 to Jan 20) keeps its days, written as a date", () => {
    const next = renewed({}, oldPlan({ bind: "2027-01-15", renewal: "2028-01-20" }));
    expect([next.bind, next.renewal, next.termMonths]).toEqual(["2028-01-20", "2029-01-24", null]);
  });

  test("the new term's holidays are the agency's within it, and its due dates skip them", () => {
    const agency: AgencyHoliday[] = ["2027-12-24", "2028-02-14", "2028-05-29", "2029-01-01", "2029-05-28"].map(
      (date) => ({ date, name: "Holiday", row: 0 }) as unknown as AgencyHoliday,
    );
    const next = renewed({ agencyHolidays: agency });
    expect(next.holidays).toEqual(["2028-02-14", "2028-05-29", "2029-01-01"]);
    expect(next.preview).toContain("3 holidays within the new term, from the agency's list.");
    // The 30-day task is due Feb 14, 2028 by the calendar; the holiday moves it to the Friday before.
    const hf = engine([next.description]);
    const plan = readPlanSheet(cellsOf(hf, next.newSheetName).values, TODAY);
    const due30 = plan.rows.find((row) => row.id.startsWith("bind-30.") && row.kind === "task")!.due;
    expect(due30).toBe("2028-02-11");
  });

  test("without an agency holidays sheet the preview says where to add them", () => {
    const next = renewed();
    expect(next.holidays).toEqual([]);
    expect(next.preview.join("\n")).toContain("the workbook has no Agency holidays sheet");
  });

  test("a renewal late in 9999 is refused: the next term would end after Excel's last date", () => {
    const result = planRenewal(request(oldPlan({ bind: "9998-06-01", renewal: "9999-06-01" })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        field: "renewal",
        message: expect.stringContaining(
          "The next term's renewal, 12 months after its bind date 9999-06-01 (the renewal in B5 of",
        ),
      },
    ]);
    expect(result.problems[0].message).toContain("would be after 9999-12-31, the last date Excel can show");
    // A typed renewal within Excel's dates is taken.
    const typed = planRenewal(
      request(oldPlan({ bind: "9998-06-01", renewal: "9999-06-01" }), { renewal: "9999-12-01" }),
    );
    expect(typed.ok).toBe(true);
  });

  test("term lengths: whole months, month ends, and terms of no whole months", () => {
    const d = (iso: string) => parseIsoDate(iso)!;
    expect(termInMonths(d("2027-01-31"), d("2027-04-30"))).toBe(3);
    expect(termInMonths(d("2027-01-15"), d("2027-04-16"))).toBeNull();
    expect(termLabel(d("2099-03-01"), d("2100-03-01"))).toBe("2099-2100");
  });
});

describe("bad input: a clear message naming the cell or field, nothing planned", () => {
  const problemsOf = (description: SheetDescription, edit: (hf: HyperFormula) => void, overrides = {}) => {
    const hf = engine([description]);
    edit(hf);
    const result = planRenewal({ ...request(description, overrides), cells: cellsOf(hf, description.name) });
    if (result.ok) throw new Error("expected problems");
    return result.problems.map((p) => `${p.field}: ${p.message}`);
  };
  const plan = oldPlan();

  test("an empty Renewal cell", () => {
    expect(problemsOf(plan, (hf) => setCell(hf, plan.name, "B5", null))).toEqual([
      "renewal: \u201cAcme Manufacturing, Inc.\u201d cannot start its next term: Renewal date is empty: enter a date such as 2028-01-15. (cell B5)",
    ]);
  });

  test("a Renewal cell holding text", () => {
    const [problem] = problemsOf(plan, (hf) => setCell(hf, plan.name, "B5", "'next spring"));
    expect(problem).toMatch(/^renewal: .*Renewal date "next spring" is not a date.*\(cell B5\)$/);
  });

  test("a Renewal before the Bind date", () => {
    const [problem] = problemsOf(plan, (hf) => setCell(hf, plan.name, "B5", toExcelSerial(calendarDate(2026, 1, 1))));
    expect(problem).toMatch(/^renewal: .*Renewal date 2026-01-01 must be after the bind date 2027-01-15.*\(cell B5\)$/);
  });

  test("a header block deleted by hand", () => {
    const [problem] = problemsOf(plan, (hf) => {
      for (const at of ["A3", "A4", "A5", "A6", "B3", "B4", "B5", "B6"]) setCell(hf, plan.name, at, null);
    });
    expect(problem).toMatch(/^plan: .*"Bind date" should be in cell A4/);
  });

  test("a template not in the workbook", () => {
    const problems = problemsOf(plan, () => {}, {
      template: {
        ok: false,
        problems: [{ message: 'There is no template "Marine" in the workbook: use one of "Standard".' }],
      },
    });
    expect(problems).toEqual(['template: There is no template "Marine" in the workbook: use one of "Standard".']);
  });

  test("a new renewal on or before the new bind", () => {
    expect(problemsOf(plan, () => {}, { renewal: "2028-01-15" })).toEqual([
      "renewal: Next term: Renewal date 2028-01-15 must be after the bind date 2028-01-15: check both dates.",
    ]);
    expect(problemsOf(plan, () => {}, { renewal: "2028-02-30" })[0]).toContain("does not exist");
  });

  test("a team naming a role the template does not have", () => {
    expect(problemsOf(plan, () => {}, { team: { Underwriter: "Pat" } })[0]).toContain(
      'Service team role "Underwriter" is unknown',
    );
  });
});

describe("the new plan", () => {
  test("same client and team, team editable; a sheet name that says the term, unique, within 31 characters", () => {
    expect(renewed().newSheetName).toBe("Acme Manufacturing, Inc 2028-29");
    const next = renewed({ existingSheetNames: ["Acme Manufacturing, Inc.", "acme manufacturing, inc 2028-29"] });
    expect(next.newSheetName).toBe("Acme Manufacturing, 2028-29 (2)");
    expect(next.newSheetName.length).toBe(31);
    const edited = renewed({ team: { AE: "Lee Park", Producer: "Sam Ortiz" } });
    expect(edited.team).toEqual({ AE: "Lee Park", Producer: "Sam Ortiz" });
    expect(renewed().team).toEqual({ AE: "Dana Whitfield", Producer: "Sam Ortiz" });
    expect(renewed().preview[1]).toBe("Service team: Producer Sam Ortiz, AE Dana Whitfield.");
  });

  test("a long client's name is cut between whole characters, the term kept whole", () => {
    const flags =
      "Acme \u{1F1FA}\u{1F1F8}\u{1F1FA}\u{1F1F8}\u{1F1FA}\u{1F1F8}\u{1F1FA}\u{1F1F8}\u{1F1FA}\u{1F1F8}\u{1F1FA}\u{1F1F8}";
    const next = renewed({}, oldPlan({ client: flags }));
    expect(next.newSheetName.endsWith(" 2028-29")).toBe(true);
    expect(next.newSheetName.length).toBeLessThanOrEqual(31);
    // Each flag is 4 code units: never half of one.
    expect((next.newSheetName.replace(" 2028-29", "").length - "Acme ".length) % 4).toBe(0);
  });

  test("the new plan records the plan it follows, and links back to it", () => {
    const next = renewed();
    const hf = engine([oldPlan(), next.description]);
    const plan = readPlanSheet(cellsOf(hf, next.newSheetName).values, TODAY);
    expect(plan.follows).toBe("old-plan");
    expect(plan.planId).toBe("new-plan");
    expect(valueAt(hf, next.newSheetName, LAYOUT.termLink.row, LAYOUT.termLink.column)).toBe(
      "Term before: Acme Manufacturing, Inc.",
    );
  });

  test("the template at its newest version, with what changed in the preview", () => {
    const newer = nextTemplate();
    const next = renewed({ template: { ok: true, template: newer } });
    expect(next.template).toEqual({
      name: newer.name,
      version: newer.version,
      fromName: DEFAULT_TEMPLATE.name,
      fromVersion: DEFAULT_TEMPLATE.version,
    });
    expect(next.templateChanges.length).toBeGreaterThan(0);
    expect(next.preview[2]).toContain(`version ${newer.version} (the term before was on`);
    expect(next.preview[2]).toContain(next.templateChanges[0]);
    expect(renewed().preview[2]).toBe(
      `Template \u201c${DEFAULT_TEMPLATE.name}\u201d version ${DEFAULT_TEMPLATE.version}, as the term before.`,
    );
  });

  test("notes and own rows are carried only when chosen, each marked as carried from the earlier term", () => {
    const description = oldPlan();
    const hf = engine([description]);
    const taskRow = description.rows.find((row) => row.kind === "task")!;
    setCell(hf, description.name, address(taskRow.row, COLUMN.notes), "Carrier wants loss runs by the 1st");
    const ownRow = description.cells.length + 2;
    setCell(hf, description.name, address(ownRow, COLUMN.task), "Call the client's CFO");
    setCell(hf, description.name, address(ownRow, COLUMN.status), "In progress");
    setCell(hf, description.name, address(ownRow, COLUMN.due), toExcelSerial(calendarDate(2027, 6, 1)));
    const base = { ...request(description), cells: cellsOf(hf, description.name) };

    const none = planRenewal(base);
    if (!none.ok) throw new Error("expected a renewal");
    expect(none.renewal.carried).toEqual({ notes: [], ownRows: [] });
    expect(none.renewal.preview).toContain(
      "Nothing is carried from the term before (choose notes or your own rows to carry them).",
    );

    const both = planRenewal({ ...base, carry: { notes: true, ownRows: true } });
    if (!both.ok) throw new Error("expected a renewal");
    const next = both.renewal;
    expect(next.carried.ownRows).toEqual(["Call the client's CFO"]);
    expect(next.carried.notes).toHaveLength(1);
    expect(next.preview).toContain(
      "Carried, each marked \u201cCarried from 2027-28\u201d: the notes of 1 task and 1 row of your own.",
    );
    const plan = readPlanSheet(cellsOf(engine([next.description]), next.newSheetName).values, TODAY);
    const carriedTask = plan.rows.find((row) => row.id === taskRow.id)!;
    expect(carriedTask.notes).toBe("Carried from 2027-28: Carrier wants loss runs by the 1st");
    expect(carriedTask.status).toBe("Not started");
    const own = plan.rows.find((row) => row.kind === "added")!;
    expect(own).toMatchObject({
      task: "Call the client's CFO",
      status: "Not started",
      due: null,
      notes: "Carried from 2027-28",
    });
  });

  test("when it is offered: earlier asks with the days left; within 30 days of renewal it is due; after, how late", () => {
    const early = renewed({ today: calendarDate(2027, 10, 1) });
    expect(early.timing).toEqual({ kind: "early", daysToRenewal: 106, offeredFrom: expect.any(String) });
    expect(early.preview[early.preview.length - 1]).toMatch(
      /^The renewal is 106 days away; the 30 Days to Renewal work opens on Nov 16, 2027\. Start the next term now only if you mean to\.$/,
    );
    expect(renewed({ today: calendarDate(2028, 1, 2) }).timing).toEqual({ kind: "due", daysToRenewal: 13 });
    const late = renewed({ today: calendarDate(2028, 2, 1) });
    expect(late.timing).toEqual({ kind: "late", daysLate: 17 });
    expect(late.preview[late.preview.length - 1]).toBe("The renewal was 17 days ago.");
  });
});

describe("the old plan as the record of its term", () => {
  /** The old plan with the rollover's cell writes applied, beside the new plan, in one engine. */
  function rolledOver(today = TODAY) {
    const description = oldPlan();
    const next = renewed({ today });
    const hf = engine([description, next.description]);
    for (const write of next.oldSheetWrites) {
      setCell(hf, description.name, write.address, write.value.kind === "formula" ? write.value.formula : null);
    }
    return { hf, old: description.name, next };
  }
  const figure = (hf: HyperFormula, sheet: string, key: keyof typeof SUMMARY) => {
    const at = SUMMARY[key] as { row: number; column: number };
    return valueAt(hf, sheet, at.row, at.column);
  };

  test("its header links to the new sheet; its summary counts open tasks but none as overdue or due", () => {
    const { hf, old, next } = rolledOver();
    expect(valueAt(hf, old, LAYOUT.termLink.row, LAYOUT.termLink.column)).toBe(`Renewed: see ${next.newSheetName}`);
    expect(valueAt(hf, old, LAYOUT.renewedTo.row, LAYOUT.renewedTo.column)).toBe("new-plan");
    expect(figure(hf, old, "phase")).toBe("Renewed");
    expect(figure(hf, old, "overdue")).toBe("");
    expect(figure(hf, old, "dueSoon")).toBe("");
    expect(figure(hf, old, "nextDue")).toBe("");
    expect(figure(hf, old, "open")).toBeGreaterThan(0);
    expect(figure(hf, old, "openText")).toMatch(/^\d+ open at the end of the term$/);
    // The new plan is the live one.
    expect(figure(hf, next.newSheetName, "phase")).not.toBe("Renewed");
  });

  test("its open tasks are not in My work; the new plan's are", () => {
    const { hf, old, next } = rolledOver();
    const plans = [old, next.newSheetName].map((name) => ({
      sheetId: name,
      sheetName: name,
      plan: readPlanSheet(cellsOf(hf, name).values, TODAY),
    }));
    expect(plans[0].plan.renewedTo).toBe("new-plan");
    const asOf = calendarDate(2028, 2, 1);
    const listed = (list: typeof plans) =>
      myWork(list, { asOf }).sections.flatMap((s) => s.days.flatMap((d) => d.tasks));
    // Before the rollover the old plan's open tasks are overdue work.
    const before = readPlanSheet(cellsOf(engine([oldPlan()]), old).values, TODAY);
    expect(listed([{ sheetId: old, sheetName: old, plan: before }]).length).toBeGreaterThan(0);
    expect(listed(plans).length).toBeGreaterThan(0);
    expect(listed(plans).every((task) => task.sheetName === next.newSheetName)).toBe(true);
  });

  test("in the Book overview its row says Renewed, when and to which sheet, with no open, overdue or due count", () => {
    const { next } = rolledOver();
    const overview = describeBookOverview([
      { sheetName: oldPlan().name, planId: "old-plan" },
      { sheetName: next.newSheetName, planId: "new-plan" },
    ]);
    const hf = engine([
      oldPlan(),
      next.description,
      { ...overview, name: "Book overview" } as unknown as SheetDescription,
    ]);
    for (const write of next.oldSheetWrites) {
      setCell(hf, oldPlan().name, write.address, write.value.kind === "formula" ? write.value.formula : null);
    }
    const row: number = OVERVIEW_LAYOUT.firstDataRow;
    const at = (key: keyof typeof OVERVIEW_COLUMN, r = row) => valueAt(hf, "Book overview", r, OVERVIEW_COLUMN[key]);
    expect([at("phase"), at("open"), at("overdue"), at("dueSoon")]).toEqual([
      `Renewed Jan 15, 2028 \u2192 ${next.newSheetName}`,
      "",
      "",
      "",
    ]);
    // The next term's row shows its live phase.
    expect(at("phase", row + 1)).toBe(valueAt(hf, next.newSheetName, SUMMARY.phase.row, SUMMARY.phase.column));
    expect(at("renewal")).toBe(toExcelSerial(calendarDate(2028, 1, 15)));
    expect(at("open", row + 1)).toBeGreaterThan(0);
  });

  test("the new sheet deleted by a person: the old plan is the live one again, no #REF! anywhere", () => {
    const { hf, old, next } = rolledOver();
    hf.removeSheet(hf.getSheetId(next.newSheetName)!);
    const values = cellsOf(hf, old).values;
    expect(values.flat().some((value) => String(value).includes("#REF"))).toBe(false);
    expect(valueAt(hf, old, LAYOUT.termLink.row, LAYOUT.termLink.column)).toBe("");
    expect(readPlanSheet(values, TODAY).renewedTo).toBe("");
    expect(figure(hf, old, "phase")).not.toBe("Renewed");
    expect(typeof figure(hf, old, "overdue")).toBe("number");
  });

  test("a new sheet that no longer follows this plan (its marker cleared) releases it too", () => {
    const { hf, old, next } = rolledOver();
    setCell(hf, next.newSheetName, address(LAYOUT.follows.row, LAYOUT.follows.column), null);
    expect(valueAt(hf, old, LAYOUT.renewedTo.row, LAYOUT.renewedTo.column)).toBe("");
  });

  test("running it twice names the plan already started", () => {
    const description = oldPlan();
    const result = planRenewal(
      request(description, {
        plans: [
          { sheetName: description.name, planId: "old-plan", follows: "" },
          { sheetName: "Acme 2028-29", planId: "new-plan", follows: "old-plan" },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: false, alreadyStarted: "Acme 2028-29" });
  });

  test("only the old plan's link and summary formulas change; what a person typed over a summary cell stays", () => {
    const description = oldPlan();
    const next = renewed();
    const addresses = next.oldSheetWrites.map((write) => write.address);
    expect(addresses.slice(0, 2)).toEqual(["H1", "C1"]);
    const summaryCells = new Set(addresses.slice(2));
    for (const at of summaryCells) {
      const { top, left } = rangeCorners(at);
      expect(top === 11 || (top >= 7 && top <= 10 && left === 2)).toBe(true);
      expect(description.cells[top - 1][left - 1].kind).toBe("formula");
    }
    const hf = engine([description]);
    setCell(hf, description.name, "B8", "See the strategy memo");
    const result = planRenewal({ ...request(description), cells: cellsOf(hf, description.name) });
    if (!result.ok) throw new Error("expected a renewal");
    expect(result.renewal.oldSheetWrites.map((write) => write.address)).not.toContain("B8");
  });
});
