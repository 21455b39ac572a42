import { COLUMN, columnLetter } from "../../src/plan/sheet-layout";
import { type Template } from "../../src/plan/template";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { createExcelPlanService } from "../../src/excel/service";
import type { PlanEvent, PlanService } from "../../src/service/types";
import { ACME, setUp } from "./harness";
import { workbookState } from "./workbook-state";

/**
 * Fault injection: every write step of each change fails in turn (the fake fails the n-th write from the start of
 * the change, the way Office.js applies a batch up to the failing operation and keeps what came before). After
 * each failure the workbook is exactly as it was, cell for cell, and the message says so; or, where the change had
 * already landed when Excel failed, it is exactly as a change without failure leaves it. A small template keeps
 * the number of steps (and the run time) down without leaving out any kind of write.
 */

const SHEET = ACME.client;
const STATUS = columnLetter(COLUMN.status);
const NOTES = columnLetter(COLUMN.notes);
const DUE = columnLetter(COLUMN.due);
const ID = columnLetter(COLUMN.id);

function smallTemplate(version = 1): Template {
  const template: Template = structuredClone(DEFAULT_TEMPLATE);
  template.version = version;
  template.phases = template.phases.slice(0, 2).map((phase) => ({ ...phase, tasks: phase.tasks.slice(0, 1) }));
  return template;
}

/** The next version: a task added to the second phase, a sub-item to the first task. */
function smallTemplateV2(): Template {
  const next = smallTemplate(2);
  next.phases[1].tasks.push({
    id: "bind-60.coverage-check",
    text: "Check coverage",
    owners: ["AE"],
    items: [],
    seed: "",
  });
  next.phases[0].tasks[0].items.push({ id: "bind-30.service-team.backup", text: "Name a backup AE", seed: "" });
  return next;
}

type Harness = ReturnType<typeof setUp>;

interface Scenario {
  name: string;
  host?: Parameters<typeof setUp>[0];
  /** Brings the workbook to the state the change starts from; returns what the change needs. */
  prepare(harness: Harness): Promise<{ sheetId: string; rowOf: (id: string) => number }>;
  /** The change; resolves to the error it failed with, or null. */
  act(harness: Harness, sheetId: string, rowOf: (id: string) => number): Promise<Error | null>;
  /** What a failure that was taken back says. */
  unchanged: RegExp;
  /** The part of the change that is a person's own (their edit stays, whatever happens to the add-in's writes). */
  person?(harness: Harness, rowOf: (id: string) => number): Promise<void>;
}

async function createPlan(harness: Harness) {
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const rowOf = (id: string) => harness.fake.getValues(SHEET, `${ID}1:${ID}60`).findIndex((row) => row[0] === id) + 1;
  return { sheetId: created.plan.sheetId, rowOf };
}

const failure = (promise: Promise<unknown>): Promise<Error | null> =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

/** A person's edit with the add-in watching: its failures are reported to the pane, never thrown. */
async function watchedEdit(harness: Harness, service: PlanService, edit: () => Promise<void>) {
  const events: PlanEvent[] = [];
  const stop = await service.watch((event) => events.push(event));
  await edit();
  await harness.fake.settle();
  await stop();
  const reported = events.find((event) => event.kind === "plan-changed" && event.problems.length > 0);
  return reported && reported.kind === "plan-changed" ? new Error(reported.problems[0].message) : null;
}

const personSetsDone = (h: Harness, rowOf: (id: string) => number) =>
  h.fake.editCell(SHEET, `${STATUS}${rowOf("bind-60.policy-delivery")}`, "Done");

const scenarios: Scenario[] = [
  {
    name: "creating a plan",
    prepare: async () => ({ sheetId: "", rowOf: () => 0 }),
    act: (h) => failure(h.service.createPlan(ACME)),
    unchanged: /Nothing was added to the workbook\.$/,
  },
  {
    name: "the first status change (Plan history made)",
    prepare: createPlan,
    act: (h, sheetId) => failure(h.service.setTaskStatus(sheetId, "bind-60.policy-delivery", "Done")),
    unchanged: /The sheet was not changed\.$/,
  },
  {
    name: "a status change beside a client's sheet called Plan history, on an ExcelApi 1.12 host",
    host: { supportedSets: { ExcelApi: "1.12" }, supportsTriggerSource: false },
    prepare: async (h) => {
      h.fake.addSheet("Plan history");
      h.fake.setValues("Plan history", "A1", [["ours"]]);
      return createPlan(h);
    },
    act: (h, sheetId) => failure(h.service.setTaskStatus(sheetId, "bind-60.policy-delivery", "Done")),
    unchanged: /The sheet was not changed\.$/,
  },
  {
    name: "a status change moving a task out of Done",
    prepare: async (h) => {
      const plan = await createPlan(h);
      await h.service.setTaskStatus(plan.sheetId, "bind-30.service-team", "Done");
      return plan;
    },
    act: (h, sheetId) => failure(h.service.setTaskStatus(sheetId, "bind-30.service-team", "In progress")),
    unchanged: /The sheet was not changed\.$/,
  },
  {
    name: "a status a person sets in the sheet",
    prepare: async (h) => {
      const plan = await createPlan(h);
      await h.service.setTaskStatus(plan.sheetId, "bind-30.service-team", "Done"); // history exists
      return plan;
    },
    person: personSetsDone,
    act: (h, _sheetId, rowOf) => watchedEdit(h, h.service, () => personSetsDone(h, rowOf)),
    unchanged: /Completed on and Plan history are as they were/,
  },
  {
    name: "a new service team, on an ExcelApi 1.12 host",
    host: { supportedSets: { ExcelApi: "1.12" }, supportsTriggerSource: false },
    prepare: createPlan,
    act: (h, sheetId) => failure(h.service.applyUpdate(sheetId, { team: { ...ACME.team, AE: "=Sam Ortiz" } })),
    unchanged: /The sheet was not changed\.$/,
  },
  {
    name: "an update to a newer template",
    prepare: async (h) => {
      const plan = await createPlan(h);
      await h.fake.editCell(SHEET, `${NOTES}${plan.rowOf("bind-60.policy-delivery")}`, "asked the carrier");
      await h.fake.editCell(SHEET, `${STATUS}${plan.rowOf("bind-60.policy-delivery")}`, "In progress");
      return plan;
    },
    act: (_h, sheetId) =>
      failure(createExcelPlanService({ template: smallTemplateV2() }).applyUpdate(sheetId, { upgradeTemplate: true })),
    unchanged: /The sheet was not changed\.$/,
  },
  {
    name: "repairing date formulas",
    prepare: async (h) => {
      const plan = await createPlan(h);
      h.fake.setNumberFormat(SHEET, `${DUE}${plan.rowOf("bind-60.policy-delivery")}`, "@");
      await h.fake.editCell(SHEET, `${DUE}${plan.rowOf("bind-60.policy-delivery")}`, "soon");
      await h.fake.editCell(SHEET, `${DUE}${plan.rowOf("bind-30.service-team")}`, 46500);
      return plan;
    },
    act: (h, sheetId) => failure(h.service.applyRepair(sheetId)),
    unchanged: /The sheet was not changed\.$/,
  },
];

describe("every change lands whole or leaves the workbook as it was, whichever write step fails", () => {
  it.each(scenarios)("$name", async (scenario) => {
    const start = async () => {
      const harness = setUp(scenario.host, { template: smallTemplate() });
      const plan = await scenario.prepare(harness);
      return { harness, ...plan };
    };
    // Without a failure: the state the change leaves.
    const clean = await start();
    const writesBefore = clean.harness.fake.writeCount;
    expect(await scenario.act(clean.harness, clean.sheetId, clean.rowOf)).toBeNull();
    const landed = workbookState(clean.harness.fake);
    const steps = clean.harness.fake.writeCount - writesBefore;
    expect(steps).toBeGreaterThan(0);
    // Taken back: as before the change, but for what a person did themselves.
    const reference = await start();
    await scenario.person?.(reference.harness, reference.rowOf);
    const untouched = workbookState(reference.harness.fake);

    for (let step = 1; ; step++) {
      const { harness, sheetId, rowOf } = await start();
      const fault = harness.fake.failNthWrite(step);
      const error = await scenario.act(harness, sheetId, rowOf);
      harness.fake.clearFaults();
      const at = `failing write ${step} of ${steps}`;
      expect([at, harness.fake.eventsEnabled]).toEqual([at, true]);
      if (!fault.fired) {
        expect([at, error]).toEqual([at, null]);
        break;
      }
      if (error) {
        expect([at, error.message]).toEqual([at, expect.stringMatching(scenario.unchanged)]);
        expect([at, workbookState(harness.fake)]).toEqual([at, untouched]);
      } else {
        expect([at, workbookState(harness.fake)]).toEqual([at, landed]);
      }
    }
  });
});
