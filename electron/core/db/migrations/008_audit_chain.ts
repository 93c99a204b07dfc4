import { chainOldAuditRows008 } from './lib/008_audit_chain_data';
import type { Migration } from './types';

/**
 * Issue 12, "Every read audited, and the audit readable": the audit log becomes one row per request
 * (who, with name and role as they were, what, which records and how many, which customers), numbered
 * 1, 2, 3 … on this workstation and chained: each row holds the hash of the row before it, so a deleted
 * or edited row shows as a break. Rows are pushed to the hub (the hub's copy is the one that counts).
 *
 * The old rows (one per record shown) are kept, each as a row of the new format, chained in the order
 * they were written. `seq` never reuses a number (AUTOINCREMENT), so deleting the newest row also leaves
 * a gap. The triggers refuse changes from the application; someone who edits the file can drop them,
 * which is what the chain is for.
 */
export const m008AuditChain: Migration = {
  version: 8,
  name: 'audit_chain',
  up: `
DROP INDEX audit_log_at;
ALTER TABLE audit_log RENAME TO audit_log_007;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workstation TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_ids TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  customer_ids TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
`,
  data: (db) => {
    chainOldAuditRows008(db);
    db.exec('DROP TABLE audit_log_007');
  },
};
