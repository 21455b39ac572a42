import { type Template } from "../../src/plan/template";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";

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
