import { hasVisibleCharacter } from "./validate";

/** The name of a plan's sheet, from the client's name, within Excel's rules for sheet names. */

const FORBIDDEN_IN_SHEET_NAMES = /[[\]:*?/\\]/g;

export const MAX_SHEET_NAME = 31;

/**
 * A sheet name from the client's name: Excel's forbidden characters replaced, at most 31 characters, not
 * starting or ending with an apostrophe, and unique (case-insensitively, as Excel compares) among `taken`. A
 * `term` ("2027-28") follows the client's name whole: the name is cut to make room for it.
 */
export function planSheetName(client: string, taken: readonly string[], term = ""): string {
  const replaced = client
    .replace(FORBIDDEN_IN_SHEET_NAMES, "-")
    // A straight apostrophe must be doubled inside quoted references ('O''Brien'!A1), which several
    // programs get wrong; the typographic one reads the same and needs no quoting rules.
    .replace(/'/g, "\u2019")
    .replace(/\s+/g, " ")
    .trim();
  const base = hasVisibleCharacter(replaced) ? replaced : "Client plan";
  const takenLower = new Set(taken.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const tail = term === "" ? "" : ` ${term}`;
    const candidate = truncate(base, MAX_SHEET_NAME - suffix.length - tail.length).trimEnd() + tail + suffix;
    if (!takenLower.has(candidate.toLowerCase()) && candidate.toLowerCase() !== "history") return candidate;
  }
}

/**
 * The user-perceived characters of `text` (a flag, a family emoji joined with zero-width joiners, a letter with
 * its accents), so a cut never splits one. Where the runtime has no Intl.Segmenter, code points.
 */
export function graphemes(text: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return [...text];
  return Array.from(new Segmenter(undefined, { granularity: "grapheme" }).segment(text), (part) => part.segment);
}

/**
 * At most `units` UTF-16 code units (the strictest way to count Excel's limits), cut between user-perceived
 * characters. A single character longer than the limit (a long run of combining marks) is cut between code
 * points instead, so the result is never empty when `text` is not.
 */
function truncate(text: string, units: number): string {
  if (text.length <= units) return text;
  let kept = "";
  for (const character of graphemes(text)) {
    if (kept.length + character.length > units) break;
    kept += character;
  }
  if (kept !== "") return kept;
  for (const codePoint of text) {
    if (kept.length + codePoint.length > units) break;
    kept += codePoint;
  }
  return kept;
}
