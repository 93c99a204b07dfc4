import type { Migration } from './types';

/**
 * Issue 15, quality and appraisal: QA samples (one per agent per month), reviews and findings,
 * scorecard versions, attendance and leave (docs/quality.md). Every table is a synced record type;
 * its rows are written only by the write path (ENTITY_STORES). `call_records.recording_ref` is the
 * call recording's reference, filled by the CTI or by hand, shown to the reviewer.
 */
export const m010Quality: Migration = {
  version: 10,
  name: 'quality',
  up: `
CREATE TABLE qa_samples (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  seed TEXT,
  rate_percent INTEGER NOT NULL,
  population INTEGER NOT NULL,
  items TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  drawn_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX qa_samples_month ON qa_samples(month, agent_id);
CREATE INDEX qa_samples_agent ON qa_samples(agent_id, month);

CREATE TABLE qa_reviews (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  record_no TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  scorecard_id TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  items TEXT NOT NULL,
  scores TEXT NOT NULL,
  score REAL NOT NULL,
  voided INTEGER NOT NULL,
  comment TEXT NOT NULL,
  reviewer_id TEXT NOT NULL,
  reviewer_name TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  teaching_case TEXT,
  case_note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX qa_reviews_month ON qa_reviews(month, agent_id);
CREATE INDEX qa_reviews_agent ON qa_reviews(agent_id, reviewed_at);
CREATE INDEX qa_reviews_case ON qa_reviews(teaching_case, reviewed_at) WHERE teaching_case IS NOT NULL;

CREATE TABLE qa_findings (
  id TEXT PRIMARY KEY,
  review_id TEXT NOT NULL,
  month TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  record_no TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  item_id TEXT,
  text TEXT NOT NULL,
  fatal INTEGER NOT NULL,
  status TEXT NOT NULL,
  due_at TEXT NOT NULL,
  report TEXT NOT NULL,
  reported_at TEXT,
  appeal TEXT NOT NULL,
  appealed_at TEXT,
  decision_reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT,
  closed_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX qa_findings_review ON qa_findings(review_id);
CREATE INDEX qa_findings_agent ON qa_findings(agent_id, status, due_at);
CREATE INDEX qa_findings_due ON qa_findings(status, due_at);

CREATE TABLE scorecard_versions (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  items TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  built_in INTEGER NOT NULL
) STRICT;
CREATE INDEX scorecard_versions_version ON scorecard_versions(version);

CREATE TABLE attendance (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  day TEXT NOT NULL,
  shift TEXT NOT NULL,
  workstation TEXT NOT NULL,
  sign_in_at TEXT NOT NULL,
  sign_out_at TEXT,
  late_minutes INTEGER NOT NULL,
  early_minutes INTEGER,
  hub_received_at TEXT,
  clock_offset_seconds INTEGER,
  clock_suspect INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX attendance_user_day ON attendance(user_id, day);
CREATE INDEX attendance_day ON attendance(day);

CREATE TABLE leave_requests (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  type TEXT NOT NULL,
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT,
  refuse_reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX leave_requests_user ON leave_requests(user_id, from_day);
CREATE INDEX leave_requests_status ON leave_requests(status, from_day);

ALTER TABLE call_records ADD COLUMN recording_ref TEXT NOT NULL DEFAULT '';

CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;
DELETE FROM sessions;
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
INSERT INTO sessions SELECT * FROM sessions_kept;
DROP TABLE sessions_kept;
`,
};
