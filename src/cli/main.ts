import { randomBytes, randomUUID } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { BookOverviewWritten } from "../xlsx/book";
import { describePlanSheet, type SheetDescription } from "../plan/sheet";
import { toIsoDate } from "../plan/dates";
import { computeSchedule } from "../plan/schedule";
import { DEFAULT_TEMPLATE } from "../plan/template";
import { checkPlanRequest, type Problem } from "../plan/validate";
import { parseArgs, UsageError } from "./args";
import { InputError } from "./input-error";

const USAGE = `Usage:
  service-plan template --json
  service-plan schedule --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--holidays FILE] [--client NAME] --json
  service-plan new --client NAME --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--team FILE.json] [--holidays FILE]
                   --out FILE.xlsx [--force | --add]
  service-plan overview FILE.xlsx [--person NAME] [--as-of YYYY-MM-DD] [--json]`;

export { InputError };

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
      const holidaysFile = stringOption(options, "holidays");
      const holidayLines = readHolidays(holidaysFile);
      const checked = checkPlanRequest({
        client: stringOption(options, "client") ?? "Sample client",
        bind: stringOption(options, "bind") ?? "",
        renewal: stringOption(options, "renewal"),
        holidays: holidayLines.map((line) => line.text),
      });
      if (!checked.ok) throw new InputError(describeInputProblems(checked.problems, holidaysFile, holidayLines));
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
      const { options } = parseArgs(argv, ["client", "bind", "renewal", "team", "holidays", "out"], ["force", "add"]);
      const out = stringOption(options, "out");
      if (!out) throw new UsageError("--out FILE.xlsx is required.");
      if (options.has("add") && options.has("force")) {
        throw new UsageError("--add adds a plan to --out, --force replaces it: give one of them.");
      }
      if (!out.toLowerCase().endsWith(".xlsx")) throw new InputError(`--out ${out}: the file name must end in .xlsx.`);
      const holidaysFile = stringOption(options, "holidays");
      const holidayLines = readHolidays(holidaysFile);
      const checked = checkPlanRequest({
        client: stringOption(options, "client") ?? "",
        bind: stringOption(options, "bind") ?? "",
        renewal: stringOption(options, "renewal"),
        team: readTeam(stringOption(options, "team")),
        holidays: holidayLines.map((line) => line.text),
      });
      if (!checked.ok) throw new InputError(describeInputProblems(checked.problems, holidaysFile, holidayLines));
      const schedule = computeSchedule(DEFAULT_TEMPLATE, checked.value);
      const planLine = (description: SheetDescription) =>
        `sheet "${description.name}", ${schedule.tasks.length} tasks, ` +
        `bind ${toIsoDate(checked.value.bind)}, renewal ${toIsoDate(checked.value.renewal)}`;
      const warnings = schedule.warnings.map((w) => `Warning: ${w}\n`).join("");
      const describe = (existingSheetNames: string[]) =>
        describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: randomUUID(), existingSheetNames });
      // exceljs is loaded only here, so `template` and `schedule` start fast.
      const book = await import("../xlsx/book");
      if (options.has("add")) {
        const existing = readWorkbookFile(out, "--out", "leave out --add to write a new workbook");
        let added: Awaited<ReturnType<typeof book.addPlanToBook>>;
        try {
          added = await book.addPlanToBook(existing, describe);
        } catch (error) {
          if (error instanceof book.NotAWorkbookError || error instanceof book.WorkbookNotKeptError) {
            throw new InputError(`Cannot add a plan to ${out}: ${error.message}.`);
          }
          throw error;
        }
        writeNewFile(out, added.bytes, true);
        return `Added to ${out}: ${planLine(added.description)}.\n${overviewLine(added.overview, added.upgraded)}${warnings}`;
      }
      const description = describe([]);
      writeNewFile(out, await book.writeBookWorkbook([description]), options.has("force"));
      return `Wrote ${out}: ${planLine(description)}.\nBook overview: 1 plan.\n${warnings}`;
    }
    case "overview": {
      const { splitFileArgument, overviewReport } = await import("./overview");
      const { files, rest } = splitFileArgument(argv.slice(1), ["person", "as-of"]);
      if (files.length !== 1) {
        throw new UsageError(
          files.length === 0
            ? "Name the workbook to read: service-plan overview FILE.xlsx."
            : `Unexpected argument "${files[1]}".`,
        );
      }
      const { options } = parseArgs(["overview", ...rest], ["person", "as-of"], ["json"]);
      const file = files[0];
      return overviewReport(readWorkbookFile(file, "the workbook"), file, {
        person: stringOption(options, "person"),
        asOf: stringOption(options, "as-of"),
        json: options.has("json"),
      });
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
  const text = readTextFile(path, "the team file");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Cannot read the team file ${path}: it is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`The team file ${path} must hold a JSON object of role to name, e.g. {"AE": "Dana Lee"}.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Writes the whole file or nothing: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a failure never leaves a half-written workbook. The temporary name is short, so a
 * target name near the file system's limit still has room.
 */
function writeNewFile(path: string, bytes: Buffer, force: boolean): void {
  const target = resolve(path);
  if (existsSync(target) && !force) {
    throw new InputError(`${path} already exists: choose another --out file, or add --force to replace it.`);
  }
  const temporary = join(dirname(target), `.service-plan-${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created where the folder cannot be reached (ENOTDIR, ENOENT); the write error is what counts.
    }
    throw new InputError(`Cannot write ${path}: ${fileProblem(error, "write")}.`);
  }
}

/** What went wrong with a file, said so that the person knows what to change. */
function fileProblem(error: unknown, action: "read" | "write"): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return action === "read" ? "it does not exist" : "its folder does not exist";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return action === "read" ? "permission denied" : "the folder is not writable";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "part of its path is a file, not a folder";
    case "ENAMETOOLONG":
      return "the name is too long: choose a shorter file or folder name";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** The Book overview's rows after a plan was added, in words. */
function overviewLine(overview: BookOverviewWritten, upgraded: readonly string[]): string {
  const { rows } = overview;
  const changes = [
    rows.removed.length > 0 &&
      `${rows.removed.length} row${rows.removed.length === 1 ? "" : "s"} removed for plans no longer in the workbook`,
    rows.renamed.length > 0 && `renamed: ${rows.renamed.map((r) => `"${r.from}" is now "${r.to}"`).join(", ")}`,
    upgraded.length > 0 &&
      `live summary added to ${upgraded.map((name) => `"${name}"`).join(", ")} for the overview to read`,
  ].filter(Boolean);
  const count = `${rows.rows.length} plan${rows.rows.length === 1 ? "" : "s"}`;
  return `Book overview "${overview.name}": ${count}${changes.length > 0 ? `; ${changes.join("; ")}` : ""}.\n`;
}

/** A workbook is read whole; one larger than this is refused before it is read. */
const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

/** An existing workbook's bytes; `what` names it in messages, `hint` says what to do when it does not exist. */
function readWorkbookFile(path: string, what: string, hint?: string): Buffer {
  const cannot = (reason: string) => new InputError(`Cannot read ${what} ${path}: ${reason}.`);
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (error) {
    const problem = fileProblem(error, "read");
    throw cannot((error as NodeJS.ErrnoException).code === "ENOENT" && hint ? `${problem}; ${hint}` : problem);
  }
  try {
    const stat = fstatSync(descriptor);
    if (stat.isDirectory()) throw cannot("it is a folder");
    if (!stat.isFile()) throw cannot("it is not a file");
    if (stat.size > MAX_WORKBOOK_BYTES) throw cannot(`it is larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`);
    return readFileSync(descriptor);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw cannot(fileProblem(error, "read"));
  } finally {
    closeSync(descriptor);
  }
}

/** Input files are small text; a larger or binary file is refused before it is read whole. */
export const MAX_INPUT_FILE_BYTES = 64 * 1024;

/**
 * A small text file, UTF-8 (with or without the byte order mark Windows PowerShell writes) or UTF-16 with a
 * byte order mark. Reads at most MAX_INPUT_FILE_BYTES + 1 bytes, so a device such as /dev/zero or a large
 * binary file is refused instead of exhausting memory.
 */
export function readTextFile(path: string, what: string): string {
  const cannot = (reason: string) => new InputError(`Cannot read ${what} ${path}: ${reason}.`);
  let bytes: Buffer;
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (error) {
    throw cannot(fileProblem(error, "read"));
  }
  try {
    if (fstatSync(descriptor).isDirectory()) throw cannot("it is a folder");
    bytes = Buffer.alloc(MAX_INPUT_FILE_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < bytes.length; length += read) {
      read = readSync(descriptor, bytes, length, bytes.length - length, null);
    }
    bytes = bytes.subarray(0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw cannot(fileProblem(error, "read"));
  } finally {
    closeSync(descriptor);
  }
  const notText = cannot("it is not a text file; save it as plain text (UTF-8)");
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  if (encoding === "utf-8" && bytes.includes(0)) throw notText;
  if (bytes.length > MAX_INPUT_FILE_BYTES) {
    throw cannot(`it is larger than ${MAX_INPUT_FILE_BYTES / 1024} KB, too large for ${what}`);
  }
  let text: string;
  try {
    // The decoder drops a leading byte order mark.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw notText;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) throw notText;
  return text;
}

/** A line of a holidays file, numbered from 1 as an editor shows it. */
export interface HolidayLine {
  line: number;
  text: string;
}

/** A holidays file: one YYYY-MM-DD date per line; blank lines and lines starting with # are ignored. */
export function readHolidays(path: string | undefined): HolidayLine[] {
  if (path === undefined) return [];
  return readTextFile(path, "the holidays file")
    .split(/\r\n|\r|\n/)
    .map((text, index) => ({ line: index + 1, text: text.trim() }))
    .filter(({ text }) => text !== "" && !text.startsWith("#"));
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
