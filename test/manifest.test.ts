import { readFileSync } from "node:fs";
import { join } from "node:path";

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
