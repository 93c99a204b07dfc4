import type { Migration } from './types';

/**
 * Issue 12, "Confidential by design": a complaint can be confidential (客户保密) like a call record, and
 * one registered from a confidential call is. Existing complaints were never marked and stay as they were
 * (0). They are not marked here from their call: the hub's copies carry no flag, and the next pulled
 * change of such a complaint would clear a flag set only on this workstation; a lead marks them instead
 * (complaints.edit), which syncs.
 */
export const m007ComplaintConfidential: Migration = {
  version: 7,
  name: 'complaint_confidential',
  up: `
ALTER TABLE complaints ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1));
`,
};
