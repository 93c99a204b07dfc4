/** Same shape as the SQLite schema; data stays JSON text so both stores share one query layer. */
export const m001Initial = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE seq_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL);
INSERT INTO seq_counter (id, value) VALUES (1, 0);

CREATE TABLE sync_rows (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, id)
);

CREATE TABLE history (
  hseq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX history_entity ON history(entity, entity_id, hseq);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent','callback_officer','team_lead','admin')),
  password_hash TEXT NOT NULL,
  active SMALLINT NOT NULL CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  workstation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sync_clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  workstation TEXT NOT NULL,
  last_mutation_id BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sync_acks (
  client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
  mutation_id BIGINT NOT NULL,
  ack TEXT NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);
`,
};
