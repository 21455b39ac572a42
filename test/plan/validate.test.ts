import { toIsoDate } from "../../src/plan/dates";
import {
  checkDate,
  checkHolidays,
  checkPlanRequest,
  checkTeam,
  checkTerm,
  cleanText,
  hasVisibleCharacter,
} from "../../src/plan/validate";

function problemsOf(result: { ok: boolean; problems?: { field: string; message: string }[] }) {
  return result.ok ? [] : (result.problems ?? []);
}

describe("input validation", () => {
  it("accepts a complete request and defaults renewal to one year after binding", () => {
    const result = checkPlanRequest({ client: "  Acme \n Manufacturing ", bind: "2028-02-29" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.client).toBe("Acme Manufacturing");
    expect(toIsoDate(result.value.renewal)).toBe("2029-02-28");
    expect(result.value.renewalFollowsBind).toBe(true);
  });

  it.each([
    ["", /Bind date is empty/],
    ["   ", /Bind date is empty/],
    ["2027-02-30", /2027-02-30 does not exist \(February 2027 has 28 days\)/],
    ["2028-13-01", /there is no month 13/],
    ["15/01/2027", /"15\/01\/2027" is not a date: write it as YYYY-MM-DD/],
    ["next tuesday", /is not a date/],
    ["=TODAY()", /"=TODAY\(\)" is not a date/],
    // Well written, but before or after what Excel can show: no "write it as YYYY-MM-DD".
    ["0000-01-01", /^Bind date 0000-01-01 is outside the dates Excel can show \(1900-03-01 to 9999-12-31\)/],
    ["0099-06-30", /^Bind date 0099-06-30 is outside the dates Excel can show/],
    ["1900-02-28", /^Bind date 1900-02-28 is outside the dates Excel can show/],
    ["0001-02-29", /0001-02-29 does not exist \(February 1 has 28 days\)/],
    ["x".repeat(500), /^Bind date "x{40}\u2026" is not a date/],
  ])("explains a bad bind date %j", (input, message) => {
    const problems = problemsOf(checkDate("bind", input));
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe("bind");
    expect(problems[0].message).toMatch(message);
  });

  it("reads Excel serials from cells and rejects numbers that are not dates", () => {
    const ok = checkDate("bind", 46402);
    expect(ok.ok && toIsoDate(ok.value)).toBe("2027-01-15");
    expect(problemsOf(checkDate("bind", -3))[0].message).toMatch(/-3, which is not a date/);
    expect(problemsOf(checkDate("bind", 46402.5)).length).toBe(0);
    expect(problemsOf(checkDate("renewal", null))[0].message).toMatch(/Renewal date is empty/);
  });

  it("rejects a renewal on or before the bind date, naming both", () => {
    for (const renewal of ["2027-01-15", "2026-12-01"]) {
      const problems = problemsOf(checkTerm("2027-01-15", renewal));
      expect(problems).toEqual([
        { field: "renewal", message: expect.stringMatching(/must be after the bind date 2027-01-15/) },
      ]);
    }
  });

  it("range-checks the renewal that follows a bind date near the end of Excel's calendar", () => {
    expect(problemsOf(checkTerm("9999-12-31", undefined))).toEqual([
      {
        field: "renewal",
        message: expect.stringMatching(
          /^Renewal date one year after the bind date 9999-12-31 would be after 9999-12-31, the last date Excel can show: enter an earlier bind date, or a renewal date\.$/,
        ),
      },
    ]);
    expect(problemsOf(checkTerm("9999-01-01", undefined))[0].field).toBe("renewal");
    const lastTerm = checkTerm("9998-12-31", undefined);
    expect(lastTerm.ok && toIsoDate(lastTerm.value.renewal)).toBe("9999-12-31");
    expect(checkTerm("9999-01-01", "9999-12-31").ok).toBe(true);
  });

  it("rejects a term longer than three years, and accepts exactly three", () => {
    expect(problemsOf(checkTerm("2027-01-15", "2030-01-16"))[0].message).toMatch(/longer than 3 years/);
    expect(checkTerm("2027-01-15", "2030-01-15").ok).toBe(true);
  });

  it("reports every problem of a request at once", () => {
    const result = checkPlanRequest({
      client: " ",
      bind: "2027-02-30",
      team: { Underwriter: "X" },
      holidays: ["soon"],
    });
    expect(problemsOf(result).map((p) => p.field)).toEqual(["client", "bind", "team", "holidays"]);
  });

  it("keeps odd client names as text, within a length limit", () => {
    for (const name of ['=HYPERLINK("http://x")', "+1 555", "O'Brien & Sons [East]", "@risk", "-minus"]) {
      const result = checkPlanRequest({ client: name, bind: "2027-01-15" });
      expect(result.ok && result.value.client).toBe(name);
    }
    expect(problemsOf(checkPlanRequest({ client: "x".repeat(121), bind: "2027-01-15" }))[0].message).toMatch(
      /121 characters long: shorten it to 120/,
    );
  });

  it("refuses a client name of only invisible characters", () => {
    for (const name of ["\u200B\u200C\u200D", "\u202E\u2066\u2069", "\uFEFF \u2060", "\u3164", "\u00AD"]) {
      expect(hasVisibleCharacter(name)).toBe(false);
      expect(problemsOf(checkPlanRequest({ client: name, bind: "2027-01-15" }))).toEqual([
        { field: "client", message: expect.stringMatching(/^Client name has only invisible characters/) },
      ]);
    }
    // Joiners and marks inside a visible name are part of it (a joined emoji, a right-to-left name).
    for (const name of ["\u{1F469}\u200D\u{1F467}", "\u202B\u05D0\u05D1\u202C", "Acme\u200B"]) {
      const result = checkPlanRequest({ client: name, bind: "2027-01-15" });
      expect(result.ok && result.value.client).toBe(name);
    }
  });

  it("says which holiday each problem is about", () => {
    const result = checkHolidays(["2027-01-01", "soon", "2027-02-30", "2027-07-05"]);
    expect(problemsOf(result).map((p) => (p as { entry?: number }).entry)).toEqual([1, 2]);
  });

  it("checks the service team's roles and names", () => {
    expect(checkTeam({ AE: " Dana  Lee ", Producer: "" })).toEqual({ ok: true, value: { AE: "Dana Lee" } });
    expect(problemsOf(checkTeam({ Ae: "x" }))[0].message).toMatch(/role "Ae" is unknown: use one of Producer, AE/);
    expect(problemsOf(checkTeam({ AE: 5 }))[0].message).toMatch(/must be text/);
    expect(problemsOf(checkTeam(["AE"]))[0].message).toMatch(/must map roles to names/);
  });

  it("cleans control characters out of typed text", () => {
    expect(cleanText("a\tb\r\nc\u0000")).toBe("a b c");
    // What XML 1.0, and so an .xlsx, cannot hold at all.
    expect(cleanText("a\uFFFEb\uFFFFc\uD800d\uDFFF")).toBe("abcd");
    expect(cleanText("\u{1F332}")).toBe("\u{1F332}");
  });
});

describe("dates in messages", () => {
  const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
  const messages = (show?: (iso: string) => string) => {
    const checked = checkPlanRequest({ client: "Acme", bind: "", renewal: "2026-12-01" }, undefined, show);
    const term = checkPlanRequest({ client: "Acme", bind: "2027-01-15", renewal: "2026-12-01" }, undefined, show);
    return [checked, term].flatMap((result) => (result.ok ? [] : result.problems.map((p) => p.message)));
  };

  it("are ISO text by default, as the command line takes them", () => {
    expect(messages()).toEqual([
      "Bind date is empty: enter a date such as 2027-01-15.",
      "Renewal date 2026-12-01 must be after the bind date 2027-01-15: check both dates.",
    ]);
  });

  it("are shown as a form's date fields show them, when it says how", () => {
    expect(messages(usDate)).toEqual([
      "Bind date is empty: enter a date such as 01/15/2027.",
      "Renewal date 12/01/2026 must be after the bind date 01/15/2027: check both dates.",
    ]);
  });
});
