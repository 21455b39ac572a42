import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "./args";

/**
 * The files the command line reads and writes: a team file, a holidays file, the workbook. Each failure is an
 * InputError that says what to change.
 */

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

export interface WriteOptions {
  /** Whether an existing file may be replaced (--force, or --add writing the workbook it read). */
  replace: boolean;
  /** The option that names the file, for messages ("--out"). */
  option?: string;
  /** What else the person can do when the file exists and `replace` is false, said first. */
  existsHint?: string;
  /** Keep the file being replaced beside it, under a free "NAME.backup.xlsx" name, before writing. */
  backup?: boolean;
}

/**
 * Writes the whole file or nothing: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a failure never leaves a half-written workbook. The temporary name is short, so a
 * target name near the file system's limit still has room. An existing file is replaced only when it is
 * writable and not open in Excel or LibreOffice (see refuseIfInUse). Returns the backup's path, if one was kept.
 */
export function writeNewFile(path: string, bytes: Buffer, options: WriteOptions): string | undefined {
  const { replace, option = "--out", existsHint } = options;
  const target = resolve(path);
  let backup: string | undefined;
  if (existsSync(target)) {
    if (!replace) {
      throw new InputError(
        `${path} already exists: ${existsHint ? `${existsHint}, ` : ""}choose another ${option} file, ` +
          "or add --force to replace it.",
      );
    }
    refuseIfInUse(path);
    if (options.backup) backup = keepBackup(path);
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
  return backup;
}

/**
 * The lock files a spreadsheet program keeps beside a workbook it has open: LibreOffice's `.~lock.NAME#` and
 * Excel's owner file `~$NAME`. Writing under an open workbook would be lost when it is saved there.
 */
export function lockFilesOf(path: string): string[] {
  const folder = dirname(resolve(path));
  const name = basename(path);
  return [`.~lock.${name}#`, `~$${name}`].filter((lock) => existsSync(join(folder, lock)));
}

/**
 * Refuses to change an existing file that is read-only (no write permission in its mode, which a user with
 * every right, such as root, would otherwise write through) or open in a spreadsheet program.
 */
export function refuseIfInUse(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new InputError(`Cannot read ${path}: ${fileProblem(error, "read")}.`);
  }
  let writable = (mode & 0o222) !== 0;
  try {
    accessSync(path, constants.W_OK);
  } catch {
    writable = false;
  }
  if (statSync(path).isFile() && !writable) {
    throw new InputError(
      `${path} is read-only, so it was left as it is: make it writable (chmod u+w, or untick Read-only in its ` +
        "Properties), or choose another file.",
    );
  }
  const locks = lockFilesOf(path);
  if (locks.length > 0) {
    const program = locks[0].startsWith("~$") ? "Excel" : "LibreOffice";
    throw new InputError(
      `${path} is open in ${program} (the lock file ${locks[0]} is beside it), so it was left as it is: ` +
        `save and close it there, then run the command again. If it is not open anywhere, delete ${locks[0]}.`,
    );
  }
}

/** Copies `path` to the first free "NAME.backup.xlsx", "NAME.backup-2.xlsx", ... beside it; returns that path. */
function keepBackup(path: string): string {
  const stem = path.replace(/\.xlsx$/i, "");
  for (let n = 1; ; n++) {
    const candidate = `${stem}.backup${n === 1 ? "" : `-${n}`}.xlsx`;
    try {
      copyFileSync(path, candidate, constants.COPYFILE_EXCL);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new InputError(
        `${path} was left as it is: its backup ${candidate} cannot be written (${fileProblem(error, "write")}).`,
      );
    }
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

/** A line of a holidays file, numbered from 1 as an editor shows it: the date as written, and its name if given. */
export interface HolidayLine {
  line: number;
  text: string;
  name: string;
}

/**
 * A holidays file: one holiday a line, its YYYY-MM-DD date first and its name after it if wanted
 * ("2027-11-25 Thanksgiving"). Blank lines and everything after a # are ignored, so a file can carry comments
 * and several years of holidays (a plan takes those within its term).
 */
export function readHolidays(path: string | undefined): HolidayLine[] {
  if (path === undefined) return [];
  return readTextFile(path, "the holidays file")
    .split(/\r\n|\r|\n/)
    .map((raw, index) => {
      const [date = "", ...name] = raw.replace(/#.*$/, "").trim().split(/\s+/);
      return { line: index + 1, text: date, name: name.join(" ") };
    })
    .filter(({ text }) => text !== "");
}

/** A workbook is read whole; one larger than this is refused before it is read. */
const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

/** An existing workbook's bytes; `what` names it in messages, `hint` says what to do when it does not exist. */
export function readWorkbookFile(path: string, what: string, hint?: string): Buffer {
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
