import { OVERVIEW_COLUMN, OVERVIEW_LAYOUT } from "../../src/plan/book-overview";
import { localDay, plusDays, toIsoDate } from "../../src/plan/dates";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { address, COLUMN, columnLetter, LAYOUT } from "../../src/plan/sheet-layout";
import type { Template } from "../../src/plan/template";
import type { RenewalOptions, RenewalResult } from "../../src/service/types";
import type { FakeExcel } from "../fake-excel";
import { ACME, setUp } from "./harness";
import { workbookState } from "./workbook-state";

/**
 * Starting the next term from the pane, on the strict fake (formulas computed by HyperFormula): the rollover's round
 * trips, every write step failing in turn, running it twice, the new sheet deleted by a person, a co-author's edit
 * while the preview is open, the old plan no longer counted as work, the Plan history line, and bad input refused
 * with nothing written.
 */

type Harness = ReturnType<typeof setUp>;
type Fake = FakeExcel["fake"];

const OLD = ACME.client;
const NEW = "Acme Manufacturing, Inc 2028-29";
const OVERVIEW = "Book overview";
const ID = columnLetter(COLUMN.id);
const NOTES = columnLetter(COLUMN.notes);
const STATUS = columnLetter(COLUMN.status);
const at = (position: { row: number; column: number }) => address(position.row, position.column);

/** Two tasks: the failure steps run through every kind of write quickly. */
function smallTemplate(): Template {
  const template: Template = structuredClone(DEFAULT_TEMPLATE);
  template.phases = template.phases.slice(0, 2).map((phase) => ({ ...phase, tasks: phase.tasks.slice(0, 1) }));
  return template;
}

function start(template?: Template): Harness {
  let next = 0;
  return setUp({}, { newPlanId: () => `plan-${++next}`, ...(template ? { template } : {}) });
}

async function withPlan(harness: Harness) {
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  await harness.fake.settle();
  const rowOf = (id: string) => harness.fake.getValues(OLD, `${ID}1:${ID}80`).findIndex((row) => row[0] === id) + 1;
  return { sheetId: created.plan.sheetId, rowOf };
}

/**
 * A plan with overdue work today. The sheets' figures are formulas on Excel's TODAY(), the machine's day, so the
 * plan is bound 200 days before it and the session's clock is the machine's.
 */
async function livePlan() {
  let next = 0;
  const harness = setUp({}, { now: () => new Date(), newPlanId: () => `plan-${++next}` });
  const bind = toIsoDate(plusDays(localDay(new Date()), -200));
  const created = await harness.service.createPlan({ ...ACME, bind });
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  await harness.fake.settle();
  return { harness, sheetId: created.plan.sheetId };
}

function expectOk(result: RenewalResult) {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

async function renewed(harness: Harness, sheetId: string, options: RenewalOptions = {}) {
  expectOk(await harness.service.previewRenewal(sheetId, options));
  return expectOk(await harness.service.renewPlan(sheetId, options));
}

function overviewKeys(fake: Fake): unknown[] {
  const key = columnLetter(OVERVIEW_COLUMN.planId);
  return fake
    .getValues(OVERVIEW, `${key}${OVERVIEW_LAYOUT.firstDataRow}:${key}${OVERVIEW_LAYOUT.firstDataRow + 10}`)
    .map((row) => row[0])
    .filter((value) => value !== "" && value !== null);
}

/** Every cell of the workbook that shows #REF! (and every formula of the overview that holds it), with where. */
function refErrors(fake: Fake): string[] {
  return fake.sheetNames().flatMap((name) => {
    const used = fake.sheet(name).usedRange;
    if (!used) return [];
    const range = used.includes(":") ? used : `${used}:${used}`;
    const formulas = name === OVERVIEW ? fake.getFormulas(name, range).flat() : [];
    return [...fake.getValues(name, range).flat(), ...formulas]
      .map(String)
      .filter((cell) => cell.includes("#REF!"))
      .map((cell) => `${name}: ${cell}`);
  });
}

function historyRows(fake: Fake): unknown[][] {
  return fake.getValues("Plan history", "A2:G20").filter((row) => row.some((cell) => cell !== "" && cell !== null));
}

async function asPerson(fake: Fake, change: (sheets: Excel.WorksheetCollection) => void): Promise<void> {
  await Excel.run(async (context) => {
    change(context.workbook.worksheets);
    await context.sync();
  });
  await fake.settle();
}

describe("starting the next term", () => {
  it("writes the new plan, the old plan's marker, its overview row and a history line in 3 round trips", async () => {
    const harness = start();
    const { fake } = harness;
    const { sheetId } = await withPlan(harness);
    const preview = expectOk(await harness.service.previewRenewal(sheetId, {}));
    expect(preview.preview.newSheetName).toBe(NEW);
    expect(preview.preview.lines[0]).toMatch(/bind Jan 15, 2028 .* renewal Jan 15, 2029 \(12 months later/);
    const writesBefore = fake.writeCount;
    // The preview writes nothing.
    expect(fake.sheetNames()).toEqual(["Sheet1", OLD, OVERVIEW]);
    fake.resetCounters();
    const result = expectOk(await harness.service.renewPlan(sheetId, {}));
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(fake.writeCount).toBeGreaterThan(writesBefore);
    await fake.settle();

    expect(result.plan).toMatchObject({ sheetName: NEW, bind: "2028-01-15", renewal: "2029-01-15" });
    expect(fake.sheetNames()).toEqual(["Sheet1", OLD, OVERVIEW, NEW, "Plan history"]);
    // The new plan: bind the old renewal date, renewal a term later by formula, recording the plan it follows.
    expect(fake.getValue(NEW, at(LAYOUT.bind))).toBe(fake.getValue(OLD, at(LAYOUT.renewal)));
    expect(String(fake.getFormulas(NEW, at(LAYOUT.renewal))[0][0])).toMatch(/EDATE\(\$B\$4,12\)/);
    expect(fake.getValue(NEW, at(LAYOUT.follows))).toBe("plan-1");
    expect(fake.getValue(NEW, at(LAYOUT.marker.planId))).toBe("plan-2");
    // The same service team (the AE's row of the team block).
    expect(fake.getValue(NEW, address(LAYOUT.team.firstRow + 1, LAYOUT.team.nameColumn))).toBe(ACME.team.AE);
    // The old plan: its marker names the next term, its link says so.
    expect(fake.getValue(OLD, at(LAYOUT.renewedTo))).toBe("plan-2");
    expect(fake.getValue(OLD, at(LAYOUT.termLink))).toBe(`Renewed: see ${NEW}`);
    expect(overviewKeys(fake)).toEqual(expect.arrayContaining(["plan-1", "plan-2"]));
    const history = historyRows(fake);
    expect(history).toHaveLength(1);
    expect(history[0].slice(1)).toEqual([ACME.client, OLD, "", `Next term started: ${NEW}`, "2027-28", "2028-29"]);
    expect(refErrors(fake)).toEqual([]);
    expect(fake.handlerErrors).toEqual([]);
  });

  it("changes nothing of the old plan but its marker cells", async () => {
    const harness = start();
    const { fake } = harness;
    const { sheetId } = await withPlan(harness);
    const before = workbookState(fake).sheetsDetail[OLD].cells as Record<string, unknown>;
    await renewed(harness, sheetId);
    const after = workbookState(fake).sheetsDetail[OLD].cells as Record<string, unknown[]>;
    const changed = Object.keys({ ...before, ...after }).filter(
      (cell) => JSON.stringify(before[cell]) !== JSON.stringify(after[cell]),
    );
    // Row 1's link cells, and the summary's cells, whose figures no longer count the renewed plan's work.
    expect(changed).toEqual(expect.arrayContaining([at(LAYOUT.renewedTo), at(LAYOUT.termLink)]));
    const rows = changed.map((cell) => Number(/\d+$/.exec(cell)![0]));
    expect(Math.max(...rows)).toBeLessThan(LAYOUT.firstDataRow);
  });

  it("takes the old plan out of My work and out of the plan list's and overview's counts of work", async () => {
    const { harness, sheetId } = await livePlan();
    const { fake, service } = harness;
    const oldCounts = (await service.listPlans()).find((plan) => plan.sheetId === sheetId)!.counts;
    expect(oldCounts.overdue).toBeGreaterThan(0);
    const workBefore = await service.myWork({});
    expect(
      workBefore.sections.flatMap((s) => s.days.flatMap((day) => day.tasks)).some((task) => task.sheetId === sheetId),
    ).toBe(true);
    await renewed(harness, sheetId);
    await fake.settle();
    const after = (await service.listPlans()).find((plan) => plan.sheetId === sheetId)!.counts;
    expect([after.overdue, after.dueSoon]).toEqual([0, 0]);
    const work = await service.myWork({});
    expect(
      work.sections.flatMap((s) => s.days.flatMap((day) => day.tasks)).some((task) => task.sheetId === sheetId),
    ).toBe(false);
    const key = columnLetter(OVERVIEW_COLUMN.planId);
    const rows = fake.getValues(OVERVIEW, `A${OVERVIEW_LAYOUT.firstDataRow}:${key}${OVERVIEW_LAYOUT.firstDataRow + 5}`);
    const oldRow = rows.find((row) => row[OVERVIEW_COLUMN.planId - 1] === "plan-1")!;
    expect([oldRow[OVERVIEW_COLUMN.open - 1], oldRow[OVERVIEW_COLUMN.overdue - 1]].map(Number)).toEqual([0, 0]);
  });

  it("never makes two plans for one term: run again, it names the plan that follows and offers to open it", async () => {
    const harness = start();
    const { fake, service } = harness;
    const { sheetId } = await withPlan(harness);
    const first = await renewed(harness, sheetId);
    const state = workbookState(fake);
    const writes = fake.writeCount;
    for (const again of [await service.previewRenewal(sheetId, {}), await service.renewPlan(sheetId, {})]) {
      expect(again.ok).toBe(false);
      if (again.ok) continue;
      expect(again.alreadyStarted).toEqual({ sheetName: NEW, sheetId: first.plan!.sheetId });
      expect(again.problems[0].message).toMatch(/started already, on the sheet .*2028-29.*: open that plan/);
    }
    expect(fake.writeCount).toBe(writes);
    expect(workbookState(fake)).toEqual(state);
  });

  it("gives the old plan back as the open one when a person deletes the new sheet, with no #REF! anywhere", async () => {
    const { harness, sheetId } = await livePlan();
    const { fake, service } = harness;
    const next = (await renewed(harness, sheetId)).plan!.sheetName;
    const stop = await service.watch(() => undefined);
    await fake.settle();
    expect(overviewKeys(fake)).toEqual(["plan-1", "plan-2"]);
    await asPerson(fake, (sheets) => sheets.getItem(next).delete());
    await fake.settle();
    expect(fake.getValue(OLD, at(LAYOUT.renewedTo))).toBe("");
    expect(fake.getValue(OLD, at(LAYOUT.termLink))).toBe("");
    expect(refErrors(fake)).toEqual([]);
    expect(overviewKeys(fake)).toEqual(["plan-1"]);
    const counts = (await service.listPlans()).find((plan) => plan.sheetId === sheetId)!.counts;
    expect(counts.overdue).toBeGreaterThan(0);
    // And the next term can be started again.
    expect((await service.previewRenewal(sheetId, {})).ok).toBe(true);
    await stop();
  });

  it("keeps a co-author's edit made while the preview is open, and asks again when it changes the preview", async () => {
    const harness = start();
    const { fake, service } = harness;
    const { sheetId, rowOf } = await withPlan(harness);
    const task = rowOf("bind-60.policy-delivery");
    expectOk(await service.previewRenewal(sheetId, {}));
    // A co-author's note: not carried, so the preview says the same; the rollover goes ahead and the note stays.
    await fake.editCell(OLD, `${NOTES}${task}`, "carrier late", { source: "Remote" });
    expectOk(await service.renewPlan(sheetId, {}));
    expect(fake.getValue(OLD, `${NOTES}${task}`)).toBe("carrier late");

    const other = start();
    const plan = await withPlan(other);
    const carry = { carry: { notes: true } };
    expectOk(await other.service.previewRenewal(plan.sheetId, carry));
    await other.fake.editCell(OLD, `${NOTES}${task}`, "carrier late", { source: "Remote" });
    await other.fake.editCell(OLD, `${STATUS}${task}`, "Done", { source: "Remote" });
    const state = workbookState(other.fake);
    const refused = await other.service.renewPlan(plan.sheetId, carry);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems[0].message).toMatch(/changed while the preview was open, so nothing was written/);
    expect(refused.changed?.lines.join(" ")).toMatch(/the notes of 1 task/);
    expect(workbookState(other.fake)).toEqual(state);
    // Created from the preview as it now reads: the note is carried, marked, and the old plan keeps it.
    expectOk(await other.service.renewPlan(plan.sheetId, carry));
    const newRow = other.fake.getValues(NEW, `${ID}1:${ID}80`).findIndex((row) => row[0] === "bind-60.policy-delivery");
    expect(other.fake.getValue(NEW, `${NOTES}${newRow + 1}`)).toBe("Carried from 2027-28: carrier late");
    expect(other.fake.getValue(OLD, `${NOTES}${task}`)).toBe("carrier late");
    expect(other.fake.getValue(OLD, `${STATUS}${task}`)).toBe("Done");
  });

  it.each([
    ["the first Plan history line (its sheet made)", false],
    ["a line added to the Plan history table", true],
  ])("leaves the workbook as it was whichever write step fails: %s", async (_name, historyFirst) => {
    const prepare = async () => {
      const harness = start(smallTemplate());
      const { sheetId } = await withPlan(harness);
      if (historyFirst) await harness.service.setTaskStatus(sheetId, "bind-30.service-team", "Done");
      expectOk(await harness.service.previewRenewal(sheetId, {}));
      return { harness, sheetId };
    };
    const clean = await prepare();
    const untouched = workbookState(clean.harness.fake);
    const writesBefore = clean.harness.fake.writeCount;
    expectOk(await clean.harness.service.renewPlan(clean.sheetId, {}));
    const landed = workbookState(clean.harness.fake);
    const steps = clean.harness.fake.writeCount - writesBefore;
    expect(steps).toBeGreaterThan(10);
    for (let step = 1; ; step++) {
      const { harness, sheetId } = await prepare();
      const fault = harness.fake.failNthWrite(step);
      const result = await harness.service.renewPlan(sheetId, {}).then(
        (value) => value,
        (error: Error) => error,
      );
      harness.fake.clearFaults();
      const where = `failing write ${step} of ${steps}`;
      expect([where, harness.fake.eventsEnabled]).toEqual([where, true]);
      if (!fault.fired) {
        expect([where, result instanceof Error ? result.message : result.ok]).toEqual([where, true]);
        break;
      }
      if (result instanceof Error) {
        expect([where, result.message]).toEqual([
          where,
          expect.stringMatching(/Nothing was changed in the workbook\.$/),
        ]);
        expect([where, workbookState(harness.fake)]).toEqual([where, untouched]);
      } else {
        expect([where, workbookState(harness.fake)]).toEqual([where, landed]);
      }
    }
  });
});

describe("bad input: a clear message naming the cell or field, nothing written", () => {
  async function refusedWith(
    change: (harness: Harness, rowOf: (id: string) => number) => Promise<void>,
    options: RenewalOptions = {},
  ) {
    const harness = start();
    const { sheetId, rowOf } = await withPlan(harness);
    await change(harness, rowOf);
    await harness.fake.settle();
    const state = workbookState(harness.fake);
    const writes = harness.fake.writeCount;
    const preview = await harness.service.previewRenewal(sheetId, options);
    const result = await harness.service.renewPlan(sheetId, options);
    expect(harness.fake.writeCount).toBe(writes);
    expect(workbookState(harness.fake)).toEqual(state);
    expect([preview.ok, result.ok]).toEqual([false, false]);
    if (preview.ok || result.ok) return [];
    expect(result.problems).toEqual(preview.problems);
    return preview.problems.map((problem) => problem.message);
  }

  it("a Renewal cell that is empty", async () => {
    const messages = await refusedWith((h) => h.fake.editCell(OLD, at(LAYOUT.renewal), ""));
    expect(messages.join(" ")).toMatch(/B5/);
  });

  it("a Renewal cell holding text", async () => {
    const messages = await refusedWith((h) => h.fake.editCell(OLD, at(LAYOUT.renewal), "next spring"));
    expect(messages.join(" ")).toMatch(/B5/);
  });

  it("a Renewal before the Bind date", async () => {
    const messages = await refusedWith((h) => h.fake.editCell(OLD, at(LAYOUT.renewal), "2026-12-01"));
    expect(messages.join(" ")).toMatch(/B5/);
  });

  it("a plan whose header block was deleted by hand", async () => {
    const messages = await refusedWith((h) => h.fake.editCell(OLD, "A4", ""));
    expect(messages.join(" ")).toMatch(/cannot start its next term/);
  });

  it("a template the plan was made from that is not in the workbook", async () => {
    const messages = await refusedWith(async (h) => h.fake.setValues(OLD, at(LAYOUT.templateName), [["Agency Plan"]]));
    expect(messages.join(" ")).toMatch(/“Agency Plan” .* is not in the workbook/);
  });

  it("a new renewal typed on or before the new bind date", async () => {
    for (const renewal of ["2028-01-15", "2027-12-01"]) {
      const messages = await refusedWith(async () => undefined, { renewal });
      expect(messages.join(" ")).toMatch(/Next term: .*[Rr]enewal/);
    }
  });
});
