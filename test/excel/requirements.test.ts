import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { EXCEL_API_FEATURES, MIN_EXCEL_API } from "../../src/excel/requirements";

const root = join(__dirname, "..", "..");
const adapterSource = readdirSync(join(root, "src", "excel"))
  .filter((file) => file.endsWith(".ts") && file !== "requirements.ts")
  .map((file) => readFileSync(join(root, "src", "excel", file), "utf8"))
  .join("\n");

describe("the manifest's requirement sets", () => {
  it("name the highest ExcelApi set the adapter requires", () => {
    const manifest = readFileSync(join(root, "manifest.xml"), "utf8");
    const declared = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(manifest)?.[1];
    expect(MIN_EXCEL_API).toBe("1.12");
    expect(declared).toBe(MIN_EXCEL_API);
  });

  it("list only features the adapter really uses", () => {
    for (const feature of EXCEL_API_FEATURES)
      expect([feature.feature, feature.usedAs.test(adapterSource)]).toEqual([feature.feature, true]);
  });

  it("feature-detect the sets above the minimum before using them", () => {
    const newer = EXCEL_API_FEATURES.filter((f) => f.detected);
    expect(newer.map((f) => f.set)).toEqual(["1.14", "1.17"]);
    expect(adapterSource).toMatch(/isSetSupported\("ExcelApi", TRIGGER_SOURCE_SET\)/);
    expect(adapterSource).toMatch(/isSetSupported\("ExcelApi", RENAME_EVENT_SET\)/);
  });
});
