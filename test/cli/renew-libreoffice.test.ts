/**
 * A workbook renewed by `service-plan renew`, opened in LibreOffice: the new plan recalculates when a producer types
 * its Bind date (through the cell's validation), the old plan still prints as before, and the Book overview's
 * figures are right. Skipped without LibreOffice.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { OVERVIEW_COLUMN, OVERVIEW_LAYOUT, OVERVIEW_SHEET_NAME } from "../../src/plan/book-overview";
import { calendarDate, plusDays, plusMonths, toIsoDate, type CalendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import type { CellData } from "../../src/plan/read-sheet";
import { address, COLUMN, LAYOUT, SUMMARY } from "../../src/plan/sheet-layout";
import { worksheetCells } from "../../src/xlsx/read-workbook";
import { cli } from "../support/cli";
import { expectedSummary } from "../support/expected-summary";
import { convertWithLibreOffice, libreOfficeInstalled } from "../support/libreoffice";
import { typeInto, validationRules } from "../support/typing";
import { readXlsx } from "../support/xlsx-xml";

const run = promisify(execFile);

/** The day LibreOffice's TODAY() reads: the local day. */
function localToday(): CalendarDate {
  const now = new Date();
  return calendarDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
const TODAY = localToday();

async function pagesOf(pdf: string, client: string): Promise<number> {
  const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout;
  const header = new RegExp(`^\\s*${client}\\s+Client Service Plan`);
  return text.split("\f").filter((page) => header.test(page)).length;
}

async function cellsOf(file: string): Promise<Map<string, CellData[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return new Map(workbook.worksheets.map((sheet) => [sheet.name, worksheetCells(sheet, COLUMN.id).values]));
}

(libreOfficeInstalled() ? describe : describe.skip)("a renewed workbook in LibreOffice", () => {
  it("recalculates the new plan after its Bind date is typed; the old plan prints as before; the overview is right", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-renew-lo-"));
    const file = join(dir, "book.xlsx");
    // Bound 340 days ago: the renewal is within the 30 Days to Renewal phase.
    const bind = plusDays(TODAY, -340);
    expect((await cli(["new", "--client", "Acme", "--bind", toIsoDate(bind), "--out", file])).code).toBe(0);
    const pagesBefore = await pagesOf(await convertWithLibreOffice(file, "pdf", join(dir, "before")), "Acme");
    expect(pagesBefore).toBeGreaterThanOrEqual(1);

    const renewed = await cli(["renew", file, "--plan", "Acme", "--as-of", toIsoDate(TODAY), "--yes"]);
    expect(renewed.stderr).toBe("");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const next = workbook.worksheets.find((sheet) => sheet.name.startsWith("Acme "))!;

    // A producer moves the new term's bind a week later, typed through the cell's own validation.
    const newBind = plusDays(plusMonths(bind, 12), 7);
    const bindCell = address(LAYOUT.bind.row, LAYOUT.bind.column);
    const rules = validationRules(await (await readXlsx(readFileSync(file))).sheet(next.name));
    const typed = typeInto(
      rules,
      bindCell,
      `${newBind.getUTCMonth() + 1}/${newBind.getUTCDate()}/${newBind.getUTCFullYear()}`,
    );
    if (!typed.accepted || typed.entry.kind !== "number") throw new Error("the Bind date was refused");
    next.getCell(bindCell).value = typed.entry.value;
    const edited = join(dir, "edited.xlsx");
    await workbook.xlsx.writeFile(edited);
    const values = await cellsOf(await convertWithLibreOffice(edited, "xlsx", join(dir, "recalculated")));

    const newValues = values.get(next.name)!;
    const at = (sheet: CellData[][], cell: { row: number; column: number }) => sheet[cell.row - 1][cell.column - 1];
    expect(at(newValues, LAYOUT.bind)).toBe(toExcelSerial(newBind));
    expect(at(newValues, LAYOUT.renewal)).toBe(toExcelSerial(plusMonths(newBind, 12)));
    const figures = ["open", "overdue", "dueSoon", "done", "nextDue", "nextTask", "phase"] as const;
    const summary = (sheet: CellData[][]) =>
      Object.fromEntries(figures.map((figure) => [figure, at(sheet, SUMMARY[figure]) ?? ""]));
    expect(summary(newValues)).toEqual(expectedSummary(newValues, TODAY));

    // The old plan: the record of its term, its open tasks no longer overdue or due.
    const oldValues = values.get("Acme")!;
    expect(at(oldValues, LAYOUT.termLink)).toBe(`Renewed: see ${next.name}`);
    expect(summary(oldValues)).toMatchObject({ phase: "Renewed", overdue: "", dueSoon: "" });

    const overview = values.get(OVERVIEW_SHEET_NAME)!;
    const row = (index: number) => overview[OVERVIEW_LAYOUT.firstDataRow + index - 1];
    const cell = (index: number, key: keyof typeof OVERVIEW_COLUMN) => row(index)[OVERVIEW_COLUMN[key] - 1] ?? "";
    const renewalText = toIsoDate(plusMonths(bind, 12));
    const [year, month, day] = renewalText.split("-").map(Number);
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    expect([cell(0, "phase"), cell(0, "open"), cell(0, "overdue"), cell(0, "dueSoon")]).toEqual([
      `Renewed ${months[month - 1]} ${day}, ${year} \u2192 ${next.name}`,
      "",
      "",
      "",
    ]);
    expect([cell(1, "bind"), cell(1, "renewal"), cell(1, "phase"), cell(1, "open"), cell(1, "overdue")]).toEqual([
      toExcelSerial(newBind),
      toExcelSerial(plusMonths(newBind, 12)),
      at(newValues, SUMMARY.phase),
      at(newValues, SUMMARY.open),
      at(newValues, SUMMARY.overdue),
    ]);

    // Both plans carry the client's header: the old one's pages as before, the new one's as many (same template).
    const pdf = await convertWithLibreOffice(file, "pdf", join(dir, "after"));
    expect(await pagesOf(pdf, "Acme")).toBe(2 * pagesBefore);
  }, 300_000);
});
