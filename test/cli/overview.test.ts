/**
 * `service-plan overview`: My work read from a workbook of plans the command line wrote (formulas without
 * cached results, so the dates are worked out from Bind, Renewal and holidays). Runs the built command line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { format } from "date-fns";
import { calendarDate, parseIsoDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { myWork, type MyWorkPlan } from "../../src/plan/my-work";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import type { ServiceTeam } from "../../src/plan/roles";
import { describePlanSheet } from "../../src/plan/sheet";
import { COLUMN } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";
import { cli } from "../support/cli";

const AS_OF = calendarDate(2027, 3, 2);
const daysBefore = (days: number) => toIsoDate(plusDays(AS_OF, -days));

interface PlanCase {
  client: string;
  bind: string;
  team: ServiceTeam;
  holidays: string[];
  done: string[];
}
// Three plans, two people on most of them: Dana is the AE of Acme and Cobalt and Birch's Producer.
const CASES: PlanCase[] = [
  {
    client: "Acme Manufacturing, Inc.",
    bind: daysBefore(75),
    team: { AE: "Dana Whitfield", Producer: "Morgan Reyes" },
    holidays: [],
    done: ["bind-30.service-team", "bind-30.strategy-session"],
  },
  {
    client: "Birch Dental Group",
    bind: daysBefore(20),
    team: { AE: "Priya Shah", Producer: "Dana Whitfield" },
    // A holiday on a deadline moves it back a working day, in the file's formulas and here alike.
    holidays: [daysBefore(20 - 30)],
    done: [],
  },
  {
    client: "Cobalt Logistics",
    bind: daysBefore(165),
    team: { AE: "Dana Whitfield", "Associate AE": "Priya Shah" },
    holidays: [],
    done: ["bind-30.draft-plan"],
  },
];

/** The same plans read the pane's way: described, computed by a formula engine, read back. */
function enginePlans(): MyWorkPlan[] {
  return CASES.map((c) => {
    const checked = checkPlanRequest({ client: c.client, bind: c.bind, team: c.team, holidays: c.holidays });
    if (!checked.ok) throw new Error("bad case");
    const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, {
      planId: c.client,
      existingSheetNames: [],
    });
    const { hf, sheet } = hyperFormulaSheet(description);
    for (const id of c.done) {
      const row = description.rows.find((r) => r.id === id)!.row;
      hf.setCellContents({ sheet, row: row - 1, col: COLUMN.status - 1 }, "Done");
    }
    const values = hf.getSheetValues(sheet).map((row) => row.map((cell) => (typeof cell === "object" ? "" : cell)));
    return {
      sheetId: description.name,
      sheetName: description.name,
      plan: readPlanSheet(values as CellData[][], AS_OF),
    };
  });
}

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "csp-overview-"));
  book = join(dir, "book.xlsx");
  for (const [index, c] of CASES.entries()) {
    const team = join(dir, `team-${index}.json`);
    writeFileSync(team, JSON.stringify(c.team));
    const holidays = join(dir, `holidays-${index}.txt`);
    writeFileSync(holidays, c.holidays.join("\n"));
    const args = ["new", "--client", c.client, "--bind", c.bind, "--team", team, "--holidays", holidays, "--out", book];
    const result = await cli(index === 0 ? args : [...args, "--add"]);
    if (result.code !== 0) throw new Error(result.stderr);
  }
  // Statuses typed into the file, as a producer without the add-in does.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(book);
  const engine = enginePlans();
  CASES.forEach((c, index) => {
    const sheet = workbook.getWorksheet(engine[index].sheetName)!;
    for (const id of c.done) {
      const row = engine[index].plan.rows.find((r) => r.id === id)!.row;
      sheet.getCell(row, COLUMN.status).value = "Done";
    }
  });
  await workbook.xlsx.writeFile(book);
});

describe("service-plan overview", () => {
  it("lists a person's work across the plans as a formula engine computes the sheets", async () => {
    const result = await cli(["overview", book, "--person", "dana whitfield", "--as-of", "2027-03-02", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const expected = myWork(enginePlans(), { asOf: AS_OF, person: "Dana Whitfield" });
    expect(printed.sections).toEqual(expected.sections);
    expect(printed).toMatchObject({
      asOf: "2027-03-02",
      person: "Dana Whitfield",
      plans: 3,
      people: ["Dana Whitfield", "Morgan Reyes", "Priya Shah"],
      skipped: [],
    });
    const clients = new Set(
      printed.sections.flatMap((s: (typeof expected.sections)[number]) =>
        s.days.flatMap((d) => d.tasks.map((t) => t.client)),
      ),
    );
    expect(clients).toEqual(new Set(CASES.map((c) => c.client)));
  });

  it("lists everyone's work, and Priya's alone", async () => {
    for (const person of [undefined, "Priya Shah"]) {
      const args = ["overview", book, "--as-of", "2027-03-02", "--json", ...(person ? ["--person", person] : [])];
      const printed = JSON.parse((await cli(args)).stdout);
      expect(printed.sections).toEqual(myWork(enginePlans(), { asOf: AS_OF, person }).sections);
    }
  });

  it("prints the list for a person to read: each section, each date, the client on every line", async () => {
    const result = await cli(["overview", "--as-of", "2027-03-02", book, "--person", "Priya Shah"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^My work for Priya Shah, as of Tue Mar 2, 2027 \(3 plans\): \d+ overdue, \d+ due in the next 14 days, \d+ due in 15 to 30 days\.$/,
    );
    const headings = lines.filter((line) => /^\S/.test(line)).slice(1);
    expect(headings.map((h) => h.replace(/ \(\d+\)$/, ""))).toEqual([
      "Overdue",
      "Due in the next 14 days",
      "Due in 15 to 30 days",
    ]);
    // Cobalt's loss runs (AE / Associate AE) under their due date, as "Tue Nov 17, 2026".
    const due = enginePlans()[2].plan.rows.find((r) => r.id === "bind-60.loss-runs")!.due!;
    const dateLine = lines.indexOf(`  ${format(parseIsoDate(due)!, "EEE MMM d, yyyy")}`);
    expect(dateLine).toBeGreaterThan(0);
    expect(lines.slice(dateLine + 1)).toContain("    Cobalt Logistics | Obtain loss runs | 60 Days");
  });

  it.each([
    [["overview"], /^service-plan: Name the workbook to read: service-plan overview FILE\.xlsx\./],
    [["overview", "a.xlsx", "b.xlsx"], /^service-plan: Unexpected argument "b\.xlsx"\./],
    [
      ["overview", "/nonexistent/book.xlsx"],
      /^service-plan: Cannot read the workbook \/nonexistent\/book\.xlsx: it does not exist\.$/,
    ],
    [
      ["overview", "BOOK", "--as-of", "2027-02-30"],
      /^service-plan: --as-of 2027-02-30 is not a date: write it as YYYY-MM-DD/,
    ],
    [
      ["overview", "BOOK", "--person", "Sam Patel"],
      /^service-plan: Nobody called "Sam Patel" is on a plan's service team in .*book\.xlsx\. The teams name: Dana Whitfield, Morgan Reyes, Priya Shah\.$/,
    ],
    [["overview", "BOOK", "--colour"], /^service-plan: Unknown option --colour\./],
  ])("exits 2 for %j with one message and nothing on stdout", async (args, message) => {
    const result = await cli(args.map((arg) => (arg === "BOOK" ? book : arg)));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 2 for a file that is not a workbook, and for a workbook without plans", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "hello");
    const notWorkbook = await cli(["overview", text]);
    expect(notWorkbook.code).toBe(2);
    expect(notWorkbook.stderr).toMatch(/Cannot read .*notes\.xlsx: it is not an \.xlsx workbook/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet("Budget").getCell("A1").value = "2027";
    const emptyFile = join(dir, "budget.xlsx");
    await empty.xlsx.writeFile(emptyFile);
    const noPlans = await cli(["overview", emptyFile]);
    expect(noPlans.code).toBe(2);
    expect(noPlans.stderr).toMatch(/budget\.xlsx has no plan sheets: make one with service-plan new/);
  });
});
