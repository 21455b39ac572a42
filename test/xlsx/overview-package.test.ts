/**
 * The Book overview part of every workbook of scripts/workbook-cases.js, read from the file's XML as Excel
 * reads it (as test/xlsx/package.test.ts reads the plan sheets): schema order, print setup, the hidden key
 * column, and formulas that name only sheets the workbook has, quoted as Excel wants.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OVERVIEW_COLUMN, OVERVIEW_LAYOUT, OVERVIEW_MARKER, OVERVIEW_SHEET_NAME } from "../../src/plan/book-overview";
import { MAX_HEADER_FOOTER_LENGTH } from "../../src/plan/sheet";
import { columnLetter } from "../../src/plan/sheet-layout";
import {
  childNamed,
  childrenNamed,
  readXlsx,
  SHEET_PR_ORDER,
  WORKSHEET_ORDER,
  type XlsxParts,
  type XmlElement,
} from "../support/xlsx-xml";

// The case set is plain JavaScript, shared with .ci/run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CASES, writeCases } = require("../../scripts/workbook-cases.js") as {
  CASES: { name: string; args: string[]; add?: string[][] }[];
  writeCases: (dir: string, only?: string[]) => string[];
};

/** A one-plan workbook, and those of several plans; the other cases differ only in their plan sheet. */
const OVERVIEW_CASES = CASES.filter((c) => c.name === "demo" || c.add);

const files = new Map<string, string>();
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "csp-overview-cases-"));
  const names = OVERVIEW_CASES.map((c) => c.name);
  writeCases(dir, names).forEach((file, index) => files.set(names[index], file));
});

const positions = (names: string[], order: string[]) => names.map((name) => order.indexOf(name));

/** The shared strings and every cell's text or formula on a worksheet, by reference ("A1"). */
async function cellsOf(parts: XlsxParts, sheet: XmlElement) {
  const shared = childrenNamed(await parts.xml("xl/sharedStrings.xml"), "si").map((si) =>
    [si, ...si.children].map((e) => (e.name === "t" ? e.text : "")).join(""),
  );
  const cells = new Map<string, { text?: string; formula?: string }>();
  for (const row of childrenNamed(childNamed(sheet, "sheetData")!, "row")) {
    for (const c of childrenNamed(row, "c")) {
      const formula = childNamed(c, "f")?.text;
      const value = childNamed(c, "v")?.text;
      const text = c.attributes.t === "s" && value !== undefined ? shared[Number(value)] : value;
      cells.set(c.attributes.r, { text, formula });
    }
  }
  return cells;
}

describe.each(OVERVIEW_CASES.map((c) => [c.name, c] as const))(
  "the Book overview of the %s workbook",
  (name, { add = [] }) => {
    let parts: XlsxParts;
    let sheet: XmlElement;
    let sheetNames: string[];

    beforeAll(async () => {
      parts = await readXlsx(readFileSync(files.get(name)!));
      sheetNames = await parts.sheetNames();
      sheet = await parts.sheet(OVERVIEW_SHEET_NAME);
    });

    it("comes last, after one plan sheet per plan written", () => {
      expect(sheetNames).toHaveLength(2 + add.length);
      expect(sheetNames.at(-1)).toBe(OVERVIEW_SHEET_NAME);
    });

    it("puts the worksheet's elements, and those of <sheetPr>, in schema order", () => {
      const names = sheet.children.map((child) => child.name);
      for (const element of names) expect(WORKSHEET_ORDER).toContain(element);
      expect(positions(names, WORKSHEET_ORDER)).toEqual([...positions(names, WORKSHEET_ORDER)].sort((a, b) => a - b));
      const properties = childNamed(sheet, "sheetPr")!.children.map((child) => child.name);
      expect(positions(properties, SHEET_PR_ORDER)).toEqual([...positions(properties, SHEET_PR_ORDER)].sort());
      expect(names).not.toContain("dataValidations");
    });

    it("prints landscape, one page wide, its header row repeated, the date and page in the footer", async () => {
      const setup = childNamed(sheet, "pageSetup")!.attributes;
      expect(setup).toMatchObject({ orientation: "landscape", fitToWidth: "1", fitToHeight: "0" });
      expect(childNamed(childNamed(sheet, "sheetPr")!, "pageSetUpPr")!.attributes.fitToPage).toBe("1");
      const footer = childNamed(childNamed(sheet, "headerFooter")!, "oddFooter")!.text;
      expect(footer).toBe("&LPrinted &D&RPage &P of &N");
      expect(footer.length).toBeLessThanOrEqual(MAX_HEADER_FOOTER_LENGTH);
      const index = sheetNames.indexOf(OVERVIEW_SHEET_NAME);
      const definedNames = childrenNamed(childNamed(await parts.xml("xl/workbook.xml"), "definedNames")!, "definedName")
        .filter((n) => n.attributes.localSheetId === String(index))
        .map((n) => [n.attributes.name, n.text]);
      const last = OVERVIEW_LAYOUT.firstDataRow + sheetNames.length - 2;
      expect(definedNames).toEqual([
        ["_xlnm.Print_Area", `'${OVERVIEW_SHEET_NAME}'!$A$1:$M$${last}`],
        ["_xlnm.Print_Titles", `'${OVERVIEW_SHEET_NAME}'!$4:$4`],
      ]);
    });

    it("hides its key column, inside the filter range, and marks itself in it", async () => {
      const key = columnLetter(OVERVIEW_COLUMN.planId);
      const cols = childrenNamed(childNamed(sheet, "cols")!, "col");
      const keyColumn = cols.find(
        (col) =>
          Number(col.attributes.min) <= OVERVIEW_COLUMN.planId && Number(col.attributes.max) >= OVERVIEW_COLUMN.planId,
      );
      expect(keyColumn?.attributes.hidden).toBe("1");
      expect(childNamed(sheet, "autoFilter")!.attributes.ref).toBe(
        `A4:${key}${OVERVIEW_LAYOUT.firstDataRow + sheetNames.length - 2}`,
      );
      expect((await cellsOf(parts, sheet)).get(`${key}1`)?.text).toBe(OVERVIEW_MARKER);
    });

    it("names in its formulas only the workbook's plan sheets, each quoted, apostrophes doubled", async () => {
      const cells = await cellsOf(parts, sheet);
      const plans = sheetNames.slice(0, -1);
      plans.forEach((plan, index) => {
        const row = OVERVIEW_LAYOUT.firstDataRow + index;
        for (let column = 1; column <= OVERVIEW_LAYOUT.printColumns; column++) {
          const formula = cells.get(`${columnLetter(column)}${row}`)?.formula;
          expect(formula).toBeDefined();
          expect(formula).not.toMatch(/#REF!/);
          for (const [, quoted] of formula!.matchAll(/'((?:[^']|'')+)'!/g)) {
            expect(quoted.replace(/''/g, "'")).toBe(plan);
          }
        }
      });
    });

    it("stores MINIFS, newer than Excel 2007, as _xlfn.MINIFS on every plan sheet", async () => {
      for (const plan of sheetNames.slice(0, -1)) {
        const formulas = [...(await cellsOf(parts, await parts.sheet(plan))).values()].flatMap((c) => c.formula ?? []);
        const calls = formulas.join(" ").match(/[_.A-Za-z]*MINIFS\(/g) ?? [];
        expect(calls.length).toBeGreaterThan(0);
        expect(new Set(calls)).toEqual(new Set(["_xlfn.MINIFS("]));
      }
    });
  },
);
