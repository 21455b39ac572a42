import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { fromExcelSerial, toExcelSerial } from "../../src/plan/excel-dates";
import { computeSchedule } from "../../src/plan/schedule";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import { address, COLUMN, LAYOUT } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest, type PlanInputs } from "../../src/plan/validate";
import { writePlanWorkbook } from "../../src/xlsx/write-xlsx";
import { convertWithLibreOffice, libreOfficeInstalled } from "../support/libreoffice";
import { typeInto, validationRules, type ValidationRuleXml } from "../support/typing";
import { readXlsx } from "../support/xlsx-xml";

const run = promisify(execFile);
const OUTPUT = join(__dirname, "..", "..", "test-output");

const TEAM = {
  Producer: "Morgan Reyes",
  AE: "Dana Whitfield",
  "Associate AE": "Priya Shah",
  Claims: "Luis Ortega",
  Marketing: "Grace Kim",
  "Client Services": "Ana Souza",
  "Loss Control": "Sam Patel",
  "WC Recovery": "Lee Wong",
};

function inputs(bind: string, renewal?: string): PlanInputs {
  const checked = checkPlanRequest({
    client: "Acme Manufacturing, Inc.",
    bind,
    renewal,
    team: TEAM,
    holidays: ["2027-05-31", "2027-07-05"],
  });
  if (!checked.ok) throw new Error("bad inputs");
  return checked.value;
}

/** Opens/Due for every task row as LibreOffice computed them (the cached results it saved). */
async function computedDates(file: string): Promise<Map<string, [string, string]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const dates = new Map<string, [string, string]>();
  const asIso = (cell: ExcelJS.Cell): string => {
    const value = cell.value as ExcelJS.CellFormulaValue | number | Date | null;
    const result = value && typeof value === "object" && "formula" in value ? value.result : value;
    if (result instanceof Date) return result.toISOString().slice(0, 10);
    if (typeof result === "number") return toIsoDate(fromExcelSerial(result));
    return `not a date: ${JSON.stringify(result)}`;
  };
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < LAYOUT.firstDataRow) return;
    const id = row.getCell(COLUMN.id).value;
    if (typeof id === "string" && id.includes(".") && id.split(".").length === 2 && row.getCell(COLUMN.owner).value) {
      dates.set(id, [asIso(row.getCell(COLUMN.opens)), asIso(row.getCell(COLUMN.due))]);
    }
  });
  return dates;
}

/** The data validations of the first sheet of `file`, as the file states them. */
async function rulesIn(file: string): Promise<ValidationRuleXml[]> {
  return validationRules(await (await readXlsx(readFileSync(file))).firstSheet());
}

/**
 * What a person typing `typed` into `cell` leaves there: the entry is checked against the cell's own validation,
 * as the written file states it and as LibreOffice read it (its re-saved copy), and a refusal fails the test.
 */
function typed(ruleSets: ValidationRuleXml[][], cell: string, text: string): number {
  let value: number | undefined;
  for (const rules of ruleSets) {
    const result = typeInto(rules, cell, text);
    if (!result.accepted) throw new Error(`${cell} refused "${text}": ${result.title}. ${result.message}`);
    if (result.entry.kind !== "number") throw new Error(`${cell} took "${text}" as ${result.entry.kind}, not a date`);
    value = result.entry.value;
  }
  return value!;
}

async function writePlan(file: string, plan: SheetDescription): Promise<void> {
  writeFileSync(file, await writePlanWorkbook([plan]));
}

const equalDates = (a: [string, string], b: [string, string] | undefined) => !!b && a[0] === b[0] && a[1] === b[1];

function engineDates(plan: PlanInputs): Map<string, [string, string]> {
  return new Map(
    computeSchedule(DEFAULT_TEMPLATE, plan).tasks.map((t) => [t.id, [toIsoDate(t.opens), toIsoDate(t.due)]]),
  );
}

const LIBREOFFICE = libreOfficeInstalled();
if (!LIBREOFFICE) {
  if (process.env.CI) {
    test("LibreOffice is installed for the workbook test", () => {
      throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui.");
    });
  } else {
    console.warn(
      "Skipping the LibreOffice workbook test: soffice is missing (apt-get install libreoffice-calc-nogui).",
    );
  }
}

// Skipped, and reported as skipped, where LibreOffice is not installed.
(LIBREOFFICE ? describe : describe.skip)("a plan workbook in LibreOffice", () => {
  let dir: string;
  let planFile: string;
  /** The plan's validations as written, and as LibreOffice read them (from its own re-saved copy). */
  let ruleSets: ValidationRuleXml[][];
  let asWritten: Map<string, [string, string]>;
  const bindCell = address(LAYOUT.bind.row, LAYOUT.bind.column);
  const renewalCell = address(LAYOUT.renewal.row, LAYOUT.renewal.column);

  /** Types into a copy of the plan (through validation), then has LibreOffice recalculate it. */
  async function typeAndRecalculate(name: string, entries: [cell: string, text: string][]) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(planFile);
    for (const [cell, text] of entries) workbook.worksheets[0].getCell(cell).value = typed(ruleSets, cell, text);
    const edited = join(dir, `${name}.xlsx`);
    await workbook.xlsx.writeFile(edited);
    return computedDates(await convertWithLibreOffice(edited, "xlsx", join(dir, `${name}-recalculated`)));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "csp-lo-"));
    planFile = join(dir, "plan.xlsx");
    const description = describePlanSheet(DEFAULT_TEMPLATE, inputs("2027-01-15"), {
      planId: "lo-test",
      existingSheetNames: [],
    });
    await writePlan(planFile, description);
    // Computed by LibreOffice from the formulas alone (the file carries no cached results).
    const resaved = await convertWithLibreOffice(planFile, "xlsx", join(dir, "as-written"));
    asWritten = await computedDates(resaved);
    ruleSets = [await rulesIn(planFile), await rulesIn(resaved)];
  });

  it("recalculates every Opens/Due cell after a new Bind date is typed, with no add-in", async () => {
    expect(asWritten).toEqual(engineDates(inputs("2027-01-15")));

    // A producer types a new Bind date; the renewal follows (its cell is a formula), and so does every date.
    const moved = await typeAndRecalculate("new-bind", [[bindCell, "3/1/2027"]]);
    expect(moved).toEqual(engineDates(inputs("2027-03-01")));
    expect(moved.size).toBe(32);
    for (const [id, dates] of moved) expect(dates).not.toEqual(asWritten.get(id));
  });

  it("moves the renewal-timed dates after a new Renewal date is typed", async () => {
    const moved = await typeAndRecalculate("new-renewal", [[renewalCell, "2027-12-15"]]);
    expect(moved).toEqual(engineDates(inputs("2027-01-15", "2027-12-15")));
    const renewalTimed = [...moved].filter(([id, dates]) => !equalDates(dates, asWritten.get(id)));
    expect(renewalTimed.length).toBeGreaterThan(0);
  });

  it("refuses text typed as a Bind or Renewal date, as written and as LibreOffice reads the rule", () => {
    for (const rules of ruleSets) {
      for (const cell of [bindCell, renewalCell]) {
        expect(typeInto(rules, cell, "next Tuesday")).toMatchObject({ accepted: false });
        expect(typeInto(rules, cell, "12/31/1899")).toMatchObject({ accepted: false });
      }
    }
  });

  it("prints landscape, one page wide, with the table header on every page", async () => {
    // A plan in mid-term as of today, with some work done, so the printed colors show what a meeting sees.
    const now = new Date();
    const today = calendarDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
    const entries = new Map([
      ["bind-30.service-team", { statusText: "Done", completedOn: toExcelSerial(plusDays(today, -70)), notes: "" }],
      ["bind-30.strategy-session", { statusText: "Done", completedOn: toExcelSerial(plusDays(today, -66)), notes: "" }],
      ["bind-30.deliverables", { statusText: "In progress", completedOn: null, notes: "Waiting on carrier" }],
      ["bind-30.draft-plan", { statusText: "N/A", completedOn: null, notes: "Renewal plan reused" }],
    ]);
    const midTerm = describePlanSheet(DEFAULT_TEMPLATE, inputs(toIsoDate(plusDays(today, -75))), {
      planId: "print-test",
      existingSheetNames: [],
      entries,
    });
    const printFile = join(dir, "print.xlsx");
    await writePlan(printFile, midTerm);
    const pdf = await convertWithLibreOffice(printFile, "pdf", join(dir, "pdf"));
    const info = (await run("pdfinfo", [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect(width).toBeGreaterThan(height);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) {
      const text = (await run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"])).stdout;
      // Every page carries the whole header row, first to last printed column: one page wide, titles repeated.
      expect(text).toMatch(/Phase\s+Task\s+Owner\s+Assigned to\s+Opens\s+Due\s+Status\s+Completed on\s+Notes/);
      expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text).toContain("Acme Manufacturing, Inc.");
      // The hidden id column stays off paper.
      expect(text).not.toMatch(/Task id|bind-30\./);
    }
    // The first page's header reads block by block: every role beside its person, the status key and the
    // holidays on their own, never a status beside a role ("Done  Marketing").
    const header = (await run("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"])).stdout.split("Phase")[0];
    for (const [role, person] of Object.entries(TEAM)) expect(header).toMatch(new RegExp(`${role}\\s+${person}`));
    expect(header).not.toMatch(
      /(Done|In progress|Due soon|Overdue|N\/A)[ \t]+(Marketing|Client Services|Loss Control|WC)/,
    );
    expect(header).toMatch(/Holidays/);
    expect(header).toMatch(/May 31, 2027/);
    mkdirSync(OUTPUT, { recursive: true });
    await run("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdf, join(OUTPUT, "plan-page-1")]);
    expect(existsSync(join(OUTPUT, "plan-page-1.png"))).toBe(true);
  });
});
