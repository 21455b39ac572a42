import { toIsoDate } from "../../src/plan/dates";
import { checkDate, checkPlanRequest, checkTeam, checkTerm, cleanText } from "../../src/plan/validate";

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

  it("checks the service team's roles and names", () => {
    expect(checkTeam({ AE: " Dana  Lee ", Producer: "" })).toEqual({ ok: true, value: { AE: "Dana Lee" } });
    expect(problemsOf(checkTeam({ Ae: "x" }))[0].message).toMatch(/role "Ae" is unknown: use one of Producer, AE/);
    expect(problemsOf(checkTeam({ AE: 5 }))[0].message).toMatch(/must be text/);
    expect(problemsOf(checkTeam(["AE"]))[0].message).toMatch(/must map roles to names/);
  });

  it("cleans control characters out of typed text", () => {
    expect(cleanText("a\tb\r\nc\u0000")).toBe("a b c");
  });
});
