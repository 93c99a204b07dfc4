export const ROLES = ['agent', 'callback_officer', 'team_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Leads and admins act on anyone's records; agents only on their own (see callRecord rules). */
export const SUPERVISOR_ROLES: readonly Role[] = ['team_lead', 'admin'];

export function isSupervisor(role: Role): boolean {
  return SUPERVISOR_ROLES.includes(role);
}
