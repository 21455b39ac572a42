import { isRole, type Role } from "../plan/roles";
import type { MyWorkQuery } from "../service/types";
import { loadStored, store } from "./storage";

/** Whose work My work lists: a person on a plan's team, everyone in a role, or everyone. */
export type WhoseWork = { kind: "person"; name: string } | { kind: "role"; role: Role } | { kind: "everyone" };

export const EVERYONE: WhoseWork = { kind: "everyone" };

/** The last choice, remembered so that My work opens on the same person. */
const STORAGE_KEY = "client-service-plan.my-work";

/** The choice as one string, for a <select>'s option value: "person:Dana Lee", "role:AE", "everyone". */
export function whoseWorkKey(whose: WhoseWork): string {
  return whose.kind === "person" ? `person:${whose.name}` : whose.kind === "role" ? `role:${whose.role}` : "everyone";
}

/** The choice an option value stands for; everyone's for a value that names nothing. */
export function whoseWorkOf(key: string): WhoseWork {
  if (key.startsWith("person:") && key.length > "person:".length) return { kind: "person", name: key.slice(7) };
  const role = key.startsWith("role:") ? key.slice(5) : "";
  return isRole(role) ? { kind: "role", role } : EVERYONE;
}

export function queryOf(whose: WhoseWork): MyWorkQuery {
  return whose.kind === "person" ? { person: whose.name } : whose.kind === "role" ? { role: whose.role } : {};
}

/** The choice made last; everyone's work when nothing (or nothing readable) was remembered. */
export function loadWhoseWork(): WhoseWork {
  const stored = loadStored(STORAGE_KEY);
  return typeof stored === "string" ? whoseWorkOf(stored) : EVERYONE;
}

export function rememberWhoseWork(whose: WhoseWork): void {
  store(STORAGE_KEY, whoseWorkKey(whose));
}
