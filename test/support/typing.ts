/**
 * Typing into a cell the way Excel (en-US) checks it: the entry is turned into a value as Excel would (a date
 * becomes its serial, a number stays a number, anything else is text), then held against the cell's data
 * validation as read from the sheet's XML. Only what the project writes is understood (date, whole-number and list rules,
 * literal bounds); anything else throws, so a test can never pass by not understanding a rule.
 */
import { childNamed, childrenNamed, type XmlElement } from "./xlsx-xml";

export interface ValidationRuleXml {
  sqref: string;
  type: string;
  operator: string;
  allowBlank: boolean;
  showErrorMessage: boolean;
  errorStyle: string;
  errorTitle: string;
  error: string;
  formula1?: string;
  formula2?: string;
}

const isOn = (value: string | undefined) => value === "1" || value === "true";

/** Every <dataValidation> of a worksheet, with the schema's defaults filled in. */
export function validationRules(worksheet: XmlElement): ValidationRuleXml[] {
  const container = childNamed(worksheet, "dataValidations");
  if (!container) return [];
  return childrenNamed(container, "dataValidation").map((rule) => ({
    sqref: rule.attributes.sqref,
    type: rule.attributes.type ?? "none",
    operator: rule.attributes.operator ?? "between",
    allowBlank: isOn(rule.attributes.allowBlank),
    showErrorMessage: isOn(rule.attributes.showErrorMessage),
    errorStyle: rule.attributes.errorStyle ?? "stop",
    errorTitle: rule.attributes.errorTitle ?? "",
    error: rule.attributes.error ?? "",
    formula1: childNamed(rule, "formula1")?.text,
    formula2: childNamed(rule, "formula2")?.text,
  }));
}

function cellPosition(reference: string): { row: number; column: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(reference);
  if (!match) throw new Error(`Not a cell reference: ${reference}`);
  const column = [...match[1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), column };
}

function rangeContains(range: string, cell: string): boolean {
  const [from, to = from] = range.split(":");
  const a = cellPosition(from);
  const b = cellPosition(to);
  const c = cellPosition(cell);
  return c.row >= a.row && c.row <= b.row && c.column >= a.column && c.column <= b.column;
}

/** The rule Excel applies to `cell` (sqref lists ranges separated by spaces); undefined when none does. */
export function ruleForCell(rules: ValidationRuleXml[], cell: string): ValidationRuleXml | undefined {
  const matching = rules.filter((rule) => rule.sqref.split(/\s+/).some((range) => rangeContains(range, cell)));
  if (matching.length > 1) throw new Error(`${cell} has ${matching.length} validation rules; Excel keeps one`);
  return matching[0];
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel's serial of a calendar date it can show, or null (before 1900 or after 9999 Excel keeps text). */
function serialOf(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const time = Date.UTC(2000, month - 1, day);
  const date = new Date(time);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    // Excel's one fictional day, kept for Lotus compatibility.
    return year === 1900 && month === 2 && day === 29 ? 60 : null;
  }
  const serial = Math.round((date.getTime() - EXCEL_EPOCH) / 86_400_000);
  // Before 1 March 1900 Excel's serials are one lower, because of the fictional 29 February 1900.
  return serial <= 60 ? serial - 1 : serial;
}

export type CellEntry = { kind: "blank" } | { kind: "number"; value: number } | { kind: "text"; text: string };

/** What Excel (en-US) stores for typed text: m/d/yyyy and yyyy-mm-dd are dates, plain numbers are numbers. */
export function enteredValue(typed: string): CellEntry {
  const text = typed.trim();
  if (text === "") return { kind: "blank" };
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const serial = us
    ? serialOf(Number(us[3]), Number(us[1]), Number(us[2]))
    : iso
      ? serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : null;
  if (serial !== null) return { kind: "number", value: serial };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { kind: "number", value: Number(text) };
  return { kind: "text", text: typed };
}

function literalNumber(formula: string | undefined, rule: ValidationRuleXml): number {
  if (formula === undefined || !/^-?\d+(\.\d+)?$/.test(formula.trim())) {
    throw new Error(`Unsupported bound "${formula}" in the ${rule.type} rule on ${rule.sqref}`);
  }
  return Number(formula);
}

/** The entries of a literal list, formula1 `"A,B,C"`. */
export function listEntries(rule: ValidationRuleXml): string[] {
  const match = /^"(.*)"$/.exec(rule.formula1 ?? "");
  if (!match) throw new Error(`Unsupported list source ${rule.formula1} on ${rule.sqref}`);
  return match[1].split(",");
}

function satisfies(rule: ValidationRuleXml, entry: CellEntry): boolean {
  if (entry.kind === "blank") return rule.allowBlank;
  switch (rule.type) {
    case "date": {
      if (entry.kind !== "number") return false;
      const low = literalNumber(rule.formula1, rule);
      if (rule.operator !== "between") throw new Error(`Unsupported operator ${rule.operator} on ${rule.sqref}`);
      const high = literalNumber(rule.formula2, rule);
      return entry.value >= low && entry.value <= high;
    }
    case "whole": {
      if (entry.kind !== "number" || !Number.isInteger(entry.value)) return false;
      if (rule.operator !== "between") throw new Error(`Unsupported operator ${rule.operator} on ${rule.sqref}`);
      return entry.value >= literalNumber(rule.formula1, rule) && entry.value <= literalNumber(rule.formula2, rule);
    }
    case "list": {
      const typed = entry.kind === "text" ? entry.text : String(entry.value);
      // Excel matches list entries regardless of case.
      return listEntries(rule).some((item) => item.toLowerCase() === typed.toLowerCase());
    }
    default:
      throw new Error(`Unsupported validation type ${rule.type} on ${rule.sqref}`);
  }
}

export type TypingResult =
  { accepted: true; entry: CellEntry } | { accepted: false; entry: CellEntry; title: string; message: string };

/** Types `typed` into `cell`: accepted, or refused with the Stop alert's title and message. */
export function typeInto(rules: ValidationRuleXml[], cell: string, typed: string): TypingResult {
  const entry = enteredValue(typed);
  const rule = ruleForCell(rules, cell);
  if (!rule || satisfies(rule, entry)) return { accepted: true, entry };
  // With no error alert, or a Warning or Information alert the person can dismiss, Excel keeps the entry.
  if (!rule.showErrorMessage || rule.errorStyle !== "stop") return { accepted: true, entry };
  return { accepted: false, entry, title: rule.errorTitle, message: rule.error };
}
