import { type CalendarDate, compareDates, daysInMonth, parseIsoDate, toIsoDate } from "./dates";
import { EXCEL_FIRST_DATE, EXCEL_LAST_DATE, fromExcelSerial, isExcelDate, isExcelDateSerial } from "./excel-dates";
import { ROLES, type RoleList, type ServiceTeam, isRole } from "./roles";
import { HOLIDAY_SLOTS } from "./sheet-layout";
import { defaultRenewal, latestRenewal, MAX_TERM_YEARS } from "./term";

/**
 * Input validation for every entry point: the task pane, the command line and the watched Bind/Renewal cells.
 * Each problem names its field and says what to do about it.
 */

/** `template`: the template chosen for the plan (it has problems, or is not in the workbook). */
export type Field = "client" | "bind" | "renewal" | "team" | "holidays" | "template";

export interface Problem {
  field: Field;
  message: string;
  /** For a list (holidays): which entry, from 0, so a caller can point at the line it came from. */
  entry?: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** What a person asks for, as typed: dates as "YYYY-MM-DD" text (or Excel serials when read from a cell). */
export interface PlanRequest {
  client: string;
  bind: DateInput;
  /** Empty: one year after binding, same day of month. */
  renewal?: DateInput;
  team?: Record<string, unknown>;
  holidays?: DateInput[];
}

export type DateInput = string | number | null | undefined;

export interface PlanInputs {
  client: string;
  bind: CalendarDate;
  renewal: CalendarDate;
  /** True when the renewal date was not given and follows the bind date. */
  renewalFollowsBind: boolean;
  team: ServiceTeam;
  holidays: CalendarDate[];
}

export const MAX_CLIENT_NAME_LENGTH = 120;
export const MAX_PERSON_NAME_LENGTH = 80;
const LABELS: Record<Field, string> = {
  client: "Client",
  bind: "Bind date",
  renewal: "Renewal date",
  team: "Service team",
  holidays: "Holidays",
  template: "Template",
};
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

/**
 * Collapses runs of whitespace and control characters (pasted line breaks, tabs) into single spaces, and drops
 * what an .xlsx cannot hold at all (XML 1.0 has no U+FFFE, U+FFFF or unpaired surrogate halves).
 */
export function cleanText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\s\u0000-\u001f\u007f]+/g, " ")
      .replace(/[\uFFFE\uFFFF]|\p{Surrogate}/gu, "")
      .trim()
  );
}

/**
 * Whether two client names name the same client as a person reads them: letter case and spacing aside
 * ("ACME  Manufacturing" is "Acme Manufacturing").
 */
export function sameClientName(a: string, b: string): boolean {
  const key = (name: string) => cleanText(name).toLocaleLowerCase("en-US");
  return key(a) === key(b);
}

/** False for text of nothing but spaces, control, zero-width and direction marks: it would show as blank. */
export function hasVisibleCharacter(text: string): boolean {
  return /[^\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]/u.test(text);
}

function explainImpossible(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `there is no month ${match[2]}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return null;
}

/** Typed text as shown back in a message: a long paste is cut short (at a code point), not repeated whole. */
function quoted(text: string, maxCodePoints = 40): string {
  const codePoints = [...text];
  return codePoints.length <= maxCodePoints ? text : codePoints.slice(0, maxCodePoints).join("") + "\u2026";
}

/**
 * How a message shows a date: ISO text by default (the command line, where dates are typed so); a form whose date
 * field shows dates another way (01/15/2027) passes that way, so its messages read like its fields.
 */
export type ShowDate = (iso: string) => string;
const isoText: ShowDate = (iso) => iso;
const EXAMPLE_DATE = "2027-01-15";

/** One date field: ISO text from a form or the command line, or an Excel serial read from a cell. */
export function checkDate(field: Field, input: DateInput, show: ShowDate = isoText): Checked<CalendarDate> {
  const label = LABELS[field];
  const fail = (message: string): Checked<CalendarDate> => ({ ok: false, problems: [{ field, message }] });
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) {
    return fail(`${label} is empty: enter a date such as ${show(EXAMPLE_DATE)}.`);
  }
  let date: CalendarDate | null;
  if (typeof input === "number") {
    date = isExcelDateSerial(input) ? fromExcelSerial(input) : null;
    if (!date) return fail(`${label} is ${input}, which is not a date: enter a date such as ${show(EXAMPLE_DATE)}.`);
  } else {
    date = parseIsoDate(input);
    if (!date) {
      const why = explainImpossible(input);
      return fail(
        why
          ? `${label} ${input.trim()} does not exist (${why}): check the day and month.`
          : `${label} "${quoted(cleanText(input))}" is not a date: write it as YYYY-MM-DD, e.g. 2027-01-15.`,
      );
    }
  }
  if (!isExcelDate(date)) {
    return fail(
      `${label} ${show(toIsoDate(date))} is outside the dates Excel can show (${show(toIsoDate(EXCEL_FIRST_DATE))} to ${show(toIsoDate(EXCEL_LAST_DATE))}): check the year.`,
    );
  }
  return { ok: true, value: date };
}

/** The bind and renewal dates together: renewal after bind, a term of at most three years. */
export function checkTerm(
  bindInput: DateInput,
  renewalInput: DateInput,
  show: ShowDate = isoText,
): Checked<{ bind: CalendarDate; renewal: CalendarDate; renewalFollowsBind: boolean }> {
  const bind = checkDate("bind", bindInput, show);
  const renewalGiven = !(renewalInput === null || renewalInput === undefined || renewalInput === "");
  const renewal = renewalGiven ? checkDate("renewal", renewalInput, show) : null;
  const day = (date: CalendarDate) => show(toIsoDate(date));
  const problems = [...(bind.ok ? [] : bind.problems), ...(renewal && !renewal.ok ? renewal.problems : [])];
  if (!bind.ok || (renewal && !renewal.ok)) return { ok: false, problems };
  const bindDate = (bind as { value: CalendarDate }).value;
  const renewalDate = renewal ? (renewal as { value: CalendarDate }).value : defaultRenewal(bindDate);
  // A given renewal was range-checked above; the default one a year after binding can fall past Excel's last day.
  if (!renewal && compareDates(renewalDate, EXCEL_LAST_DATE) > 0) {
    return {
      ok: false,
      problems: [
        {
          field: "renewal",
          message: `Renewal date one year after the bind date ${day(bindDate)} would be after ${day(EXCEL_LAST_DATE)}, the last date Excel can show: enter an earlier bind date, or a renewal date.`,
        },
      ],
    };
  }
  if (compareDates(renewalDate, bindDate) <= 0) {
    return {
      ok: false,
      problems: [
        {
          field: "renewal",
          message: `Renewal date ${day(renewalDate)} must be after the bind date ${day(bindDate)}: check both dates.`,
        },
      ],
    };
  }
  if (compareDates(renewalDate, latestRenewal(bindDate)) > 0) {
    return {
      ok: false,
      problems: [
        {
          field: "renewal",
          message: `The term from ${day(bindDate)} to ${day(renewalDate)} is longer than ${MAX_TERM_YEARS} years: check the renewal date.`,
        },
      ],
    };
  }
  return { ok: true, value: { bind: bindDate, renewal: renewalDate, renewalFollowsBind: !renewalGiven } };
}

export function checkClient(input: unknown): Checked<string> {
  const client = typeof input === "string" ? cleanText(input) : "";
  if (client === "")
    return { ok: false, problems: [{ field: "client", message: "Client is empty: enter the client's name." }] };
  if (!hasVisibleCharacter(client)) {
    return {
      ok: false,
      problems: [
        {
          field: "client",
          message:
            "Client name has only invisible characters (zero-width or direction marks): enter the client's name.",
        },
      ],
    };
  }
  if (client.length > MAX_CLIENT_NAME_LENGTH) {
    return {
      ok: false,
      problems: [
        {
          field: "client",
          message: `Client name is ${client.length} characters long: shorten it to ${MAX_CLIENT_NAME_LENGTH} or fewer.`,
        },
      ],
    };
  }
  return { ok: true, value: client };
}

/** A team of `roles` (the template's; the default template's unless given). */
export function checkTeam(input: unknown, roles: RoleList = ROLES): Checked<ServiceTeam> {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== "object" || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ field: "team", message: `Service team must map roles to names, e.g. {"AE": "Dana Lee"}.` }],
    };
  }
  const team: ServiceTeam = {};
  const problems: Problem[] = [];
  for (const [role, name] of Object.entries(input)) {
    if (!isRole(role, roles)) {
      problems.push({
        field: "team",
        message: `Service team role "${role}" is unknown: use one of ${roles.join(", ")}.`,
      });
    } else if (typeof name !== "string") {
      problems.push({ field: "team", message: `Service team name for ${role} must be text.` });
    } else {
      const person = cleanText(name);
      if (person.length > MAX_PERSON_NAME_LENGTH) {
        problems.push({
          field: "team",
          message: `Service team name for ${role} is ${person.length} characters long: shorten it to ${MAX_PERSON_NAME_LENGTH} or fewer.`,
        });
      } else if (person !== "") {
        team[role] = person;
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: team };
}

export function checkHolidays(input: DateInput[] | undefined): Checked<CalendarDate[]> {
  const seen = new Map<string, CalendarDate>();
  const problems: Problem[] = [];
  (input ?? []).forEach((entry, index) => {
    const date = checkDate("holidays", entry);
    if (date.ok) seen.set(toIsoDate(date.value), date.value);
    else problems.push(...date.problems.map((problem) => ({ ...problem, entry: index })));
  });
  if (problems.length) return { ok: false, problems };
  if (seen.size > HOLIDAY_SLOTS) {
    return {
      ok: false,
      problems: [
        {
          field: "holidays",
          message: `A plan sheet holds up to ${HOLIDAY_SLOTS} holidays and ${seen.size} were given: keep only the holidays within the policy term.`,
        },
      ],
    };
  }
  return { ok: true, value: [...seen.values()].sort(compareDates) };
}

/**
 * Everything a new plan needs, checked at once so a form can show every problem together. `roles`: the roles of
 * the template the plan is made from. `show`: how the bind and renewal fields show dates (holidays are typed as
 * ISO text, and their messages say so).
 */
export function checkPlanRequest(
  request: PlanRequest,
  roles: RoleList = ROLES,
  show: ShowDate = isoText,
): Checked<PlanInputs> {
  const client = checkClient(request.client);
  const term = checkTerm(request.bind, request.renewal, show);
  const team = checkTeam(request.team, roles);
  const holidays = checkHolidays(request.holidays);
  const problems = [client, term, team, holidays].flatMap((result) => (result.ok ? [] : result.problems));
  if (!client.ok || !term.ok || !team.ok || !holidays.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { client: client.value, ...term.value, team: team.value, holidays: holidays.value },
  };
}

/** All problems as one message, one per line. */
export function describeProblems(problems: Problem[]): string {
  return problems.map((p) => p.message).join("\n");
}
