import JSZip from "jszip";

/**
 * Brings the worksheets exceljs 4.4 writes into line with ECMA-376 and with what Excel expects, before a file
 * leaves the project. Excel reads strictly: a part out of schema order makes it offer to "repair" the workbook,
 * and the repaired sheet can come out blank. The fixes here are for exceljs's own output, which is regular, so
 * they edit the XML text rather than re-serialize it; anything unexpected is an error, never a silent pass.
 *
 * - `<sheetPr>`: exceljs writes `pageSetUpPr` before `outlinePr`; the schema wants tabColor, outlinePr,
 *   pageSetUpPr (exceljs issue 1348; the fix, PR 2807, is not in a release).
 * - Row `collapsed` flags: exceljs marks every grouped row collapsed="1" (issue 2814). Excel reads the flag on
 *   the summary row of a group whose rows are hidden; on an open group's rows it hides the outline buttons.
 *   The flags are recomputed from the rows' outline levels and hidden state.
 * - `<sheetFormatPr outlineLevelRow>`: must be the deepest row outline level, or Excel shows no outline
 *   buttons; it is recomputed from the rows too.
 */

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** The children of CT_SheetPr, in the order the schema requires. */
const SHEET_PR_ORDER = ["tabColor", "outlinePr", "pageSetUpPr"];

export async function conformPackage(xlsx: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const worksheets = Object.keys(zip.files).filter((name) => WORKSHEET_PART.test(name));
  if (worksheets.length === 0) throw new Error("The workbook has no worksheet parts.");
  for (const name of worksheets) {
    zip.file(name, conformWorksheetXml(await zip.file(name)!.async("string")));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export function conformWorksheetXml(xml: string): string {
  return conformOutline(orderSheetProperties(xml));
}

function orderSheetProperties(xml: string): string {
  return xml.replace(
    /<sheetPr(\s[^>]*)?>([\s\S]*?)<\/sheetPr>/,
    (_whole, attributes: string | undefined, body: string) => {
      const children = body.match(/<(\w+)(\s[^>]*)?\/>/g) ?? [];
      if (children.join("") !== body) throw new Error(`Unexpected <sheetPr> content: ${body}`);
      const rank = (child: string) => {
        const index = SHEET_PR_ORDER.indexOf(/^<(\w+)/.exec(child)![1]);
        if (index < 0) throw new Error(`Unexpected <sheetPr> child: ${child}`);
        return index;
      };
      const ranked = children.map((child) => ({ child, rank: rank(child) }));
      const ordered = ranked.sort((a, b) => a.rank - b.rank).map(({ child }) => child);
      return `<sheetPr${attributes ?? ""}>${ordered.join("")}</sheetPr>`;
    },
  );
}

interface RowOutline {
  number: number;
  level: number;
  hidden: boolean;
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const isTrue = (value: string | undefined) => value === "1" || value === "true";

function conformOutline(xml: string): string {
  const rowTags = /<row\s[^>]*>/g;
  const rows: RowOutline[] = [...xml.matchAll(rowTags)].map(([tag]) => ({
    number: Number(attribute(tag, "r")),
    level: Number(attribute(tag, "outlineLevel") ?? 0),
    hidden: isTrue(attribute(tag, "hidden")),
  }));
  const summaryBelow = !/<outlinePr\b[^>]*\ssummaryBelow="(0|false)"/.test(xml);
  const collapsedRows = collapsedSummaryRows(rows, summaryBelow);
  const deepest = rows.reduce((max, row) => Math.max(max, row.level), 0);

  const withFlags = xml.replace(rowTags, (tag) => {
    const withoutFlag = tag.replace(/\scollapsed="[^"]*"/, "");
    const number = Number(attribute(tag, "r"));
    return collapsedRows.has(number) ? withoutFlag.replace(/^<row/, '<row collapsed="1"') : withoutFlag;
  });
  if (!/<sheetFormatPr\s[^>]*outlineLevelRow="/.test(withFlags) && deepest > 0) {
    throw new Error("Rows are grouped but the sheet has no <sheetFormatPr outlineLevelRow>.");
  }
  return withFlags.replace(/(<sheetFormatPr\s[^>]*outlineLevelRow=")\d*(")/, `$1${deepest}$2`);
}

/**
 * The rows Excel marks collapsed: the summary row (above or below, as outlinePr says) of each group whose
 * rows are all hidden. A row missing from the XML has outline level 0 and is shown.
 */
function collapsedSummaryRows(rows: RowOutline[], summaryBelow: boolean): Set<number> {
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  const levelOf = (n: number) => byNumber.get(n)?.level ?? 0;
  const collapsed = new Set<number>();
  for (const row of rows) {
    const summaryLevel = row.level;
    const step = summaryBelow ? -1 : 1;
    // The group this row summarises: the rows right beside it (on the group's side) at a deeper level.
    let n = row.number + step;
    if (n < 1 || levelOf(n) <= summaryLevel) continue;
    let allHidden = true;
    for (; n >= 1 && levelOf(n) > summaryLevel; n += step) {
      if (!byNumber.get(n)?.hidden) allHidden = false;
    }
    if (allHidden) collapsed.add(row.number);
  }
  return collapsed;
}
