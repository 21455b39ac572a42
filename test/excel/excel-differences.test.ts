import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { COLUMN, columnLetter, LAYOUT } from "../../src/plan/sheet-layout";
import { COLORS, STATUS_COLORS } from "../../src/plan/sheet-style";
import { STATUSES } from "../../src/plan/status";
import type { PlanEvent } from "../../src/service/types";
import { createExcelPlanService } from "../../src/excel/service";
import { listSource } from "../../src/excel/sheet-writer";
import { nextTemplate } from "../support/templates";
import { ACME, setUp } from "./harness";

/**
 * The adapter where real Excel differs from a naive fake (test/fake-excel/excel-differences.test.ts shows the fake
 * doing what Excel does): the plan sheet's rules as Excel reads them, its lists within Excel's limits, updates over
 * sheets that carry rules, edits of many cells at once, a person typing in a cell, and German Excel.
 */

const SHEET = "Acme Manufacturing, Inc.";
const TODAY = toExcelSerial(calendarDate(2027, 3, 2)); // the harness clock
const [STATUS, COMPLETED, ID] = [COLUMN.status, COLUMN.completedOn, COLUMN.id].map(columnLetter);
const hex = (color: string) => `#${color}`;

async function watchedPlan(options: Parameters<typeof setUp>[0] = {}) {
  const harness = setUp(options);
  const created = await harness.service.createPlan(ACME);
  if (!created.ok) throw new Error("not created");
  const events: PlanEvent[] = [];
  await harness.service.watch((event) => events.push(event));
  const { fake } = harness;
  const ids = () => fake.getValues(SHEET, `${ID}1:${ID}150`).map((row) => row[0]);
  const rowOf = (id: string) => ids().indexOf(id) + 1;
  const taskRows = () =>
    ids()
      .map((id, index) => ({ id, row: index + 1 }))
      .filter(({ id, row }) => row >= LAYOUT.firstDataRow && typeof id === "string" && id.split(".").length === 2);
  const history = () =>
    fake.sheetNames().includes("Plan history")
      ? fake.getValues("Plan history", "A2:G50").filter((row) => row.some((cell) => cell !== "" && cell !== null))
      : [];
  return { ...harness, sheetId: created.plan.sheetId, events, rowOf, taskRows, history };
}

describe("the status colors, read as Excel reads a rule over a range", () => {
  it("color each row by its own status, from the first task row to the last, and still after an update", async () => {
    const { fake, service, sheetId, taskRows } = await watchedPlan();
    const rows = taskRows();
    const [first, middle, last] = [rows[0].row, rows[Math.floor(rows.length / 2)].row, rows[rows.length - 1].row];
    await fake.editCell(SHEET, `${STATUS}${first}`, "In progress");
    await fake.editCell(SHEET, `${STATUS}${middle}`, "N/A");
    await fake.editCell(SHEET, `${STATUS}${last}`, "Done");
    const check = () => {
      const fillOn = (row: number) => fake.conditionalFormatsOn(SHEET, `${STATUS}${row}`).map((cf) => cf.fill)[0];
      expect([fillOn(first), fillOn(middle), fillOn(last)]).toEqual(
        [STATUS_COLORS.inProgress.fill, STATUS_COLORS.na.fill, STATUS_COLORS.done.fill].map(hex),
      );
      // The rows next to them are not colored by their neighbours' statuses.
      for (const row of [first + 1, middle + 1, last - 1]) {
        const fills = fake.conditionalFormatsOn(SHEET, `${STATUS}${row}`).map((cf) => cf.fill);
        expect([row, fills.filter((fill) => fill !== hex(STATUS_COLORS.overdue.fill))]).toEqual([
          row,
          fills.filter((fill) => fill === hex(STATUS_COLORS.dueSoon.fill)),
        ]);
      }
      // The whole row of a done task reads muted, in the first column too.
      expect(fake.conditionalFormatsOn(SHEET, `A${last}`).map((cf) => cf.fontColor)).toContain(hex(COLORS.muted));
      expect(fake.conditionalFormatsOn(SHEET, `A${last - 1}`).map((cf) => cf.fontColor)).not.toContain(
        hex(COLORS.muted),
      );
    };
    check();
    // An update pastes a rebuilt sheet over the plan (copyFrom "All"): its rules arrive as Excel reads them too.
    await service.applyUpdate(sheetId, { team: { ...ACME.team, AE: "Sam Ortiz", Claims: "Luis Ortega" } });
    check();
  });
});

describe("the lists a sheet offers", () => {
  it("fit Excel's 255 characters and hold no comma inside a choice, so every status can be picked", async () => {
    const { fake, service } = await watchedPlan();
    await service.addTemplateSheet();
    const lists = fake
      .sheetNames()
      .flatMap((name) => fake.sheet(name).validations)
      .filter((validation) => validation.type === "list")
      .map((validation) => (validation.rule as { list: { source: string } }).list.source);
    expect(lists.length).toBeGreaterThanOrEqual(3); // the plan's statuses, a template's anchors and owner marks
    for (const source of lists) expect(source.length).toBeLessThanOrEqual(255);
    expect(lists).toContain(STATUSES.join(","));
    for (const status of STATUSES) expect(status).not.toContain(",");
  });
});

describe("a list the writer is given", () => {
  it("is refused before Excel sees it when a choice holds a comma or the whole is over 255 characters", () => {
    expect(listSource(["Open", "Done"])).toBe("Open,Done");
    expect(listSource(["x".repeat(255)])).toHaveLength(255);
    expect(() => listSource(["Open", "Done, mostly"])).toThrow(/"Done, mostly" holds a comma/);
    const long = Array.from({ length: 40 }, (_, i) => `Choice number ${i + 1}`);
    expect(() => listSource(long)).toThrow(/over Excel's 255: refer to cells/);
  });
});

describe("an update over cells that carry rules of a person's own", () => {
  it("puts the plan's Status list back over the person's rule on part of the column", async () => {
    const { Excel, fake, sheetId, taskRows } = await watchedPlan();
    const rows = taskRows();
    const [from, to] = [rows[2].row, rows[5].row];
    // A person gives a few Status cells a list of their own (Data > Data Validation clears those cells' rule first).
    await Excel.run(async (context) => {
      const part = context.workbook.worksheets.getItem(SHEET).getRange(`${STATUS}${from}:${STATUS}${to}`);
      part.dataValidation.clear();
      part.dataValidation.rule = { list: { inCellDropDown: true, source: "Yes,No" } };
      await context.sync();
    });
    const listsOf = () =>
      fake
        .sheet(SHEET)
        .validations.filter((validation) => validation.address.startsWith(STATUS))
        .map((validation) => [validation.address, (validation.rule as { list: { source: string } }).list.source]);
    expect(listsOf()).toHaveLength(3); // the plan's list above and below, the person's between
    // The same workbook, opened with a newer add-in: the rebuild pastes the whole table with its rules.
    const newer = createExcelPlanService({ template: nextTemplate(), now: () => new Date(2027, 2, 2, 10, 30) });
    await newer.applyUpdate(sheetId, { upgradeTemplate: true });
    const lists = listsOf();
    expect(lists).toEqual([
      [expect.stringMatching(new RegExp(`^${STATUS}${LAYOUT.firstDataRow}:${STATUS}\\d+$`)), STATUSES.join(",")],
    ]);
    expect(Number(String(lists[0][0]).split(":")[1].slice(1))).toBeGreaterThanOrEqual(taskRows().at(-1)!.row);
  });
});

describe("edits of many cells at once, which come without details", () => {
  it("records every status a paste or a fill changes", async () => {
    const { fake, taskRows, history } = await watchedPlan();
    const rows = taskRows().map((task) => task.row);
    const pairs = rows.filter((row, i) => rows[i + 1] === row + 1);
    const [a, b] = [pairs[0], pairs.find((row) => row > pairs[0] + 1)!];
    await fake.paste(SHEET, `${STATUS}${a}`, [["Done"], ["Done"]]);
    expect(fake.getValues(SHEET, `${COMPLETED}${a}:${COMPLETED}${a + 1}`)).toEqual([[TODAY], [TODAY]]);
    expect(history().map((row) => row.slice(5))).toEqual([
      ["Not started", "Done"],
      ["Not started", "Done"],
    ]);
    // Fill Down of "In progress" from one task's Status onto the next: one write of both cells by the person.
    await fake.asPerson(async (context) => {
      const filled = context.workbook.worksheets.getItem(SHEET).getRange(`${STATUS}${b}:${STATUS}${b + 1}`);
      filled.values = [["In progress"], ["In progress"]];
      await context.sync();
    });
    expect(history().map((row) => row[6])).toEqual(["Done", "Done", "In progress", "In progress"]);
    expect(fake.handlerErrors).toEqual([]);
  });

  it("follows rows a person deletes: the plan is read again and sent without them", async () => {
    const { Excel, fake, events, rowOf } = await watchedPlan();
    const gone = rowOf("bind-30.deliverables");
    events.length = 0;
    await fake.asPerson(async (context) => {
      context.workbook.worksheets
        .getItem(SHEET)
        .getRange(`${gone}:${gone + 1}`)
        .delete(Excel.DeleteShiftDirection.up);
      await context.sync();
    });
    const changed = events.filter((event) => event.kind === "plan-changed");
    expect(changed).toHaveLength(1);
    const [event] = changed;
    if (event.kind !== "plan-changed" || !event.detail) throw new Error("no detail");
    expect(event.problems).toEqual([]);
    expect(event.detail.tasks.map((task) => task.taskId)).not.toContain("bind-30.deliverables");
    expect(fake.handlerErrors).toEqual([]);
  });
});

describe("a person typing in a cell while the add-in writes", () => {
  const settleTicks = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it("waits: a status set from the pane lands whole once the person presses Enter, nothing before", async () => {
    const { fake, service, sheetId, rowOf, history } = await watchedPlan();
    const row = rowOf("bind-60.loss-runs");
    fake.startCellEdit();
    let done = false;
    const change = service.setTaskStatus(sheetId, "bind-60.loss-runs", "Done").then((result) => {
      done = true;
      return result;
    });
    await settleTicks();
    expect([done, fake.getValue(SHEET, `${STATUS}${row}`), fake.getValue(SHEET, `${COMPLETED}${row}`)]).toEqual([
      false,
      "Not started",
      "",
    ]);
    expect(history()).toEqual([]);
    await fake.endCellEdit();
    await expect(change).resolves.toEqual({ historyNote: null });
    expect([fake.getValue(SHEET, `${STATUS}${row}`), fake.getValue(SHEET, `${COMPLETED}${row}`)]).toEqual([
      "Done",
      TODAY,
    ]);
    expect(history().map((row) => row.slice(3))).toEqual([
      ["bind-60.loss-runs", "Obtain loss runs", "Not started", "Done"],
    ]);
  });

  it("waits in the middle of a new plan too: the plan lands whole, no staging sheet is left", async () => {
    const { fake, service } = setUp();
    let started = false;
    // The person double-clicks a cell once the first write of the new plan has gone out.
    fake.failOn(
      () => {
        if (!started) fake.startCellEdit();
        started = true;
        return false;
      },
      "GeneralException",
      "never",
      { once: false },
    );
    const creating = service.createPlan(ACME);
    await settleTicks();
    expect(fake.inCellEdit).toBe(true);
    await fake.endCellEdit();
    const created = await creating;
    expect(created.ok).toBe(true);
    expect(fake.sheetNames().filter((name) => name.startsWith("~"))).toEqual([]);
    expect(fake.sheetNames()).toContain(SHEET);
  });
});

describe("German Excel", () => {
  const adapter = join(__dirname, "..", "..", "src", "excel");
  const sources = readdirSync(adapter)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file, text: readFileSync(join(adapter, file), "utf8") }));

  it("the adapter never reads local text as data: no formulasLocal, numberFormatLocal or range text", () => {
    const local =
      /\b(formulasLocal|numberFormatLocal|valuesAsJsonLocal|formulaLocal)\b|\.text\b(?!\s*[:=])|["'`][^"'`]*\btext\b[^"'`]*["'`]\s*\)/;
    const found = sources.flatMap(({ file, text }) =>
      text.split("\n").flatMap((line, index) => {
        const code = line.replace(/\/\/.*$|^\s*\*.*$/, "");
        // A description's own text cell (value.text of a CellValue) is the plan's data, not a range's.
        if (/value\.text\b/.test(code)) return [];
        return local.test(code) ? [`${file}:${index + 1}: ${line.trim()}`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  it("creates, reads and follows a plan: dates typed as 15.02.2027, statuses picked from the list", async () => {
    const { fake, service, sheetId, events, rowOf, history } = await watchedPlan({ locale: "de-DE" });
    expect(fake.getValue(SHEET, "B4")).toBe(toExcelSerial(calendarDate(2027, 1, 15)));
    events.length = 0;
    await fake.editCell(SHEET, "B4", "15.02.2027");
    const changed = events.find((event) => event.kind === "plan-changed");
    if (changed?.kind !== "plan-changed" || !changed.detail) throw new Error("no detail");
    expect(changed.problems).toEqual([]);
    expect([changed.detail.bind, changed.detail.renewal]).toEqual(["2027-02-15", "2028-02-15"]);
    const row = rowOf("bind-60.loss-runs");
    await fake.editCell(SHEET, `${STATUS}${row}`, "Done");
    expect(fake.getValue(SHEET, `${COMPLETED}${row}`)).toBe(TODAY);
    expect(history().map((line) => line.slice(3))).toEqual([
      ["bind-60.loss-runs", "Obtain loss runs", "Not started", "Done"],
    ]);
    const detail = await service.readPlan(sheetId);
    expect(detail.bind).toBe("2027-02-15");
    expect(detail.tasks.find((task) => task.taskId === "bind-60.loss-runs")?.status).toBe("Done");
  });
});
