import { AUDIT_COLUMNS, type AuditBreak, type AuditBreakKind, type AuditDbRow, type AuditFilter, type AuditRow, auditFilterSql, auditRowFromDb, auditRowValues } from '../../shared/sync/audit';
import type { Sql } from './types';

/**
 * The hub's audit rows (migration 004): inserts and reads only. Both dialects share these statements;
 * integers come back from PostgreSQL as strings, hence Number().
 */
export interface AuditOps {
  get(workstation: string, seq: number): Promise<AuditRow | null>;
  /** The row just before `seq` on that workstation (the highest lower seq), or null. */
  before(workstation: string, seq: number): Promise<AuditRow | null>;
  maxSeq(workstation: string): Promise<number>;
  insert(row: AuditRow, receivedAt: string, receivedBy: string): Promise<void>;
  /** Idempotent: a break already recorded stays as it was. */
  recordBreak(b: AuditBreak): Promise<void>;
  breaks(): Promise<AuditBreak[]>;
  workstations(): Promise<string[]>;
  /** One workstation's rows in seq order, a page at a time. */
  chainPage(workstation: string, afterSeq: number, limit: number): Promise<AuditRow[]>;
  query(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }>;
}

export function auditOps(sql: Sql): AuditOps {
  return {
    async get(workstation, seq) {
      const r = await sql.get<AuditDbRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_rows WHERE workstation = ? AND seq = ?`, [workstation, seq]);
      return r ? auditRowFromDb(r) : null;
    },
    async before(workstation, seq) {
      const r = await sql.get<AuditDbRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_rows WHERE workstation = ? AND seq < ? ORDER BY seq DESC LIMIT 1`, [workstation, seq]);
      return r ? auditRowFromDb(r) : null;
    },
    async maxSeq(workstation) {
      const r = await sql.get<{ n: number | string | null }>('SELECT max(seq) AS n FROM audit_rows WHERE workstation = ?', [workstation]);
      return Number(r?.n ?? 0);
    },
    async insert(row, receivedAt, receivedBy) {
      await sql.run(`INSERT INTO audit_rows (${AUDIT_COLUMNS}, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        ...auditRowValues(row),
        receivedAt,
        receivedBy,
      ]);
      for (const c of new Set(row.customerIds)) {
        await sql.run('INSERT INTO audit_customers (customer_id, workstation, seq) VALUES (?, ?, ?)', [c, row.workstation, row.seq]);
      }
    },
    async recordBreak(b) {
      await sql.run('INSERT INTO audit_breaks (workstation, seq, kind, detail, detected_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        b.workstation,
        b.seq,
        b.kind,
        b.detail,
        b.detectedAt,
      ]);
    },
    async breaks() {
      const rows = await sql.all<{ workstation: string; seq: number | string; kind: string; detail: string; detected_at: string }>(
        'SELECT * FROM audit_breaks ORDER BY workstation, seq, kind',
      );
      return rows.map((r) => ({ workstation: r.workstation, seq: Number(r.seq), kind: r.kind as AuditBreakKind, detail: r.detail, detectedAt: r.detected_at }));
    },
    async workstations() {
      const rows = await sql.all<{ workstation: string }>('SELECT DISTINCT workstation FROM audit_rows UNION SELECT DISTINCT workstation FROM audit_breaks ORDER BY workstation');
      return rows.map((r) => r.workstation);
    },
    async chainPage(workstation, afterSeq, limit) {
      const rows = await sql.all<AuditDbRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_rows WHERE workstation = ? AND seq > ? ORDER BY seq LIMIT ?`, [workstation, afterSeq, limit]);
      return rows.map(auditRowFromDb);
    },
    async query(f, limit, offset) {
      const { sql: where, args } = auditFilterSql(
        f,
        'EXISTS (SELECT 1 FROM audit_customers c WHERE c.customer_id = ? AND c.workstation = audit_rows.workstation AND c.seq = audit_rows.seq)',
      );
      const total = await sql.get<{ n: number | string }>(`SELECT count(*) AS n FROM audit_rows ${where}`, args);
      const rows = await sql.all<AuditDbRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_rows ${where} ORDER BY at DESC, workstation, seq DESC LIMIT ? OFFSET ?`, [...args, limit, offset]);
      return { rows: rows.map(auditRowFromDb), total: Number(total?.n ?? 0) };
    },
  };
}
