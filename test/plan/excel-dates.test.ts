import { calendarDate, toIsoDate } from "../../src/plan/dates";
import {
  EXCEL_DATE_RANGE,
  EXCEL_FIRST_DATE,
  EXCEL_LAST_DATE,
  excelSerialToIso,
  fromExcelSerial,
  isExcelDate,
  isExcelDateSerial,
  toExcelSerial,
} from "../../src/plan/excel-dates";

describe("toExcelSerial", () => {
  it.each([
    [calendarDate(2027, 1, 15), 46402],
    [calendarDate(1900, 3, 1), 61],
    [calendarDate(1970, 1, 1), 25569],
    [calendarDate(2028, 2, 29), 46812],
    [calendarDate(9999, 12, 31), 2958465],
  ])("%s is serial %d", (date, serial) => {
    expect(toExcelSerial(date)).toBe(serial);
  });
});

describe("fromExcelSerial", () => {
  it.each([
    [46402, "2027-01-15"],
    [61, "1900-03-01"],
    [46402.75, "2027-01-15"], // a time of day is dropped
    [2958465, "9999-12-31"],
  ])("serial %d is %s", (serial, iso) => {
    expect(toIsoDate(fromExcelSerial(serial))).toBe(iso);
  });

  it("round-trips every day of a leap year", () => {
    for (let serial = 46752; serial < 46752 + 366; serial++) {
      expect(toExcelSerial(fromExcelSerial(serial))).toBe(serial);
    }
  });
});

describe("the range of dates Excel can show", () => {
  it("runs from 1900-03-01 (serial 61) to 9999-12-31 (serial 2958465)", () => {
    expect(EXCEL_DATE_RANGE).toEqual({ minSerial: 61, maxSerial: 2958465, minIso: "1900-03-01", maxIso: "9999-12-31" });
    expect(toIsoDate(EXCEL_FIRST_DATE)).toBe("1900-03-01");
    expect(toIsoDate(EXCEL_LAST_DATE)).toBe("9999-12-31");
  });

  it.each([
    [calendarDate(1900, 2, 28), false],
    [calendarDate(1900, 3, 1), true],
    [calendarDate(2027, 1, 15), true],
    [calendarDate(9999, 12, 31), true],
    [calendarDate(10000, 1, 1), false],
    [calendarDate(0, 1, 1), false],
  ])("isExcelDate(%s) is %s", (date, inRange) => {
    expect(isExcelDate(date)).toBe(inRange);
  });

  it.each([
    [61, true],
    [60, false], // Excel's phantom 29 February 1900
    [0, false],
    [-1, false],
    [46402, true],
    [46402.5, true],
    [2958465, true],
    [2958465.99, true],
    [2958466, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ["46402", false],
    [null, false],
    [undefined, false],
    [true, false],
  ])("isExcelDateSerial(%p) is %s", (value, isDate) => {
    expect(isExcelDateSerial(value)).toBe(isDate);
  });

  it.each([
    [46402, "2027-01-15"],
    [61, "1900-03-01"],
    [60, null],
    [2958466, null],
    ["2027-01-15", null],
    ["", null],
  ])("excelSerialToIso(%p) is %p", (value, iso) => {
    expect(excelSerialToIso(value)).toBe(iso);
  });
});
