import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = join(__dirname, "..", "bin", "service-plan.js");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("service-plan command line", () => {
  it("prints the template as JSON", async () => {
    const { code, stdout } = await cli(["template", "--json"]);
    expect(code).toBe(0);
    const template = JSON.parse(stdout);
    expect(template.phases).toHaveLength(8);
    expect(template.phases[0].tasks[0]).toMatchObject({ id: "bind-30.service-team", owners: ["AE"] });
  });

  it("prints a schedule with ids, phases, owners, opens and due dates", async () => {
    const { code, stdout, stderr } = await cli(["schedule", "--bind", "2027-01-15", "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const result = JSON.parse(stdout);
    expect(result.renewal).toBe("2028-01-15");
    expect(result.tasks[0]).toEqual({
      id: "bind-30.service-team",
      phase: "30 Days",
      task: "Identify Service Team",
      owners: ["AE"],
      opens: "2027-01-15",
      due: "2027-02-12",
      items: ["Producer, Claims, Marketing, Client Services, Loss Control, WC Recovery"],
    });
    expect(result.warnings).toEqual([]);
  });

  it("honours a holidays file and reports short-term warnings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-"));
    const holidays = join(dir, "holidays.txt");
    writeFileSync(holidays, "# office closed\n2027-03-16\n\n2027-03-15\n");
    const { stdout } = await cli([
      "schedule",
      "--bind",
      "2027-01-15",
      "--renewal",
      "2027-05-01",
      "--holidays",
      holidays,
      "--json",
    ]);
    const result = JSON.parse(stdout);
    expect(result.tasks.find((t: { id: string }) => t.id === "bind-60.loss-runs").due).toBe("2027-03-12");
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    [["schedule", "--bind", "2027-02-30", "--json"], /Bind date 2027-02-30 does not exist/],
    [["schedule", "--json"], /Bind date is empty/],
    [["schedule", "--bind", "2027-01-15", "--renewal", "2026-01-15", "--json"], /must be after the bind date/],
    [
      ["schedule", "--bind", "2027-01-15", "--holidays", "/nonexistent/h.txt", "--json"],
      /Cannot read the holidays file/,
    ],
    [["schedule", "--bind", "2027-01-15"], /Add --json/],
    [["schedule", "--bind", "2027-01-15", "--json", "--colour"], /Unknown option --colour/],
    [["plan"], /Unknown command "plan"/],
  ])("exits 2 for %j with the message on stderr and nothing on stdout", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
