/* eslint-disable office-addins/load-object-before-read --
   The plugin's flow analysis cannot see the awaited syncs inside these test callbacks. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createFakeExcel } from ".";
import { rowOutlineButtons } from "./outline";

/**
 * Where real Excel behaves in ways a naive fake would not, the fake does what Excel does. Each test names the
 * documentation page or office-js issue that says so.
 */

type Ctx = Excel.RequestContext;

async function expectRich(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ name: "RichApi.Error", code });
}

describe("conditional-format formulas", () => {
  // A rule's formula is written for the top-left cell of its range; Excel reads it for every other cell with the
  // relative references moved (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting,
  // "Custom conditional format": the formula `=A1<>""`-style reference moves with each cell, as in Excel's UI).
  it("are relative to the range's top-left cell: a rule written for G13 over G13:G500 reads each cell's own row", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("G13:G15").values = [["Done"], ["Open"], ["Done"]];
      const rule = sheet.getRange("G13:G500").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      rule.custom.rule.formula = '=$G13="Done"';
      rule.custom.format.fill.color = "#E2EFDA";
      await context.sync();
    });
    expect(fake.conditionalFormatsOn("Sheet1", "G13").map((cf) => cf.fill)).toEqual(["#E2EFDA"]);
    expect(fake.conditionalFormatsOn("Sheet1", "G14")).toEqual([]);
    expect(fake.conditionalFormatsOn("Sheet1", "G15").map((cf) => cf.fill)).toEqual(["#E2EFDA"]);
    expect(fake.conditionalFormatsOn("Sheet1", "G12")).toEqual([]); // outside the range
  });

  it("written for A1 instead, read one row off for every cell (the mistake Excel does not forgive)", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("G13:G14").values = [["Done"], ["Open"]];
      const rule = sheet.getRange("G13:G500").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      rule.custom.rule.formula = '=$G12="Done"'; // meant for G13, written for the row above
      rule.custom.format.fill.color = "#E2EFDA";
      await context.sync();
    });
    expect(fake.conditionalFormatsOn("Sheet1", "G13")).toEqual([]);
    expect(fake.conditionalFormatsOn("Sheet1", "G14").map((cf) => cf.fill)).toEqual(["#E2EFDA"]);
  });

  it("stop at the first rule that holds with stopIfTrue, in priority order", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[5]];
      const low = sheet.getRange("A1:A3").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      low.custom.rule.formula = "=A1>0";
      low.custom.format.fill.color = "#FFFF00";
      const high = sheet.getRange("A1:A3").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      high.custom.rule.formula = "=A1>1";
      high.custom.format.fill.color = "#FF0000";
      high.stopIfTrue = true;
      await context.sync();
    });
    expect(fake.conditionalFormatsOn("Sheet1", "A1").map((cf) => cf.fill)).toEqual(["#FF0000"]);
  });
});

describe("list validations", () => {
  // Excel keeps a typed list in at most 255 characters, separators included ("Apply data validation to cells",
  // https://support.microsoft.com/office/apply-data-validation-to-cells-29fecbcc-d1b9-42c1-9d76-eff3ce5f7249); the API
  // refuses a longer source with InvalidArgument at ListDataValidation.source (office-js #277 shows that error's form).
  it("refuse a source of more than 255 characters; a range reference of any length is taken", async () => {
    const { Excel, fake } = createFakeExcel();
    const items = Array.from({ length: 40 }, (_, i) => `Choice number ${i + 1}`);
    expect(items.join(",").length).toBeGreaterThan(255);
    await expectRich(
      Excel.run(async (context: Ctx) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:A5").dataValidation.rule = { list: { inCellDropDown: true, source: items.join(",") } };
        await context.sync();
      }),
      "InvalidArgument",
    );
    expect(fake.sheet("Sheet1").validations).toEqual([]);
    const exactly255 = "x".repeat(255);
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C1:C40").values = items.map((item) => [item]);
      sheet.getRange("A1:A5").dataValidation.rule = {
        list: { inCellDropDown: true, source: sheet.getRange("C1:C40") },
      };
      sheet.getRange("B1").dataValidation.rule = { list: { inCellDropDown: true, source: exactly255 } };
      await context.sync();
    });
    expect(fake.sheet("Sheet1").validations.map((v) => v.rule)).toEqual([
      { list: { inCellDropDown: true, source: "=Sheet1!$C$1:$C$40" } },
      { list: { inCellDropDown: true, source: exactly255 } },
    ]);
  });

  // The source is comma-separated in every locale: "the source property in Excel.ListDataValidation is not locale
  // supported" (office-js #2128, by design). A German Excel's ";" is part of an item.
  it("split their source on commas in every locale, German Excel too", async () => {
    const { Excel } = createFakeExcel({ locale: "de-DE" });
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:A2").dataValidation.rule = { list: { inCellDropDown: true, source: "Open,Done" } };
      sheet.getRange("B1:B2").dataValidation.rule = { list: { inCellDropDown: true, source: "Open;Done" } };
      sheet.getRange("A1:B1").values = [["Done", "Done"]];
      sheet.getRange("A2:B2").values = [["Open;Done", "Open;Done"]];
      const listed = sheet.getRange("A1").dataValidation;
      const semicolons = sheet.getRange("B1").dataValidation;
      const listedOwnText = sheet.getRange("A2").dataValidation;
      const semicolonsOwnText = sheet.getRange("B2").dataValidation;
      [listed, semicolons, listedOwnText, semicolonsOwnText].forEach((v) => v.load("valid"));
      await context.sync();
      expect([listed.valid, semicolons.valid, listedOwnText.valid, semicolonsOwnText.valid]).toEqual([
        true,
        false,
        false,
        true,
      ]);
    });
  });
});

describe("a rule over cells that carry another rule", () => {
  // Excel refuses a rule for a range that is only partly validated (office-js #2594: "The argument is invalid or
  // missing or has an incorrect format."); clearing first works, as does the same range again (the rule replaces
  // the old one: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation, "Remove data
  // validation from a range": call clear() to take a rule away).
  it("fails when the range is partly validated, and works after dataValidation.clear()", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B5:B10").dataValidation.rule = {
        wholeNumber: { formula1: 1, formula2: 9, operator: Excel.DataValidationOperator.between },
      };
      await context.sync();
    });
    const listOverB1toB20 = (clearFirst: boolean) =>
      Excel.run(async (context: Ctx) => {
        const target = context.workbook.worksheets.getItem("Sheet1").getRange("B1:B20").dataValidation;
        if (clearFirst) target.clear();
        target.rule = { list: { inCellDropDown: true, source: "Open,Done" } };
        await context.sync();
      });
    await expectRich(listOverB1toB20(false), "InvalidArgument");
    expect(fake.sheet("Sheet1").validations.map((v) => [v.address, v.type])).toEqual([["B5:B10", "wholeNumber"]]);
    await listOverB1toB20(true);
    expect(fake.sheet("Sheet1").validations.map((v) => [v.address, v.type])).toEqual([["B1:B20", "list"]]);
  });

  it("clear() takes the rule off the range's own cells only; the rest of the area keeps it", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1:B20").dataValidation.rule = { list: { inCellDropDown: true, source: "Open,Done" } };
      sheet.getRange("B5:B8").dataValidation.clear();
      await context.sync();
    });
    expect(fake.sheet("Sheet1").validations.map((v) => [v.address, v.type])).toEqual([
      ["B1:B4", "list"],
      ["B9:B20", "list"],
    ]);
  });

  it("replaces the rule of exactly the same range", async () => {
    const { Excel, fake } = createFakeExcel();
    const listOnB1toB20 = (source: string) =>
      Excel.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("B1:B20").dataValidation.rule = {
          list: { inCellDropDown: true, source },
        };
        await context.sync();
      });
    await listOnB1toB20("Open,Done");
    await listOnB1toB20("Open,Done,N/A");
    expect(fake.sheet("Sheet1").validations.map((v) => v.rule)).toEqual([
      { list: { inCellDropDown: true, source: "Open,Done,N/A" } },
    ]);
  });
});

describe("copyFrom between sheets", () => {
  // Range.copyFrom is Copy and Paste (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1));
  // RangeCopyType (https://learn.microsoft.com/javascript/api/excel/excel.rangecopytype): All carries contents,
  // formats, data validation and conditional formats; Formulas the contents; Values what the cells show; Formats
  // the rest. Relative references move with the cells; a reference without a sheet now means the destination's.
  async function sourceSheet() {
    const created = createFakeExcel({ sheets: ["Draft", "Plan"] });
    await created.Excel.run(async (context: Ctx) => {
      const draft = context.workbook.worksheets.getItem("Draft");
      draft.getRange("A1:B2").formulas = [
        [10, "=A1*2"],
        [20, "=$A$1+A2"],
      ];
      draft.getRange("A1:B2").format.fill.color = "#FFF2CC";
      draft.getRange("A1:A2").dataValidation.rule = {
        wholeNumber: { formula1: 0, formula2: 100, operator: created.Excel.DataValidationOperator.between },
      };
      const rule = draft.getRange("A1:A2").conditionalFormats.add(created.Excel.ConditionalFormatType.custom);
      rule.custom.rule.formula = "=A1>15";
      rule.custom.format.fill.color = "#FF0000";
      await context.sync();
    });
    return created;
  }

  it("All: contents with relative references moved, formats, validation and conditional formats", async () => {
    const { Excel, fake } = await sourceSheet();
    await Excel.run(async (context: Ctx) => {
      const plan = context.workbook.worksheets.getItem("Plan");
      plan.getRange("C3").copyFrom("Draft!A1:B2", Excel.RangeCopyType.all);
      await context.sync();
    });
    expect(fake.getFormulas("Plan", "C3:D4")).toEqual([
      [10, "=C3*2"],
      [20, "=$A$1+C4"],
    ]);
    expect(fake.getValues("Plan", "D3:D4")).toEqual([[20], [20]]); // $A$1 is the Plan sheet's own (empty) A1
    expect(fake.cell("Plan", "D4").format["fill.color"]).toBe("#FFF2CC");
    const plan = fake.sheet("Plan");
    expect(plan.validations.map((v) => [v.address, v.type])).toEqual([["C3:C4", "wholeNumber"]]);
    expect(plan.conditionalFormats.map((cf) => [cf.address, cf.formula])).toEqual([["C3:C4", "=C3>15"]]);
    expect(fake.conditionalFormatsOn("Plan", "C4").map((cf) => cf.fill)).toEqual(["#FF0000"]);
    expect(fake.conditionalFormatsOn("Plan", "C3")).toEqual([]);
  });

  it("Values, Formulas and Formats carry only their part", async () => {
    const { Excel, fake } = await sourceSheet();
    await Excel.run(async (context: Ctx) => {
      const plan = context.workbook.worksheets.getItem("Plan");
      plan.getRange("A1").copyFrom("Draft!A1:B2", Excel.RangeCopyType.values);
      plan.getRange("D1").copyFrom("Draft!A1:B2", Excel.RangeCopyType.formulas);
      plan.getRange("G1").copyFrom("Draft!A1:B2", Excel.RangeCopyType.formats);
      await context.sync();
    });
    expect(fake.getFormulas("Plan", "A1:B2")).toEqual([
      [10, 20],
      [20, 30],
    ]);
    expect(fake.getFormulas("Plan", "D1:E2")).toEqual([
      [10, "=D1*2"],
      [20, "=$A$1+D2"],
    ]);
    expect(fake.getValues("Plan", "G1:H2")).toEqual([
      ["", ""],
      ["", ""],
    ]);
    const plan = fake.sheet("Plan");
    // Formats is Paste Special > Formats: conditional formats go with it, data validation (its own option) does not.
    expect(plan.validations).toEqual([]);
    expect(plan.conditionalFormats.map((cf) => cf.address)).toEqual(["G1:G2"]);
    expect(fake.cell("Plan", "A1").format["fill.color"]).not.toBe("#FFF2CC");
    expect(fake.cell("Plan", "H2").format["fill.color"]).toBe("#FFF2CC");
  });
});

describe("change events of many cells at once", () => {
  // `details` "can be retrieved when the Changed event is triggered on a single cell" only
  // (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-details-member);
  // a paste, a fill or a deletion of several cells comes without (office-js #5347, #3899).
  it("a person's paste, fill and row deletion come without details; a one-cell edit with them", async () => {
    const { Excel, fake } = createFakeExcel();
    const seen: { address: string; changeType: string; details: unknown; triggerSource: unknown }[] = [];
    await Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.onChanged.add(async (event) => {
        seen.push({
          address: event.address,
          changeType: event.changeType,
          details: event.details,
          triggerSource: event.triggerSource,
        });
      });
      await context.sync();
    });
    fake.setValues("Sheet1", "A1:A6", [[1], [2], [3], [4], [5], [6]]);
    await fake.editCell("Sheet1", "B1", "x");
    await fake.paste("Sheet1", "B2", [["y"], ["z"]]);
    await fake.asPerson(async (context) => {
      // Fill Down of B1:B3 beside it, as a copy of the same size
      context.workbook.worksheets.getItem("Sheet1").getRange("C1:C3").copyFrom("B1:B3", Excel.RangeCopyType.all);
      await context.sync();
    });
    await fake.asPerson(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("3:4").delete(Excel.DeleteShiftDirection.up);
      await context.sync();
    });
    expect(seen).toEqual([
      {
        address: "B1",
        changeType: "RangeEdited",
        details: expect.objectContaining({ valueBefore: "", valueAfter: "x" }),
        triggerSource: "Unknown",
      },
      { address: "B2:B3", changeType: "RangeEdited", details: undefined, triggerSource: "Unknown" },
      { address: "C1:C3", changeType: "RangeEdited", details: undefined, triggerSource: "Unknown" },
      { address: "3:4", changeType: "RowDeleted", details: undefined, triggerSource: "Unknown" },
    ]);
    expect(fake.getValues("Sheet1", "A1:A4")).toEqual([[1], [2], [5], [6]]);
  });
});

describe("a person in cell edit mode", () => {
  // "When false, if the user is in cell edit when the batch request is processed by the host, the batch
  // automatically fails. When true, ... the batch request is delayed until the user exits cell edit mode."
  // (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The code is InvalidOperationInCellEditMode
  // (Excel.ErrorCodes.invalidOperationInCellEditMode in excel-web-16.00.debug.js).
  it("fails a batch whole with InvalidOperationInCellEditMode, nothing of it written", async () => {
    const { Excel, fake } = createFakeExcel();
    fake.startCellEdit();
    await expectRich(
      Excel.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1, 2]];
        await context.sync();
      }),
      "InvalidOperationInCellEditMode",
    );
    expect(fake.getValues("Sheet1", "A1:B1")).toEqual([["", ""]]);
    expect(fake.writeCount).toBe(0);
    await fake.endCellEdit();
    await Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1, 2]];
      await context.sync();
    });
    expect(fake.getValues("Sheet1", "A1:B1")).toEqual([[1, 2]]);
  });

  it("makes a batch run with delayForCellEdit wait until the person leaves the cell", async () => {
    const { Excel, fake } = createFakeExcel();
    fake.startCellEdit();
    let finished = false;
    const waiting = Excel.run({ delayForCellEdit: true }, async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[7]];
      await context.sync();
    }).then(() => (finished = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect([finished, fake.getValue("Sheet1", "A1")]).toEqual([false, ""]);
    await fake.endCellEdit();
    await waiting;
    expect(fake.getValue("Sheet1", "A1")).toBe(7);
  });
});

describe("non-English Excel (German)", () => {
  // formulasLocal "represents the formula in A1-style notation, in the user's language and number-formatting locale"
  // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulaslocal-member); `formulas`,
  // `values` and `numberFormat` are the same in every locale, and `text` is what the cell shows.
  it("shows ; and , in formulasLocal and text, while formulas, values and numberFormat stay en-US", async () => {
    const { Excel, Office, fake } = createFakeExcel({ locale: "de-DE" });
    expect(Office.context.displayLanguage).toBe("de-DE");
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C1").numberFormat = [["m/d/yyyy", "0.00", "General"]];
      sheet.getRange("A1:C1").formulas = [[46402, 1.5, '=IF(B1>1.25,"high, really","low")']];
      const range = sheet.getRange("A1:C1");
      range.load("formulas, formulasLocal, values, text, numberFormat");
      await context.sync();
      expect(range.formulas).toEqual([[46402, 1.5, '=IF(B1>1.25,"high, really","low")']]);
      expect(range.formulasLocal).toEqual([[46402, 1.5, '=IF(B1>1,25;"high, really";"low")']]);
      expect(range.values).toEqual([[46402, 1.5, "high, really"]]);
      expect(range.numberFormat).toEqual([["m/d/yyyy", "0.00", "General"]]);
      expect(range.text).toEqual([["15.01.2027", "1,50", "high, really"]]);
      sheet.getRange("D1").formulasLocal = [["=SUM(1;2,5)"]];
      const d1 = sheet.getRange("D1");
      d1.load("formulas, values");
      await context.sync();
      expect([d1.formulas, d1.values]).toEqual([[["=SUM(1,2.5)"]], [[3.5]]]);
    });
    // A person types German dates and decimals; the cells hold serials and numbers.
    await fake.editCell("Sheet1", "E1", "15.01.2027");
    await fake.editCell("Sheet1", "E2", "2,5");
    expect(fake.getValues("Sheet1", "E1:E2")).toEqual([[46402], [2.5]]);
  });
});

describe("outline buttons (summary rows below detail)", () => {
  // Excel draws a row group's +/- beside the row below it unless the sheet's outline setting says "above", and
  // Office.js cannot say so: no ExcelApi set has the setting (office-js #6099,
  // https://github.com/OfficeDev/office-js/issues/6099, and office-js-docs-pr #4012, "no way to programmatically
  // specify where the summary rows and columns appear"). Neither the typings nor the shipped runtime name it.
  it("has no setting in Office.js: neither the typings nor the runtime know a summary row", () => {
    const read = (file: string) => readFileSync(join(__dirname, "..", "..", "node_modules", file), "utf8");
    for (const source of [
      read("@types/office-js/index.d.ts"),
      read("@microsoft/office-js/dist/excel-web-16.00.debug.js"),
    ]) {
      expect(source).toMatch(/showOutlineLevels/); // the outline API that does exist
      expect(source).not.toMatch(/summaryRow|summaryBelow|SummaryRow|SummaryBelow|summaryAbove/);
    }
  });

  it("puts each group's button beside the row just below it, one per level", async () => {
    const { Excel, fake } = createFakeExcel();
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("6:8").group(Excel.GroupOption.byRows);
      sheet.getRange("7:7").group(Excel.GroupOption.byRows);
      sheet.getRange("12:13").group(Excel.GroupOption.byRows);
      await context.sync();
    });
    expect(rowOutlineButtons(fake.sheet("Sheet1").rowOutline)).toEqual([
      { level: 2, firstRow: 7, lastRow: 7, row: 8 },
      { level: 1, firstRow: 6, lastRow: 8, row: 9 },
      { level: 1, firstRow: 12, lastRow: 13, row: 14 },
    ]);
  });
});

describe("writing over rows an AutoFilter hides (office-js #224)", () => {
  // https://github.com/OfficeDev/office-js/issues/224, "Setting range data when filter is applied doesn't work":
  // with a filter on, writing the range's values again leaves "rows that should be filtered shown, rows that should
  // be shown filtered", and the data "misplaced (not appearing in the correct cells)". Excel does not evaluate the
  // filter again after a write; a multi-row values write fills the visible rows only.
  const filtered = async () => {
    const { Excel, fake } = createFakeExcel();
    fake.setValues("Sheet1", "A1:B5", [
      ["Task", "Status"],
      ["t1", "Open"],
      ["t2", "Done"],
      ["t3", "Open"],
      ["t4", "Done"],
    ]);
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.autoFilter.apply(sheet.getRange("A1:B5"), 1, { filterOn: Excel.FilterOn.values, values: ["Open"] });
      await context.sync();
    });
    return { Excel, fake };
  };

  it("hides the rows the criteria leave out, and shows them when the criteria are cleared", async () => {
    const { Excel, fake } = await filtered();
    expect(fake.sheet("Sheet1").hiddenRows).toEqual([3, 5]);
    await Excel.run(async (context: Ctx) => {
      const filter = context.workbook.worksheets.getItem("Sheet1").autoFilter;
      filter.load("criteria");
      await context.sync();
      expect(filter.criteria).toEqual([{}, { filterOn: "Values", values: ["Open"] }]);
      filter.clearCriteria();
      await context.sync();
    });
    expect(fake.sheet("Sheet1").hiddenRows).toEqual([]);
  });

  it("puts a multi-row values write into the visible rows only: the data lands in the wrong rows", async () => {
    const { Excel, fake } = await filtered();
    await Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:B5").values = [
        ["t1", "Open"],
        ["t2", "Done"],
        ["t3", "Open"],
        ["t4", "Done"],
      ];
      await context.sync();
    });
    // Rows 2 and 4 (visible) took the array's first two rows; rows 3 and 5 (hidden) kept theirs; t3 and t4 are lost.
    expect(fake.getValues("Sheet1", "A2:B5")).toEqual([
      ["t1", "Open"],
      ["t2", "Done"],
      ["t2", "Done"],
      ["t4", "Done"],
    ]);
    expect(fake.sheet("Sheet1").hiddenRows).toEqual([3, 5]);
  });

  it("pastes into hidden rows too, and the rows keep their hidden state: the filter no longer holds", async () => {
    const { Excel, fake } = await filtered();
    fake.setValues("Sheet1", "D2:E5", [
      ["t1", "Done"],
      ["t2", "Open"],
      ["t3", "Done"],
      ["t4", "Open"],
    ]);
    await Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2:B5").copyFrom(sheet.getRange("D2:E5"), Excel.RangeCopyType.values);
      await context.sync();
    });
    expect(fake.getValues("Sheet1", "B2:B5")).toEqual([["Done"], ["Open"], ["Done"], ["Open"]]);
    expect(fake.sheet("Sheet1").hiddenRows).toEqual([3, 5]); // "Open" rows 3 and 5 hidden, "Done" rows shown
    await Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").autoFilter.reapply();
      await context.sync();
    });
    expect(fake.sheet("Sheet1").hiddenRows).toEqual([2, 4]);
  });
});
