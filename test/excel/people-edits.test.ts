import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { address, COLUMN, columnLetter, HOLIDAYS_RANGE, LAYOUT } from "../../src/plan/sheet-layout";
import type { PlanEvent } from "../../src/service/types";
import { ACME, setUp } from "./harness";

/**
 * What people do to a plan sheet in Excel (issue 9, items 1, 2, 3, 11 and 12), done as Excel does it: a sort from
 * the filter buttons, a whole row deleted, a row copied and pasted below the table, a status typed in lower case,
 * a date typed into a cell formatted as Text. The plan keeps its identity, its dates and an honest history.
 */

const SHEET = "Acme Manufacturing, Inc.";
const TODAY = toExcelSerial(calendarDate(2027, 3, 2)); // the harness clock
const [STATUS, COMPLETED, DUE, ID] = [COLUMN.status, COLUMN.completedOn, COLUMN.due, COLUMN.id].map(columnLetter);

async function watchedPlan() {
  const harness = setUp();
  const created = await harness.service.createPlan({ ...ACME, holidays: ["2027-02-15", "2027-05-31"] });
  if (!created.ok) throw new Error("not created");
  const events: PlanEvent[] = [];
  await harness.service.watch((event) => events.push(event));
  const { fake } = harness;
  const rowOf = (id: string) => fake.getValues(SHEET, `${ID}1:${ID}150`).findIndex((row) => row[0] === id) + 1;
  const history = () =>
    fake.sheetNames().includes("Plan history")
      ? fake.getValues("Plan history", "A2:G50").filter((row) => row.some((cell) => cell !== "" && cell !== null))
      : [];
  /** Runs `write` as a person's action in Excel, then lets the add-in's handlers finish. */
  const act = async (write: (sheet: Excel.Worksheet) => void) => {
    await Excel.run(async (context) => {
      write(context.workbook.worksheets.getItem(SHEET));
      await context.sync();
    });
    await fake.settle();
  };
  return { ...harness, sheetId: created.plan.sheetId, events, rowOf, history, act };
}

describe("1. sorting the table from its filter buttons", () => {
  it("moves every task's id with its row: later edits record the right task, the pane reads the right status", async () => {
    const { fake, service, sheetId, rowOf, history, act } = await watchedPlan();
    await fake.editCell(SHEET, `${STATUS}${rowOf("bind-30.service-team")}`, "In progress");
    await fake.settle();
    const filter = fake.sheet(SHEET).autoFilter as string;
    expect(filter).toMatch(new RegExp(`^A${LAYOUT.headerRow}:${ID}\\d+$`));
    // Sort by Status, Z to A, as the filter button does: the range below the header row.
    await act((sheet) =>
      sheet.getRange(filter).sort.apply([{ key: COLUMN.status - 1, ascending: false }], false, true),
    );
    const issueRow = rowOf("renewal-30.issue");
    expect(fake.getValue(SHEET, `B${issueRow}`)).toBe("Issue");
    await fake.editCell(SHEET, `${STATUS}${issueRow}`, "Done");
    await fake.settle();
    expect(history().at(-1)?.slice(3)).toEqual(["renewal-30.issue", "Issue", "Not started", "Done"]);
    const detail = await service.readPlan(sheetId);
    expect(detail.tasks.find((t) => t.taskId === "bind-30.service-team")?.status).toBe("In progress");
    expect(detail.tasks.find((t) => t.taskId === "renewal-30.issue")?.status).toBe("Done");
  });
});

describe("2. deleting a task row", () => {
  it("leaves the holidays and every other task's dates as they were", async () => {
    const { fake, service, sheetId, rowOf, act } = await watchedPlan();
    const dueBefore = new Map(
      (await service.readPlan(sheetId)).tasks.map((task) => [
        task.taskId,
        fake.getValue(SHEET, `${DUE}${rowOf(task.taskId)}`),
      ]),
    );
    const holidaysBefore = fake.getValues(SHEET, HOLIDAYS_RANGE);
    const gone = rowOf("bind-30.deliverables");
    await act((sheet) => sheet.getRange(`${gone}:${gone}`).delete(Excel.DeleteShiftDirection.up));
    expect(fake.getValues(SHEET, HOLIDAYS_RANGE)).toEqual(holidaysBefore);
    const after = await service.readPlan(sheetId);
    expect(after.tasks.find((t) => t.taskId === "bind-30.deliverables")).toBeUndefined();
    for (const task of after.tasks) {
      expect([task.taskId, fake.getValue(SHEET, `${DUE}${rowOf(task.taskId)}`)]).toEqual([
        task.taskId,
        dueBefore.get(task.taskId),
      ]);
    }
  });
});

describe("3. a task row copied and pasted below the table", () => {
  it("becomes the person's own row: editing it writes no history and leaves the task alone", async () => {
    const { fake, service, sheetId, rowOf, history, act } = await watchedPlan();
    const source = rowOf("bind-60.loss-runs");
    const below = rowOf("renewal-30.finalize-plan") + 2;
    await act((sheet) => sheet.getRange(`${below}:${below}`).copyFrom(`${source}:${source}`, Excel.RangeCopyType.all));
    expect(fake.getValue(SHEET, `${ID}${below}`)).toBe("bind-60.loss-runs"); // the copy carries the id
    await fake.editCell(SHEET, `${STATUS}${below}`, "Done");
    await fake.settle();
    expect(history()).toEqual([]);
    expect(fake.getValue(SHEET, `${COMPLETED}${below}`)).toBe("");
    const detail = await service.readPlan(sheetId);
    expect(detail.tasks.filter((t) => t.taskId === "bind-60.loss-runs")).toMatchObject([{ status: "Not started" }]);
    // The task itself still records its own changes.
    await fake.editCell(SHEET, `${STATUS}${source}`, "Done");
    await fake.settle();
    expect(history().map((row) => row.slice(3))).toEqual([
      ["bind-60.loss-runs", "Obtain loss runs", "Not started", "Done"],
    ]);
  });
});

describe("11. a status typed in lower case", () => {
  it("is Done everywhere: the stamp, the history and the pane, as the sheet's colors already show", async () => {
    const { fake, service, sheetId, rowOf, history } = await watchedPlan();
    const row = rowOf("bind-60.loss-runs");
    await fake.editCell(SHEET, `${STATUS}${row}`, "done");
    await fake.settle();
    expect(fake.getValue(SHEET, `${COMPLETED}${row}`)).toBe(TODAY);
    expect(history().map((entry) => entry.slice(5))).toEqual([["Not started", "Done"]]);
    const task = (await service.readPlan(sheetId)).tasks.find((t) => t.taskId === "bind-60.loss-runs");
    expect(task).toMatchObject({ status: "Done", state: "done" });
  });
});

describe("12. a Bind date typed into a cell formatted as Text", () => {
  it("is reported on the Bind field with what to do, and the typed text is kept", async () => {
    const { fake, events } = await watchedPlan();
    const bind = address(LAYOUT.bind.row, LAYOUT.bind.column);
    fake.setNumberFormat(SHEET, bind, "@");
    await fake.editCell(SHEET, bind, "2027-02-01");
    await fake.settle();
    expect(fake.getValue(SHEET, bind)).toBe("2027-02-01");
    expect(events.at(-1)).toMatchObject({
      kind: "plan-changed",
      problems: [{ field: "bind", message: expect.stringMatching(/is text, not a date.*format B4 as a date/) }],
    });
  });
});
