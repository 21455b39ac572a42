import { ROLES } from "../../src/plan/roles";
import {
  address,
  BIND_REF,
  COLUMN,
  columnLetter,
  forEachCell,
  HOLIDAY_SLOTS,
  HOLIDAYS_RANGE,
  HOLIDAYS_REF,
  holidayCell,
  LAYOUT,
  rangeAddress,
  rangeCorners,
  RENEWAL_REF,
  TABLE_COLUMNS,
  teamCells,
} from "../../src/plan/sheet-layout";

describe("A1 addresses", () => {
  it.each([
    [1, "A"],
    [10, "J"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"], // Excel's last column
  ])("column %d is %s", (column, letters) => {
    expect(columnLetter(column)).toBe(letters);
  });

  it("writes cells and ranges, relative or absolute", () => {
    expect(address(4, 2)).toBe("B4");
    expect(address(4, 2, true)).toBe("$B$4");
    expect(rangeAddress(13, 1, 60, 10)).toBe("A13:J60");
  });

  it.each([
    ["B4", { top: 4, left: 2, bottom: 4, right: 2 }],
    ["$B$4", { top: 4, left: 2, bottom: 4, right: 2 }],
    ["B10:C12", { top: 10, left: 2, bottom: 12, right: 3 }],
    ["$F$3:$I$10", { top: 3, left: 6, bottom: 10, right: 9 }],
    ["AA1:XFD2", { top: 1, left: 27, bottom: 2, right: 16384 }],
  ])("reads the corners of %s", (range, corners) => {
    expect(rangeCorners(range)).toEqual(corners);
  });

  it("refuses what is not a cell reference", () => {
    expect(() => rangeCorners("B")).toThrow(/Not a cell reference/);
    expect(() => rangeCorners("Sheet1!B4")).toThrow(/Not a cell reference/);
  });

  it("visits every cell of a range row by row", () => {
    const visited: string[] = [];
    forEachCell("B2:C3", (row, column) => visited.push(address(row, column)));
    expect(visited).toEqual(["B2", "C2", "B3", "C3"]);
  });
});

describe("the plan sheet's layout", () => {
  it("numbers the table's columns from A, the task id last (J)", () => {
    expect(TABLE_COLUMNS.map((c) => c.key)).toEqual([
      "phase",
      "task",
      "owner",
      "assignedTo",
      "opens",
      "due",
      "status",
      "completedOn",
      "notes",
      "id",
    ]);
    expect([COLUMN.phase, COLUMN.status, COLUMN.notes, COLUMN.id]).toEqual([1, 7, 9, 10]);
  });

  it("puts the header block above the table, the table from row 12", () => {
    expect([BIND_REF, RENEWAL_REF]).toEqual(["$B$4", "$B$5"]);
    expect([LAYOUT.headerRow, LAYOUT.firstDataRow]).toEqual([12, 13]);
    expect(LAYOUT.team.firstRow + ROLES.length - 1).toBeLessThan(LAYOUT.headerRow);
    expect(LAYOUT.holidays.lastRow).toBeLessThan(LAYOUT.headerRow);
  });

  it("lists the service team one role a row: the role in C, the person in D", () => {
    expect(ROLES.map((role) => address(teamCells(role).row, teamCells(role).nameColumn))).toEqual([
      "D3",
      "D4",
      "D5",
      "D6",
      "D7",
      "D8",
      "D9",
      "D10",
    ]);
    expect(teamCells("AE")).toEqual({ row: 4, roleColumn: 3, nameColumn: 4 });
  });

  it("holds 32 holidays in F3:I10, filled down each column, then across", () => {
    expect(HOLIDAY_SLOTS).toBe(32);
    expect(HOLIDAYS_RANGE).toBe("F3:I10");
    expect(HOLIDAYS_REF).toBe("$F$3:$I$10");
    const cells = Array.from({ length: HOLIDAY_SLOTS }, (_, i) => holidayCell(i));
    expect([cells[0], cells[7], cells[8], cells[31]].map((c) => address(c.row, c.column))).toEqual([
      "F3",
      "F10",
      "G3",
      "I10",
    ]);
    expect(new Set(cells.map((c) => address(c.row, c.column))).size).toBe(HOLIDAY_SLOTS);
    expect(rangeCorners(HOLIDAYS_RANGE)).toEqual({ top: 3, left: 6, bottom: 10, right: 9 });
    for (const cell of cells) {
      expect(cell.row).toBeGreaterThanOrEqual(3);
      expect(cell.row).toBeLessThanOrEqual(10);
      expect(cell.column).toBeGreaterThanOrEqual(6);
      expect(cell.column).toBeLessThanOrEqual(9);
    }
  });

  // Not in the block's rows: "Shift cells left" on a holiday pulls in the cells to its right.
  it("keeps the template's name above the holidays block, where no edit of the block moves it in", () => {
    const { templateName, holidays, headerRow } = LAYOUT;
    expect(templateName.row).toBeLessThan(holidays.firstRow);
    expect(templateName.row).toBeLessThan(headerRow);
  });

  it("keeps the marker cells in the hidden id column, above the table", () => {
    for (const marker of Object.values(LAYOUT.marker)) {
      expect(marker.column).toBe(COLUMN.id);
      expect(marker.row).toBeLessThan(LAYOUT.headerRow);
    }
  });
});
