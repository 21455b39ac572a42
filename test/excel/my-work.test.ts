import { createExcelPlanService } from "../../src/excel/service";
import { calendarDate, plusDays } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { myWork, type MyWorkPlan, peopleOnTeams, rolesOnTeams } from "../../src/plan/my-work";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import type { MyWorkQuery, MyWorkView, PlanEvent } from "../../src/service/types";
import { setUp } from "./harness";

const TODAY = calendarDate(2027, 3, 2); // the harness clock
const serial = (days: number) => toExcelSerial(plusDays(TODAY, days));

// The sheets' own TODAY() (HyperFormula reads Date.now) on the harness's day, as Excel's matches the pane's.
beforeEach(() => jest.spyOn(Date, "now").mockReturnValue(new Date(2027, 2, 2, 12).getTime()));
afterEach(() => jest.restoreAllMocks());

const DANA = "Dana Whitfield";
const SAM = "Sam Ortiz";

/**
 * Three plans with work overdue, due soon and due later for two people, and a fourth bound in the autumn: its
 * own figures say nothing is due within 30 days, except for a row far below the table, past the rows its
 * figures count.
 */
async function book() {
  const harness = setUp();
  const { service, fake } = harness;
  const plans = [
    { client: "Acme Manufacturing, Inc.", bind: "2027-01-15", team: { AE: DANA, "Associate AE": SAM } },
    { client: "Birch Logistics", bind: "2026-12-01", team: { AE: SAM, Producer: "Morgan Reyes" } },
    { client: "Cedar Foods", bind: "2026-06-01", team: { AE: DANA, "Associate AE": SAM } },
    { client: "Dune Outfitters", bind: "2027-09-01", team: { AE: DANA } },
  ];
  for (const plan of plans) {
    const created = await service.createPlan(plan);
    if (!created.ok) throw new Error(`${plan.client} not created`);
    await fake.settle();
  }
  const [acme, birch, cedar, dune] = plans.map((plan) => plan.client);
  const rowOf = (sheet: string, id: string) => fake.getValues(sheet, "J1:J200").findIndex((cell) => cell[0] === id) + 1;
  // Some work done; a row people added under Acme's table, due in 20 days; Cedar grown past 300 rows.
  fake.setValues(acme, `G${rowOf(acme, "bind-30.service-team")}`, [["Done"]]);
  fake.setValues(acme, `G${rowOf(acme, "bind-30.deliverables")}`, [["N/A"]]);
  fake.setValues(birch, `G${rowOf(birch, "bind-30.service-team")}`, [["In progress"]]);
  fake.setValues(acme, "B120:G120", [["Call the carrier about the audit", "AE", DANA, "", serial(20), "In progress"]]);
  fake.setValues(cedar, "B340:G340", [
    ["Review the fleet schedule", "Associate AE", SAM, "", serial(5), "Not started"],
  ]);
  fake.setValues(dune, "B520:G520", [["Site visit before the bind", "AE", DANA, "", serial(8), "Not started"]]);
  return { ...harness, sheets: { acme, birch, cedar, dune }, rowOf };
}

/** My work as the pure rule makes it over the plans read whole from the fake's cells. */
async function expected(
  fake: ReturnType<typeof setUp>["fake"],
  service: ReturnType<typeof setUp>["service"],
  query: MyWorkQuery,
): Promise<MyWorkView> {
  const plans: MyWorkPlan[] = (await service.listPlans()).map(({ sheetId, sheetName }) => ({
    sheetId,
    sheetName,
    plan: readPlanSheet(fake.getValues(sheetName, "A1:J600") as CellData[][], TODAY),
  }));
  return { ...myWork(plans, { asOf: TODAY, ...query }), people: peopleOnTeams(plans), roles: rolesOnTeams(plans) };
}

const tasksOf = (view: MyWorkView) => view.sections.flatMap((section) => section.days.flatMap((day) => day.tasks));

describe("My work across the workbook's plans", () => {
  it.each<[string, MyWorkQuery]>([
    ["everyone", {}],
    ["one person", { person: DANA }],
    ["the other person", { person: SAM }],
    ["a role", { role: "Associate AE" }],
    ["a person in a role", { person: SAM, role: "Associate AE" }],
  ])("for %s: the list the pure rule makes of the whole plans, in at most four round trips", async (_, query) => {
    const { service, fake, sheets } = await book();
    fake.resetCounters();
    const view = await service.myWork(query);
    expect(fake.syncCount).toBeLessThanOrEqual(4);
    expect(fake.writeCount).toBe(0);
    expect(view).toEqual(await expected(fake, service, query));
    expect(tasksOf(view).length).toBeGreaterThan(0);
    // Rows people added: below the table, and past the rows a plan's own figures count.
    const everyone = await service.myWork({});
    const added = tasksOf(everyone).filter((task) => task.taskId === "");
    expect(added.map((task) => [task.client, task.row])).toEqual([
      [sheets.cedar, 340],
      [sheets.dune, 520],
      [sheets.acme, 120],
    ]);
  });

  it("groups overdue, the next 14 days and the next 30, with the client on each line", async () => {
    const { service } = await book();
    const view = await service.myWork({ person: DANA });
    expect(view.person).toBe(DANA);
    expect(view.people).toEqual([DANA, "Morgan Reyes", SAM]);
    expect(view.sections.map((section) => section.key)).toEqual(["overdue", "due-soon", "due-later"]);
    expect(view.sections.every((section) => section.count > 0)).toBe(true);
    for (const task of tasksOf(view)) {
      expect(task.assignedTo).toContain(DANA);
      expect(task.client).not.toBe("");
    }
    const [overdue, soon, later] = view.sections;
    expect(overdue.days.every((day) => day.date < "2027-03-02")).toBe(true);
    expect(soon.days.every((day) => day.date >= "2027-03-02" && day.date <= "2027-03-16")).toBe(true);
    expect(later.days.every((day) => day.date > "2027-03-16" && day.date <= "2027-04-01")).toBe(true);
  });

  it("reads no rows of a plan whose own figures say nothing is due within 30 days", async () => {
    const { service, fake, sheets } = await book();
    fake.setValues(sheets.dune, "B520:G520", [["", "", "", "", "", ""]]);
    const rowsRead = async () => {
      fake.resetCounters();
      const view = await service.myWork({});
      const sizes = fake.syncSizes.slice(2).map((size) => size.responseBytes);
      expect(view).toEqual(await expected(fake, service, {}));
      return sizes;
    };
    const withDune = await rowsRead();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(sheets.dune).delete();
      await context.sync();
    });
    expect(withDune).toEqual(await rowsRead());
  });

  it("shows a co-author's edit at once, and writes nothing for it", async () => {
    const { service, fake, sheets, rowOf } = await book();
    const events: PlanEvent[] = [];
    const stop = await service.watch((event) => events.push(event));
    const row = rowOf(sheets.acme, "bind-30.draft-plan");
    const before = await service.myWork({ person: DANA });
    expect(tasksOf(before).some((task) => task.client === sheets.acme && task.row === row)).toBe(true);
    fake.resetCounters();
    await fake.editCell(sheets.acme, `G${row}`, "Done", { source: "Remote" });
    await fake.settle();
    const after = await service.myWork({ person: DANA });
    expect(tasksOf(after).some((task) => task.client === sheets.acme && task.row === row)).toBe(false);
    expect(after).toEqual(await expected(fake, service, { person: DANA }));
    expect(events.map((event) => event.kind)).toEqual(["plan-changed"]);
    expect(fake.writeCount).toBe(0);
    await stop();
  });

  it("reads only the columns a line shows: long notes on every row cost it nothing", async () => {
    const { service, fake, sheets } = await book();
    const notes = Array.from({ length: 90 }, () => ["Waiting on the carrier. ".repeat(200)]);
    for (const sheet of Object.values(sheets)) fake.setValues(sheet, "I13:I102", notes);
    fake.resetCounters();
    const view = await service.myWork({});
    expect(fake.maxResponseBytes).toBeLessThan(50_000); // the notes alone are 4 x 430 KB
    expect(view).toEqual(await expected(fake, service, {}));
  });
});

describe("following edits in a workbook opened with plans in it", () => {
  it("compares a person's status edit with the statuses read when watching started", async () => {
    const { fake, sheets, rowOf } = await book();
    // A new pane on the same workbook: it has seen none of the plans.
    const service = createExcelPlanService({ now: () => new Date(2027, 2, 2, 10, 30) });
    const stop = await service.watch(() => undefined);
    const row = rowOf(sheets.birch, "bind-30.service-team"); // In progress
    await fake.editCell(sheets.birch, `G${row}`, "Done");
    await fake.settle();
    expect(fake.getValue(sheets.birch, `H${row}`)).toBe(toExcelSerial(TODAY));
    const history = fake.getValues("Plan history", "A2:G2")[0];
    expect(history.slice(5)).toEqual(["In progress", "Done"]);
    await stop();
  });
});
