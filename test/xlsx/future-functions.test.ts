import { HyperFormula } from "hyperformula";
import { describeBookOverview } from "../../src/plan/book-overview";
import { describePlanSheet } from "../../src/plan/sheet";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { FUTURE_FUNCTIONS, withFutureFunctionPrefixes } from "../../src/xlsx/future-functions";

/** Functions Excel 2007 knows by name in a file, among those the project's formulas use. */
const EXCEL_2007 = new Set(
  "AND CHOOSE COUNTIFS DAY EDATE IF IFERROR INDEX ISNUMBER MATCH MAX MID MIN MONTH NOT ROUND SUM SUMPRODUCT TODAY TRIM WORKDAY YEAR".split(
    " ",
  ),
);

function everyFormula(): string[] {
  const checked = checkPlanRequest({ client: "Acme", bind: "2027-01-15", holidays: ["2027-05-31"] });
  if (!checked.ok) throw new Error("bad request");
  const plan = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });
  const overview = describeBookOverview([{ sheetName: plan.name, planId: "p" }]);
  return [plan, overview].flatMap((sheet) => [
    ...sheet.cells.flat().flatMap((cell) => (cell.kind === "formula" ? [cell.formula] : [])),
    ...sheet.conditionalFormats.map((format) => format.formula),
  ]);
}

describe("functions newer than Excel 2007 in a file", () => {
  it("get the _xlfn. prefix, once, outside quoted text", () => {
    expect(withFutureFunctionPrefixes('=IF(MINIFS(A1:A9,B1:B9,"<>")=0,"",minifs(A1:A9,B1:B9,"x"))')).toBe(
      '=IF(_xlfn.MINIFS(A1:A9,B1:B9,"<>")=0,"",_xlfn.minifs(A1:A9,B1:B9,"x"))',
    );
    const once = withFutureFunctionPrefixes('=MINIFS(A:A,B:B,"MINIFS(")');
    expect(once).toBe('=_xlfn.MINIFS(A:A,B:B,"MINIFS(")');
    expect(withFutureFunctionPrefixes(once)).toBe(once);
    expect(withFutureFunctionPrefixes("=MYMINIFS(1)+COUNTIFS(A:A,1)")).toBe("=MYMINIFS(1)+COUNTIFS(A:A,1)");
  });

  it("covers every function the plan sheet and the Book overview use, all of which HyperFormula knows", () => {
    const known = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));
    const used = new Set(
      everyFormula().flatMap((formula) => [...formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])),
    );
    for (const name of used) {
      expect([name, known.has(name)]).toEqual([name, true]);
      expect([name, EXCEL_2007.has(name) || (FUTURE_FUNCTIONS as readonly string[]).includes(name)]).toEqual([
        name,
        true,
      ]);
    }
    expect(used).toContain("MINIFS");
  });
});
