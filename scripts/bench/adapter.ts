import { performance } from "node:perf_hooks";
import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { COLUMN, LAYOUT } from "../../src/plan/sheet-layout";
import { createExcelPlanService } from "../../src/excel/service";
import type { PlanEvent, PlanService, WorkbookOverview } from "../../src/service/types";
import { viewAfterEvents } from "../../src/service/view-after-events";
import { installFakeExcel, type FakeExcel } from "../../test/fake-excel";
import type { Emit } from "../bench";

/**
 * Round trips and sizes of the Office.js adapter, counted and measured by the strict Excel fake: each
 * `context.sync()` is one trip across the internet in Excel on the web, and Excel on the web refuses a request
 * or a response over 5 MB (the add-in keeps each under 1 MB), so these numbers matter more than milliseconds.
 *
 * A book of N plans (buildBook) in every phase of their term, nothing marked done: every plan but the newest
 * has overdue work, the most My work can find to read.
 *
 * watched_edit_*: a person's edit in a watched plan sheet and the pane's refresh together, for the costlier of a
 * status edit (read, then Completed on and Plan history written) and a Bind date edit. The pane's part is what
 * App does with the events: show what they carry (viewAfterEvents), else read the workbook.
 */

const NOW = new Date(2027, 2, 2, 10, 30);
const TODAY = calendarDate(2027, 3, 2);
const TEAM = { Producer: "Morgan Reyes", AE: "Dana Whitfield", "Associate AE": "Priya Shah" };

type Fake = FakeExcel["fake"];

/** Sources a book is pasted from: plans bound a month apart over the year before the bench's today. */
const SOURCES = 12;

/**
 * A book of `count` plans: up to SOURCES written by createPlan (with their formulas), the rest holding the
 * values of one of those, as a person's Copy and Paste Values leaves them, each with its own sheet, client and
 * plan id: the same cells for the adapter to read as a plan's formulas compute, without hundreds of sheets of
 * formulas for the fake's formula engine to recompute (TODAY() is volatile) on every write of the build.
 */
async function buildBook(fake: Fake, service: PlanService, count: number) {
  const sources: { sheetId: string; sheetName: string }[] = [];
  for (let i = 1; i <= Math.min(SOURCES, count); i++) {
    const bind = toIsoDate(plusDays(TODAY, -365 + Math.round(((i - 1) * 365) / SOURCES)));
    const created = await service.createPlan({ client: `Client ${i}`, bind, team: TEAM });
    if (!created.ok) throw new Error("create failed");
    await fake.settle();
    sources.push(created.plan);
  }
  const cells = sources.map(({ sheetName }) => {
    const used = fake.sheet(sheetName).usedRange ?? "A1:J100";
    return fake.getValues(sheetName, `A1:J${/\d+$/.exec(used)![0]}`);
  });
  for (let first = sources.length + 1; first <= count; first += 50) {
    await Excel.run(async (context) => {
      for (let i = first; i < Math.min(first + 50, count + 1); i++) {
        const values = cells[(i - 1) % sources.length].map((row) => [...row]);
        values[LAYOUT.client.row - 1][LAYOUT.client.column - 1] = `Client ${i}`;
        values[LAYOUT.marker.planId.row - 1][LAYOUT.marker.planId.column - 1] = `bench-plan-${i}`;
        const sheet = context.workbook.worksheets.add(`Client ${i}`);
        sheet.getRange(`A1:J${values.length}`).values = values;
      }
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- fifty sheets a batch keeps each request small
      await context.sync();
    });
    await fake.settle();
  }
  return sources[0];
}

/** Round trips and the largest request and response of `job`. */
async function measure<T>(fake: Fake, job: () => Promise<T>): Promise<{ result: T; trips: number; ms: number }> {
  fake.resetCounters();
  const start = performance.now();
  const result = await job();
  return { result, trips: fake.syncCount, ms: performance.now() - start };
}

/** Listing, the pane's overview and My work at `count` plans. */
async function benchBook(emit: Emit, count: number): Promise<void> {
  const { fake, uninstall } = installFakeExcel(globalThis);
  try {
    const service = createExcelPlanService({ now: () => NOW });
    const first = { plan: await buildBook(fake, service, count) };

    let maxRequest = 0;
    let maxResponse = 0;
    const note = () => {
      maxRequest = Math.max(maxRequest, fake.maxRequestBytes);
      maxResponse = Math.max(maxResponse, fake.maxResponseBytes);
    };
    const list = await measure(fake, () => service.listPlans());
    if (list.result.length !== count) throw new Error(`listed ${list.result.length} plans of ${count}`);
    emit(`list_plans_round_trips_${count}`, list.trips, "syncs");
    emit(`list_plans_response_bytes_${count}`, fake.responseBytes, "bytes");
    emit(`list_plans_fake_ms_${count}`, list.ms, "ms");
    note();
    const pane = await measure(fake, () => service.overview(first.plan.sheetId));
    if (!pane.result.detail) throw new Error("the overview read no plan in detail");
    emit(`pane_refresh_round_trips_${count}`, pane.trips, "syncs");
    note();
    const work = await measure(fake, () => service.myWork({}));
    const listed = work.result.sections.reduce((sum, section) => sum + section.count, 0);
    if (listed === 0) throw new Error("My work listed nothing");
    emit(`my_work_round_trips_${count}`, work.trips, "syncs");
    emit(`my_work_response_bytes_${count}`, fake.responseBytes, "bytes");
    emit(`my_work_tasks_listed_${count}`, listed, "tasks");
    emit(`my_work_fake_ms_${count}`, work.ms, "ms");
    note();
    const person = await measure(fake, () => service.myWork({ person: TEAM["Associate AE"] }));
    emit(`my_work_person_round_trips_${count}`, person.trips, "syncs");
    emit(`my_work_person_response_bytes_${count}`, fake.responseBytes, "bytes");
    note();
    emit(`max_response_bytes_${count}`, maxResponse, "bytes");
    emit(`max_request_bytes_${count}`, maxRequest, "bytes");

    await benchWatchedEdit(emit, fake, service, first.plan.sheetId, first.plan.sheetName, count);
    await benchRenew(emit, fake, service, first.plan.sheetId, `_${count}`);
    if (fake.handlerErrors.length > 0) throw new Error(`event handlers failed: ${String(fake.handlerErrors[0])}`);
  } finally {
    uninstall();
  }
}

/** A watched edit on the first plan with `count` plans in the book: round trips and bytes, edit and refresh. */
async function benchWatchedEdit(
  emit: Emit,
  fake: Fake,
  service: PlanService,
  sheetId: string,
  sheet: string,
  count: number,
): Promise<void> {
  await service.activatePlan(sheetId);
  await fake.settle();
  let view: WorkbookOverview = await service.overview();
  const events: PlanEvent[] = [];
  fake.resetCounters();
  const stop = await service.watch((event) => events.push(event));
  // Watching starts from every plan's statuses: read once, in chunks.
  emit(`watch_start_round_trips_${count}`, fake.syncCount, "syncs");
  emit(`watch_start_max_response_bytes_${count}`, fake.maxResponseBytes, "bytes");
  /** The pane after the events of one edit: their own view, or (round trips counted) a read of the workbook. */
  const paneRefresh = async () => {
    view = viewAfterEvents(view, events.splice(0)) ?? (await service.overview());
  };
  const edit = async (address: string, value: string | number) => {
    fake.resetCounters();
    await fake.editCell(sheet, address, value);
    await fake.settle();
    await paneRefresh();
    return { trips: fake.syncCount, request: fake.requestBytes, response: fake.responseBytes };
  };
  const ids = fake.getValues(sheet, `J1:J120`).map((cell) => cell[0]);
  const row = ids.indexOf("bind-60.loss-runs") + 1;
  const status = await edit(`${String.fromCharCode(64 + COLUMN.status)}${row}`, "Done");
  if (view.detail?.tasks.find((task) => task.taskId === "bind-60.loss-runs")?.status !== "Done") {
    throw new Error("the pane does not show the status edit");
  }
  const newBind = plusDays(TODAY, -300);
  const bind = await edit("B4", toExcelSerial(newBind));
  if (view.detail?.bind !== toIsoDate(newBind)) throw new Error("the pane does not show the Bind date edit");
  emit(`watched_edit_round_trips_${count}`, Math.max(status.trips, bind.trips), "syncs");
  emit(`watched_edit_request_bytes_${count}`, Math.max(status.request, bind.request), "bytes");
  emit(`watched_edit_response_bytes_${count}`, Math.max(status.response, bind.response), "bytes");
  await stop();
}

/**
 * Starting the next term of a plan (src/excel/renew.ts): the preview, which reads every sheet's link cells, and the
 * rollover itself (target: 3 round trips whatever the size of the book).
 */
async function benchRenew(emit: Emit, fake: Fake, service: PlanService, sheetId: string, suffix: string) {
  const preview = await measure(fake, () => service.previewRenewal(sheetId, {}));
  if (!preview.result.ok) throw new Error(`renewal preview refused: ${preview.result.problems[0]?.message}`);
  emit(`renew_preview_round_trips${suffix}`, preview.trips, "syncs");
  const renew = await measure(fake, () => service.renewPlan(sheetId, {}));
  if (!renew.result.ok) throw new Error(`renewal refused: ${renew.result.problems[0]?.message}`);
  emit(`renew_plan_round_trips${suffix}`, renew.trips, "syncs");
  emit(`renew_plan_max_request_bytes${suffix}`, fake.maxRequestBytes, "bytes");
  await fake.settle();
}

/** Creating (and renewing) one plan, and a book of 1, 50 and 300 plans read by the list, the pane and My work. */
export async function benchAdapter(emit: Emit): Promise<void> {
  {
    const { fake, uninstall } = installFakeExcel(globalThis);
    try {
      const service = createExcelPlanService({ now: () => NOW });
      const start = performance.now();
      const created = await service.createPlan({ client: "Client 1", bind: "2027-01-15", team: TEAM });
      if (!created.ok) throw new Error("create failed");
      emit("create_plan_round_trips", fake.syncCount, "syncs");
      emit("create_plan_fake_ms", performance.now() - start, "ms");
      await fake.settle();
      await benchRenew(emit, fake, service, created.plan.sheetId, "");
    } finally {
      uninstall();
    }
  }
  for (const count of [1, 50, 300]) await benchBook(emit, count);
}
