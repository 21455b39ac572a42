import type { RepairPlan } from "../../src/plan/repair-plan";
import { patchAddresses, repairPatch, teamPatch, textCell } from "../../src/plan/sheet-patch";

describe("teamPatch: a new service team written into the header", () => {
  it("writes every role's name cell as Text, empty where nobody fills the role", () => {
    const patch = teamPatch({ AE: " Sam Ortiz ", Producer: "Pat Kim", Claims: "=1+1" });
    expect(patch).toEqual([
      { address: "D3", value: { kind: "text", text: "Pat Kim" }, numberFormat: "@" },
      { address: "D4", value: { kind: "text", text: "Sam Ortiz" }, numberFormat: "@" },
      { address: "D5", value: { kind: "empty" }, numberFormat: "@" },
      { address: "D6", value: { kind: "text", text: "=1+1" }, numberFormat: "@" },
      { address: "D7", value: { kind: "empty" }, numberFormat: "@" },
      { address: "D8", value: { kind: "empty" }, numberFormat: "@" },
      { address: "D9", value: { kind: "empty" }, numberFormat: "@" },
      { address: "D10", value: { kind: "empty" }, numberFormat: "@" },
    ]);
    expect(patchAddresses(teamPatch({}))).toEqual(["D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10"]);
  });
});

describe("repairPatch: restored date formulas, and the Notes that keep what was typed", () => {
  it("writes formulas as dates first, then notes as Text", () => {
    const repair: RepairPlan = {
      cells: [],
      formulas: [
        { address: "E14", formula: "=IF(1,2,3)" },
        { address: "F14", formula: "=IF(4,5,6)" },
      ],
      notes: [{ address: "I14", text: "Due was typed as 2027-03-01 before the formula was restored." }],
    };
    expect(repairPatch(repair)).toEqual([
      { address: "E14", value: { kind: "formula", formula: "=IF(1,2,3)" }, numberFormat: "mmm d, yyyy" },
      { address: "F14", value: { kind: "formula", formula: "=IF(4,5,6)" }, numberFormat: "mmm d, yyyy" },
      {
        address: "I14",
        value: { kind: "text", text: "Due was typed as 2027-03-01 before the formula was restored." },
        numberFormat: "@",
      },
    ]);
  });

  it("writes nothing for a sheet with nothing to repair", () => {
    expect(repairPatch({ cells: [], formulas: [], notes: [] })).toEqual([]);
  });
});

it("textCell: empty text is an empty cell", () => {
  expect(textCell("")).toEqual({ kind: "empty" });
  expect(textCell(" ")).toEqual({ kind: "text", text: " " });
});
