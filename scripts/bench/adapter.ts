import { performance } from "node:perf_hooks";
import { createExcelPlanService } from "../../src/excel/service";
import type { PlanEvent, WorkbookOverview } from "../../src/service/types";
import { viewAfterEvents } from "../../src/service/view-after-events";
import { installFakeExcel } from "../../test/fake-excel";
import type { Emit } from "../bench";

/**
 * Round trips of the Office.js adapter, counted by the strict Excel fake: each `context.sync()` is one trip
 * across the internet in Excel on the web, so these numbers matter more than milliseconds.
 *
 * watched_edit_total_round_trips: a person's edit in a watched plan sheet and the pane's refresh together, for the
 * costlier of a status edit (read, then Completed on and Plan history written) and a Bind date edit. The pane's
 * part is what App does with the events: show what they carry (viewAfterEvents), else read the workbook.
 */
export async function benchAdapter(emit: Emit): Promise<void> {
  const { fake, uninstall } = installFakeExcel(globalThis);
  try {
    const service = createExcelPlanService({ now: () => new Date(2027, 2, 2, 10, 30) });
    const team = { Producer: "Morgan Reyes", AE: "Dana Whitfield" };

    fake.resetCounters();
    let start = performance.now();
    const first = await service.createPlan({ client: "Client 1", bind: "2027-01-15", team });
    emit("create_plan_round_trips", fake.syncCount, "syncs");
    emit("create_plan_fake_ms", performance.now() - start, "ms");
    if (!first.ok) throw new Error("create failed");

    for (let i = 2; i <= 50; i++) {
      await service.createPlan({ client: `Client ${i}`, bind: "2027-01-15", team });
      await fake.settle(); // let the fake deliver each plan's change events, as Excel would between actions
    }
    fake.resetCounters();
    start = performance.now();
    const plans = await service.listPlans();
    if (plans.length !== 50) throw new Error(`listed ${plans.length} plans`);
    emit("list_50_plans_round_trips", fake.syncCount, "syncs");
    emit("list_50_plans_fake_ms", performance.now() - start, "ms");
    fake.resetCounters();
    await service.overview();
    emit("pane_refresh_50_plans_round_trips", fake.syncCount, "syncs");

    // The person works on the first plan, open in the pane.
    await service.activatePlan(first.plan.sheetId);
    await fake.settle();
    let view: WorkbookOverview = await service.overview();
    const events: PlanEvent[] = [];
    const stop = await service.watch((event) => events.push(event));
    /** The pane after the events of one edit: their own view, or (round trips counted) a read of the workbook. */
    const paneRefresh = async () => {
      view = viewAfterEvents(view, events.splice(0)) ?? (await service.overview());
    };
    const sheet = first.plan.sheetName;
    const row = fake.getValues(sheet, "J1:J120").findIndex((cell) => cell[0] === "bind-60.loss-runs") + 1;
    fake.resetCounters();
    await fake.editCell(sheet, `G${row}`, "Done");
    await fake.settle();
    emit("watched_status_edit_round_trips", fake.syncCount, "syncs");
    emit("watched_status_edit_runs", fake.runCount, "Excel.run");
    await paneRefresh();
    const statusEditTotal = fake.syncCount;
    if (view.detail?.tasks.find((task) => task.taskId === "bind-60.loss-runs")?.status !== "Done") {
      throw new Error("the pane does not show the status edit");
    }
    fake.resetCounters();
    await fake.editCell(sheet, "B4", 46433);
    await fake.settle();
    emit("watched_bind_edit_round_trips", fake.syncCount, "syncs");
    await paneRefresh();
    const bindEditTotal = fake.syncCount;
    if (view.detail?.bind !== "2027-02-15") throw new Error("the pane does not show the Bind date edit");
    emit("watched_edit_total_round_trips", Math.max(statusEditTotal, bindEditTotal), "syncs");
    await stop();
    if (fake.handlerErrors.length > 0) throw new Error(`event handlers failed: ${String(fake.handlerErrors[0])}`);
  } finally {
    uninstall();
  }
}
