/**
 * A workbook of plans and its Book overview in LibreOffice, with no add-in: the plans' summary cells and the
 * overview recalculate after a producer types a new Bind date, the command line's My work reads the same
 * from a file LibreOffice saved (cached results) as from one it never opened (dates worked out itself), and
 * the overview prints on one page wide. The printed page is saved as test-output/book-overview.png.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { OVERVIEW_COLUMN, OVERVIEW_COLUMNS, OVERVIEW_LAYOUT, OVERVIEW_SHEET_NAME } from "../../src/plan/book-overview";
import { calendarDate, plusDays, toIsoDate, type CalendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import type { CellData } from "../../src/plan/read-sheet";
import type { ServiceTeam } from "../../src/plan/roles";
import { describePlanSheet, type RowEntry, type SheetDescription } from "../../src/plan/sheet";
import { address, COLUMN, LAYOUT, SUMMARY, teamCells, type SummaryFigure } from "../../src/plan/sheet-layout";
import { computeSchedule } from "../../src/plan/schedule";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest, type PlanInputs } from "../../src/plan/validate";
import { writeBookWorkbook } from "../../src/xlsx/book";
import { worksheetCells } from "../../src/xlsx/read-workbook";
import { expectedSummary } from "../support/expected-summary";
import { convertWithLibreOffice, libreOfficeInstalled } from "../support/libreoffice";
import { random } from "../support/random";
import { typeInto, validationRules } from "../support/typing";
import { readXlsx } from "../support/xlsx-xml";

const run = promisify(execFile);
const OUTPUT = join(__dirname, "..", "..", "test-output");
const BIN = join(__dirname, "..", "..", "bin", "service-plan.js");

/** The day on the clock LibreOffice's TODAY() reads: the local day (the suite's zone, see global-setup.js). */
function localToday(): CalendarDate {
  const now = new Date();
  return calendarDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
const TODAY = localToday();

interface BookPlan {
  client: string;
  /** Days since binding (negative: bound in the future). */
  bound: number;
  team: ServiceTeam;
  /** How likely a task already due was done on time: the rest is overdue. */
  onTime: number;
}

/** An agency's book as a service meeting sees it: plans at every stage, some behind. */
const BOOK: BookPlan[] = [
  {
    client: "Acme Manufacturing, Inc.",
    bound: 75,
    team: { AE: "Dana Whitfield", Producer: "Morgan Reyes" },
    onTime: 0.6,
  },
  { client: "Birch Dental Group", bound: 20, team: { AE: "Priya Shah", Producer: "Dana Whitfield" }, onTime: 1 },
  { client: "Cobalt Logistics", bound: 170, team: { AE: "Dana Whitfield", Producer: "Morgan Reyes" }, onTime: 0.8 },
  { client: "Delta Freight Lines", bound: 320, team: { AE: "Priya Shah", Producer: "Alex Romero" }, onTime: 0.9 },
  { client: "Evergreen Senior Living", bound: 130, team: { AE: "Dana Whitfield", Producer: "Alex Romero" }, onTime: 1 },
  { client: "Fulton Machine Works", bound: -12, team: { AE: "Priya Shah", Producer: "Morgan Reyes" }, onTime: 1 },
  {
    client: "Granite Peak Construction",
    bound: 250,
    team: { AE: "Dana Whitfield", Producer: "Morgan Reyes" },
    onTime: 0.5,
  },
  { client: "O'Brien & Sons Roofing", bound: 350, team: { AE: "Priya Shah", Producer: "Alex Romero" }, onTime: 1 },
];

function inputsOf(plan: BookPlan): PlanInputs {
  const checked = checkPlanRequest({
    client: plan.client,
    bind: toIsoDate(plusDays(TODAY, -plan.bound)),
    team: plan.team,
  });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  return checked.value;
}

/** The plans, with the work already due done (on its due date) or left open, by each plan's record. */
function describeBook(): SheetDescription[] {
  const next = random(2027);
  const names: string[] = [];
  return BOOK.map((plan) => {
    const inputs = inputsOf(plan);
    const entries = new Map<string, RowEntry>();
    for (const task of computeSchedule(DEFAULT_TEMPLATE, inputs).tasks) {
      if (toIsoDate(task.due) >= toIsoDate(TODAY) || next() >= plan.onTime) continue;
      entries.set(task.id, { statusText: "Done", completedOn: toExcelSerial(task.due), notes: "" });
    }
    const description = describePlanSheet(DEFAULT_TEMPLATE, inputs, {
      planId: `plan-${names.length + 1}`,
      existingSheetNames: names,
      entries,
    });
    names.push(description.name);
    return description;
  });
}

/** Summary figures as a workbook's cached results hold them (a formula's "" is saved with no value). */
function summaryIn(values: CellData[][]): Record<SummaryFigure, unknown> {
  const at = (cell: { row: number; column: number }) => values[cell.row - 1]?.[cell.column - 1] ?? "";
  const figures = ["open", "overdue", "dueSoon", "done", "nextDue", "nextTask", "phase"] as const;
  return Object.fromEntries(figures.map((figure) => [figure, at(SUMMARY[figure])])) as Record<SummaryFigure, unknown>;
}
/** A fraction rounded: engines differ in the last digits. */
const rounded = (value: unknown) => (typeof value === "number" ? Math.round(value * 1e9) / 1e9 : value);

async function cellsOf(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return new Map(workbook.worksheets.map((sheet) => [sheet.name, worksheetCells(sheet, COLUMN.id).values]));
}

// Skipped, and reported as skipped, where LibreOffice is not installed (.ci/run installs it).
(libreOfficeInstalled() ? describe : describe.skip)("a book of plans and its overview in LibreOffice", () => {
  let dir: string;
  let book: SheetDescription[];
  let written: string;
  let edited: string;
  let recalculated: Map<string, CellData[][]>;
  const newBind = plusDays(TODAY, -10);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "csp-lo-book-"));
    book = describeBook();
    written = join(dir, "book.xlsx");
    writeFileSync(written, await writeBookWorkbook(book));
    // A producer types a new Bind date on Acme's plan, through the cell's own validation, with no add-in.
    const bindCell = address(LAYOUT.bind.row, LAYOUT.bind.column);
    const rules = validationRules(await (await readXlsx(readFileSync(written))).sheet(book[0].name));
    const typed = typeInto(
      rules,
      bindCell,
      `${newBind.getUTCMonth() + 1}/${newBind.getUTCDate()}/${newBind.getUTCFullYear()}`,
    );
    if (!typed.accepted || typed.entry.kind !== "number") throw new Error("the Bind date was refused");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(written);
    workbook.getWorksheet(book[0].name)!.getCell(bindCell).value = typed.entry.value;
    edited = join(dir, "edited.xlsx");
    await workbook.xlsx.writeFile(edited);
    recalculated = await cellsOf(await convertWithLibreOffice(edited, "xlsx", join(dir, "recalculated")));
  });

  it("recalculates every plan's summary, and the overview's row of it, after a Bind date is typed", () => {
    for (const plan of book) {
      const values = recalculated.get(plan.name)!;
      expect([plan.name, summaryIn(values)]).toEqual([plan.name, expectedSummary(values, TODAY)]);
    }
    const acme = recalculated.get(book[0].name)!;
    expect(acme[LAYOUT.bind.row - 1][LAYOUT.bind.column - 1]).toBe(toExcelSerial(newBind));
    // Bound ten days ago: nothing is overdue any more, the first phase is the current one.
    expect(summaryIn(acme)).toMatchObject({ overdue: 0, phase: "30 Days", nextTask: "Identify Service Team" });

    const overview = recalculated.get(OVERVIEW_SHEET_NAME)!;
    book.forEach((plan, index) => {
      const values = recalculated.get(plan.name)!;
      const row = overview[OVERVIEW_LAYOUT.firstDataRow + index - 1];
      // A formula whose result is "" is saved with no cached value: read as "".
      const shown = Object.fromEntries(
        OVERVIEW_COLUMNS.map((c) => [c.key, rounded(row[OVERVIEW_COLUMN[c.key] - 1] ?? "")]),
      );
      const renewal = values[LAYOUT.renewal.row - 1][LAYOUT.renewal.column - 1] as number;
      const summary = summaryIn(values);
      expect(shown).toEqual({
        client: BOOK[index].client,
        bind: values[LAYOUT.bind.row - 1][LAYOUT.bind.column - 1],
        renewal,
        daysToRenewal: renewal - toExcelSerial(TODAY),
        phase: summary.phase,
        open: summary.open,
        overdue: summary.overdue,
        dueSoon: summary.dueSoon,
        percentDone: rounded(
          (summary.done as number) + (summary.open as number) === 0
            ? ""
            : (summary.done as number) / ((summary.done as number) + (summary.open as number)),
        ),
        nextDue: summary.nextDue,
        nextTask: summary.nextTask,
        ae: BOOK[index].team.AE,
        producer: BOOK[index].team.Producer,
        planId: `plan-${index + 1}`,
      });
      expect(values[teamCells("AE").row - 1][LAYOUT.team.nameColumn - 1]).toBe(BOOK[index].team.AE);
    });
    // The book as planned: some plans behind, one not yet bound.
    const overdue = book.map(
      (_, index) => overview[OVERVIEW_LAYOUT.firstDataRow + index - 1][OVERVIEW_COLUMN.overdue - 1],
    );
    expect(overdue.filter((n) => (n as number) > 0).length).toBeGreaterThanOrEqual(2);
  });

  it("gives the same My work from LibreOffice's saved results as from the dates it works out itself", async () => {
    const myWork = async (file: string) => {
      const args = [BIN, "overview", file, "--as-of", toIsoDate(TODAY), "--json"];
      return JSON.parse((await run(process.execPath, args)).stdout);
    };
    const computed = await myWork(edited);
    const cached = await myWork(join(dir, "recalculated", "edited.xlsx"));
    expect(cached).toEqual(computed);
    expect(computed.sections.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBeGreaterThan(10);
  });

  it("prints the overview on one landscape page, its header whole, the date in the footer", async () => {
    // Printed alone, as from Excel's "Print Active Sheet": the plan sheets hidden, which keeps them computing.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(edited);
    for (const plan of book) workbook.getWorksheet(plan.name)!.state = "hidden";
    // ...and the overview the active sheet (LibreOffice prints the active sheet even when it is hidden).
    workbook.views = [
      { x: 0, y: 0, width: 12000, height: 8000, visibility: "visible", firstSheet: 0, activeTab: book.length },
    ];
    const overviewOnly = join(dir, "overview.xlsx");
    await workbook.xlsx.writeFile(overviewOnly);
    const pdf = await convertWithLibreOffice(overviewOnly, "pdf", join(dir, "pdf"));
    const info = (await run("pdfinfo", [pdf])).stdout;
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(1);
    const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect(width).toBeGreaterThan(height);
    const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout;
    expect(text).toMatch(/Book of business/);
    // The whole header on one page: one page wide.
    expect(text).toMatch(
      /Client\s+Bind date\s+Renewal\s+Days to\s+Current phase\s+Open\s+Overdue\s+Due in 14\s+Done\s+Next due\s+Next task\s+AE\s+Producer/,
    );
    for (const plan of BOOK) expect(text).toContain(plan.client);
    expect(text).toMatch(/Printed \d+\/\d+\/\d+\s+Page 1 of 1/);
    expect(text).not.toMatch(/plan-\d|#REF!|#NAME\?|#VALUE!/);
    mkdirSync(OUTPUT, { recursive: true });
    const png = join(OUTPUT, "book-overview");
    await run("pdftoppm", ["-png", "-r", "110", "-singlefile", pdf, png]);
    expect(existsSync(`${png}.png`)).toBe(true);
  });
});
