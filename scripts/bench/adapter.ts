import { performance } from "node:perf_hooks";
import { createExcelPlanService } from "../../src/excel/service";
import { installFakeExcel } from "../../test/fake-excel";
import type { Emit } from "../bench";

/**
 * Round trips of the Office.js adapter, counted by the strict Excel fake: each `context.sync()` is one trip
 * across the internet in Excel on the web, so these numbers matter more than milliseconds.
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

    const stop = await service.watch(() => undefined);
    const sheet = first.plan.sheetName;
    const row = fake.getValues(sheet, "J1:J120").findIndex((cell) => cell[0] === "bind-60.loss-runs") + 1;
    fake.resetCounters();
    await fake.editCell(sheet, `G${row}`, "Done");
    await fake.settle();
    emit("watched_status_edit_round_trips", fake.syncCount, "syncs");
    emit("watched_status_edit_runs", fake.runCount, "Excel.run");
    fake.resetCounters();
    await fake.editCell(sheet, "B4", 46433);
    await fake.settle();
    emit("watched_bind_edit_round_trips", fake.syncCount, "syncs");
    await stop();
    if (fake.handlerErrors.length > 0) throw new Error(`event handlers failed: ${String(fake.handlerErrors[0])}`);
  } finally {
    uninstall();
  }
}
