import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { SheetDescription } from "../plan/sheet-types";
import type { BookOverviewWritten } from "../xlsx/book";
import { type CalendarDate, compareDates, parseIsoDate, toIsoDate } from "../plan/dates";
import { computeSchedule } from "../plan/schedule";
import { DEFAULT_TEMPLATE } from "../plan/default-template";
import { checkHolidays, checkPlanRequest, type PlanInputs, type Problem } from "../plan/validate";
import { InputError, parseArgs, UsageError } from "./args";
import { type HolidayLine, readHolidays, readTeam, readWorkbookFile, writeNewFile } from "./files";

const USAGE = `Usage:
  service-plan template --json | --export FILE.xlsx [--force] | --check FILE.xlsx
  service-plan schedule --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--holidays FILE] [--client NAME]
                        [--template FILE.xlsx[:NAME]] --json
  service-plan new --client NAME --bind YYYY-MM-DD [--renewal YYYY-MM-DD] [--team FILE.json] [--holidays FILE]
                   [--template FILE.xlsx[:NAME]] --out FILE.xlsx [--force | --add [--again]]
  service-plan overview FILE.xlsx [--person NAME] [--as-of YYYY-MM-DD] [--json]
  service-plan renew FILE.xlsx --plan NAME [--renewal YYYY-MM-DD] [--team FILE.json] [--template FILE.xlsx[:NAME]]
                     [--carry notes,own-rows] [--as-of YYYY-MM-DD] [--yes]`;

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
      const { options } = parseArgs(argv, ["export", "check"], ["json", "force"]);
      const modes = ["json", "export", "check"].filter((mode) => options.has(mode));
      if (modes.length !== 1) throw new UsageError("Give one of --json, --export FILE.xlsx or --check FILE.xlsx.");
      if (options.has("force") && !options.has("export")) throw new UsageError("--force goes with --export.");
      const { exportTemplate, checkTemplates } = await import("./templates");
      if (options.has("export")) return exportTemplate(stringOption(options, "export")!, options.has("force"));
      if (options.has("check")) return checkTemplates(stringOption(options, "check")!);
      return JSON.stringify(DEFAULT_TEMPLATE, null, 2) + "\n";
    }
    case "schedule": {
      const { options } = parseArgs(argv, ["bind", "renewal", "holidays", "client", "template"], ["json"]);
      requireJson(options);
      const chosen = await chosenTemplate(options);
      const template = chosen?.template ?? DEFAULT_TEMPLATE;
      const inputs = planInputs(options, "Sample client", undefined, template.roles);
      await useAgencyHolidays(options, chosen, inputs);
      const schedule = computeSchedule(template, inputs);
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
      const { options } = parseArgs(
        argv,
        ["client", "bind", "renewal", "team", "holidays", "out", "template"],
        ["force", "add", "again"],
      );
      const out = stringOption(options, "out");
      if (!out) throw new UsageError("--out FILE.xlsx is required.");
      if (options.has("add") && options.has("force")) {
        throw new UsageError("--add adds a plan to --out, --force replaces it: give one of them.");
      }
      if (options.has("again") && !options.has("add")) throw new UsageError("--again goes with --add.");
      if (!out.toLowerCase().endsWith(".xlsx")) throw new InputError(`--out ${out}: the file name must end in .xlsx.`);
      const chosen = await chosenTemplate(options);
      const template = chosen?.template ?? DEFAULT_TEMPLATE;
      const inputs = planInputs(options, "", () => readTeam(stringOption(options, "team")), template.roles);
      await useAgencyHolidays(options, chosen, inputs);
      const schedule = computeSchedule(template, inputs);
      const planLine = (description: SheetDescription) =>
        `sheet "${description.name}", ${schedule.tasks.length} tasks, ` +
        `bind ${toIsoDate(inputs.bind)}, renewal ${toIsoDate(inputs.renewal)}`;
      const templateLine = chosen
        ? `Template "${template.name}" version ${template.version} (sheet "${chosen.sheetName}"); ` +
          `${inputs.holidays.length} holiday${inputs.holidays.length === 1 ? "" : "s"}` +
          `${stringOption(options, "holidays") === undefined ? " from the agency's list" : ""}.\n`
        : "";
      const warnings = templateLine + schedule.warnings.map((w) => `Warning: ${w}\n`).join("");
      // The sheet description and exceljs are loaded only here, so `template` and `schedule` start fast.
      const { describePlanSheet } = await import("../plan/sheet");
      const describe = (existingSheetNames: string[]) =>
        describePlanSheet(template, inputs, { planId: randomUUID(), existingSheetNames });
      const book = await import("../xlsx/book");
      if (options.has("add")) {
        const existing = readWorkbookFile(out, "--out", "leave out --add to write a new workbook");
        let added: Awaited<ReturnType<typeof book.addPlanToBook>>;
        let secondPlanNote = "";
        try {
          added = await book.addPlanToBook(existing, describe, {
            client: inputs.client,
            check: (sheetNames) => {
              if (sheetNames.length === 0) return;
              const sheets = sheetNames.map((name) => `"${name}"`).join(", ");
              if (options.has("again")) {
                secondPlanNote = `Note: ${out} already had a plan for "${inputs.client}" (${sheets}); this one is another.\n`;
                return;
              }
              throw new InputError(
                `${out} already has a plan for "${inputs.client}": sheet ${sheets}. Nothing was written. ` +
                  "To add another plan for this client (another term or line of business), add --again.",
              );
            },
          });
        } catch (error) {
          if (error instanceof book.NotAWorkbookError || error instanceof book.WorkbookNotKeptError) {
            throw new InputError(`Cannot add a plan to ${out}: ${error.message}.`);
          }
          throw error;
        }
        writeNewFile(out, added.bytes, { replace: true });
        return `Added to ${out}: ${planLine(added.description)}.\n${secondPlanNote}${overviewLine(added.overview, added.upgraded)}${warnings}`;
      }
      const description = describe([]);
      // A workbook of plans replaced by --force is kept beside it: it is the agency's record of service.
      const replacedPlans = options.has("force") ? await plansIn(out) : 0;
      const backup = writeNewFile(out, await book.writeBookWorkbook([description]), {
        replace: options.has("force"),
        existsHint: "add --add to add the plan to it (its plans and other sheets are kept)",
        backup: replacedPlans > 0,
      });
      const kept = backup
        ? `Kept the workbook it replaced (${replacedPlans} plan${replacedPlans === 1 ? "" : "s"}) as ${backup}.\n`
        : "";
      return `Wrote ${out}: ${planLine(description)}.\nBook overview: 1 plan.\n${kept}${warnings}`;
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
    case "renew": {
      const values = ["plan", "renewal", "team", "template", "carry", "as-of"];
      const { splitFileArgument } = await import("./overview");
      const { files, rest } = splitFileArgument(argv.slice(1), values);
      if (files.length !== 1) {
        throw new UsageError(
          files.length === 0
            ? "Name the workbook: service-plan renew FILE.xlsx --plan NAME."
            : `Unexpected argument "${files[1]}".`,
        );
      }
      const { options } = parseArgs(["renew", ...rest], values, ["yes"]);
      const [plan, renewal, team, template, carry, asOf] = values.map((name) => stringOption(options, name));
      const { renewPlan } = await import("./renew");
      return renewPlan(files[0], { plan, renewal, team, template, carry, asOf, yes: options.has("yes") });
    }
    case undefined:
    case "help":
    case "--help":
      return USAGE + "\n";
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** How many plan sheets the workbook at `path` holds; 0 when there is none or it is not a workbook. */
async function plansIn(path: string): Promise<number> {
  const book = await import("../xlsx/book");
  try {
    return book.planSheetsOf(await book.openWorkbook(readFileSync(path))).length;
  } catch {
    return 0;
  }
}

type ChosenTemplate = Awaited<ReturnType<typeof import("./templates").templateForPlan>>;

/** The template `--template FILE.xlsx[:NAME]` names, checked; null without the option (the built-in one). */
async function chosenTemplate(options: Map<string, string | true>): Promise<ChosenTemplate | null> {
  const argument = stringOption(options, "template");
  return argument ? (await import("./templates")).templateForPlan(argument) : null;
}

/** Without a holidays file, the agency's holidays within the term, from the templates workbook. */
async function useAgencyHolidays(
  options: Map<string, string | true>,
  chosen: ChosenTemplate | null,
  inputs: PlanInputs,
): Promise<void> {
  if (!chosen || stringOption(options, "holidays") !== undefined) return;
  const { holidaysWithinTerm } = await import("../plan/agency-holidays");
  const checked = checkHolidays(holidaysWithinTerm(chosen.holidays, toIsoDate(inputs.bind), toIsoDate(inputs.renewal)));
  if (checked.ok) inputs.holidays = checked.value;
}

/**
 * The plan the options ask for, checked; what is wrong with it (holidays by line of their file) as an InputError.
 * A holidays file may cover several years: the plan takes the holidays within its term, as it does from the
 * agency's holidays sheet, and a line that is not a date is still reported whatever the term.
 */
function planInputs(
  options: Map<string, string | true>,
  client: string,
  team: () => Record<string, unknown> | undefined = () => undefined,
  roles: readonly string[] = DEFAULT_TEMPLATE.roles,
): PlanInputs {
  const holidaysFile = stringOption(options, "holidays");
  const request = {
    client: stringOption(options, "client") ?? client,
    bind: stringOption(options, "bind") ?? "",
    renewal: stringOption(options, "renewal"),
    team: team(),
  };
  const term = checkPlanRequest({ ...request, holidays: [] }, roles);
  const allLines = readHolidays(holidaysFile);
  const holidayLines = term.ok
    ? allLines.filter((line) => !outsideTerm(line.text, term.value.bind, term.value.renewal))
    : allLines;
  const checked = checkPlanRequest({ ...request, holidays: holidayLines.map((line) => line.text) }, roles);
  if (!checked.ok) throw new InputError(describeInputProblems(checked.problems, holidaysFile, holidayLines));
  return checked.value;
}

/** Whether `text` is a real date before `bind` or after `renewal` (text that is no date is not outside). */
function outsideTerm(text: string, bind: CalendarDate, renewal: CalendarDate): boolean {
  const day = parseIsoDate(text);
  return day !== null && (compareDates(day, bind) < 0 || compareDates(day, renewal) > 0);
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

/**
 * `service-plan overview book.xlsx | head -1`: the reader closed the pipe after the lines it wanted, which is
 * how a pipe ends, not a failure. Without this, Node reports the write to the closed pipe (EPIPE) with a stack.
 */
export function endQuietlyWhenStdoutCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

if (require.main === module) {
  endQuietlyWhenStdoutCloses();
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
