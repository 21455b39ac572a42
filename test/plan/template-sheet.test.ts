import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { describeTemplateSheet } from "../../src/plan/template-sheet";
import { describeTemplateProblem, readTemplateSheet } from "../../src/plan/template-read";
import { cellValues } from "../support/template-cells";

describe("the template sheet", () => {
  it("reads the default template back exactly as built in", () => {
    const read = readTemplateSheet(cellValues(describeTemplateSheet(DEFAULT_TEMPLATE).cells));
    if (!read.ok) throw new Error(read.problems.map(describeTemplateProblem).join("\n"));
    expect(read.template).toStrictEqual(DEFAULT_TEMPLATE);
  });
});
