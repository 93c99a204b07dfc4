import { reindexAllCalls004 } from './lib/004_call_search_data';
import type { Migration } from './types';

// The search key of a call row (see store/callIndex.ts): its answered second in the high bits and its
// rowid in the low 29, so that full-text hits come out of the index newest first and map back to the
// row without a lookup table. Written out here, not imported: a released migration must not change.
const key = (t: string) => `((coalesce(unixepoch(${t}.answered_at), 0) << 29) | ${t}.rowid)`;
const shown = (t: string) => `${t}.record_no || char(10) || ${t}.caller_name || char(10) || ${t}.organisation || char(10) || ${t}.report_no`;
const hidden = (t: string) =>
  `${t}.phone || char(10) || ${t}.phone_normalized || char(10) || ${t}.content || char(10) || ${t}.reply_content || char(10) || ${t}.suggestions`;
const COLUMNS = ['answered_at', 'record_no', 'caller_name', 'organisation', 'report_no', 'phone', 'phone_normalized', 'content', 'reply_content', 'suggestions'];

/**
 * Issue 6: search over call records, caller lookup by the last four digits, and two sort/filter indexes
 * of the tracking sheet.
 *
 * Call search is split in two columns: `shown` (what the call list shows of every record) and `hidden`
 * (phone, content, reply, suggestions: what a confidential record hides from users who may not see it),
 * so that a search can be limited to `shown` for those records. `calls_fts` (trigram, terms of three or
 * more characters) is kept by the triggers below; `calls_grams` (two-character tokens, terms of one or
 * two) is written by every call save (store/callIndex.ts). Both are contentless: the text is in
 * call_records already. Virtual tables cannot be STRICT.
 */
export const m004CallSearch: Migration = {
  version: 4,
  name: 'call_search',
  up: `
CREATE VIRTUAL TABLE calls_fts USING fts5(shown, hidden, content='', contentless_delete=1, tokenize='trigram');
CREATE TRIGGER call_records_fts_insert AFTER INSERT ON call_records BEGIN
  INSERT INTO calls_fts (rowid, shown, hidden) VALUES (${key('new')}, ${shown('new')}, ${hidden('new')});
END;
CREATE TRIGGER call_records_fts_update AFTER UPDATE OF ${COLUMNS.join(', ')} ON call_records
WHEN ${COLUMNS.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')} BEGIN
  DELETE FROM calls_fts WHERE rowid = ${key('old')};
  INSERT INTO calls_fts (rowid, shown, hidden) VALUES (${key('new')}, ${shown('new')}, ${hidden('new')});
END;
CREATE TRIGGER call_records_fts_delete AFTER DELETE ON call_records BEGIN
  DELETE FROM calls_fts WHERE rowid = ${key('old')};
END;

CREATE VIRTUAL TABLE calls_grams USING fts5(
  shown, hidden, content='', contentless_delete=1, detail='column', prefix='1', tokenize='unicode61 remove_diacritics 0'
);

-- "The caller's number ends in 1234": an index seek instead of a LIKE scan of every number.
CREATE INDEX customer_phones_last4 ON customer_phones(substr(normalized, -4));

-- Tracking sheet: latest deadline first as an index walk; the channel filter without a table scan, its
-- count (status is in the index: the sheet leaves voided complaints out) without reading the rows.
CREATE INDEX complaints_next_deadline_desc ON complaints((next_deadline IS NULL), next_deadline DESC, id DESC);
CREATE INDEX complaints_channel ON complaints(channel, status, received_at);
`,
  // A frozen copy of the step, not the live store code: a released migration must not change.
  data: reindexAllCalls004,
};
