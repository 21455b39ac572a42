import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Whether LibreOffice (soffice) is installed; CI installs it (see .ci/run). Asked once, when a test file loads. */
export function libreOfficeInstalled(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A LibreOffice profile that recalculates every formula when a file is loaded: by default LibreOffice shows
 * the results cached in the file, which would hide a formula that does not work.
 */
function recalculatingProfile(): string {
  const profile = mkdtempSync(join(tmpdir(), "csp-lo-profile-"));
  mkdirSync(join(profile, "user"), { recursive: true });
  const always = (key: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${key}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${always("OOXMLRecalcMode")}
${always("ODFRecalcMode")}
</oor:items>
`,
  );
  return profile;
}

let profile: string | undefined;

/** Opens `file` in headless LibreOffice (recalculating) and saves it as `format` into `outDir`. */
export async function convertWithLibreOffice(file: string, format: "pdf" | "xlsx", outDir: string): Promise<string> {
  profile ??= recalculatingProfile();
  mkdirSync(outDir, { recursive: true });
  const filter = format === "xlsx" ? "xlsx:Calc MS Excel 2007 XML" : "pdf";
  await run(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      filter,
      "--outdir",
      outDir,
      file,
    ],
    { timeout: 120_000 },
  );
  return join(outDir, basename(file).replace(/\.xlsx$/, `.${format}`));
}
