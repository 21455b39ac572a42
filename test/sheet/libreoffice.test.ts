import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { calendarDate, fromExcelSerial, plusDays, toExcelSerial, toIsoDate } from "../../src/plan/dates";
import { computeSchedule } from "../../src/plan/schedule";
import { describePlanSheet } from "../../src/plan/sheet";
import { address, COLUMN, LAYOUT } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/template";
import { checkPlanRequest, type PlanInputs } from "../../src/plan/validate";
import { planWorkbook } from "../../src/xlsx/write-xlsx";
import { convertWithLibreOffice, hasLibreOffice } from "../support/libreoffice";

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

function engineDates(plan: PlanInputs): Map<string, [string, string]> {
  return new Map(
    computeSchedule(DEFAULT_TEMPLATE, plan).tasks.map((t) => [t.id, [toIsoDate(t.opens), toIsoDate(t.due)]]),
  );
}

describe("a plan workbook in LibreOffice", () => {
  let available = false;
  let dir: string;
  let planFile: string;

  beforeAll(async () => {
    available = await hasLibreOffice();
    dir = mkdtempSync(join(tmpdir(), "csp-lo-"));
    planFile = join(dir, "plan.xlsx");
    const description = describePlanSheet(DEFAULT_TEMPLATE, inputs("2027-01-15"), {
      planId: "lo-test",
      existingSheetNames: [],
    });
    await planWorkbook([description]).xlsx.writeFile(planFile);
  });

  it("recalculates every Opens/Due cell after the Bind date is changed, with no add-in", async () => {
    if (!available) return console.warn("LibreOffice not installed: skipped");
    // Computed by LibreOffice from the formulas alone (the file carries no cached results).
    const original = await computedDates(await convertWithLibreOffice(planFile, "xlsx", join(dir, "as-written")));
    expect(original).toEqual(engineDates(inputs("2027-01-15")));

    // A producer changes the Bind date; the renewal follows (its cell is a formula), and so does every date.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(planFile);
    workbook.worksheets[0].getCell(address(LAYOUT.bind.row, LAYOUT.bind.column)).value = toExcelSerial(
      calendarDate(2027, 3, 1),
    );
    const edited = join(dir, "edited.xlsx");
    await workbook.xlsx.writeFile(edited);
    const moved = await computedDates(await convertWithLibreOffice(edited, "xlsx", join(dir, "recalculated")));
    const expected = engineDates(inputs("2027-03-01"));
    expect(moved).toEqual(expected);
    expect(moved.size).toBe(32);
    for (const [id, dates] of moved) expect(dates).not.toEqual(original.get(id));
  });

  it("prints landscape, one page wide, with the table header on every page", async () => {
    if (!available) return console.warn("LibreOffice not installed: skipped");
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
    await planWorkbook([midTerm]).xlsx.writeFile(printFile);
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
