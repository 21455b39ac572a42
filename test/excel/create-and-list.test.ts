import { toExcelSerial } from "../../src/plan/excel-dates";
import { computeSchedule } from "../../src/plan/schedule";
import { address, LAYOUT, SUMMARY } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { PLAN_ID_PROPERTY, TEMPLATE_VERSION_PROPERTY } from "../../src/excel/create";
import { PlanError } from "../../src/service/types";
import { rowOutlineButtons } from "../fake-excel/outline";
import { ACME, setUp } from "./harness";

const SHEET = "Acme Manufacturing, Inc.";

describe("creating a plan sheet through Office.js", () => {
  it("writes the whole sheet and its Book overview row in one run, and selects the plan", async () => {
    const { service, fake } = setUp();
    const result = await service.createPlan(ACME);
    expect(result.ok && result.plan.counts).toEqual({
      notStarted: 32,
      inProgress: 0,
      done: 0,
      notApplicable: 0,
      overdue: 6, // 30 Days is due 2027-02-12, before the harness's today (2027-03-02)
      dueSoon: 3, // 60 Days is due 2027-03-16, within 14 days
    });
    // The sheet names; the plan's batch, which also reads the other sheets' marker cells; the overview's batch.
    expect(fake.syncCount).toBe(3);
    expect(fake.runCount).toBe(1);
    expect(fake.activeSheet).toBe(SHEET);
    expect(fake.selection).toEqual({ sheetName: SHEET, address: "B4" });

    const sheet = fake.sheet(SHEET);
    expect(sheet.customProperties).toEqual({ [PLAN_ID_PROPERTY]: "plan-1", [TEMPLATE_VERSION_PROPERTY]: "1" });
    expect(sheet.freeze.rows).toBe(LAYOUT.headerRow);
    expect(sheet.printArea).toMatch(/^A1:I\d+$/);
    expect(sheet.printTitleRows?.replace(/\$/g, "")).toBe(`${LAYOUT.headerRow}:${LAYOUT.headerRow}`);
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(sheet.pageLayout.headersFooters.defaultForAllPages).toMatchObject({
      leftHeader: SHEET,
      rightFooter: "Page &P of &N",
    });
    expect(sheet.hiddenColumns).toEqual(["J"]);
    expect(sheet.autoFilter).toMatch(new RegExp(`^A${LAYOUT.headerRow}:J\\d+$`));
    expect(sheet.validations.map((v) => v.address)).toEqual(expect.arrayContaining(["B4", "B5"]));
    expect(sheet.validations.find((v) => v.type === "list")?.rule).toMatchObject({
      list: { inCellDropDown: true, source: "Not started,In progress,Done,N/A" },
    });
    // Seven for the task table, four for the live summary's lines.
    expect(sheet.conditionalFormats).toHaveLength(11);
    expect(sheet.conditionalFormats.map((f) => f.priority)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The live summary's formulas work as Office.js wrote them: 32 tasks open, none done.
    const figure = (cell: { row: number; column: number }) => fake.getValue(SHEET, address(cell.row, cell.column));
    expect([figure(SUMMARY.open), figure(SUMMARY.done)]).toEqual([32, 0]);
    // Every sub-item but each task's last is grouped (the last is the row Excel puts the +/- beside).
    const folded = DEFAULT_TEMPLATE.phases.flatMap((phase) => phase.tasks).filter((task) => task.items.length >= 2);
    expect(folded.length).toBeGreaterThan(1);
    expect(Object.keys(sheet.rowOutline).length).toBe(folded.reduce((sum, task) => sum + task.items.length - 1, 0));
  });

  it("puts every +/- where Excel draws it (the row below the group) beside the task's own last sub-item", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    const sheet = fake.sheet(SHEET);
    const ids = fake.getValues(SHEET, `J1:J${LAYOUT.firstDataRow + 200}`).map((row) => String(row[0]));
    const rowOf = (id: string) => ids.indexOf(id) + 1;
    const tasks = DEFAULT_TEMPLATE.phases.flatMap((phase) => phase.tasks).filter((task) => task.items.length >= 2);
    const buttons = rowOutlineButtons(sheet.rowOutline);
    expect(buttons.map((button) => button.level)).toEqual(tasks.map(() => 1));
    expect(buttons.map((button) => [ids[button.firstRow - 2], ids[button.row - 1]])).toEqual(
      tasks.map((task) => [task.id, task.items.at(-1)!.id]),
    );
    // Folded, the task's own last line (with the button) shows between it and the next task.
    for (const task of tasks) expect(rowOf(task.items.at(-1)!.id)).toBe(rowOf(task.id) + task.items.length);
  });

  it("computes every Due date in the sheet's own formulas, equal to the engine", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    const checked = checkPlanRequest(ACME);
    if (!checked.ok) throw new Error("bad");
    const schedule = computeSchedule(DEFAULT_TEMPLATE, checked.value);
    const ids = fake.getValues(SHEET, `J${LAYOUT.firstDataRow}:J90`).map((row) => row[0]);
    for (const task of schedule.tasks) {
      const row = LAYOUT.firstDataRow + ids.indexOf(task.id);
      expect(fake.getValue(SHEET, `F${row}`)).toBe(toExcelSerial(task.due));
      expect(fake.getValue(SHEET, `E${row}`)).toBe(toExcelSerial(task.opens));
      expect(String(fake.cell(SHEET, `F${row}`).formula)).toMatch(/^=IF\(AND\(ISNUMBER\(\$B\$4\)/);
    }
  });

  it("keeps a client name that looks like a formula as text", async () => {
    const { service, fake } = setUp();
    await service.createPlan({ ...ACME, client: '=HYPERLINK("http://x","click")' });
    const name = fake.sheetNames().find((n) => n.startsWith("=HYPERLINK"))!;
    expect(fake.cell(name, "B3").value).toBe('=HYPERLINK("http://x","click")');
    expect(fake.cell(name, "B3").formula).toBe('=HYPERLINK("http://x","click")');
    expect(fake.cell(name, "B3").numberFormat).toBe("@");
  });

  it("gives a second plan for the same client its own sheet name", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    const second = await service.createPlan(ACME);
    expect(second.ok && second.plan.sheetName).toBe(`${SHEET} (2)`);
    expect(fake.sheetNames()).toEqual(["Sheet1", SHEET, "Book overview", `${SHEET} (2)`]);
  });

  it("answers invalid input with problems per field and touches nothing", async () => {
    const { service, fake } = setUp();
    const result = await service.createPlan({ client: "", bind: "2027-02-30" });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: "client", message: expect.stringMatching(/Client is empty/) },
        { field: "bind", message: expect.stringMatching(/does not exist/) },
      ],
    });
    expect(fake.syncCount).toBe(0);
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
  });

  it("leaves no half-written sheet when Excel fails midway, and says why in words", async () => {
    const { service, fake } = setUp();
    fake.failOn({ type: /ConditionalFormat/ }, "GeneralException", "boom");
    const error = await service.createPlan(ACME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as Error).message).toMatch(
      /^Creating the plan sheet .* failed: Excel reported an unexpected problem\. Nothing was added/,
    );
    expect((error as Error).message).not.toMatch(/GeneralException|boom/);
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
    expect(fake.eventsEnabled).toBe(true);
  });
});

describe("finding the workbook's plans", () => {
  // The sheets' own TODAY() (HyperFormula reads Date.now) on the harness's day, as Excel's matches the pane's.
  beforeEach(() => jest.spyOn(Date, "now").mockReturnValue(new Date(2027, 2, 2, 12).getTime()));
  afterEach(() => jest.restoreAllMocks());

  it("lists plan sheets with client, dates and the sheets' own counts in two round trips", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    await service.createPlan({ client: "Beta Logistics", bind: "2026-06-01", renewal: "2027-06-01" });
    fake.addSheet("Notes");
    fake.setValues("Notes", "A1:B2", [
      ["not", "a plan"],
      [1, 2],
    ]);
    fake.resetCounters();
    const plans = await service.listPlans();
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(plans.map((p) => [p.sheetName, p.client, p.bind, p.renewal])).toEqual([
      [SHEET, SHEET, "2027-01-15", "2028-01-15"],
      ["Beta Logistics", "Beta Logistics", "2026-06-01", "2027-06-01"],
    ]);
    // Today is 2027-03-02 (the harness clock): Beta's bind-anchored work is overdue.
    expect(plans[1].counts.overdue).toBeGreaterThan(0);
    // The same counts as the plan's rows give (the pane's reading), from its summary figures alone.
    expect(plans[0].counts).toEqual({ done: 0, overdue: 6, dueSoon: 3 });
    expect(fake.syncSizes[1].responseBytes).toBeLessThan(3 * 2500); // three headers, no task rows
  });

  it("lists a plan whose sheet has no summary figures (written before them) from its rows, one round trip more", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    const row = SUMMARY.open.row;
    fake.setValues(SHEET, `A${row}:J${row}`, [Array(10).fill("")]);
    fake.resetCounters();
    const [plan] = await service.listPlans();
    expect(fake.syncCount).toBe(3);
    expect(plan.counts).toEqual({ notStarted: 32, inProgress: 0, done: 0, notApplicable: 0, overdue: 6, dueSoon: 3 });
  });

  it("lists a plan that grew past the window from its figures, and skips large other sheets cheaply", async () => {
    const { service, fake } = setUp();
    const created = await service.createPlan(ACME);
    if (!created.ok) throw new Error("not created");
    fake.setValues(SHEET, "B305:I305", [["A row far below", "", "", "", "", "In progress", "", "keep me"]]);
    fake.addSheet("Loss data");
    fake.setValues("Loss data", "A1:A2", [["claim"], [1]]);
    fake.setValues("Loss data", "A5000:A5000", [[2]]);
    fake.resetCounters();
    const plans = await service.listPlans();
    expect(plans.map((p) => p.sheetName)).toEqual([SHEET]);
    expect(plans[0].counts).toEqual({ done: 0, overdue: 6, dueSoon: 3 });
    expect(fake.syncCount).toBe(2);
    const detail = await service.readPlan(created.plan.sheetId);
    expect(detail.tasks).toHaveLength(32);
  });

  it("finds a plan written by the command line's file writer layout (marker cell, no custom properties)", async () => {
    const { service, fake } = setUp();
    await service.createPlan(ACME);
    const sheet = fake.model.sheets.find((s) => s.name === SHEET)!;
    sheet.customProps.length = 0;
    const plans = await service.listPlans();
    expect(plans).toHaveLength(1);
  });

  it("reads the pane's whole picture (plans, the open one, its details) in two round trips", async () => {
    const { service, fake } = setUp();
    const acme = await service.createPlan(ACME);
    const beta = await service.createPlan({ client: "Beta Logistics", bind: "2026-06-01" });
    if (!acme.ok || !beta.ok) throw new Error("not created");
    fake.resetCounters();
    const overview = await service.overview();
    expect(fake.syncCount).toBe(2);
    expect(overview.plans.map((p) => p.client)).toEqual([SHEET, "Beta Logistics"]);
    expect(overview.activeId).toBe(beta.plan.sheetId); // the sheet just created is the active one
    expect(overview.detail?.client).toBe("Beta Logistics");
    expect(overview.detail).toEqual(await service.readPlan(beta.plan.sheetId));

    const chosen = await service.overview(acme.plan.sheetId);
    expect(chosen.detail?.client).toBe(SHEET);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").activate();
      await context.sync();
    });
    expect(await service.overview()).toMatchObject({ activeId: null, detail: null });
  });

  it("reads the active plan at a glance: tasks, states, phases, team", async () => {
    const { service } = setUp();
    const created = await service.createPlan({ ...ACME, bind: "2027-01-20" });
    if (!created.ok) throw new Error("not created");
    expect(await service.activePlanId()).toBe(created.plan.sheetId);
    const detail = await service.readPlan(created.plan.sheetId);
    expect(detail.today).toBe("2027-03-02");
    expect(detail.team).toEqual(ACME.team);
    expect(detail.tasks).toHaveLength(32);
    // bind + 30 = 2027-02-19: overdue on 2027-03-02; bind + 60 = 2027-03-19: due within 14 days? no (17 days).
    expect(detail.tasks.filter((t) => t.state === "overdue").map((t) => t.phaseId)).toEqual(Array(6).fill("bind-30"));
    expect(detail.phases[0]).toEqual({ phaseId: "bind-30", phase: "30 Days", total: 6, closed: 0 });
    expect(detail.tasks[0]).toMatchObject({ owners: "AE", assignedTo: "Dana Whitfield", status: "Not started" });
  });

  it("selects a task's row and activates its sheet", async () => {
    const { service, fake } = setUp();
    const created = await service.createPlan(ACME);
    if (!created.ok) throw new Error("not created");
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").activate();
      await context.sync();
    });
    expect(fake.activeSheet).toBe("Sheet1");
    await service.selectTask(created.plan.sheetId, "bind-60.loss-runs");
    const ids = fake.getValues(SHEET, `J${LAYOUT.firstDataRow}:J90`).map((row) => row[0]);
    expect(fake.selection).toEqual({
      sheetName: SHEET,
      address: `B${LAYOUT.firstDataRow + ids.indexOf("bind-60.loss-runs")}`,
    });
    await expect(service.selectTask(created.plan.sheetId, "nope")).rejects.toThrow(/no longer on the sheet/);
    expect(fake.activeSheet).toBe(SHEET);
  });

  it("explains a plan sheet whose header rows were deleted instead of misreading it", async () => {
    const { service, fake } = setUp();
    const created = await service.createPlan(ACME);
    if (!created.ok) throw new Error("not created");
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange("2:2").delete(Excel.DeleteShiftDirection.up);
      await context.sync();
    });
    await expect(service.readPlan(created.plan.sheetId)).rejects.toThrow(
      /was rearranged: "Bind date" should be in cell A4\. Undo the change/,
    );
    expect(fake.sheetNames()).toContain(SHEET);
  });
});
