import type { Migration } from './types';

/**
 * The first schema: settings, users, sessions, customers, call records (annex 1), and the three
 * journals every write goes through (history, outbox) plus the read audit. STRICT everywhere so a
 * wrong type is refused by SQLite itself, not silently coerced.
 */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;

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
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  address TEXT NOT NULL,
  phones TEXT NOT NULL,
  service_requirements TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_organisation ON customers(organisation);

-- One row per number of a customer; the screen pop looks up either the full or the local number.
CREATE TABLE customer_phones (
  customer_id TEXT NOT NULL REFERENCES customers(id),
  normalized TEXT NOT NULL,
  local TEXT NOT NULL,
  PRIMARY KEY (customer_id, normalized)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_phones_normalized ON customer_phones(normalized);
CREATE INDEX customer_phones_local ON customer_phones(local);

CREATE TABLE call_records (
  id TEXT PRIMARY KEY,
  record_no TEXT NOT NULL UNIQUE,
  workstation TEXT NOT NULL,
  rang_at TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  answered_late INTEGER NOT NULL,
  ended_at TEXT,
  duration_sec INTEGER,
  caller_name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  phone TEXT NOT NULL,
  phone_normalized TEXT NOT NULL,
  address TEXT NOT NULL,
  customer_id TEXT REFERENCES customers(id),
  category TEXT,
  report_no TEXT NOT NULL,
  content TEXT NOT NULL,
  special_situations TEXT NOT NULL,
  answered_on_spot INTEGER,
  departments_coordinated TEXT NOT NULL,
  promised_reply_by TEXT,
  reply_content TEXT NOT NULL,
  replied_at TEXT,
  replied_by TEXT NOT NULL,
  solutions TEXT NOT NULL,
  chosen_solution INTEGER,
  satisfaction INTEGER,
  suggestions TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  confidential INTEGER NOT NULL,
  status TEXT NOT NULL,
  closed_at TEXT,
  voided INTEGER NOT NULL,
  void_reason TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX call_records_answered ON call_records(answered_at);
CREATE INDEX call_records_phone ON call_records(phone_normalized, answered_at);
CREATE INDEX call_records_customer ON call_records(customer_id, answered_at);
CREATE INDEX call_records_agent ON call_records(agent_id, answered_at);

-- Append-only: who changed which fields of which record, before and after.
CREATE TABLE history (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id, at);

-- The sync outbox (docs/sync.md), written in the same transaction as the change. A client is one
-- user on this workstation; mutation_id is 1, 2, 3 … per client.
CREATE TABLE sync_clients (
  user_id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  hub_token TEXT,
  last_acked INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE outbox (
  client_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  args TEXT NOT NULL,
  base TEXT,
  actor_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','applied','rejected','conflict','local')),
  result TEXT,
  PRIMARY KEY (client_id, mutation_id)
) STRICT;
CREATE INDEX outbox_pending ON outbox(state, client_id, mutation_id);
CREATE INDEX outbox_entity ON outbox(entity, entity_id, state);

-- A stale offline change the hub did not apply: shown on the record until re-applied or discarded.
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  mutation_name TEXT NOT NULL,
  args TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('rejected','conflict')),
  reason TEXT NOT NULL,
  server_state TEXT,
  by_name TEXT,
  by_at TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE INDEX sync_conflicts_entity ON sync_conflicts(entity, entity_id);

-- The hub's state of every synced record, as last pulled. The local row is this plus the pending
-- outbox mutations re-applied on top (rebase), so unacknowledged edits survive a pull.
CREATE TABLE sync_base (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE serials (key TEXT PRIMARY KEY, last INTEGER NOT NULL) STRICT;

CREATE TABLE drafts (
  key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;

-- Who looked at or exported confidential customer data (000 §8, §46–49).
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
`,
};
