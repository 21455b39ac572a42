import { MAX_ROLES, ROLES, type RoleList, type ServiceTeam } from "../plan/roles";
import { loadStored, store } from "./storage";

/** The last service team used, remembered so the next plan starts with the same people. */
const STORAGE_KEY = "client-service-plan.team";

/** Each role's name as last used, whatever template's roles they were (an agency's own roles included). */
export function loadRememberedTeam(): ServiceTeam {
  const stored = loadStored(STORAGE_KEY);
  if (typeof stored !== "object" || stored === null) return {};
  const team: ServiceTeam = {};
  // Roles of at most a few templates: a stored value larger than that is no team the pane wrote.
  for (const [role, name] of Object.entries(stored).slice(0, MAX_ROLES * 4)) {
    if (typeof name === "string" && name.trim() !== "") team[role] = name;
  }
  return team;
}

export function rememberTeam(team: ServiceTeam): void {
  store(STORAGE_KEY, team);
}

/** Only the roles (of `roles`, the plan's template's) someone fills in, names trimmed. */
export function filledTeam(team: ServiceTeam, roles: RoleList = ROLES): ServiceTeam {
  const filled: ServiceTeam = {};
  for (const role of roles) {
    const name = team[role]?.trim();
    if (name) filled[role] = name;
  }
  return filled;
}
