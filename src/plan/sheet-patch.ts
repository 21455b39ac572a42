import type { RepairPlan } from "./repair-plan";
import { ROLES, type RoleList, type ServiceTeam } from "./roles";
import { DATE_FORMAT, TEXT_FORMAT } from "./sheet-style";
import type { CellValue } from "./sheet-types";
import { address, teamCells } from "./sheet-layout";

/**
 * Changes to some cells of a plan sheet in place, described like a whole sheet (a SheetDescription) and rendered
 * by the same writer: a new service team, repaired date formulas, a status change. Pure.
 */
export interface CellWrite {
  /** A1 address of one cell. */
  address: string;
  value: CellValue;
  /** Set first, so a formula is not kept as text in a cell formatted as Text (or a name read as a number). */
  numberFormat?: string;
}

/** The cells a patch writes: what to read before and write back if the change is taken back. */
export function patchAddresses(patch: readonly CellWrite[]): string[] {
  return patch.map((write) => write.address);
}

export const textCell = (text: string): CellValue => (text === "" ? { kind: "empty" } : { kind: "text", text });

/**
 * The service team's names in the header, one cell a role of `roles` (the plan's, `SheetPlan.roles`; empty for a
 * role nobody fills), formatted as Text.
 */
export function teamPatch(team: ServiceTeam, roles: RoleList = ROLES): CellWrite[] {
  return roles.map((role) => {
    const cell = teamCells(role, roles);
    return {
      address: address(cell.row, cell.nameColumn),
      value: textCell((team[role] ?? "").trim()),
      numberFormat: TEXT_FORMAT,
    };
  });
}

/** A repair: each date formula put back (as a date), then the Notes that keep what was typed over them (as Text). */
export function repairPatch(repair: RepairPlan): CellWrite[] {
  return [
    ...repair.formulas.map(({ address: at, formula }) => ({
      address: at,
      value: { kind: "formula", formula } as const,
      numberFormat: DATE_FORMAT,
    })),
    ...repair.notes.map(({ address: at, text }) => ({ address: at, value: textCell(text), numberFormat: TEXT_FORMAT })),
  ];
}
