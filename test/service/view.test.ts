import { ROLES } from "../../src/plan/roles";
import { calendarDate } from "../../src/plan/dates";
import type { SheetPlan, SheetRow } from "../../src/plan/read-sheet";
import { computeSchedule } from "../../src/plan/schedule";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import {
  damagedPlanSummary,
  newPlanCounts,
  phaseIdOf,
  phaseProgress,
  planDetail,
  planSummary,
  statusCounts,
  taskRow,
} from "../../src/service/view";

const TODAY = calendarDate(2027, 3, 2);

function row(id: string, overrides: Partial<SheetRow> = {}): SheetRow {
  const depth = id === "" ? 0 : id.split(".").length;
  return {
    row: 13,
    id,
    kind: depth === 0 ? "added" : depth === 1 ? "phase" : depth === 2 ? "task" : "item",
    phase: "30 Days",
    task: id,
    owners: "AE",
    assignedTo: "Dana Lee",
    opens: "2027-01-15",
    due: "2027-02-12",
    status: depth === 2 ? "Not started" : "",
    statusText: depth === 2 ? "Not started" : "",
    completedOn: null,
    notes: "",
    state: "not-started",
    ...overrides,
  };
}

const ROWS: SheetRow[] = [
  row("bind-30", { phase: "30 Days" }),
  row("bind-30.a", { state: "overdue" }),
  row("bind-30.a.item"),
  row("bind-30.b", { status: "Done", statusText: "Done", state: "done", completedOn: "2027-02-01" }),
  row("bind-30.c", { status: "N/A", statusText: "N/A", state: "n/a" }),
  row("bind-60", { phase: "60 Days" }),
  row("bind-60.a", { status: "In progress", statusText: "In progress", state: "due-soon" }),
  row("bind-60.b", { status: "", statusText: "waiting on carrier", state: "not-started" }),
  row("", { status: "Done", statusText: "Done", state: "done" }), // a person's own row is no task
];

function plan(rows: SheetRow[] = ROWS): SheetPlan {
  return {
    planId: "p",
    templateName: "Client Service Plan",
    templateVersion: 1,
    roles: [...ROLES],
    client: "Acme",
    bindCell: 46402,
    renewalCell: 46767,
    bind: "2027-01-15",
    renewal: "2028-01-15",
    team: { AE: "Dana Lee" },
    holidays: [],
    rows,
    problems: [],
  };
}

describe("statusCounts", () => {
  it("counts tasks only, text that is no status as Not started", () => {
    expect(statusCounts(ROWS)).toEqual({
      notStarted: 2,
      inProgress: 1,
      done: 1,
      notApplicable: 1,
      overdue: 1,
      dueSoon: 1,
    });
  });

  it("counts nothing on a sheet without tasks", () => {
    expect(statusCounts([])).toEqual({
      notStarted: 0,
      inProgress: 0,
      done: 0,
      notApplicable: 0,
      overdue: 0,
      dueSoon: 0,
    });
  });
});

describe("newPlanCounts", () => {
  it("has every task Not started, late or soon by the engine's dates", () => {
    const schedule = computeSchedule(DEFAULT_TEMPLATE, {
      bind: calendarDate(2027, 1, 15),
      renewal: calendarDate(2028, 1, 15),
    });
    const counts = newPlanCounts(schedule, TODAY);
    expect(counts.notStarted).toBe(schedule.tasks.length);
    expect([counts.inProgress, counts.done, counts.notApplicable]).toEqual([0, 0, 0]);
    // 2027-03-02: the 30-day work (due 2027-02-12) is late, the 60-day work (due 2027-03-16) comes up.
    expect(counts.overdue).toBe(schedule.tasks.filter((t) => t.phaseId === "bind-30").length);
    expect(counts.dueSoon).toBe(schedule.tasks.filter((t) => t.phaseId === "bind-60").length);
  });

  it("has nothing late before the bind date", () => {
    const schedule = computeSchedule(DEFAULT_TEMPLATE, {
      bind: calendarDate(2027, 6, 1),
      renewal: calendarDate(2028, 6, 1),
    });
    expect(newPlanCounts(schedule, TODAY)).toMatchObject({ overdue: 0, dueSoon: 0 });
  });
});

describe("phaseProgress", () => {
  it("counts each phase's tasks and the closed ones (Done and N/A)", () => {
    expect(phaseProgress(ROWS)).toEqual([
      { phaseId: "bind-30", phase: "30 Days", total: 3, closed: 2 },
      { phaseId: "bind-60", phase: "60 Days", total: 2, closed: 0 },
    ]);
  });

  it.each([
    ["bind-30.service-team", "bind-30"],
    ["bind-30.service-team.roles", "bind-30"],
    ["renewal-120", "renewal-120"],
  ])("the phase of %s is %s", (id, phase) => {
    expect(phaseIdOf(id)).toBe(phase);
  });
});

describe("what the pane is shown of a plan", () => {
  const onSheet = { sheetId: "s1", sheetName: "Acme 2027", plan: plan() };

  it("a task row keeps the task's fields, named by its id", () => {
    const { row: _row, id, kind, statusText, ...fields } = ROWS[3];
    expect([_row, kind, statusText]).toEqual([13, "task", "Done"]);
    expect(taskRow(ROWS[3])).toEqual({ taskId: id, phaseId: "bind-30", ...fields });
  });

  it("a summary carries the counts and the date problems", () => {
    expect(planSummary(onSheet)).toEqual({
      sheetId: "s1",
      sheetName: "Acme 2027",
      client: "Acme",
      bind: "2027-01-15",
      renewal: "2028-01-15",
      counts: statusCounts(ROWS),
      problems: [],
    });
  });

  it("a detail adds the day, the team, the template versions, the phases and the tasks", () => {
    const detail = planDetail(onSheet, TODAY, DEFAULT_TEMPLATE);
    expect(detail).toMatchObject({
      ...planSummary(onSheet),
      today: "2027-03-02",
      team: { AE: "Dana Lee" },
      templateVersion: 1,
      latestTemplateVersion: DEFAULT_TEMPLATE.version,
      phases: phaseProgress(ROWS),
    });
    expect(detail.tasks.map((t) => t.taskId)).toEqual([
      "bind-30.a",
      "bind-30.b",
      "bind-30.c",
      "bind-60.a",
      "bind-60.b",
    ]);
  });

  it("a damaged plan is listed by its sheet name, with what is wrong", () => {
    expect(damagedPlanSummary("s2", "Old plan", new Error("This plan sheet was rearranged"))).toEqual({
      sheetId: "s2",
      sheetName: "Old plan",
      client: "Old plan",
      bind: null,
      renewal: null,
      counts: { notStarted: 0, inProgress: 0, done: 0, notApplicable: 0, overdue: 0, dueSoon: 0 },
      problems: [{ field: "bind", message: "This plan sheet was rearranged" }],
    });
    expect(damagedPlanSummary("s2", "Old plan", "odd").problems[0].message).toBe("odd");
  });
});
