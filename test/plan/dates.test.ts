import {
  calendarDate,
  compareDates,
  daysInMonth,
  localDay,
  onOrBeforeWorkday,
  parseIsoDate,
  plusDays,
  plusMonths,
  toIsoDate,
} from "../../src/plan/dates";

const iso = (date: ReturnType<typeof calendarDate> | null) => (date ? toIsoDate(date) : null);

describe("calendarDate", () => {
  it.each([
    [2027, 1, 15, "2027-01-15"],
    [2027, 2, 29, "2027-03-01"], // rolls over, as Date does
    [2027, 13, 1, "2028-01-01"],
    [99, 1, 1, "0099-01-01"], // not read as 1999
    [0, 1, 1, "0000-01-01"],
  ])("(%d, %d, %d) is %s", (year, month, day, expected) => {
    expect(toIsoDate(calendarDate(year, month, day))).toBe(expected);
  });

  it("is midnight UTC whatever the machine's zone", () => {
    expect(calendarDate(2027, 1, 15).getTime()).toBe(Date.UTC(2027, 0, 15));
  });
});

describe("daysInMonth", () => {
  it.each([
    [2027, 1, 31],
    [2027, 2, 28],
    [2028, 2, 29],
    [1900, 2, 28], // not a leap year by the Gregorian rule (Excel's 29 February 1900 is a bug)
    [2000, 2, 29],
    [2027, 4, 30],
    [2027, 12, 31],
  ])("%d-%d has %d days", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe("parseIsoDate", () => {
  it.each([
    ["2027-01-15", "2027-01-15"],
    [" 2027-01-15 ", "2027-01-15"],
    ["2028-02-29", "2028-02-29"],
    ["2027-02-29", null],
    ["2027-02-30", null],
    ["2027-13-01", null],
    ["2027-00-10", null],
    ["2027-01-00", null],
    ["2027-1-15", null],
    ["1/15/2027", null],
    ["2027-01-15T00:00", null],
    ["", null],
  ])("%p -> %p", (text, expected) => {
    expect(iso(parseIsoDate(text))).toBe(expected);
  });
});

describe("plusDays and plusMonths", () => {
  it.each([
    ["2027-01-15", 30, "2027-02-14"],
    ["2027-12-31", 1, "2028-01-01"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2027-03-14", 1, "2027-03-15"], // a daylight-saving change elsewhere moves nothing
  ])("%s + %d days is %s", (from, days, expected) => {
    expect(toIsoDate(plusDays(parseIsoDate(from)!, days))).toBe(expected);
  });

  it.each([
    ["2027-01-31", 1, "2027-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2027-01-15", -1, "2026-12-15"],
    ["2027-03-31", 36, "2030-03-31"],
  ])("%s + %d months is %s", (from, months, expected) => {
    expect(toIsoDate(plusMonths(parseIsoDate(from)!, months))).toBe(expected);
  });
});

describe("onOrBeforeWorkday", () => {
  const none = new Set<string>();
  it.each([
    ["2027-01-15", "2027-01-15"], // a Friday stays
    ["2027-01-16", "2027-01-15"], // Saturday -> Friday
    ["2027-01-17", "2027-01-15"], // Sunday -> Friday
    ["2027-01-18", "2027-01-18"], // Monday stays
  ])("%s -> %s with no holidays", (from, expected) => {
    expect(toIsoDate(onOrBeforeWorkday(parseIsoDate(from)!, none))).toBe(expected);
  });

  it("skips holidays, and weekends around them, backwards", () => {
    const holidays = new Set(["2027-07-05", "2027-07-02"]);
    expect(toIsoDate(onOrBeforeWorkday(parseIsoDate("2027-07-05")!, holidays))).toBe("2027-07-01");
    expect(toIsoDate(onOrBeforeWorkday(parseIsoDate("2027-07-06")!, holidays))).toBe("2027-07-06");
  });
});

describe("compareDates", () => {
  it("orders dates", () => {
    const [a, b] = [parseIsoDate("2027-01-15")!, parseIsoDate("2027-01-16")!];
    expect(compareDates(a, b)).toBeLessThan(0);
    expect(compareDates(b, a)).toBeGreaterThan(0);
    expect(compareDates(a, parseIsoDate("2027-01-15")!)).toBe(0);
  });
});

describe("localDay: the person's own today", () => {
  it.each([
    [new Date(2027, 2, 2, 0, 0), "2027-03-02"],
    [new Date(2027, 2, 2, 23, 59), "2027-03-02"],
    [new Date(2028, 1, 29, 12, 0), "2028-02-29"],
  ])("%s is %s by the machine's clock", (when, expected) => {
    expect(toIsoDate(localDay(when))).toBe(expected);
  });
});
