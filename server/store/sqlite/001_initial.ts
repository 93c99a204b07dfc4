/**
 * The hub's first schema. `sync_rows` holds every record once at its latest state (so a first pull
 * is a snapshot); `seq_counter` hands out the global order inside the write transaction.
 * Users keep their hashes here only; their sync rows are public.
 */
export const m001Initial = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE seq_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL) STRICT;
INSERT INTO seq_counter (id, value) VALUES (1, 0);

CREATE TABLE sync_rows (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, id)
) STRICT;

CREATE TABLE history (
  hseq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id, hseq);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent','callback_officer','team_lead','admin')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  workstation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sync_clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  workstation TEXT NOT NULL,
  last_mutation_id INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Kept so that a replayed batch is answered with exactly the acks the first attempt got.
CREATE TABLE sync_acks (
  client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
  mutation_id INTEGER NOT NULL,
  ack TEXT NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
) STRICT, WITHOUT ROWID;
`,
};
