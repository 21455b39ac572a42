import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXPLAINED_CODES, explain, inCellEditMode } from "../../src/excel/errors";

const modules = join(__dirname, "..", "..", "node_modules");

/** The string values of `enum ErrorCodes { ... }` inside `namespace Excel` of @types/office-js. */
function excelErrorCodes(): Set<string> {
  const types = readFileSync(join(modules, "@types", "office-js", "index.d.ts"), "utf8");
  const excel = types.indexOf("declare namespace Excel {");
  const start = types.indexOf("enum ErrorCodes {", excel);
  const body = types.slice(start, types.indexOf("}", start));
  return new Set([...body.matchAll(/=\s*"([A-Za-z]+)"/g)].map((match) => match[1]));
}

/**
 * The codes Office.js's request layer sets itself, `CoreErrorCodes.x = 'X'` in the shipped runtime
 * (excel-web-16.00.debug.js, around line 13405: `CoreErrorCodes.requestPayloadSizeLimitExceeded =
 * 'RequestPayloadSizeLimitExceeded'`, set on a request over the limit at line 13478).
 */
function coreErrorCodes(): Set<string> {
  const runtime = readFileSync(join(modules, "@microsoft", "office-js", "dist", "excel-web-16.00.debug.js"), "utf8");
  return new Set([...runtime.matchAll(/CoreErrorCodes\.[A-Za-z]+ = '([A-Za-z]+)';/g)].map((match) => match[1]));
}

describe("Office errors told in words", () => {
  it("explains only codes Office.js can reject with", () => {
    const excel = excelErrorCodes();
    const core = coreErrorCodes();
    expect(excel.has("InvalidOperationInCellEditMode")).toBe(true); // the lists were read
    expect(core.has("RequestPayloadSizeLimitExceeded")).toBe(true);
    expect(EXPLAINED_CODES.filter((code) => !excel.has(code) && !core.has(code))).toEqual([]);
  });

  it("explains the codes a person can act on: cell edit mode, a response too large, a filter in the way", () => {
    for (const code of [
      "InvalidOperationInCellEditMode",
      "ResponsePayloadSizeLimitExceeded",
      "FilteredRangeConflict",
    ]) {
      expect(EXPLAINED_CODES).toContain(code);
      expect(excelErrorCodes().has(code)).toBe(true);
    }
    expect(explain("Reading the plan", { code: "InvalidOperationInCellEditMode" }).message).toBe(
      "Reading the plan failed: a cell is being edited: press Enter or Esc in the sheet, then try again.",
    );
    expect(inCellEditMode({ code: "InvalidOperationInCellEditMode" })).toBe(true);
    expect(inCellEditMode({ code: "InvalidOperation" })).toBe(false);
  });
});
