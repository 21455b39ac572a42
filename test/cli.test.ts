import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

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

describe("service-plan new", () => {
  const dir = mkdtempSync(join(tmpdir(), "csp-new-"));
  const team = join(dir, "team.json");
  writeFileSync(team, JSON.stringify({ AE: "Dana Whitfield", Producer: "Morgan Reyes" }));
  const base = ["new", "--client", "Acme Manufacturing, Inc.", "--bind", "2027-01-15", "--team", team];

  it("writes a plan workbook and refuses to overwrite it without --force", async () => {
    const out = join(dir, "acme.xlsx");
    const first = await cli([...base, "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Wrote .*acme\.xlsx: sheet "Acme Manufacturing, Inc\.", 32 tasks/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Acme Manufacturing, Inc.");
    expect(sheet.getCell("B3").value).toBe("Acme Manufacturing, Inc.");
    expect(sheet.getCell("D4").value).toBe("Dana Whitfield");
    const before = readFileSync(out);

    const again = await cli([...base, "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/already exists: choose another --out file, or add --force/);
    expect(readFileSync(out).equals(before)).toBe(true);

    expect((await cli([...base, "--out", out, "--force"])).code).toBe(0);
  });

  it.each([
    ["a malformed team file", (d: string) => ["--team", writeTemp(d, "bad.json", "{ AE: Dana }")], /not valid JSON/],
    [
      "a team file that is not an object",
      (d: string) => ["--team", writeTemp(d, "list.json", "[]")],
      /must hold a JSON object/,
    ],
    [
      "an unknown role",
      (d: string) => ["--team", writeTemp(d, "role.json", '{"Underwriter":"X"}')],
      /role "Underwriter" is unknown/,
    ],
    ["an impossible date", () => ["--bind", "2027-02-30"], /does not exist/],
    ["an empty client", () => ["--client", " "], /Client is empty/],
  ])("exits 2 for %s and leaves no file behind", async (_label, extra, message) => {
    const out = join(dir, `bad-${Math.random().toString(36).slice(2)}.xlsx`);
    const args = ["new", "--client", "Acme", "--bind", "2027-01-15", "--out", out];
    const overrides = extra(dir);
    for (let i = 0; i < overrides.length; i += 2) {
      const at = args.indexOf(overrides[i]);
      if (at >= 0) args[at + 1] = overrides[i + 1];
      else args.push(overrides[i], overrides[i + 1]);
    }
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 for a path it cannot write, leaving no temporary file", async () => {
    const missing = await cli([...base, "--out", join(dir, "no-such-folder", "plan.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot write .*: its folder does not exist/);
    const folder = join(dir, "folder.xlsx");
    mkdirSync(folder);
    const isFolder = await cli([...base, "--out", folder, "--force"]);
    expect(isFolder.code).toBe(2);
    expect(isFolder.stderr).toMatch(/Cannot write/);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

function writeTemp(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
