// Prints the engine's dates for many bind dates, to compare runs under different TZ values.
// Uses the compiled core (built before the tests by `npm test`'s pretest step).
const { computeSchedule } = require("../../lib/plan/schedule");
const { DEFAULT_TEMPLATE } = require("../../lib/plan/default-template");
const { calendarDate, toIsoDate, parseIsoDate } = require("../../lib/plan/dates");
const { defaultRenewal } = require("../../lib/plan/term");

const holidays = ["2027-07-05", "2027-11-25"].map(parseIsoDate);
const lines = [String(new Date(2027, 0, 1).getTimezoneOffset())];
for (let day = 0; day < 800; day++) {
  const bind = calendarDate(2027, 1, 1 + day);
  const result = computeSchedule(DEFAULT_TEMPLATE, { bind, renewal: defaultRenewal(bind), holidays });
  lines.push(
    `${toIsoDate(bind)} ${result.tasks.map((t) => `${t.id}:${toIsoDate(t.opens)}:${toIsoDate(t.due)}`).join(" ")}`,
  );
}
process.stdout.write(lines.join("\n"));
