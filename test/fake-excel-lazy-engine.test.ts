/**
 * The browser host builds the fake with formula-engine.lazy.ts (webpack.e2e.config.js): HyperFormula arrives with
 * the first write, and the workbook reads as empty until then. The same swap here, in Node.
 */
jest.mock("./fake-excel/formula-engine", () => jest.requireActual("./fake-excel/formula-engine.lazy"));

import { createFakeExcel } from "./fake-excel";

test("reads answer before the formula engine is loaded; the first write loads it", async () => {
  const { Excel, fake } = createFakeExcel({ sheets: ["Sheet1", "Plan"] });
  expect(fake.model.formulaEngineStarted).toBe(false);
  fake.addSheet("Later");
  const read = await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const range = sheets.getItem("Plan").getRange("A1:B2");
    range.load("values,formulas,valueTypes");
    const used = sheets.getItem("Plan").getUsedRangeOrNullObject(true);
    used.load("address");
    await context.sync();
    return {
      names: sheets.items.map((s) => s.name),
      values: range.values,
      types: range.valueTypes,
      noUsedRange: used.isNullObject,
    };
  });
  expect(read.names).toEqual(["Sheet1", "Plan", "Later"]);
  expect(read.values).toEqual([
    ["", ""],
    ["", ""],
  ]);
  expect(read.types[0][0]).toBe("Empty");
  expect(read.noUsedRange).toBe(true);
  expect(fake.sheet("Plan").cells).toEqual({});
  expect(fake.model.formulaEngineStarted).toBe(false);

  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Plan").getRange("A1:B1").values = [[2, "=A1*3"]];
    await context.sync();
  });
  expect(fake.model.formulaEngineStarted).toBe(true);
  expect(fake.getValues("Plan", "A1:B1")).toEqual([[2, 6]]);
  // Sheets made before the engine started are in it, formulas across them included.
  await fake.editCell("Later", "A1", "=Plan!B1+1");
  expect(fake.getValue("Later", "A1")).toBe(7);
});

test("a person's edit loads the engine too", async () => {
  const { fake } = createFakeExcel();
  await fake.editCell("Sheet1", "C3", "=1+1");
  expect(fake.getValue("Sheet1", "C3")).toBe(2);
});
