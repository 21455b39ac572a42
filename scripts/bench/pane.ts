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
 * - anchor_interactive_median_ms: the same for the anchor page (scripts/bench/anchor): what Microsoft's task-pane
 *   template does at its simplest (the same office.js served the same way, Office.onReady, a Fluent UI page with
 *   one "Client name" field and a button), built with the pane's webpack settings. Loads alternate, anchor then
 *   pane, so that both see the same machine.
 * - pane_interactive_ratio: pane_interactive_median_ms / anchor_interactive_median_ms. Target: 1.2 or less.
 * - pane_startup_median_ms:<step>, anchor_startup_median_ms:<step>: where the time goes, as medians of the
 *   moments (ms from navigation) the fake host and the pane mark: office.js arrived (resource timing), host ready,
 *   the pane's modules evaluated, Office ready, App's chunk loaded, each of the first Excel.run batches started and
 *   done, interactive.
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
  OFFICE_JS_URL,
  buildAnchor,
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
  /** Start-up steps, ms from navigation: the host's and the pane's User Timing marks, office.js's arrival. */
  steps: Record<string, number>;
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
    const steps: Record<string, number> = await page.evaluate(`(() => {
      const steps = {};
      for (const mark of performance.getEntriesByType("mark")) {
        if (/^(host|csp):/.test(mark.name) && !(mark.name in steps)) steps[mark.name] = mark.startTime;
      }
      const office = performance.getEntriesByName(${JSON.stringify(OFFICE_JS_URL)})[0];
      if (office) steps["office.js-arrived"] = office.responseEnd;
      steps.interactive = window.__interactiveAt;
      return steps;
    })()`);
    // Which responses had fully arrived by then, by the page's own resource timing.
    const loadedBefore = new Set<string>(
      await page.evaluate(
        `performance.getEntriesByType("resource")
          .filter((e) => e.responseEnd <= window.__interactiveAt)
          .map((e) => e.name)`,
      ),
    );
    const load: Load = { interactiveMs, hostReadyMs, steps, scripts: [], stylesheets: [] };
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

/** Every step's median over the loads that marked it, in the order of the medians. */
function stepMedians(loads: Load[]): [string, number][] {
  const names = new Set(loads.flatMap((load) => Object.keys(load.steps)));
  const medians: [string, number][] = [...names].map((name) => [
    name.replace(/^csp:/, "").replace(/^host:/, "host-"),
    median(loads.filter((load) => name in load.steps).map((load) => load.steps[name])),
  ]);
  return medians.sort((a, b) => a[1] - b[1]);
}

export async function benchPane(emit: Emit): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install chromium)`);
  const root = repoRoot();
  const dist = join(root, "dist");
  let paneDir = dist;
  const anchorDir = join(root, "test-output", "e2e", "anchor");
  const started = Date.now();
  const host = buildFakeHost(join(root, "test-output", "e2e", "host"));
  const anchor = buildAnchor(anchorDir);
  if (!freshProductionBuild(dist)) {
    paneDir = join(root, "test-output", "e2e", "dist");
    await buildPane(paneDir);
  }
  const [fakeBundle] = await Promise.all([host, anchor]);
  process.stderr.write(`bench: pane from ${paneDir} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  const server = await serveStatic(paneDir);
  const anchorServer = await serveStatic(anchorDir);
  const cdn = await serveFakeOfficeCdn(dirname(fakeBundle));
  const browser = await launchChromium(cdn);
  try {
    const paneUrl = `${server.url}taskpane.html`;
    const anchorUrl = `${anchorServer.url}anchor.html`;
    const loads: Load[] = [];
    const anchorLoads: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      anchorLoads.push(await loadOnce(browser, anchorUrl, anchorServer.url));
      loads.push(await loadOnce(browser, paneUrl, server.url));
    }

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
    const anchorMedian = median(anchorLoads.map((load) => load.interactiveMs));
    emit("anchor_interactive_median_ms", anchorMedian, "ms");
    emit("anchor_after_host_median_ms", median(anchorLoads.map((load) => load.interactiveMs - load.hostReadyMs)), "ms");
    emit("pane_interactive_ratio", median(times) / anchorMedian, "ratio");
    for (const [step, ms] of stepMedians(loads)) emit(`pane_startup_median_ms:${step}`, ms, "ms");
    for (const [step, ms] of stepMedians(anchorLoads)) emit(`anchor_startup_median_ms:${step}`, ms, "ms");
    const anchorJs = anchorLoads[0].scripts.map(({ body }) => gzipSync(body, { level: 9 }).length);
    emit(
      "anchor_js_gzip_bytes",
      anchorJs.reduce((sum, size) => sum + size, 0),
      "bytes",
    );
  } finally {
    await browser.close();
    await server.close();
    await anchorServer.close();
    await cdn.close();
  }
}
