import { calendarDate } from "../../src/plan/dates";
import {
  canonicalStatus,
  CLOSED_STATUSES,
  completedOnAfter,
  isClosed,
  isDone,
  isOpen,
  isStatus,
  STATUSES,
  taskState,
} from "../../src/plan/status";
import { statusConditions } from "../../src/plan/sheet-formulas";

describe("how a task stands today (the rule the sheet's colors use)", () => {
  const today = calendarDate(2027, 3, 2);
  it.each([
    ["Not started", "2027-03-01", "overdue"],
    ["In progress", "2027-03-01", "overdue"],
    ["Not started", "2027-03-02", "due-soon"],
    ["Not started", "2027-03-16", "due-soon"],
    ["Not started", "2027-03-17", "not-started"],
    ["In progress", "2027-03-17", "in-progress"],
    ["Done", "2027-01-01", "done"],
    ["N/A", "2027-01-01", "n/a"],
    ["", "2027-01-01", "not-started"],
    ["Not started", null, "not-started"],
  ])("%s due %s is %s", (status, due, state) => {
    expect(taskState(status, due, today)).toBe(state);
  });
});

describe("canonicalStatus: typed text read as the sheet's colors read it", () => {
  it.each([
    ["Done", "Done"],
    ["done", "Done"],
    [" DONE ", "Done"],
    ["n/a", "N/A"],
    ["in PROGRESS", "In progress"],
    ["Not started", "Not started"],
    ["Done.", null],
    ["Donee", null],
    ["", null],
    ["   ", null],
  ])("%p reads as %p", (text, status) => {
    expect(canonicalStatus(text)).toBe(status);
  });

  it("knows the dropdown's statuses and nothing else", () => {
    expect(STATUSES).toEqual(["Not started", "In progress", "Done", "N/A"]);
    expect(isStatus("Done")).toBe(true);
    expect(isStatus("done")).toBe(false);
    expect(isStatus(3)).toBe(false);
  });
});

describe("closed and open tasks", () => {
  it.each([
    ["Done", true],
    ["N/A", true],
    ["In progress", false],
    ["Not started", false],
  ] as const)("%s closes a task: %s", (status, closed) => {
    expect(isClosed(status)).toBe(closed);
  });

  it.each([
    ["Not started", true],
    ["In progress", true],
    ["waiting on carrier", true], // a person's own word still tracks the row
    ["Done", false],
    [" n/a ", false],
    ["", false],
    ["  ", false],
  ])("%p is open: %s", (text, open) => {
    expect(isOpen(text)).toBe(open);
  });

  it("the sheet's overdue and due-soon colors skip the same closed statuses", () => {
    const conditions = statusConditions(13);
    for (const status of CLOSED_STATUSES) {
      expect(conditions.overdue).toContain(`NOT(TRIM($G13)="${status}")`);
      expect(conditions.dueSoon).toContain(`NOT(TRIM($G13)="${status}")`);
    }
    expect(conditions.overdue).toContain('TRIM($G13)<>""');
  });
});

describe("completedOnAfter: what a status change does to Completed on", () => {
  it.each([
    ["Not started", "Done", null, "stamp"],
    ["In progress", "done", null, "stamp"], // any spelling of Done
    ["Not started", "Done", "2027-02-20", "keep"], // a date a person typed stays
    ["Done", "In progress", "2027-03-02", "clear"],
    ["done ", "N/A", "2027-03-02", "clear"],
    ["Done", "", "2027-03-02", "clear"],
    ["Done", "In progress", null, "keep"],
    ["Done", "Done", "2027-03-02", "keep"],
    ["Not started", "In progress", null, "keep"],
    ["Not started", "In progress", "2027-03-02", "keep"],
  ] as const)("%p -> %p with Completed on %p: %s", (from, to, completedOn, effect) => {
    expect(completedOnAfter(from, to, completedOn)).toBe(effect);
  });

  it("isDone reads Done in any spelling", () => {
    expect([isDone("Done"), isDone(" DONE"), isDone("Done."), isDone("")]).toEqual([true, true, false, false]);
  });
});
