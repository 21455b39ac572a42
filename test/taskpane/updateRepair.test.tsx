/** @jest-environment jsdom */
import { configure, screen, waitFor, within } from "@testing-library/react";
import { PlanError } from "../../src/service/types";
import { UpdateRepair } from "../../src/taskpane/UpdateRepair";
import { FakePlanService, samplePlan } from "./fakePlanService";
import { renderPane } from "./renderPane";

// Fluent's dialogs hand focus management to tabster, which in jsdom on a loaded machine can leave a freshly
// opened dialog marked aria-hidden for a while (it never does in the real browser: the end-to-end test opens
// these dialogs in Chromium and audits them with axe). Role queries here include such elements.
configure({ defaultHidden: true });

function setup() {
  const service = new FakePlanService([samplePlan()]);
  const onChanged = jest.fn();
  const view = renderPane(<UpdateRepair service={service} plan={samplePlan()} onChanged={onChanged} />);
  return { service, onChanged, ...view };
}

test("starts from the team named in the plan's header", () => {
  setup();
  expect(screen.getByRole("textbox", { name: "AE" })).toHaveValue("Dana Lee");
  expect(screen.getByRole("textbox", { name: "Claims" })).toHaveValue("Lou Park");
  expect(screen.getByRole("textbox", { name: "Marketing" })).toHaveValue("");
});

test("a plan of an agency's own template shows that template's roles, and its team update names them", async () => {
  const plan = samplePlan({
    templateName: "Workers' comp",
    roles: ["Producer", "AE", "Account Manager"],
    team: { AE: "Dana Lee", "Account Manager": "Priya Shah" },
  });
  const service = new FakePlanService([plan]);
  const { user } = renderPane(<UpdateRepair service={service} plan={plan} onChanged={jest.fn()} />);
  expect(screen.getByRole("textbox", { name: "Account Manager" })).toHaveValue("Priya Shah");
  expect(screen.queryByRole("textbox", { name: "Associate AE" })).not.toBeInTheDocument();
  await user.type(screen.getByRole("textbox", { name: "Producer" }), "Pat Kim");
  await user.click(screen.getByRole("button", { name: "Update service team" }));
  await waitFor(() =>
    expect(service.callsTo("previewUpdate")).toEqual([
      ["sheet-acme", { team: { Producer: "Pat Kim", AE: "Dana Lee", "Account Manager": "Priya Shah" } }],
    ]),
  );
});

test("team update: preview lists the changes and kept entries, confirm applies", async () => {
  const { service, onChanged, user } = setup();
  const ae = screen.getByRole("textbox", { name: "AE" });
  await user.clear(ae);
  await user.type(ae, "Sam Ortiz");
  await user.click(screen.getByRole("button", { name: "Update service team" }));

  const dialog = await openDialog("Update the service team?");
  const team = { Producer: "Pat Kim", AE: "Sam Ortiz", "Associate AE": "Sam Ortiz", Claims: "Lou Park" };
  expect(service.callsTo("previewUpdate")).toEqual([["sheet-acme", { team }]]);
  expect(within(dialog).getByText("Assigned to for AE: Dana Lee -> Sam Ortiz")).toBeInTheDocument();
  expect(within(dialog).getByText("12 entries you made are kept.")).toBeInTheDocument();
  expect(within(dialog).getByText("Loss control visit")).toBeInTheDocument();
  expect(service.callsTo("applyUpdate")).toHaveLength(0);

  await user.click(await within(dialog).findByRole("button", { name: "Apply update" }));
  await waitFor(() => expect(service.callsTo("applyUpdate")).toEqual([["sheet-acme", { team }]]));
  expect(await screen.findByText(/Service team updated on “Acme 2027”. 12 entries you made are kept./)).toBeVisible();
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect(onChanged).toHaveBeenCalled();
});

test("offers a newer template only when the sheet is behind, and applies it after the preview", async () => {
  setup();
  expect(screen.queryByRole("button", { name: "Update to the new template" })).not.toBeInTheDocument();

  const service = new FakePlanService([samplePlan()]);
  const onChanged = jest.fn();
  const behind = samplePlan({ templateVersion: 1, latestTemplateVersion: 2 });
  const { user } = renderPane(<UpdateRepair service={service} plan={behind} onChanged={onChanged} />);
  expect(
    screen.getByText(/follows version 1 of the template “Client Service Plan”; version 2 is available/),
  ).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Update to the new template" }));
  const dialog = await openDialog("Update to the new template?");
  expect(service.callsTo("previewUpdate")).toEqual([["sheet-acme", { upgradeTemplate: true }]]);
  await user.click(await within(dialog).findByRole("button", { name: "Apply update" }));
  await waitFor(() => expect(service.callsTo("applyUpdate")).toEqual([["sheet-acme", { upgradeTemplate: true }]]));
  expect(await screen.findByText(/Plan template updated on “Acme 2027”/)).toBeVisible();
  expect(onChanged).toHaveBeenCalled();
});

test("cancelling the team update changes nothing", async () => {
  const { service, onChanged, user } = setup();
  await user.click(screen.getByRole("button", { name: "Update service team" }));
  const dialog = await openDialog();
  await user.click(await within(dialog).findByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect(service.callsTo("applyUpdate")).toHaveLength(0);
  expect(onChanged).not.toHaveBeenCalled();
});

test("a failed update is explained in the dialog in words", async () => {
  const { service, user } = setup();
  service.failures.set(
    "applyUpdate",
    new PlanError("Someone is editing a cell on the plan sheet: press Enter, then try again."),
  );
  await user.click(screen.getByRole("button", { name: "Update service team" }));
  const dialog = await openDialog();
  await user.click(await within(dialog).findByRole("button", { name: "Apply update" }));
  expect(await within(dialog).findByText(/Someone is editing a cell/)).toBeInTheDocument();
});

test("formula repair: preview lists the cells, confirm repairs them", async () => {
  const { service, onChanged, user } = setup();
  await user.click(screen.getByRole("button", { name: "Check formulas" }));
  const dialog = await openDialog("Repair the date formulas?");
  const cells = within(within(dialog).getByRole("list", { name: "Cells to repair" })).getAllByRole("listitem");
  expect(cells).toHaveLength(1);
  expect(cells[0]).toHaveTextContent("F12 (Due) · Send the binder and invoice to the client · found “#REF!”");

  await user.click(await within(dialog).findByRole("button", { name: "Repair 1 cell" }));
  await waitFor(() => expect(service.callsTo("applyRepair")).toEqual([["sheet-acme"]]));
  expect(await screen.findByText(/Repaired 1 cell/)).toBeInTheDocument();
  expect(onChanged).toHaveBeenCalled();
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

  // Nothing left to repair: a success message, no dialog.
  await user.click(await screen.findByRole("button", { name: "Check formulas" }, { timeout: 3000 }));
  expect(await screen.findByText("All date formulas are intact. Nothing to repair.")).toBeInTheDocument();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
});

test("cancelling the repair changes nothing", async () => {
  const { service, user } = setup();
  await user.click(screen.getByRole("button", { name: "Check formulas" }));
  const dialog = await openDialog();
  await user.click(await within(dialog).findByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect(service.callsTo("applyRepair")).toHaveLength(0);
});

/** The open dialog (named, when the test cares which). */
function openDialog(name?: string): Promise<HTMLElement> {
  return screen.findByRole("dialog", name ? { name } : {});
}
