import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli } from "../support/cli";

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

  it("takes the holidays within the term from a file of several years, with names and comments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-"));
    const holidays = join(dir, "holidays.txt");
    // Eleven office closures a year for 2026 to 2029: 44 lines, more than a plan sheet holds, 11 within the term.
    const closures = ["01-01 New Year's Day", "01-18", "02-15", "05-31 Memorial Day", "06-18", "07-05", "09-06"];
    const extra = ["10-11", "11-11 Veterans Day", "11-25 Thanksgiving", "12-24 Christmas Eve"];
    const lines = ["# Agency closures, updated each December", ""];
    for (const year of [2026, 2027, 2028, 2029]) {
      lines.push(`# ${year}`, ...[...closures, ...extra].map((day) => `${year}-${day}  # office closed`));
    }
    writeFileSync(holidays, lines.join("\n") + "\n");
    const { code, stdout, stderr } = await cli([
      "schedule",
      ...["--bind", "2027-03-01", "--renewal", "2028-03-01", "--holidays", holidays, "--json"],
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const { holidays: taken } = JSON.parse(stdout);
    expect(taken).toEqual([
      "2027-05-31",
      "2027-06-18",
      "2027-07-05",
      "2027-09-06",
      "2027-10-11",
      "2027-11-11",
      "2027-11-25",
      "2027-12-24",
      "2028-01-01",
      "2028-01-18",
      "2028-02-15",
    ]);
  });

  it("still names a holiday line that is not a date, whatever the term", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-"));
    const holidays = join(dir, "holidays.txt");
    writeFileSync(holidays, "2019-01-01 long ago\nThanksgiving 2027-11-25\n");
    const { code, stderr } = await cli(["schedule", "--bind", "2027-03-01", "--holidays", holidays, "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/holidays\.txt line 2: Holidays "Thanksgiving" is not a date: write it as YYYY-MM-DD/);
    expect(stderr).not.toMatch(/line 1/);
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
    expect(again.stderr).toMatch(
      /already exists: add --add to add the plan to it \(its plans and other sheets are kept\), choose another --out file, or add --force to replace it\./,
    );
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

describe("service-plan never crashes on bad input", () => {
  /** A case: files it needs in a fresh folder, then the arguments (paths relative to that folder). */
  interface BadInputCase {
    setup?: (dir: string) => void;
    args: (dir: string) => string[];
    message: RegExp;
    notMessage?: RegExp;
  }
  /** `new` for a plan written into `dir`; `options` replace or add to the defaults. */
  const planIn = (dir: string, options: Record<string, string> = {}) => [
    "new",
    ...Object.entries({ client: "Acme", bind: "2027-01-15", out: join(dir, "plan.xlsx"), ...options }).flatMap(
      ([name, value]) => [`--${name}`, value],
    ),
  ];
  const cases: [string, BadInputCase][] = [
    [
      "--out under a regular file",
      {
        setup: (dir) => writeFileSync(join(dir, "x.xlsx"), "not a folder"),
        args: (dir) => planIn(dir, { out: join(dir, "x.xlsx", "p.xlsx") }),
        message: /^service-plan: Cannot write .*x\.xlsx\/p\.xlsx: part of its path is a file, not a folder\.$/,
      },
    ],
    [
      "a file name longer than the file system allows",
      {
        args: (dir) => planIn(dir, { out: join(dir, `${"n".repeat(300)}.xlsx`) }),
        message: /: the name is too long: choose a shorter file or folder name\.$/,
      },
    ],
    [
      "schedule with a bind date whose default renewal is past 9999",
      {
        args: () => ["schedule", "--bind", "9999-12-31", "--json"],
        message:
          /^service-plan: Renewal date one year after the bind date 9999-12-31 would be after 9999-12-31, the last date Excel can show: enter an earlier bind date, or a renewal date\.$/,
      },
    ],
    [
      "new with a bind date whose default renewal is past 9999",
      {
        args: (dir) => planIn(dir, { bind: "9999-06-01" }),
        message: /Renewal date one year after the bind date 9999-06-01 would be after 9999-12-31/,
      },
    ],
    [
      "/dev/zero as the holidays file",
      {
        args: (dir) => planIn(dir, { holidays: "/dev/zero" }),
        message:
          /^service-plan: Cannot read the holidays file \/dev\/zero: it is not a text file; save it as plain text \(UTF-8\)\.$/,
      },
    ],
    [
      "a binary file as the holidays file",
      {
        setup: (dir) =>
          writeFileSync(
            join(dir, "picture.txt"),
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xd8]),
          ),
        args: (dir) => planIn(dir, { holidays: join(dir, "picture.txt") }),
        message: /Cannot read the holidays file .*picture\.txt: it is not a text file/,
      },
    ],
    [
      "a holidays file too large to be one",
      {
        setup: (dir) => writeFileSync(join(dir, "big.txt"), "2027-01-01\n".repeat(10_000)),
        args: (dir) => planIn(dir, { holidays: join(dir, "big.txt") }),
        message:
          /Cannot read the holidays file .*big\.txt: it is larger than 64 KB, too large for the holidays file\.$/,
      },
    ],
    [
      "a folder as the holidays file",
      {
        setup: (dir) => mkdirSync(join(dir, "holidays")),
        args: (dir) => planIn(dir, { holidays: join(dir, "holidays") }),
        message: /Cannot read the holidays file .*holidays: it is a folder\.$/,
      },
    ],
    [
      "/dev/zero as the team file",
      {
        args: (dir) => planIn(dir, { team: "/dev/zero" }),
        message: /^service-plan: Cannot read the team file \/dev\/zero: it is not a text file/,
      },
    ],
    [
      "a team file that does not exist",
      {
        args: (dir) => planIn(dir, { team: join(dir, "team.json") }),
        message: /Cannot read the team file .*team\.json: it does not exist\.$/,
      },
    ],
    [
      "a bind date in year 0",
      {
        args: () => ["schedule", "--bind", "0000-01-01", "--json"],
        message:
          /^service-plan: Bind date 0000-01-01 is outside the dates Excel can show \(1900-03-01 to 9999-12-31\): check the year\.$/,
        notMessage: /YYYY-MM-DD/,
      },
    ],
    [
      "holidays that are not dates, each named by its line, the rest counted",
      {
        setup: (dir) =>
          writeFileSync(
            join(dir, "holidays.txt"),
            ["# office closed", "2027-01-01", "soon", "", "2027-02-30", "2027-13-01", "tbd", "later"].join("\r\n"),
          ),
        args: (dir) => planIn(dir, { holidays: join(dir, "holidays.txt") }),
        message: new RegExp(
          [
            '^service-plan: .*holidays\\.txt line 3: Holidays "soon" is not a date: write it as YYYY-MM-DD, e\\.g\\. 2027-01-15\\.',
            ".*holidays\\.txt line 5: Holidays 2027-02-30 does not exist \\(February 2027 has 28 days\\): check the day and month\\.",
            ".*holidays\\.txt line 6: Holidays 2027-13-01 does not exist \\(there is no month 13\\): check the day and month\\.",
            "\\.\\.\\.and 2 more lines in .*holidays\\.txt with problems\\.$",
          ].join("\n"),
        ),
      },
    ],
    [
      "a client name of zero-width and direction marks only",
      {
        args: (dir) => planIn(dir, { client: "\u200B\u200D\u202E\u2066" }),
        message:
          /^service-plan: Client name has only invisible characters \(zero-width or direction marks\): enter the client's name\.$/,
      },
    ],
  ];

  it.each(cases)("exits 2 for %s: one message, nothing on stdout, no file left behind", async (_label, c) => {
    const dir = mkdtempSync(join(tmpdir(), "csp-bad-"));
    c.setup?.(dir);
    const before = readdirSync(dir).sort();
    const result = await cli(c.args(dir));
    expect(result.stderr.trimEnd()).toMatch(c.message);
    if (c.notMessage) expect(result.stderr).not.toMatch(c.notMessage);
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("service-plan accepts what people's tools write", () => {
  const team = { AE: "Dana Whitfield", Producer: "Morgan Reyes" };

  it.each([
    [
      "UTF-8 with a byte order mark (Windows PowerShell)",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(team))]),
    ],
    [
      "UTF-16 with a byte order mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(team), "utf16le")]),
    ],
  ])("reads a team file saved as %s", async (_label, bytes) => {
    const dir = mkdtempSync(join(tmpdir(), "csp-bom-"));
    writeFileSync(join(dir, "team.json"), bytes);
    const out = join(dir, "plan.xlsx");
    const result = await cli([
      "new",
      "--client",
      "Acme",
      "--bind",
      "2027-01-15",
      "--team",
      join(dir, "team.json"),
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells: unknown[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toEqual(expect.arrayContaining(Object.values(team)));
  });

  it("writes to a long file name the file system allows, leaving no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-long-"));
    const name = `${"n".repeat(250)}.xlsx`; // 255 bytes: the most a Linux or Windows file name can have
    const result = await cli(["new", "--client", "Acme", "--bind", "2027-01-15", "--out", join(dir, name)]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
  });
});

function writeTemp(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
