/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { PlanError } from "../../src/service/types";
import { NewPlanForm } from "../../src/taskpane/NewPlanForm";
import { FakePlanService } from "./fakePlanService";
import { renderPane } from "./renderPane";

function setup(service = new FakePlanService()) {
  const onCreated = jest.fn();
  const onShowPlan = jest.fn();
  const view = renderPane(<NewPlanForm service={service} onCreated={onCreated} onShowPlan={onShowPlan} />);
  return { service, onCreated, onShowPlan, ...view };
}

/** Date inputs take ISO text in one change, as a browser's date picker delivers it. */
function setDate(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false, selector: "input" }), { target: { value } });
}

function field(label: RegExp) {
  return screen.getByRole("textbox", { name: label });
}

/** The form reads the workbook's templates first (the built-in one here): lets their arrival in. */
const templatesRead = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

beforeEach(() => window.localStorage.clear());

test("renewal follows the bind date until the user edits it", async () => {
  setup();
  await templatesRead();
  const renewal = screen.getByLabelText("Renewal date", { exact: false, selector: "input" });
  setDate("Bind date", "2027-01-15");
  expect(renewal).toHaveValue("2028-01-15");
  setDate("Bind date", "2028-02-29");
  expect(renewal).toHaveValue("2029-02-28");

  setDate("Renewal date", "2029-06-30");
  setDate("Bind date", "2028-07-01");
  expect(renewal).toHaveValue("2029-06-30");

  // Clearing the renewal hands it back to the bind date.
  setDate("Renewal date", "");
  setDate("Bind date", "2027-05-10");
  expect(renewal).toHaveValue("2028-05-10");
});

test("shows each field's message and creates nothing while the form is invalid", async () => {
  const { user, service } = setup();
  await user.click(screen.getByRole("button", { name: "Create plan" }));

  expect(await screen.findByText("Client is empty: enter the client's name.")).toBeInTheDocument();
  // As the date field shows dates to this reader (jsdom's language is US English), not as ISO text.
  expect(screen.getByText("Bind date is empty: enter a date such as 01/15/2027.")).toBeInTheDocument();
  expect(field(/Client name/)).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByText(/2 fields need attention/)).toBeInTheDocument();

  await user.type(field(/Client name/), "Acme Manufacturing");
  setDate("Bind date", "2027-01-15");
  setDate("Renewal date", "2026-12-01");
  await user.type(field(/Holidays/), "2027-02-30");
  await user.click(screen.getByRole("button", { name: "Create plan" }));

  expect(screen.queryByText(/Client is empty/)).not.toBeInTheDocument();
  expect(
    screen.getByText("Renewal date 12/01/2026 must be after the bind date 01/15/2027: check both dates."),
  ).toBeInTheDocument();
  expect(
    screen.getByText("Holidays 2027-02-30 does not exist (February 2027 has 28 days): check the day and month."),
  ).toBeInTheDocument();
  expect(service.callsTo("createPlan")).toHaveLength(0);
});

test("creates the plan, names its sheet and remembers the team for the next plan", async () => {
  const { user, service, onCreated, onShowPlan, unmount } = setup();
  await user.type(field(/Client name/), "  Acme   Manufacturing ");
  setDate("Bind date", "2027-01-15");
  await user.type(field(/^AE/), "Dana Lee");
  await user.type(field(/Holidays/), "2027-05-31\n2027-07-05");
  await user.click(screen.getByRole("button", { name: "Create plan" }));

  expect(await screen.findByText(/The plan for Acme Manufacturing is on the sheet “Acme Manufacturing”/)).toBeVisible();
  expect(service.callsTo("createPlan")).toEqual([
    [
      {
        client: "  Acme   Manufacturing ",
        bind: "2027-01-15",
        // The renewal shown follows the bind date; it is not sent, so the sheet keeps its renewal formula.
        team: { AE: "Dana Lee" },
        holidays: ["2027-05-31", "2027-07-05"],
      },
    ],
  ]);
  expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ sheetId: "sheet-1" }));
  expect(field(/Client name/)).toHaveValue("");
  await user.click(screen.getByRole("button", { name: "See it at a glance" }));
  expect(onShowPlan).toHaveBeenCalled();

  unmount();
  setup();
  await templatesRead();
  expect(field(/^AE/)).toHaveValue("Dana Lee");
  expect(field(/^Producer/)).toHaveValue("");
});

test("sends a renewal date only when the user typed one, so an untouched renewal follows the bind date", async () => {
  const { user, service } = setup();
  await user.type(field(/Client name/), "Acme");
  setDate("Bind date", "2027-01-15");
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  await screen.findByText(/The plan for Acme is on the sheet/);
  expect(service.callsTo("createPlan")[0][0]).toMatchObject({ bind: "2027-01-15", renewal: undefined });

  await user.type(field(/Client name/), "Bolt");
  setDate("Bind date", "2027-01-15");
  setDate("Renewal date", "2027-12-31");
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  await screen.findByText(/The plan for Bolt is on the sheet/);
  expect(service.callsTo("createPlan")[1][0]).toMatchObject({ renewal: "2027-12-31" });
});

test("shows the service's problems on the fields and a PlanError in words", async () => {
  const service = new FakePlanService();
  service.createProblems = { ok: false, problems: [{ field: "client", message: "A plan for Acme already exists." }] };
  const { user } = setup(service);
  await user.type(field(/Client name/), "Acme");
  setDate("Bind date", "2027-01-15");
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  expect(await screen.findByText("A plan for Acme already exists.")).toBeInTheDocument();
  expect(field(/Client name/)).toHaveAttribute("aria-invalid", "true");

  service.createProblems = null;
  service.failures.set("createPlan", new PlanError("The workbook is read-only: save a copy to add a plan."));
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  expect(await screen.findByText("The workbook is read-only: save a copy to add a plan.")).toBeInTheDocument();

  service.failures.set("createPlan", new Error("GeneralException at line 42"));
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  await waitFor(() => expect(screen.getByText(/Could not create the plan/)).toBeInTheDocument());
  expect(screen.queryByText(/GeneralException/)).not.toBeInTheDocument();
});

test("the button is disabled and shows progress while the plan is being created", async () => {
  const service = new FakePlanService();
  let open!: () => void;
  service.gates.set("createPlan", new Promise<void>((resolve) => (open = resolve)));
  const { user } = setup(service);
  await user.type(field(/Client name/), "Acme");
  setDate("Bind date", "2027-01-15");
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  const busy = screen.getByRole("button", { name: /Creating plan/ });
  expect(busy).toBeDisabled();
  await user.click(busy);
  open();
  expect(await screen.findByText(/Plan created/)).toBeInTheDocument();
  expect(service.callsTo("createPlan")).toHaveLength(1);
});
