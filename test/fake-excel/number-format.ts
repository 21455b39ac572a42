/**
 * Approximate Excel number-format rendering for `Range.text`.
 *
 * Covered: "General"; "@" (text as is); numeric patterns built from 0 # , . % with literal text
 * ("0", "0.00", "#,##0", "#,##0.00", "0%", "$#,##0.00", "0.0\"x\""); up to 4 sections separated by ";"
 * (positive;negative;zero;text); [Color]/[$-409] brackets are ignored; date/time patterns with
 * yyyy yy mmmm mmm mm m dddd ddd dd d h hh mm ss AM/PM (e.g. "yyyy-mm-dd", "m/d/yyyy", "mmm d, yyyy",
 * "d-mmm-yyyy", "dddd, mmmm d, yyyy", "h:mm AM/PM"). Not covered: fractions, scientific notation, "?" padding,
 * "*" fill, elapsed time [h], conditional sections like [>100].
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return "#NUM!";
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    return value
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace(/E([+-])(\d)$/, "E$10$2");
  }
  // Excel shows up to ~10 significant digits in a default-width column.
  const digitsBefore = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const decimals = Math.max(0, 10 - digitsBefore);
  return String(Number(value.toFixed(decimals)));
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let cur = "";
  let inQuote = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') inQuote = !inQuote;
    if (ch === "\\" && i + 1 < format.length) {
      cur += ch + format[i + 1];
      i++;
      continue;
    }
    if (ch === ";" && !inQuote) {
      sections.push(cur);
      cur = "";
    } else cur += ch;
  }
  sections.push(cur);
  return sections;
}

interface Token {
  kind: "literal" | "code";
  text: string;
}

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const lit = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      tokens.push({ kind: "literal", text: lit });
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      tokens.push({ kind: "literal", text: section[i + 1] ?? "" });
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      i = end < 0 ? section.length : end; // colors / locale tags ignored
    } else if (ch === "_") {
      tokens.push({ kind: "literal", text: " " });
      i++;
    } else if (ch === "*") {
      i++;
    } else {
      tokens.push({ kind: "code", text: ch });
    }
  }
  return tokens;
}

function isDateFormat(section: string): boolean {
  const stripped = tokenize(section)
    .filter((t) => t.kind === "code")
    .map((t) => t.text)
    .join("");
  return /[ymdhs]/i.test(stripped) && !/[0#]/.test(stripped.replace(/s0+/gi, ""));
}

function serialToParts(serial: number) {
  const whole = Math.floor(serial);
  const ms = Math.round((serial - whole) * 86400000);
  const d = new Date(Date.UTC(1899, 11, 30) + whole * 86400000);
  const secs = Math.floor(ms / 1000);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    dow: d.getUTCDay(),
    h: Math.floor(secs / 3600),
    mi: Math.floor((secs % 3600) / 60),
    s: secs % 60,
  };
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

function formatDate(value: number, section: string): string {
  if (value < 0) return "#".repeat(10);
  const p = serialToParts(value);
  const tokens = tokenize(section);
  const hasAmPm = /AM\/PM|A\/P/i.test(section);
  // Merge code tokens into runs of identical letters.
  const runs: Token[] = [];
  for (const t of tokens) {
    const last = runs[runs.length - 1];
    if (t.kind === "code" && last && last.kind === "code" && last.text[0].toLowerCase() === t.text.toLowerCase()) {
      last.text += t.text;
    } else runs.push({ ...t });
  }
  let out = "";
  for (let i = 0; i < runs.length; i++) {
    const t = runs[i];
    if (t.kind === "literal") {
      out += t.text;
      continue;
    }
    const lower = t.text.toLowerCase();
    const c = lower[0];
    // AM/PM
    if (
      c === "a" &&
      /^(AM\/PM|A\/P)/i.test(
        runs
          .slice(i)
          .map((r) => r.text)
          .join(""),
      )
    ) {
      const joined = runs
        .slice(i)
        .map((r) => r.text)
        .join("");
      const full = /^AM\/PM/i.test(joined);
      out += p.h < 12 ? (full ? "AM" : "A") : full ? "PM" : "P";
      let consumed = 0;
      const need = full ? 5 : 3;
      while (consumed < need && i < runs.length) consumed += runs[i++].text.length;
      i--;
      continue;
    }
    if (c === "y") out += lower.length <= 2 ? pad(p.y % 100, 2) : String(p.y);
    else if (c === "d") {
      if (lower.length === 1) out += String(p.d);
      else if (lower.length === 2) out += pad(p.d, 2);
      else if (lower.length === 3) out += DAYS[p.dow].slice(0, 3);
      else out += DAYS[p.dow];
    } else if (c === "m") {
      // minutes if preceded by h or followed by s
      const prev = runs
        .slice(0, i)
        .filter((r) => r.kind === "code" && /[a-z]/i.test(r.text))
        .pop();
      const next = runs.slice(i + 1).find((r) => r.kind === "code" && /[a-z]/i.test(r.text));
      const isMinute =
        lower.length <= 2 &&
        ((prev !== undefined && prev.text[0].toLowerCase() === "h") ||
          (next !== undefined && next.text[0].toLowerCase() === "s"));
      if (isMinute) out += lower.length === 1 ? String(p.mi) : pad(p.mi, 2);
      else if (lower.length === 1) out += String(p.m);
      else if (lower.length === 2) out += pad(p.m, 2);
      else if (lower.length === 3) out += MONTHS[p.m - 1].slice(0, 3);
      else if (lower.length === 5) out += MONTHS[p.m - 1][0];
      else out += MONTHS[p.m - 1];
    } else if (c === "h") {
      const h = hasAmPm ? ((p.h + 11) % 12) + 1 : p.h;
      out += lower.length === 1 ? String(h) : pad(h, 2);
    } else if (c === "s") out += lower.length === 1 ? String(p.s) : pad(p.s, 2);
    else out += t.text;
  }
  return out;
}

function formatNumber(value: number, section: string, negativeHasOwnSection: boolean): string {
  const tokens = tokenize(section);
  const codes = tokens.filter((t) => t.kind === "code").map((t) => t.text);
  const codeStr = codes.join("");
  if (!/[0#?]/.test(codeStr)) {
    // Pure literal section (e.g. "-" for zero).
    return tokens.map((t) => t.text).join("");
  }
  let v = Math.abs(value);
  const percentCount = (codeStr.match(/%/g) ?? []).length;
  v *= Math.pow(100, percentCount);
  const dot = codeStr.indexOf(".");
  const numberPart = codeStr.replace(/[^0#?,.]/g, "");
  const intPattern = dot >= 0 ? numberPart.slice(0, numberPart.indexOf(".")) : numberPart;
  const fracPattern = dot >= 0 ? numberPart.slice(numberPart.indexOf(".") + 1).replace(/,/g, "") : "";
  // Trailing commas scale by 1000.
  const trailingCommas = (/,+$/.exec(intPattern) ?? [""])[0].length;
  v /= Math.pow(1000, trailingCommas);
  const useGrouping = intPattern.replace(/,+$/, "").includes(",");
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  const maxFrac = fracPattern.length;
  let fixed = v.toFixed(maxFrac);
  let [intDigits, fracDigits = ""] = fixed.split(".");
  while (fracDigits.length > minFrac && fracDigits.endsWith("0")) fracDigits = fracDigits.slice(0, -1);
  if (intDigits === "0" && minInt === 0) intDigits = "";
  intDigits = intDigits.padStart(minInt, "0");
  if (useGrouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  fixed = fracDigits.length > 0 || (maxFrac > 0 && minFrac > 0) ? `${intDigits}.${fracDigits}` : intDigits;
  if (maxFrac > 0 && fracDigits.length === 0 && codeStr.includes(".") && minFrac === 0) fixed = `${intDigits}.`;
  // Rebuild with literals around the number.
  let out = "";
  let numberEmitted = false;
  for (const t of tokens) {
    if (t.kind === "literal") out += t.text;
    else if (/[0#?,.]/.test(t.text)) {
      if (!numberEmitted) {
        out += fixed;
        numberEmitted = true;
      }
    } else out += t.text;
  }
  const negative = value < 0 && !negativeHasOwnSection && Number(fixed.replace(/,/g, "")) !== 0;
  return negative ? `-${out}` : out;
}

/** Renders a cell value the way Excel shows it in `Range.text` (approximately; see file comment). */
export function formatValue(value: unknown, numberFormat: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const fmt = numberFormat || "General";
  const sections = splitSections(fmt);
  if (typeof value === "string") {
    if (sections.length >= 4) return sections[3].replace(/@/g, value).replace(/"/g, "");
    if (fmt.includes("@")) return fmt.replace(/@/g, value).replace(/"/g, "");
    return value;
  }
  if (typeof value !== "number") return String(value);
  let section = sections[0];
  let negativeHasOwnSection = false;
  if (value < 0 && sections.length >= 2 && sections[1] !== "") {
    section = sections[1];
    negativeHasOwnSection = true;
  } else if (value === 0 && sections.length >= 3 && sections[2] !== "") {
    section = sections[2];
  }
  if (/^general$/i.test(section.trim()) || section.trim() === "" || section.trim() === "@") {
    const s = formatGeneral(Math.abs(value));
    return value < 0 && !negativeHasOwnSection ? `-${s}` : s;
  }
  if (isDateFormat(section)) return formatDate(value, section);
  return formatNumber(value, section, negativeHasOwnSection);
}
