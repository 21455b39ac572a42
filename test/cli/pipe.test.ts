/**
 * The command line's output piped to a reader that stops early (`overview big.xlsx | head -1`): a closed pipe
 * ends the command quietly, exit code 0, as every Unix tool does. Run through a real shell pipe.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { describePlanSheet, type SheetDescription } from "../../src/plan/sheet";
import { checkPlanRequest } from "../../src/plan/validate";
import { writeBookWorkbook } from "../../src/xlsx/book";

const run = promisify(execFile);
const BIN = join(__dirname, "..", "..", "bin", "service-plan.js");

/** A book of 60 plans bound a year before, every task overdue: far more output than a pipe's buffer holds. */
async function bigBook(file: string): Promise<void> {
  const names: string[] = [];
  const descriptions: SheetDescription[] = [];
  for (let n = 1; n <= 60; n++) {
    const checked = checkPlanRequest({ client: `Client ${n}`, bind: "2026-01-15", team: { AE: "Dana Whitfield" } });
    if (!checked.ok) throw new Error(checked.problems[0].message);
    const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, {
      planId: `plan-${n}`,
      existingSheetNames: names,
    });
    names.push(description.name);
    descriptions.push(description);
  }
  writeFileSync(file, await writeBookWorkbook(descriptions));
}

describe("a closed stdout pipe", () => {
  it("ends overview quietly with exit code 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-pipe-"));
    const book = join(dir, "big.xlsx");
    await bigBook(book);
    const overview = `"${process.execPath}" "${BIN}" overview "${book}" --as-of 2027-01-10`;
    // The whole output first, to know it is larger than the 64 KB a pipe buffers.
    const whole = await run("bash", ["-c", overview], { maxBuffer: 64 * 1024 * 1024 });
    expect(whole.stdout.length).toBeGreaterThan(128 * 1024);

    const { stdout, stderr } = await run("bash", ["-c", `${overview} | head -1; echo "exit \${PIPESTATUS[0]}" >&2`]);
    expect(stdout).toBe(whole.stdout.split("\n")[0] + "\n");
    expect(stdout).toMatch(/^My work for everyone, as of .*\(60 plans\)/);
    expect(stderr).toBe("exit 0\n");
  }, 120_000);
});
