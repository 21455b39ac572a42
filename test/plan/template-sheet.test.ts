import { toIsoDate } from "../../src/plan/dates";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { summaryRowOf } from "../../src/plan/outline";
import { readPlanSheet } from "../../src/plan/read-sheet";
import { peopleOnTeams } from "../../src/plan/my-work";
import { computeSchedule } from "../../src/plan/schedule";
import { type CellValue, describePlanSheet } from "../../src/plan/sheet";
import { planTemplateUpdate } from "../../src/plan/update-plan";
import { COLUMN, LAYOUT } from "../../src/plan/sheet-layout";
import type { CellData } from "../../src/plan/read-sheet";
import {
  describeTemplateProblem,
  readTemplateSheet,
  type TemplateField,
  type TemplateProblem,
} from "../../src/plan/template-read";
import { describeTemplateSheet, TEMPLATE_COLUMN, TEMPLATE_LAYOUT } from "../../src/plan/template-sheet";
import { checkPlanRequest } from "../../src/plan/validate";
import { calendarDate } from "../../src/plan/dates";
import { cellValues, insertRow, typeInto } from "../support/template-cells";
import { cellOf, editedTemplate, editedTemplateV2, nextTemplate, rowOfId } from "../support/templates";

const C = TEMPLATE_COLUMN;
const exported = () => cellValues(describeTemplateSheet(DEFAULT_TEMPLATE).cells);

describe("the template sheet", () => {
  it("reads the default template back exactly as built in", () => {
    const read = readTemplateSheet(exported());
    if (!read.ok) throw new Error(read.problems.map(describeTemplateProblem).join("\n"));
    expect(read.template).toStrictEqual(DEFAULT_TEMPLATE);
  });

  it("reads a newer version back exactly too: former wording, added tasks and sub-items, a new timing", () => {
    const read = readTemplateSheet(cellValues(describeTemplateSheet(nextTemplate()).cells));
    expect(read).toEqual({ ok: true, template: nextTemplate() });
  });

  it("carries the name and version in its header, and the roles as the headings of the owner columns", () => {
    const values = exported();
    expect(values[TEMPLATE_LAYOUT.name.row - 1][TEMPLATE_LAYOUT.name.column - 1]).toBe("Client Service Plan");
    expect(values[TEMPLATE_LAYOUT.version.row - 1][TEMPLATE_LAYOUT.version.column - 1]).toBe(1);
    const headings = values[TEMPLATE_LAYOUT.headerRow - 1].slice(C.firstRole - 1, C.lastRole);
    expect(headings).toEqual(DEFAULT_TEMPLATE.roles);
    const intro = rowOfId(values, "bind-30.intro-meeting");
    expect(values[intro - 1].slice(C.firstRole - 1, C.lastRole)).toEqual(["x", "x", "", "x", "", "", "x", ""]);
  });

  it("folds each task's sub-items but the last, which is the row Excel puts the +/- beside", () => {
    const sheet = describeTemplateSheet(DEFAULT_TEMPLATE);
    const idAt = (row: number) => {
      const cell = sheet.cells[row - 1][TEMPLATE_COLUMN.id - 1];
      return cell.kind === "text" ? cell.text : "";
    };
    const tasks = DEFAULT_TEMPLATE.phases.flatMap((phase) => phase.tasks);
    const folded = tasks.filter((task) => task.items.length >= 2);
    expect(sheet.rowGroups).toHaveLength(folded.length);
    expect(sheet.outlineSummaryBelow).toBe(true);
    for (const [index, group] of sheet.rowGroups.entries()) {
      const task = folded[index];
      expect(idAt(group.firstRow - 1)).toBe(task.id);
      expect(idAt(summaryRowOf(group))).toBe(task.items.at(-1)!.id);
      expect(group.lastRow - group.firstRow + 1).toBe(task.items.length - 1);
    }
  });

  it("checks typing in Excel too: anchor from a list, offsets whole days within a year, owners marked x", () => {
    const { validations } = describeTemplateSheet(DEFAULT_TEMPLATE);
    const rule = (column: number) =>
      validations.find((v) => v.range.startsWith(cellOf(TEMPLATE_LAYOUT.firstDataRow, column)))?.rule;
    expect(rule(C.anchor)).toEqual({ kind: "list", values: ["bind", "renewal"] });
    expect(rule(C.opens)).toEqual({ kind: "whole", min: -365, max: 365 });
    expect(rule(C.due)).toEqual({ kind: "whole", min: -365, max: 365 });
    expect(rule(C.firstRole)).toEqual({ kind: "list", values: ["x"] });
    // Rows an administrator adds below the table are checked as well.
    const anchorRange = validations.find((v) => v.rule.kind === "list" && v.rule.values.includes("bind"))!.range;
    expect(Number(anchorRange.split(":")[1].replace(/\D/g, ""))).toBeGreaterThan(exported().length + 100);
  });
});

describe("a template edited on its sheet makes the plans", () => {
  const TODAY = calendarDate(2027, 3, 1);

  it("export, rename a role, change an offset, add a task: a new plan follows every edit", () => {
    const template = editedTemplate();
    expect(template.name).toBe("Workers' comp");
    expect(template.roles[2]).toBe("Account Manager");
    const added = template.phases.find((p) => p.id === "bind-90")!.tasks.at(-1)!;
    expect(added).toEqual({
      id: "bind-90.wc-recovery-review",
      text: "Review open WC claims for recovery",
      owners: ["Producer", "Account Manager"],
      items: [],
      seed: "",
    });
    // The renamed role owns what "Associate AE" owned.
    expect(template.phases[0].tasks.find((t) => t.id === "bind-30.draft-plan")!.owners).toEqual([
      "AE",
      "Account Manager",
    ]);

    const checked = checkPlanRequest(
      { client: "Acme", bind: "2027-01-15", team: { "Account Manager": "Lee Park", Producer: "Morgan Reyes" } },
      template.roles,
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const schedule = computeSchedule(template, checked.value);
    const task = (id: string) => schedule.tasks.find((t) => t.id === id)!;
    // 60 Days is now due 75 days after binding (2027-03-31, a Wednesday); 90 Days opens then.
    expect(toIsoDate(task("bind-60.loss-runs").due)).toBe("2027-03-31");
    expect(toIsoDate(task("bind-90.strategy-meeting").opens)).toBe("2027-03-31");
    expect(task("bind-90.wc-recovery-review")).toMatchObject({ owners: ["Producer", "Account Manager"] });
    expect(toIsoDate(task("bind-90.wc-recovery-review").due)).toBe("2027-04-15");

    // The plan sheet's team block lists the template's roles; Assigned to reads the renamed role's row.
    const description = describePlanSheet(template, checked.value, { planId: "p", existingSheetNames: [] });
    const values = cellValues(description.cells);
    expect(values[LAYOUT.team.firstRow + 1][LAYOUT.team.roleColumn - 1]).toBe("Account Manager");
    expect(values[LAYOUT.team.firstRow + 1][LAYOUT.team.nameColumn - 1]).toBe("Lee Park");
    const row = description.rows.find((r) => r.id === "bind-90.wc-recovery-review")!.row;
    const assigned = description.cells[row - 1][COLUMN.assignedTo - 1];
    expect(assigned).toEqual({ kind: "formula", formula: expect.stringContaining("$D$3") });
    expect(assigned.kind === "formula" && assigned.formula).toContain("$D$5");
    expect(values[row - 1][COLUMN.owner - 1]).toBe("Producer / Account Manager");

    // Read back, the plan names its template and version, and its team by the template's roles.
    const plan = readPlanSheet(values, TODAY);
    expect(plan.templateName).toBe("Workers' comp");
    expect(plan.templateVersion).toBe(1);
    expect(plan.roles).toEqual(template.roles);
    expect(plan.team).toEqual({ Producer: "Morgan Reyes", "Account Manager": "Lee Park" });
    // My work knows the people of the template's own roles.
    expect(peopleOnTeams([{ sheetId: "1", sheetName: "Acme", plan }])).toEqual(["Lee Park", "Morgan Reyes"]);
  });

  it("refuses a team that names a role the template does not have", () => {
    const checked = checkPlanRequest(
      { client: "Acme", bind: "2027-01-15", team: { "Associate AE": "Lee Park" } },
      editedTemplate().roles,
    );
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems[0].message).toMatch(
      /Service team role "Associate AE" is unknown: use one of Producer, AE, Account Manager, Claims/,
    );
  });

  it("version 2 of the edited template reads back with its task added, retired, reworded and re-timed", () => {
    const v2 = editedTemplateV2();
    expect(v2.version).toBe(2);
    const ids = v2.phases.flatMap((p) => p.tasks.map((t) => t.id));
    expect(ids).toContain("midterm.wc-audit");
    expect(ids).not.toContain("bind-90.insurance-review");
    const proposal = v2.phases.flatMap((p) => p.tasks).find((t) => t.id === "renewal-60.proposal")!;
    expect(proposal).toMatchObject({ text: "Complete the renewal proposal", formerTexts: ["Complete proposal"] });
    expect(v2.phases.find((p) => p.id === "renewal-120")!.timing.opens).toEqual({
      anchor: "renewal",
      offsetDays: -130,
    });
  });
});

/** A plan made before templates had names reads as the built-in template's. */
describe("plans and their template", () => {
  it("reads a plan sheet without a template name as the built-in template's", () => {
    const checked = checkPlanRequest({ client: "Acme", bind: "2027-01-15" });
    if (!checked.ok) throw new Error("bad request");
    const values = cellValues(
      describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] }).cells,
    );
    values[LAYOUT.templateName.row - 1][LAYOUT.templateName.column - 1] = "";
    const plan = readPlanSheet(values, calendarDate(2027, 3, 1));
    expect(plan.templateName).toBe(DEFAULT_TEMPLATE.name);
    expect(plan.roles).toEqual(DEFAULT_TEMPLATE.roles);
  });
});

type Edit = [at: string | ((values: CellData[][]) => string), value: CellData];

const row = (id: string) => (values: CellData[][]) => rowOfId(values, id);
const at =
  (id: string, column: number) =>
  (values: CellData[][]): string =>
    cellOf(rowOfId(values, id), column);

/** Each check: the edits, then the one problem expected (row as a function of the edited cells), field, message. */
const CHECKS: [
  string,
  Edit[],
  { row: number | ((values: CellData[][]) => number); field: TemplateField; cell?: string; message: RegExp },
][] = [
  [
    "a mark under a role heading that was cleared (an unknown role)",
    [[cellOf(TEMPLATE_LAYOUT.headerRow, C.firstRole + 6), ""]],
    {
      row: row("bind-30.intro-meeting"),
      field: "owners",
      message: /This x is under no role: type the role's name in N10, or clear the mark\./,
    },
  ],
  [
    "a due date before the phase opens",
    [[at("midterm", C.due), 100]],
    {
      row: row("midterm"),
      field: "due",
      message:
        /Due 100 days after binding is before the phase opens \(it opens 120 days after binding\): make Due later, or Opens earlier\./,
    },
  ],
  [
    "a due date before the previous phase is due (an empty Opens)",
    [[at("bind-60", C.due), 20]],
    {
      row: row("bind-60"),
      field: "due",
      message:
        /Due 20 days after binding is before the phase opens \(it opens when "30 Days" \(row 11\) is due, 30 days after binding\)/,
    },
  ],
  [
    "a duplicate id",
    [[at("bind-30.deliverables", C.id), "bind-30.strategy-session"]],
    {
      row: (values) => rowOfId(values, "bind-30.strategy-session") + 2,
      field: "id",
      message: /Id "bind-30.strategy-session" is already on row 14: give each row its own id\./,
    },
  ],
  [
    "a missing id",
    [[at("bind-60.feedback", C.id), ""]],
    {
      row: (values) => rowOfId(values, "bind-60.loss-runs.distribute") + 1,
      field: "id",
      message: /The Id is empty: give the row an id/,
    },
  ],
  [
    "a renewal-timed phase longer than a term allows",
    [[at("renewal-160", C.opens), -400]],
    {
      row: row("renewal-160"),
      field: "opens",
      message: /Opens 400 days before renewal is longer than a one-year term \(365 days\) allows: use -365 to 0\./,
    },
  ],
  [
    "a renewal-timed phase due after renewal",
    [[at("renewal-30", C.due), 10]],
    { row: row("renewal-30"), field: "due", message: /Due 10 is 10 days after renewal, when the term is over/ },
  ],
  [
    "a bind-timed phase before binding",
    [[at("bind-30", C.opens), -5]],
    { row: row("bind-30"), field: "opens", message: /Opens -5 is before the bind date/ },
  ],
  [
    "a task with no text",
    [[at("bind-60.policy-delivery", C.text), "  "]],
    { row: row("bind-60.policy-delivery"), field: "text", message: /The task has no text: type what is to be done\./ },
  ],
  [
    "a sub-item with no text",
    [[at("bind-60.policy-delivery.delays", C.text), ""]],
    { row: row("bind-60.policy-delivery.delays"), field: "text", message: /The sub-item has no text/ },
  ],
  [
    "a bad anchor",
    [[at("bind-90", C.anchor), "binding"]],
    { row: row("bind-90"), field: "anchor", message: /Anchor "binding" is neither bind nor renewal: choose one\./ },
  ],
  [
    "a fractional offset",
    [[at("bind-90", C.due), 90.5]],
    {
      row: row("bind-90"),
      field: "due",
      message: /Due "90.5" is not a whole number of days: type e\.g\. 30 or -120\./,
    },
  ],
  [
    "an offset typed as words",
    [[at("midterm", C.opens), "four months"]],
    { row: row("midterm"), field: "opens", message: /Opens "four months" is not a whole number of days/ },
  ],
  [
    "an empty due",
    [[at("renewal-60", C.due), ""]],
    { row: row("renewal-60"), field: "due", message: /Due is empty: type the days from the anchor, e\.g\. 30\./ },
  ],
  [
    "a missing name",
    [["B3", ""]],
    { row: 3, field: "name", cell: "B3", message: /The template has no name: type one, e\.g\. Workers' comp\./ },
  ],
  [
    "a missing version",
    [["B4", ""]],
    { row: 4, field: "version", cell: "B4", message: /The version is empty: type 1 for a new template\./ },
  ],
  [
    "a version that is no whole number",
    [["B4", "v2"]],
    { row: 4, field: "version", cell: "B4", message: /Version "v2" is not a whole number from 1 up/ },
  ],
  [
    "a task id outside its phase",
    [[at("bind-60.loss-runs", C.id), "bind-90.loss-runs"]],
    {
      row: row("bind-60.loss-runs"),
      field: "id",
      message: /Task id "bind-90.loss-runs" must start with its phase's id "bind-60\." \(the phase row above it\)/,
    },
  ],
  [
    "a task without an owner",
    [[at("midterm.pulse", C.firstRole), ""]],
    {
      row: row("midterm.pulse"),
      field: "owners",
      message: /The task has no owner: type x under the role \(or roles\) that own it\./,
    },
  ],
  [
    "an owner marked with something else than x",
    [[at("midterm.pulse", C.firstRole), "yes"]],
    { row: row("midterm.pulse"), field: "owners", message: /Mark an owner with x \(not "yes"\)/ },
  ],
  [
    "timing typed on a task row",
    [[at("midterm.pulse", C.due), 150]],
    { row: row("midterm.pulse"), field: "due", message: /Timing belongs on the phase row/ },
  ],
  [
    "two roles of one name",
    [[cellOf(TEMPLATE_LAYOUT.headerRow, C.lastRole), "ae"]],
    {
      row: 10,
      field: "roles",
      cell: "O10",
      message: /Role "ae" is already the heading of I10: give each role its own name\./,
    },
  ],
  [
    "two roles of one name, after an empty heading",
    [
      [cellOf(TEMPLATE_LAYOUT.headerRow, C.firstRole), ""],
      [at("midterm.pulse", C.firstRole), ""],
      [at("midterm.pulse", C.firstRole + 1), "x"],
      ...["renewal-160.underwriting", "renewal-160.objectives", "renewal-160.marketing", "renewal-160.strategy"]
        .concat(["renewal-160.begin-renewal", "bind-30.intro-meeting"])
        .map((id): Edit => [at(id, C.firstRole), ""]),
      [cellOf(TEMPLATE_LAYOUT.headerRow, C.lastRole), "Claims"],
    ],
    { row: 10, field: "roles", cell: "O10", message: /Role "Claims" is already the heading of K10/ },
  ],
  [
    "a role with a slash",
    [[cellOf(TEMPLATE_LAYOUT.headerRow, C.lastRole), "WC/Recovery"]],
    { row: 10, field: "roles", cell: "O10", message: /Role "WC\/Recovery" has a "\/"/ },
  ],
  [
    "an id with spaces",
    [[at("midterm.pulse", C.id), "midterm.pulse check"]],
    { row: row("midterm.pulse"), field: "id", message: /Id "midterm.pulse check" may hold only letters, digits/ },
  ],
];

describe("the template checks", () => {
  it.each(CHECKS)("report %s on its row and field, saying what to fix", (_, edits, expected) => {
    const values = exported();
    const rowBefore = typeof expected.row === "function" ? expected.row(values) : expected.row;
    for (const [target, value] of edits)
      typeInto(values, typeof target === "function" ? target(values) : target, value);
    const read = readTemplateSheet(values);
    expect(read.ok).toBe(false);
    const problems: TemplateProblem[] = read.ok ? [] : read.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: rowBefore, field: expected.field });
    if (expected.cell) expect(problems[0].cell).toBe(expected.cell);
    expect(problems[0].message).toMatch(expected.message);
    expect(describeTemplateProblem(problems[0])).toMatch(/^Row \d+, [A-Z][\w ()]+ \([A-Z]+\d+\): /);
  });

  it("refuses a ninth role: an inserted column is a layout problem naming the limit of 8", () => {
    const values = exported();
    for (const line of values) line.splice(C.lastRole, 0, "");
    values[TEMPLATE_LAYOUT.headerRow - 1][C.lastRole] = "Account Manager";
    const read = readTemplateSheet(values);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/a template has at most 8 roles \(a plan's service team has 8 rows\)/),
    ]);
  });

  it("says how to drop a role when a role's column was deleted", () => {
    const values = exported();
    for (const line of values) line.splice(C.lastRole - 1, 1);
    const read = readTemplateSheet(values);
    expect(!read.ok && read.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /a role's column was deleted\. Undo the change \(Ctrl\+Z\); to drop a role, clear its heading/,
      ),
    ]);
  });

  it("lists every problem at once, in row order", () => {
    const values = exported();
    typeInto(values, "B3", "");
    typeInto(values, cellOf(rowOfId(values, "renewal-30"), C.anchor), "later");
    typeInto(values, cellOf(rowOfId(values, "bind-30.draft-plan"), C.text), "");
    const read = readTemplateSheet(values);
    expect(!read.ok && read.problems.map((p) => [p.row, p.field])).toEqual([
      [3, "name"],
      [rowOfId(values, "bind-30.draft-plan"), "text"],
      [rowOfId(values, "renewal-30"), "anchor"],
    ]);
  });

  it("reads a row added below the table, and skips empty rows between", () => {
    const values = exported();
    const last = values.length;
    typeInto(values, cellOf(last + 3, C.id), "renewal-30.thank-you");
    typeInto(values, cellOf(last + 3, C.text), "Thank the client");
    typeInto(values, cellOf(last + 3, C.firstRole), "x");
    const read = readTemplateSheet(values);
    expect(read.ok && read.template.phases.at(-1)!.tasks.at(-1)).toMatchObject({
      id: "renewal-30.thank-you",
      owners: ["Producer"],
    });
  });

  it("reads offsets typed as text, and an inserted empty row changes nothing", () => {
    const values = exported();
    typeInto(values, cellOf(rowOfId(values, "bind-90"), C.due), " 95 ");
    insertRow(values, rowOfId(values, "midterm"));
    const read = readTemplateSheet(values);
    expect(read.ok && read.template.phases.find((p) => p.id === "bind-90")!.timing.due.offsetDays).toBe(95);
  });
});

describe("a plan moved to an agency's template", () => {
  it("keeps the person of a renamed role on that role, and says who leaves with a role the template drops", () => {
    const checked = checkPlanRequest({
      client: "Acme",
      bind: "2027-01-15",
      renewal: "2028-01-15",
      team: { "Associate AE": "Lee Park", "WC Recovery": "Sam Ortiz", AE: "Dana Whitfield" },
    });
    if (!checked.ok) throw new Error("bad request");
    const before = describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "p", existingSheetNames: [] });
    const values = cellValues(before.cells);
    const sheet = { values, formulas: before.cells.map((line) => line.map(formulaOrValue)) };
    const plan = readPlanSheet(values, calendarDate(2027, 3, 1));
    const agency = editedTemplate();
    agency.roles = agency.roles.filter((role) => role !== "WC Recovery");
    const update = planTemplateUpdate(sheet, plan, agency, "Acme");
    expect(update.renamedRoles).toEqual([{ from: "Associate AE", to: "Account Manager" }]);
    expect(update.droppedFromTeam).toEqual([{ role: "WC Recovery", person: "Sam Ortiz" }]);
    const after = cellValues(update.description.cells);
    const rebuilt = readPlanSheet(after, calendarDate(2027, 3, 1));
    expect(rebuilt.templateName).toBe("Workers' comp");
    expect(rebuilt.roles).toEqual(agency.roles);
    expect(rebuilt.team).toEqual({ AE: "Dana Whitfield", "Account Manager": "Lee Park" });
  });
});

function formulaOrValue(cell: CellValue): CellData {
  return cell.kind === "formula"
    ? cell.formula
    : cell.kind === "text"
      ? cell.text
      : cell.kind === "number"
        ? cell.value
        : "";
}
