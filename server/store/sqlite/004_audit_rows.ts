/**
 * Issue 12: the audit rows workstations push (`POST /sync/audit`), kept append-only: the triggers refuse
 * any UPDATE or DELETE, and no route writes anything but inserts. `audit_customers` indexes the customers
 * each row names, for the viewer's customer filter; `audit_breaks` records every break in a workstation's
 * chain the hub saw on receipt, so that rows sent later cannot make a gap disappear.
 */
export const m004AuditRows = {
  version: 4,
  name: 'audit_rows',
  up: `
CREATE TABLE audit_rows (
  workstation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_ids TEXT NOT NULL,
  count INTEGER NOT NULL,
  customer_ids TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  PRIMARY KEY (workstation, seq)
) STRICT;
CREATE INDEX audit_rows_at ON audit_rows(at);
CREATE INDEX audit_rows_actor ON audit_rows(actor_id, at);

CREATE TABLE audit_customers (
  customer_id TEXT NOT NULL,
  workstation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (customer_id, workstation, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_breaks (
  workstation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (workstation, seq, kind)
) STRICT;

CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_breaks_no_update BEFORE UPDATE ON audit_breaks BEGIN SELECT RAISE(ABORT, 'audit breaks are append-only'); END;
CREATE TRIGGER audit_breaks_no_delete BEFORE DELETE ON audit_breaks BEGIN SELECT RAISE(ABORT, 'audit breaks are append-only'); END;
`,
};
