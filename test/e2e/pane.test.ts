/**
 * End to end: the production pane (built as `npm run build` builds it) in headless Chromium, against the strict
 * Office.js Excel fake served in place of Microsoft's office.js. The pane runs unchanged through the real adapter;
 * the test acts like a person (roles and accessible names) and like Excel (`window.__fakeExcel.editCell`).
 *
 * Output (git-ignored): test-output/e2e/ (builds), test-output/screenshots/*.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import {
  CHROMIUM_PATH,
  OFFICE_JS_URL,
  buildE2e,
  chromiumAvailable,
  e2eBuildDirs,
  launchChromium,
  repoRoot,
  routeOffice,
  serveFakeOfficeCdn,
  serveStatic,
  type OfficeCdn,
  type OfficeSource,
  type StaticServer,
} from "./harness";
import type {} from "./fake-host"; // the window.__fakeExcel / window.__fakeHost declarations

const ROOT = repoRoot();
const SCREENSHOTS = join(ROOT, "test-output", "screenshots");
const CLIENT = "Acme Manufacturing, Inc.";
type PlanTeam = Partial<Record<"Producer" | "AE" | "Associate AE", string>>;
const TEAM: PlanTeam = { Producer: "Morgan Reyes", AE: "Dana Whitfield", "Associate AE": "Priya Shah" };
const WIDTH = 320;

/** Retries `check` until it stops throwing (Excel's events and the pane's debounced re-reads take a moment). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

function isoPlusDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function isoOfSerial(serial: number): string {
  return new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);
}

/** "Overdue (3)" → 3, read from the pane's heading of that list. */
async function countIn(page: Page, list: "Overdue" | "Due in the next 14 days"): Promise<number> {
  const heading = page.getByRole("heading", { name: new RegExp(`^${list} \\(\\d+\\)$`) });
  const text = (await heading.textContent()) ?? "";
  return Number(/\((\d+)\)/.exec(text)?.[1]);
}

/** The task names of one At a glance list, in order. */
async function tasksIn(page: Page, list: "Overdue" | "Due in the next 14 days"): Promise<string[]> {
  const items = page.getByRole("list", { name: new RegExp(`^${list} \\(`) }).getByRole("button");
  return (await items.allTextContents()).map((text) => text.trim());
}

/** The Due date the pane shows under a task ("Overdue Jan 3, 2025"), as the ISO date its <time> carries. */
async function dueShown(page: Page, task: string): Promise<string> {
  const button = page.getByRole("button", { name: task, exact: true });
  const describedBy = await button.getAttribute("aria-describedby");
  const meta = page.locator(`[id="${describedBy}"]`);
  if (!/^(Overdue|Due) \w{3} \d{1,2}, \d{4}/.test((await meta.textContent()) ?? "")) {
    throw new Error(`No readable due date in "${await meta.textContent()}"`);
  }
  return (await meta.locator("time").first().getAttribute("datetime")) ?? "";
}

/** The "Bound …" date under the At a glance heading, found by its ISO date. */
function boundDate(page: Page, iso: string) {
  return page.locator(`p:has-text("Bound") time[datetime="${iso}"]`);
}

interface SheetRowInfo {
  row: number;
  task: string;
  due: number | string;
  status: string;
  completedOn: number | string;
}

/** The plan's task rows as the fake workbook holds them (B task, F due, G status, H completed on). */
function planRows(page: Page, sheet: string): Promise<SheetRowInfo[]> {
  return page.evaluate((name) => {
    const rows = window.__fakeHost.values(name);
    return rows
      .map((cells, index) => ({
        row: index + 1,
        task: String(cells[1] ?? ""),
        due: cells[5] as number | string,
        status: String(cells[6] ?? ""),
        completedOn: cells[7] as number | string,
      }))
      .filter((r) => r.row >= 10 && r.task !== "" && (r.status !== "" || typeof r.due === "number"));
  }, sheet);
}

async function rowOf(page: Page, sheet: string, task: string): Promise<SheetRowInfo> {
  const row = (await planRows(page, sheet)).find((r) => r.task === task);
  if (!row) throw new Error(`No row for "${task}" on "${sheet}"`);
  return row;
}

function historyRows(page: Page): Promise<unknown[][]> {
  return page.evaluate(() =>
    window.__fakeExcel.sheetNames().includes("Plan history") ? window.__fakeHost.values("Plan history") : [],
  );
}

interface MyWorkLine {
  section: string;
  due: string;
  client: string;
  task: string;
}

/** My work's lines in the order the pane shows them: section, date (ISO, from its <time>), client, task. */
function myWorkLines(page: Page): Promise<MyWorkLine[]> {
  return page.evaluate(() => {
    const lines: MyWorkLine[] = [];
    for (const heading of document.querySelectorAll("h3")) {
      const list = document.querySelector(`ul[aria-labelledby="${heading.id}"]`);
      for (const day of list?.children ?? []) {
        const due = day.querySelector("h4 time")?.getAttribute("datetime") ?? "";
        for (const line of day.querySelectorAll("ul > li")) {
          const [client, task] = [...line.children].map((part) => part.textContent ?? "");
          lines.push({ section: (heading.textContent ?? "").replace(/ \(\d+\)$/, ""), due, client, task });
        }
      }
    }
    return lines;
  });
}

/**
 * What My work must list for `person` as of `today`, worked out from the sheets' cells as the fake holds them: rows
 * of the task table (from row 13) that name the person in Assigned to (D), have a Due date (F) within 30 days and a
 * status (G) that is not Done or N/A; by section, date, client, row.
 */
async function myWorkOnSheets(page: Page, plans: Record<string, string>, person: string, today: string) {
  const sections = ["Overdue", "Due in the next 14 days", "Due in 15 to 30 days"];
  const expected: (MyWorkLine & { row: number })[] = [];
  for (const [sheet, client] of Object.entries(plans)) {
    const rows = await page.evaluate((name) => window.__fakeHost.values(name), sheet);
    rows.forEach((cells, index) => {
      const [task, assigned, due, status] = [cells[1], cells[3], cells[5], String(cells[6] ?? "").trim()];
      if (index + 1 < 13 || typeof due !== "number" || ["", "Done", "N/A"].includes(status)) return;
      if (!String(assigned).split(", ").includes(person)) return;
      const iso = isoOfSerial(due);
      if (iso > isoPlusDays(today, 30)) return;
      const section = iso < today ? sections[0] : iso <= isoPlusDays(today, 14) ? sections[1] : sections[2];
      expected.push({ section, due: iso, client, task: String(task), row: index + 1 });
    });
  }
  const order = (line: MyWorkLine & { row: number }) =>
    [sections.indexOf(line.section), line.due, line.client, String(line.row).padStart(4, "0")].join("|");
  return expected
    .sort((a, b) => (order(a) < order(b) ? -1 : 1))
    .map(({ section, due, client, task }) => ({ section, due, client, task }));
}

if (!chromiumAvailable()) {
  if (process.env.CI) {
    test("Chromium is installed for the end-to-end test", () => {
      throw new Error(`${CHROMIUM_PATH} is missing; .ci/run installs chromium (apt-get install chromium).`);
    });
  } else {
    console.warn(`Skipping the end-to-end pane test: ${CHROMIUM_PATH} is missing (apt-get install chromium).`);
    test.skip("end-to-end pane test (needs Chromium)", () => undefined);
  }
} else {
  describe("the production pane in Chromium", () => {
    let browser: Browser;
    let server: StaticServer;
    let officeCdn: OfficeCdn;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      // jest's global setup (test/global-setup.js) has built the pane and the host, outside any hook timeout;
      // this reuses those builds, and rebuilds only if a source changed since.
      const { builtPane, hostBundle } = await buildE2e();
      if (builtPane) console.warn("e2e: the pane's sources changed after the global setup built it; rebuilt");
      server = await serveStatic(e2eBuildDirs().pane);
      officeCdn = await serveFakeOfficeCdn(dirname(hostBundle));
      browser = await launchChromium(officeCdn);
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await officeCdn?.close();
    });

    afterEach(async () => {
      for (const context of contexts.splice(0)) await context.close();
    });

    /** A fresh page (own storage, 320 px wide) whose office.js comes from `source`; page errors are collected. */
    async function newPage(source: OfficeSource): Promise<{ page: Page; errors: Error[] }> {
      const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await routeOffice(page, source, server.url);
      return { page, errors };
    }

    /** The pane inside "Excel" (the fake host with one sheet, Sheet1), ready for input. */
    async function openPane(theme?: "light" | "dark"): Promise<{ page: Page; errors: Error[] }> {
      const opened = await newPage({ kind: "fake" });
      await opened.page.goto(`${server.url}taskpane.html${theme ? `?theme=${theme}` : ""}`);
      await opened.page.getByRole("textbox", { name: "Client name" }).waitFor();
      return opened;
    }

    function today(page: Page): Promise<string> {
      return page.evaluate(() => window.__fakeHost.today());
    }

    /** Fills the New plan form like a person and creates the plan; returns the new sheet's name. */
    async function createPlan(page: Page, bind: string, client = CLIENT, team: PlanTeam = TEAM): Promise<string> {
      const main = page.getByRole("main", { name: "Client Service Plan" });
      const before = await page.evaluate(() => window.__fakeExcel.sheetNames());
      await main.getByRole("textbox", { name: "Client name" }).fill(client);
      await main.getByRole("textbox", { name: "Bind date" }).fill(bind);
      for (const role of ["Producer", "AE", "Associate AE"] as const) {
        await main.getByRole("textbox", { name: role, exact: true }).fill(team[role] ?? "");
      }
      await main.getByRole("button", { name: "Create plan" }).click();
      await page.getByText("Plan created").waitFor();
      // Writing a plan raises hundreds of format events; the fake takes over 500 without a pause for a loop.
      await page.evaluate(() => window.__fakeExcel.settle());
      // The new sheet that holds the client (B3): the plan, whatever else creating it added.
      const added = await page.evaluate(
        ([earlier, name]) =>
          window.__fakeExcel
            .sheetNames()
            .filter((sheet) => !earlier.includes(sheet) && window.__fakeExcel.getValue(sheet, "B3") === name),
        [before, client] as const,
      );
      expect(added).toHaveLength(1);
      return added[0];
    }

    /** A plan bound 50 days ago (its 30-day tasks are late, its 60-day tasks due soon), shown At a glance. */
    async function planAtAGlance(page: Page): Promise<{ sheet: string; bind: string; today: string }> {
      const now = await today(page);
      const bind = isoPlusDays(now, -50);
      const sheet = await createPlan(page, bind);
      await page.getByRole("button", { name: "See it at a glance" }).click();
      await page.getByRole("heading", { name: `${CLIENT} at a glance` }).waitFor();
      return { sheet, bind, today: now };
    }

    function tab(page: Page, name: string): Locator {
      return page.getByRole("tab", { name, exact: true });
    }

    test("creates a plan, follows Bind and Status edits in Excel, stamps Done and writes history", async () => {
      const { page, errors } = await openPane();
      const main = page.getByRole("main", { name: "Client Service Plan" });
      await expect(main.getByRole("heading", { level: 1, name: "Client Service Plan" }).isVisible()).resolves.toBe(
        true,
      );
      for (const name of ["New plan", "Plans", "At a glance", "My work", "Update"]) {
        await expect(tab(page, name).isVisible()).resolves.toBe(true);
      }
      await expect(tab(page, "New plan").getAttribute("aria-selected")).resolves.toBe("true");

      // --- Create: bind 50 days ago, so some tasks are late and some come up within 14 days.
      const { sheet, bind, today: now } = await planAtAGlance(page);
      const bindCell = await page.evaluate((name) => window.__fakeExcel.getValue(name, "B4"), sheet);
      expect(bindCell).toBe(await page.evaluate((iso) => window.__fakeHost.serial(iso), bind));
      const clientCell = await page.evaluate((name) => window.__fakeExcel.getValue(name, "B3"), sheet);
      expect(clientCell).toBe(CLIENT);
      await expect(boundDate(page, bind).isVisible()).resolves.toBe(true);
      const overdueBefore = await countIn(page, "Overdue");
      const dueSoonBefore = await countIn(page, "Due in the next 14 days");
      expect(overdueBefore).toBeGreaterThan(0);
      expect(dueSoonBefore).toBeGreaterThan(0);
      // The pane's lists agree with the engine's Due cells in the fake workbook.
      const rows = await planRows(page, sheet);
      const open = rows.filter((r) => typeof r.due === "number" && r.status === "Not started");
      const lateOnSheet = open.filter((r) => isoOfSerial(r.due as number) < now).map((r) => r.task);
      expect((await tasksIn(page, "Overdue")).sort()).toEqual([...lateOnSheet].sort());
      // The new plan is listed under Plans too, as the open one.
      await tab(page, "Plans").click();
      const planButton = page.getByRole("list", { name: "Plans" }).getByRole("button", { name: CLIENT });
      await expect(planButton.getAttribute("aria-current")).resolves.toBe("true");
      await tab(page, "At a glance").click();

      // --- Bind edited in Excel, 30 days earlier: the pane's dates move to the engine's new values.
      const watched = (await tasksIn(page, "Due in the next 14 days"))[0];
      const dueBefore = await dueShown(page, watched);
      expect(isoOfSerial((await rowOf(page, sheet, watched)).due as number)).toBe(dueBefore);
      const newBind = isoPlusDays(bind, -30);
      const newSerial = await page.evaluate((iso) => window.__fakeHost.serial(iso), newBind);
      await page.evaluate(([name, serial]) => window.__fakeExcel.editCell(name, "B4", serial), [
        sheet,
        newSerial,
      ] as const);
      await eventually(async () => expect(await boundDate(page, newBind).count()).toBe(1));
      const engineDue = isoOfSerial((await rowOf(page, sheet, watched)).due as number);
      expect(engineDue < dueBefore).toBe(true);
      expect(engineDue < now).toBe(true);
      await eventually(async () => expect(await tasksIn(page, "Overdue")).toContain(watched));
      expect(await dueShown(page, watched)).toBe(engineDue);
      expect(await tasksIn(page, "Due in the next 14 days")).not.toContain(watched);
      const overdueAfterBind = await countIn(page, "Overdue");
      expect(overdueAfterBind).toBeGreaterThan(overdueBefore);
      const lateNow = (await planRows(page, sheet)).filter(
        (r) => typeof r.due === "number" && r.status === "Not started" && isoOfSerial(r.due) < now,
      );
      expect(overdueAfterBind).toBe(lateNow.length);
      expect(await countIn(page, "Due in the next 14 days")).toBeGreaterThan(0);

      // --- Done from the pane: Completed on stamped with today, a history row, the task leaves the list.
      const first = (await tasksIn(page, "Overdue"))[0];
      const todaySerial = await page.evaluate((iso) => window.__fakeHost.serial(iso), now);
      await page.getByRole("combobox", { name: `Status of ${first}` }).selectOption("Done");
      await eventually(async () => {
        const row = await rowOf(page, sheet, first);
        expect(row.status).toBe("Done");
        expect(row.completedOn).toBe(todaySerial);
      });
      await eventually(async () => expect(await countIn(page, "Overdue")).toBe(overdueAfterBind - 1));
      expect(await tasksIn(page, "Overdue")).not.toContain(first);
      let history = await historyRows(page);
      expect(history[0]).toEqual(["When", "Client", "Plan sheet", "Task id", "Task", "From", "To"]);
      expect(history.slice(1)).toEqual([
        [expect.any(Number), CLIENT, sheet, expect.any(String), first, "Not started", "Done"],
      ]);
      expect(isoOfSerial(Math.floor(history[1][0] as number))).toBe(now);
      const historyTable = await page.evaluate(() => window.__fakeExcel.table("PlanHistory").rows.length);
      expect(historyTable).toBe(1);

      // --- Done typed in the sheet: the pane follows, the adapter stamps Completed on and writes history.
      const second = (await tasksIn(page, "Overdue"))[0];
      const secondRow = await rowOf(page, sheet, second);
      await page.evaluate(([name, address]) => window.__fakeExcel.editCell(name, address, "Done"), [
        sheet,
        `G${secondRow.row}`,
      ] as const);
      await eventually(async () => expect(await tasksIn(page, "Overdue")).not.toContain(second));
      expect(await countIn(page, "Overdue")).toBe(overdueAfterBind - 2);
      expect((await rowOf(page, sheet, second)).completedOn).toBe(todaySerial);
      history = await historyRows(page);
      expect(history.slice(1).map((r) => r.slice(4))).toEqual([
        [first, "Not started", "Done"],
        [second, "Not started", "Done"],
      ]);

      // --- A co-author's edit: the pane refreshes, the add-in writes nothing.
      const third = (await tasksIn(page, "Due in the next 14 days"))[0];
      const thirdRow = await rowOf(page, sheet, third);
      const writesBefore = await page.evaluate(() => window.__fakeExcel.writeCount);
      await page.evaluate(
        ([name, address]) => window.__fakeExcel.editCell(name, address, "In progress", { source: "Remote" }),
        [sheet, `G${thirdRow.row}`] as const,
      );
      await eventually(async () =>
        expect(await page.getByRole("combobox", { name: `Status of ${third}` }).inputValue()).toBe("In progress"),
      );
      await page.evaluate(() => window.__fakeExcel.settle());
      expect(await page.evaluate(() => window.__fakeExcel.writeCount)).toBe(writesBefore);
      expect((await historyRows(page)).length).toBe(3);
      expect((await rowOf(page, sheet, third)).completedOn).toBe("");

      const handlerErrors = await page.evaluate(() => window.__fakeExcel.handlerErrors.map(String));
      expect(handlerErrors).toEqual([]);
      expect(errors).toEqual([]);
    });

    test("My work lists a person's work across three plans, selects and changes it, follows a co-author", async () => {
      const { page, errors } = await openPane();
      const now = await today(page);
      // Dana Whitfield and Priya Shah share three accounts: Acme's 30-day work is late and its 60-day work due
      // soon, Birch's 60-day work late and its 90-day work 15 to 30 days out, Cedar's 30-day work 15 to 30 days out.
      const dana = { AE: "Dana Whitfield", "Associate AE": "Priya Shah" };
      const plans: Record<string, string> = {};
      plans[await createPlan(page, isoPlusDays(now, -50), CLIENT, dana)] = CLIENT;
      const birch = await createPlan(page, isoPlusDays(now, -70), "Birch Dental Group", {
        AE: "Priya Shah",
        "Associate AE": "Dana Whitfield",
      });
      plans[birch] = "Birch Dental Group";
      plans[await createPlan(page, isoPlusDays(now, -5), "Cedar Logistics", dana)] = "Cedar Logistics";

      await tab(page, "My work").click();
      await page.getByRole("heading", { level: 2, name: "My work" }).waitFor();
      const whose = page.getByRole("combobox", { name: "Whose work" });
      await whose.waitFor();
      await eventually(async () =>
        expect((await whose.locator("option").allTextContents()).slice(0, 3)).toEqual([
          "Everyone",
          "Dana Whitfield",
          "Priya Shah",
        ]),
      );
      await whose.selectOption({ label: "Dana Whitfield" });
      const status = page.getByRole("status").filter({ hasText: /^Dana Whitfield: / });
      await status.waitFor();

      // The pane lists exactly what the three sheets hold for Dana, in order, from every plan and in every section.
      const expected = await myWorkOnSheets(page, plans, "Dana Whitfield", now);
      expect(await myWorkLines(page)).toEqual(expected);
      expect(new Set(expected.map((line) => line.client))).toEqual(new Set(Object.values(plans)));
      expect(new Set(expected.map((line) => line.section)).size).toBe(3);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, `my-work-${WIDTH}.png`) });

      // Choosing a line selects its row on its sheet.
      const late = expected.find((line) => line.client === "Birch Dental Group" && line.section === "Overdue");
      if (!late) throw new Error("Birch has no overdue work for Dana");
      const line = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("button", { name: late.task, exact: true }) })
        .filter({ hasText: late.client })
        .first();
      await line.getByRole("button", { name: late.task, exact: true }).click();
      await eventually(async () => {
        const selection = await page.evaluate(() => window.__fakeExcel.selection);
        expect(selection?.sheetName).toBe(birch);
        const cell = await page.evaluate(([name, at]) => window.__fakeExcel.getValue(name, at), [
          birch,
          selection?.address ?? "",
        ] as const);
        expect(cell).toBe(late.task);
      });
      const row = Number(/\d+$/.exec((await page.evaluate(() => window.__fakeExcel.selection?.address)) ?? "")?.[0]);

      // Done on the spot: the sheet's Status and Completed on, a Plan history row, and the line leaves the list.
      const todaySerial = await page.evaluate((iso) => window.__fakeHost.serial(iso), now);
      await line.getByRole("combobox", { name: `Status of ${late.task}, ${late.client}` }).selectOption("Done");
      await eventually(async () => {
        expect(
          await page.evaluate(([name, at]) => window.__fakeExcel.getValue(name, at), [birch, `G${row}`] as const),
        ).toBe("Done");
        expect(
          await page.evaluate(([name, at]) => window.__fakeExcel.getValue(name, at), [birch, `H${row}`] as const),
        ).toBe(todaySerial);
      });
      await eventually(async () =>
        expect(await myWorkLines(page)).toEqual(await myWorkOnSheets(page, plans, "Dana Whitfield", now)),
      );
      expect((await myWorkLines(page)).length).toBe(expected.length - 1);
      expect((await historyRows(page)).slice(1).map((r) => r.slice(1, 7))).toEqual([
        ["Birch Dental Group", birch, expect.any(String), late.task, "Not started", "Done"],
      ]);

      // A co-author hands one of Dana's Acme tasks to Priya: My work follows, and the add-in writes nothing.
      const acme = Object.keys(plans).find((sheet) => plans[sheet] === CLIENT)!;
      const handed = (await myWorkOnSheets(page, plans, "Dana Whitfield", now)).find((l) => l.client === CLIENT)!;
      const handedRow =
        (await page.evaluate((name) => window.__fakeHost.values(name), acme)).findIndex(
          (cells, index) => index >= 12 && cells[1] === handed.task && String(cells[3]).includes("Dana Whitfield"),
        ) + 1;
      await page.evaluate(() => window.__fakeExcel.settle());
      const writesBefore = await page.evaluate(() => window.__fakeExcel.writeCount);
      await page.evaluate(
        ([name, address]) => window.__fakeExcel.editCell(name, address, "Priya Shah", { source: "Remote" }),
        [acme, `D${handedRow}`] as const,
      );
      const after = await myWorkOnSheets(page, plans, "Dana Whitfield", now);
      expect(after.length).toBe(expected.length - 2);
      await eventually(async () => expect(await myWorkLines(page)).toEqual(after));
      await page.evaluate(() => window.__fakeExcel.settle());
      expect(await page.evaluate(() => window.__fakeExcel.writeCount)).toBe(writesBefore);

      expect(await page.evaluate(() => window.__fakeExcel.handlerErrors.map(String))).toEqual([]);
      expect(errors).toEqual([]);
    });

    test("updates the service team and repairs a typed-over date through their dialogs", async () => {
      const { page, errors } = await openPane();
      const { sheet } = await planAtAGlance(page);
      await tab(page, "Update").click();
      const main = page.getByRole("main", { name: "Client Service Plan" });

      await main.getByRole("textbox", { name: "AE", exact: true }).fill("Sam Ortiz");
      await main.getByRole("button", { name: "Update service team" }).click();
      const dialog = page.getByRole("dialog", { name: "Update the service team?" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("Sam Ortiz");
      await dialog.getByRole("button", { name: "Apply update" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByText(/Service team updated/).waitFor();
      const assigned = (await page.evaluate((name) => window.__fakeHost.values(name), sheet)).map((r) => r[3]);
      expect(assigned).toContain("Sam Ortiz");
      expect(assigned).not.toContain("Dana Whitfield");

      // Someone types a date over a Due formula; Check formulas finds it and puts the formula back.
      const target = (await planRows(page, sheet)).find((r) => typeof r.due === "number");
      if (!target) throw new Error("no dated task");
      const [formulaBefore] = await page.evaluate(
        ([name, address]) => window.__fakeExcel.getFormulas(name, address)[0],
        [sheet, `F${target.row}`] as const,
      );
      expect(String(formulaBefore)).toMatch(/^=/);
      await page.evaluate(([name, address]) => window.__fakeExcel.editCell(name, address, "2030-01-01"), [
        sheet,
        `F${target.row}`,
      ] as const);
      await main.getByRole("button", { name: "Check formulas" }).click();
      const repair = page.getByRole("dialog", { name: "Repair the date formulas?" });
      await repair.waitFor();
      expect(await repair.getByRole("list", { name: "Cells to repair" }).textContent()).toContain(`F${target.row}`);
      await repair.getByRole("button", { name: "Repair 1 cell" }).click();
      await repair.waitFor({ state: "hidden" });
      const [formulaAfter] = await page.evaluate(
        ([name, address]) => window.__fakeExcel.getFormulas(name, address)[0],
        [sheet, `F${target.row}`] as const,
      );
      expect(formulaAfter).toBe(formulaBefore);
      expect(errors).toEqual([]);
    });

    test("At a glance puts the plan's heading and its dates on lines of their own", async () => {
      const { page } = await openPane();
      const { bind } = await planAtAGlance(page);
      const heading = await page.getByRole("heading", { level: 2, name: `${CLIENT} at a glance` }).boundingBox();
      const dates = await boundDate(page, bind).boundingBox();
      if (!heading || !dates) throw new Error("heading or dates not rendered");
      // Both are inline Fluent Text elements inside a plain <div>: without display:block they share a line
      // ("…at a glanceBound 2026-…").
      expect(dates.y).toBeGreaterThanOrEqual(heading.y + heading.height - 1);
    });

    for (const theme of ["light", "dark"] as const) {
      test(`${theme}: no serious accessibility problems on any tab at ${WIDTH} px, no horizontal scroll`, async () => {
        const { page, errors } = await openPane(theme);
        const axeSource = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
        const problems: string[] = [];
        const audit = async (where: string) => {
          // Fluent fades dialogs and messages in; axe would measure contrast half-way through the fade.
          await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
          await page.addScriptTag({ content: axeSource });
          const results = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
            const run = await axe.run(document, { resultTypes: ["violations"] });
            // Tabster's focus sentinels (<i aria-hidden tabindex=0 data-tabster-dummy>, used by Fluent's TabList,
            // Dialog...) pass focus on at once and are hidden from screen readers on purpose; axe's
            // aria-hidden-focus flags them anyway (known false positive: microsoft/tabster#288).
            const sentinel = (selector: string) =>
              document.querySelector(selector)?.hasAttribute("data-tabster-dummy") ?? false;
            return run.violations
              .map((v) => ({
                id: v.id,
                impact: v.impact ?? "unknown",
                help: v.help,
                nodes: v.nodes
                  .filter((n) => !(v.id === "aria-hidden-focus" && sentinel(String(n.target[0]))))
                  .map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)} ${n.failureSummary ?? ""}`),
              }))
              .filter((v) => v.nodes.length > 0);
          });
          for (const v of results) {
            const line = `${theme} ${where}: [${v.impact}] ${v.id} ${v.help}\n  ${v.nodes.slice(0, 5).join("\n  ")}`;
            if (v.impact === "serious" || v.impact === "critical") problems.push(line);
            else console.log(`axe (minor) ${line}`);
          }
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > WIDTH)
            problems.push(`${theme} ${where}: page is ${scrollWidth} px wide (scrolls sideways)`);
        };

        expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe(theme);
        // The five tabs sit on one line, and no label wraps inside its tab.
        const tabBoxes = await page
          .getByRole("tab")
          .evaluateAll((tabs) => tabs.map((t) => [t.getBoundingClientRect().top, t.getBoundingClientRect().height]));
        expect(tabBoxes).toHaveLength(5);
        expect(new Set(tabBoxes.map(([top]) => top)).size).toBe(1);
        expect(new Set(tabBoxes.map(([, height]) => height)).size).toBe(1);
        await audit("New plan (empty workbook)");
        if (theme === "light") await page.screenshot({ path: join(SCREENSHOTS, `pane-new-plan-${WIDTH}.png`) });
        await planAtAGlance(page);
        expect(await countIn(page, "Overdue")).toBeGreaterThan(0);
        expect(await countIn(page, "Due in the next 14 days")).toBeGreaterThan(0);
        await audit("At a glance");
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SCREENSHOTS, `pane-${theme}-${WIDTH}.png`) });
        await tab(page, "My work").click();
        await page
          .getByRole("status")
          .filter({ hasText: /^Everyone: / })
          .waitFor();
        await audit("My work");
        await tab(page, "Plans").click();
        await page.getByRole("heading", { name: "Plans in this workbook" }).waitFor();
        await audit("Plans");
        const shoot = (name: string) =>
          theme === "light" ? page.screenshot({ path: join(SCREENSHOTS, `pane-${name}-${WIDTH}.png`) }) : null;
        await shoot("plans");
        await tab(page, "Update").click();
        await page.getByRole("button", { name: "Check formulas" }).waitFor();
        await audit("Update & repair");
        await shoot("update");
        await page.getByRole("button", { name: "Update service team" }).click();
        await page.getByRole("dialog", { name: "Update the service team?" }).waitFor();
        await audit("Update dialog");
        await shoot("update-dialog");
        await page.keyboard.press("Escape");
        await tab(page, "New plan").click();
        await page.getByRole("button", { name: "Create plan" }).click();
        await page.getByText(/fields? needs? attention/).waitFor();
        await audit("New plan (with field errors)");
        await shoot("new-plan-errors");

        expect(problems).toEqual([]);
        expect(errors).toEqual([]);
      });
    }

    const outside: [string, OfficeSource][] = [
      ["in a plain browser (Microsoft's real office.js)", { kind: "real" }],
      ["when office.js cannot be loaded", { kind: "abort" }],
    ];
    for (const [when, source] of outside) {
      test(`says it runs inside Excel ${when}`, async () => {
        const { page, errors } = await newPage(source);
        const officeRequests: string[] = [];
        page.on("request", (request) => {
          if (request.url() === OFFICE_JS_URL) officeRequests.push(request.url());
        });
        await page.goto(`${server.url}taskpane.html`);
        const heading = page.getByRole("heading", { level: 1, name: "Client Service Plan runs inside Excel" });
        await heading.waitFor({ timeout: 15_000 });
        expect(await page.getByRole("main").isVisible()).toBe(true);
        const text = (await page.locator("body").innerText()).trim();
        expect(text).toMatch(source.kind === "abort" ? /could not be loaded/ : /opened outside Excel/);
        expect(officeRequests).toEqual([OFFICE_JS_URL]);
        if (source.kind === "real") {
          expect(await page.evaluate(() => typeof Office !== "undefined" && typeof Office.onReady)).toBe("function");
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
        // Give late scripts (office.js loads more of itself) a moment to fail, if they were going to.
        await page.waitForTimeout(500);
        expect(errors.map((error) => error.message)).toEqual([]);
      });
    }
  });
}
