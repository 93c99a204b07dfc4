/** Same shape as the SQLite migration 004: append-only audit rows, their customers, and the chain breaks seen on receipt. */
export const m004AuditRows = {
  version: 4,
  name: 'audit_rows',
  up: `
CREATE TABLE audit_rows (
  workstation TEXT NOT NULL,
  seq BIGINT NOT NULL,
  id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_ids TEXT NOT NULL,
  count BIGINT NOT NULL,
  customer_ids TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  PRIMARY KEY (workstation, seq)
);
CREATE INDEX audit_rows_at ON audit_rows(at);
CREATE INDEX audit_rows_actor ON audit_rows(actor_id, at);

CREATE TABLE audit_customers (
  customer_id TEXT NOT NULL,
  workstation TEXT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (customer_id, workstation, seq)
);

CREATE TABLE audit_breaks (
  workstation TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (workstation, seq, kind)
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit rows are append-only';
END
$fn$;
CREATE TRIGGER audit_rows_append_only BEFORE UPDATE OR DELETE ON audit_rows FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_breaks_append_only BEFORE UPDATE OR DELETE ON audit_breaks FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_rows_no_truncate BEFORE TRUNCATE ON audit_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_breaks_no_truncate BEFORE TRUNCATE ON audit_breaks FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`,
};
