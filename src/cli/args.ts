import { type CalendarDate, calendarDate, parseIsoDate } from "../plan/dates";
/** A small, strict parser for `--name value` and `--flag` options: unknown options are errors, not ignored. */
export interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string | true>;
}

/** A command line the program does not take; reported with the usage, exit code 2. */
export class UsageError extends Error {}

/** Failures the person can fix; reported on stderr with exit code 2 and nothing on stdout. */
export class InputError extends Error {}

export function parseArgs(argv: string[], valueOptions: string[], flagOptions: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inlineValue] = arg.startsWith("--") ? splitInline(arg.slice(2)) : [arg, undefined];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument "${arg}".`);
    if (flagOptions.includes(name)) {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value.`);
      options.set(name, true);
    } else if (valueOptions.includes(name)) {
      const value = inlineValue ?? rest[++i];
      if (value === undefined || (inlineValue === undefined && value.startsWith("--"))) {
        throw new UsageError(`--${name} needs a value.`);
      }
      if (options.has(name)) throw new UsageError(`--${name} is given twice.`);
      options.set(name, value);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return { command, options };
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** The person's own calendar day: what is overdue is decided on the clock they read, as in the pane. */
export function localToday(): CalendarDate {
  const now = new Date();
  return calendarDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The day `--as-of` names, or today without it; `example` shows the format in the message for a bad one. */
export function asOfDay(asOf: string | undefined, example: string): CalendarDate {
  if (asOf === undefined) return localToday();
  const parsed = parseIsoDate(asOf);
  if (!parsed) throw new InputError(`--as-of ${asOf} is not a date: write it as YYYY-MM-DD, e.g. ${example}.`);
  return parsed;
}
