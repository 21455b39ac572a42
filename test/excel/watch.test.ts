import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { LAYOUT } from "../../src/plan/sheet-layout";
import type { PlanEvent } from "../../src/service/types";
import { createExcelPlanService } from "../../src/excel/service";
import { ACME, setUp } from "./harness";

const SHEET = "Acme Manufacturing, Inc.";
const TODAY = toExcelSerial(calendarDate(2027, 3, 2)); // the harness clock

async function planWithWatch(options: Parameters<typeof setUp>[0] = {}) {
  const harness = setUp(options);
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const events: PlanEvent[] = [];
  const stop = await harness.service.watch((event) => events.push(event));
  const ids = harness.fake.getValues(SHEET, `J1:J120`).map((row) => row[0]);
  const rowOf = (id: string) => ids.indexOf(id) + 1;
  return { ...harness, sheetId: created.plan.sheetId, events, stop, rowOf };
}

function historyRows(fake: ReturnType<typeof setUp>["fake"]): unknown[][] {
  if (!fake.sheetNames().includes("Plan history")) return [];
  return fake.getValues("Plan history", "A2:G50").filter((row) => row.some((cell) => cell !== "" && cell !== null));
}

describe("following edits in the sheet", () => {
  it("stamps Completed on and records history when a person sets a task Done in the sheet", async () => {
    const { fake, rowOf } = await planWithWatch();
    const row = rowOf("bind-60.loss-runs");
    await fake.editCell(SHEET, `G${row}`, "Done");
    await fake.settle();
    expect(fake.getValue(SHEET, `H${row}`)).toBe(TODAY);
    const history = historyRows(fake);
    expect(history).toHaveLength(1);
    expect(history[0].slice(1)).toEqual([SHEET, SHEET, "bind-60.loss-runs", "Obtain loss runs", "Not started", "Done"]);
    expect(history[0][0]).toBeCloseTo(TODAY + 10.5 / 24, 5);
    expect(fake.lastRunOptions).toEqual({ delayForCellEdit: true });
    expect(fake.handlerErrors).toEqual([]);
  });

  it("clears the stamp when the task moves back from Done, and records that too", async () => {
    const { fake, rowOf } = await planWithWatch();
    const row = rowOf("bind-30.service-team");
    await fake.editCell(SHEET, `G${row}`, "Done");
    await fake.editCell(SHEET, `G${row}`, "In progress");
    await fake.settle();
    expect(fake.getValue(SHEET, `H${row}`)).toBe("");
    expect(historyRows(fake).map((r) => [r[5], r[6]])).toEqual([
      ["Not started", "Done"],
      ["Done", "In progress"],
    ]);
  });

  it("keeps a Completed on date a person typed", async () => {
    const { fake, rowOf } = await planWithWatch();
    const row = rowOf("bind-30.service-team");
    const typed = toExcelSerial(calendarDate(2027, 2, 20));
    await fake.editCell(SHEET, `H${row}`, typed);
    await fake.editCell(SHEET, `G${row}`, "Done");
    await fake.settle();
    expect(fake.getValue(SHEET, `H${row}`)).toBe(typed);
  });

  it("changes nothing when an event is replayed", async () => {
    const { fake, rowOf } = await planWithWatch();
    await fake.editCell(SHEET, `G${rowOf("bind-30.deliverables")}`, "Done");
    await fake.settle();
    const writes = fake.writeCount;
    await fake.replayLastEvent();
    await fake.settle();
    expect(fake.writeCount).toBe(writes);
    expect(historyRows(fake)).toHaveLength(1);
  });

  it("never writes in response to a co-author's edit, but tells the pane", async () => {
    const { fake, rowOf, events, sheetId, service } = await planWithWatch();
    const writes = fake.writeCount;
    await fake.editCell(SHEET, `G${rowOf("bind-30.deliverables")}`, "Done", { source: "Remote" });
    await fake.settle();
    expect(fake.writeCount).toBe(writes); // a simulated edit is not an add-in write: nothing was written
    expect(historyRows(fake)).toHaveLength(0);
    // The event carries the plan as it now reads, so the pane need not read it again.
    const detail = await service.readPlan(sheetId);
    expect(detail.tasks.find((t) => t.taskId === "bind-30.deliverables")?.status).toBe("Done");
    expect(events.at(-1)).toEqual({ kind: "plan-changed", sheetId, source: "Remote", problems: [], detail });
    // And the co-author's change is the new baseline: a later local edit of another cell records nothing for it.
    await fake.editCell(SHEET, `I${rowOf("bind-30.deliverables")}`, "called the carrier");
    await fake.settle();
    expect(historyRows(fake)).toHaveLength(0);
  });

  it("ignores its own writes (trigger source), so one status change makes one history row", async () => {
    const { fake, rowOf, service, sheetId } = await planWithWatch();
    await service.setTaskStatus(sheetId, "bind-90.insurance-review", "In progress");
    await fake.settle();
    const ownEvents = fake.events.filter((e) => e.args.triggerSource === "ThisLocalAddin");
    expect(ownEvents.length).toBeGreaterThan(0);
    expect(historyRows(fake)).toHaveLength(1);
    expect(fake.getValue(SHEET, `G${rowOf("bind-90.insurance-review")}`)).toBe("In progress");
  });

  it("without trigger sources (ExcelApi 1.13) switches events off around its writes", async () => {
    const { fake, rowOf, service, sheetId } = await planWithWatch({
      supportedSets: { ExcelApi: "1.13" },
      supportsTriggerSource: false,
    });
    await service.setTaskStatus(sheetId, "bind-90.insurance-review", "Done");
    await fake.settle();
    expect(fake.eventsEnabled).toBe(true);
    expect(fake.getValue(SHEET, `H${rowOf("bind-90.insurance-review")}`)).toBe(TODAY);
    expect(historyRows(fake)).toHaveLength(1);
    // A person's edit still reaches the handler afterwards.
    await fake.editCell(SHEET, `G${rowOf("bind-90.strategy-meeting")}`, "Done");
    await fake.settle();
    expect(historyRows(fake)).toHaveLength(2);
  });

  it("handles a multi-cell paste of statuses by re-reading the sheet", async () => {
    const { fake, rowOf } = await planWithWatch();
    const first = rowOf("renewal-60.presentation-date");
    await fake.paste(SHEET, `G${first}`, [["Done"], ["N/A"], ["Done"]]);
    await fake.settle();
    expect([0, 1, 2].map((i) => fake.getValue(SHEET, `H${first + i}`))).toEqual([TODAY, "", TODAY]);
    expect(historyRows(fake).map((r) => [r[3], r[6]])).toEqual([
      ["renewal-60.presentation-date", "Done"],
      ["renewal-60.certificates", "N/A"],
      ["renewal-60.proposal", "Done"],
    ]);
  });

  it("reports a Bind date that is not a date, keeping what was typed, and recovers", async () => {
    const { fake, events, sheetId, service } = await planWithWatch();
    const bind = `B${LAYOUT.bind.row}`;
    await fake.editCell(SHEET, bind, "next Tuesday");
    await fake.settle();
    expect(fake.getValue(SHEET, bind)).toBe("next Tuesday");
    expect(events.at(-1)).toEqual({
      kind: "plan-changed",
      sheetId,
      source: "Local",
      problems: [{ field: "bind", message: expect.stringMatching(/Bind date "next Tuesday" is not a date/) }],
      detail: await service.readPlan(sheetId),
    });
    await fake.editCell(SHEET, bind, "");
    expect(events.at(-1)).toMatchObject({
      problems: [{ field: "bind", message: expect.stringMatching(/Bind date is empty/) }],
    });

    await fake.editCell(SHEET, bind, toExcelSerial(calendarDate(2027, 2, 1)));
    expect(events.at(-1)).toMatchObject({ problems: [] });
    const detail = await service.readPlan(sheetId);
    expect(detail.bind).toBe("2027-02-01");
    expect(detail.renewal).toBe("2028-02-01"); // the Renewal cell follows the Bind cell
    expect(detail.tasks.find((t) => t.taskId === "bind-60.loss-runs")?.due).toBe("2027-04-02");
  });

  it("reports a renewal before the bind date", async () => {
    const { fake, events } = await planWithWatch();
    await fake.editCell(SHEET, `B${LAYOUT.renewal.row}`, toExcelSerial(calendarDate(2026, 12, 1)));
    expect(events.at(-1)).toMatchObject({
      problems: [{ field: "renewal", message: expect.stringMatching(/must be after the bind date 2027-01-15/) }],
    });
  });

  it("sends the plan as it reads after its own writes, so the pane need not read it again", async () => {
    const { fake, rowOf, events, sheetId, service } = await planWithWatch();
    await fake.editCell(SHEET, `G${rowOf("bind-60.loss-runs")}`, "Done");
    await fake.settle();
    const event = events.at(-1);
    if (event?.kind !== "plan-changed") throw new Error("no plan-changed event");
    expect(event.detail?.tasks.find((t) => t.taskId === "bind-60.loss-runs")).toMatchObject({
      status: "Done",
      state: "done",
      completedOn: "2027-03-02",
    });
    expect(event.detail).toEqual(await service.readPlan(sheetId));
  });

  it("takes one Excel.run and at most two round trips per watched edit", async () => {
    const { fake, rowOf } = await planWithWatch();
    fake.resetCounters();
    await fake.editCell(SHEET, `G${rowOf("midterm.pulse")}`, "Done");
    await fake.settle();
    expect(fake.runCount).toBe(1);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
  });

  // Office.js calls a change handler as each event arrives and does not wait for the one before
  // (excel-web-16.00.debug.js, EventHandlers.prototype.fireEvent, line 17221); the fake dispatches the same way.
  it("follows each of two quick edits once, in order, though Excel does not wait for the first", async () => {
    const { fake, rowOf, events, sheetId } = await planWithWatch();
    const row = rowOf("bind-30.draft-plan");
    // Done in G, Enter, a note in I: the second event arrives while the first is being followed.
    await Promise.all([fake.editCell(SHEET, `G${row}`, "Done"), fake.editCell(SHEET, `I${row}`, "sent to the client")]);
    await fake.settle();
    expect(fake.getValue(SHEET, `H${row}`)).toBe(TODAY);
    expect(fake.log.filter((entry) => entry.target.endsWith(`!H${row}`))).toHaveLength(1); // stamped once
    expect(historyRows(fake).map((r) => [r[3], r[5], r[6]])).toEqual([["bind-30.draft-plan", "Not started", "Done"]]);
    const changed = events.filter((event) => event.kind === "plan-changed");
    expect(changed).toHaveLength(2);
    const last = changed.at(-1);
    if (last?.kind !== "plan-changed") throw new Error("no plan-changed event");
    expect(last.sheetId).toBe(sheetId);
    expect(last.detail?.tasks.find((t) => t.taskId === "bind-30.draft-plan")).toMatchObject({
      status: "Done",
      completedOn: "2027-03-02",
      notes: "sent to the client",
    });
    expect(fake.handlerErrors).toEqual([]);
  });

  it("records two quick Done edits before Plan history exists: both rows, one sheet, no failure shown", async () => {
    const { fake, rowOf, events } = await planWithWatch();
    expect(fake.sheetNames()).not.toContain("Plan history");
    const first = rowOf("bind-30.deliverables");
    const second = rowOf("bind-30.draft-plan");
    await Promise.all([fake.editCell(SHEET, `G${first}`, "Done"), fake.editCell(SHEET, `G${second}`, "Done")]);
    await fake.settle();
    expect(historyRows(fake).map((r) => r[3])).toEqual(["bind-30.deliverables", "bind-30.draft-plan"]);
    expect(fake.sheetNames().filter((name) => name.startsWith("Plan history"))).toEqual(["Plan history"]);
    expect([first, second].map((row) => fake.getValue(SHEET, `H${row}`))).toEqual([TODAY, TODAY]);
    const shown = events.flatMap((event) => (event.kind === "plan-changed" ? event.problems : []));
    expect(shown).toEqual([]);
    expect(events.some((event) => event.kind === "plan-changed" && event.historyNote)).toBe(false);
    expect(fake.handlerErrors).toEqual([]);
  });

  it("starts in three round trips, however many plans the workbook holds, registering its handlers once", async () => {
    const trips: number[] = [];
    for (const plans of [1, 3]) {
      const { fake, service } = setUp({}, { newPlanId: undefined });
      for (let i = 1; i <= plans; i++) {
        const created = await service.createPlan({ ...ACME, client: `Client ${i}` });
        if (!created.ok) throw new Error("not created");
      }
      await fake.settle();
      // A pane opening on the workbook: a session that has read none of its plans yet.
      const pane = createExcelPlanService({ now: () => new Date(2027, 2, 2, 10, 30) });
      fake.resetCounters();
      const stop = await pane.watch(() => undefined);
      trips.push(fake.syncCount);
      expect(fake.handlerCount("onChanged")).toBe(1);
      // The baselines it read tell a person's change: Done on the last plan is recorded once.
      const sheet = `Client ${plans}`;
      const row = fake.getValues(sheet, "J1:J120").findIndex((cell) => cell[0] === "bind-60.loss-runs") + 1;
      await fake.editCell(sheet, `G${row}`, "Done");
      expect(fake.getValue(sheet, `H${row}`)).toBe(TODAY);
      expect(historyRows(fake).map((r) => [r[2], r[3], r[5], r[6]])).toEqual([
        [sheet, "bind-60.loss-runs", "Not started", "Done"],
      ]);
      await stop();
    }
    expect(trips).toEqual([3, 3]);
  });

  // While a person types in a cell, a batch that does not wait fails: "When false, if the user is in cell edit when
  // the batch request is processed by the host, the batch automatically fails"
  // (https://learn.microsoft.com/javascript/api/excel/excel.runoptions); the fake's startCellEdit does the same.
  it("starts once a cell edit ends, telling the pane meanwhile, and then follows edits", async () => {
    const { fake, service } = setUp();
    const created = await service.createPlan(ACME);
    if (!created.ok) throw new Error("not created");
    await fake.settle();
    fake.startCellEdit();
    const events: PlanEvent[] = [];
    const watching = service.watch((event) => events.push(event));
    for (let waited = 0; !events.some((event) => event.kind === "watch-waiting") && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(events).toEqual([{ kind: "watch-waiting", reason: "cell-edit" }]);
    expect(fake.handlerCount()).toBe(0);
    fake.endCellEdit();
    const stop = await watching;
    expect(events.map((event) => event.kind)).toEqual(["watch-waiting", "watch-started"]);
    expect(fake.handlerCount("onChanged")).toBe(1);
    const ids = fake.getValues(SHEET, "J1:J120").map((row) => row[0]);
    const row = ids.indexOf("bind-60.loss-runs") + 1;
    await fake.editCell(SHEET, `G${row}`, "Done");
    expect(fake.getValue(SHEET, `H${row}`)).toBe(TODAY);
    expect(historyRows(fake)).toHaveLength(1);
    await stop();
  });

  it("gives up after about two minutes of a cell being edited, saying what to do", async () => {
    jest.useFakeTimers();
    try {
      const { fake, service } = setUp();
      const created = await service.createPlan(ACME);
      if (!created.ok) throw new Error("not created");
      await fake.settle();
      fake.startCellEdit();
      const outcome = service
        .watch(() => undefined)
        .then(
          () => "started",
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      let elapsed = 0;
      for (; elapsed < 300_000 && fake.syncCount >= 0; elapsed += 1000) {
        await jest.advanceTimersByTimeAsync(1000);
        if ((await Promise.race([outcome, Promise.resolve(null)])) !== null) break;
      }
      expect(await outcome).toBe(
        "Following changes in the workbook failed: a cell is being edited: press Enter or Esc in the sheet, then try again.",
      );
      expect(elapsed).toBeGreaterThan(60_000);
      expect(elapsed).toBeLessThan(180_000);
      expect(fake.handlerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it("stops watching when asked", async () => {
    const { fake, stop } = await planWithWatch();
    expect(fake.handlerCount()).toBeGreaterThan(0);
    await stop();
    expect(fake.handlerCount()).toBe(0);
  });
});
