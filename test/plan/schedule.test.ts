import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseIsoDate, toIsoDate, type CalendarDate } from "../../src/plan/dates";
import { computeSchedule, type Schedule } from "../../src/plan/schedule";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";

const iso = (text: string): CalendarDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`bad test date ${text}`);
  return date;
};

function schedule(bind: string, renewal: string, holidays: string[] = []): Schedule {
  return computeSchedule(DEFAULT_TEMPLATE, { bind: iso(bind), renewal: iso(renewal), holidays: holidays.map(iso) });
}

/** Opens and due per phase, as ISO text. */
function phaseDates(result: Schedule): Record<string, [string, string]> {
  return Object.fromEntries(result.tasks.map((t) => [t.phaseId, [toIsoDate(t.opens), toIsoDate(t.due)]]));
}

describe("schedule engine", () => {
  it("dates a one-year plan bound on 2027-01-15", () => {
    const result = schedule("2027-01-15", "2028-01-15");
    expect(phaseDates(result)).toEqual({
      // bind + 30 = Sun 2027-02-14 -> Fri 02-12
      "bind-30": ["2027-01-15", "2027-02-12"],
      // bind + 60 = Tue 2027-03-16
      "bind-60": ["2027-02-12", "2027-03-16"],
      // bind + 90 = Thu 2027-04-15
      "bind-90": ["2027-03-16", "2027-04-15"],
      // bind + 120 = Sat 2027-05-15 -> Fri 05-14; bind + 180 = Wed 2027-07-14
      midterm: ["2027-05-14", "2027-07-14"],
      // renewal - 160 = Sun 2027-08-08 -> Fri 08-06; renewal - 120 = Fri 2027-09-17
      "renewal-160": ["2027-08-06", "2027-09-17"],
      // - 90 = Sun 2027-10-17 -> Fri 10-15
      "renewal-120": ["2027-09-17", "2027-10-15"],
      // - 60 = Tue 2027-11-16
      "renewal-60": ["2027-10-15", "2027-11-16"],
      // - 30 = Thu 2027-12-16
      "renewal-30": ["2027-11-16", "2027-12-16"],
    });
    expect(result.warnings).toEqual([]);
    expect(result.tasks).toHaveLength(DEFAULT_TEMPLATE.phases.reduce((n, p) => n + p.tasks.length, 0));
  });

  it("never lets a due date fall on a weekend, and never moves it later", () => {
    for (let day = 0; day < 400; day++) {
      const bind = new Date(Date.UTC(2027, 0, 1 + day));
      const bindIso = bind.toISOString().slice(0, 10);
      const renewal = new Date(Date.UTC(2028, 0, 1 + day)).toISOString().slice(0, 10);
      for (const task of schedule(bindIso, renewal).tasks) {
        expect([0, 6]).not.toContain(task.due.getUTCDay());
        expect(task.opens.getTime()).toBeLessThanOrEqual(task.due.getTime());
      }
    }
  });

  it("moves a due date off a holiday to the working day before, skipping a weekend too", () => {
    // bind + 60 = Tue 2027-03-16; a holiday on the 16th and 15th moves it to Fri 03-12.
    const withHolidays = phaseDates(schedule("2027-01-15", "2028-01-15", ["2027-03-16", "2027-03-15"]));
    expect(withHolidays["bind-60"]).toEqual(["2027-02-12", "2027-03-12"]);
    // The phase that opens when 60 Days is due opens on the same moved date.
    expect(withHolidays["bind-90"][0]).toBe("2027-03-12");
  });

  it("handles a leap-day bind: the default renewal is 2029-02-28", () => {
    const result = schedule("2028-02-29", "2029-02-28");
    const dates = phaseDates(result);
    expect(dates["bind-30"]).toEqual(["2028-02-29", "2028-03-30"]);
    expect(dates["bind-60"][1]).toBe("2028-04-28"); // Sat 04-29 -> Fri 04-28
    expect(dates["renewal-30"][1]).toBe("2029-01-29"); // Mon
    expect(result.warnings).toEqual([]);
  });

  it("crosses month ends and year ends by calendar days", () => {
    const dates = phaseDates(schedule("2027-12-31", "2028-12-31"));
    expect(dates["bind-30"][1]).toBe("2028-01-28"); // Sun 01-30 -> Fri 01-28
    expect(dates["bind-60"][1]).toBe("2028-02-29"); // Tue, leap day
    expect(dates["renewal-30"][1]).toBe("2028-12-01"); // Fri
  });

  it("clamps renewal-timed dates of a short term to the bind date, with a warning", () => {
    // A four-month term: renewal - 160 and - 120 fall before binding.
    const result = schedule("2027-03-01", "2027-07-01");
    const dates = phaseDates(result);
    expect(dates["renewal-160"]).toEqual(["2027-03-01", "2027-03-03"]);
    expect(
      result.warnings.some((w) =>
        /160-120 Days to Renewal opens renewal - 160 days = 2027-01-22, before the bind date/.test(w),
      ),
    ).toBe(true);
    expect(result.warnings.some((w) => /Midterm|120-180 Days/.test(w))).toBe(true); // bind + 180 is after renewal
    expect(dates["midterm"][1]).toBe("2027-07-01");
    for (const task of result.tasks) {
      expect(task.opens.getTime()).toBeGreaterThanOrEqual(iso("2027-03-01").getTime());
      expect(task.due.getTime()).toBeLessThanOrEqual(iso("2027-07-01").getTime());
    }
  });

  it("spreads a three-year term without warnings", () => {
    const result = schedule("2027-01-15", "2030-01-15");
    const dates = phaseDates(result);
    expect(dates["renewal-30"][1]).toBe("2029-12-14"); // Sun 12-16 -> Fri 12-14
    expect(dates["midterm"][1]).toBe("2027-07-14");
    expect(result.warnings).toEqual([]);
  });

  it("gives identical dates whatever the machine's time zone", () => {
    const runIn = (zone: string) =>
      execFileSync(process.execPath, [join(__dirname, "..", "support", "dump-schedules.js")], {
        env: { ...process.env, TZ: zone },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
    const losAngeles = runIn("America/Los_Angeles");
    const auckland = runIn("Pacific/Auckland");
    const kolkata = runIn("Asia/Kolkata");
    const [laOffset, ...laLines] = losAngeles.split("\n");
    const [nzOffset] = auckland.split("\n");
    // The zones really differ (Los Angeles is behind UTC, Auckland ahead) and the dates do not.
    expect(Number(laOffset)).toBeGreaterThan(0);
    expect(Number(nzOffset)).toBeLessThan(0);
    expect(laLines).toHaveLength(800);
    expect(auckland.split("\n").slice(1)).toEqual(laLines);
    expect(kolkata.split("\n").slice(1)).toEqual(laLines);
    // And the dump agrees with this process's engine.
    const sample = schedule("2027-01-15", "2028-01-15", ["2027-07-05", "2027-11-25"]);
    expect(laLines).toContain(
      `2027-01-15 ${sample.tasks.map((t) => `${t.id}:${toIsoDate(t.opens)}:${toIsoDate(t.due)}`).join(" ")}`,
    );
  });
});
