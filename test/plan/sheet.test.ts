import { calendarDate } from "../../src/plan/dates";
import { toExcelSerial } from "../../src/plan/excel-dates";
import {
  describePlanSheet,
  fitHeaderFooterText,
  headerFooterCodes,
  headerFooterText,
  MAX_HEADER_FOOTER_LENGTH,
  planSheetName,
  wrappedLines,
  type CellValue,
} from "../../src/plan/sheet";
import {
  address,
  COLUMN,
  HOLIDAY_SLOTS,
  HOLIDAYS_REF,
  holidayCell,
  LAYOUT,
  teamCells,
} from "../../src/plan/sheet-layout";
import { summaryRowOf } from "../../src/plan/outline";
import { STATUSES } from "../../src/plan/status";
import { templateTasks } from "../../src/plan/template";
import { DEFAULT_TEMPLATE } from "../../src/plan/default-template";
import { checkPlanRequest, type PlanRequest } from "../../src/plan/validate";

function describe_(request: Partial<PlanRequest> = {}, existingSheetNames: string[] = []) {
  const checked = checkPlanRequest({ client: "Acme Manufacturing, Inc.", bind: "2027-01-15", ...request });
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("; "));
  return describePlanSheet(DEFAULT_TEMPLATE, checked.value, { planId: "plan-1", existingSheetNames });
}

function cellAt(cells: CellValue[][], row: number, column: number): CellValue {
  return cells[row - 1][column - 1];
}

describe("sheet names from client names", () => {
  it("replaces characters Excel forbids and keeps within 31 characters", () => {
    expect(planSheetName("A/B Holdings [East]: *Main*?", [])).toBe("A-B Holdings -East-- -Main--");
    expect(planSheetName("Back\\slash", [])).toBe("Back-slash");
    const long = planSheetName("The Very Long Name Manufacturing Company of Northern Ohio", []);
    expect(long).toBe("The Very Long Name Manufacturin");
    expect(long.length).toBeLessThanOrEqual(31);
  });

  it("is unique within the workbook, compared as Excel compares (ignoring case)", () => {
    expect(planSheetName("Acme", ["acme"])).toBe("Acme (2)");
    expect(planSheetName("Acme", ["Acme", "ACME (2)"])).toBe("Acme (3)");
    const taken = ["The Very Long Name Manufacturin"];
    const second = planSheetName("The Very Long Name Manufacturing Company", taken);
    expect(second).toBe("The Very Long Name Manufact (2)");
    expect(second.length).toBeLessThanOrEqual(31);
  });

  it("never leaves a name empty, reserved, or with a quote Excel would need to escape", () => {
    expect(planSheetName("???", [])).toBe("---");
    expect(planSheetName("   ", [])).toBe("Client plan");
    expect(planSheetName("History", [])).toBe("History (2)");
    expect(planSheetName("O'Brien & Sons", [])).toBe("O\u2019Brien & Sons");
    // Never cut inside a character outside the BMP; counted in UTF-16 units, Excel's strictest reading.
    expect(planSheetName("🌲".repeat(40), [])).toBe("🌲".repeat(15));
  });

  it("cuts between whole characters: a family joined by zero-width joiners, a flag, an accent", () => {
    const family = "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 11 UTF-16 units
    const flag = "\u{1F1FA}\u{1F1F8}"; // two regional indicators, 4 units
    // 24 units of text, then the family: cut between code points it would keep "👩‍👩‍" and lose the children.
    expect(planSheetName(`Family Farms Co-op ${flag} ${family} Trust`, [])).toBe(`Family Farms Co-op ${flag}`);
    // 27 units, then two flags: only a whole flag fits.
    expect(planSheetName(`${"x".repeat(27)}${flag}${flag}`, [])).toBe(`${"x".repeat(27)}${flag}`);
    expect(planSheetName(`${"x".repeat(30)}e\u0301`, [])).toBe("x".repeat(30));
    // A character longer than the whole limit is cut between code points rather than dropped.
    expect(planSheetName(`a${"\u0301".repeat(40)}`, [])).toBe(`a${"\u0301".repeat(30)}`);
  });

  it("names a plan for a client whose name shows nothing", () => {
    expect(planSheetName("\u200B\u202E", [])).toBe("Client plan");
  });
});

describe("the plan sheet description", () => {
  const description = describe_({
    team: { AE: "+1 555 Dana", Producer: '=HYPERLINK("http://evil")' },
    holidays: ["2027-07-05"],
  });
  const cells = description.cells;

  it("labels the header inputs exactly and holds the dates as Excel serials", () => {
    expect(cellAt(cells, LAYOUT.bind.row, 1)).toEqual({ kind: "text", text: "Bind date" });
    expect(cellAt(cells, LAYOUT.renewal.row, 1)).toEqual({ kind: "text", text: "Renewal date" });
    expect(cellAt(cells, LAYOUT.bind.row, LAYOUT.bind.column)).toEqual({ kind: "number", value: 46402 });
    // No renewal given: the Renewal cell follows the Bind cell.
    expect(cellAt(cells, LAYOUT.renewal.row, LAYOUT.renewal.column)).toEqual({
      kind: "formula",
      formula: '=IF(ISNUMBER($B$4),EDATE($B$4,12),"")',
    });
    const given = describe_({ renewal: "2028-02-01" });
    expect(cellAt(given.cells, LAYOUT.renewal.row, LAYOUT.renewal.column)).toEqual({
      kind: "number",
      value: toExcelSerial(calendarDate(2028, 2, 1)),
    });
  });

  it("writes text people typed as text, never as a formula", () => {
    const odd = describe_({ client: '=HYPERLINK("http://x","click")' });
    expect(cellAt(odd.cells, LAYOUT.client.row, LAYOUT.client.column)).toEqual({
      kind: "text",
      text: '=HYPERLINK("http://x","click")',
    });
    const ae = teamCells("AE");
    expect(cellAt(cells, ae.row, ae.nameColumn)).toEqual({ kind: "text", text: "+1 555 Dana" });
    const producer = teamCells("Producer");
    expect(cellAt(cells, producer.row, producer.nameColumn)).toEqual({
      kind: "text",
      text: '=HYPERLINK("http://evil")',
    });
    // ...and formats those cells as Text, so an Office.js write of the same string stays text too.
    const textRanges = description.styles.filter((s) => s.style.numberFormat === "@").map((s) => s.range);
    expect(textRanges).toEqual(
      expect.arrayContaining([address(LAYOUT.client.row, LAYOUT.client.column), address(ae.row, ae.nameColumn)]),
    );
  });

  it("heads the table with the plan's columns", () => {
    const headers = cells[LAYOUT.headerRow - 1].slice(0, COLUMN.id).map((c) => (c.kind === "text" ? c.text : ""));
    expect(headers).toEqual([
      "Phase",
      "Task",
      "Owner",
      "Assigned to",
      "Opens",
      "Due",
      "Status",
      "Completed on",
      "Notes",
      "Task id",
    ]);
    expect(description.columns[COLUMN.id - 1].hidden).toBe(true);
  });

  it("has a row for every task and sub-item, in template order, with stable ids", () => {
    const expected = DEFAULT_TEMPLATE.phases.flatMap((phase) => [
      phase.id,
      ...phase.tasks.flatMap((task) => [task.id, ...task.items.map((item) => item.id)]),
    ]);
    expect(description.rows.map((r) => r.id)).toEqual(expected);
    for (const row of description.rows) {
      expect(cellAt(cells, row.row, COLUMN.id)).toEqual({ kind: "text", text: row.id });
    }
    expect(description.rows[0].row).toBe(LAYOUT.firstDataRow);
  });

  it("computes Opens/Due with absolute references to this sheet's own Bind, Renewal and holiday cells", () => {
    for (const row of description.rows.filter((r) => r.kind !== "item")) {
      for (const column of [COLUMN.opens, COLUMN.due]) {
        const cell = cellAt(cells, row.row, column);
        expect(cell.kind).toBe("formula");
        if (cell.kind !== "formula") continue;
        expect(cell.formula).not.toContain("!"); // no other sheet, no sheet name that a copy would break
        expect(cell.formula).toMatch(/WORKDAY\(\$B\$[45][+-]?\d*,-1,\$F\$3:\$I\$10\)/);
        const references = cell.formula.match(/\$?[A-Z]+\$?\d+/g) ?? [];
        for (const reference of references) expect(reference).toMatch(/^\$[A-Z]+\$\d+$/);
      }
    }
    const loss = description.rows.find((r) => r.id === "bind-60.loss-runs")!;
    expect(cellAt(cells, loss.row, COLUMN.due)).toEqual({
      kind: "formula",
      formula: '=IF(AND(ISNUMBER($B$4),ISNUMBER($B$5)),MIN($B$5,MAX($B$4,WORKDAY($B$4+61,-1,$F$3:$I$10))),"")',
    });
  });

  it("names the people for each task's owners from the service team cells", () => {
    const intro = description.rows.find((r) => r.id === "bind-30.intro-meeting")!;
    const cell = cellAt(cells, intro.row, COLUMN.assignedTo);
    expect(cell.kind === "formula" && cell.formula).toBe(
      '=MID(IF($D$3="","",", "&$D$3)&IF($D$4="","",", "&$D$4)&IF($D$6="","",", "&$D$6)&IF($D$9="","",", "&$D$9),3,999)',
    );
  });

  it("offers the Status dropdown on the table and rejects non-dates in the Bind and Renewal cells", () => {
    const status = description.validations.find((v) => v.rule.kind === "list")!;
    expect(status.rule).toEqual({ kind: "list", values: STATUSES });
    expect(status.range).toBe(`G${LAYOUT.firstDataRow}:G${description.rows.at(-1)!.row}`);
    const dateRanges = description.validations.filter((v) => v.rule.kind === "date").map((v) => v.range);
    expect(dateRanges).toEqual(expect.arrayContaining(["B4", "B5"]));
    const bind = description.validations.find((v) => v.range === "B4")!;
    expect(bind.errorMessage).toMatch(/as a date/);
    for (const task of templateTasks(DEFAULT_TEMPLATE)) {
      const row = description.rows.find((r) => r.id === task.task.id)!;
      expect(cellAt(cells, row.row, COLUMN.status)).toEqual({ kind: "text", text: "Not started" });
    }
  });

  it("colors Status with rules written for the range's top-left cell, done and n/a first", () => {
    const first = LAYOUT.firstDataRow;
    const statusRules = description.conditionalFormats.filter((f) => f.range.startsWith(`G${first}:`));
    // Status is read as canonicalStatus reads it: spaces around it ignored, any letter case ("=" ignores case).
    const status = `TRIM($G${first})`;
    const open = `${status}<>"",NOT(${status}="Done"),NOT(${status}="N/A")`;
    expect(statusRules.map((f) => f.formula)).toEqual([
      `=${status}="Done"`,
      `=${status}="N/A"`,
      `=AND(ISNUMBER($F${first}),$F${first}<TODAY(),${open})`,
      `=AND(ISNUMBER($F${first}),$F${first}>=TODAY(),$F${first}-TODAY()<=14,${open})`,
      `=${status}="In progress"`,
    ]);
    expect(new Set(statusRules.map((f) => f.fill)).size).toBe(5);
    expect(description.conditionalFormats.some((f) => f.range.startsWith(`A${first}:I`))).toBe(true);
  });

  it("folds each task's sub-items with the +/- right under them, where Excel puts it (summary row below)", () => {
    const groups = description.rowGroups;
    const withItems = templateTasks(DEFAULT_TEMPLATE).filter(({ task }) => task.items.length > 0);
    const rowOf = (id: string) => description.rows.find((r) => r.id === id)!.row;
    expect(withItems.some(({ task }) => task.items.length >= 2)).toBe(true);
    expect(groups).toHaveLength(withItems.filter(({ task }) => task.items.length >= 2).length);
    for (const { task } of withItems) {
      const taskRow = rowOf(task.id);
      const group = groups.find((g) => g.firstRow === taskRow + 1);
      if (task.items.length === 1) {
        expect([task.id, group]).toEqual([task.id, undefined]); // one line: nothing to fold
        continue;
      }
      // Every sub-item but the last folds; the last is the summary row Excel puts the button beside.
      expect(group).toEqual({ firstRow: taskRow + 1, lastRow: taskRow + task.items.length - 1 });
      expect(summaryRowOf(group!)).toBe(rowOf(task.items.at(-1)!.id));
    }
    // No button beside a task or phase row, where it would look like that row's.
    const kindOf = (row: number) => description.rows.find((r) => r.row === row)?.kind;
    expect(groups.map((g) => kindOf(summaryRowOf(g)))).toEqual(groups.map(() => "item"));
    expect(description.outlineSummaryBelow).toBe(true);
  });

  it("is set up to print: landscape, one page wide, header row on every page, client in the header", () => {
    const last = description.rows.at(-1)!.row;
    expect(description.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: `A1:I${last}`,
      titleRows: `$${LAYOUT.headerRow}:$${LAYOUT.headerRow}`,
      footer: { left: "Printed &D", right: "Page &P of &N" },
    });
    expect(description.freezeRows).toBe(LAYOUT.headerRow);
    expect(describe_({ client: "Smith & Sons" }).print.header.left).toBe("Smith && Sons");
    expect(headerFooterText("A&B&&C")).toBe("A&&B&&&&C");
  });

  it("keeps the page header within Excel's 255 characters for any client name, cut with an ellipsis", () => {
    for (const client of ["&".repeat(120), "W".repeat(120), "&W".repeat(60), "\u{1F332}".repeat(60)]) {
      const header = describe_({ client }).print.header;
      const codes = headerFooterCodes(header);
      expect(codes.length).toBeLessThanOrEqual(MAX_HEADER_FOOTER_LENGTH);
      const shown = header.left.replace(/&&/g, "&");
      // Every ampersand stays doubled (no stray command), and what is shown is the name's beginning.
      expect(header.left.replace(/&&/g, "")).not.toContain("&");
      if (shown !== client) {
        expect(shown.endsWith("\u2026")).toBe(true);
        expect(client.startsWith(shown.slice(0, -1))).toBe(true);
      }
    }
    expect(describe_({ client: "&".repeat(120) }).print.header.left).toMatch(/^(&&)+\u2026$/);
    expect(describe_({ client: "W".repeat(120) }).print.header.left).toBe("W".repeat(120));
    expect(fitHeaderFooterText("A&B", 3)).toBe("A\u2026");
    expect(fitHeaderFooterText("A&B", 4)).toBe("A&&B");
  });

  it("keeps holidays in the header block, never on the table's rows or columns, with room to add more", () => {
    const first = holidayCell(0);
    expect(cellAt(cells, first.row, first.column)).toEqual({ kind: "number", value: 46573 });
    expect(HOLIDAY_SLOTS).toBeGreaterThanOrEqual(30);
    for (let slot = 0; slot < HOLIDAY_SLOTS; slot++) expect(holidayCell(slot).row).toBeLessThan(LAYOUT.headerRow);
    const many = describe_({
      holidays: Array.from({ length: 25 }, (_, i) => `2027-0${1 + Math.floor(i / 10)}-${10 + (i % 10)}`),
    });
    const last = holidayCell(24);
    expect(cellAt(many.cells, last.row, last.column)).toMatchObject({ kind: "number" });
    // Every date formula skips the whole block, whatever number of holidays it was made with.
    const dueFormula = cellAt(cells, description.rows[1].row, COLUMN.due);
    expect(dueFormula.kind === "formula" && dueFormula.formula).toContain(`,-1,${HOLIDAYS_REF})`);
  });

  it("estimates taller rows for text that wraps", () => {
    expect(wrappedLines("short", 40)).toBe(1);
    expect(wrappedLines("word ".repeat(30), 20)).toBeGreaterThan(5);
    const intro = description.rows.find((r) => r.id === "bind-30.intro-meeting")!;
    expect(description.rowHeights.find((h) => h.row === intro.row)?.points).toBeGreaterThanOrEqual(30);
  });
});
