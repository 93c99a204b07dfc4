import type Database from 'better-sqlite3-multiple-ciphers';
import type { Complaint, ComplaintStatus, Severity } from '../../../shared/domain/complaint';
import { COMPLAINT_READER_FIELDS, seesEveryConfidential, type Viewer } from '../../../shared/domain/visibility';
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

/** What every list shows of a confidential complaint of others, and so the only text a search may match on it. */
export const COMPLAINT_SHOWN_COLUMNS = ['complaint_no', 'complainant', 'organisation'] as const;
const column = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The visibility rule (shared/domain/visibility.ts) as a search condition on the complaints table: a
 * confidential complaint that this viewer may not see in full matches a search only when every term is in
 * its shown columns, never on its number, problem or result, which the list then blanks. Null when the
 * viewer sees every complaint in full or there is nothing to search.
 */
export function confidentialSearchCondition(viewer: Viewer, likes: readonly string[], table = 'complaints'): { sql: string; args: unknown[] } | null {
  if (seesEveryConfidential(viewer) || likes.length === 0) return null;
  const readers = COMPLAINT_READER_FIELDS.map((f) => `${table}.${column(f)} = ?`);
  const shown = likes.map(() => `(${COMPLAINT_SHOWN_COLUMNS.map((c) => `${table}.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
  return {
    sql: `(${table}.confidential = 0 OR ${readers.join(' OR ')} OR (${shown.join(' AND ')}))`,
    args: [...COMPLAINT_READER_FIELDS.map(() => viewer.userId), ...likes.flatMap((l) => COMPLAINT_SHOWN_COLUMNS.map(() => l))],
  };
}

/** The complaint list: newest first; voided ones only when asked for by status. */
export function listComplaints(db: Database.Database, f: ComplaintListFilter, viewer: Viewer): { total: number; rows: Complaint[] } {
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
    const hidden = confidentialSearchCondition(viewer, [like]);
    if (hidden) where.push(hidden.sql) && args.push(...hidden.args);
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
