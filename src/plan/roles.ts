/** The roles of an agency service team, in the order the plan sheet lists them. */
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

export type Role = (typeof ROLES)[number];

/** A person named for each role on one client's account; roles nobody fills are left out. */
export type ServiceTeam = Partial<Record<Role, string>>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
