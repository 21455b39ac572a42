/**
 * The task pane in headless Chromium, inside "Excel" (the strict Office.js fake, served at office.js's address
 * the way Microsoft's CDN serves it: HTTPS, gzip, cacheable, no Playwright route), against the production build:
 *
 * - pane_js_gzip_bytes: gzip -9 size of every JavaScript response from the pane's own server that finished before
 *   the New plan form became interactive (office.js / the fake host not counted), measured from the responses
 *   Chromium received; also per chunk (`pane_js_gzip_bytes:<chunk>`, content hash dropped). Budget: 150 KB.
 * - pane_interactive_median_ms: median over 10 cold loads (a new browser context each) of the time from
 *   navigation start to the "Client name" field being enabled and focusable. That includes loading and starting
 *   the fake host (minified; HyperFormula is fetched with the first write, which start-up does not make), so
 *   pane_after_host_median_ms reports the pane's own part: from the fake host being ready to the form.
 * - pane_css_gzip_bytes: the same for stylesheets (the production build extracts Fluent's styles into CSS).
 *
 * Uses dist/ when it is a production build newer than the sources; otherwise builds the pane (production) into
 * test-output/e2e/dist, as the end-to-end test does.
 */
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import type { Browser, Response } from "playwright-core";
import {
  CHROMIUM_PATH,
  buildFakeHost,
  buildPane,
  chromiumAvailable,
  freshProductionBuild,
  launchChromium,
  repoRoot,
  routeOffice,
  serveFakeOfficeCdn,
  serveStatic,
} from "../../test/e2e/harness";
import type { Emit } from "../bench";

const LOADS = 10;
const BUDGET_BYTES = 150 * 1024;

/**
 * Runs in the page before its own scripts: records `performance.now()` (ms since navigation start) the first time
 * the input labelled "Client name" exists, is enabled and takes focus. A string, so that the bench's compiler
 * settings (no DOM types) do not matter.
 */
const INTERACTIVE_PROBE = `(() => {
  const check = () => {
    if (window.__interactiveAt !== undefined) return;
    const label = Array.from(document.querySelectorAll("label")).find((l) =>
      (l.textContent || "").trim().startsWith("Client name"));
    const input = label && label.htmlFor ? document.getElementById(label.htmlFor) : null;
    if (!input || input.disabled) return;
    input.focus();
    if (document.activeElement !== input) return;
    window.__interactiveAt = performance.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Load {
  interactiveMs: number;
  hostReadyMs: number;
  /** JavaScript from the pane's server that had finished loading when the form became interactive. */
  scripts: { url: string; body: Buffer }[];
  stylesheets: { url: string; body: Buffer }[];
}

async function loadOnce(browser: Browser, paneUrl: string, serverUrl: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
  try {
    const page = await context.newPage();
    await routeOffice(page, { kind: "fake" }, serverUrl);
    await page.addInitScript(INTERACTIVE_PROBE);
    const responses: Response[] = [];
    page.on("response", (response) => {
      if (response.url().startsWith(serverUrl)) responses.push(response);
    });
    await page.goto(paneUrl, { waitUntil: "commit" });
    await page.waitForFunction("window.__interactiveAt !== undefined", undefined, { timeout: 20_000 });
    const interactiveMs = Number(await page.evaluate("window.__interactiveAt"));
    const hostReadyMs = Number(await page.evaluate("window.__fakeHostReadyAt"));
    // Which responses had fully arrived by then, by the page's own resource timing.
    const loadedBefore = new Set<string>(
      await page.evaluate(
        `performance.getEntriesByType("resource")
          .filter((e) => e.responseEnd <= window.__interactiveAt)
          .map((e) => e.name)`,
      ),
    );
    const load: Load = { interactiveMs, hostReadyMs, scripts: [], stylesheets: [] };
    for (const response of responses) {
      const url = response.url();
      if (!loadedBefore.has(url)) continue;
      const type = response.request().resourceType();
      const contentType = response.headers()["content-type"] ?? "";
      if (type === "script" || /javascript/.test(contentType)) load.scripts.push({ url, body: await response.body() });
      else if (type === "stylesheet" || /text\/css/.test(contentType)) {
        load.stylesheets.push({ url, body: await response.body() });
      }
    }
    return load;
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "http://127.0.0.1:1234/379.ffe3c441.js" → "379": the file's name without content hash and extension. */
function chunkName(url: string): string {
  const file = new URL(url).pathname.split("/").pop() ?? url;
  return file.replace(/(\.[0-9a-f]{8})?\.(js|css)$/, "");
}

export async function benchPane(emit: Emit): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install chromium)`);
  const root = repoRoot();
  const dist = join(root, "dist");
  let paneDir = dist;
  const started = Date.now();
  const host = buildFakeHost(join(root, "test-output", "e2e", "host"));
  if (!freshProductionBuild(dist)) {
    paneDir = join(root, "test-output", "e2e", "dist");
    await buildPane(paneDir);
  }
  const fakeBundle = await host;
  process.stderr.write(`bench: pane from ${paneDir} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  const server = await serveStatic(paneDir);
  const cdn = await serveFakeOfficeCdn(dirname(fakeBundle));
  const browser = await launchChromium(cdn);
  try {
    const paneUrl = `${server.url}taskpane.html`;
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadOnce(browser, paneUrl, server.url));

    const first = loads[0];
    if (first.scripts.length === 0) throw new Error("no pane JavaScript was seen before the form was interactive");
    const gzipTotal = (files: { url: string; body: Buffer }[], metric: string): number => {
      let total = 0;
      for (const { url, body } of [...files].sort((a, b) => a.url.localeCompare(b.url))) {
        const size = gzipSync(body, { level: 9 }).length;
        total += size;
        emit(`${metric}:${chunkName(url)}`, size, "bytes");
      }
      emit(metric, total, "bytes");
      return total;
    };
    const total = gzipTotal(first.scripts, "pane_js_gzip_bytes");
    emit(
      "pane_js_bytes",
      first.scripts.reduce((sum, { body }) => sum + body.length, 0),
      "bytes",
    );
    if (first.stylesheets.length > 0) gzipTotal(first.stylesheets, "pane_css_gzip_bytes");
    if (total > BUDGET_BYTES) {
      process.stderr.write(`bench: pane JavaScript is ${total} bytes gzip, over the ${BUDGET_BYTES}-byte budget\n`);
    }
    const times = loads.map((load) => load.interactiveMs);
    emit("pane_interactive_median_ms", median(times), "ms");
    emit("pane_interactive_min_ms", Math.min(...times), "ms");
    emit("pane_interactive_max_ms", Math.max(...times), "ms");
    emit("pane_after_host_median_ms", median(loads.map((load) => load.interactiveMs - load.hostReadyMs)), "ms");
  } finally {
    await browser.close();
    await server.close();
    await cdn.close();
  }
}
