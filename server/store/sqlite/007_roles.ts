/**
 * Issue 15: the quality-inspector role (质检员). SQLite cannot alter a CHECK, so the users table is
 * rebuilt the documented way: the runner keeps foreign keys off while migrating and checks them before
 * each commit (index.ts), so sessions and sync clients keep pointing at the same user ids.
 */
export const m007Roles = {
  version: 7,
  name: 'roles',
  up: `
CREATE TABLE users_next (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent','callback_officer','quality_inspector','team_lead','admin')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
INSERT INTO users_next (id, username, display_name, role, password_hash, active, created_at, updated_at, version)
  SELECT id, username, display_name, role, password_hash, active, created_at, updated_at, version FROM users;
DROP TABLE users;
ALTER TABLE users_next RENAME TO users;
`,
};
