import { type CalendarDate, compareDates, onOrBeforeWorkday, plusDays, toIsoDate } from "./dates";
import type { Role } from "./roles";
import { type Milestone, type Template, type SubItem, phaseWindow } from "./template";

/**
 * The schedule engine: when each task of a plan opens and is due, from the bind and renewal dates.
 *
 * One rule for every milestone date (the sheet's formulas state the same rule, see `sheet-formulas.ts`):
 *   1. anchor date plus the offset (bind + 60, renewal - 120),
 *   2. moved back to the nearest working day on or before it (weekends and holidays), so a deadline never slips later,
 *   3. kept within the term: never before the bind date, never after the renewal date.
 * A milestone that step 3 has to move is reported as a warning.
 */

export interface ScheduleDates {
  bind: CalendarDate;
  renewal: CalendarDate;
  holidays?: readonly CalendarDate[];
}

export interface ScheduledTask {
  id: string;
  phaseId: string;
  phase: string;
  task: string;
  owners: Role[];
  items: SubItem[];
  opens: CalendarDate;
  due: CalendarDate;
}

export interface Schedule {
  bind: CalendarDate;
  renewal: CalendarDate;
  tasks: ScheduledTask[];
  warnings: string[];
}

interface MilestoneDate {
  date: CalendarDate;
  /** The unadjusted date, when it fell outside the term and was moved to its edge. */
  outsideTerm?: CalendarDate;
}

export function milestoneDate(
  milestone: Milestone,
  dates: ScheduleDates,
  holidays: ReadonlySet<string>,
): MilestoneDate {
  const anchor = milestone.anchor === "bind" ? dates.bind : dates.renewal;
  const raw = plusDays(anchor, milestone.offsetDays);
  const workday = onOrBeforeWorkday(raw, holidays);
  if (compareDates(workday, dates.bind) < 0) {
    return compareDates(raw, dates.bind) < 0 ? { date: dates.bind, outsideTerm: raw } : { date: dates.bind };
  }
  if (compareDates(workday, dates.renewal) > 0) return { date: dates.renewal, outsideTerm: raw };
  return { date: workday };
}

export function describeMilestone(milestone: Milestone): string {
  const days = Math.abs(milestone.offsetDays);
  return milestone.anchor === "bind" ? `bind + ${days} days` : `renewal - ${days} days`;
}

export function computeSchedule(template: Template, dates: ScheduleDates): Schedule {
  const holidays = new Set((dates.holidays ?? []).map(toIsoDate));
  const tasks: ScheduledTask[] = [];
  const warnings: string[] = [];
  for (const phase of template.phases) {
    const window = phaseWindow(template, phase.id);
    const opens = milestoneDate(window.opens, dates, holidays);
    const due = milestoneDate(window.due, dates, holidays);
    for (const [which, milestone, result] of [
      ["opens", window.opens, opens],
      ["is due", window.due, due],
    ] as const) {
      if (result.outsideTerm) {
        const edge = compareDates(result.outsideTerm, dates.bind) < 0 ? "bind" : "renewal";
        warnings.push(
          `${phase.title} ${which} ${describeMilestone(milestone)} = ${toIsoDate(result.outsideTerm)}, ` +
            `${edge === "bind" ? "before the bind date" : "after the renewal date"}; ` +
            `using the ${edge} date ${toIsoDate(result.date)} instead (short term).`,
        );
      }
    }
    for (const t of phase.tasks) {
      tasks.push({
        id: t.id,
        phaseId: phase.id,
        phase: phase.title,
        task: t.text,
        owners: t.owners,
        items: t.items,
        opens: opens.date,
        due: due.date,
      });
    }
  }
  return { bind: dates.bind, renewal: dates.renewal, tasks, warnings };
}
