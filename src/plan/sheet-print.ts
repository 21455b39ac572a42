import { graphemes } from "./sheet-name";
import { LAYOUT, rangeAddress } from "./sheet-layout";
import type { PrintSetup } from "./sheet-types";

/**
 * A plan sheet on paper: landscape, one page wide, the table's header row on every page, the client in the page
 * header, the print date and "Page n of N" in the footer.
 */

/** Header and footer codes treat "&" as a command; a literal ampersand is doubled. */
export function headerFooterText(value: string): string {
  return value.replace(/&/g, "&&");
}

/** Excel refuses a header or footer longer than this, counted over all three sections with their codes. */
export const MAX_HEADER_FOOTER_LENGTH = 255;

export interface HeaderFooterParts {
  left: string;
  center: string;
  right: string;
}

/** One header or footer as Excel stores it: "&L" left, "&C" center, "&R" right, empty sections left out. */
export function headerFooterCodes(part: HeaderFooterParts): string {
  return `${part.left && `&L${part.left}`}${part.center && `&C${part.center}`}${part.right && `&R${part.right}`}`;
}

/**
 * `text` as header/footer codes, shortened with an ellipsis to at most `units` once its ampersands are doubled.
 * The cut is made before doubling, between whole characters, so no "&&" is split into a stray command.
 */
export function fitHeaderFooterText(text: string, units: number): string {
  const full = headerFooterText(text);
  if (full.length <= units) return full;
  const ellipsis = "\u2026";
  let kept = "";
  for (const character of graphemes(text)) {
    if (headerFooterText(kept + character).length + ellipsis.length > units) break;
    kept += character;
  }
  return headerFooterText(kept.trimEnd()) + ellipsis;
}

/** The printed page header: the client on the left (shortened to fit Excel's limit), the plan's name on the right. */
export function clientHeader(client: string, planName: string): HeaderFooterParts {
  const right = headerFooterText(planName);
  const room = MAX_HEADER_FOOTER_LENGTH - headerFooterCodes({ left: "", center: "", right }).length - "&L".length;
  return { left: fitHeaderFooterText(client, room), center: "", right };
}

/**
 * The agency's sheets on paper (a plan, a template, the holidays): landscape, one page wide, `printArea` with its
 * table's header row `headerRow` on every page, the print date and "Page n of N" in the footer.
 */
export function tablePrintSetup(printArea: string, headerRow: number, header: HeaderFooterParts): PrintSetup {
  return {
    orientation: "landscape",
    fitToPagesWide: 1,
    fitToPagesTall: 0,
    printArea,
    titleRows: `$${headerRow}:$${headerRow}`,
    header,
    footer: { left: "Printed &D", center: "", right: "Page &P of &N" },
    centerHorizontally: true,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** The print setup of a plan for `client` whose table ends on `lastTableRow`. */
export function printSetup(client: string, planName: string, lastTableRow: number): PrintSetup {
  return tablePrintSetup(
    rangeAddress(1, 1, lastTableRow, LAYOUT.printColumns),
    LAYOUT.headerRow,
    clientHeader(client, planName),
  );
}
