/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describeHolidaysSheet } from "../../src/plan/agency-holidays";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { describeTemplateSheet, TEMPLATE_COLUMN, templateSheetName } from "../../src/plan/template-sheet";
import { App } from "../../src/taskpane/App";
import { NewPlanForm } from "../../src/taskpane/NewPlanForm";
import { cellValues, typeInto } from "../support/template-cells";
import { cellOf, editedTemplateCells, rowOfId } from "../support/templates";
import { FakePlanService } from "./fakePlanService";
import { renderPane } from "./renderPane";

/**
 * The New plan form over a workbook's own templates: the fake service holds template sheets as cell values and
 * reads them with the pure reader, as the adapter does.
 */

const STANDARD = templateSheetName(DEFAULT_TEMPLATE);
const standardSheet = () => ({ name: STANDARD, values: cellValues(describeTemplateSheet(DEFAULT_TEMPLATE).cells) });
const workersComp = () => ({ name: "Workers' comp template", values: editedTemplateCells() });
const HOLIDAYS = [
  { date: "2026-12-25", name: "Christmas Day" },
  { date: "2027-05-31", name: "Memorial Day" },
  { date: "2027-07-05", name: "Independence Day (observed)" },
  { date: "2028-05-29", name: "Memorial Day" },
];
const holidaysSheet = () => ({ name: "Agency holidays", values: cellValues(describeHolidaysSheet(HOLIDAYS).cells) });

function setup(service: FakePlanService) {
  const onCreated = jest.fn();
  const view = renderPane(<NewPlanForm service={service} onCreated={onCreated} onShowPlan={jest.fn()} />);
  return { service, onCreated, ...view };
}

function setDate(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false, selector: "input" }), { target: { value } });
}

const field = (label: RegExp) => screen.getByRole("textbox", { name: label });

beforeEach(() => window.localStorage.clear());

test("a workbook's templates are picked from, and the team fields follow the chosen one's roles", async () => {
  const service = new FakePlanService();
  service.templateSheets = [standardSheet(), workersComp()];
  const { user } = setup(service);
  const picker = await screen.findByRole("combobox", { name: /Template/ });
  expect(
    within(picker)
      .getAllByRole("option")
      .map((option) => option.textContent),
  ).toEqual([DEFAULT_TEMPLATE.name, "Workers' comp"]);
  expect(field(/^Associate AE/)).toBeInTheDocument();

  await user.selectOptions(picker, "Workers' comp");
  expect(field(/^Account Manager/)).toBeInTheDocument();
  expect(screen.queryByRole("textbox", { name: /^Associate AE/ })).not.toBeInTheDocument();

  await user.type(field(/Client name/), "Birch Logistics");
  setDate("Bind date", "2027-01-15");
  await user.type(field(/^Account Manager/), "Priya Shah");
  await user.click(screen.getByRole("button", { name: "Create plan" }));
  await screen.findByText(/The plan for Birch Logistics is on the sheet/);
  const [[request, template]] = service.callsTo("createPlan") as [[{ team: object }, string]];
  expect(template).toBe("Workers' comp");
  expect(request.team).toEqual({ "Account Manager": "Priya Shah" });
  expect((await service.readPlan("sheet-1")).templateName).toBe("Workers' comp");
});

test("a template with problems is shown as not usable, with its first problems and where they are", async () => {
  const broken = workersComp();
  const due = rowOfId(broken.values, "bind-90");
  typeInto(broken.values, cellOf(due, TEMPLATE_COLUMN.due), "soon");
  const service = new FakePlanService();
  service.templateSheets = [standardSheet(), broken];
  setup(service);
  const picker = await screen.findByRole("combobox", { name: /Template/ });
  const option = within(picker).getByRole("option", { name: "Workers' comp template (has problems)" });
  expect(option).toBeDisabled();
  expect(screen.getByText("“Workers' comp template” cannot make a plan yet")).toBeInTheDocument();
  expect(
    screen.getByText(
      `Row ${due} (${cellOf(due, TEMPLATE_COLUMN.due)}): Due "soon" is not a whole number of days: type e.g. 30 or -120.`,
    ),
  ).toBeInTheDocument();
});

test("the agency's holidays within the term are offered, and a plan may differ", async () => {
  const service = new FakePlanService();
  service.templateSheets = [holidaysSheet()];
  const { user } = setup(service);
  await waitFor(() => expect(service.callsTo("templates")).toHaveLength(1));
  setDate("Bind date", "2027-01-15");
  await waitFor(() => expect(field(/Holidays/)).toHaveValue("2027-05-31\n2027-07-05"));
  setDate("Renewal date", "2028-06-30");
  await waitFor(() => expect(field(/Holidays/)).toHaveValue("2027-05-31\n2027-07-05\n2028-05-29"));

  // Edited for this plan: the agency's list no longer replaces it.
  await user.clear(field(/Holidays/));
  await user.type(field(/Holidays/), "2027-11-26");
  setDate("Bind date", "2027-02-01");
  expect(field(/Holidays/)).toHaveValue("2027-11-26");
});

test("the template sheet is added to the workbook from the form, and its template offered", async () => {
  const service = new FakePlanService();
  const { user } = setup(service);
  await waitFor(() => expect(service.callsTo("templates")).toHaveLength(1));
  await user.click(screen.getByRole("button", { name: "Add the template sheet to this workbook" }));
  expect(await screen.findByText(new RegExp(`The template is on the sheet “${STANDARD}”`))).toBeVisible();
  expect(service.callsTo("addTemplateSheet")).toHaveLength(1);
  await waitFor(() => expect(service.callsTo("templates")).toHaveLength(2));
  expect((await service.templates()).templates[0].sheetName).toBe(STANDARD);
});

test("the pane shows a template sheet's problems when a person's edit leaves some", async () => {
  const service = new FakePlanService();
  renderPane(<App service={service} initialSection="new" />);
  await screen.findByRole("button", { name: "Create plan" });
  act(() =>
    service.emit({
      kind: "templates-changed",
      sheetName: STANDARD,
      problems: [{ row: 35, field: "due", cell: "G35", message: 'Due "soon" is not a whole number of days.' }],
    }),
  );
  expect(await screen.findByText(`The sheet “${STANDARD}” has a problem`)).toBeInTheDocument();
  // The form reads the templates again, to offer them as they now are.
  await waitFor(() => expect(service.callsTo("templates")).toHaveLength(2));
  expect(screen.getByText('Row 35 (G35): Due "soon" is not a whole number of days.')).toBeInTheDocument();
  act(() => service.emit({ kind: "templates-changed", sheetName: STANDARD, problems: [] }));
  expect(await screen.findByText(`The sheet “${STANDARD}” passes its checks.`)).toBeInTheDocument();
});
