import type { Migration } from './types';

/**
 * Issue 16, the shift handover: a team lead's handover lists every call still awaiting the reply promised
 * to the caller, soonest promise first. Without an index that is a scan of every call record (about a
 * second at a million calls, on the thread that serves the call screen); these calls are a small share of
 * all, so a partial index holds only them.
 */
export const m012AwaitingReply: Migration = {
  version: 12,
  name: 'awaiting_reply',
  up: `
CREATE INDEX call_records_awaiting_reply ON call_records(promised_reply_by, answered_at) WHERE status = 'awaiting_reply' AND voided = 0;
`,
};
