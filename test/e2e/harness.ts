/**
 * What the end-to-end test and the pane bench share: building the production pane and the fake Office host,
 * serving the build on 127.0.0.1, serving the fake host at Microsoft's office.js address (a local HTTPS server
 * the browser reaches for appsforoffice.microsoft.com), launching Debian's Chromium, and routing office.js for
 * the pages that get Microsoft's real one or none. Node only; nothing here is bundled into a page.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  utimesSync,
} from "node:fs";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_HOSTED_PREFIX = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_CDN_HOST = "appsforoffice.microsoft.com";

/** The repository root: the folder holding webpack.e2e.config.js (works from test/ and from dist/bench/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "webpack.e2e.config.js"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No webpack.e2e.config.js above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * Runs webpack-cli with `args` in the repository, then marks `output` as new; rejects with webpack's output when
 * it fails. The mark matters: webpack leaves a file it would write unchanged alone (compareBeforeEmit), so after a
 * change that does not change the bundle (a comment) the old file would stay older than its sources for good.
 */
async function webpack(args: string[], output: string): Promise<void> {
  await runWebpack(args);
  const now = new Date();
  utimesSync(output, now, now);
}

function runWebpack(args: string[]): Promise<void> {
  const root = repoRoot();
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) done();
      else fail(new Error(`webpack ${args.join(" ")} failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

/** Newest modification time (ms) of the files at `paths` (folders searched recursively); 0 when none exist. */
function newestChange(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestChange(readdirSync(path).map((entry) => join(path, entry))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** True when `output` exists and is newer than every input: the build in that folder can be reused. */
function upToDate(output: string, inputs: string[]): boolean {
  if (!existsSync(output)) return false;
  const root = repoRoot();
  return statSync(output).mtimeMs > newestChange(inputs.map((input) => join(root, input)));
}

const PANE_INPUTS = [
  "src",
  "assets",
  "manifest.xml",
  "webpack.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];
const HOST_INPUTS = ["test/fake-excel", "test/e2e/fake-host.ts", "webpack.e2e.config.js", "package-lock.json"];

/** True when `dir` holds a production pane build (hashed chunk names) newer than every source of the pane. */
export function freshProductionBuild(dir: string): boolean {
  const html = join(dir, "taskpane.html");
  return upToDate(html, PANE_INPUTS) && /taskpane\.[0-9a-f]{8}\.js/.test(readFileSync(html, "utf8"));
}

/**
 * The production pane exactly as `npm run build` makes it, written to `outDir` instead of dist/. A build already
 * in `outDir` that is newer than every source is reused; returns whether webpack ran.
 */
export async function buildPane(outDir: string): Promise<boolean> {
  if (upToDate(join(outDir, "taskpane.html"), PANE_INPUTS)) return false;
  await webpack(["--mode", "production", "--output-path", outDir], join(outDir, "taskpane.html"));
  return true;
}

/**
 * The fake Office host (test/e2e/fake-host.ts): `<outDir>/fake-office.js` and the HyperFormula chunk it fetches
 * when the workbook is first written (reused when fresh). Returns the path of fake-office.js.
 */
export async function buildFakeHost(outDir: string): Promise<string> {
  const bundle = join(outDir, "fake-office.js");
  if (!upToDate(bundle, HOST_INPUTS)) {
    await webpack(["--config", "webpack.e2e.config.js", "--output-path", outDir], bundle);
  }
  return bundle;
}

const ANCHOR_INPUTS = [
  "scripts/bench/anchor",
  "webpack.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

/**
 * The pane bench's anchor page (scripts/bench/anchor): Microsoft's task-pane template at its simplest, built with
 * the pane's production webpack settings into `outDir` (reused when fresh). Returns whether webpack ran.
 */
export async function buildAnchor(outDir: string): Promise<boolean> {
  const page = join(outDir, "anchor.html");
  if (upToDate(page, ANCHOR_INPUTS)) return false;
  const config = "scripts/bench/anchor/webpack.config.js";
  await webpack(["--config", config, "--mode", "production", "--output-path", outDir], page);
  return true;
}

/** Where the end-to-end suite's builds live (git-ignored): the pane as `npm run build` makes it, and the host. */
export function e2eBuildDirs(): { pane: string; host: string } {
  const out = join(repoRoot(), "test-output", "e2e");
  return { pane: join(out, "dist"), host: join(out, "host") };
}

/**
 * Builds what the end-to-end suite serves, reusing builds newer than their sources (jest's global setup calls
 * this, outside any hook timeout). Returns whether webpack ran for the pane, and the fake host bundle's path.
 */
export async function buildE2e(): Promise<{ builtPane: boolean; hostBundle: string }> {
  const dirs = e2eBuildDirs();
  const [builtPane, hostBundle] = await Promise.all([buildPane(dirs.pane), buildFakeHost(dirs.host)]);
  return { builtPane, hostBundle };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  /** Base address ending with "/", e.g. http://127.0.0.1:40123/ */
  url: string;
  close(): Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 at a random port; nothing outside `root`. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(base, pathname === "/" ? "taskpane.html" : pathname));
    if ((file !== base && !file.startsWith(base + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * A self-signed certificate for appsforoffice.microsoft.com, made once with openssl and kept (git-ignored) in
 * test-output/e2e/tls. Only a browser launched with launchChromium(cdn) accepts it, and for that key alone.
 */
function officeCdnCertificate(): { key: Buffer; cert: Buffer } {
  const dir = join(repoRoot(), "test-output", "e2e", "tls");
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true });
    // Made aside and moved in, so that a test and a bench starting together never read half a key.
    const scratch = mkdtempSync(join(dir, "new-"));
    const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    args.push("-days", "3650", "-subj", `/CN=${OFFICE_CDN_HOST}`, "-addext", `subjectAltName=DNS:${OFFICE_CDN_HOST}`);
    args.push("-keyout", join(scratch, "key.pem"), "-out", join(scratch, "cert.pem"));
    try {
      execFileSync("openssl", args, { stdio: "pipe" });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`openssl could not make a test certificate for ${OFFICE_CDN_HOST}: ${detail}`);
    }
    renameSync(join(scratch, "key.pem"), keyFile);
    renameSync(join(scratch, "cert.pem"), certFile);
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}

export interface OfficeCdn extends StaticServer {
  /** What launchChromium adds so that appsforoffice.microsoft.com is this server, its certificate accepted. */
  chromiumArgs: string[];
}

/**
 * Serves the fake host's build (the folder of fake-office.js) the way Microsoft's CDN serves office.js: HTTPS,
 * gzip, cacheable (office.js for a day, content-hashed chunks for a year), no Playwright route in between.
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js is fake-office.js; its chunks sit next to it.
 */
export async function serveFakeOfficeCdn(hostDir: string): Promise<OfficeCdn> {
  const base = resolve(hostDir);
  const hostedPath = new URL(OFFICE_HOSTED_PREFIX).pathname;
  // Compressed once: a CDN answers from its cache, not by compressing on every request.
  const compressed = new Map<string, Buffer>();
  const { key, cert } = officeCdnCertificate();
  const server = createHttpsServer({ key, cert }, (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "https://localhost").pathname);
    const name = pathname.startsWith(hostedPath) ? pathname.slice(hostedPath.length) : "";
    const file = normalize(join(base, name === "office.js" ? "fake-office.js" : name));
    if (!name || !file.startsWith(base + sep) || !file.endsWith(".js") || !existsSync(file)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    let body = compressed.get(file);
    if (!body) compressed.set(file, (body = gzipSync(readFileSync(file))));
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[".js"],
      "cache-control": name === "office.js" ? "public, max-age=86400" : "public, max-age=31536000, immutable",
      "access-control-allow-origin": "*",
      // The page's resource timing may then show when the host arrived: the bench breaks start-up down with it.
      "timing-allow-origin": "*",
      vary: "Accept-Encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    response.end(gzip ? body : readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const spki = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return {
    url: `https://${OFFICE_CDN_HOST}/`,
    chromiumArgs: [
      // Microsoft's CDN is this server; every other name fails to resolve (the tests have no network).
      `--host-resolver-rules=MAP ${OFFICE_CDN_HOST} 127.0.0.1:${port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${createHash("sha256").update(spki).digest("base64")}`,
    ],
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Chromium for the tests; with `officeCdn`, pages load office.js from it (see serveFakeOfficeCdn). */
export async function launchChromium(officeCdn?: OfficeCdn): Promise<Browser> {
  // Required lazily so that a missing browser is reported by the caller, not as a module load error.
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      ...(officeCdn?.chromiumArgs ?? []),
    ],
  });
}

/**
 * How the page gets office.js: the fake host (inside Excel) from the CDN the browser was launched with
 * (serveFakeOfficeCdn), Microsoft's real files from the npm package (a plain browser), or a failed download.
 * With "real" and "abort", any other external request is aborted: the test has no network.
 */
export type OfficeSource = { kind: "fake" } | { kind: "real" } | { kind: "abort" };

export async function routeOffice(page: Page, source: OfficeSource, serverUrl: string): Promise<void> {
  // No route at all for the fake: a route would put every request of the page through Playwright and turn off
  // the browser's cache, which is not how a pane meets office.js.
  if (source.kind === "fake") return;
  const officeDist = join(repoRoot(), "node_modules", "@microsoft", "office-js", "dist");
  await page.route(
    (url) => !url.href.startsWith(serverUrl),
    async (route) => {
      const url = route.request().url();
      if (!url.startsWith(OFFICE_HOSTED_PREFIX) || source.kind === "abort") {
        await route.abort();
        return;
      }
      const relative = new URL(url).pathname.slice(new URL(OFFICE_HOSTED_PREFIX).pathname.length);
      const file = normalize(join(officeDist, relative));
      if (!file.startsWith(officeDist + sep) || !existsSync(file) || !statSync(file).isFile()) {
        await route.fulfill({ status: 404, body: "not found" });
        return;
      }
      await route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        body: readFileSync(file),
      });
    },
  );
}
