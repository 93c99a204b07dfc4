/** Same shape as the SQLite migration 003: the scrypt hash of the one-time set-up code, deleted by seeding. */
export const m003SetupCode = {
  version: 3,
  name: 'setup_code',
  up: `
CREATE TABLE setup_code (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
};
