/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load, office-addins/no-navigational-load --
   This suite deliberately reads unloaded/unsynced properties to prove the fake rejects them, and the plugin's
   static flow analysis cannot see the awaited syncs inside these test callbacks. */
import { createFakeExcel, installFakeExcel } from ".";
import type { FakeExcel } from ".";

type Ctx = Excel.RequestContext;

function setup(options?: Parameters<typeof createFakeExcel>[0]): FakeExcel {
  return createFakeExcel(options);
}

async function expectRich(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ name: "RichApi.Error", code });
}

describe("strictness of proxies", () => {
  test("reading an unloaded property throws PropertyNotLoaded; after load+sync it reads", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      expect(() => ws.name).toThrow(/The property 'name' is not available/);
      try {
        void ws.name;
      } catch (e) {
        expect(e).toMatchObject({ name: "RichApi.Error", code: "PropertyNotLoaded" });
      }
      ws.load("name, id");
      expect(() => ws.name).toThrow(); // load alone is not enough
      await ctx.sync();
      expect(ws.name).toBe("Sheet1");
      expect(ws.id).toMatch(/^\{[0-9A-F-]+\}$/);
      expect(() => ws.position).toThrow(/position/);
    });
    expect(fake.syncCount).toBe(1);
    expect(fake.runCount).toBe(1);
  });

  test("navigation properties need no load; nested load paths work", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:B1", [[1, 2]]);
    await Excel.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.format.font.bold = true;
      await ctx.sync();
      r.load(["values", "format/font/bold", "format/fill/color"]);
      await ctx.sync();
      expect(r.values).toEqual([[1, 2]]);
      expect(r.format.font.bold).toBe(true);
      expect(r.format.fill.color).toBe("#FFFFFF");
      expect(() => r.format.font.italic).toThrow(/italic/);
      const r2 = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r2.load({ select: "address, rowIndex" });
      await ctx.sync();
      expect(r2.address).toBe("Sheet1!A1");
      expect(r2.rowIndex).toBe(0);
    });
  });

  test("unknown members throw loudly; probes used by promises and jest do not", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1") as unknown as Record<string, unknown>;
      expect(() => r.valuez).toThrow("FakeExcel: Range.valuez is not implemented");
      expect(() => (r.getCelll as () => void)()).toThrow("FakeExcel: Range.getCelll is not implemented");
      expect(() => {
        r.valuez = 1;
      }).toThrow(/not implemented/);
      expect(() => {
        r.address = "A2";
      }).toThrow(/read-only/);
      expect(r.then).toBeUndefined();
      expect(r.asymmetricMatch).toBeUndefined();
      expect(r.$$typeof).toBeUndefined();
      expect(r.nodeType).toBeUndefined();
      expect(r["@@__IMMUTABLE_ITERABLE__@@"]).toBeUndefined();
      expect(typeof (r as { toJSON: () => unknown }).toJSON).toBe("function");
      expect(r).toBe(r);
      const resolved = await Promise.resolve(r); // not thenable
      expect(resolved).toBe(r);
      expect(() => (Excel as unknown as Record<string, unknown>).NoSuchEnum).toThrow(/Excel.NoSuchEnum/);
    });
  });

  test("writes are queued until sync, then land in the model", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.values = [
        [1, "x"],
        [true, "=A1*2"],
      ];
      expect(fake.getValue("Sheet1", "A1")).toBe("");
      expect(r.values).toEqual([
        [1, "x"],
        [true, "=A1*2"],
      ]); // Office.js echoes assigned values locally
      await ctx.sync();
      expect(fake.getValues("Sheet1", "A1:B2")).toEqual([
        [1, "x"],
        [true, 2],
      ]);
      r.load("values, formulas, valueTypes, text");
      await ctx.sync();
      expect(r.formulas).toEqual([
        [1, "x"],
        [true, "=A1*2"],
      ]);
      expect(r.valueTypes).toEqual([
        ["Double", "String"],
        ["Boolean", "Double"],
      ]);
      expect(r.text).toEqual([
        ["1", "x"],
        ["TRUE", "2"],
      ]);
    });
    expect(fake.writeCount).toBe(1);
    expect(fake.log[0]).toMatchObject({ type: "Range.values", target: "Sheet1!A1:B2" });
  });

  test("loaded values are a snapshot of that sync", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1", [[5]]);
    await Excel.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.load("values");
      await ctx.sync();
      fake.setValues("Sheet1", "A1", [[6]]);
      expect(r.values).toEqual([[5]]);
    });
  });

  test("ClientResult.value throws until synced; round trips are counted", async () => {
    const { Excel, fake } = setup({ sheets: ["A", "B"] });
    await Excel.run(async (ctx: Ctx) => {
      const count = ctx.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(/has not been loaded/);
      await ctx.sync();
      expect(count.value).toBe(2);
      await ctx.sync();
    });
    await Excel.run({ delayForCellEdit: true }, async (ctx: Ctx) => {
      await ctx.sync();
    });
    expect(fake.syncCount).toBe(3);
    expect(fake.runCount).toBe(2);
    expect(fake.lastRunOptions).toEqual({ delayForCellEdit: true });
  });

  test("pending operations are flushed when the batch resolves; objects die with their batch", async () => {
    const { Excel, fake } = setup();
    let leaked: Excel.Range | undefined;
    await Excel.run(async (ctx: Ctx) => {
      leaked = ctx.workbook.worksheets.getItem("Sheet1").getRange("C3");
      leaked.values = [[42]];
    });
    expect(fake.getValue("Sheet1", "C3")).toBe(42);
    expect(fake.syncCount).toBe(1);
    expect(() => leaked!.load("values")).toThrow(/InvalidObjectPath|finished/);
  });

  test("collections: load('items/name') and items without load", async () => {
    const { Excel } = setup({ sheets: ["Plan", "Team"] });
    await Excel.run(async (ctx: Ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/items/);
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Plan", "Team"]);
      expect(() => sheets.items[0].position).toThrow(/position/);
      const all = ctx.workbook.worksheets;
      all.load("items");
      await ctx.sync();
      expect(all.items[1].position).toBe(1);
      const short = ctx.workbook.worksheets.load("name"); // shorthand for items/name
      await ctx.sync();
      expect(short.items.length).toBe(2);
    });
  });

  test("null objects: isNullObject requires sync", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("Sheet1");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      missing.load("name");
      present.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1");
      const used = ctx.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true);
      used.load("address");
      await ctx.sync();
      expect(used.isNullObject).toBe(true);
    });
  });
});

describe("errors at sync", () => {
  test("getItem on a missing sheet fails at sync with ItemNotFound", async () => {
    const { Excel } = setup();
    await expectRich(
      Excel.run(async (ctx: Ctx) => {
        const ws = ctx.workbook.worksheets.getItem("missing");
        ws.load("name");
        await ctx.sync();
      }),
      "ItemNotFound",
    );
  });

  test("invalid arguments fail with InvalidArgument", async () => {
    const { Excel, fake } = setup();
    const cases: ((ctx: Ctx) => void)[] = [
      (ctx) => ctx.workbook.worksheets.add("Sheet1"),
      (ctx) => ctx.workbook.worksheets.add("x".repeat(32)),
      (ctx) => ctx.workbook.worksheets.add("a/b"),
      (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:ZZZZ9").load("address"),
      (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2, 3]];
      },
    ];
    for (const c of cases) {
      await expectRich(
        Excel.run(async (ctx: Ctx) => {
          c(ctx);
          await ctx.sync();
        }),
        "InvalidArgument",
      );
    }
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
  });

  test("a failing operation leaves earlier ones applied (not transactional)", async () => {
    const { Excel, fake } = setup();
    await expectRich(
      Excel.run(async (ctx: Ctx) => {
        const ws = ctx.workbook.worksheets.add("Plan");
        ws.getRange("A1").values = [["title"]];
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
        ws.getRange("A2").values = [["never"]];
        await ctx.sync();
      }),
      "ItemNotFound",
    );
    expect(fake.sheetNames()).toEqual(["Sheet1", "Plan"]);
    expect(fake.getValue("Plan", "A1")).toBe("title");
    expect(fake.getValue("Plan", "A2")).toBe("");
  });

  test("failSyncAt injects a failure at the n-th write of the next sync", async () => {
    const { Excel, fake } = setup();
    fake.failSyncAt(2, "GeneralException", "boom");
    const err = await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [[1]];
      ws.getRange("A2").values = [[2]];
      ws.getRange("A3").values = [[3]];
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "RichApi.Error", code: "GeneralException", message: "boom" });
    expect(fake.getValues("Sheet1", "A1:A3")).toEqual([[1], [""], [""]]);
    fake.failOn({ type: "Worksheet.delete" }, "InvalidOperation", "nope");
    await expectRich(
      Excel.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.add("Temp");
        ctx.workbook.worksheets.getItem("Temp").delete();
        await ctx.sync();
      }),
      "InvalidOperation",
    );
    expect(fake.sheetNames()).toEqual(["Sheet1", "Temp"]);
  });

  test("failNthWrite counts writes across syncs (reads and loads do not count) and says whether it fired", async () => {
    const { Excel, fake } = setup();
    const fault = fake.failNthWrite(3);
    const err = await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.load("name");
      ws.getRange("A1").values = [[1]];
      await ctx.sync();
      ws.getRange("A2").values = [[2]];
      ws.getRange("A3").values = [[3]];
      ws.getRange("A4").values = [[4]];
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "RichApi.Error", code: "GeneralException" });
    expect(fault.fired).toBe(true);
    expect(fake.getValues("Sheet1", "A1:A4")).toEqual([[1], [2], [""], [""]]);
    const unreached = fake.failNthWrite(5);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [[1]];
      await ctx.sync();
    });
    expect(unreached.fired).toBe(false);
    fake.clearFaults();
  });
});

describe("formulas via HyperFormula", () => {
  test("WORKDAY follows an edited bind date; row delete produces #REF!", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").formulas = [[46402, "=WORKDAY(A1+31,-1)"]];
      ws.getRange("A1").numberFormat = [["yyyy-mm-dd"]];
      ws.getRange("B1").numberFormat = [["mmm d, yyyy"]];
      const b1 = ws.getRange("B1");
      b1.load("values, formulas, text");
      await ctx.sync();
      expect(b1.values).toEqual([[46430]]);
      expect(b1.formulas).toEqual([["=WORKDAY(A1+31,-1)"]]);
      expect(b1.text).toEqual([["Feb 12, 2027"]]);
    });
    expect(fake.cell("Sheet1", "A1").text).toBe("2027-01-15");
    await fake.editCell("Sheet1", "A1", 46433);
    expect(fake.getValue("Sheet1", "B1")).toBe(46463); // 46464 is a Thursday
    await fake.editCell("Sheet1", "A1", "2027-03-01"); // typed date string becomes a serial
    expect(fake.getValue("Sheet1", "A1")).toBe(46447);

    fake.setValues("Sheet1", "A3:A4", [[10], ["=A3*2"]]);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("3:3").delete(Excel.DeleteShiftDirection.up);
      await ctx.sync();
    });
    expect(fake.getValue("Sheet1", "A3")).toBe("#REF!");
    expect(fake.cell("Sheet1", "A3").valueType).toBe("Error");
  });

  test("inserting rows moves references; names feed formulas", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:B1", [[5, "=A1+1"]]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("1:2").insert(Excel.InsertShiftDirection.down);
      ctx.workbook.names.add("BindDate", ws.getRange("A3"));
      ws.getRange("C1").formulas = [["=BindDate*10"]];
      await ctx.sync();
    });
    expect(fake.getFormulas("Sheet1", "B3")).toEqual([["=A3+1"]]);
    expect(fake.getValue("Sheet1", "C1")).toBe(50);
    expect(fake.workbookNames()).toEqual([{ name: "BindDate", formula: "=Sheet1!$A$3", comment: "", visible: true }]);
  });
});

describe("moving cells: partial and whole-row inserts and deletes", () => {
  /** A little sheet: B:C hold data with a format, a validation and a rule; A and D are beside the band. */
  async function band(fake: FakeExcel["fake"], Excel: FakeExcel["Excel"]) {
    fake.setValues("Sheet1", "A4:D8", [
      ["a4", "b4", "c4", "d4"],
      ["a5", "b5", "c5", "d5"],
      ["a6", 6, "c6", "d6"],
      ["a7", 7, "c7", "d7"],
      ["a8", 8, "c8", "d8"],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B6").format.fill.color = "#FFC7CE";
      ws.getRange("C6:C8").dataValidation.rule = { list: { inCellDropDown: true, source: "c6,c7,c8" } };
      const cf = ws.getRange("B6:C8").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = "=$B6>6";
      ws.getRange("F1:F3").formulas = [["=B6&A6&B5"], ["=SUM(B4:B8)"], ["=SUM(A4:C8)"]];
      await ctx.sync();
    });
  }

  test("Range.delete(up) on part of a row moves the band's contents, formats, rules; deleted cells become #REF!", async () => {
    const { Excel, fake } = setup();
    await band(fake, Excel);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ctx.workbook.names.add("Seven", ws.getRange("B7"));
      await ctx.sync();
      ws.getRange("B5:C5").delete(Excel.DeleteShiftDirection.up);
      await ctx.sync();
    });
    expect(fake.workbookNames().map((n) => n.formula)).toEqual(["=Sheet1!$B$6"]);
    expect(fake.getValues("Sheet1", "A4:D8")).toEqual([
      ["a4", "b4", "c4", "d4"],
      ["a5", 6, "c6", "d5"],
      ["a6", 7, "c7", "d6"],
      ["a7", 8, "c8", "d7"],
      ["a8", "", "", "d8"],
    ]);
    expect(fake.cell("Sheet1", "B5").format["fill.color"]).toBe("#FFC7CE");
    expect(fake.cell("Sheet1", "B6").format["fill.color"]).toBe("#FFFFFF");
    const sheet = fake.sheet("Sheet1");
    expect(sheet.validations.map((v) => v.address)).toEqual(["C5:C7"]);
    expect(sheet.conditionalFormats.map((c) => [c.address, c.formula])).toEqual([["B5:C7", "=$B5>6"]]);
    // References follow the cells; one into the deleted cells is #REF!; a range beside the band's edge stays.
    expect(fake.getFormulas("Sheet1", "F1:F3")).toEqual([["=B5&A6&#REF!"], ["=SUM(B4:B7)"], ["=SUM(A4:C8)"]]);
    expect(fake.getValue("Sheet1", "F1")).toBe("#REF!");
  });

  test("Range.insert(down) on part of a row pushes the band down and grows ranges that span it", async () => {
    const { Excel, fake } = setup();
    await band(fake, Excel);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B6:C6").insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
    });
    expect(fake.getValues("Sheet1", "B6:C9")).toEqual([
      ["", ""],
      [6, "c6"],
      [7, "c7"],
      [8, "c8"],
    ]);
    expect(fake.getValues("Sheet1", "D6:D8")).toEqual([["d6"], ["d7"], ["d8"]]);
    expect(fake.cell("Sheet1", "B7").format["fill.color"]).toBe("#FFC7CE");
    const sheet = fake.sheet("Sheet1");
    expect(sheet.validations.map((v) => v.address)).toEqual(["C7:C9"]);
    expect(sheet.conditionalFormats.map((c) => [c.address, c.formula])).toEqual([["B7:C9", "=$B7>6"]]);
    expect(fake.getFormulas("Sheet1", "F1:F3")).toEqual([["=B7&A6&B5"], ["=SUM(B4:B9)"], ["=SUM(A4:C8)"]]);
  });

  test("whole-row deletes move conditional formats and keep their rule meaning 'this row'", async () => {
    const { Excel, fake } = setup();
    await band(fake, Excel);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("6:6").delete(Excel.DeleteShiftDirection.up); // the rule's first row
      await ctx.sync();
    });
    let sheet = fake.sheet("Sheet1");
    expect(sheet.conditionalFormats.map((c) => [c.address, c.formula])).toEqual([["B6:C7", "=$B6>6"]]);
    expect(sheet.validations.map((v) => v.address)).toEqual(["C6:C7"]);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("2:3").delete(Excel.DeleteShiftDirection.up);
      await ctx.sync();
    });
    sheet = fake.sheet("Sheet1");
    expect(sheet.conditionalFormats.map((c) => [c.address, c.formula])).toEqual([["B4:C5", "=$B4>6"]]);
  });

  test("a partial move that would split a merged cell fails; one that would split a rule's range fails loudly", async () => {
    const { Excel, fake } = setup();
    await band(fake, Excel);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A10:B10").merge();
      await ctx.sync();
      ws.getRange("B9").delete(Excel.DeleteShiftDirection.up);
      await expectRich(ctx.sync(), "InvalidOperation");
      ws.getRange("C5").insert(Excel.InsertShiftDirection.down);
      await expect(ctx.sync()).rejects.toThrow(/conditional format on B6:C8 .* is not implemented/);
    });
    expect(fake.getValue("Sheet1", "B6")).toBe(6);
  });
});

describe("recorded formatting, validation, layout", () => {
  test("data validation, conditional formats, page layout, outline and more land in the model", async () => {
    const { Excel, fake } = setup({ sheets: ["Acme Inc"] });
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Acme Inc");
      const status = ws.getRange("E5:E20");
      status.dataValidation.rule = { list: { inCellDropDown: true, source: "Open,Done" } };
      status.dataValidation.errorAlert = {
        showAlert: true,
        style: Excel.DataValidationAlertStyle.stop,
        title: "Status",
        message: "Pick one",
      };
      ws.getRange("B2").dataValidation.rule = {
        date: { formula1: "2000-01-01", operator: Excel.DataValidationOperator.greaterThan },
      };
      const cf = ws.getRange("A5:J20").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=$E5="Done"';
      cf.custom.format.fill.color = "#e2efda";
      cf.custom.format.font.italic = true;
      cf.stopIfTrue = true;
      const layout = ws.pageLayout;
      layout.orientation = Excel.PageOrientation.landscape;
      layout.centerHorizontally = true;
      layout.leftMargin = 36;
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintArea("A1:J60");
      layout.setPrintTitleRows("$4:$4");
      layout.headersFooters.defaultForAllPages.centerFooter = "Page &P of &N";
      ws.freezePanes.freezeRows(4);
      ws.getRange("6:8").group(Excel.GroupOption.byRows);
      ws.getRange("7:7").rowHidden = true;
      ws.getRange("B:B").format.columnWidth = 120;
      ws.getRange("A1").format.font.bold = true;
      ws.customProperties.add("planVersion", "3");
      ws.tabColor = "#1f4e79";
      ws.getRange("A4:B4").merge();
      ws.getRange("A1").select();
      await ctx.sync();

      const dv = status.dataValidation;
      dv.load("rule, type, errorAlert");
      const items = ws.getRange("A5:J20").conditionalFormats.load("items/type, items/priority");
      const area = layout.getPrintAreaOrNullObject();
      area.load("address");
      const zoom = ws.pageLayout.load("zoom");
      await ctx.sync();
      expect(dv.type).toBe("List");
      expect(dv.rule.list).toEqual({ inCellDropDown: true, source: "Open,Done" });
      expect(items.items.map((i) => [i.type, i.priority])).toEqual([["Custom", 0]]);
      expect(area.address).toBe("'Acme Inc'!A1:J60");
      expect(zoom.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
    const s = fake.sheet("Acme Inc");
    expect(s.validations).toEqual([
      expect.objectContaining({
        address: "E5:E20",
        type: "list",
        errorAlert: expect.objectContaining({ message: "Pick one" }),
      }),
      expect.objectContaining({ address: "B2", rule: { date: { formula1: "2000-01-01", operator: "GreaterThan" } } }),
    ]);
    expect(s.conditionalFormats).toEqual([
      expect.objectContaining({
        address: "A5:J20",
        type: "Custom",
        formula: '=$E5="Done"',
        fill: "#E2EFDA",
        font: expect.objectContaining({ italic: true }),
        priority: 0,
        stopIfTrue: true,
      }),
    ]);
    expect(s.pageLayout).toMatchObject({ orientation: "Landscape", centerHorizontally: true, leftMargin: 36 });
    expect(s.pageLayout.headersFooters.defaultForAllPages.centerFooter).toBe("Page &P of &N");
    expect(s.printArea).toBe("A1:J60");
    expect(s.printTitleRows).toBe("4:4");
    expect(s.freeze).toEqual({ rows: 4, columns: 0 });
    expect(s.rowOutline).toEqual({ 6: 1, 7: 1, 8: 1 });
    expect(s.hiddenRows).toEqual([7]);
    expect(s.columnWidths).toEqual({ B: 120 });
    expect(fake.cell("Acme Inc", "A1").format["font.bold"]).toBe(true);
    expect(s.customProperties).toEqual({ planVersion: "3" });
    expect(s.tabColor).toBe("#1F4E79");
    expect(s.merges).toEqual(["A4:B4"]);
    expect(fake.selection).toEqual({ sheetName: "Acme Inc", address: "A1" });
  });

  test("invalid enum strings and colors are rejected at sync", async () => {
    const { Excel } = setup();
    await expectRich(
      Excel.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.horizontalAlignment =
          "Middle" as Excel.HorizontalAlignment;
        await ctx.sync();
      }),
      "InvalidArgument",
    );
    await expectRich(
      Excel.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "bluish";
        await ctx.sync();
      }),
      "InvalidArgument",
    );
  });
});

describe("events", () => {
  test("editCell raises onChanged with details, source and triggerSource; handlers are awaited", async () => {
    const { Excel, fake } = setup();
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        await Excel.run(async (c: Ctx) => {
          const r = e.getRange(c);
          r.load("values");
          await c.sync();
          seen.push({ ...e, values: r.values } as unknown as Excel.WorksheetChangedEventArgs);
        });
      });
      await ctx.sync();
    });
    await fake.editCell("Sheet1", "B4", 7, { source: "Remote" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: "WorksheetChanged",
      address: "B4",
      source: "Remote",
      changeType: "RangeEdited",
      triggerSource: "Unknown",
      details: { valueBefore: "", valueAfter: 7, valueTypeBefore: "Empty", valueTypeAfter: "Double" },
      values: [[7]],
    });
    await fake.paste("Sheet1", "A1", [
      [1, 2],
      [3, 4],
    ]);
    expect(seen[1]).toMatchObject({ address: "A1:B2", details: undefined });
    await fake.replayLastEvent();
    expect(seen[2]).toMatchObject({ address: "A1:B2" });
    expect(fake.handlerErrors).toEqual([]);
  });

  // Office.js starts every handler as its event arrives and drops the promise it returns
  // (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js, EventHandlers.prototype.fireEvent, line 17221:
  // `CoreUtility.Promise.all(promises)` at line 17232 is not returned), so two quick edits' handlers overlap.
  test.each([
    ["concurrent", ["start B4", "start B5", "end B4", "end B5"]],
    ["serial", ["start B4", "end B4", "start B5", "end B5"]],
  ] as const)("%s dispatch: how the handlers of two quick edits interleave", async (dispatch, expected) => {
    const { Excel, fake } = setup({ dispatch });
    const steps: string[] = [];
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        steps.push(`start ${e.address}`);
        await Excel.run(async (c: Ctx) => {
          const r = e.getRange(c);
          r.load("values");
          await c.sync();
        });
        steps.push(`end ${e.address}`);
      });
      await ctx.sync();
    });
    await Promise.all([fake.editCell("Sheet1", "B4", 1), fake.editCell("Sheet1", "B5", 2)]);
    // editCell resolves only once every handler, of either edit, has finished.
    expect(steps).toEqual(expected);
    expect(fake.handlerErrors).toEqual([]);
  });

  // Excel.RunOptions.delayForCellEdit: "When false, if the user is in cell edit when the batch request is processed
  // by the host, the batch automatically fails. When true, ... the batch request is delayed until the user exits
  // cell edit mode." (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The code is
  // Excel.ErrorCodes.invalidOperationInCellEditMode (excel-web-16.00.debug.js, line 61925).
  test("cell edit mode fails a batch, or holds it with delayForCellEdit until the edit ends", async () => {
    const { Excel, fake } = setup();
    const write = (ctx: Ctx, value: number) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[value]];
      return ctx.sync();
    };
    fake.startCellEdit();
    expect(fake.inCellEdit).toBe(true);
    await expect(Excel.run((ctx: Ctx) => write(ctx, 1))).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    expect(fake.getValue("Sheet1", "A1")).toBe(""); // nothing of the batch was applied
    let done = false;
    const held = Excel.run({ delayForCellEdit: true }, (ctx: Ctx) => write(ctx, 2)).then(() => (done = true));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(done).toBe(false);
    fake.endCellEdit();
    await held;
    expect(fake.getValue("Sheet1", "A1")).toBe(2);
    await Excel.run((ctx: Ctx) => write(ctx, 3));
    expect(fake.getValue("Sheet1", "A1")).toBe(3);
  });

  test("add-in writes raise Local/ThisLocalAddin events unless enableEvents is false", async () => {
    const { Excel, fake } = setup();
    const seen: { address: string; source: string; triggerSource?: string }[] = [];
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        seen.push({ address: e.address, source: e.source, triggerSource: e.triggerSource });
      });
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[1]];
      await ctx.sync();
    });
    await fake.settle();
    expect(seen).toEqual([{ address: "C3", source: "Local", triggerSource: "ThisLocalAddin" }]);

    await Excel.run(async (ctx: Ctx) => {
      ctx.runtime.enableEvents = false;
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C4").values = [[1]];
      ctx.runtime.enableEvents = true;
      await ctx.sync();
    });
    await fake.settle();
    expect(seen).toHaveLength(1);

    fake.supportsTriggerSource = false;
    const before = fake.writeCount;
    await fake.editCell("Sheet1", "D1", "hello");
    expect(seen[1]).toEqual({ address: "D1", source: "Local", triggerSource: undefined });
    expect(fake.writeCount).toBe(before); // the handler wrote nothing
  });

  test("handler errors are collected, not swallowed; handlers can be removed", async () => {
    const { Excel, fake } = setup();
    let result: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
    await Excel.run(async (ctx: Ctx) => {
      result = ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async () => {
        throw new Error("handler broke");
      });
      await ctx.sync();
    });
    await fake.editCell("Sheet1", "A1", 1);
    expect(fake.handlerErrors).toEqual([new Error("handler broke")]);
    await Excel.run(result!.context as Ctx, async (ctx: Ctx) => {
      result!.remove();
      await ctx.sync();
    });
    expect(fake.handlerCount("onChanged")).toBe(0);
  });
});

describe("Office global and install", () => {
  test("isSetSupported answers from supportedSets; install/uninstall globals", async () => {
    const g: Record<string, unknown> = {};
    const { Office, fake, uninstall } = installFakeExcel(g);
    expect(g.Excel).toBeDefined();
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.17")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
    fake.supportedSets = { ExcelApi: "1.12" };
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(false);
    await expect(Office.onReady()).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
    expect(Office.HostType.Excel).toBe("Excel");
    uninstall();
    expect("Excel" in g).toBe(false);
  });
});

describe("tables, autoFilter, outline", () => {
  test("create a table and append rows across two syncs; address grows; null object for a missing table", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:C1", [["Date", "", "Amount"]]);
    const events: unknown[] = [];
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.onChanged.add(async (e) => {
        events.push({ address: e.address, changeType: e.changeType, triggerSource: e.triggerSource });
      });
      const table = ws.tables.add("A1:C1", true);
      table.name = "Expenses";
      table.rows.add(undefined, [
        ["2027-01-15", "Lunch", 12.5],
        ["2027-01-16", "Taxi", "=C2*2"],
      ]);
      table.load("name, id");
      const range = table.getRange();
      range.load("address");
      expect(() => range.address).toThrow(/address/);
      await ctx.sync();
      expect(table.name).toBe("Expenses");
      expect(range.address).toBe("Sheet1!A1:C3");
      expect(fake.table("Expenses").rows).toEqual([
        [46402, "Lunch", 12.5],
        [46403, "Taxi", 25],
      ]);

      // Someone edits the sheet below the table: appends still go to the first row below the table.
      fake.setValues("Sheet1", "E10", [["note"]]);
      const again = ctx.workbook.tables.getItem("expenses");
      again.rows.add(undefined, [["2027-01-17", "Hotel", 99]]);
      // Office.js samples pass null (not in the typings): same as undefined, append at the end.
      again.rows.add(null as unknown as undefined, [["2027-01-18", "Train", 40]]);
      const count = again.rows.getCount();
      const missing = ctx.workbook.tables.getItemOrNullObject("NoSuchTable");
      missing.load("name");
      const body = again.getDataBodyRange();
      body.load("address");
      const headers = again.getHeaderRowRange();
      headers.load("values");
      await ctx.sync();
      expect(count.value).toBe(4);
      expect(missing.isNullObject).toBe(true);
      expect(body.address).toBe("Sheet1!A2:C5");
      expect(headers.values).toEqual([["Date", "Column2", "Amount"]]);
    });
    await fake.settle();
    expect(fake.getValues("Sheet1", "B4:C5")).toEqual([
      ["Hotel", 99],
      ["Train", 40],
    ]);
    expect(fake.getFormulas("Sheet1", "C3")).toEqual([["=C2*2"]]);
    expect(fake.sheet("Sheet1").tables).toEqual([
      { name: "Expenses", address: "A1:C5", hasHeaders: true, rowCount: 4 },
    ]);
    expect(fake.table("Expenses")).toMatchObject({
      sheetName: "Sheet1",
      address: "A1:C5",
      headers: ["Date", "Column2", "Amount"],
    });
    expect(fake.log.map((l) => l.type)).toEqual([
      "TableCollection.add",
      "Table.name",
      "TableRowCollection.add",
      "TableRowCollection.add",
      "TableRowCollection.add",
    ]);
    expect(fake.writeCount).toBe(5);
    expect(events).toEqual([
      { address: "A1:C1", changeType: "RangeEdited", triggerSource: "ThisLocalAddin" },
      { address: "A2:C3", changeType: "RangeEdited", triggerSource: "ThisLocalAddin" },
      { address: "A4:C4", changeType: "RangeEdited", triggerSource: "ThisLocalAddin" },
      { address: "A5:C5", changeType: "RangeEdited", triggerSource: "ThisLocalAddin" },
    ]);
  });

  test("a header-only table fills its empty body row first; rows and columns load", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const table = ctx.workbook.tables.add("Sheet1!B2:C2", true);
      const range = table.getRange();
      range.load("address");
      table.rows.load("items");
      table.columns.load("items/name");
      await ctx.sync();
      expect(range.address).toBe("Sheet1!B2:C3");
      expect(table.rows.items).toHaveLength(0);
      expect(table.columns.items.map((c) => c.name)).toEqual(["Column1", "Column2"]);
      table.getHeaderRowRange().values = [["Name", "Qty"]];
      table.rows.add(undefined, [["a", 1]]);
      table.rows.load("items");
      const col = table.columns.getItemAt(1);
      col.load("name, index");
      await ctx.sync();
      expect(table.rows.items.map((r) => [r.index, r.values])).toEqual([[0, [["a", 1]]]]);
      expect(col.name).toBe("Qty");
      expect(col.index).toBe(1);
    });
    expect(fake.sheet("Sheet1").tables).toEqual([{ name: "Table1", address: "B2:C3", hasHeaders: true, rowCount: 1 }]);
    expect(fake.table("table1").rows).toEqual([["a", 1]]);
  });

  test("duplicate or invalid table names fail at sync with InvalidArgument; earlier ops stay applied", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:B1", [["x", "y"]]);
    fake.setValues("Sheet1", "D1:E1", [["p", "q"]]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const first = ws.tables.add("A1:B1", true);
      first.name = "Plan";
      const second = ws.tables.add("D1:E1", true);
      second.name = "plan";
      second.showTotals = true;
      await expectRich(ctx.sync(), "InvalidArgument");
    });
    expect(fake.sheet("Sheet1").tables.map((t) => t.name)).toEqual(["Plan", "Table2"]);
    expect(fake.log.map((l) => l.type)).toEqual(["TableCollection.add", "Table.name", "TableCollection.add"]);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.tables.getItem("Table2").name = "Has space";
      await expectRich(ctx.sync(), "InvalidArgument");
      ctx.workbook.tables.getItem("Table2").name = "A1";
      await expectRich(ctx.sync(), "InvalidArgument");
      ctx.workbook.tables.add("B1:C2", true); // overlaps Plan
      await expectRich(ctx.sync(), "InvalidArgument");
      ctx.workbook.tables.getItem("Nope").showTotals = true;
      await expectRich(ctx.sync(), "ItemNotFound");
    });
  });

  test("table.name before load throws; unknown table members throw", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const table = ctx.workbook.tables.add("A1:B2", false);
      expect(() => table.name).toThrow(/The property 'name' is not available/);
      expect(() => (table as unknown as Record<string, unknown>).bogus).toThrow(
        "FakeExcel: Table.bogus is not implemented",
      );
      const count = ctx.workbook.tables.getCount();
      expect(() => count.value).toThrow();
      await ctx.sync();
      expect(() => table.name).toThrow(/name/);
      table.load("name, showHeaders, showTotals");
      await ctx.sync();
      expect(table.name).toBe("Table1");
      expect(table.showHeaders).toBe(true);
      expect(count.value).toBe(1);
    });
  });

  test("hasHeaders=false inserts a Column1.. header row and moves the data down", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:B2", [
      [1, 2],
      [3, 4],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", false);
      await ctx.sync();
    });
    expect(fake.getValues("Sheet1", "A1:B3")).toEqual([
      ["Column1", "Column2"],
      [1, 2],
      [3, 4],
    ]);
    expect(fake.sheet("Sheet1").tables).toEqual([{ name: "Table1", address: "A1:B3", hasHeaders: false, rowCount: 2 }]);
  });

  test("autoFilter apply/clear/remove is recorded; showOutlineLevels hides grouped rows", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A4:C6", [
      ["Name", "Status", "Due"],
      ["a", "Open", 1],
      ["b", "Done", 2],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.autoFilter.load("enabled");
      await ctx.sync();
      expect(ws.autoFilter.enabled).toBe(false);
      ws.autoFilter.apply("A4:C6", 1, { filterOn: Excel.FilterOn.values, values: ["Open"] });
      const r = ws.autoFilter.getRange();
      r.load("address");
      ws.autoFilter.load("enabled, isDataFiltered");
      await ctx.sync();
      expect(r.address).toBe("Sheet1!A4:C6");
      expect(ws.autoFilter.enabled).toBe(true);
      expect(ws.autoFilter.isDataFiltered).toBe(true);
      expect(fake.sheet("Sheet1").autoFilter).toBe("A4:C6");
      expect(fake.sheet("Sheet1").autoFilterCriteria).toEqual({ 1: { filterOn: "Values", values: ["Open"] } });
      ws.autoFilter.clearCriteria();
      ws.autoFilter.load("isDataFiltered");
      await ctx.sync();
      expect(ws.autoFilter.isDataFiltered).toBe(false);
      expect(fake.sheet("Sheet1").autoFilter).toBe("A4:C6");
      ws.autoFilter.apply(ws.getRange("A4:C6"), 5, { filterOn: "Values" });
      await expectRich(ctx.sync(), "InvalidArgument");
      ws.autoFilter.remove();
      const none = ws.autoFilter.getRangeOrNullObject();
      none.load("address");
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(fake.sheet("Sheet1").autoFilter).toBeNull();

      ws.getRange("5:6").group(Excel.GroupOption.byRows);
      ws.getRange("6:6").group(Excel.GroupOption.byRows);
      ws.showOutlineLevels(2, 0);
      await ctx.sync();
      expect(fake.sheet("Sheet1").hiddenRows).toEqual([6]);
      ws.showOutlineLevels(1, 0);
      await ctx.sync();
      expect(fake.sheet("Sheet1").hiddenRows).toEqual([5, 6]);
      ws.showOutlineLevels(3, 0);
      ws.getRange("6:6").ungroup(Excel.GroupOption.byRows);
      await ctx.sync();
      expect(fake.sheet("Sheet1").hiddenRows).toEqual([]);
      expect(fake.sheet("Sheet1").rowOutline).toEqual({ 5: 1, 6: 1 });
      expect(fake.sheet("Sheet1").outlineLevelsShown).toEqual({ rows: 3, columns: 0 });
      ws.showOutlineLevels(9, 0);
      await expectRich(ctx.sync(), "InvalidArgument");
    });
  });

  test("a rule for a partly validated range fails (office-js #2594) until the range is cleared", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B5:B10").dataValidation.prompt = { showPrompt: true, title: "Status", message: "Pick one" };
      await ctx.sync();
      ws.getRange("B1:B10").dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
      await expectRich(ctx.sync(), "InvalidArgument");
      // The same range, or a range inside it, takes a rule; so does the whole range once cleared.
      ws.getRange("B5:B10").dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
      ws.getRange("B6").dataValidation.rule = { list: { inCellDropDown: true, source: "c" } };
      await ctx.sync();
      const whole = ws.getRange("B1:B10").dataValidation;
      whole.clear();
      whole.rule = { list: { inCellDropDown: true, source: "a,b" } };
      await ctx.sync();
    });
    expect(fake.sheet("Sheet1").validations.map((v) => [v.address, v.rule])).toEqual([
      ["B1:B10", { list: { inCellDropDown: true, source: "a,b" } }],
    ]);
  });

  test("conditionalFormats.clearAll removes entries over the range; dataValidation.clear only the range's cells", async () => {
    const { Excel, fake } = setup();
    await Excel.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:B10");
      const cf = r.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = "=B2>1";
      r.dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
      await ctx.sync();
      expect(fake.sheet("Sheet1").conditionalFormats).toHaveLength(1);
      expect(fake.sheet("Sheet1").validations).toHaveLength(1);
      const part = ctx.workbook.worksheets.getItem("Sheet1").getRange("B5");
      part.conditionalFormats.clearAll();
      part.dataValidation.clear();
      await ctx.sync();
    });
    expect(fake.sheet("Sheet1").conditionalFormats).toEqual([]);
    expect(fake.sheet("Sheet1").validations.map((v) => v.address)).toEqual(["B2:B4", "B6:B10"]);
  });

  test("row insert inside a table grows it; deleting its sheet removes it", async () => {
    const { Excel, fake } = setup({ sheets: ["A", "B"] });
    fake.setValues("A", "A1:B3", [
      ["h1", "h2"],
      [1, 2],
      [3, 4],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("A");
      ws.tables.add("A1:B3", true);
      ws.getRange("3:3").insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
      expect(fake.sheet("A").tables[0]).toMatchObject({ address: "A1:B4", rowCount: 3 });
      const t = ws.tables.getItem("Table1");
      t.rows.add(undefined, [[5, 6]]);
      await ctx.sync();
      expect(fake.getValues("A", "A5:B5")).toEqual([[5, 6]]);
      // A user's note right below the table is pushed down (cells insert), the row still lands below the table.
      await fake.editCell("A", "A6", "note");
      t.rows.add(undefined, [[7, 8]]);
      await ctx.sync();
      expect(fake.getValues("A", "A6:B7")).toEqual([
        [7, 8],
        ["note", ""],
      ]);
      expect(fake.table("Table1").address).toBe("A1:B6");
      ws.delete();
      const gone = ctx.workbook.tables.getItemOrNullObject("Table1");
      gone.load("name");
      await ctx.sync();
      expect(gone.isNullObject).toBe(true);
    });
  });
});

describe("copying and sorting ranges", () => {
  test("copyFrom pastes a row like Copy and Paste: values, moved formulas, formats, validation, rules", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A10:D10", [["Issue", 4, "=B10*2", "x"]]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A10").format.fill.color = "#D9E1F2";
      ws.getRange("D10:D12").dataValidation.rule = { list: { inCellDropDown: true, source: "x,y" } };
      const cf = ws.getRange("A10:D12").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=$D10="x"';
      ws.getRange("A20").copyFrom("A10:D10"); // "All" by default
      await ctx.sync();
    });
    expect(fake.getValues("Sheet1", "A20:D20")).toEqual([["Issue", 4, 8, "x"]]);
    expect(fake.getFormulas("Sheet1", "C20")).toEqual([["=B20*2"]]);
    expect(fake.cell("Sheet1", "A20").format["fill.color"]).toBe("#D9E1F2");
    const sheet = fake.sheet("Sheet1");
    expect(sheet.validations.map((v) => [v.address, v.rule])).toEqual([
      ["D10:D12", { list: { inCellDropDown: true, source: "x,y" } }],
      ["D20", { list: { inCellDropDown: true, source: "x,y" } }],
    ]);
    expect(sheet.conditionalFormats.map((c) => [c.address, c.formula])).toEqual([
      ["A20:D20", '=$D20="x"'],
      ["A10:D12", '=$D10="x"'],
    ]);
    expect(fake.getValues("Sheet1", "A10:D10")).toEqual([["Issue", 4, 8, "x"]]);
  });

  test("copyFrom another sheet replaces what the pasted area held; the copy types paste less", async () => {
    const { Excel, fake } = setup({ sheets: ["Plan", "Draft"] });
    fake.setValues("Plan", "A1:B3", [
      ["old", "old"],
      ["old", "=A1"],
      ["keep", "keep"],
    ]);
    fake.setValues("Draft", "A1:B2", [
      ["new", "=$A$1&A2"],
      ["", 2],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      const plan = ctx.workbook.worksheets.getItem("Plan");
      plan.getRange("A1:B2").format.font.bold = true;
      plan.getRange("A1:B2").dataValidation.rule = { list: { inCellDropDown: true, source: "old" } };
      plan.getRange("B1:B2").conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=B1>1";
      const draft = ctx.workbook.worksheets.getItem("Draft");
      draft.getRange("A1").format.fill.color = "#C6EFCE";
      plan.getRange("A1:B2").copyFrom(draft.getRange("A1:B2"), Excel.RangeCopyType.all);
      await ctx.sync();
    });
    expect(fake.getValues("Plan", "A1:B3")).toEqual([
      ["new", "new"],
      ["", 2],
      ["keep", "keep"],
    ]);
    expect(fake.getFormulas("Plan", "B1")).toEqual([["=$A$1&A2"]]); // unqualified references: the pasted sheet's
    expect(fake.cell("Plan", "A1").format).toMatchObject({ "font.bold": false, "fill.color": "#C6EFCE" });
    expect(fake.sheet("Plan").validations).toEqual([]);
    expect(fake.sheet("Plan").conditionalFormats).toEqual([]);

    await Excel.run(async (ctx: Ctx) => {
      const plan = ctx.workbook.worksheets.getItem("Plan");
      plan.getRange("D1").copyFrom("Draft!A1:B1", Excel.RangeCopyType.values);
      plan.getRange("D3").copyFrom("Draft!A1:B1", "Formulas");
      plan.getRange("D5").copyFrom("Draft!A1:B1", "Formats");
      await ctx.sync();
    });
    expect(fake.getFormulas("Plan", "D1:E5")).toEqual([
      ["new", "new"],
      ["", ""],
      ["new", "=$A$1&D4"],
      ["", ""],
      ["", ""],
    ]);
    expect(fake.cell("Plan", "D1").format["fill.color"]).toBe("#FFFFFF");
    expect(fake.cell("Plan", "D5").format["fill.color"]).toBe("#C6EFCE");
  });

  test("copyFrom fails loudly where the fake would guess: transpose, skipBlanks, a larger destination, a split rule", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:A2", [[1], [2]]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      expect(() => ws.getRange("C1").copyFrom("A1:A2", "All", false, true)).toThrow(/not implemented/);
      expect(() => ws.getRange("C1").copyFrom("A1:A2", "All", true)).toThrow(/not implemented/);
      ws.getRange("C1:C4").copyFrom("A1:A2");
      await expect(ctx.sync()).rejects.toThrow(/larger than the source/);
      ws.getRange("E1:E9").conditionalFormats.add(Excel.ConditionalFormatType.custom).custom.rule.formula = "=E1>1";
      ws.getRange("E4").copyFrom("A1:A2");
      await expect(ctx.sync()).rejects.toThrow(/conditional format on E1:E9 .* is not implemented/);
    });
  });

  test("sort.apply moves whole rows within the range; columns outside it stay; blanks sort last", async () => {
    const { Excel, fake } = setup();
    fake.setValues("Sheet1", "A1:D6", [
      ["Task", "Status", "Twice", "Id"],
      ["a", "Open", "=LEN(B2)*2", "id-a"],
      ["b", "", "=LEN(B3)*2", "id-b"],
      ["c", "done", "=LEN(B4)*2", "id-c"],
      ["d", 7, "=LEN(B5)*2", "id-d"],
      ["e", "Done", "=LEN(B6)*2", "id-e"],
    ]);
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A4").format.fill.color = "#C6EFCE";
      ws.getRange("A1:C6").sort.apply([{ key: 1, ascending: true }], false, true);
      await ctx.sync();
    });
    // Numbers, then text without regard to case (stable: "done" before "Done"), blanks last.
    expect(fake.getValues("Sheet1", "A1:D6")).toEqual([
      ["Task", "Status", "Twice", "Id"],
      ["d", 7, 2, "id-a"],
      ["c", "done", 8, "id-b"],
      ["e", "Done", 8, "id-c"],
      ["a", "Open", 8, "id-d"],
      ["b", "", 0, "id-e"],
    ]);
    expect(fake.getFormulas("Sheet1", "C2")).toEqual([["=LEN(B2)*2"]]);
    expect(fake.cell("Sheet1", "A3").format["fill.color"]).toBe("#C6EFCE");
    expect(fake.cell("Sheet1", "A4").format["fill.color"]).toBe("#FFFFFF");
    await Excel.run(async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A2:C6").sort.apply([{ key: 0, ascending: false }]);
      await ctx.sync();
      expect(fake.getValues("Sheet1", "A2:A6")).toEqual([["e"], ["d"], ["c"], ["b"], ["a"]]);
      ws.getRange("A2:C6").sort.apply([{ key: 3 }]);
      await expectRich(ctx.sync(), "InvalidArgument");
      expect(() => ws.getRange("A2:C6").sort.apply([{ key: 0, sortOn: Excel.SortOn.cellColor }])).toThrow(
        /not implemented/,
      );
    });
  });
});

describe("sheets renamed and deleted", () => {
  test("references follow a renamed sheet, and become #REF! when it is deleted, as in Excel", async () => {
    const { Excel, fake } = setup({ sheets: ["Plan", "Other", "Overview"] });
    fake.setValues("Plan", "B3", [[7]]);
    fake.setValues("Overview", "A1:B1", [["='Plan'!$B$3&\"\"", '=IF(ISNUMBER(Plan!B3),Plan!B3*2,"")']]);
    fake.setValues("Overview", "C1", [["=Other!A1+1"]]);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Plan").name = "O'Brien";
      await ctx.sync();
    });
    expect(fake.getValues("Overview", "A1:B1")).toEqual([["7", 14]]);
    expect(fake.getFormulas("Overview", "A1")[0][0]).toContain("'O''Brien'!");
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("O'Brien").delete();
      await ctx.sync();
    });
    expect(fake.getFormulas("Overview", "A1:C1")).toEqual([
      ['=#REF!&""', '=IF(ISNUMBER(#REF!),#REF!*2,"")', "=Other!A1+1"],
    ]);
    expect(fake.getValues("Overview", "A1:C1")).toEqual([["#REF!", "", 1]]);
    // A new sheet under the old name is another sheet: the references stay broken.
    fake.addSheet("O'Brien");
    fake.setValues("O'Brien", "B3", [[9]]);
    expect(fake.getValue("Overview", "A1")).toBe("#REF!");
  });
});

describe("request and response sizes", () => {
  const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
  const grid = (rows: number, columns: number) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => `cell ${r + 1}-${c + 1} é`));

  test("a load's response carries every loaded value; the request only names the range", async () => {
    const { Excel, fake } = setup();
    const values = grid(100, 10);
    fake.setValues("Sheet1", "A1:J100", values);
    fake.resetCounters();
    await Excel.run(async (ctx: Ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:J100");
      range.load("values");
      await ctx.sync();
      expect(range.values).toEqual(values);
    });
    expect(fake.syncSizes).toHaveLength(1);
    const [size] = fake.syncSizes;
    expect(size.responseBytes).toBeGreaterThanOrEqual(utf8(values));
    expect(size.responseBytes).toBeLessThan(utf8(values) + 200);
    expect(size.requestBytes).toBeGreaterThan(utf8("A1:J100"));
    expect(size.requestBytes).toBeLessThan(1000);
    expect(fake.maxResponseBytes).toBe(size.responseBytes);
    expect(fake.responseBytes).toBe(size.responseBytes);
  });

  test("a write's request carries the values written; its response carries nothing loaded", async () => {
    const { Excel, fake } = setup();
    const values = grid(50, 10);
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:J50").values = values;
      await ctx.sync();
    });
    const [size] = fake.syncSizes;
    expect(size.requestBytes).toBeGreaterThanOrEqual(utf8(values));
    expect(size.responseBytes).toBeLessThan(100);
  });

  test("every round trip is measured, with the Excel.run it belongs to; reset clears the sizes", async () => {
    const { Excel, fake } = setup({ sheets: ["A", "B"] });
    await Excel.run(async (ctx: Ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const count = sheets.getCount();
      await ctx.sync();
      expect(count.value).toBe(2);
    });
    await Excel.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("A").getRange("A1").formulas = [["=1+1"]];
    });
    expect(fake.syncSizes.map((size) => size.run)).toEqual([1, 1, 2]);
    // The sheet names come back in the first response; the second returns the count.
    expect(fake.syncSizes[0].responseBytes).toBeGreaterThanOrEqual(utf8([{ name: "A" }, { name: "B" }]));
    expect(fake.syncSizes[2].requestBytes).toBeGreaterThanOrEqual(utf8("=1+1") + utf8("A1"));
    expect(fake.requestBytes).toBe(fake.syncSizes.reduce((sum, size) => sum + size.requestBytes, 0));
    expect(fake.maxRequestBytes).toBe(Math.max(...fake.syncSizes.map((size) => size.requestBytes)));
    fake.resetCounters();
    expect(fake.syncSizes).toEqual([]);
    expect([fake.maxRequestBytes, fake.maxResponseBytes, fake.requestBytes, fake.responseBytes]).toEqual([0, 0, 0, 0]);
  });

  test("a method's arguments are part of the request, once per object path", async () => {
    const { Excel, fake } = setup();
    const address = "A1:B2";
    await Excel.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      for (let i = 0; i < 20; i++) sheet.getRange(address).load("values");
      await ctx.sync();
    });
    const twenty = fake.syncSizes[0].requestBytes;
    fake.resetCounters();
    await Excel.run(async (ctx: Ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange(address);
      for (let i = 0; i < 20; i++) range.load("values");
      await ctx.sync();
    });
    // Twenty ranges send twenty paths with the address; one range loaded twenty times sends one.
    expect(twenty - fake.syncSizes[0].requestBytes).toBeGreaterThanOrEqual(19 * utf8(address));
  });
});
