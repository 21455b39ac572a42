/**
 * The workbook's locale as a person's Excel shows it. In German Excel formulas read with `;` between arguments and
 * `,` before decimals (`formulasLocal`), numbers and dates show as "1,5" and "15.01.2027" (`text`), and a person
 * types them that way. The API's own members do not change: `values`, `formulas`, `numberFormat` and a list
 * validation's source (comma-separated in every locale: office-js #2128, "by design") stay en-US.
 * Function names are not translated (German Excel shows WENN for IF): the separators are what breaks code that
 * reads local text as data.
 */
export type FakeLocale = "en-US" | "de-DE";

/** Swaps `,` and `.` and turns `,` argument separators into `;`, outside string literals. */
function swapSeparators(formula: string, toLocal: boolean): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') inString = !inString;
    if (inString) {
      out += ch;
      continue;
    }
    const digitsAround = /\d/.test(formula[i - 1] ?? "") && /\d/.test(formula[i + 1] ?? "");
    if (toLocal) {
      if (ch === "." && digitsAround) out += ",";
      else if (ch === ",") out += ";";
      else out += ch;
    } else if (ch === "," && digitsAround) out += ".";
    else if (ch === ";") out += ",";
    else out += ch;
  }
  return out;
}

export function localFormula(formula: unknown, locale: FakeLocale): unknown {
  if (locale === "en-US" || typeof formula !== "string" || !formula.startsWith("=")) return formula;
  return swapSeparators(formula, true);
}

export function invariantFormula(formula: unknown, locale: FakeLocale): unknown {
  if (locale === "en-US" || typeof formula !== "string" || !formula.startsWith("=")) return formula;
  return swapSeparators(formula, false);
}

/** What a cell shows, from its en-US text: German decimal and thousands marks, dates day first with dots. */
export function localText(text: string, numberFormat: string, locale: FakeLocale): string {
  if (locale === "en-US") return text;
  const usDate = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})(.*)$/.exec(text);
  if (usDate && /[dmy]/i.test(numberFormat)) {
    const [, month, day, year, rest] = usDate;
    return `${day.padStart(2, "0")}.${month.padStart(2, "0")}.${year}${rest}`;
  }
  if (/^[-\d.,%$€\s]+$/.test(text) && /\d/.test(text))
    return text.replace(/[.,]/g, (mark) => (mark === "." ? "," : "."));
  return text;
}

/** What a person typing in that locale means, as en-US typing: "15.01.2027" is a date, "1,5" a number. */
export function invariantTyping(input: unknown, locale: FakeLocale): unknown {
  if (locale === "en-US" || typeof input !== "string") return input;
  if (input.startsWith("=")) return invariantFormula(input, locale);
  const date = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(input.trim());
  if (date) return `${date[3]}-${date[2].padStart(2, "0")}-${date[1].padStart(2, "0")}`;
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(input.trim()))
    return input.trim().replace(/\./g, "").replace(",", ".");
  return input;
}
