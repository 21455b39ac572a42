/**
 * Typing into a written plan workbook as a person does in Excel: every entry goes through the cell's own data
 * validation as the file states it (test/support/typing.ts), not around it as an API would let a test.
 */
import { calendarDate, plusMonths } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import { describePlanSheet, type Validation } from "../../src/plan/sheet";
import { address, LAYOUT, rangeCorners } from "../../src/plan/sheet-layout";
import { STATUSES } from "../../src/plan/status";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { writePlanWorkbook } from "../../src/xlsx/write-xlsx";
import { typeInto, validationRules, type ValidationRuleXml } from "../support/typing";
import { readXlsx } from "../support/xlsx-xml";

const checked = checkPlanRequest({
  client: "Acme Manufacturing, Inc.",
  bind: "2027-01-15",
  holidays: ["2027-05-31", "2027-07-05"],
});
if (!checked.ok) throw new Error("bad inputs");
const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "typing", existingSheetNames: [] });
const bindCell = address(LAYOUT.bind.row, LAYOUT.bind.column);
const renewalCell = address(LAYOUT.renewal.row, LAYOUT.renewal.column);

let rules: ValidationRuleXml[];
beforeAll(async () => {
  const parts = await readXlsx(await writePlanWorkbook([description]));
  rules = validationRules(await parts.firstSheet());
});

/** The first and last cell of a validated range (one cell for a single-cell range): a rule covers it all. */
function endsOf(range: string): string[] {
  const { top, left, bottom, right } = rangeCorners(range);
  return [...new Set([address(top, left), address(bottom, right)])];
}

describe("typing a new plan's dates into the written workbook", () => {
  it("accepts a new Bind date and a new Renewal date, as a person types them", () => {
    const bind = typeInto(rules, bindCell, "3/1/2027");
    expect(bind).toEqual({ accepted: true, entry: { kind: "number", value: toExcelSerial(calendarDate(2027, 3, 1)) } });
    const renewal = typeInto(rules, renewalCell, "2028-06-30");
    expect(renewal).toEqual({
      accepted: true,
      entry: { kind: "number", value: toExcelSerial(calendarDate(2028, 6, 30)) },
    });
  });

  it("refuses text in the Bind date with the sheet's own Stop alert", () => {
    expect(typeInto(rules, bindCell, "next Tuesday")).toMatchObject({
      accepted: false,
      title: "Bind date must be a date",
      message: expect.stringContaining("Type the bind date as a date"),
    });
  });
});

const dateValidations = description.validations.filter((v) => v.rule.kind === "date");
const listValidations = description.validations.filter((v) => v.rule.kind === "list");

describe.each(dateValidations.map((v): [string, Validation] => [v.errorTitle, v]))(
  "the date cells of %s",
  (_title, validation) => {
    const rule = validation.rule as Extract<Validation["rule"], { kind: "date" }>;

    it.each(endsOf(validation.range))("%s takes real dates in the plan's range, and blanks", (cell) => {
      const inTerm = plusMonths(checked.value.bind, 5);
      for (const typed of [
        `${inTerm.getUTCMonth() + 1}/${inTerm.getUTCDate()}/${inTerm.getUTCFullYear()}`,
        "2028-02-29",
        rule.minIso,
        rule.maxIso,
        String(toExcelSerial(inTerm)),
        "",
      ]) {
        expect({ typed, ...typeInto(rules, cell, typed) }).toMatchObject({ typed, accepted: true });
      }
    });

    it.each(endsOf(validation.range))("%s refuses text and dates outside the range", (cell) => {
      for (const typed of ["soon", "15/01/2027", "2027-02-30", "1/1/1900", "2/28/1900", String(rule.maxSerial + 1)]) {
        expect({ typed, ...typeInto(rules, cell, typed) }).toMatchObject({
          typed,
          accepted: false,
          title: validation.errorTitle,
          message: validation.errorMessage,
        });
      }
    });
  },
);

describe.each(listValidations.map((v): [string, Validation] => [v.range, v]))("the Status cells %s", (_range, v) => {
  it.each(endsOf(v.range))("%s takes each status and refuses anything else", (cell) => {
    for (const status of STATUSES) expect(typeInto(rules, cell, status)).toMatchObject({ accepted: true });
    expect(typeInto(rules, cell, "")).toMatchObject({ accepted: true });
    for (const typed of ["Finished", "Done!", "Not", "In progress,Done", "46402"]) {
      expect({ typed, ...typeInto(rules, cell, typed) }).toMatchObject({
        typed,
        accepted: false,
        title: "Pick a status",
        message: v.errorMessage,
      });
    }
  });
});

it("writes one rule for each validation the description asks for", () => {
  const covered = (cell: string) => rules.some((rule) => rule.sqref.split(/\s+/).some((r) => endsOf(r).includes(cell)));
  expect(covered(bindCell)).toBe(true);
  expect(covered(renewalCell)).toBe(true);
  expect(rules).toHaveLength(description.validations.length);
  expect(dateValidations.length).toBeGreaterThanOrEqual(4);
});
