/** Shared argument validation for API values (enums, colors, 2D arrays). */
import { invalidArgument } from "./errors";

// Enum value lists live beside the enum objects built from them.
export { BORDER_STYLE, BORDER_WEIGHT, DV_OPERATORS, H_ALIGN, UNDERLINE, V_ALIGN } from "./enums";

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  purple: "#800080",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
};

/** Normalizes a color the way Excel reports it back ("#RRGGBB", uppercase). */
export function normalizeColor(v: unknown, allowEmpty = false): string {
  if (typeof v !== "string") throw invalidArgument(`Invalid color ${String(v)}.`);
  if (v === "" && allowEmpty) return "";
  const named = NAMED_COLORS[v.toLowerCase()];
  if (named) return named;
  let m = /^#([0-9a-f]{6})$/i.exec(v);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(v);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  throw invalidArgument(`Invalid color '${v}'.`);
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v === "string") {
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (hit) return hit;
  }
  throw invalidArgument(`Invalid ${what} '${String(v)}'. Expected one of: ${allowed.join(", ")}.`);
}

export function bool(v: unknown, what: string): boolean {
  if (typeof v !== "boolean") throw invalidArgument(`${what} must be a boolean, got ${String(v)}.`);
  return v;
}

export function num(v: unknown, what: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    throw invalidArgument(`${what} must be a number between ${min} and ${max}, got ${String(v)}.`);
  }
  return v;
}

export function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw invalidArgument(`${what} must be a string, got ${String(v)}.`);
  return v;
}

export function int(v: unknown, what: string, min = 0): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw invalidArgument(`${what} must be an integer >= ${min}, got ${String(v)}.`);
  }
  return v;
}

/** Checks a 2D array against the range shape; a non-array is a scalar that fills every cell. */
export function to2D(v: unknown, rows: number, cols: number, what: string): unknown[][] {
  if (!Array.isArray(v)) {
    if (rows * cols > 200000) {
      throw new Error(`FakeExcel: filling ${rows * cols} cells with a scalar ${what} is not implemented`);
    }
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));
  }
  if (v.length !== rows || !v.every((line) => Array.isArray(line) && line.length === cols)) {
    const got = `${v.length}x${Array.isArray(v[0]) ? (v[0] as unknown[]).length : "?"}`;
    throw invalidArgument(
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range is ${rows}x${cols}, array is ${got}).`,
    );
  }
  return v as unknown[][];
}
