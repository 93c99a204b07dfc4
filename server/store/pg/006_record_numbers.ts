/** Same as the SQLite migration 006: human numbers unique on the hub (server/checks.ts). */
export const m006RecordNumbers = {
  version: 6,
  name: 'record_numbers',
  up: `
CREATE TABLE record_numbers (
  entity TEXT NOT NULL,
  number TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (entity, number)
);
INSERT INTO record_numbers (entity, number, record_id)
  SELECT entity, data::jsonb->>'recordNo', id FROM sync_rows WHERE entity = 'call' AND data::jsonb->>'recordNo' IS NOT NULL ORDER BY seq
  ON CONFLICT DO NOTHING;
INSERT INTO record_numbers (entity, number, record_id)
  SELECT entity, data::jsonb->>'complaintNo', id FROM sync_rows WHERE entity = 'complaint' AND data::jsonb->>'complaintNo' IS NOT NULL ORDER BY seq
  ON CONFLICT DO NOTHING;
`,
};
