import { ROLES, type ServiceTeam } from "../plan/roles";

/** The last service team used, remembered so the next plan starts with the same people. */
const STORAGE_KEY = "client-service-plan.team";

export function loadRememberedTeam(): ServiceTeam {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "{}");
    if (typeof stored !== "object" || stored === null) return {};
    const team: ServiceTeam = {};
    for (const role of ROLES) {
      const name = (stored as Record<string, unknown>)[role];
      if (typeof name === "string" && name.trim() !== "") team[role] = name;
    }
    return team;
  } catch {
    // Storage can be disabled (private mode, locked-down Office): start with an empty team.
    return {};
  }
}

export function rememberTeam(team: ServiceTeam): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(team));
  } catch {
    // Remembering is a convenience; a full or disabled storage must not stop the plan from being created.
  }
}

/** Only the roles someone fills in, names trimmed. */
export function filledTeam(team: ServiceTeam): ServiceTeam {
  const filled: ServiceTeam = {};
  for (const role of ROLES) {
    const name = team[role]?.trim();
    if (name) filled[role] = name;
  }
  return filled;
}
