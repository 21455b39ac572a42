import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { HOLIDAYS_SHEET_NAME } from "../../src/plan/agency-holidays";
import type { CellData } from "../../src/plan/read-sheet";
import { address, COLUMN, columnLetter, LAYOUT } from "../../src/plan/sheet-layout";
import { TEMPLATE_COLUMN, TEMPLATE_LAYOUT, templateSheetName } from "../../src/plan/template-sheet";
import type { PlanEvent } from "../../src/service/types";
import { ACME, setUp } from "./harness";
import { workbookState } from "./workbook-state";
import { cellOf, editedTemplateCells, editedTemplateCellsV2, rowOfId } from "../support/templates";

/**
 * The workbook's own templates through the adapter, on the strict fake: the built-in template's sheet added,
 * edited in Excel, read back with its problems, and used to make and update plans.
 */

const TEMPLATE_SHEET = templateSheetName(DEFAULT_TEMPLATE);
const C = TEMPLATE_COLUMN;

/** The template sheet's ids as the fake holds them, to find a row by its id. */
function rowOf(harness: ReturnType<typeof setUp>, id: string): number {
  return rowOfId(harness.fake.getValues(TEMPLATE_SHEET, `A1:${columnLetter(C.source)}300`) as CellData[][], id);
}

/** Writes a whole template sheet's values over the sheet, as a person pasting an edited template would. */
function putTemplate(harness: ReturnType<typeof setUp>, values: CellData[][]): void {
  const width = C.source;
  const height = Math.max(values.length, 300);
  const grid = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => values[r]?.[c] ?? ""));
  harness.fake.setValues(TEMPLATE_SHEET, "A1", grid);
}

const ACCOUNT = {
  client: "Birch Logistics",
  bind: "2027-01-15",
  team: { Producer: "Morgan Reyes", AE: "Dana Whitfield", "Account Manager": "Priya Shah" },
};

describe("the workbook's templates", () => {
  it("are the built-in template while the workbook has no template sheet", async () => {
    const harness = setUp();
    expect(await harness.service.templates()).toEqual({
      templates: [
        {
          name: DEFAULT_TEMPLATE.name,
          sheetName: null,
          version: DEFAULT_TEMPLATE.version,
          roles: [...DEFAULT_TEMPLATE.roles],
          problems: [],
        },
      ],
      holidays: [],
      holidaysSheet: null,
    });
  });

  it("are read from the template sheet the add-in writes, with an agency holidays sheet beside it", async () => {
    const harness = setUp();
    expect(await harness.service.addTemplateSheet()).toEqual({ sheetName: TEMPLATE_SHEET });
    expect(harness.fake.sheetNames()).toEqual(["Sheet1", TEMPLATE_SHEET, HOLIDAYS_SHEET_NAME]);
    expect(harness.fake.getValue(TEMPLATE_SHEET, cellOf(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column))).toBe(
      DEFAULT_TEMPLATE.name,
    );
    const view = await harness.service.templates();
    expect(view.templates).toEqual([
      {
        name: DEFAULT_TEMPLATE.name,
        sheetName: TEMPLATE_SHEET,
        version: DEFAULT_TEMPLATE.version,
        roles: [...DEFAULT_TEMPLATE.roles],
        problems: [],
      },
    ]);
    expect(view.holidaysSheet).toEqual({ sheetName: HOLIDAYS_SHEET_NAME, problems: [] });

    // A second one adds a template sheet only: the agency's holidays are kept where they are.
    expect((await harness.service.addTemplateSheet()).sheetName).toBe(
      templateSheetName(DEFAULT_TEMPLATE, [TEMPLATE_SHEET]),
    );
    expect(harness.fake.sheetNames().filter((name) => name.startsWith(HOLIDAYS_SHEET_NAME))).toEqual([
      HOLIDAYS_SHEET_NAME,
    ]);
  });

  it("show what a person typed on the sheet: a role renamed, a task added, an offset changed, a bad offset", async () => {
    const harness = setUp();
    await harness.service.addTemplateSheet();
    await harness.fake.editCell(
      TEMPLATE_SHEET,
      cellOf(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column),
      "Workers' comp",
    );
    await harness.fake.editCell(TEMPLATE_SHEET, cellOf(TEMPLATE_LAYOUT.headerRow, C.firstRole + 2), "Account Manager");
    await harness.fake.editCell(TEMPLATE_SHEET, cellOf(rowOf(harness, "bind-60"), C.due), 75);
    const below = rowOf(harness, "renewal-30.finalize-plan") + 1;
    await harness.fake.paste(TEMPLATE_SHEET, cellOf(below, C.id), [
      ["renewal-30.wc-recovery", "", "Review WC recovery"],
    ]);
    await harness.fake.editCell(TEMPLATE_SHEET, cellOf(below, C.firstRole + 2), "x");

    const edited = (await harness.service.templates()).templates[0];
    expect(edited).toMatchObject({ name: "Workers' comp", problems: [] });
    expect(edited.roles).toContain("Account Manager");
    expect(edited.roles).not.toContain("Associate AE");

    const bad = rowOf(harness, "bind-90");
    await harness.fake.paste(TEMPLATE_SHEET, cellOf(bad, C.due), [["soon"]]);
    const broken = (await harness.service.templates()).templates[0];
    expect(broken).toMatchObject({ name: TEMPLATE_SHEET, version: null, roles: [] });
    expect(broken.problems).toEqual([expect.objectContaining({ row: bad, field: "due", cell: cellOf(bad, C.due) })]);
    // A template with problems makes no plan: the form is told what to fix and where.
    const refused = await harness.service.createPlan(ACCOUNT, TEMPLATE_SHEET);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems[0]).toMatchObject({ field: "template" });
      expect(refused.problems[1].message).toContain(`row ${bad}`);
    }
    expect(harness.fake.sheetNames()).toEqual(["Sheet1", TEMPLATE_SHEET, HOLIDAYS_SHEET_NAME]);
  });

  it("make a plan from the chosen template, which records its name and version and follows its roles", async () => {
    const harness = setUp();
    await harness.service.addTemplateSheet();
    putTemplate(harness, editedTemplateCells());
    // The team is the template's: a role it renamed is no longer one.
    const wrongTeam = await harness.service.createPlan(
      { ...ACCOUNT, team: { "Associate AE": "Priya Shah" } },
      "Workers' comp",
    );
    expect(wrongTeam.ok).toBe(false);
    const created = await harness.service.createPlan(ACCOUNT, "workers' comp");
    if (!created.ok) throw new Error(created.problems.map((p) => p.message).join("\n"));
    const detail = await harness.service.readPlan(created.plan.sheetId);
    expect(detail).toMatchObject({ templateName: "Workers' comp", templateVersion: 1, latestTemplateVersion: 1 });
    expect(detail.team).toEqual(ACCOUNT.team);
    expect(detail.tasks.map((t) => t.taskId)).toContain("bind-90.wc-recovery-review");
    const sixty = detail.tasks.find((t) => t.taskId === "bind-60.policy-delivery");
    expect(sixty?.due).toBe("2027-03-31"); // 75 days after binding, the edited offset (a Wednesday)
  });

  it("repair a plan's date formulas by the timing of its own template", async () => {
    const harness = setUp();
    await harness.service.addTemplateSheet();
    putTemplate(harness, editedTemplateCells());
    const created = await harness.service.createPlan(ACCOUNT, "Workers' comp");
    if (!created.ok) throw new Error("not created");
    const sheet = created.plan.sheetName;
    const ids = harness.fake.getValues(sheet, `${columnLetter(COLUMN.id)}1:${columnLetter(COLUMN.id)}150`);
    const due = address(ids.findIndex((line) => line[0] === "bind-60.policy-delivery") + 1, COLUMN.due);
    await harness.fake.editCell(sheet, due, 46500);
    const preview = await harness.service.previewRepair(created.plan.sheetId);
    expect(preview.cells.map((cell) => cell.address)).toEqual([due]);
    await harness.service.applyRepair(created.plan.sheetId);
    const task = (await harness.service.readPlan(created.plan.sheetId)).tasks.find(
      (t) => t.taskId === "bind-60.policy-delivery",
    );
    expect(task?.due).toBe("2027-03-31"); // the template's 75 days, not the built-in 60
  });

  it("update a plan from version 1 to 2 of its own template, keeping what people typed", async () => {
    const harness = setUp();
    await harness.service.addTemplateSheet();
    putTemplate(harness, editedTemplateCells());
    const created = await harness.service.createPlan(ACCOUNT, "Workers' comp");
    if (!created.ok) throw new Error("not created");
    const sheet = created.plan.sheetName;
    const ids = () => harness.fake.getValues(sheet, `${columnLetter(COLUMN.id)}1:${columnLetter(COLUMN.id)}150`);
    const planRow = (id: string) => ids().findIndex((line) => line[0] === id) + 1;
    const notes = (id: string) => address(planRow(id), COLUMN.notes);
    await harness.fake.editCell(sheet, notes("bind-90.wc-recovery-review"), "two claims open");
    await harness.fake.editCell(sheet, address(planRow("renewal-60.proposal"), COLUMN.status), "In progress");

    putTemplate(harness, editedTemplateCellsV2());
    const overview = await harness.service.overview(created.plan.sheetId);
    expect(overview.detail).toMatchObject({ templateVersion: 1, latestTemplateVersion: 2 });
    const preview = await harness.service.previewUpdate(created.plan.sheetId, { upgradeTemplate: true });
    expect(preview.changes[0]).toBe("Template version 1 → 2: the table follows the template's order.");
    expect(preview.addedTasks).toEqual(["Payroll audit check"]);
    await harness.service.applyUpdate(created.plan.sheetId, { upgradeTemplate: true });

    const after = await harness.service.readPlan(created.plan.sheetId);
    expect(after).toMatchObject({ templateName: "Workers' comp", templateVersion: 2, latestTemplateVersion: 2 });
    expect(after.team).toEqual(ACCOUNT.team);
    expect(harness.fake.getValue(sheet, notes("bind-90.wc-recovery-review"))).toBe("two claims open");
    const proposal = after.tasks.find((t) => t.taskId === "renewal-60.proposal");
    expect(proposal).toMatchObject({ task: "Complete the renewal proposal", status: "In progress" });
  });

  it("leave the workbook as it was when adding the template sheet fails at any write", async () => {
    const small = structuredClone(DEFAULT_TEMPLATE);
    small.phases = small.phases.slice(0, 1).map((phase) => ({ ...phase, tasks: phase.tasks.slice(0, 1) }));
    const fresh = () => setUp({}, { template: small });
    const clean = fresh();
    const untouched = workbookState(clean.fake);
    const before = clean.fake.writeCount;
    await clean.service.addTemplateSheet();
    const landed = workbookState(clean.fake);
    const steps = clean.fake.writeCount - before;
    expect(steps).toBeGreaterThan(2);
    let taken = 0;
    for (let step = 1; step <= steps; step++) {
      const harness = fresh();
      harness.fake.failNthWrite(step);
      const error = await harness.service.addTemplateSheet().then(
        () => null,
        (failure: Error) => failure,
      );
      harness.fake.clearFaults();
      const at = `failing write ${step} of ${steps}`;
      expect([at, harness.fake.eventsEnabled]).toEqual([at, true]);
      if (error) {
        taken += 1;
        expect([at, error.message]).toEqual([at, expect.stringMatching(/Nothing was added to the workbook\.$/)]);
        expect([at, workbookState(harness.fake)]).toEqual([at, untouched]);
      } else {
        // Only moving to the new sheet came after the sheets were in place: they stay, whole.
        expect([at, workbookState(harness.fake)]).toEqual([at, landed]);
      }
    }
    expect(taken).toBe(steps - 1);
  });
});

describe("watching a template sheet", () => {
  it("reports a person's edit with the template's problems, and a plan edit costs nothing more", async () => {
    const harness = setUp();
    await harness.service.addTemplateSheet();
    const plan = await harness.service.createPlan(ACME);
    if (!plan.ok) throw new Error("not created");
    await harness.fake.settle(); // the new sheets' own events
    const events: PlanEvent[] = [];
    const stop = await harness.service.watch((event) => events.push(event));
    const bad = rowOf(harness, "bind-90");
    await harness.fake.paste(TEMPLATE_SHEET, cellOf(bad, C.due), [["soon"]]);
    await harness.fake.settle();
    await harness.fake.editCell(HOLIDAYS_SHEET_NAME, "A5", "next Friday");
    await harness.fake.settle();
    // An edit on a plan is followed as before, with no word about templates.
    await harness.fake.editCell(plan.plan.sheetName, address(LAYOUT.firstDataRow + 1, COLUMN.notes), "called");
    await harness.fake.settle();
    await stop();
    expect(events.filter((event) => event.kind === "plan-changed")).toHaveLength(1);
    events.splice(
      events.findIndex((event) => event.kind === "plan-changed"),
      1,
    );
    expect(events).toEqual([
      {
        kind: "templates-changed",
        sheetName: TEMPLATE_SHEET,
        problems: [expect.objectContaining({ row: bad, field: "due", cell: cellOf(bad, C.due) })],
      },
      {
        kind: "templates-changed",
        sheetName: HOLIDAYS_SHEET_NAME,
        problems: [expect.objectContaining({ row: 5, field: "holidays", cell: "A5" })],
      },
    ]);
  });
});
