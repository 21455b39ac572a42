/**
 * An existing workbook is the person's data: `new` names --add before --force, --force keeps the plans it
 * replaces in a backup beside the file, and a read-only workbook or one open in Excel or LibreOffice is never
 * written. Runs the built command line (lib/, built by `pretest`).
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli } from "../support/cli";

const newPlan = (out: string, client: string, ...more: string[]) =>
  cli(["new", "--client", client, "--bind", "2027-01-15", "--out", out, ...more]);

async function sheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => sheet.name);
}

/** A workbook of two plans, in a folder of its own. */
async function twoPlanBook(): Promise<{ dir: string; book: string }> {
  const dir = mkdtempSync(join(tmpdir(), "csp-existing-"));
  const book = join(dir, "book.xlsx");
  expect((await newPlan(book, "Acme")).code).toBe(0);
  expect((await newPlan(book, "Birch", "--add")).code).toBe(0);
  return { dir, book };
}

describe("new --out an existing workbook", () => {
  it("names --add first, before --force, and leaves the workbook as it was", async () => {
    const { book } = await twoPlanBook();
    const before = readFileSync(book);
    const result = await newPlan(book, "Cobalt");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const message = result.stderr;
    expect(message).toMatch(/book\.xlsx already exists: add --add to add the plan to it/);
    expect(message.indexOf("--add")).toBeLessThan(message.indexOf("--force"));
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  it("with --force, keeps the plans it replaces in a backup beside it, a new one each time", async () => {
    const { dir, book } = await twoPlanBook();
    const before = readFileSync(book);
    const first = await newPlan(book, "Cobalt", "--force");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const backup = join(dir, "book.backup.xlsx");
    expect(first.stdout).toContain(`Kept the workbook it replaced (2 plans) as ${backup}.\n`);
    expect(readFileSync(backup).equals(before)).toBe(true);
    expect(await sheetNames(book)).toEqual(["Cobalt", "Book overview"]);

    const second = await newPlan(book, "Delta", "--force");
    expect(second.stdout).toContain(`Kept the workbook it replaced (1 plan) as ${join(dir, "book.backup-2.xlsx")}.\n`);
    expect(readFileSync(backup).equals(before)).toBe(true);
    expect(await sheetNames(join(dir, "book.backup-2.xlsx"))).toEqual(["Cobalt", "Book overview"]);
  });

  it("with --force, keeps no backup of a file that holds no plans", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-existing-"));
    const out = join(dir, "draft.xlsx");
    writeFileSync(out, "not a workbook");
    const result = await newPlan(out, "Acme", "--force");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/Kept/);
    expect(readdirSync(dir)).toEqual(["draft.xlsx"]);
  });
});

describe("a workbook that must not be written", () => {
  it.each([
    ["--add", ["--add"]],
    ["--force", ["--force"]],
  ])("read-only (mode 444) is refused with %s, even for a user who could write it", async (_label, flags) => {
    const { dir, book } = await twoPlanBook();
    chmodSync(book, 0o444);
    const before = readFileSync(book);
    const result = await newPlan(book, "Cobalt", ...flags);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/book\.xlsx is read-only, so it was left as it is: make it writable \(chmod u\+w/);
    expect(readFileSync(book).equals(before)).toBe(true);
    expect(statSync(book).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual(["book.xlsx"]);
  });

  it.each([
    ["LibreOffice", ".~lock.book.xlsx#", "--add"],
    ["LibreOffice", ".~lock.book.xlsx#", "--force"],
    ["Excel", "~$book.xlsx", "--add"],
    ["Excel", "~$book.xlsx", "--force"],
  ])("open in %s (%s beside it) is refused with %s", async (program, lock, flag) => {
    const { dir, book } = await twoPlanBook();
    writeFileSync(join(dir, lock), "locked by someone");
    const before = readFileSync(book);
    const result = await newPlan(book, "Cobalt", flag);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `book.xlsx is open in ${program} (the lock file ${lock} is beside it), so it was left as it is: ` +
        `save and close it there, then run the command again. If it is not open anywhere, delete ${lock}.`,
    );
    expect(readFileSync(book).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([lock, "book.xlsx"].sort());
  });

  it("open elsewhere is refused for template --export --force too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csp-existing-"));
    const templates = join(dir, "templates.xlsx");
    expect((await cli(["template", "--export", templates])).code).toBe(0);
    writeFileSync(join(dir, ".~lock.templates.xlsx#"), "");
    const before = readFileSync(templates);
    const result = await cli(["template", "--export", templates, "--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/templates\.xlsx is open in LibreOffice/);
    expect(readFileSync(templates).equals(before)).toBe(true);
    expect(existsSync(join(dir, "templates.backup.xlsx"))).toBe(false);
  });
});
