import type { PlanDetail, PlanEvent, PlanSummary, WorkbookOverview } from "./types";

/**
 * The pane's view after a burst of workbook events, from what the events carry: each plan-changed event brings
 * the plan as the add-in read it, so the pane need not read the workbook again. Null when it must: sheets were
 * added, removed or switched, a plan could not be read, or a plan the view does not list changed.
 */
export function viewAfterEvents(view: WorkbookOverview | null, events: readonly PlanEvent[]): WorkbookOverview | null {
  let next = view;
  for (const event of events) {
    if (!next || event.kind !== "plan-changed" || !event.detail) return null;
    next = withPlan(next, event.detail);
  }
  return next;
}

function summaryOf(detail: PlanDetail): PlanSummary {
  const { sheetId, sheetName, client, bind, renewal, counts, problems } = detail;
  return { sheetId, sheetName, client, bind, renewal, counts, problems };
}

function withPlan(view: WorkbookOverview, detail: PlanDetail): WorkbookOverview | null {
  const index = view.plans.findIndex((plan) => plan.sheetId === detail.sheetId);
  if (index < 0) return null;
  const plans = view.plans.slice();
  plans[index] = summaryOf(detail);
  return { plans, activeId: view.activeId, detail: view.activeId === detail.sheetId ? detail : view.detail };
}
