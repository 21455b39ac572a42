import { OVERVIEW_COLUMN, OVERVIEW_LAYOUT, OVERVIEW_MARKER } from "../../src/plan/book-overview";
import { localDay, plusDays, toIsoDate } from "../../src/plan/dates";
import { COLUMN, columnLetter, LAYOUT, summaryRef } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import type { Template } from "../../src/plan/template";
import { createExcelPlanService } from "../../src/excel/service";
import type { PlanEvent } from "../../src/service/types";
import type { FakeExcel } from "../fake-excel";
import { ACME, setUp } from "./harness";
import { workbookState } from "./workbook-state";

/**
 * The Book overview in a live workbook (the real adapter over the strict fake, formulas computed by HyperFormula):
 * made with the first plan created from the pane, its figures live formulas that follow a plan edited without the
 * add-in, its rows following plans renamed, deleted and copied, and every write whole or not at all.
 */

const OVERVIEW = "Book overview";
const BETA = { client: "Beta Logistics", bind: "2027-02-01", team: { AE: "Sam Ortiz", Producer: "Morgan Reyes" } };
const KEY = columnLetter(OVERVIEW_COLUMN.planId);
const FIRST = OVERVIEW_LAYOUT.firstDataRow;
const LAST_COLUMN = columnLetter(OVERVIEW_COLUMN.planId);

type Harness = ReturnType<typeof setUp>;
type Fake = FakeExcel["fake"];

function start(template?: Template): Harness {
  let next = 0;
  return setUp({}, { newPlanId: () => `plan-${++next}`, ...(template ? { template } : {}) });
}

/** Two tasks: the failure steps run through every write of a plan and its overview, quickly. */
function smallTemplate(): Template {
  const template: Template = structuredClone(DEFAULT_TEMPLATE);
  template.phases = template.phases.slice(0, 2).map((phase) => ({ ...phase, tasks: phase.tasks.slice(0, 1) }));
  return template;
}

async function created(harness: Harness, request: Parameters<Harness["service"]["createPlan"]>[0]) {
  const result = await harness.service.createPlan(request);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  await harness.fake.settle();
  return result.plan;
}

/** The overview's rows as a person reads them: each column's value by key, from the first data row down. */
function overviewRows(fake: Fake) {
  const values = fake.getValues(OVERVIEW, `A${FIRST}:${LAST_COLUMN}${FIRST + 20}`);
  return values
    .filter((line) => line.some((cell) => cell !== "" && cell !== null))
    .map((line) => Object.fromEntries(Object.entries(OVERVIEW_COLUMN).map(([key, column]) => [key, line[column - 1]])));
}

/** Every value and formula of the overview sheet that shows #REF!. */
function refErrors(fake: Fake): string[] {
  const area = `A1:${LAST_COLUMN}${FIRST + 20}`;
  return [...fake.getValues(OVERVIEW, area).flat(), ...fake.getFormulas(OVERVIEW, area).flat()]
    .map(String)
    .filter((cell) => cell.includes("#REF!"));
}

/** A person's change to the workbook's sheets (a rename, a delete, a copy): not the add-in's. */
async function asPerson(fake: Fake, change: (sheets: Excel.WorksheetCollection) => void): Promise<void> {
  await Excel.run(async (context) => {
    change(context.workbook.worksheets);
    await context.sync();
  });
  await fake.settle();
}

/** Beta's Status cell of the task "Obtain loss runs". */
function taskStatusCell(fake: Fake): string {
  const ids = fake.getValues(BETA.client, "J1:J120").map((cell) => cell[0]);
  return `${columnLetter(COLUMN.status)}${ids.indexOf("bind-60.loss-runs") + 1}`;
}

async function watching(harness: Harness) {
  const events: PlanEvent[] = [];
  const stop = await harness.service.watch((event) => events.push(event));
  await harness.fake.settle();
  return { events, stop };
}

describe("the Book overview the add-in keeps", () => {
  it("is made with the first plan created from the pane, one row per plan, ready to print", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    fake.resetCounters();
    await created(harness, BETA);
    // The sheet names; the plan's batch with the other sheets' markers and the overview's rows; the overview's batch.
    expect([fake.runCount, fake.syncCount]).toEqual([1, 3]);
    expect(fake.sheetNames()).toEqual(["Sheet1", ACME.client, OVERVIEW, BETA.client]);
    expect(fake.activeSheet).toBe(BETA.client);
    expect(overviewRows(fake).map((row) => [row.client, row.planId, row.ae, row.producer])).toEqual([
      [ACME.client, "plan-1", "Dana Whitfield", "Morgan Reyes"],
      [BETA.client, "plan-2", "Sam Ortiz", "Morgan Reyes"],
    ]);
    // Each figure is the plan's own: bind and renewal, and its live summary's counts.
    const [acme] = overviewRows(fake);
    expect(acme.bind).toBe(fake.getValue(ACME.client, `B${LAYOUT.bind.row}`));
    expect(acme.renewal).toBe(fake.getValue(ACME.client, `B${LAYOUT.renewal.row}`));
    expect([acme.open, acme.overdue, acme.dueSoon, acme.nextDue, acme.nextTask]).toEqual(
      ["open", "overdue", "dueSoon", "nextDue", "nextTask"].map((figure) =>
        fake.getValue(ACME.client, summaryRef(figure as Parameters<typeof summaryRef>[0]).replace(/\$/g, "")),
      ),
    );
    expect(String(fake.getValue(OVERVIEW, "A2"))).toMatch(/^As of .*2 plans .*\d+ overdue/);

    const sheet = fake.sheet(OVERVIEW);
    expect(fake.getValue(OVERVIEW, `${KEY}1`)).toBe(OVERVIEW_MARKER);
    expect(sheet.hiddenColumns).toEqual([KEY]);
    expect(sheet.freeze.rows).toBe(OVERVIEW_LAYOUT.headerRow);
    expect(sheet.autoFilter).toBe(`A${OVERVIEW_LAYOUT.headerRow}:${KEY}${FIRST + 1}`);
    expect(sheet.printArea).toBe(`A1:M${FIRST + 1}`);
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(sheet.pageLayout.headersFooters.defaultForAllPages).toMatchObject({ leftFooter: "Printed &D" });
    expect(sheet.conditionalFormats.map((rule) => rule.address)).toEqual(
      expect.arrayContaining([`G${FIRST}:G${FIRST + 1}`, `A${FIRST}:M${FIRST + 1}`]),
    );
    expect(sheet.columnWidths.A).toBeGreaterThan(sheet.columnWidths.F);
  });

  it("follows a plan edited without the add-in: counts, next due and days to renewal change", async () => {
    const harness = start();
    const { fake } = harness;
    // A plan well into its term by Excel's own clock (TODAY() in the sheet's formulas), so some work is overdue.
    const today = localDay(new Date());
    const bind = plusDays(today, -45);
    await created(harness, { ...ACME, bind: toIsoDate(bind) });
    const before = overviewRows(fake)[0];
    expect(before.overdue).toBeGreaterThan(0);

    // Events off, no add-in listening: the overview can only follow through its formulas.
    await Excel.run(async (context) => {
      context.runtime.enableEvents = false;
      await context.sync();
    });
    await fake.settle();
    const eventsBefore = fake.events.length;
    const dueColumn = fake.getValues(ACME.client, `${columnLetter(COLUMN.due)}1:${columnLetter(COLUMN.due)}120`);
    const statuses = fake.getValues(ACME.client, `${columnLetter(COLUMN.status)}1:${columnLetter(COLUMN.status)}120`);
    const row = dueColumn.findIndex(
      (line, index) => line[0] === before.nextDue && statuses[index][0] === "Not started",
    );
    await fake.editCell(ACME.client, `${columnLetter(COLUMN.status)}${row + 1}`, "Done");
    const afterDone = overviewRows(fake)[0];
    expect(afterDone.open).toBe((before.open as number) - 1);
    expect(afterDone.overdue).toBe((before.overdue as number) - 1);
    expect(afterDone.percentDone).toBeGreaterThan(before.percentDone === "" ? 0 : (before.percentDone as number));

    // The Bind date moves a month later: the renewal, the days to it and the next due date follow.
    await fake.editCell(ACME.client, `B${LAYOUT.bind.row}`, toIsoDate(plusDays(bind, 31)));
    const afterBind = overviewRows(fake)[0];
    expect(afterBind.bind).toBe((before.bind as number) + 31);
    expect(afterBind.daysToRenewal).toBe((before.daysToRenewal as number) + 31);
    expect(afterBind.nextDue).not.toBe(afterDone.nextDue);
    expect(afterBind.overdue).not.toBe(afterDone.overdue);
    expect(fake.events.length).toBe(eventsBefore);
  });

  it("keeps a renamed plan's row and its figures, without writing", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    const { stop } = await watching(harness);
    const before = overviewRows(fake);
    fake.resetCounters();
    await asPerson(fake, (sheets) => (sheets.getItem(ACME.client).name = "Acme (O'Brien)"));
    expect(overviewRows(fake)).toEqual(before);
    expect(fake.getFormulas(OVERVIEW, `A${FIRST}`)[0][0]).toContain("'Acme (O''Brien)'!");
    expect(fake.log.filter((entry) => entry.target.includes(OVERVIEW))).toEqual([]);
    await stop();
  });

  it("removes a deleted plan's row, so no #REF! is left", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    const { stop } = await watching(harness);
    await fake.editCell(OVERVIEW, "P5", "call them Monday"); // a person's own note beside the table
    await asPerson(fake, (sheets) => sheets.getItem(ACME.client).delete());
    expect(overviewRows(fake).map((row) => [row.client, row.planId])).toEqual([[BETA.client, "plan-2"]]);
    expect(refErrors(fake)).toEqual([]);
    expect(String(fake.getValue(OVERVIEW, "A2"))).toMatch(/ 1 plan /);
    expect(fake.sheet(OVERVIEW).printArea).toBe(`A1:M${FIRST}`);
    expect(fake.getValue(OVERVIEW, "P5")).toBe("call them Monday");
    expect(fake.sheetNames()).toEqual(["Sheet1", OVERVIEW, BETA.client]);
    expect(fake.handlerErrors).toEqual([]);
    await stop();
  });

  it("gives a plan sheet copied in Excel a row of its own, beside its source's", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, BETA);
    const { stop } = await watching(harness);
    const used = fake.sheet(BETA.client).usedRange!;
    await asPerson(fake, (sheets) =>
      sheets.add("Beta copy").getRange(used).copyFrom(sheets.getItem(BETA.client).getRange(used)),
    );
    expect(overviewRows(fake).map((row) => [row.client, row.planId])).toEqual([
      [BETA.client, "plan-1"],
      [BETA.client, "plan-1"],
    ]);
    expect(fake.getFormulas(OVERVIEW, `A${FIRST}:A${FIRST + 1}`)).toEqual([
      [`='${BETA.client}'!$B$3&""`],
      [`='Beta copy'!$B$3&""`],
    ]);
    await stop();
  });

  it("when the pane starts, mends an overview left out of step, and writes nothing when it is in step", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    const first = await watching(harness);
    await first.stop();
    // The pane closed, a plan deleted: its row shows #REF!.
    await asPerson(fake, (sheets) => sheets.getItem(ACME.client).delete());
    expect(refErrors(fake).length).toBeGreaterThan(0);
    const second = await watching(harness);
    expect(refErrors(fake)).toEqual([]);
    expect(overviewRows(fake).map((row) => row.planId)).toEqual(["plan-2"]);
    await second.stop();

    fake.resetCounters();
    const third = await watching(harness);
    expect(fake.writeCount).toBe(0);
    await third.stop();
  });

  it("on a pane opened anew on a book left out of step, mends it with the statuses' read: three round trips", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    await asPerson(fake, (sheets) => sheets.getItem(ACME.client).delete());
    // A new pane on the workbook: it has read none of the plans' statuses.
    const service = createExcelPlanService({ now: () => new Date(2027, 2, 2, 10, 30) });
    fake.resetCounters();
    const stop = await service.watch(() => undefined);
    // The sheet list; marker cells and how far each sheet reaches; the statuses with the overview's write.
    expect(fake.syncCount).toBe(3);
    expect(fake.writeCount).toBeGreaterThan(0);
    expect(refErrors(fake)).toEqual([]);
    expect(overviewRows(fake).map((row) => row.planId)).toEqual(["plan-2"]);
    // The statuses read in that batch are the ones an edit is compared with: Done is stamped and recorded.
    await fake.editCell(BETA.client, taskStatusCell(fake), "Done");
    await fake.settle();
    expect(fake.getValues("Plan history", "A2:G2")[0].slice(5)).toEqual(["Not started", "Done"]);
    await stop();
  });

  it("when the overview's write fails as a new pane starts, reads the statuses again and follows edits", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    await asPerson(fake, (sheets) => sheets.getItem(ACME.client).delete());
    const service = createExcelPlanService({ now: () => new Date(2027, 2, 2, 10, 30) });
    const fault = fake.failNthWrite(1);
    const stop = await service.watch(() => undefined);
    fake.clearFaults();
    expect(fault.fired).toBe(true);
    expect(refErrors(fake).length).toBeGreaterThan(0); // left for the next pass, as it was
    await fake.editCell(BETA.client, taskStatusCell(fake), "In progress");
    await fake.settle();
    expect(fake.getValues("Plan history", "A2:G2")[0].slice(5)).toEqual(["Not started", "In progress"]);
    await stop();
  });

  it("takes the scratch sheet of its own mending pass for the add-in's: no plans-changed, no second pass", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    const first = await watching(harness);
    await first.stop();
    await asPerson(fake, (sheets) => sheets.getItem(ACME.client).delete());
    const events: PlanEvent[] = [];
    const stop = await harness.service.watch((event) => events.push(event));
    expect(refErrors(fake)).toEqual([]);
    // A person's edit right after: its cost is the edit's alone, as in a workbook whose overview was in step.
    fake.resetCounters();
    const status = `${columnLetter(COLUMN.status)}${LAYOUT.firstDataRow}`;
    await fake.editCell(BETA.client, status, "In progress");
    await fake.settle();
    const mendedCost = fake.syncCount;
    expect(events.filter((event) => event.kind === "plans-changed")).toEqual([]);
    await stop();

    const inStep = await watching(harness);
    fake.resetCounters();
    await fake.editCell(BETA.client, status, "Not started");
    await fake.settle();
    expect(mendedCost).toBe(fake.syncCount);
    await inStep.stop();
  });
});

describe("every overview write lands whole or leaves the workbook as it was", () => {
  /** Steps a failure through every write of `act`, as test/excel/all-or-nothing.test.ts does for the other jobs. */
  async function eachStep(
    prepare: () => Promise<Harness>,
    act: (harness: Harness) => Promise<Error | null>,
    unchanged: RegExp,
    /** The writes to step from: those before it are another job's, stepped through in all-or-nothing.test.ts. */
    from: (log: { type: string }[]) => number = () => 1,
  ) {
    const clean = await prepare();
    const untouched = workbookState(clean.fake);
    clean.fake.resetCounters();
    expect(await act(clean)).toBeNull();
    const landed = workbookState(clean.fake);
    expect(landed).not.toEqual(untouched);
    const steps = clean.fake.writeCount;
    const first = from(clean.fake.log);
    expect(first).toBeGreaterThan(0);
    // Every write to the workbook's own sheets; of the many writes that build a scratch or staging sheet (all
    // alike: a failure there only leaves that sheet to remove), the first, the last and every tenth.
    const log = clean.fake.log;
    const onScratch = (step: number) => log[step - 1]?.target.includes("~new") === true;
    const chosen = Array.from({ length: steps - first + 1 }, (_, index) => first + index).filter(
      (step) => !onScratch(step) || !onScratch(step - 1) || !onScratch(step + 1) || step % 10 === 0,
    );
    for (const step of [...chosen, steps + 1]) {
      const harness = await prepare();
      const fault = harness.fake.failNthWrite(step);
      const error = await act(harness);
      harness.fake.clearFaults();
      const at = `failing write ${step} of ${steps}`;
      expect([at, harness.fake.eventsEnabled]).toEqual([at, true]);
      expect([at, fault.fired]).toEqual([at, step <= steps]);
      if (!fault.fired) break;
      const state = workbookState(harness.fake);
      if (error) {
        expect([at, error.message]).toEqual([at, expect.stringMatching(unchanged)]);
        expect([at, state]).toEqual([at, untouched]);
      } else {
        // Taken back silently (a pass is retried by the next one), or finished.
        expect([at, state]).toEqual([at, equal(state, untouched) ? untouched : landed]);
      }
    }
  }

  const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const failure = (promise: Promise<unknown>): Promise<Error | null> =>
    promise.then(
      () => null,
      (error: unknown) => error as Error,
    );

  it("a second plan created beside the overview", async () => {
    await eachStep(
      async () => {
        const harness = start(smallTemplate());
        await created(harness, ACME);
        return harness;
      },
      (harness) => failure(harness.service.createPlan(BETA)),
      /Nothing was added to the workbook\.$/,
      // From the plan's last write (its rename) on: the overview's batch, and taking the plan back.
      (log) => log.findIndex((entry) => entry.type === "Worksheet.name") + 1,
    );
  });

  it("the pass after a plan was deleted", async () => {
    await eachStep(
      async () => {
        const harness = start(smallTemplate());
        await created(harness, ACME);
        await created(harness, BETA);
        await asPerson(harness.fake, (sheets) => sheets.getItem(ACME.client).delete());
        return harness;
      },
      // The pane starting: the pass's failures are left for the next pass, never half-written.
      async (harness) => {
        const { stop } = await watching(harness);
        await stop();
        return null;
      },
      /./,
    );
  });
});

describe("an overview someone has filtered (office-js #224)", () => {
  it("takes a new plan's row in its place and gives the person's filter back, in the same round trips", async () => {
    const harness = start();
    const { fake } = harness;
    await created(harness, ACME);
    await created(harness, BETA);
    // The person shows only Dana Whitfield's accounts, from the AE column's filter button: Beta's row is hidden.
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(OVERVIEW);
      const values = ["Dana Whitfield"];
      sheet.autoFilter.apply(sheet.autoFilter.getRange(), OVERVIEW_COLUMN.ae - 1, { filterOn: "Values", values });
      await context.sync();
    });
    expect(fake.sheet(OVERVIEW).hiddenRows).toEqual([FIRST + 1]);
    const filterBefore = fake.sheet(OVERVIEW).autoFilterCriteria;

    fake.resetCounters();
    await created(harness, { client: "Gamma Foods", bind: "2027-03-01", team: { AE: "Dana Whitfield" } });
    expect([fake.runCount, fake.syncCount]).toEqual([1, 3]);
    expect(overviewRows(fake).map((row) => [row.client, row.planId, row.ae])).toEqual([
      [ACME.client, "plan-1", "Dana Whitfield"],
      [BETA.client, "plan-2", "Sam Ortiz"],
      ["Gamma Foods", "plan-3", "Dana Whitfield"],
    ]);
    expect(fake.sheet(OVERVIEW).autoFilter).toBe(`A${OVERVIEW_LAYOUT.headerRow}:${LAST_COLUMN}${FIRST + 2}`);
    expect(fake.sheet(OVERVIEW).autoFilterCriteria).toEqual(filterBefore);
    expect(fake.sheet(OVERVIEW).hiddenRows).toEqual([FIRST + 1]);
  });
});
