/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import type { RenewalPreview, RenewalResult } from "../../src/service/types";
import { FakePlanService, samplePlan, task } from "./fakePlanService";
import { renderPane } from "./renderPane";

function preview(overrides: Partial<RenewalPreview> = {}): RenewalPreview {
  return {
    sheetId: "sheet-acme",
    oldSheetName: "Acme 2027",
    newSheetName: "Acme 2028-29",
    client: "Acme Manufacturing",
    oldTerm: "2027-28",
    newTerm: "2028-29",
    bind: "2028-01-15",
    renewal: "2029-01-15",
    termMonths: 12,
    team: { AE: "Dana Lee", Producer: "Pat Kim" },
    roles: ["Producer", "AE"],
    timing: { kind: "due", daysToRenewal: 20 },
    lines: [
      "New plan “Acme 2028-29” for Acme Manufacturing: bind Jan 15, 2028, renewal Jan 15, 2029.",
      "Service team: Producer Pat Kim, AE Dana Lee.",
    ],
    ...overrides,
  };
}

async function openGlance(result: RenewalResult, extraTask = false) {
  const plan = samplePlan();
  if (extraTask) {
    plan.tasks.push(
      task({
        taskId: "r1",
        task: "Draft renewal Client Service Plan",
        phase: "30 Days to Renewal",
        state: "due-soon",
        due: "2027-03-05",
      }),
    );
  }
  const service = new FakePlanService([plan]);
  service.activeId = "sheet-acme";
  service.renewalResult = result;
  const view = renderPane(<App service={service} />);
  await screen.findByRole("heading", { name: "Acme Manufacturing at a glance" });
  return { service, ...view };
}

test("shows the next term in words, with the renewal date, the team and what to carry, then creates it", async () => {
  const { service, user } = await openGlance({ ok: true, preview: preview() });
  await user.click(screen.getByRole("button", { name: "Start next term" }));
  const form = await screen.findByRole("group", { name: "The next term" });
  expect(within(form).getByText(/^New plan “Acme 2028-29”/)).toBeInTheDocument();
  expect(within(form).getByLabelText(/Renewal of the next term/)).toHaveValue("2029-01-15");
  expect(within(form).getByRole("textbox", { name: "AE" })).toHaveValue("Dana Lee");
  await user.clear(within(form).getByRole("textbox", { name: "AE" }));
  await user.type(within(form).getByRole("textbox", { name: "AE" }), "Sam Ortiz");
  await user.click(within(form).getByRole("checkbox", { name: "Carry the notes of tasks that recur" }));
  service.renewalResult = {
    ok: true,
    preview: preview(),
    plan: { ...samplePlan(), sheetId: "sheet-next", sheetName: "Acme 2028-29" },
  };
  await user.click(within(form).getByRole("button", { name: "Create next term" }));
  await screen.findByText(/is the plan of the next term/);
  // The date left as one term later is not sent, so the new plan's renewal follows its bind date by formula.
  expect(service.callsTo("renewPlan")).toEqual([
    ["sheet-acme", { team: { Producer: "Pat Kim", AE: "Sam Ortiz" }, carry: { notes: true, ownRows: false } }],
  ]);
  await user.click(screen.getByRole("button", { name: "Open “Acme 2028-29”" }));
  await waitFor(() => expect(service.callsTo("overview").at(-1)).toEqual(["sheet-next"]));
});

test("before the 30 Days to Renewal work opens it asks first, with the days left", async () => {
  const early = preview({ timing: { kind: "early", daysToRenewal: 319, offeredFrom: "2027-12-16" } });
  const { service, user } = await openGlance({ ok: true, preview: early });
  await user.click(screen.getByRole("button", { name: "Start next term" }));
  const form = await screen.findByRole("group", { name: "The next term" });
  await user.click(within(form).getByRole("button", { name: "Create next term" }));
  // As in updateRepair.test.tsx: tabster may leave a fresh dialog aria-hidden for a while in jsdom.
  const dialog = await screen.findByRole("dialog", { name: "Start the next term now?", hidden: true });
  expect(dialog).toHaveTextContent("The renewal is 319 days away");
  expect(service.callsTo("renewPlan")).toEqual([]);
  await user.click(within(dialog).getByRole("button", { name: "Start it now", hidden: true }));
  await waitFor(() => expect(service.callsTo("renewPlan")).toHaveLength(1));
});

test("after the renewal date it says how late; a typed renewal date is sent", async () => {
  const { service, user } = await openGlance({ ok: true, preview: preview({ timing: { kind: "late", daysLate: 9 } }) });
  await user.click(screen.getByRole("button", { name: "Start next term" }));
  const form = await screen.findByRole("group", { name: "The next term" });
  expect(form).toHaveTextContent("The renewal was 9 days ago");
  const date = within(form).getByLabelText(/Renewal of the next term/);
  await user.clear(date);
  await user.type(date, "2029-03-31");
  await user.click(within(form).getByRole("button", { name: "Create next term" }));
  await waitFor(() => expect(service.callsTo("renewPlan")).toHaveLength(1));
  expect(service.callsTo("renewPlan")[0][1]).toMatchObject({ renewal: "2029-03-31" });
});

test("a next term started before is named, with a way to open it", async () => {
  const { service, user } = await openGlance({
    ok: false,
    problems: [{ field: "plan", message: "The next term of “Acme 2027” was started already: open that plan." }],
    alreadyStarted: { sheetId: "sheet-next", sheetName: "Acme 2028-29" },
  });
  await user.click(screen.getByRole("button", { name: "Start next term" }));
  expect(await screen.findByText(/was started already/)).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Open “Acme 2028-29”" }));
  await waitFor(() => expect(service.callsTo("overview").at(-1)).toEqual(["sheet-next"]));
});

test("is offered on the Draft renewal Client Service Plan task", async () => {
  const { service, user } = await openGlance({ ok: true, preview: preview() }, true);
  const item = screen.getByRole("button", { name: "Draft renewal Client Service Plan" }).closest("li")!;
  await user.click(within(item as HTMLElement).getByRole("button", { name: "Start next term from this plan" }));
  await screen.findByRole("group", { name: "The next term" });
  expect(service.callsTo("previewRenewal")).toHaveLength(1);
});

test("a failure while writing is told, and the button is busy meanwhile", async () => {
  const { service, user } = await openGlance({ ok: true, preview: preview() });
  await user.click(screen.getByRole("button", { name: "Start next term" }));
  const form = await screen.findByRole("group", { name: "The next term" });
  let release = () => undefined as void;
  service.gates.set("renewPlan", new Promise<void>((resolve) => (release = resolve)));
  const { PlanError } = await import("../../src/service/types");
  service.failures.set(
    "renewPlan",
    new PlanError("Starting the next term failed: Excel stopped. Nothing was changed in the workbook."),
  );
  await user.click(within(form).getByRole("button", { name: "Create next term" }));
  await waitFor(() => expect(within(form).getByRole("button", { name: "Create next term" })).toBeDisabled());
  release();
  expect(await screen.findByText(/Nothing was changed in the workbook/)).toBeInTheDocument();
});
