/**
 * Typing into a written templates workbook as an administrator does in Excel: each entry goes through the cell's
 * own data validation as the file states it (test/support/typing.ts).
 */
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { TEMPLATE_COLUMN, TEMPLATE_LAYOUT } from "../../src/plan/template-sheet";
import { columnLetter } from "../../src/plan/sheet-layout";
import { writeTemplatesWorkbook } from "../../src/xlsx/templates";
import { typeInto, validationRules, type ValidationRuleXml } from "../support/typing";
import { readXlsx } from "../support/xlsx-xml";

let rules: ValidationRuleXml[];
beforeAll(async () => {
  const parts = await readXlsx(await writeTemplatesWorkbook([DEFAULT_TEMPLATE]));
  rules = validationRules(await parts.firstSheet());
});

const C = TEMPLATE_COLUMN;
const phaseRow = TEMPLATE_LAYOUT.firstDataRow;
/** A row below the exported table, where an administrator adds a phase. */
const newRow = 150;
const cell = (column: number, row: number = phaseRow) => `${columnLetter(column)}${row}`;

describe("typing into the template sheet", () => {
  it.each([
    [cell(C.opens), "30"],
    [cell(C.due, newRow), "-120"],
    [cell(C.due), "365"],
    [cell(C.anchor), "Renewal"],
    [cell(C.anchor, newRow), "bind"],
    [cell(C.firstRole + 3, newRow), "X"],
    ["B4", "2"],
  ])("accepts %s = %j", (at, typed) => {
    expect(typeInto(rules, at, typed).accepted).toBe(true);
  });

  it.each([
    [cell(C.opens), "2.5", "Days from the anchor"],
    [cell(C.due, newRow), "-400", "Days from the anchor"],
    [cell(C.due), "ninety", "Days from the anchor"],
    [cell(C.anchor, newRow), "binding", "Anchor"],
    [cell(C.lastRole), "yes", "Owner"],
    ["B4", "0", "Version"],
    ["B4", "1.1", "Version"],
  ])("refuses %s = %j with the sheet's own Stop alert", (at, typed, title) => {
    expect(typeInto(rules, at, typed)).toMatchObject({ accepted: false, title });
  });
});
