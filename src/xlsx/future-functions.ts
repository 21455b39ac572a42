/**
 * Functions added to Excel after 2007 are stored in a file with an `_xlfn.` prefix (ECMA-376 calls them
 * "future functions"): Excel writes `_xlfn.MINIFS(...)` and shows `MINIFS(...)`; a file without the prefix
 * opens with #NAME? in Excel. Office.js takes and gives formulas without it, so the sheet description has none
 * and the file writer adds it.
 */

/** The post-2007 functions the project's formulas may use (keep in step with the formulas; a test checks). */
export const FUTURE_FUNCTIONS = ["MINIFS", "MAXIFS", "IFS", "SWITCH", "CONCAT", "TEXTJOIN", "IFNA", "DAYS"] as const;

const FUTURE_CALL = new RegExp(`(?<![A-Za-z0-9_.])(${FUTURE_FUNCTIONS.join("|")})\\(`, "gi");

/** `formula` with `_xlfn.` before every future function it calls; text in quotes is left alone. Idempotent. */
export function withFutureFunctionPrefixes(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(FUTURE_CALL, "_xlfn.$1(")))
    .join("");
}
