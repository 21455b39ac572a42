import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { describePlanSheet } from "../../src/plan/sheet";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest, type PlanInputs } from "../../src/plan/validate";
import { writePlanWorkbook } from "../../src/xlsx/write-xlsx";
import type { Emit } from "../bench";

function inputs(i: number): PlanInputs {
  const checked = checkPlanRequest({
    client: `Client ${i}`,
    bind: toIsoDate(plusDays(calendarDate(2027, 1, 1), i)),
    team: { AE: "Dana Whitfield", Producer: "Morgan Reyes", "Associate AE": "Priya Shah" },
    holidays: ["2027-07-05", "2027-11-25"],
  });
  if (!checked.ok) throw new Error("bench inputs invalid");
  return checked.value;
}

export async function benchPlanCore(emit: Emit): Promise<void> {
  // Warm up the JIT so the numbers describe steady work, not start-up.
  for (let i = 0; i < 50; i++)
    describePlanSheet(DEFAULT_TEMPLATE, inputs(i), { planId: `w${i}`, existingSheetNames: [] });

  let start = performance.now();
  for (let i = 0; i < 1000; i++) {
    describePlanSheet(DEFAULT_TEMPLATE, inputs(i), { planId: `p${i}`, existingSheetNames: [] });
  }
  emit("describe_1000_plans", performance.now() - start, "ms");

  start = performance.now();
  let bytes = 0;
  for (let i = 0; i < 100; i++) {
    const description = describePlanSheet(DEFAULT_TEMPLATE, inputs(i), { planId: `x${i}`, existingSheetNames: [] });
    const buffer = await writePlanWorkbook([description]);
    bytes += buffer.byteLength;
  }
  emit("write_100_plan_workbooks", performance.now() - start, "ms");
  emit("plan_workbook_size", bytes / 100, "bytes");

  const cli = join(__dirname, "..", "..", "..", "..", "bin", "service-plan.js");
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync(process.execPath, [cli, "schedule", "--bind", "2027-01-15", "--json"], { stdio: "pipe" });
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  emit("cli_schedule_median", runs[2], "ms");
}
