/**
 * Decides what the pane shows once the page has loaded, without touching the Office global itself:
 * index.tsx passes in what it found, so the decision can be tested in a plain browser environment.
 */

/** The part of the Office global the start-up needs. */
export interface OfficeStartup {
  onReady(): Promise<{ host: unknown }>;
  excelHost: unknown;
}

/** excel: run the pane; browser: opened outside Excel; no-office: office.js did not load; timeout: Office never answered. */
export type StartupOutcome = "excel" | "browser" | "no-office" | "timeout";

export const OFFICE_READY_TIMEOUT_MS = 5000;

export async function decideStartup(
  office: OfficeStartup | undefined,
  timeoutMs = OFFICE_READY_TIMEOUT_MS,
): Promise<StartupOutcome> {
  if (!office) return "no-office";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const ready = office
      .onReady()
      .then((info): StartupOutcome => (info.host === office.excelHost ? "excel" : "browser"));
    return await Promise.race([ready, timeout]);
  } catch {
    // onReady rejecting means Office could not start here; treat it like a plain browser.
    return "browser";
  } finally {
    clearTimeout(timer);
  }
}
