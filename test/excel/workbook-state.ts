import { isEntireColumn, isEntireRow, parseSingleArea } from "../fake-excel/address";
import type { FakeExcel } from "../fake-excel";
import { STYLE_DEFAULTS } from "../fake-excel/model";

type Fake = FakeExcel["fake"];

/**
 * Everything a person could see changed in a workbook, cell for cell: the sheets and tables, and per sheet every
 * cell's value, formula and number format, every cell's effective format, validations, conditional formats, and the
 * sheet-level settings the add-in writes. Formats are compared as they take effect, not as the fake happens to
 * store them (a format set and then set back is no change).
 */
export function workbookState(fake: Fake) {
  return {
    sheets: fake.sheetNames(),
    sheetsDetail: Object.fromEntries(fake.sheetNames().map((name) => [name, sheetState(fake, name)])),
  };
}

function sheetState(fake: Fake, name: string) {
  const sheet = fake.sheet(name);
  const cells = Object.fromEntries(
    Object.entries(sheet.cells).map(([address, cell]) => [address, [cell.value, cell.formula, cell.numberFormat]]),
  );
  // Bounded format layers are swept into per-cell effective formats; whole-row/column layers are kept as they are.
  const effective = new Map<string, Record<string, unknown>>();
  const unbounded: { address: string; props: Record<string, unknown> }[] = [];
  for (const layer of sheet.formats) {
    const { rect } = parseSingleArea(layer.address);
    if (isEntireColumn(rect) || isEntireRow(rect)) {
      unbounded.push(layer);
      continue;
    }
    for (let row = rect.startRow; row <= rect.endRow; row++) {
      for (let col = rect.startCol; col <= rect.endCol; col++) {
        const key = `${row},${col}`;
        const props = effective.get(key) ?? {};
        for (const [prop, value] of Object.entries(layer.props)) {
          if (value === null || value === STYLE_DEFAULTS[prop]) delete props[prop];
          else props[prop] = value;
        }
        effective.set(key, props);
      }
    }
  }
  const formats = Object.fromEntries([...effective].filter(([, props]) => Object.keys(props).length > 0).sort());
  return {
    cells,
    formats,
    unbounded,
    tables: sheet.tables,
    validations: sheet.validations,
    // Rules are compared by what they do; the id Excel gives a rule is not something a person sees.
    conditionalFormats: sheet.conditionalFormats.map((rule) => ({ ...rule, id: undefined })),
    customProperties: sheet.customProperties,
    autoFilter: sheet.autoFilter,
    printArea: sheet.printArea,
    rowOutline: sheet.rowOutline,
    hiddenColumns: sheet.hiddenColumns,
    freeze: sheet.freeze,
  };
}
