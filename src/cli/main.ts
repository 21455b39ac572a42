import { randomUUID } from "node:crypto";
import { toIsoDate } from "../plan/dates";
import { computeSchedule } from "../plan/schedule";
import { DEFAULT_TEMPLATE } from "../plan/default-template";
import { checkPlanRequest, type PlanInputs, type Problem } from "../plan/validate";
import { InputError, parseArgs, UsageError } from "./args";
import { type HolidayLine, readHolidays, readTeam, writeNewFile } from "./files";

const USAGE = `Usage:
  service-plan template --json
  service-plan schedule --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--holidays FILE] [--client NAME] --json
  service-plan new --client NAME --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--team FILE.json] [--holidays FILE]
                   --out FILE.xlsx [--force]`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const output = await dispatch(argv);
    io.stdout(output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`service-plan: ${error.message}\n${error instanceof UsageError ? USAGE + "\n" : ""}`);
      return 2;
    }
    // A fault of the program, not of the input: say so in one line (the stack only when asked for).
    io.stderr(`service-plan: unexpected failure: ${unexpectedFailure(error)}\n`);
    return 1;
  }
}

function unexpectedFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return process.env.SERVICE_PLAN_DEBUG
    ? (error.stack ?? error.message)
    : `${error.message} (set SERVICE_PLAN_DEBUG=1 for details)`;
}

async function dispatch(argv: string[]): Promise<string> {
  const command = argv[0];
  switch (command) {
    case "template": {
      const { options } = parseArgs(argv, [], ["json"]);
      requireJson(options);
      return JSON.stringify(DEFAULT_TEMPLATE, null, 2) + "\n";
    }
    case "schedule": {
      const { options } = parseArgs(argv, ["bind", "renewal", "holidays", "client"], ["json"]);
      requireJson(options);
      const inputs = planInputs(options, "Sample client");
      const schedule = computeSchedule(DEFAULT_TEMPLATE, inputs);
      return (
        JSON.stringify(
          {
            client: inputs.client,
            bind: toIsoDate(inputs.bind),
            renewal: toIsoDate(inputs.renewal),
            holidays: inputs.holidays.map(toIsoDate),
            tasks: schedule.tasks.map((t) => ({
              id: t.id,
              phase: t.phase,
              task: t.task,
              owners: t.owners,
              opens: toIsoDate(t.opens),
              due: toIsoDate(t.due),
              items: t.items.map((item) => item.text),
            })),
            warnings: schedule.warnings,
          },
          null,
          2,
        ) + "\n"
      );
    }
    case "new": {
      const { options } = parseArgs(argv, ["client", "bind", "renewal", "team", "holidays", "out"], ["force"]);
      const out = stringOption(options, "out");
      if (!out) throw new UsageError("--out FILE.xlsx is required.");
      if (!out.toLowerCase().endsWith(".xlsx")) throw new InputError(`--out ${out}: the file name must end in .xlsx.`);
      const inputs = planInputs(options, "", () => readTeam(stringOption(options, "team")));
      // The sheet description and exceljs are loaded only here, so `template` and `schedule` start fast.
      const { describePlanSheet } = await import("../plan/sheet");
      const description = describePlanSheet(DEFAULT_TEMPLATE, inputs, {
        planId: randomUUID(),
        existingSheetNames: [],
      });
      const { writePlanWorkbook } = await import("../xlsx/write-xlsx");
      writeNewFile(out, await writePlanWorkbook([description]), options.has("force"));
      const schedule = computeSchedule(DEFAULT_TEMPLATE, inputs);
      return (
        `Wrote ${out}: sheet "${description.name}", ${schedule.tasks.length} tasks, ` +
        `bind ${toIsoDate(inputs.bind)}, renewal ${toIsoDate(inputs.renewal)}.\n` +
        schedule.warnings.map((w) => `Warning: ${w}\n`).join("")
      );
    }
    case undefined:
    case "help":
    case "--help":
      return USAGE + "\n";
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** The plan the options ask for, checked; what is wrong with it (holidays by line of their file) as an InputError. */
function planInputs(
  options: Map<string, string | true>,
  client: string,
  team: () => Record<string, unknown> | undefined = () => undefined,
): PlanInputs {
  const holidaysFile = stringOption(options, "holidays");
  const holidayLines = readHolidays(holidaysFile);
  const checked = checkPlanRequest({
    client: stringOption(options, "client") ?? client,
    bind: stringOption(options, "bind") ?? "",
    renewal: stringOption(options, "renewal"),
    team: team(),
    holidays: holidayLines.map((line) => line.text),
  });
  if (!checked.ok) throw new InputError(describeInputProblems(checked.problems, holidaysFile, holidayLines));
  return checked.value;
}

function requireJson(options: Map<string, string | true>): void {
  if (!options.has("json")) throw new UsageError("Add --json: output is JSON only.");
}

export function stringOption(options: Map<string, string | true>, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === "string" ? value : undefined;
}

/** At most this many holiday lines are reported one by one; the rest are counted. */
const MAX_HOLIDAY_PROBLEMS_SHOWN = 3;

/**
 * The problems, one a line; a holiday problem names the line of the file it came from, and a file full of them
 * is summed up after the first few.
 */
export function describeInputProblems(
  problems: Problem[],
  holidaysFile: string | undefined,
  holidayLines: readonly HolidayLine[],
): string {
  const holidayProblems = problems.filter((p) => p.field === "holidays" && p.entry !== undefined);
  const others = problems.filter((p) => !holidayProblems.includes(p)).map((p) => p.message);
  const shown = holidayProblems
    .slice(0, MAX_HOLIDAY_PROBLEMS_SHOWN)
    .map((p) => `${holidaysFile} line ${holidayLines[p.entry!].line}: ${p.message}`);
  const hidden = holidayProblems.length - shown.length;
  const more =
    hidden > 0 ? [`...and ${hidden} more line${hidden === 1 ? "" : "s"} in ${holidaysFile} with problems.`] : [];
  return [...others, ...shown, ...more].join("\n");
}

if (require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`service-plan: unexpected failure: ${unexpectedFailure(error)}\n`);
      process.exitCode = 1;
    },
  );
}
