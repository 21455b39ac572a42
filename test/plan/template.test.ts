import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Template, phaseWindow, templateTasks } from "../../src/plan/template";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { ROLES } from "../../src/plan/roles";

const SEED = readFileSync(join(__dirname, "..", "fixtures", "client-service-plan.txt"), "utf8");

/** The seed's non-empty lines with the bullet removed, as a person reads them. */
function seedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => (line === "-" ? "-" : line.replace(/^-\s*/, "")));
}

/** Every seed line the template accounts for, with repeats. */
function templateSeedLines(template: Template): string[] {
  return [
    ...template.sectionHeadings,
    ...template.remarks.map((r) => r.seed),
    ...template.phases.flatMap((phase) => [
      phase.seed,
      ...phase.tasks.flatMap((task) => [task.seed, ...task.items.map((item) => item.seed)]),
    ]),
  ];
}

function countLines(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

describe("the default template", () => {
  it("accounts for every non-empty line of the agency's seed, repeats included", () => {
    const expected = countLines(seedLines(SEED));
    const actual = countLines(templateSeedLines(DEFAULT_TEMPLATE));
    const missing = [...expected].filter(([line, n]) => (actual.get(line) ?? 0) < n).map(([line]) => line);
    const invented = [...actual].filter(([line, n]) => (expected.get(line) ?? 0) < n).map(([line]) => line);
    expect(missing).toEqual([]);
    expect(invented).toEqual([]);
    expect(seedLines(SEED)).toHaveLength(74);
  });

  it("fails the coverage check when a seed line is dropped from the template", () => {
    const trimmed: Template = structuredClone(DEFAULT_TEMPLATE);
    trimmed.phases[2].tasks[1].items.pop();
    const expected = countLines(seedLines(SEED));
    const actual = countLines(templateSeedLines(trimmed));
    expect([...expected].some(([line, n]) => (actual.get(line) ?? 0) < n)).toBe(true);
  });

  it("keeps each task's text as written in its seed line, after the owners", () => {
    for (const { task } of templateTasks(DEFAULT_TEMPLATE)) {
      expect(task.seed.endsWith(task.text)).toBe(true);
      for (const item of task.items) expect(item.seed).toBe(item.text);
    }
    expect(templateTasks(DEFAULT_TEMPLATE).some(({ task }) => task.text.includes("SPIN"))).toBe(true);
  });

  it("reads owners the way the seed names them, and gives the AE every task without one", () => {
    const owners = Object.fromEntries(templateTasks(DEFAULT_TEMPLATE).map(({ task }) => [task.id, task.owners]));
    expect(owners["bind-30.service-team"]).toEqual(["AE"]);
    expect(owners["bind-30.draft-plan"]).toEqual(["AE", "Associate AE"]);
    expect(owners["bind-60.loss-runs"]).toEqual(["AE", "Associate AE"]);
    expect(owners["bind-30.intro-meeting"]).toEqual(["Producer", "AE", "Claims", "Loss Control"]);
    expect(owners["midterm.pulse"]).toEqual(["Producer"]);
    expect(owners["renewal-160.underwriting"]).toEqual(["Producer", "AE"]);
    expect(owners["bind-60.policy-delivery"]).toEqual(["AE"]);
    expect(owners["renewal-30.issue"]).toEqual(["AE"]);
    for (const list of Object.values(owners)) {
      expect(list.length).toBeGreaterThan(0);
      for (const role of list) expect(ROLES).toContain(role);
    }
  });

  it("gives every phase, task and sub-item a unique, stable id", () => {
    const ids = [
      ...DEFAULT_TEMPLATE.phases.map((p) => p.id),
      ...templateTasks(DEFAULT_TEMPLATE).flatMap(({ task }) => [task.id, ...task.items.map((i) => i.id)]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9.-]+$/);
    for (const { phase, task } of templateTasks(DEFAULT_TEMPLATE))
      expect(task.id.startsWith(`${phase.id}.`)).toBe(true);
  });

  it("times phases from binding and back from renewal as the seed's headings say", () => {
    const windows = Object.fromEntries(DEFAULT_TEMPLATE.phases.map((p) => [p.id, phaseWindow(DEFAULT_TEMPLATE, p.id)]));
    expect(windows["bind-30"]).toEqual({
      opens: { anchor: "bind", offsetDays: 0 },
      due: { anchor: "bind", offsetDays: 30 },
    });
    expect(windows["bind-60"].opens).toEqual({ anchor: "bind", offsetDays: 30 });
    expect(windows["bind-90"].opens).toEqual({ anchor: "bind", offsetDays: 60 });
    expect(windows["midterm"]).toEqual({
      opens: { anchor: "bind", offsetDays: 120 },
      due: { anchor: "bind", offsetDays: 180 },
    });
    expect(windows["renewal-160"]).toEqual({
      opens: { anchor: "renewal", offsetDays: -160 },
      due: { anchor: "renewal", offsetDays: -120 },
    });
    expect(windows["renewal-120"]).toEqual({
      opens: { anchor: "renewal", offsetDays: -120 },
      due: { anchor: "renewal", offsetDays: -90 },
    });
    expect(windows["renewal-60"]).toEqual({
      opens: { anchor: "renewal", offsetDays: -90 },
      due: { anchor: "renewal", offsetDays: -60 },
    });
    expect(windows["renewal-30"].opens).toEqual({ anchor: "renewal", offsetDays: -60 });
    expect(() => phaseWindow(DEFAULT_TEMPLATE, "nope")).toThrow(/Unknown phase/);
  });
});
