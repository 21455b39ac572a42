import { type Template } from "../../src/plan/template";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import type { CellData } from "../../src/plan/read-sheet";
import { columnLetter } from "../../src/plan/sheet-layout";
import { readTemplateSheet } from "../../src/plan/template-read";
import { describeTemplateSheet, TEMPLATE_COLUMN, TEMPLATE_LAYOUT } from "../../src/plan/template-sheet";
import { cellValues, insertRow, typeInto } from "./template-cells";

/**
 * Version 2 of the template, as an agency might publish it: one task retired (with its sub-items), one task
 * added, one sub-item added, one task reworded and the midterm phase re-timed.
 */
export function nextTemplate(): Template {
  const next: Template = structuredClone(DEFAULT_TEMPLATE);
  next.version = DEFAULT_TEMPLATE.version + 1;
  const sixty = next.phases.find((p) => p.id === "bind-60")!;
  sixty.tasks = sixty.tasks.filter((t) => t.id !== "bind-60.feedback");
  sixty.tasks.push({
    id: "bind-60.coverage-check",
    text: "Check coverage against exposures",
    owners: ["AE"],
    items: [],
    seed: "",
  });
  const lossRuns = sixty.tasks.find((t) => t.id === "bind-60.loss-runs")!;
  lossRuns.formerTexts = [lossRuns.text];
  lossRuns.text = "Obtain loss runs from every carrier";
  next.phases[0].tasks[0].items.push({ id: "bind-30.service-team.backup", text: "Name a backup AE", seed: "" });
  next.phases.find((p) => p.id === "midterm")!.timing.due = { anchor: "bind", offsetDays: 170 };
  return next;
}

/** Where a template sheet's row of `id` is, in cells as read back (see template-cells.ts). */
export function rowOfId(values: CellData[][], id: string): number {
  const index = values.findIndex(
    (line, r) => r + 1 >= TEMPLATE_LAYOUT.firstDataRow && line[TEMPLATE_COLUMN.id - 1] === id,
  );
  if (index < 0) throw new Error(`No row with id ${id}`);
  return index + 1;
}

/** The cell of `column` on `row`, e.g. cellOf(14, TEMPLATE_COLUMN.due) = "G14". */
export const cellOf = (row: number, column: number) => `${columnLetter(column)}${row}`;

/**
 * The built-in template exported to its sheet and edited there as an agency administrator would: "Associate AE"
 * renamed "Account Manager", the 60 Days phase due at 75 days, and a task added under 90 Days, owned by the
 * Account Manager and the Producer. Returns the edited cells.
 */
export function editedTemplateCells(): CellData[][] {
  const values = cellValues(describeTemplateSheet(DEFAULT_TEMPLATE).cells);
  const C = TEMPLATE_COLUMN;
  typeInto(values, cellOf(TEMPLATE_LAYOUT.name.row, TEMPLATE_LAYOUT.name.column), "Workers' comp");
  typeInto(values, cellOf(TEMPLATE_LAYOUT.headerRow, C.firstRole + 2), "Account Manager");
  typeInto(values, cellOf(rowOfId(values, "bind-60"), C.due), 75);
  const after = rowOfId(values, "bind-90.plan-changes.communicate") + 1;
  insertRow(values, after);
  typeInto(values, cellOf(after, C.id), "bind-90.wc-recovery-review");
  typeInto(values, cellOf(after, C.text), "Review open WC claims for recovery");
  typeInto(values, cellOf(after, C.firstRole), "x");
  typeInto(values, cellOf(after, C.firstRole + 2), "X");
  return values;
}

/** The edited template read back from its sheet (version 1). */
export function editedTemplate(): Template {
  const read = readTemplateSheet(editedTemplateCells());
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("\n"));
  return read.template;
}

/**
 * Version 2 of an agency's template, as the administrator publishes it from the sheet: a task added, one retired,
 * one reworded (its old wording kept as former wording), one phase re-timed, the version raised.
 */
export function editedTemplateCellsV2(): CellData[][] {
  const values = editedTemplateCells();
  const C = TEMPLATE_COLUMN;
  typeInto(values, cellOf(TEMPLATE_LAYOUT.version.row, TEMPLATE_LAYOUT.version.column), 2);
  const retired = rowOfId(values, "bind-90.insurance-review");
  values.splice(retired - 1, 3); // the task and its two sub-items
  const reworded = rowOfId(values, "renewal-60.proposal");
  typeInto(values, cellOf(reworded, C.text), "Complete the renewal proposal");
  typeInto(values, cellOf(reworded, C.formerTexts), "Complete proposal");
  typeInto(values, cellOf(rowOfId(values, "renewal-120"), C.opens), -130);
  const added = rowOfId(values, "midterm.updates.deliverables-status") + 1;
  insertRow(values, added);
  typeInto(values, cellOf(added, C.id), "midterm.wc-audit");
  typeInto(values, cellOf(added, C.text), "Payroll audit check");
  typeInto(values, cellOf(added, C.firstRole + 1), "x");
  return values;
}

export function editedTemplateV2(): Template {
  const read = readTemplateSheet(editedTemplateCellsV2());
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("\n"));
  return read.template;
}
