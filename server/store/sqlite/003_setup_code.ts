/**
 * Issue 12: the one-time set-up code. Until the first workstation seeds the hub, `POST /hub/setup`
 * needs the code the hub printed at start; only its scrypt hash is kept, and seeding deletes it.
 * (002 is another change of the same release.)
 */
export const m003SetupCode = {
  version: 3,
  name: 'setup_code',
  up: `
CREATE TABLE setup_code (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
`,
};
