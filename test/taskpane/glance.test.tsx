/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import { App, REFRESH_DEBOUNCE_MS } from "../../src/taskpane/App";
import type { PlanDetail } from "../../src/service/types";
import { FakePlanService, samplePlan } from "./fakePlanService";
import { renderPane } from "./renderPane";

function activeAcme() {
  const service = new FakePlanService([samplePlan()]);
  service.activeId = "sheet-acme";
  return service;
}

async function openGlance(service = activeAcme()) {
  const view = renderPane(<App service={service} />);
  await screen.findByRole("heading", { name: "Acme Manufacturing at a glance" });
  return { service, ...view };
}

function taskList(heading: RegExp) {
  return screen.getByRole("list", { name: heading });
}

test("shows what is overdue, what is due soon and each phase's progress", async () => {
  await openGlance();
  expect(screen.getByRole("tab", { name: "At a glance" })).toHaveAttribute("aria-selected", "true");

  const overdue = within(taskList(/^Overdue/)).getAllByRole("listitem");
  expect(overdue.map((item) => within(item).getAllByRole("button")[0].textContent)).toEqual([
    "Send the binder and invoice to the client",
    "Deliver policies",
  ]);
  expect(within(overdue[0]).getByText(spanReading("Overdue Feb 1, 2027"))).toBeInTheDocument();

  const dueSoon = within(taskList(/^Due in the next 14 days/)).getAllByRole("listitem");
  expect(dueSoon).toHaveLength(1);
  expect(within(dueSoon[0]).getByRole("button", { name: "Stewardship meeting" })).toBeInTheDocument();
  expect(within(dueSoon[0]).getByText(spanReading("Due Mar 10, 2027"))).toBeInTheDocument();
  // Done tasks are neither late nor coming up.
  expect(screen.queryByRole("button", { name: "Claims review" })).not.toBeInTheDocument();

  const bars = screen.getAllByRole("progressbar");
  expect(bars).toHaveLength(2);
  expect(bars[0]).toHaveAttribute("aria-valuenow", "1");
  expect(bars[0]).toHaveAttribute("aria-valuemax", "3");
  expect(screen.getByText("1 of 3 tasks closed")).toBeInTheDocument();
  expect(screen.getByText("0 of 4 tasks closed")).toBeInTheDocument();
});

test("choosing a task selects it on the sheet", async () => {
  const { service, user } = await openGlance();
  await user.click(screen.getByRole("button", { name: "Deliver policies" }));
  await waitFor(() => expect(service.callsTo("selectTask")).toEqual([["sheet-acme", "t2"]]));
});

test("changing a task's status writes it and re-reads the plan", async () => {
  const { service, user } = await openGlance();
  const status = screen.getByRole("combobox", { name: "Status of Deliver policies" });
  expect(status).toHaveValue("In progress");
  const readsBefore = service.callsTo("overview").length;

  await user.selectOptions(status, "Done");
  await waitFor(() => expect(service.callsTo("setTaskStatus")).toEqual([["sheet-acme", "t2", "Done"]]));
  await waitFor(() => expect(service.callsTo("overview").length).toBeGreaterThan(readsBefore));

  service.failures.set("setTaskStatus", new Error("InvalidArgument"));
  await user.selectOptions(screen.getByRole("combobox", { name: "Status of Stewardship meeting" }), "N/A");
  expect(await screen.findByText(/Could not set the status of “Stewardship meeting”/)).toBeInTheDocument();
});

test("says where Plan history went when its table had to be started anew", async () => {
  const { service, user } = await openGlance();
  service.historyNote = 'The Plan history table was missing, so a new one was started on the sheet "Plan history (2)".';
  await user.selectOptions(screen.getByRole("combobox", { name: "Status of Deliver policies" }), "Done");
  expect(await screen.findByText(/started on the sheet "Plan history \(2\)"/)).toBeInTheDocument();

  const later = 'The Plan history table was missing, so a new one was started on the sheet "Plan history (3)".';
  act(() =>
    service.emit({ kind: "plan-changed", sheetId: "sheet-acme", source: "Local", problems: [], historyNote: later }),
  );
  expect(await screen.findByText(/"Plan history \(3\)"/)).toBeInTheDocument();
});

test("a plan-changed event re-reads the plan and shows the moved dates", async () => {
  const { service } = await openGlance();
  expect(service.listeners.size).toBe(1);
  const plan = service.plans.get("sheet-acme")!;
  plan.tasks[0].due = "2027-02-08";
  plan.tasks[2] = { ...plan.tasks[2], due: "2027-03-12" };
  plan.problems = [
    { field: "bind", message: 'Bind date "soon" is not a date: write it as YYYY-MM-DD, e.g. 2027-01-15.' },
  ];

  act(() => service.emit({ kind: "plan-changed", sheetId: "sheet-acme", source: "Remote", problems: plan.problems }));
  // The re-read is debounced and then rendered: on a loaded 2-core machine that can take longer than
  // findByText's default second, so wait for it up to five (what appears is asserted as before).
  expect(await screen.findByText(spanReading("Overdue Feb 8, 2027"), undefined, { timeout: 5000 })).toBeInTheDocument();
  expect(screen.getByText(spanReading("Due Mar 12, 2027"))).toBeInTheDocument();
  expect(screen.getByText(/Bind date "soon" is not a date/)).toBeInTheDocument();
});

/** Waits long enough for any debounced re-read to have started (and a second one to have shown). */
async function quietPeriod() {
  await act(() => new Promise((resolve) => setTimeout(resolve, REFRESH_DEBOUNCE_MS * 4)));
}

test("bursts of events are read once, and watching stops on unmount", async () => {
  const { service, unmount } = await openGlance();
  const readsBefore = service.callsTo("overview").length;
  act(() => {
    for (let i = 0; i < 5; i++) service.emit({ kind: "plans-changed" });
  });
  await waitFor(() => expect(service.callsTo("overview").length).toBe(readsBefore + 1));
  // Not a first read of several: after the burst has long settled there is still exactly one.
  await quietPeriod();
  expect(service.callsTo("overview").length).toBe(readsBefore + 1);
  unmount();
  await waitFor(() => expect(service.stopped).toBe(1));
  expect(service.listeners.size).toBe(0);
});

test("an edit's event that carries the plan is shown without reading the workbook again", async () => {
  const { service } = await openGlance();
  const readsBefore = service.callsTo("overview").length;
  const edited: PlanDetail = JSON.parse(JSON.stringify(service.plans.get("sheet-acme")));
  edited.tasks[0].due = "2027-02-08";
  edited.tasks[1] = { ...edited.tasks[1], status: "Done", state: "done" };
  edited.counts = { ...edited.counts, overdue: 1, done: 2, inProgress: 0 };

  act(() =>
    service.emit({ kind: "plan-changed", sheetId: "sheet-acme", source: "Local", problems: [], detail: edited }),
  );
  expect(await screen.findByText(spanReading("Overdue Feb 8, 2027"))).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Deliver policies" })).not.toBeInTheDocument();
  await quietPeriod();
  expect(service.callsTo("overview").length).toBe(readsBefore);
});

test("switching to a sheet that is not a plan says so", async () => {
  const { service } = await openGlance();
  service.activeId = null;
  act(() => service.emit({ kind: "plans-changed" }));
  expect(await screen.findByText(/The sheet you are on is not a service plan/)).toBeInTheDocument();
});

/** Finds the <span> whose whole text reads `text`, even when the date inside it is its own <time> element. */
function spanReading(text: string) {
  return (_content: string, element: Element | null) => element?.tagName === "SPAN" && element.textContent === text;
}

test("while a cell is being edited, says to finish it, then reads the plans once watching starts", async () => {
  const { service } = await openGlance();
  act(() => service.emit({ kind: "watch-waiting", reason: "cell-edit" }));
  expect(await screen.findByText("Finish editing the cell")).toBeInTheDocument();
  expect(screen.getByText(/Press Enter or Esc in the sheet/)).toBeInTheDocument();
  const readsBefore = service.callsTo("overview").length;
  act(() => service.emit({ kind: "watch-started" }));
  await waitFor(() => expect(screen.queryByText("Finish editing the cell")).not.toBeInTheDocument());
  await waitFor(() => expect(service.callsTo("overview").length).toBe(readsBefore + 1));
});
