/**
 * The parts of every written workbook the project is responsible for, read from the file's XML as Excel reads
 * it: element order (Excel's reader is strict and offers to "repair" a sheet out of schema order), the data
 * validations' bounds, the outline, the page header. The workbooks are the case set of
 * scripts/workbook-cases.js, written by the command line; .ci/run also validates them against ECMA-376.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_HEADER_FOOTER_LENGTH, MAX_SHEET_NAME } from "../../src/plan/sheet";
import {
  childNamed,
  childrenNamed,
  readXlsx,
  SHEET_PR_ORDER,
  WORKSHEET_ORDER,
  type XmlElement,
} from "../support/xlsx-xml";

// The case set is plain JavaScript, shared with .ci/run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CASES, writeCases } = require("../../scripts/workbook-cases.js") as {
  CASES: { name: string; args: string[] }[];
  writeCases: (dir: string) => string[];
};

/** Header/footer codes Excel knows after "&" (a literal ampersand is "&&"). */
const HEADER_FOOTER_CODE = /&(?:[LCRPNDTZFABSUEXYKGH]|"[^"]*"|\d{1,3}|[+-]\d{1,3})/g;

function expectInOrder(names: string[], order: string[]): void {
  for (const name of names) expect(order).toContain(name);
  const positions = names.map((name) => order.indexOf(name));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

function clientOf(args: string[]): string {
  return args[args.indexOf("--client") + 1];
}

const segments = (text: string) =>
  Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (part) => part.segment);

/** Each case's workbook, written once by the command line (built by `pretest`). */
const files = new Map<string, string>();
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "csp-cases-"));
  writeCases(dir).forEach((file, index) => files.set(CASES[index].name, file));
});

describe.each(CASES.map((c) => [c.name, c] as const))("the %s workbook", (name, { args }) => {
  let sheet: XmlElement;
  let sheetName: string;

  beforeAll(async () => {
    const written = files.get(name)!;
    const parts = await readXlsx(readFileSync(written));
    sheet = await parts.firstSheet();
    const workbook = await parts.xml("xl/workbook.xml");
    sheetName = childNamed(childNamed(workbook, "sheets")!, "sheet")!.attributes.name;
  });

  it("puts the worksheet's elements, and those of <sheetPr>, in schema order", () => {
    expectInOrder(
      sheet.children.map((child) => child.name),
      WORKSHEET_ORDER,
    );
    const properties = childNamed(sheet, "sheetPr")!;
    expect(properties.children.map((child) => child.name)).toEqual(["outlinePr", "pageSetUpPr"]);
    expectInOrder(
      properties.children.map((child) => child.name),
      SHEET_PR_ORDER,
    );
  });

  it("bounds every date validation by whole-day serials Excel can show, and lists the statuses", () => {
    const rules = childrenNamed(childNamed(sheet, "dataValidations")!, "dataValidation");
    const dates = rules.filter((rule) => rule.attributes.type === "date");
    expect(dates.length).toBeGreaterThanOrEqual(4);
    for (const rule of dates) {
      const [low, high] = ["formula1", "formula2"].map((f) => childNamed(rule, f)!.text);
      expect(low).toMatch(/^\d+$/);
      expect(high).toMatch(/^\d+$/);
      // Serial 61 is 1900-03-01, the first day Excel and the serial arithmetic agree on; 2958465 is 9999-12-31.
      const dateOf = (serial: string) => new Date(Date.UTC(1899, 11, 30) + Number(serial) * 86_400_000);
      expect(dateOf(low).toISOString().slice(0, 10)).toBe("1900-03-01");
      expect(dateOf(high).toISOString().slice(0, 10)).toBe("9999-12-31");
      expect(rule.attributes).toMatchObject({ allowBlank: "1", showErrorMessage: "1", errorStyle: "stop" });
    }
    const lists = rules.filter((rule) => rule.attributes.type === "list");
    expect(lists).toHaveLength(1);
    expect(childNamed(lists[0], "formula1")!.text).toBe('"Not started,In progress,Done,N/A"');
  });

  it("declares the rows' deepest outline level and marks no open group collapsed", () => {
    const rows = childrenNamed(childNamed(sheet, "sheetData")!, "row");
    const deepest = Math.max(...rows.map((row) => Number(row.attributes.outlineLevel ?? 0)));
    expect(deepest).toBeGreaterThan(0);
    expect(childNamed(sheet, "sheetFormatPr")!.attributes.outlineLevelRow).toBe(String(deepest));
    // Every group is written open: no row is hidden, so none may say collapsed (Excel then hides the buttons).
    expect(rows.filter((row) => row.attributes.hidden === "1")).toEqual([]);
    expect(rows.filter((row) => row.attributes.collapsed !== undefined).map((row) => row.attributes.r)).toEqual([]);
  });

  it("keeps the page header and footer within Excel's limit, with only valid codes, naming the client", () => {
    const headerFooter = childNamed(sheet, "headerFooter")!;
    const header = childNamed(headerFooter, "oddHeader")!.text;
    const footer = childNamed(headerFooter, "oddFooter")!.text;
    for (const codes of [header, footer]) {
      expect(codes.length).toBeLessThanOrEqual(MAX_HEADER_FOOTER_LENGTH);
      // Once literal ampersands and known codes are taken out, no "&" is left to start a command Excel lacks.
      expect(codes.replace(/&&/g, "").replace(HEADER_FOOTER_CODE, "")).not.toContain("&");
    }
    const client = clientOf(args);
    const shown = /^&L(.*?)&R/.exec(header)![1].replace(/&&/g, "&");
    if (shown !== client) {
      expect(shown.endsWith("\u2026")).toBe(true);
      expect(client.startsWith(shown.slice(0, -1))).toBe(true);
      expect(shown.length).toBeGreaterThan(40);
    }
    expect(footer).toContain("&P");
    expect(footer).toContain("&N");
  });

  it("names the sheet within 31 characters, never splitting a character", () => {
    expect(sheetName.length).toBeGreaterThan(0);
    expect(sheetName.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(sheetName).not.toMatch(/[[\]:*?/\\]/);
    const clientCharacters = new Set(segments(clientOf(args)));
    for (const character of segments(sheetName)) {
      if (character !== "-") expect(clientCharacters).toContain(character);
    }
  });
});
