import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { COLUMN, HOLIDAYS_REF } from "../../src/plan/sheet-layout";
import type { Template } from "../../src/plan/template";
import { createExcelPlanService } from "../../src/excel/service";
import { nextTemplate } from "../support/templates";
import { ACME, setUp } from "./harness";

const SHEET = "Acme Manufacturing, Inc.";

async function plan(template?: Template) {
  const harness = setUp({}, template ? { template } : {});
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const rowOf = (id: string) => harness.fake.getValues(SHEET, "J1:J150").findIndex((row) => row[0] === id) + 1;
  return { ...harness, sheetId: created.plan.sheetId, rowOf };
}

describe("updating a plan in place", () => {
  it("refuses to rebuild while the Bind date is not a date, and says what to fix", async () => {
    const { fake, sheetId } = await plan();
    await fake.editCell(SHEET, "B4", "soon");
    const newer = createExcelPlanService({ template: nextTemplate() });
    await expect(newer.applyUpdate(sheetId, { upgradeTemplate: true })).rejects.toThrow(
      /Fix the plan's dates before updating its template: Bind date "soon" is not a date/,
    );
    expect(fake.getValue(SHEET, "B4")).toBe("soon");
  });

  it("previews and applies a new service team; Assigned to follows and entries stay", async () => {
    const { service, fake, sheetId, rowOf } = await plan();
    const row = rowOf("bind-60.loss-runs");
    await fake.editCell(SHEET, `I${row}`, "Loss runs requested from carrier");
    await fake.editCell(SHEET, `G${row}`, "In progress");
    const change = { team: { ...ACME.team, AE: "Sam Ortiz", Claims: "Luis Ortega" } };
    const preview = await service.previewUpdate(sheetId, change);
    expect(preview.changes).toEqual([
      "Sam Ortiz replaces Dana Whitfield as AE.",
      "Luis Ortega joins as Claims.",
      "Assigned to follows on every task those roles own.",
    ]);
    // Nothing moves, so nothing is at stake: the preview does not count what stays where it is.
    expect(preview.keptEntries).toBe(0);
    expect(fake.getValue(SHEET, "D4")).toBe("Dana Whitfield"); // a preview writes nothing

    await service.applyUpdate(sheetId, change);
    expect(fake.getValue(SHEET, "D4")).toBe("Sam Ortiz");
    expect(fake.getValue(SHEET, `D${row}`)).toBe("Sam Ortiz, Priya Shah");
    expect(fake.getValue(SHEET, `I${row}`)).toBe("Loss runs requested from carrier");
    expect(fake.getValue(SHEET, `G${row}`)).toBe("In progress");
  });

  it("checks a new team by the same rules as a new plan's", async () => {
    const { service, fake, sheetId } = await plan();
    await expect(service.previewUpdate(sheetId, { team: { AE: "x".repeat(81) } })).rejects.toThrow(
      /Service team name for AE is 81 characters long: shorten it to 80 or fewer/,
    );
    await expect(service.applyUpdate(sheetId, { team: { AE: "  Sam \n Ortiz " } })).resolves.toMatchObject({
      changes: [
        "Morgan Reyes is no longer Producer; nobody is named for it.",
        "Sam Ortiz replaces Dana Whitfield as AE.",
        "Priya Shah is no longer Associate AE; nobody is named for it.",
        "Assigned to follows on every task those roles own.",
      ],
    });
    expect(fake.getValue(SHEET, "D4")).toBe("Sam Ortiz");
  });

  it("rebuilds for a newer template, keeping every entry by task id, people's own rows and retired tasks with notes", async () => {
    const { fake, sheetId, rowOf } = await plan();
    // A person sorts nothing but types: a status and note on a task that stays, a note on one that is retired,
    // and a row of their own below the table.
    const stays = rowOf("renewal-30.issue");
    await fake.editCell(SHEET, `G${stays}`, "Done");
    await fake.editCell(SHEET, `I${stays}`, "Binders sent 2/1");
    const retired = rowOf("bind-60.feedback");
    await fake.editCell(SHEET, `I${retired}`, "Carrier asked for a loss-control visit");
    const last = rowOf("renewal-30.finalize-plan");
    await fake.editCell(SHEET, `B${last + 1}`, "Call the client about the new warehouse");
    await fake.editCell(SHEET, `I${last + 1}`, "my own row");
    const completed = fake.getValue(SHEET, `H${stays}`);

    // The same workbook, opened with a newer add-in.
    const newer = createExcelPlanService({ template: nextTemplate(), now: () => new Date(2027, 2, 2, 10, 30) });
    expect(await newer.readPlan(sheetId)).toMatchObject({ templateVersion: 1, latestTemplateVersion: 2 });
    const preview = await newer.previewUpdate(sheetId, { upgradeTemplate: true });
    expect(preview.addedTasks).toEqual(["Check coverage against exposures"]);
    expect(preview.removedTasks).toEqual(["Feedback from Client/Service team/Carrier"]);
    expect(preview.changes).toEqual([
      "Template version 1 → 2: the table follows the template's order.",
      "“Obtain loss runs” now reads “Obtain loss runs from every carrier”.",
      "120-180 Days: Opens and Due follow the template's new timing.",
      "1 task(s) the template no longer has move below the table, with their sub-items and everything on them.",
    ]);
    // Every cell people typed, and where it goes: the status and note, the retired task's note, the own row.
    expect(preview.keptEntries).toBe(5);
    expect(preview.kept).toEqual([
      expect.stringMatching(/^Status “Done” on “Issue”.* moves from G\d+ to G\d+\.$/),
      expect.stringMatching(/^Notes “Binders sent 2\/1” on “Issue/),
      expect.stringMatching(/^Notes “Carrier asked for a loss-control visit” on “Feedback from Client/),
      expect.stringMatching(
        /^Task “Call the client about the new warehouse” on your own row “Call the client.*” moves from B\d+ to B\d+\.$/,
      ),
      expect.stringMatching(/^Notes “my own row” on your own row/),
    ]);

    await newer.applyUpdate(sheetId, { upgradeTemplate: true });
    const ids = fake.getValues(SHEET, "J1:J150").map((row) => row[0]);
    const at = (id: string) => ids.indexOf(id) + 1;
    expect(fake.getValue(SHEET, "J3")).toBe(2);
    expect(fake.sheet(SHEET).customProperties["ServicePlan.TemplateVersion"]).toBe("2");
    // Entries moved with their task ids.
    expect(fake.getValue(SHEET, `G${at("renewal-30.issue")}`)).toBe("Done");
    expect(fake.getValue(SHEET, `H${at("renewal-30.issue")}`)).toBe(completed);
    expect(fake.getValue(SHEET, `I${at("renewal-30.issue")}`)).toBe("Binders sent 2/1");
    // New rows from the template, with working formulas.
    expect(at("bind-60.coverage-check")).toBeGreaterThan(0);
    expect(fake.getValue(SHEET, `F${at("bind-60.coverage-check")}`)).toBe(
      fake.getValue(SHEET, `F${at("bind-60.loss-runs")}`),
    );
    expect(at("bind-30.service-team.backup")).toBe(at("bind-30.service-team") + 2);
    // The retired task and the person's own row are kept at the end, nothing lost.
    const tail = fake.getValues(SHEET, `A${at("bind-60.feedback")}:I${at("bind-60.feedback")}`)[0];
    expect(tail[0]).toBe("60 Days (retired)");
    expect(tail[8]).toBe("Carrier asked for a loss-control visit");
    const own = fake.getValues(SHEET, "B1:I150").find((row) => row[0] === "Call the client about the new warehouse");
    expect(own?.[7]).toBe("my own row");
    expect(at("bind-60.feedback")).toBeGreaterThan(at("renewal-30.finalize-plan"));
    // And the sheet still reads as a plan.
    const detail = await newer.readPlan(sheetId);
    expect(detail.tasks.find((t) => t.taskId === "renewal-30.issue")?.status).toBe("Done");
    expect(detail).toMatchObject({ templateVersion: 2, latestTemplateVersion: 2 });
  });
});

describe("repairing date formulas", () => {
  it("finds Due dates typed over the formulas and restores them after confirmation", async () => {
    const { service, fake, sheetId, rowOf } = await plan();
    const row = rowOf("bind-90.insurance-review");
    const formula = fake.cell(SHEET, `F${row}`).formula;
    const expected = fake.getValue(SHEET, `F${row}`);
    await fake.editCell(SHEET, `F${row}`, toExcelSerial(calendarDate(2027, 5, 1)));
    const preview = await service.previewRepair(sheetId);
    expect(preview.cells).toEqual([
      {
        address: `F${row}`,
        taskId: "bind-90.insurance-review",
        task: "Insurance Review Process Begins",
        column: "Due",
        found: "2027-05-01 typed over the formula",
        keptInNotes: "Due was typed as 2027-05-01 before the formula was restored.",
      },
    ]);
    expect(fake.getValue(SHEET, `F${row}`)).toBe(toExcelSerial(calendarDate(2027, 5, 1))); // preview writes nothing
    await service.applyRepair(sheetId);
    expect(fake.cell(SHEET, `F${row}`).formula).toBe(formula);
    expect(fake.getValue(SHEET, `F${row}`)).toBe(expected);
    // The date someone typed is not lost: it is in the task's Notes.
    expect(fake.getValue(SHEET, `I${row}`)).toBe("Due was typed as 2027-05-01 before the formula was restored.");
    expect((await service.previewRepair(sheetId)).cells).toEqual([]);
  });

  it("restores formulas broken by deleted cells (#REF!)", async () => {
    const { service, fake, sheetId, rowOf } = await plan();
    const row = rowOf("midterm.pulse");
    const expected = fake.getValue(SHEET, `E${row}`);
    // Someone deletes the holiday cells (Delete > Shift cells left): every date formula now points at #REF!.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange(HOLIDAYS_REF).delete(Excel.DeleteShiftDirection.left);
      await context.sync();
    });
    const preview = await service.previewRepair(sheetId);
    expect(preview.cells.length).toBe(2 * (8 + 32));
    expect(preview.cells[0].found).toBe("a formula broken by deleted cells (#REF!)");
    await service.applyRepair(sheetId);
    expect(fake.getValue(SHEET, `E${row}`)).toBe(expected);
    expect((await service.previewRepair(sheetId)).cells).toEqual([]);
  });
});

/** A person's filter, as set from the filter button of `column` (1-based) of the sheet's AutoFilter. */
async function personFilters(sheetName: string, column: number, values: string[]): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const range = sheet.autoFilter.getRange();
    sheet.autoFilter.apply(range, column - 1, { filterOn: Excel.FilterOn.values, values });
    await context.sync();
  });
}

describe("updating a plan someone has filtered (office-js #224)", () => {
  it("lands every row by its task id and gives the person's filter back, hiding what it should", async () => {
    const { fake, sheetId, rowOf } = await plan();
    const done = "renewal-30.issue";
    await fake.editCell(SHEET, `G${rowOf(done)}`, "Done");
    await fake.editCell(SHEET, `I${rowOf(done)}`, "Binders sent 2/1");
    await personFilters(SHEET, COLUMN.status, ["Not started"]);
    const filterBefore = fake.sheet(SHEET).autoFilterCriteria;
    expect(fake.sheet(SHEET).hiddenRows).toContain(rowOf(done));

    const newer = createExcelPlanService({ template: nextTemplate() });
    const syncsBefore = fake.syncCount;
    await newer.applyUpdate(sheetId, { upgradeTemplate: true });
    const syncs = fake.syncCount - syncsBefore;

    // The rows are where the ids say, with what people typed: nothing misplaced into a row the filter hid.
    expect(fake.getValue(SHEET, `G${rowOf(done)}`)).toBe("Done");
    expect(fake.getValue(SHEET, `I${rowOf(done)}`)).toBe("Binders sent 2/1");
    const filterRange = fake.sheet(SHEET).autoFilter!;
    const [, firstRow, lastRow] = /^A(\d+):J(\d+)$/.exec(filterRange)!.map(Number);
    expect(lastRow).toBeGreaterThan(rowOf(done)); // the table grew: the filter covers it all
    expect(fake.getValue(SHEET, `J${lastRow}`)).not.toBe("");
    // The person's filter is back over the new table and hides exactly the rows that are not "Not started".
    expect(fake.sheet(SHEET).autoFilterCriteria).toEqual(filterBefore);
    const statuses = fake.getValues(SHEET, `G${firstRow + 1}:G${lastRow}`).map((line) => line[0]);
    const shouldHide = statuses.flatMap((status, index) => (status === "Not started" ? [] : [firstRow + 1 + index]));
    expect(shouldHide).toContain(rowOf(done));
    expect(fake.sheet(SHEET).hiddenRows.filter((row) => row > firstRow && row <= lastRow)).toEqual(shouldHide);

    // Keeping the filter costs no round trip: the same update on an unfiltered plan takes as many.
    const other = await plan();
    const syncsUnfiltered = other.fake.syncCount;
    await createExcelPlanService({ template: nextTemplate() }).applyUpdate(other.sheetId, { upgradeTemplate: true });
    expect(syncs).toBe(other.fake.syncCount - syncsUnfiltered);
  });
});
