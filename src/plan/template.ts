import type { Role } from "./roles";

/**
 * What a plan template is: phases with their timing, tasks with their owners and sub-items. The agency's own plan
 * is DEFAULT_TEMPLATE (default-template.ts). Every entry keeps the seed line it came from (`seed`), so the
 * template can be checked line by line against the agency's own text.
 */

/** A date rule: so many days after binding (positive) or before renewal (negative). */
export interface Milestone {
  anchor: "bind" | "renewal";
  /** Days from the anchor: +60 after binding, -120 before renewal. */
  offsetDays: number;
}

export interface PhaseTiming {
  /** When the work may start. `undefined`: when the previous phase timed from the same anchor is due. */
  opens?: Milestone;
  due: Milestone;
}

export interface SubItem {
  id: string;
  text: string;
  seed: string;
}

export interface TemplateTask {
  id: string;
  text: string;
  /**
   * The task's wording in earlier versions of the template: a sheet that still shows one of them takes the new
   * wording on update, while wording a person typed is kept.
   */
  formerTexts?: string[];
  owners: Role[];
  items: SubItem[];
  seed: string;
}

export interface Phase {
  id: string;
  /** Short name shown in the Phase column. */
  title: string;
  /** The seed's heading for the phase, e.g. "Client Service Plan Development". */
  heading: string;
  /** The seed section the phase sits in ("Upon Binding" or "Before Renewal"). */
  section: string;
  timing: PhaseTiming;
  tasks: TemplateTask[];
  seed: string;
}

/** A seed line that is deliberately not a task or sub-item on the sheet, and why. */
export interface SeedRemark {
  seed: string;
  reason: string;
}

export interface Template {
  /** What the agency calls it ("Standard", "Workers' comp"); each plan records it with the version. */
  name: string;
  version: number;
  /**
   * The service team's roles, in the order a plan sheet's team block lists them (at most MAX_ROLES); every
   * task's owners are among them.
   */
  roles: Role[];
  phases: Phase[];
  /** Seed lines that head a section rather than a phase. */
  sectionHeadings: string[];
  remarks: SeedRemark[];
}

/** Every task of a template in sheet order, with its phase. */
export function templateTasks(template: Template): { phase: Phase; task: TemplateTask }[] {
  return template.phases.flatMap((phase) => phase.tasks.map((t) => ({ phase, task: t })));
}

/**
 * The opening milestone of each phase, resolved: a phase without its own opening opens when the previous phase
 * timed from the same anchor is due, and the first such phase opens at the anchor itself.
 */
export function phaseWindow(template: Template, phaseId: string): { opens: Milestone; due: Milestone } {
  const index = template.phases.findIndex((p) => p.id === phaseId);
  if (index < 0) throw new Error(`Unknown phase "${phaseId}"`);
  const phase = template.phases[index];
  if (phase.timing.opens) return { opens: phase.timing.opens, due: phase.timing.due };
  const anchor = phase.timing.due.anchor;
  const previous = template.phases
    .slice(0, index)
    .reverse()
    .find((p) => p.timing.due.anchor === anchor);
  return { opens: previous ? previous.timing.due : { anchor, offsetDays: 0 }, due: phase.timing.due };
}
