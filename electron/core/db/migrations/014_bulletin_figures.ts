import type { Migration } from './types';

/**
 * Issue 16, the monthly bulletin: its figures read every call and complaint of three periods (the month,
 * the one before, the same one last year). These covering indexes hold what the figures read, so no table
 * row is visited, and the response and handling times as indexed expressions (whole milliseconds), so the
 * two timestamps of each row are not parsed again on every read. The store's queries spell the same
 * expressions (store/bulletinFigures.ts). Key accounts are a few in a hundred customers: a partial index
 * lists them. On 1M calls and 200k complaints this took a month's bulletin from about 3 s to a few
 * hundred milliseconds (docs/reports.md has the bench's figures).
 */
export const m014BulletinFigures: Migration = {
  version: 14,
  name: 'bulletin_figures',
  up: `
CREATE INDEX call_records_figures ON call_records(answered_at, voided, category, answered_late, answered_on_spot,
  CAST(round((unixepoch(answered_at, 'subsec') - unixepoch(rang_at, 'subsec')) * 1000) AS INTEGER));
CREATE INDEX complaints_figures ON complaints(received_at, status, severity, type, channel, escalated_at, assigned_at, reported_at);
CREATE INDEX complaints_handling ON complaints(completed_at, status,
  CAST(round((unixepoch(completed_at, 'subsec') - unixepoch(received_at, 'subsec')) * 1000) AS INTEGER));
CREATE INDEX customers_key_accounts ON customers(key_account) WHERE key_account = 1;
`,
};
