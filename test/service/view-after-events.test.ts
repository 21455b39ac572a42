import type { PlanDetail, PlanEvent, PlanSummary, WorkbookOverview } from "../../src/service/types";
import { viewAfterEvents } from "../../src/service/view-after-events";

const counts = { notStarted: 3, inProgress: 0, done: 0, notApplicable: 0, overdue: 1, dueSoon: 0 };

function summary(sheetId: string, client: string): PlanSummary {
  return { sheetId, sheetName: client, client, bind: "2027-01-15", renewal: "2028-01-15", counts, problems: [] };
}

function detail(sheetId: string, client: string, overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    ...summary(sheetId, client),
    counts,
    today: "2027-03-02",
    team: {},
    templateName: "Client Service Plan",
    roles: [],
    templateVersion: 1,
    latestTemplateVersion: 1,
    tasks: [],
    phases: [],
    ...overrides,
  };
}

const VIEW: WorkbookOverview = {
  plans: [summary("a", "Acme"), summary("b", "Birch")],
  activeId: "a",
  detail: detail("a", "Acme"),
};

const changed = (plan?: PlanDetail): PlanEvent => ({
  kind: "plan-changed",
  sheetId: plan?.sheetId ?? "a",
  source: "Local",
  problems: [],
  ...(plan ? { detail: plan } : {}),
});

describe("viewAfterEvents", () => {
  it("shows the open plan as its event read it, in the list and in detail", () => {
    const acme = detail("a", "Acme", { counts: { ...counts, done: 1, notStarted: 2 } });
    expect(viewAfterEvents(VIEW, [changed(acme)])).toEqual({
      plans: [{ ...summary("a", "Acme"), counts: acme.counts }, summary("b", "Birch")],
      activeId: "a",
      detail: acme,
    });
  });

  it("updates another plan's line in the list and keeps the open plan's detail", () => {
    const birch = detail("b", "Birch", { bind: "2027-02-01" });
    const next = viewAfterEvents(VIEW, [changed(birch)]);
    expect(next?.plans[1].bind).toBe("2027-02-01");
    expect(next?.detail).toBe(VIEW.detail);
    expect(next?.activeId).toBe("a");
  });

  it("takes the last of several events for one plan", () => {
    const first = detail("a", "Acme", { today: "first" });
    const last = detail("a", "Acme", { today: "last" });
    expect(viewAfterEvents(VIEW, [changed(first), changed(last)])?.detail?.today).toBe("last");
  });

  it("leaves the view as it was for no events", () => {
    expect(viewAfterEvents(VIEW, [])).toBe(VIEW);
  });

  it.each<[string, WorkbookOverview | null, PlanEvent[]]>([
    ["sheets were added, removed or switched", VIEW, [{ kind: "plans-changed" }]],
    ["a plan could not be read", VIEW, [changed()]],
    ["a plan the view does not list changed", VIEW, [changed(detail("c", "Cedar"))]],
    ["there is no view yet", null, [changed(detail("a", "Acme"))]],
    ["one event of a burst needs it", VIEW, [changed(detail("a", "Acme")), { kind: "plans-changed" }]],
  ])("asks for a read of the workbook when %s", (_why, view, events) => {
    expect(viewAfterEvents(view, events)).toBeNull();
  });
});
