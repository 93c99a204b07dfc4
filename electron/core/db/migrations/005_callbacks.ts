import type { Migration } from './types';

/**
 * The callback queue and published script versions, plus the call and
 * customer fields they need. Rows are synced records: no foreign keys, because a pulled page may
 * bring a callback before the call or complaint it points at.
 */
export const m005Callbacks: Migration = {
  version: 5,
  name: 'callbacks',
  up: `
CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open','done','unreachable','cancelled')),
  due_at TEXT NOT NULL,
  customer_id TEXT,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  phone TEXT NOT NULL,
  phone_normalized TEXT NOT NULL,
  subject TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT,
  call_id TEXT,
  complaint_id TEXT,
  complaint_round INTEGER,
  assignee_id TEXT,
  assignee_name TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_attempt_at TEXT,
  next_attempt_at TEXT,
  satisfaction TEXT,
  score INTEGER,
  accuracy TEXT,
  timeliness TEXT,
  attitude TEXT,
  unsatisfactory TEXT NOT NULL,
  remaining_problems TEXT NOT NULL,
  suggestions TEXT NOT NULL,
  evaluation TEXT NOT NULL,
  note TEXT NOT NULL,
  script_version_id TEXT,
  done_at TEXT,
  done_by TEXT NOT NULL,
  cancel_reason TEXT NOT NULL,
  import_batch TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- The queue's order: when the callback can next be worked (a retry never comes before its time).
  queue_at TEXT GENERATED ALWAYS AS (max(due_at, coalesce(next_attempt_at, due_at))) VIRTUAL
) STRICT;
CREATE INDEX callbacks_status_due ON callbacks(status, due_at);
CREATE INDEX callbacks_assignee_status_due ON callbacks(assignee_id, status, due_at);
CREATE INDEX callbacks_queue ON callbacks(status, queue_at, id);
CREATE INDEX callbacks_assignee_queue ON callbacks(assignee_id, status, queue_at, id);
CREATE INDEX callbacks_complaint ON callbacks(complaint_id);
CREATE INDEX callbacks_customer_kind ON callbacks(customer_id, kind);
CREATE INDEX callbacks_phone ON callbacks(phone_normalized);

CREATE TABLE script_versions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  steps TEXT NOT NULL,
  specials TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  built_in INTEGER NOT NULL
) STRICT;
CREATE INDEX script_versions_kind ON script_versions(kind, created_at, version);

ALTER TABLE call_records ADD COLUMN transferred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE call_records ADD COLUMN script_version_id TEXT;
ALTER TABLE customers ADD COLUMN key_account INTEGER NOT NULL DEFAULT 0;
`,
  // The version before this one skipped pulled callback and script rows it did not know, and moved its
  // cursor past them: pull everything again once, so that nothing another workstation made is missing.
  data: (db) => {
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'sync_cursor'").run();
  },
};
