import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_EXCEL_API } from "../src/excel/requirements";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, read as the build reads it
const webpackConfig = require("../webpack.config.js") as ((
  env: unknown,
  argv: { mode: string },
) => Promise<{ plugins: unknown[] }>) & {
  productionUrl: (value: string | undefined) => string | null;
  rewriteManifest: (content: string, url: string | null) => string;
};
const { productionUrl, rewriteManifest } = webpackConfig;

const manifest = readFileSync(join(__dirname, "..", "manifest.xml"), "utf8");

describe("the manifest", () => {
  it("is an Excel task pane with a Home-tab button, read/write access and the ExcelApi minimum", () => {
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    for (const size of [16, 32, 64, 80]) expect(manifest).toContain(`/assets/icon-${size}.png`);
  });

  it("points every URL at the agency's own server when built with ADDIN_URL", () => {
    const url = productionUrl("https://addins.example-agency.com/service-plan/");
    const rewritten = rewriteManifest(manifest, url);
    expect(rewritten).not.toContain("localhost");
    expect(rewritten).toContain(
      '<SourceLocation DefaultValue="https://addins.example-agency.com/service-plan/taskpane.html"/>',
    );
    expect(rewritten).toContain("<AppDomain>https://addins.example-agency.com</AppDomain>");
    expect(rewritten.match(/https:\/\/addins\.example-agency\.com/g)?.length).toBe(
      manifest.match(/https:\/\/localhost:3000/g)?.length,
    );
    expect(rewriteManifest(manifest, productionUrl(undefined))).toBe(manifest);
  });

  it.each(["http://addins.example.com/", "https://addins.example.com/csp", "not a url", "https://x.example/?a=1/"])(
    "refuses ADDIN_URL %j with a message saying what it must be",
    (value) => {
      expect(() => productionUrl(value)).toThrow(/ADDIN_URL must be the https address .* ending with "\/"/);
    },
  );
});

/** The width and height a PNG file's header states. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What AppSource's validation checks of a manifest without going online (as documented for Office add-ins). */
describe("the manifest, as AppSource validation reads it offline", () => {
  const attribute = (element: string) => new RegExp(`<${element}[^>]*DefaultValue="([^"]*)"`).exec(manifest)?.[1];

  it("has a GUID of its own and a four-part version", () => {
    const id = /<Id>([^<]*)<\/Id>/.exec(manifest)?.[1] ?? "";
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    // Not the id every project generated from Microsoft's template starts with, nor an empty one.
    expect(id).not.toMatch(/^0{8}-|05c2e1c9-3e1d-406e-9a91-e9ac64854143/i);
    const version = /<Version>([^<]*)<\/Version>/.exec(manifest)?.[1] ?? "";
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    expect(version.split(".").every((part) => Number(part) <= 65535)).toBe(true);
  });

  it("names itself within the lengths the schema allows, and says who provides it", () => {
    expect(/<ProviderName>([^<]+)<\/ProviderName>/.exec(manifest)?.[1]?.trim()).toBeTruthy();
    const displayName = attribute("DisplayName") ?? "";
    const description = attribute("Description") ?? "";
    expect(displayName.length).toBeGreaterThan(0);
    expect(displayName.length).toBeLessThanOrEqual(125);
    expect(description.length).toBeGreaterThan(0);
    expect(description.length).toBeLessThanOrEqual(250);
    const strings = (kind: string) =>
      [
        ...(new RegExp(`<bt:${kind}>([\\s\\S]*?)</bt:${kind}>`).exec(manifest)?.[1] ?? "").matchAll(
          /DefaultValue="([^"]*)"/g,
        ),
      ].map((match) => match[1]);
    for (const text of strings("ShortStrings")) expect([text, text.length <= 125]).toEqual([text, true]);
    for (const text of strings("LongStrings")) expect([text, text.length <= 250]).toEqual([text, true]);
  });

  it("has a support page, and every address it names is https", () => {
    expect(attribute("SupportUrl")).toMatch(/^https:\/\//);
    const urls = [...manifest.matchAll(/(?:DefaultValue="|<AppDomain>)(\w+:\/\/[^"<]*)/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((url) => !url.startsWith("https://"))).toEqual([]);
  });

  it("refers only to resources it defines, by ids of at most 32 characters", () => {
    const defined = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((match) => match[1]));
    const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((id) => !defined.has(id))).toEqual([]);
    expect([...defined].filter((id) => id.length > 32)).toEqual([]);
  });

  it("points at icons that exist in assets/ at the pixel sizes it states", () => {
    const assets = join(__dirname, "..", "assets");
    const fileOf = (url: string) => join(assets, url.replace(/^.*\/assets\//, ""));
    // IconUrl is 32 x 32 and HighResolutionIconUrl 64 x 64 pixels.
    expect(pngSize(fileOf(attribute("IconUrl") ?? ""))).toEqual({ width: 32, height: 32 });
    expect(pngSize(fileOf(attribute("HighResolutionIconUrl") ?? ""))).toEqual({ width: 64, height: 64 });
    // Each ribbon image is the size its <bt:Image size="..."> uses it at.
    const images = new Map(
      [...manifest.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((match) => [match[1], match[2]]),
    );
    const sized = [...manifest.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)];
    expect(sized.length).toBeGreaterThanOrEqual(3);
    for (const [, size, resid] of sized) {
      expect([resid, pngSize(fileOf(images.get(resid) ?? ""))]).toEqual([
        resid,
        { width: Number(size), height: Number(size) },
      ]);
    }
  });

  it("asks for the ExcelApi set the adapter requires, as the only requirement", () => {
    const sets = [...manifest.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(sets).toEqual([["ExcelApi", MIN_EXCEL_API]]);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
  });
});

describe("the support page", () => {
  const root = join(__dirname, "..");
  const supportUrl = () => /<SupportUrl DefaultValue="([^"]*)"/.exec(manifest)?.[1];
  const learnMoreUrl = () => /<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="([^"]*)"/.exec(manifest)?.[1];

  /** The files a production build copies into dist/, as the build's CopyWebpackPlugin is configured. */
  async function copiedFiles(): Promise<{ from: string; to: string }[]> {
    const config = await webpackConfig({}, { mode: "production" });
    return config.plugins.flatMap((plugin) =>
      typeof plugin === "object" && plugin !== null && "patterns" in plugin
        ? (plugin.patterns as { from: string; to: string }[])
        : [],
    );
  }

  it("is where SupportUrl and LearnMoreUrl point, not the pane, and the build ships it", async () => {
    expect(supportUrl()).toBe("https://localhost:3000/support.html");
    expect(learnMoreUrl()).toBe(supportUrl());
    const shipped = (await copiedFiles()).find((pattern) => pattern.to === "support.html");
    expect(shipped?.from).toBe("src/support.html");
    expect(existsSync(join(root, shipped?.from ?? "missing"))).toBe(true);
  });

  it("moves with the pane when built with ADDIN_URL", () => {
    const rewritten = rewriteManifest(manifest, productionUrl("https://addins.example-agency.com/service-plan/"));
    expect(rewritten).toContain(
      '<SupportUrl DefaultValue="https://addins.example-agency.com/service-plan/support.html"/>',
    );
    expect(rewritten).toContain(
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://addins.example-agency.com/service-plan/support.html"/>',
    );
  });

  const page = readFileSync(join(root, "src", "support.html"), "utf8");
  const text = page
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

  it("says what the add-in does, how to get help, and what it stores where", () => {
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).toContain("<title>Client Service Plan: help and support</title>");
    for (const heading of ["What the add-in does", "Getting help", "Privacy"]) {
      expect(page).toMatch(new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    }
    expect(text).toContain("stores nothing outside the workbook and your browser's local storage");
    expect(text).toContain("Home > Service Plan");
  });

  it("names every key the pane keeps in local storage", () => {
    // The privacy note is only true while it lists everything src/taskpane/storage.ts is asked to keep.
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : /\.tsx?$/.test(entry.name)
            ? [readFileSync(join(dir, entry.name), "utf8")]
            : [],
      );
    const storing = sources(join(root, "src")).filter((source) => /\bstore\(|localStorage/.test(source));
    const keys = new Set(
      storing.flatMap((source) => [...source.matchAll(/"(client-service-plan\.[\w.-]+)"/g)].map((m) => m[1])),
    );
    expect(keys.size).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect([key, page.includes(`<code>${key}</code>`)]).toEqual([key, true]);
  });

  it("links only relative to itself, so it works from whatever address the agency serves it", () => {
    const links = [...page.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => /^[a-z]+:|^\/\//i.test(link))).toEqual([]);
    for (const link of links) expect([link, existsSync(join(root, link))]).toEqual([link, true]);
    expect(page).not.toMatch(/<script/i);
  });
});
