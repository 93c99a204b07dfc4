import type { Migration } from './types';

/**
 * Issue 12, "Locks": the workstation's login limits and the console's idle lock.
 *
 * `login_attempts` keeps the consecutive failed logins per username (lower case), so that the back-off
 * and the lock after 10 failures survive a restart of the console; a successful login or an unlock by a
 * lead deletes the row. `sessions.locked_at` marks a session whose console locked itself after idle
 * time: kept in the store, not in the page, so that reloading the page cannot skip the password.
 */
export const m009LoginLocks: Migration = {
  version: 9,
  name: 'login_locks',
  up: `
CREATE TABLE login_attempts (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_failed_at TEXT NOT NULL,
  locked_until TEXT
) STRICT;

ALTER TABLE sessions ADD COLUMN locked_at TEXT;
`,
};
