/**
 * Where Excel draws the +/- buttons of a sheet's row groups. Summary rows below detail is Excel's default
 * (Data > Outline > Settings) and the only setting a sheet added through Office.js can have: no ExcelApi set reads
 * or writes it (office-js #6099, https://github.com/OfficeDev/office-js/issues/6099; office-js-docs-pr #4012). With
 * it, each group's button sits beside the row just below the group, one button per level.
 */
export interface OutlineButton {
  level: number;
  firstRow: number;
  lastRow: number;
  /** The row the button sits beside (the group's summary row). */
  row: number;
}

/** The buttons of `rowOutline` (row number -> outline level, as `fake.sheet(name).rowOutline`), top to bottom. */
export function rowOutlineButtons(rowOutline: Readonly<Record<number, number>>): OutlineButton[] {
  const levels = new Map(Object.entries(rowOutline).map(([row, level]) => [Number(row), level]));
  const deepest = Math.max(0, ...levels.values());
  const buttons: OutlineButton[] = [];
  for (let level = 1; level <= deepest; level++) {
    const rows = [...levels].filter(([, at]) => at >= level).map(([row]) => row);
    rows.sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i === rows.length || rows[i] !== rows[i - 1] + 1) {
        buttons.push({ level, firstRow: rows[start], lastRow: rows[i - 1], row: rows[i - 1] + 1 });
        start = i;
      }
    }
  }
  return buttons.sort((a, b) => a.row - b.row || a.level - b.level);
}
