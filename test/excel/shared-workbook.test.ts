import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { COLUMN, columnLetter } from "../../src/plan/sheet-layout";
import type { Template } from "../../src/plan/template";
import { createExcelPlanService } from "../../src/excel/service";
import type { PlanEvent } from "../../src/service/types";
import { nextTemplate } from "../support/templates";
import { ACME, setUp } from "./harness";
import { workbookState } from "./workbook-state";

/**
 * What people do to a shared workbook, and the failures Excel can throw at the add-in part-way (issue 9, items 5,
 * 7, 8, 9 and 10): every change lands whole or not at all, and says so truthfully.
 */

const SHEET = "Acme Manufacturing, Inc.";
const TODAY = toExcelSerial(calendarDate(2027, 3, 2)); // the harness clock
const STATUS = columnLetter(COLUMN.status);
const COMPLETED = columnLetter(COLUMN.completedOn);
const NOTES = columnLetter(COLUMN.notes);
const ID = columnLetter(COLUMN.id);

async function plan(options: Parameters<typeof setUp>[0] = {}, template?: Template) {
  const harness = setUp(options, template ? { template } : {});
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const rowOf = (id: string) => harness.fake.getValues(SHEET, `${ID}1:${ID}150`).findIndex((row) => row[0] === id) + 1;
  return { ...harness, sheetId: created.plan.sheetId, rowOf };
}

function historyOf(fake: ReturnType<typeof setUp>["fake"]) {
  return fake.table("PlanHistory");
}

describe("5. an update that fails part-way", () => {
  it("leaves the plan exactly as it was and promises no undo", async () => {
    const { fake, sheetId, rowOf } = await plan();
    await fake.editCell(SHEET, `${NOTES}${rowOf("bind-60.loss-runs")}`, "asked the carrier");
    await fake.editCell(SHEET, `${STATUS}${rowOf("bind-60.loss-runs")}`, "In progress");
    const before = workbookState(fake);
    const newer = createExcelPlanService({ template: nextTemplate() });
    fake.failNthWrite(2); // the first write was (today) the deletion of the task rows
    const error = (await newer.applyUpdate(sheetId, { upgradeTemplate: true }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^Updating the plan failed: .* The sheet was not changed\.$/);
    expect(error.message).not.toMatch(/Ctrl\+Z|undo/i);
    expect(workbookState(fake)).toEqual(before);
  });
});

describe("7. Plan history that a person cannot break", () => {
  it("records history beside a client's own sheet called Plan history, and says where", async () => {
    const { service, fake, sheetId, rowOf } = await plan();
    fake.addSheet("Plan history");
    fake.setValues("Plan history", "A1:B2", [
      ["Our own notes", "about this client"],
      ["call back", "Friday"],
    ]);
    const result = await service.setTaskStatus(sheetId, "bind-60.loss-runs", "Done");
    expect(result.historyNote).toMatch(/"Plan history \(2\)"/);
    expect(fake.getValue(SHEET, `${COMPLETED}${rowOf("bind-60.loss-runs")}`)).toBe(TODAY);
    expect(historyOf(fake)).toMatchObject({ sheetName: "Plan history (2)", rows: [expect.arrayContaining(["Done"])] });
    expect(fake.getValues("Plan history", "A1:B2")).toEqual([
      ["Our own notes", "about this client"],
      ["call back", "Friday"],
    ]);
  });

  it("starts a new history table when someone converted it to a range, keeping the old rows where they are", async () => {
    const { service, fake, sheetId } = await plan();
    await service.setTaskStatus(sheetId, "bind-30.service-team", "Done");
    await Excel.run(async (context) => {
      context.workbook.tables.getItem("PlanHistory").convertToRange();
      await context.sync();
    });
    const result = await service.setTaskStatus(sheetId, "bind-60.loss-runs", "In progress");
    expect(result.historyNote).toMatch(/history table was missing/);
    expect(historyOf(fake).sheetName).toBe("Plan history (2)");
    expect(historyOf(fake).rows.map((row) => [row[3], row[6]])).toEqual([["bind-60.loss-runs", "In progress"]]);
    expect(fake.getValue("Plan history", "D2")).toBe("bind-30.service-team");
  });

  it("keeps a client called Plan history off the history sheet's name", async () => {
    const { service, fake } = setUp();
    const created = await service.createPlan({ ...ACME, client: "Plan history" });
    expect(created.ok && created.plan.sheetName).toBe("Plan history (2)");
    if (!created.ok) throw new Error("not created");
    await service.setTaskStatus(created.plan.sheetId, "bind-60.loss-runs", "Done");
    expect(historyOf(fake).sheetName).toBe("Plan history");
  });

  it("writes a status change and its history row together: when the row fails, the status is as it was", async () => {
    const { service, fake, sheetId, rowOf } = await plan();
    const row = rowOf("bind-60.loss-runs");
    fake.failOn({ type: "TableRowCollection.add" });
    const error = (await service.setTaskStatus(sheetId, "bind-60.loss-runs", "Done").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^Changing the status failed: .* The sheet was not changed\.$/);
    expect(fake.getValue(SHEET, `${STATUS}${row}`)).toBe("Not started");
    expect(fake.getValue(SHEET, `${COMPLETED}${row}`)).toBe("");
    expect(fake.sheetNames()).toEqual(["Sheet1", SHEET, "Book overview"]);
  });

  it("loses no history when recording fails after a person's edit: it is recorded with the next edit", async () => {
    const { service, fake, rowOf } = await plan();
    const events: PlanEvent[] = [];
    await service.watch((event) => events.push(event));
    const row = rowOf("bind-60.loss-runs");
    fake.failOn({ type: "TableRowCollection.add" });
    await fake.editCell(SHEET, `${STATUS}${row}`, "Done");
    await fake.settle();
    expect(fake.getValue(SHEET, `${COMPLETED}${row}`)).toBe(""); // taken back with the failed history row
    const reported = events.filter((event) => event.kind === "plan-changed").at(-1);
    expect(reported).toMatchObject({ problems: [{ message: expect.stringMatching(/failed/) }] });
    await fake.editCell(SHEET, `${NOTES}${row}`, "runs are in");
    await fake.settle();
    expect(fake.getValue(SHEET, `${COMPLETED}${row}`)).toBe(TODAY);
    expect(historyOf(fake).rows.map((r) => [r[3], r[5], r[6]])).toEqual([["bind-60.loss-runs", "Not started", "Done"]]);
  });
});

describe("8. events on an ExcelApi 1.12 host (no trigger source)", () => {
  const host = { supportedSets: { ExcelApi: "1.12" }, supportsTriggerSource: false };

  it("are on again after a write fails, so the sheet is still watched", async () => {
    const { service, fake, sheetId, rowOf } = await plan(host);
    await service.watch(() => undefined);
    fake.failOn({ type: "Range.values" });
    await expect(service.setTaskStatus(sheetId, "bind-60.loss-runs", "Done")).rejects.toThrow(/failed/);
    expect(fake.eventsEnabled).toBe(true);
    fake.failOn({ type: /Range\.(formulas|numberFormat)/ });
    await fake.editCell(SHEET, `${columnLetter(COLUMN.due)}${rowOf("midterm.pulse")}`, 46500);
    await expect(service.applyRepair(sheetId)).rejects.toThrow(/failed/);
    expect(fake.eventsEnabled).toBe(true);
    // A person's edit still reaches the watcher.
    await fake.editCell(SHEET, `${STATUS}${rowOf("bind-90.strategy-meeting")}`, "Done");
    await fake.settle();
    expect(historyOf(fake).rows.map((r) => r[3])).toEqual(["bind-90.strategy-meeting"]);
  });
});

describe("9. people's text in Plan history", () => {
  it("stays text: a client called =1+1 is not recorded as 2, a HYPERLINK is no link", async () => {
    const { service, fake } = setUp();
    for (const client of ["=1+1", '=HYPERLINK("http://x.example","click")']) {
      const created = await service.createPlan({ ...ACME, client });
      if (!created.ok) throw new Error("not created");
      await service.setTaskStatus(created.plan.sheetId, "bind-60.loss-runs", "Done");
    }
    const rows = historyOf(fake).rows;
    expect(rows.map((row) => row[1])).toEqual(["=1+1", '=HYPERLINK("http://x.example","click")']);
    const table = fake.sheet("Plan history");
    expect(Object.values(table.cells).some((cell) => cell.value === 2)).toBe(false);
    expect(fake.cell("Plan history", "B2").numberFormat).toBe("@");
  });
});

describe("10. a plan sheet's name taken while it is being created", () => {
  it("never deletes the sheet of that name: only what this run made goes", async () => {
    const { service, fake } = setUp();
    // A co-author adds a sheet with the client's name after the add-in read the sheet names.
    let coAuthored = false;
    fake.failOn(() => {
      if (!coAuthored) {
        coAuthored = true;
        fake.addSheet(SHEET);
        fake.setValues(SHEET, "A1", [["the co-author's work"]]);
      }
      return false;
    });
    const error = (await service.createPlan(ACME).catch((e: unknown) => e)) as Error;
    fake.clearFaults();
    expect(error.message).toMatch(/Nothing was added to the workbook/);
    expect(fake.sheetNames()).toEqual(["Sheet1", SHEET]);
    expect(fake.getValue(SHEET, "A1")).toBe("the co-author's work");
  });
});
