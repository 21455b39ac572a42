import { createFakeExcel, type FakeExcel } from "../fake-excel";
import { createExcelPlanService, type ExcelPlanServiceOptions } from "../../src/excel/service";
import type { PlanService } from "../../src/service/types";

/** A fake Excel installed as the globals Office.js code uses, and the adapter under test on top of it. */
export function setUp(
  options: Parameters<typeof createFakeExcel>[0] = {},
  serviceOptions: ExcelPlanServiceOptions = {},
): FakeExcel & { service: PlanService } {
  const fake = createFakeExcel(options);
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.Excel = fake.Excel;
  globals.Office = fake.Office;
  globals.OfficeExtension = fake.OfficeExtension;
  const service = createExcelPlanService({
    now: () => new Date(2027, 2, 2, 10, 30),
    newPlanId: () => "plan-1",
    ...serviceOptions,
  });
  return { ...fake, service };
}

export const ACME = {
  client: "Acme Manufacturing, Inc.",
  bind: "2027-01-15",
  team: { Producer: "Morgan Reyes", AE: "Dana Whitfield", "Associate AE": "Priya Shah" },
};
