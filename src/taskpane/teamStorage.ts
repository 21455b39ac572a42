import { ROLES, type ServiceTeam } from "../plan/roles";
import { loadStored, store } from "./storage";

/** The last service team used, remembered so the next plan starts with the same people. */
const STORAGE_KEY = "client-service-plan.team";

export function loadRememberedTeam(): ServiceTeam {
  const stored = loadStored(STORAGE_KEY);
  if (typeof stored !== "object" || stored === null) return {};
  const team: ServiceTeam = {};
  for (const role of ROLES) {
    const name = (stored as Record<string, unknown>)[role];
    if (typeof name === "string" && name.trim() !== "") team[role] = name;
  }
  return team;
}

export function rememberTeam(team: ServiceTeam): void {
  store(STORAGE_KEY, team);
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
