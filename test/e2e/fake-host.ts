/**
 * Browser bootstrap for the end-to-end test: served in place of Microsoft's office.js, it installs the strict
 * Office.js Excel fake as the page's `Excel`/`Office`/`OfficeExtension` globals, so the production pane runs
 * unchanged through the real adapter. The test drives Excel through `window.__fakeExcel`.
 */
import { installFakeExcel, type FakeExcelController } from "../fake-excel";

/** Small helpers the test calls with page.evaluate; they only read the fake. */
export interface FakeHostHelpers {
  /** Excel date serial (1899-12-30 epoch) of an ISO date "YYYY-MM-DD". */
  serial(iso: string): number;
  /** The browser's own calendar day as ISO "YYYY-MM-DD" (what the pane calls "today"). */
  today(): string;
  /** Every non-empty value of a sheet as rows of the used range, for plain JSON transfer. */
  values(sheet: string): unknown[][];
}

declare global {
  interface Window {
    __fakeExcel: FakeExcelController;
    __fakeHost: FakeHostHelpers;
    /** performance.now() when this bootstrap finished: where the fake host's own start-up cost ends. */
    __fakeHostReadyAt: number;
  }
}

const { fake, Excel: excel } = installFakeExcel(window, { sheets: ["Sheet1"] });

// User Timing marks around the first Excel.run batches, so that the pane bench can tell the pane's first workbook
// reads from the rest of its start-up.
const timed = excel as unknown as { run: (...args: unknown[]) => Promise<unknown> };
const run = timed.run;
let runs = 0;
timed.run = (...args) => {
  const n = ++runs;
  if (n > 3) return run(...args);
  performance.mark(`host:run-${n}`);
  return run(...args).finally(() => performance.mark(`host:run-${n}-done`));
};

function serial(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return utc / 86_400_000 + 25_569;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function values(sheet: string): unknown[][] {
  const used = fake.sheet(sheet).usedRange;
  return used ? fake.getValues(sheet, used) : [];
}

window.__fakeExcel = fake;
window.__fakeHost = { serial, today, values };
window.__fakeHostReadyAt = performance.now();
performance.mark("host:ready");
