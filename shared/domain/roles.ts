export const ROLES = ['agent', 'callback_officer', 'quality_inspector', 'team_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role groups, named once: the API contract, the synced mutations, the complaint workflow, the hub
 * and the menu all ask these, so a role added to a group is added everywhere at once.
 */
export const ALL_ROLES: readonly Role[] = ROLES;
/** Who answers the hotline and keeps call records and complaints (not the callback officers). */
export const CALL_TAKERS: readonly Role[] = ['agent', 'team_lead', 'admin'];
/** Who may record a callback's outcome: the officers first, and anyone who calls a customer back. */
export const CALLBACK_ROLES: readonly Role[] = ['callback_officer', 'agent', 'team_lead', 'admin'];
/** Leads and admins act on anyone's records; agents only on their own (see callRecord rules). */
export const SUPERVISOR_ROLES: readonly Role[] = ['team_lead', 'admin'];
export const ADMIN_ROLES: readonly Role[] = ['admin'];
/**
 * Who draws QA samples, reviews records and decides findings (质检员, and team leads, who may do all an
 * inspector does). Administrators configure the product but do not read agents' appraisals.
 */
export const QA_ROLES: readonly Role[] = ['quality_inspector', 'team_lead'];
/** Who approves leave and reads the team's attendance. */
export const LEAD_ROLES: readonly Role[] = ['team_lead'];
/** Who may publish a new scorecard version (items and weights are settings, versioned like scripts). */
export const SCORECARD_PUBLISHERS: readonly Role[] = ['team_lead', 'admin'];

/** Who hands a shift over and takes one over (交接班): those who work the phones and the queues, and their leads. */
export const HANDOVER_ROLES: readonly Role[] = ['agent', 'callback_officer', 'team_lead'];

export function isQaRole(role: Role): boolean {
  return QA_ROLES.includes(role);
}

export function isSupervisor(role: Role): boolean {
  return SUPERVISOR_ROLES.includes(role);
}

export function isCallTaker(role: Role): boolean {
  return CALL_TAKERS.includes(role);
}
