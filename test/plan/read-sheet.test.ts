import { calendarDate } from "../../src/plan/dates";
import { taskState } from "../../src/plan/read-sheet";

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
