import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { describePlanSheet } from "../plan/sheet";
import { toIsoDate } from "../plan/dates";
import { computeSchedule } from "../plan/schedule";
import { DEFAULT_TEMPLATE } from "../plan/template";
import { checkPlanRequest, describeProblems, type DateInput } from "../plan/validate";
import { parseArgs, UsageError } from "./args";

const USAGE = `Usage:
  service-plan template --json
  service-plan schedule --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--holidays FILE] [--client NAME] --json
  service-plan new --client NAME --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--team FILE.json] [--holidays FILE]
                   --out FILE.xlsx [--force]`;

/** Failures the person can fix; reported on stderr with exit code 2 and nothing on stdout. */
export class InputError extends Error {}

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
    throw error;
  }
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
      const checked = checkPlanRequest({
        client: stringOption(options, "client") ?? "Sample client",
        bind: stringOption(options, "bind") ?? "",
        renewal: stringOption(options, "renewal"),
        holidays: readHolidays(stringOption(options, "holidays")),
      });
      if (!checked.ok) throw new InputError(describeProblems(checked.problems));
      const inputs = checked.value;
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
      const checked = checkPlanRequest({
        client: stringOption(options, "client") ?? "",
        bind: stringOption(options, "bind") ?? "",
        renewal: stringOption(options, "renewal"),
        team: readTeam(stringOption(options, "team")),
        holidays: readHolidays(stringOption(options, "holidays")),
      });
      if (!checked.ok) throw new InputError(describeProblems(checked.problems));
      const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, {
        planId: randomUUID(),
        existingSheetNames: [],
      });
      // exceljs is loaded only here, so `template` and `schedule` start fast.
      const { writePlanWorkbook } = await import("../xlsx/write-xlsx");
      writeNewFile(out, await writePlanWorkbook([description]), options.has("force"));
      const schedule = computeSchedule(DEFAULT_TEMPLATE, checked.value);
      return (
        `Wrote ${out}: sheet "${description.name}", ${schedule.tasks.length} tasks, ` +
        `bind ${toIsoDate(checked.value.bind)}, renewal ${toIsoDate(checked.value.renewal)}.\n` +
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

function requireJson(options: Map<string, string | true>): void {
  if (!options.has("json")) throw new UsageError("Add --json: output is JSON only.");
}

export function stringOption(options: Map<string, string | true>, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === "string" ? value : undefined;
}

/** A team file: a JSON object from role to person, e.g. {"AE": "Dana Whitfield"}. */
export function readTeam(path: string | undefined): Record<string, unknown> | undefined {
  if (path === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? `it is not valid JSON (${error.message})`
        : `${(error as NodeJS.ErrnoException).code ?? error}`;
    throw new InputError(`Cannot read the team file ${path}: ${reason}.`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`The team file ${path} must hold a JSON object of role to name, e.g. {"AE": "Dana Lee"}.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Writes the whole file or nothing: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a failure never leaves a half-written workbook.
 */
function writeNewFile(path: string, bytes: Buffer, force: boolean): void {
  const target = resolve(path);
  if (existsSync(target) && !force) {
    throw new InputError(`${path} already exists: choose another --out file, or add --force to replace it.`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? "the folder is not writable"
          : code === "EISDIR"
            ? "it is a folder"
            : `${code ?? error}`;
    throw new InputError(`Cannot write ${path}: ${reason}.`);
  }
}

/** A holidays file: one YYYY-MM-DD date per line; blank lines and lines starting with # are ignored. */
export function readHolidays(path: string | undefined): DateInput[] {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`Cannot read the holidays file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}.`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
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
      process.stderr.write(`service-plan: unexpected failure: ${error instanceof Error ? error.stack : error}\n`);
      process.exitCode = 1;
    },
  );
}
