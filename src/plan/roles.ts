/**
 * Roles of an agency service team. The role list belongs to the template (`Template.roles`): an agency may add
 * "Account Manager" or rename "Associate AE". ROLES are the default template's roles, in the order its plan
 * sheets list them; every function that takes a role list defaults to them.
 */
export const ROLES = [
  "Producer",
  "AE",
  "Associate AE",
  "Claims",
  "Marketing",
  "Client Services",
  "Loss Control",
  "WC Recovery",
] as const;

/** A role as its template names it, e.g. "AE" or "Account Manager". */
export type Role = string;

/** A template's roles, in the order its plan sheets list them. */
export type RoleList = readonly Role[];

/**
 * At most this many roles: a plan sheet's service team block (C3:D10) has one row a role. A ninth role would
 * move the header's every block; a template check refuses it instead (template-checks.ts).
 */
export const MAX_ROLES = 8;

/** A person named for each role on one client's account; roles nobody fills are left out. */
export type ServiceTeam = Partial<Record<Role, string>>;

export function isRole(value: string, roles: RoleList = ROLES): boolean {
  return roles.includes(value);
}
