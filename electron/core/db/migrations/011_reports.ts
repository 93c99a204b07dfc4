import type { Migration } from './types';

/**
 * Issue 16, reports: the monthly bulletin and quarterly report drafts (one per period), their published
 * versions (frozen), and shift handovers (docs/reports.md). Synced record types, written only through
 * the write path (ENTITY_STORES).
 */
export const m011Reports: Migration = {
  version: 11,
  name: 'reports',
  up: `
CREATE TABLE bulletins (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  period_key TEXT NOT NULL,
  narrative TEXT NOT NULL,
  published_version INTEGER NOT NULL,
  dirty INTEGER NOT NULL,
  edited_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX bulletins_period ON bulletins(kind, period_key);

CREATE TABLE bulletin_versions (
  id TEXT PRIMARY KEY,
  bulletin_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  period_key TEXT NOT NULL,
  number INTEGER NOT NULL,
  figures TEXT NOT NULL,
  narrative TEXT NOT NULL,
  distribution TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_by_id TEXT NOT NULL
) STRICT;
CREATE INDEX bulletin_versions_bulletin ON bulletin_versions(bulletin_id, number);
CREATE INDEX bulletin_versions_published ON bulletin_versions(published_at);

CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  shift_id TEXT NOT NULL,
  shift_name TEXT NOT NULL,
  items TEXT NOT NULL,
  note TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_id TEXT NOT NULL,
  acknowledged_by TEXT NOT NULL,
  acknowledged_by_id TEXT,
  acknowledged_at TEXT,
  ack_note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX handovers_created ON handovers(created_at);
CREATE INDEX handovers_status ON handovers(status, created_at);
`,
};
