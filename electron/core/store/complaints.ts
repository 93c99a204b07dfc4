import type Database from 'better-sqlite3-multiple-ciphers';
import type { Complaint, ComplaintStatus, Severity } from '../../../shared/domain/complaint';
import { escapeLike } from './sql';
import { stmt } from './stmt';
import { complaintsTable } from './tables';

/** 第N次投诉: earlier complaints (not voided) from the same customer, or the same number when unlinked. */
export function repeatIndex(db: Database.Database, customerId: string | null, phoneNormalized: string): number {
  if (!customerId && !phoneNormalized) return 1;
  const row = stmt(
    db,
    `SELECT count(*) AS n FROM complaints WHERE status != 'voided' AND
     ((? IS NOT NULL AND customer_id = ?) OR (? != '' AND phone_normalized = ?))`,
  ).get(customerId, customerId, phoneNormalized, phoneNormalized) as { n: number };
  return row.n + 1;
}

export interface ComplaintListFilter {
  status?: ComplaintStatus | undefined;
  severity?: Severity | undefined;
  handlerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The complaint list: newest first; voided ones only when asked for by status. */
export function listComplaints(db: Database.Database, f: ComplaintListFilter): { total: number; rows: Complaint[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status) where.push('status = ?') && args.push(f.status);
  else where.push("status != 'voided'");
  if (f.severity) where.push('severity = ?') && args.push(f.severity);
  if (f.handlerId) where.push('handler_id = ?') && args.push(f.handlerId);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim())}%`;
    where.push(
      "(complaint_no LIKE ? ESCAPE '\\' OR complainant LIKE ? ESCAPE '\\' OR organisation LIKE ? ESCAPE '\\' OR problem LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')",
    );
    args.push(like, like, like, like, like);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM complaints ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM complaints ${clause} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => complaintsTable.fromRow(r)) };
}

/** Complaints still moving (not handled to the end, not voided), oldest first: where "my complaints" looks. */
export function complaintsInProgress(db: Database.Database, limit = 2000): Complaint[] {
  const rows = stmt(
    db,
    "SELECT * FROM complaints WHERE status IN ('registered','in_handling','handled','awaiting_approval') ORDER BY received_at LIMIT ?",
  ).all(limit) as Record<string, unknown>[];
  return rows.map((r) => complaintsTable.fromRow(r));
}
