/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import type { PlanDetail } from "../../src/service/types";
import { FakePlanService, samplePlan, task } from "./fakePlanService";
import { renderPane } from "./renderPane";

const DANA = "Dana Lee";
const SAM = "Sam Ortiz";

/** A task of `owners` assigned to `assignedTo`, due `due`, Not started unless `more` says otherwise. */
function work(taskId: string, name: string, owners: string, assignedTo: string, due: string, more = {}) {
  return task({ taskId, task: name, owners, assignedTo, due, ...more });
}

// Three plans, two people; the fake's day is 2027-03-01, so the next 14 days run to Mar 15 and the 30 to Mar 31.
function plans(): PlanDetail[] {
  const acme = { sheetId: "sheet-acme", sheetName: "Acme 2027", client: "Acme Manufacturing" };
  const birch = { sheetId: "sheet-birch", sheetName: "Birch Dental", client: "Birch Dental Group" };
  const cedar = { sheetId: "sheet-cedar", sheetName: "Cedar Logistics", client: "Cedar Logistics" };
  return [
    samplePlan({
      ...acme,
      team: { AE: DANA, "Associate AE": SAM },
      tasks: [
        work("1.1", "Send the binder", "AE", DANA, "2027-02-01"),
        work("1.2", "Deliver policies", "Associate AE", SAM, "2027-02-20", { status: "In progress" }),
        work("1.3", "Claims review", "AE", DANA, "2027-02-10", { status: "Done", state: "done" }),
      ],
    }),
    samplePlan({
      ...birch,
      team: { AE: SAM, "Associate AE": DANA },
      tasks: [
        work("2.1", "Confirm delivery", "AE", SAM, "2027-03-05"),
        work("2.2", "Schedule the stewardship meeting", "Associate AE", DANA, "2027-03-05"),
      ],
    }),
    samplePlan({
      ...cedar,
      team: { AE: DANA, "Associate AE": SAM },
      tasks: [
        work("3.1", "Loss runs", "AE", DANA, "2027-03-05"),
        work("3.2", "Marketing plan", "Producer/AE", DANA, "2027-03-20", { status: "In progress" }),
        // A row a person added: no id.
        work("", "Call the broker", "", DANA, "2027-03-10"),
        work("3.3", "Renewal review", "AE", DANA, "2027-05-01"),
      ],
    }),
  ];
}

beforeEach(() => window.localStorage.clear());

// My work is a lazily loaded view, read after a debounce or a write: on a loaded 2-core machine that can take longer
// than the testing library's default second, so waits allow five.
const PATIENT = { timeout: 5000 };

async function openMyWork(service = new FakePlanService(plans())) {
  const view = renderPane(<App service={service} initialSection="mywork" />);
  await screen.findByRole("heading", { name: "My work" }, PATIENT);
  await screen.findByRole("status", undefined, PATIENT);
  return { service, ...view };
}

function whoseWork() {
  return screen.getByRole("combobox", { name: "Whose work" });
}

/** A section's list as text: each date's heading and, under it, "client: task" for each line. */
function listed(section: RegExp): [string, string[]][] {
  const list = screen.queryByRole("list", { name: section });
  if (!list) return [];
  return within(list)
    .getAllByRole("heading", { level: 4 })
    .map((date) => {
      const tasks = within(date.nextElementSibling as HTMLElement).getAllByRole("listitem");
      // A line: the client, then the task's name.
      return [
        date.textContent ?? "",
        tasks.map((item) => `${item.children[0].textContent}: ${item.children[1].textContent}`),
      ];
    });
}

async function choose(user: ReturnType<typeof renderPane>["user"], service: FakePlanService, whose: string) {
  const reads = service.callsTo("myWork").length;
  await user.selectOptions(whoseWork(), whose);
  await waitFor(() => expect(service.callsTo("myWork").length).toBeGreaterThan(reads), PATIENT);
  await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(`${whose}: `), PATIENT);
}

test("lists a person's open work across the plans: overdue, the next 14 days, then 15 to 30, by date", async () => {
  const { service, user } = await openMyWork();
  expect(screen.getByRole("tab", { name: "My work" })).toHaveAttribute("aria-selected", "true");
  // Nothing chosen before: everyone's work, and the people of every plan's team to choose from.
  expect(service.callsTo("myWork")[0]).toEqual([{}]);
  const options = within(whoseWork())
    .getAllByRole("option")
    .map((option) => option.textContent);
  expect(options.slice(0, 3)).toEqual(["Everyone", "Dana Lee", "Sam Ortiz"]);
  expect(options).toContain("Associate AE (role)");

  await choose(user, service, "Dana Lee");
  expect(service.callsTo("myWork").at(-1)).toEqual([{ person: "Dana Lee" }]);
  expect(screen.getByRole("status")).toHaveTextContent("Dana Lee: 5 open tasks, 1 overdue, 3 due in the next 14 days.");
  expect(screen.getByRole("heading", { level: 3, name: "Overdue (1)" })).toBeInTheDocument();
  expect(listed(/^Overdue/)).toEqual([["Was due Feb 1, 2027 · 28 days late", ["Acme Manufacturing: Send the binder"]]]);
  // Two plans' tasks on one date, by client; a row a person added stands with them.
  expect(listed(/^Due in the next 14 days/)).toEqual([
    [
      "Due Mar 5, 2027 · in 4 days",
      ["Birch Dental Group: Schedule the stewardship meeting", "Cedar Logistics: Loss runs"],
    ],
    ["Due Mar 10, 2027 · in 9 days", ["Cedar Logistics: Call the broker"]],
  ]);
  expect(listed(/^Due in 15 to 30 days/)).toEqual([
    ["Due Mar 20, 2027 · in 19 days", ["Cedar Logistics: Marketing plan"]],
  ]);
  // Done, and due after 30 days, are not listed; nor is Sam's work.
  for (const absent of ["Claims review", "Renewal review", "Deliver policies", "Confirm delivery"]) {
    expect(screen.queryByText(absent)).not.toBeInTheDocument();
  }
  const line = screen.getByRole("button", { name: "Marketing plan" }).closest("li")!;
  expect(line).toHaveTextContent("Upon binding · Producer/AE: Dana Lee");
  expect(within(line).getByRole("combobox", { name: "Status of Marketing plan, Cedar Logistics" })).toHaveValue(
    "In progress",
  );
});

test("lists a role's work, whoever is assigned", async () => {
  const { service, user } = await openMyWork();
  await choose(user, service, "Associate AE (role)");
  expect(service.callsTo("myWork").at(-1)).toEqual([{ role: "Associate AE" }]);
  expect(listed(/^Overdue/)).toEqual([
    ["Was due Feb 20, 2027 · 9 days late", ["Acme Manufacturing: Deliver policies"]],
  ]);
  expect(listed(/^Due in the next 14 days/)).toEqual([
    ["Due Mar 5, 2027 · in 4 days", ["Birch Dental Group: Schedule the stewardship meeting"]],
  ]);
  expect(listed(/^Due in 15 to 30 days/)).toEqual([]);
  expect(screen.getByText("Nothing is due in 15 to 30 days.")).toBeInTheDocument();
});

test("says so in words when nothing is due", async () => {
  const service = new FakePlanService(plans());
  service.today = "2026-01-01";
  await openMyWork(service);
  expect(screen.getByRole("status")).toHaveTextContent("Everyone: nothing open is due in the next 30 days.");
  expect(screen.getByText("Nothing is overdue.")).toBeInTheDocument();
  expect(screen.getByText("Nothing is due in the next 14 days.")).toBeInTheDocument();
  expect(screen.getByText("Nothing is due in 15 to 30 days.")).toBeInTheDocument();
});

test("choosing a line selects the task on its sheet; a row a person added opens its sheet instead", async () => {
  const { service, user } = await openMyWork();
  await user.click(screen.getByRole("button", { name: "Loss runs" }));
  await waitFor(() => expect(service.callsTo("selectTask")).toEqual([["sheet-cedar", "3.1"]]));
  // From the keyboard too.
  screen.getByRole("button", { name: "Marketing plan" }).focus();
  await user.keyboard("{Enter}");
  await waitFor(() => expect(service.callsTo("selectTask").at(-1)).toEqual(["sheet-cedar", "3.2"]));

  const added = screen.getByText("Call the broker").closest("li")!;
  expect(within(added).queryByRole("combobox")).not.toBeInTheDocument();
  expect(added).toHaveTextContent("Not started · added on the sheet (row 15): change it there.");
  await user.click(within(added).getByRole("button", { name: "Open “Cedar Logistics”" }));
  await waitFor(() => expect(service.callsTo("activatePlan")).toEqual([["sheet-cedar"]]));
  expect(service.callsTo("selectTask")).toHaveLength(2);
});

test("a status changed on a line is written, and the list follows", async () => {
  const { service, user } = await openMyWork();
  const overviews = service.callsTo("overview").length;
  await user.selectOptions(
    screen.getByRole("combobox", { name: "Status of Send the binder, Acme Manufacturing" }),
    "Done",
  );
  await waitFor(() => expect(service.callsTo("setTaskStatus")).toEqual([["sheet-acme", "1.1", "Done"]]));
  await waitFor(() => expect(screen.queryByText("Send the binder")).not.toBeInTheDocument(), PATIENT);
  expect(listed(/^Overdue/)).toEqual([
    ["Was due Feb 20, 2027 · 9 days late", ["Acme Manufacturing: Deliver policies"]],
  ]);
  // The plan's own view is read again too, for At a glance.
  expect(service.callsTo("overview").length).toBeGreaterThan(overviews);

  service.failures.set("setTaskStatus", new Error("InvalidArgument"));
  await user.selectOptions(screen.getByRole("combobox", { name: "Status of Loss runs, Cedar Logistics" }), "N/A");
  expect(await screen.findByText(/Could not set the status of “Loss runs”/, undefined, PATIENT)).toBeInTheDocument();
});

test("opens on the choice made last, and on everyone's work where storage cannot be read", async () => {
  const first = await openMyWork();
  await choose(first.user, first.service, "Sam Ortiz");
  first.unmount();

  const service = new FakePlanService(plans());
  const again = await openMyWork(service);
  expect(service.callsTo("myWork")).toEqual([[{ person: "Sam Ortiz" }]]);
  expect(whoseWork()).toHaveValue("person:Sam Ortiz");
  expect(listed(/^Due in the next 14 days/)).toEqual([
    ["Due Mar 5, 2027 · in 4 days", ["Birch Dental Group: Confirm delivery"]],
  ]);

  again.unmount();

  // A name no team holds in this workbook stays chosen and is said to list nothing.
  window.localStorage.setItem("client-service-plan.my-work", JSON.stringify("person:Lou Park"));
  const other = await openMyWork();
  expect(other.service.callsTo("myWork")).toEqual([[{ person: "Lou Park" }]]);
  expect(screen.getByText("Nobody named Lou Park is on a plan's service team in this workbook.")).toBeInTheDocument();
  other.unmount();

  const getItem = jest.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
    throw new DOMException("The operation is insecure.", "SecurityError");
  });
  try {
    const locked = await openMyWork();
    expect(locked.service.callsTo("myWork")).toEqual([[{}]]);
    expect(whoseWork()).toHaveValue("everyone");
  } finally {
    getItem.mockRestore();
  }
});

test("a co-author's edit reads My work again, and writes nothing", async () => {
  const { service, user } = await openMyWork();
  await choose(user, service, "Dana Lee");
  const reads = service.callsTo("myWork").length;
  // Sam marks Dana's overdue task Done in Excel on the web.
  const acme = service.plans.get("sheet-acme")!;
  acme.tasks[0] = { ...acme.tasks[0], status: "Done", state: "done" };
  act(() => service.emit({ kind: "plan-changed", sheetId: "sheet-acme", source: "Remote", problems: [] }));

  await waitFor(() => expect(screen.queryByText("Send the binder")).not.toBeInTheDocument(), PATIENT);
  expect(service.callsTo("myWork").slice(reads)).toEqual([[{ person: "Dana Lee" }]]);
  expect(screen.getByText("Nothing is overdue.")).toBeInTheDocument();
  const writes = ["setTaskStatus", "createPlan", "applyUpdate", "applyRepair", "activatePlan", "selectTask"] as const;
  for (const method of writes) expect(service.callsTo(method)).toEqual([]);
});
