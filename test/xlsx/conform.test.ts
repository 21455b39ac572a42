import { conformWorksheetXml } from "../../src/xlsx/conform";
import { childNamed, childrenNamed, parseXml } from "../support/xlsx-xml";

/** A worksheet as exceljs writes one: sheetPr children out of order, every grouped row marked collapsed. */
function worksheet(rows: string, sheetPr = '<pageSetUpPr fitToPage="1"/><outlinePr summaryBelow="0"/>'): string {
  return (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetPr>${sheetPr}</sheetPr><sheetFormatPr defaultRowHeight="15" outlineLevelRow="0"/>` +
    `<sheetData>${rows}</sheetData></worksheet>`
  );
}

const row = (r: number, attributes = "") => `<row r="${r}"${attributes}><c r="A${r}"><v>${r}</v></c></row>`;

function read(xml: string) {
  const sheet = parseXml(conformWorksheetXml(xml));
  const rows = childrenNamed(childNamed(sheet, "sheetData")!, "row");
  return {
    sheetPr: childNamed(sheet, "sheetPr")!.children.map((child) => child.name),
    outlineLevelRow: childNamed(sheet, "sheetFormatPr")!.attributes.outlineLevelRow,
    collapsed: rows.filter((r) => r.attributes.collapsed === "1").map((r) => Number(r.attributes.r)),
  };
}

describe("conforming exceljs's worksheet XML", () => {
  it("orders sheetPr's children as the schema does", () => {
    const xml = worksheet(
      row(1),
      '<pageSetUpPr fitToPage="1"/><outlinePr summaryBelow="0"/><tabColor rgb="FF00FF00"/>',
    );
    expect(read(xml).sheetPr).toEqual(["tabColor", "outlinePr", "pageSetUpPr"]);
  });

  it("refuses sheetPr content it does not know rather than passing it on", () => {
    expect(() => conformWorksheetXml(worksheet(row(1), "<somethingNew/>"))).toThrow(/Unexpected <sheetPr> child/);
  });

  it("flags only the summary row of a hidden group, and declares the deepest level", () => {
    const open = [row(1), row(2, ' outlineLevel="1" collapsed="1"'), row(3, ' outlineLevel="1" collapsed="1"')];
    const folded = [
      row(4),
      row(5, ' outlineLevel="1" hidden="1" collapsed="1"'),
      row(6, ' outlineLevel="2" hidden="1"'),
    ];
    const result = read(worksheet([...open, ...folded, row(7)].join("")));
    // Summaries above their groups (summaryBelow="0"): row 4 heads the folded group and row 5 its folded
    // inner group; rows 1-3 are open, so none of them is flagged.
    expect(result.collapsed).toEqual([4, 5]);
    expect(result.outlineLevelRow).toBe("2");
  });

  it("looks below a group for its summary row when summaries are below", () => {
    const rows = [row(1, ' outlineLevel="1" hidden="1"'), row(2, ' outlineLevel="1" hidden="1"'), row(3)].join("");
    const result = read(worksheet(rows, '<outlinePr summaryBelow="1"/>'));
    expect(result.collapsed).toEqual([3]);
    expect(result.outlineLevelRow).toBe("1");
  });
});
