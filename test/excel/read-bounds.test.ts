import { createExcelPlanService } from "../../src/excel/service";
import { nextTemplate } from "../support/templates";
import { ACME, setUp } from "./harness";

const SHEET = "Acme Manufacturing, Inc.";

/**
 * Formatting reaches far below a plan's table (a person shaded rows A12:Z30000, or pasted a long format): the used
 * range with formats (`getUsedRange()`) then reaches row 30000 and every read of "the whole plan" brings back
 * 780,000 cells, past Excel on the web's 5 MB response limit (https://learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization; the fake refuses such a response with ResponsePayloadSizeLimitExceeded,
 * a code of Excel.ErrorCodes). What the add-in reads is bounded by the cells that hold values.
 */
async function shadedPlan() {
  const harness = setUp();
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const sheet = harness.fake.model.sheetByName(SHEET);
  if (!sheet) throw new Error("no plan sheet");
  harness.fake.model.setStyle(
    sheet,
    { startRow: 11, startCol: 0, endRow: 29_999, endCol: 25 },
    { "fill.color": "#FFF2CC" },
  );
  // Formats count in the used range unless only values are asked for.
  const used = await harness.Excel.run(async (context) => {
    const plan = context.workbook.worksheets.getItem(SHEET);
    const withFormats = plan.getUsedRange();
    withFormats.load("address");
    const valuesOnly = plan.getUsedRange(true);
    valuesOnly.load("address");
    await context.sync();
    return [withFormats.address, valuesOnly.address];
  });
  expect(used).toEqual([`'${SHEET}'!A1:Z30000`, `'${SHEET}'!A1:J81`]);
  const rowOf = (id: string) => harness.fake.getValues(SHEET, "J1:J150").findIndex((row) => row[0] === id) + 1;
  return { ...harness, sheetId: created.plan.sheetId, rowOf };
}

const ONE_MB = 1_000_000;

describe("reading a plan whose formatting reaches row 30000", () => {
  it("reads the plan, changes a status and lists the plans within 1 MB a response", async () => {
    const { service, fake, sheetId, rowOf } = await shadedPlan();
    fake.resetCounters();
    const detail = await service.readPlan(sheetId);
    expect(detail.tasks.length).toBeGreaterThan(30);
    await service.setTaskStatus(sheetId, "bind-60.loss-runs", "Done");
    expect(fake.getValue(SHEET, `G${rowOf("bind-60.loss-runs")}`)).toBe("Done");
    expect((await service.listPlans()).map((plan) => plan.sheetId)).toEqual([sheetId]);
    await service.selectTask(sheetId, "bind-60.loss-runs");
    expect(fake.maxResponseBytes).toBeLessThan(ONE_MB);
  });

  it("updates it to a newer template, reading its cells and number formats within 1 MB", async () => {
    const { fake, sheetId } = await shadedPlan();
    const newer = createExcelPlanService({ template: nextTemplate() });
    fake.resetCounters();
    const preview = await newer.applyUpdate(sheetId, { upgradeTemplate: true });
    expect(preview.changes.length).toBeGreaterThan(0);
    expect(fake.maxResponseBytes).toBeLessThan(ONE_MB);
  });
});
