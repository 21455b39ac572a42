import {
  describeHolidaysSheet,
  holidaysByYear,
  holidaysWithinTerm,
  readHolidaysSheet,
} from "../../src/plan/agency-holidays";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { HOLIDAY_SLOTS } from "../../src/plan/sheet-layout";
import { describeTemplateBookProblems, pickTemplate, readTemplateBook } from "../../src/plan/template-book";
import { describeTemplateSheet } from "../../src/plan/template-sheet";
import { cellValues, typeInto } from "../support/template-cells";
import { editedTemplate } from "../support/templates";

const HOLIDAYS = [
  { date: "2027-12-24", name: "Christmas Eve" },
  { date: "2027-01-01", name: "New Year's Day" },
  { date: "2028-01-01", name: "New Year's Day" },
  { date: "2027-07-05", name: "Independence Day (observed)" },
];

const sheetOf = (name: string, description: { cells: Parameters<typeof cellValues>[0] }) => ({
  name,
  values: cellValues(description.cells),
});

describe("the agency's holidays", () => {
  it("are written in date order and read back with their names, by year", () => {
    const read = readHolidaysSheet(cellValues(describeHolidaysSheet(HOLIDAYS).cells));
    expect(read.problems).toEqual([]);
    expect(read.holidays.map((h) => h.date)).toEqual(["2027-01-01", "2027-07-05", "2027-12-24", "2028-01-01"]);
    expect([...holidaysByYear(read.holidays).keys()]).toEqual([2027, 2028]);
    expect(holidaysByYear(read.holidays).get(2027)).toHaveLength(3);
  });

  it("give a new plan those within its term, bind and renewal included", () => {
    expect(holidaysWithinTerm(HOLIDAYS, "2027-01-01", "2027-12-24")).toEqual([
      "2027-01-01",
      "2027-07-05",
      "2027-12-24",
    ]);
    expect(holidaysWithinTerm(HOLIDAYS, "2027-07-06", "2028-07-06")).toEqual(["2027-12-24", "2028-01-01"]);
    const many = Array.from({ length: 40 }, (_, i) => ({
      date: `2027-02-${String((i % 28) + 1).padStart(2, "0")}`,
      name: "",
    })).concat(Array.from({ length: 20 }, (_, i) => ({ date: `2027-03-${String(i + 1).padStart(2, "0")}`, name: "" })));
    expect(holidaysWithinTerm(many, "2027-01-15", "2028-01-15")).toHaveLength(HOLIDAY_SLOTS);
  });

  it("report a row that is no date, and a name without a date, on its row", () => {
    const values = cellValues(describeHolidaysSheet(HOLIDAYS).cells);
    typeInto(values, "A6", "next Friday");
    typeInto(values, "B12", "Founders' Day");
    const read = readHolidaysSheet(values);
    expect(read.problems).toEqual([
      {
        row: 6,
        field: "holidays",
        cell: "A6",
        message: '"next Friday" is not a date: type it as a date, e.g. 2027-12-24.',
      },
      {
        row: 12,
        field: "holidays",
        cell: "A12",
        message: '"Founders\' Day" has no date: type its date, or delete the row.',
      },
    ]);
    expect(read.holidays).toHaveLength(3);
  });
});

describe("a workbook of templates", () => {
  const book = () =>
    readTemplateBook([
      sheetOf("Client Service Plan template", describeTemplateSheet(DEFAULT_TEMPLATE)),
      { name: "Acme plan", values: [["Client Service Plan"]] },
      sheetOf("Workers' comp template", describeTemplateSheet(editedTemplate())),
      sheetOf("Agency holidays", describeHolidaysSheet(HOLIDAYS)),
    ]);

  it("holds several templates, each picked by its name in any letter case, and the agency's holidays", () => {
    const read = book();
    expect(read.templates.map((t) => t.sheetName)).toEqual(["Client Service Plan template", "Workers' comp template"]);
    expect(read.holidays).toHaveLength(4);
    const picked = pickTemplate(read, " workers' COMP ");
    expect(picked.ok && picked.template.roles).toContain("Account Manager");
    expect(pickTemplate(read, "Client Service Plan")).toMatchObject({ ok: true, template: DEFAULT_TEMPLATE });
  });

  it("asks for a name when there are several, and lists them when the name is unknown", () => {
    expect(pickTemplate(book())).toEqual({
      ok: false,
      message: 'The workbook has 2 templates ("Client Service Plan", "Workers\' comp"): name the one to use.',
      problems: [],
    });
    expect(pickTemplate(book(), "Small commercial")).toMatchObject({
      ok: false,
      message:
        'There is no template "Small commercial" in the workbook: use one of "Client Service Plan", "Workers\' comp".',
    });
  });

  it("refuses a template with problems for a plan, listing each on its sheet and row", () => {
    const broken = cellValues(describeTemplateSheet(editedTemplate()).cells);
    typeInto(broken, "G26", 10); // 60 Days due before it opens
    typeInto(broken, "B4", "");
    const read = readTemplateBook([{ name: "Workers' comp template", values: broken }]);
    const picked = pickTemplate(read);
    expect(picked).toEqual({
      ok: false,
      message: 'The template on sheet "Workers\' comp template" has 2 problems to fix before it can make a plan:',
      problems: [
        'Sheet "Workers\' comp template", row 4, Version (B4): The version is empty: type 1 for a new template.',
        expect.stringMatching(
          /^Sheet "Workers' comp template", row 26, Due \(G26\): Due 10 days after binding is before the phase opens/,
        ),
      ],
    });
    expect(pickTemplate(read, "Workers' comp template").ok).toBe(false);
  });

  it("refuses two templates of one name", () => {
    const read = readTemplateBook([
      sheetOf("A", describeTemplateSheet(DEFAULT_TEMPLATE)),
      sheetOf("B", describeTemplateSheet(DEFAULT_TEMPLATE)),
    ]);
    expect(describeTemplateBookProblems(read)).toEqual([
      'Sheet "B", row 3, Template name (B3): "Client Service Plan" is also the name of the template on sheet "A": give each template its own name.',
    ]);
  });
});
