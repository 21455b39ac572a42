/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { FakePlanService, samplePlan } from "./fakePlanService";
import { renderPane } from "./renderPane";

function twoPlans() {
  return new FakePlanService([
    samplePlan(),
    samplePlan({
      sheetId: "sheet-beta",
      sheetName: "Beta Logistics",
      client: "Beta Logistics LLC",
      bind: "2027-04-01",
      renewal: "2028-04-01",
      counts: { notStarted: 5, inProgress: 0, done: 3, notApplicable: 0, overdue: 0, dueSoon: 4 },
      tasks: [],
    }),
  ]);
}

test("lists the workbook's plans with dates and counts when no plan sheet is active", async () => {
  renderPane(<App service={twoPlans()} />);
  const list = await screen.findByRole("list", { name: "Plans" });
  const items = within(list).getAllByRole("listitem");
  expect(items).toHaveLength(2);
  expect(screen.getByRole("tab", { name: "Plans" })).toHaveAttribute("aria-selected", "true");

  expect(within(items[0]).getByRole("button", { name: "Acme Manufacturing" })).toBeInTheDocument();
  const dates = within(items[0])
    .getAllByText(/, 20\d\d$/)
    .map((time) => [time.textContent, time.getAttribute("dateTime")]);
  expect(dates).toEqual([
    ["Jan 15, 2027", "2027-01-15"],
    ["Jan 15, 2028", "2028-01-15"],
  ]);
  expect(within(items[0]).getByText("2 overdue")).toBeInTheDocument();
  expect(within(items[0]).getByText("1 due soon")).toBeInTheDocument();
  expect(within(items[0]).getByText("1 done")).toBeInTheDocument();
  expect(within(items[1]).queryByText(/overdue/)).not.toBeInTheDocument();
  expect(within(items[1]).getByText("4 due soon")).toBeInTheDocument();
  expect(within(items[1]).getByText("3 done")).toBeInTheDocument();
});

test("choosing a plan activates its sheet and shows it at a glance", async () => {
  const service = twoPlans();
  const { user } = renderPane(<App service={service} />);
  await user.click(await screen.findByRole("button", { name: "Beta Logistics LLC" }));

  expect(service.callsTo("activatePlan")).toEqual([["sheet-beta"]]);
  const heading = await screen.findByRole("heading", { name: "Beta Logistics LLC at a glance" });
  expect(screen.getByRole("tab", { name: "At a glance" })).toHaveAttribute("aria-selected", "true");
  // The button that was clicked is gone with its section: keyboard focus moves to the new view's heading.
  await waitFor(() => expect(heading).toHaveFocus());

  await user.click(screen.getByRole("tab", { name: "Plans" }));
  expect(screen.getByRole("button", { name: "Beta Logistics LLC" })).toHaveAttribute("aria-current", "true");
  expect(screen.getByRole("button", { name: "Acme Manufacturing" })).not.toHaveAttribute("aria-current");
});

test("a plan that cannot be opened is explained in words", async () => {
  const service = twoPlans();
  service.failures.set("activatePlan", new Error("ItemNotFound"));
  const { user } = renderPane(<App service={service} />);
  await user.click(await screen.findByRole("button", { name: "Acme Manufacturing" }));
  await waitFor(() => expect(screen.getByText(/Could not open the plan for Acme Manufacturing/)).toBeInTheDocument());
  expect(screen.queryByText(/ItemNotFound/)).not.toBeInTheDocument();
  expect(screen.getByRole("tab", { name: "Plans" })).toHaveAttribute("aria-selected", "true");
});

test("an empty workbook opens on the New plan form", async () => {
  renderPane(<App service={new FakePlanService()} />);
  expect(await screen.findByRole("button", { name: "Create plan" })).toBeInTheDocument();
  expect(screen.getByRole("tab", { name: "New plan" })).toHaveAttribute("aria-selected", "true");
});
