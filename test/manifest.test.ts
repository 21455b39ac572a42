import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_EXCEL_API } from "../src/excel/requirements";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, read as the build reads it
const { productionUrl, rewriteManifest } = require("../webpack.config.js") as {
  productionUrl: (value: string | undefined) => string | null;
  rewriteManifest: (content: string, url: string | null) => string;
};

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
