import { reindexAllComplaints003 } from './lib/003_tracking_data';
import type { Migration } from './types';

/**
 * The tracking sheet (annex 3): the stored next deadline with the indexes its sorts and filters use,
 * full-text search (trigram FTS5 kept by triggers for terms of three or more characters; two-character
 * tokens written by the complaint save for terms of one or two), and per-user view preferences.
 * Virtual tables cannot be STRICT; every ordinary table here is.
 */
export const m003Tracking: Migration = {
  version: 3,
  name: 'tracking',
  up: `
ALTER TABLE complaints ADD COLUMN next_deadline TEXT;
CREATE INDEX complaints_next_deadline ON complaints((next_deadline IS NULL), next_deadline, id);
CREATE INDEX complaints_severity ON complaints(severity, received_at);
CREATE INDEX complaints_open_deadline ON complaints(status, next_deadline);
CREATE INDEX complaints_completed ON complaints(completed_at);
CREATE INDEX complaints_callback_due ON complaints(callback_due_at);
CREATE INDEX complaints_closed ON complaints(closed_at);

CREATE VIRTUAL TABLE complaints_fts USING fts5(
  complaint_no, complainant, organisation, phone, problem, result,
  content='complaints', content_rowid='rowid', tokenize='trigram'
);
INSERT INTO complaints_fts (complaints_fts) VALUES ('rebuild');
CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN
  INSERT INTO complaints_fts (rowid, complaint_no, complainant, organisation, phone, problem, result)
  VALUES (new.rowid, new.complaint_no, new.complainant, new.organisation, new.phone, new.problem, new.result);
END;
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF complaint_no, complainant, organisation, phone, problem, result ON complaints BEGIN
  INSERT INTO complaints_fts (complaints_fts, rowid, complaint_no, complainant, organisation, phone, problem, result)
  VALUES ('delete', old.rowid, old.complaint_no, old.complainant, old.organisation, old.phone, old.problem, old.result);
  INSERT INTO complaints_fts (rowid, complaint_no, complainant, organisation, phone, problem, result)
  VALUES (new.rowid, new.complaint_no, new.complainant, new.organisation, new.phone, new.problem, new.result);
END;
CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints BEGIN
  INSERT INTO complaints_fts (complaints_fts, rowid, complaint_no, complainant, organisation, phone, problem, result)
  VALUES ('delete', old.rowid, old.complaint_no, old.complainant, old.organisation, old.phone, old.problem, old.result);
END;

CREATE VIRTUAL TABLE complaints_grams USING fts5(
  grams, content='', contentless_delete=1, detail='none', prefix='1', tokenize='unicode61 remove_diacritics 0'
);

CREATE TABLE user_prefs (
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;
`,
  // A frozen copy of the step, not the live store code: a released migration must not change.
  data: reindexAllComplaints003,
};
