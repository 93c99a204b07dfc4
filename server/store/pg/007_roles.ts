/** Issue 15: the quality-inspector role (质检员) joins the users table's role CHECK. */
export const m007Roles = {
  version: 7,
  name: 'roles',
  up: `
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('agent','callback_officer','quality_inspector','team_lead','admin'));
`,
};
