/**
 * Issue 13: human numbers are unique on the hub (server/checks.ts). Numbers of records the hub already
 * holds are taken in order of arrival; a clash that got in before this version stays with the earlier record.
 */
export const m006RecordNumbers = {
  version: 6,
  name: 'record_numbers',
  up: `
CREATE TABLE record_numbers (
  entity TEXT NOT NULL,
  number TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (entity, number)
) STRICT, WITHOUT ROWID;
INSERT INTO record_numbers (entity, number, record_id)
  SELECT entity, json_extract(data, '$.recordNo'), id FROM sync_rows WHERE entity = 'call' AND json_extract(data, '$.recordNo') IS NOT NULL ORDER BY seq
  ON CONFLICT DO NOTHING;
INSERT INTO record_numbers (entity, number, record_id)
  SELECT entity, json_extract(data, '$.complaintNo'), id FROM sync_rows WHERE entity = 'complaint' AND json_extract(data, '$.complaintNo') IS NOT NULL ORDER BY seq
  ON CONFLICT DO NOTHING;
`,
};
