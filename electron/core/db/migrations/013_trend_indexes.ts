import type { Migration } from './types';

/**
 * Issue 16, trends on the board: each series counts a range of one time column per day or month (calls
 * answered with a score, callbacks done, complaints received, complaints' agreed reply times). Without these
 * covering indexes the reply-deadline series scanned every complaint once per bucket (7.5 s for 30 days at
 * 200k complaints) and the twelve months of scores looked up 600k call rows (0.6 s); with them the 30 days
 * take 30 ms and the 12 months 0.3 s. Calls with a score and complaints with a reply time are partial indexes:
 * only those rows are counted.
 */
export const m013TrendIndexes: Migration = {
  version: 13,
  name: 'trend_indexes',
  up: `
CREATE INDEX call_records_rated ON call_records(answered_at, satisfaction) WHERE satisfaction IS NOT NULL AND voided = 0;
CREATE INDEX callbacks_done ON callbacks(status, done_at, satisfaction);
CREATE INDEX complaints_received_severity ON complaints(received_at, severity, status);
CREATE INDEX complaints_reply_due ON complaints(agreed_reply_by, status, completed_at) WHERE agreed_reply_by IS NOT NULL;
`,
};
