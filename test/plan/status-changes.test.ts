import { ROLES } from "../../src/plan/roles";
import { calendarDate } from "../../src/plan/dates";
import type { SheetPlan, SheetRow } from "../../src/plan/read-sheet";
import {
  changesSince,
  newPlanBaseline,
  planAfterChanges,
  statusBaseline,
  statusPatch,
  type StatusChange,
} from "../../src/plan/status-changes";

const TODAY = calendarDate(2027, 3, 2); // serial 46448

function row(id: string, row: number, statusText: string, completedOn: string | null = null): SheetRow {
  const depth = id === "" ? 0 : id.split(".").length;
  return {
    row,
    id,
    kind: depth === 0 ? "added" : depth === 1 ? "phase" : depth === 2 ? "task" : "item",
    phase: "",
    task: id,
    owners: "",
    assignedTo: "",
    opens: null,
    due: null,
    status: "",
    statusText,
    completedOn,
    notes: "",
    state: "not-started",
  };
}

function plan(rows: SheetRow[]): SheetPlan {
  return {
    planId: "p",
    templateName: "Client Service Plan",
    templateVersion: 1,
    roles: [...ROLES],
    client: "Acme",
    bindCell: null,
    renewalCell: null,
    bind: null,
    renewal: null,
    team: {},
    holidays: [],
    rows,
    problems: [],
  };
}

describe("the status baseline", () => {
  it("holds every row with an id but the phases", () => {
    const baseline = statusBaseline(
      plan([row("bind-30", 13, ""), row("bind-30.a", 14, "Done"), row("bind-30.a.x", 15, ""), row("", 16, "Done")]),
    );
    expect([...baseline]).toEqual([
      ["bind-30.a", "Done"],
      ["bind-30.a.x", ""],
    ]);
  });

  it("of a new plan has tasks Not started and sub-items blank", () => {
    const baseline = newPlanBaseline([
      { row: 13, kind: "phase", id: "bind-30" },
      { row: 14, kind: "task", id: "bind-30.a" },
      { row: 15, kind: "item", id: "bind-30.a.x" },
    ]);
    expect([...baseline]).toEqual([
      ["bind-30.a", "Not started"],
      ["bind-30.a.x", ""],
    ]);
  });
});

describe("changesSince", () => {
  const baseline = new Map([
    ["bind-30.a", "Not started"],
    ["bind-30.b", "Done"],
    ["bind-30.b.x", ""],
  ]);

  it("finds the rows whose status moved, from and to", () => {
    const now = plan([
      row("bind-30.a", 14, "Done"),
      row("bind-30.b", 15, "Done"),
      row("bind-30.b.x", 16, "N/A"),
      row("bind-30.c", 17, "Done"), // not in the baseline: a new row, no change
      row("", 18, "Done"), // a person's own row
    ]);
    expect(changesSince(baseline, now).map(({ row: r, from, to }) => [r.id, from, to])).toEqual([
      ["bind-30.a", "Not started", "Done"],
      ["bind-30.b.x", "", "N/A"],
    ]);
  });

  it("finds nothing without a baseline, or when nothing moved", () => {
    expect(changesSince(undefined, plan([row("bind-30.a", 14, "Done")]))).toEqual([]);
    expect(changesSince(baseline, plan([row("bind-30.a", 20, "Not started")]))).toEqual([]);
  });
});

describe("statusPatch: what a status change writes", () => {
  const change = (from: string, to: string, completedOn: string | null = null): StatusChange => ({
    row: row("bind-30.a", 14, to, completedOn),
    from,
    to,
  });

  it.each([
    ["Done from the sheet stamps Completed on", change("Not started", "Done"), [["H14", 46448]]],
    ["a typed Completed on is kept", change("Not started", "Done", "2027-02-20"), []],
    ["leaving Done clears it", change("Done", "In progress", "2027-03-01"), [["H14", ""]]],
    ["other moves write nothing", change("Not started", "In progress"), []],
  ])("%s", (_name, statusChange, writes) => {
    const patch = statusPatch([statusChange], TODAY, false);
    expect(patch.map((w) => [w.address, w.value.kind === "number" ? w.value.value : ""])).toEqual(writes);
  });

  it("from the pane, writes the status first", () => {
    expect(statusPatch([change("In progress", "Done")], TODAY, true)).toEqual([
      { address: "G14", value: { kind: "text", text: "Done" } },
      { address: "H14", value: { kind: "number", value: 46448 } },
    ]);
  });
});

describe("planAfterChanges: the plan as it reads once a change's cells are written", () => {
  it("stamps and clears Completed on as statusPatch writes it, and leaves other rows as they were", () => {
    const done = row("bind-30.a", 14, "Done");
    const reopened = row("bind-30.b", 15, "In progress", "2027-02-01");
    const typed = row("bind-30.c", 16, "Done", "2027-02-20");
    const untouched = row("bind-30.d", 17, "Not started");
    const before = plan([done, reopened, typed, untouched]);
    const after = planAfterChanges(
      before,
      [
        { row: done, from: "Not started", to: "Done" },
        { row: reopened, from: "Done", to: "In progress" },
        { row: typed, from: "In progress", to: "Done" },
      ],
      TODAY,
    );
    expect(after.rows.map((r) => r.completedOn)).toEqual(["2027-03-02", null, "2027-02-20", null]);
    expect(after.rows[2]).toBe(typed);
    expect(after.rows[3]).toBe(untouched);
    expect(before.rows[0].completedOn).toBeNull(); // the plan as read is not changed
  });

  it("is the plan itself when nothing is written", () => {
    const before = plan([row("bind-30.a", 14, "In progress")]);
    expect(planAfterChanges(before, [], TODAY)).toBe(before);
    expect(planAfterChanges(before, [{ row: before.rows[0], from: "Not started", to: "In progress" }], TODAY)).toBe(
      before,
    );
  });
});
