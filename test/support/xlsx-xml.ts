/**
 * Reads an .xlsx the way a spreadsheet program does: unzips it (jszip, as exceljs does) and parses each XML part
 * with a real XML parser (saxes, exceljs's own), so a test sees the file's elements in their written order
 * rather than what exceljs makes of them when it reads the file back.
 */
import JSZip from "jszip";
import { SaxesParser } from "saxes";

/** CT_Worksheet's children, in the order ECMA-376 Part 1 (18.3.1.99) requires. */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
/** CT_SheetPr's children, in schema order. */
export const SHEET_PR_ORDER = ["tabColor", "outlinePr", "pageSetUpPr"];

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const open: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: "",
    };
    open[open.length - 1].children.push(element);
    open.push(element);
  });
  parser.on("closetag", () => open.pop());
  parser.on("text", (text) => (open[open.length - 1].text += text));
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return root.children[0];
}

/** Child elements named `name` (no namespace prefix: SpreadsheetML is the default namespace). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

export interface XlsxParts {
  names: string[];
  /** The part's text; throws when the package has no such part. */
  text(name: string): Promise<string>;
  xml(name: string): Promise<XmlElement>;
  /** The first worksheet, in workbook order (xl/workbook.xml → its relationship → the part). */
  firstSheet(): Promise<XmlElement>;
  /** The worksheets' names, in workbook order. */
  sheetNames(): Promise<string[]>;
  /** The worksheet called `name`; throws when there is none. */
  sheet(name: string): Promise<XmlElement>;
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`The package has no part ${name}`);
    return file.async("string");
  };
  const xml = async (name: string) => parseXml(await text(name));
  const sheetPart = async (sheet: XmlElement) => {
    const relationships = await xml("xl/_rels/workbook.xml.rels");
    const target = relationships.children.find((r) => r.attributes.Id === sheet.attributes["r:id"])!.attributes.Target;
    return xml(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  };
  const sheetEntries = async () => childrenNamed(childNamed(await xml("xl/workbook.xml"), "sheets")!, "sheet");
  return {
    names: Object.keys(zip.files),
    text,
    xml,
    async firstSheet() {
      return sheetPart((await sheetEntries())[0]);
    },
    async sheetNames() {
      return (await sheetEntries()).map((sheet) => sheet.attributes.name);
    },
    async sheet(name: string) {
      const sheet = (await sheetEntries()).find((entry) => entry.attributes.name === name);
      if (!sheet) throw new Error(`The workbook has no sheet ${name}`);
      return sheetPart(sheet);
    },
  };
}
