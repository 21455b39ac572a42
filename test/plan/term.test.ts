import { calendarDate, toIsoDate } from "../../src/plan/dates";
import { defaultRenewal, defaultRenewalIso, latestRenewal, MAX_TERM_YEARS, TERM_MONTHS } from "../../src/plan/term";
import { RENEWAL_FOLLOWS_BIND_FORMULA } from "../../src/plan/sheet-formulas";

describe("defaultRenewal: one year after binding, same day of the month", () => {
  it.each([
    [calendarDate(2027, 1, 15), "2028-01-15"],
    [calendarDate(2028, 2, 29), "2029-02-28"], // no 29 February next year
    [calendarDate(2027, 2, 28), "2028-02-28"], // not moved to the leap day
    [calendarDate(2027, 12, 31), "2028-12-31"],
    [calendarDate(2027, 3, 31), "2028-03-31"],
    [calendarDate(9998, 12, 31), "9999-12-31"],
  ])("bound %s renews %s", (bind, renewal) => {
    expect(toIsoDate(defaultRenewal(bind))).toBe(renewal);
  });
});

describe("defaultRenewalIso: what the New plan form shows", () => {
  it.each([
    ["2027-01-15", "2028-01-15"],
    ["2028-02-29", "2029-02-28"],
    [" 2027-01-15 ", "2028-01-15"],
    ["", ""],
    ["2027-01", ""], // a date still being typed
    ["2027-02-30", ""], // no such day
  ])("%p -> %p", (bind, renewal) => {
    expect(defaultRenewalIso(bind)).toBe(renewal);
  });
});

describe("the longest term", () => {
  it.each([
    [calendarDate(2027, 1, 15), "2030-01-15"],
    [calendarDate(2028, 2, 29), "2031-02-28"],
  ])("bound %s may renew at the latest %s", (bind, latest) => {
    expect(toIsoDate(latestRenewal(bind))).toBe(latest);
    expect(MAX_TERM_YEARS).toBe(3);
  });
});

it("the sheet's Renewal formula states the same rule: EDATE over the term's months", () => {
  expect(TERM_MONTHS).toBe(12);
  expect(RENEWAL_FOLLOWS_BIND_FORMULA).toBe('=IF(ISNUMBER($B$4),EDATE($B$4,12),"")');
});
