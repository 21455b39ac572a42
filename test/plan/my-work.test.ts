import { calendarDate, plusDays, toIsoDate } from "../../src/plan/dates";
import { findPerson, myWork, type MyWorkPlan, peopleOnTeams, rolesOnTeams } from "../../src/plan/my-work";
import { type CellData, readPlanSheet } from "../../src/plan/read-sheet";
import { ROLES, type ServiceTeam } from "../../src/plan/roles";
import { describePlanSheet, type RowEntry } from "../../src/plan/sheet";
import { COLUMN } from "../../src/plan/sheet-layout";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest } from "../../src/plan/validate";
import { hyperFormulaSheet } from "../support/hyperformula-sheet";

const AS_OF = calendarDate(2027, 3, 2);
const iso = (daysFromAsOf: number) => toIsoDate(plusDays(AS_OF, daysFromAsOf));

/** A plan as the pane reads it: described, computed by a formula engine, then read back. */
function planOf(
  client: string,
  bindDaysAgo: number,
  team: ServiceTeam,
  entries: [string, Partial<RowEntry>][] = [],
  edit: (set: (id: string, column: number, value: string) => void) => void = () => undefined,
): MyWorkPlan {
  const checked = checkPlanRequest({ client, bind: iso(-bindDaysAgo), team });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  const description = describePlanSheet(DEFAULT_TEMPLATE, checked.value, {
    planId: client,
    existingSheetNames: [],
    entries: new Map(entries.map(([id, entry]) => [id, { statusText: "", completedOn: null, notes: "", ...entry }])),
  });
  const { hf, sheet } = hyperFormulaSheet(description);
  edit((id, column, value) => {
    const row = description.rows.find((r) => r.id === id)!.row;
    hf.setCellContents({ sheet, row: row - 1, col: column - 1 }, value);
  });
  const values = hf.getSheetValues(sheet).map((row) => row.map((cell) => (typeof cell === "object" ? "" : cell)));
  return { sheetId: description.name, sheetName: description.name, plan: readPlanSheet(values as CellData[][], AS_OF) };
}

// Three plans, two people who carry most of them: Dana is the AE of two and the Producer of the third.
const acme = planOf("Acme Manufacturing, Inc.", 75, { AE: "Dana Whitfield", Producer: "Morgan Reyes" }, [
  ["bind-30.service-team", { statusText: "Done" }],
  ["bind-30.strategy-session", { statusText: "N/A" }],
]);
const birch = planOf("Birch Dental Group", 20, { AE: "Priya Shah", Producer: "dana whitfield", Claims: "Luis Ortega" });
const cobalt = planOf(
  "Cobalt Logistics",
  165,
  { AE: "Dana Whitfield", "Associate AE": "Priya Shah" },
  [],
  // Someone typed a name over Assigned to: the task is now Sam's, not the team's.
  (set) => set("midterm.updates", COLUMN.assignedTo, "Sam Patel"),
);
const PLANS = [cobalt, acme, birch];

const allTasks = (work: ReturnType<typeof myWork>) =>
  work.sections.flatMap((section) => section.days.flatMap((day) => day.tasks.map((task) => ({ section, day, task }))));

describe("My work across plans", () => {
  it("knows everyone on a service team once, however a plan spells the name", () => {
    expect(peopleOnTeams(PLANS)).toEqual(["Dana Whitfield", "Luis Ortega", "Morgan Reyes", "Priya Shah"]);
    expect(findPerson(PLANS, "  DANA   whitfield ")).toBe("Dana Whitfield");
    expect(findPerson(PLANS, "Dana")).toBeNull();
  });

  it("offers every role the plans' teams name, an agency template's own included, each once", () => {
    expect(rolesOnTeams(PLANS)).toEqual([...ROLES]);
    const renamed = acme.plan.roles.map((role) => (role === "Associate AE" ? "Account Manager" : role));
    const agencyPlan = { ...acme, plan: { ...acme.plan, roles: renamed } };
    const roles = rolesOnTeams([agencyPlan, birch]);
    expect(roles.filter((role) => role === "Account Manager" || role === "Associate AE")).toEqual([
      "Account Manager",
      "Associate AE",
    ]);
    expect(rolesOnTeams([birch, { ...birch, plan: { ...birch.plan, roles: ["ae", "Producer"] } }])).toEqual([...ROLES]);
  });

  it("lists a person's open tasks: overdue first, then the next 14 days, then the rest of the next 30", () => {
    const work = myWork(PLANS, { asOf: AS_OF, person: "Dana Whitfield" });
    expect(work.sections.map((s) => [s.key, s.title])).toEqual([
      ["overdue", "Overdue"],
      ["due-soon", "Due in the next 14 days"],
      ["due-later", "Due in 15 to 30 days"],
    ]);
    const tasks = allTasks(work);
    expect(tasks.length).toBeGreaterThan(10);
    for (const { section, day, task } of tasks) {
      expect(task.assignedTo.toLowerCase()).toContain("dana whitfield");
      expect(task.due).toBe(day.date);
      if (section.key === "overdue") expect(task.due < iso(0)).toBe(true);
      if (section.key === "due-soon") expect(task.due >= iso(0) && task.due <= iso(14)).toBe(true);
      if (section.key === "due-later") expect(task.due > iso(14) && task.due <= iso(30)).toBe(true);
      expect(["Done", "N/A"]).not.toContain(task.status);
    }
    for (const section of work.sections) {
      const dates = section.days.map((day) => day.date);
      expect(dates).toEqual([...dates].sort());
      expect(section.count).toBe(section.days.reduce((n, day) => n + day.tasks.length, 0));
    }
    // All three clients appear: Acme's and Cobalt's as AE, Birch's where the Producer owns the task.
    expect(new Set(tasks.map((t) => t.task.client))).toEqual(
      new Set(["Acme Manufacturing, Inc.", "Birch Dental Group", "Cobalt Logistics"]),
    );
    const birchTasks = tasks.filter((t) => t.task.client === "Birch Dental Group");
    for (const { task } of birchTasks) expect(task.owners).toMatch(/Producer/);
    // Done and N/A tasks are gone; the task Sam's name was typed on is not Dana's.
    const listed = tasks.map((t) => `${t.task.client} ${t.task.taskId}`);
    expect(listed).not.toContain("Acme Manufacturing, Inc. bind-30.service-team");
    expect(listed).not.toContain("Acme Manufacturing, Inc. bind-30.strategy-session");
    expect(listed).toContain("Cobalt Logistics bind-30.service-team");
    expect(listed).not.toContain("Cobalt Logistics midterm.updates");
  });

  it("finds every open task of the person within 30 days, on each line the client, sheet and row", () => {
    const work = myWork(PLANS, { asOf: AS_OF, person: "dana whitfield" });
    const listed = allTasks(work).map((t) => `${t.task.sheetName}!${t.task.row}`);
    const expected = PLANS.flatMap(({ sheetName, plan }) =>
      plan.rows
        .filter((row) => row.statusText !== "" && !["Done", "N/A"].includes(row.status) && row.due !== null)
        .filter((row) => row.due! <= iso(30) && /dana whitfield/i.test(row.assignedTo))
        .map((row) => `${sheetName}!${row.row}`),
    );
    expect([...listed].sort()).toEqual([...expected].sort());
    expect(allTasks(work)[0].task).toMatchObject({
      client: expect.any(String),
      sheetName: expect.any(String),
      row: expect.any(Number),
      phase: expect.any(String),
      task: expect.any(String),
    });
  });

  it("on a date, lists the clients in order and each plan's tasks in sheet order", () => {
    const work = myWork(PLANS, { asOf: AS_OF });
    for (const section of work.sections) {
      for (const day of section.days) {
        const keys = day.tasks.map((t) => [t.client, t.row] as const);
        const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
        expect(keys).toEqual(sorted);
      }
    }
  });

  it("for everyone lists every person's tasks, and unassigned ones too", () => {
    const everyone = allTasks(myWork(PLANS, { asOf: AS_OF }));
    const dana = allTasks(myWork(PLANS, { asOf: AS_OF, person: "Dana Whitfield" }));
    const priya = allTasks(myWork(PLANS, { asOf: AS_OF, person: "Priya Shah" }));
    const sam = allTasks(myWork(PLANS, { asOf: AS_OF, person: "Sam Patel" }));
    expect(sam.map((t) => t.task.taskId)).toEqual(["midterm.updates"]);
    const key = (t: (typeof everyone)[number]) => `${t.task.sheetName}!${t.task.row}`;
    const union = new Set([...dana, ...priya, ...sam].map(key));
    for (const k of union) expect(everyone.map(key)).toContain(k);
    expect(everyone.length).toBeGreaterThanOrEqual(union.size);
  });

  it("lists a role's tasks by the Owner column", () => {
    const producer = allTasks(myWork(PLANS, { asOf: AS_OF, role: "Producer" }));
    expect(producer.length).toBeGreaterThan(0);
    for (const { task } of producer) expect(task.owners.split(" / ")).toContain("Producer");
    expect(myWork(PLANS, { asOf: AS_OF, role: "Producer" })).toMatchObject({ person: null, role: "Producer" });
  });

  it("matches a name whole: Dana Lee is not on a task assigned to Dana Leeds", () => {
    const plan = planOf("Elm Street Bakery", 40, { AE: "Dana Leeds" });
    expect(allTasks(myWork([plan], { asOf: AS_OF, person: "Dana Lee" }))).toEqual([]);
    expect(allTasks(myWork([plan], { asOf: AS_OF, person: "Dana Leeds" })).length).toBeGreaterThan(0);
  });

  it("is empty for a plan with nothing due within 30 days", () => {
    const early = planOf("Future Foods", -200, { AE: "Dana Whitfield" });
    expect(myWork([early], { asOf: AS_OF, person: "Dana Whitfield" }).sections.map((s) => s.count)).toEqual([0, 0, 0]);
  });
});
