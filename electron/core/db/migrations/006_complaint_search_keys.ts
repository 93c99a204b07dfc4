import { reindexComplaintSearch006 } from './lib/006_complaint_search_keys_data';
import type { Migration } from './types';

// The search key of a complaint row (see store/complaintIndex.ts): its received second in the high bits and
// its rowid in the low 29, as the call indexes of migration 004. Written out here, not imported: a released
// migration must not change.
const key = (t: string) => `((coalesce(unixepoch(${t}.received_at), 0) << 29) | ${t}.rowid)`;
const FIELDS = ['complaint_no', 'complainant', 'organisation', 'phone', 'problem', 'result'];
const text = (t: string) => FIELDS.map((f) => `${t}.${f}`).join(' || char(10) || ');

/**
 * Issue 6: the tracking sheet's search and channel filter at 200k complaints.
 *
 * Both complaint search indexes are keyed by received second and rowid instead of rowid, so that a common
 * term's hits come out newest (or oldest) first and the default sort stops after a page, as call search
 * does. `complaints_fts` (trigram) becomes contentless: its one column is the searchable fields joined by
 * line breaks, named so that it cannot clash with a complaint column in a join. It is kept by triggers, as
 * before. `complaints_grams` is written by the complaint save (store/complaintIndex.ts); the triggers here
 * only drop a row's old tokens when its received time changes or the row goes.
 *
 * The channel index becomes (channel, received_at, id, status): a channel's complaints newest first are an
 * index walk, and its count still reads the index only.
 */
export const m006ComplaintSearchKeys: Migration = {
  version: 6,
  name: 'complaint_search_keys',
  up: `
DROP TRIGGER complaints_fts_insert;
DROP TRIGGER complaints_fts_update;
DROP TRIGGER complaints_fts_delete;
DROP TABLE complaints_fts;
DROP TABLE complaints_grams;

CREATE VIRTUAL TABLE complaints_fts USING fts5(searchable, content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN
  INSERT INTO complaints_fts (rowid, searchable) VALUES (${key('new')}, ${text('new')});
END;
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF received_at, ${FIELDS.join(', ')} ON complaints
WHEN ${['received_at', ...FIELDS].map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')} BEGIN
  DELETE FROM complaints_fts WHERE rowid = ${key('old')};
  INSERT INTO complaints_fts (rowid, searchable) VALUES (${key('new')}, ${text('new')});
END;
CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints BEGIN
  DELETE FROM complaints_fts WHERE rowid = ${key('old')};
END;

CREATE VIRTUAL TABLE complaints_grams USING fts5(
  grams, content='', contentless_delete=1, detail='none', prefix='1', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER complaints_grams_move AFTER UPDATE OF received_at ON complaints WHEN old.received_at IS NOT new.received_at BEGIN
  DELETE FROM complaints_grams WHERE rowid = ${key('old')};
END;
CREATE TRIGGER complaints_grams_delete AFTER DELETE ON complaints BEGIN
  DELETE FROM complaints_grams WHERE rowid = ${key('old')};
END;

DROP INDEX complaints_channel;
CREATE INDEX complaints_channel ON complaints(channel, received_at, id, status);
`,
  // A frozen copy of the step, not the live store code: a released migration must not change.
  data: reindexComplaintSearch006,
};
