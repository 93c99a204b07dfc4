import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../../shared/domain/mutation';
import { auditHash } from '../../../shared/node/auditChain';
import { AUDIT_COLUMNS, AUDIT_GENESIS, AUDIT_MAX_IDS, type AuditDbRow, type AuditFilter, type AuditRow, auditFilterSql, auditRowFromDb, auditRowValues } from '../../../shared/sync/audit';
import { getMeta, setMeta } from './settings';
import { stmt } from './stmt';

/**
 * The workstation's audit log (migration 008): one chained row per request that showed customer data,
 * numbered 1, 2, 3 … here. `write/audit.ts` decides when a row is written; this module writes, reads and
 * hands rows to the sync engine. The highest seq the hub has taken is kept in meta (`audit_sent_seq`),
 * not on the rows, so the rows themselves are never updated.
 */

export interface NewAuditRow {
  actor: Actor;
  action: string;
  entity: string;
  /** Every record the request showed; at most AUDIT_MAX_IDS are kept, `count` keeps the true number. */
  recordIds: readonly string[];
  customerIds: readonly string[];
  detail: string;
  at: string;
}

/** Appends one chained row; the caller's transaction makes reading the head and writing the row one step. */
export function appendAudit(db: Database.Database, n: NewAuditRow): AuditRow {
  const head = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  // AUTOINCREMENT's counter, so that a deleted newest row leaves a gap rather than a reused number.
  const used = (stmt(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined)?.seq ?? 0;
  const customers = [...new Set(n.customerIds)];
  const fields = {
    workstation: getMeta(db, 'workstation') ?? '',
    seq: Math.max(used, head?.seq ?? 0) + 1,
    id: uuidv7(),
    at: n.at,
    actorId: n.actor.userId,
    actorName: n.actor.displayName,
    actorRole: n.actor.role,
    action: n.action,
    entity: n.entity,
    recordIds: n.recordIds.slice(0, AUDIT_MAX_IDS).map((id) => id.slice(0, 300)),
    count: n.recordIds.length,
    customerIds: customers.slice(0, AUDIT_MAX_IDS),
    detail: n.detail.slice(0, 4000),
  };
  const prevHash = head?.hash ?? AUDIT_GENESIS;
  const row: AuditRow = { ...fields, prevHash, hash: auditHash(fields, prevHash) };
  stmt(db, `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...auditRowValues(row));
  return row;
}

/** Every row in seq order, for verifying the chain. */
export function* allAuditRows(db: Database.Database): Generator<AuditRow> {
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditDbRow>) yield auditRowFromDb(r);
}

/** Rows the hub has not acknowledged yet, oldest first. */
export function unsentAuditRows(db: Database.Database, limit: number): AuditRow[] {
  const rows = stmt(db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(auditSentSeq(db), limit) as AuditDbRow[];
  return rows.map(auditRowFromDb);
}

export function auditSentSeq(db: Database.Database): number {
  return Number(getMeta(db, 'audit_sent_seq') ?? 0);
}

export function setAuditSentSeq(db: Database.Database, seq: number): void {
  if (seq > auditSentSeq(db)) setMeta(db, 'audit_sent_seq', String(seq));
}

export function unsentAuditCount(db: Database.Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM audit_log WHERE seq > ?').get(auditSentSeq(db)) as { n: number }).n;
}

function where(f: AuditFilter, onlyUnsent: boolean, sentSeq: number): { sql: string; args: unknown[] } {
  return auditFilterSql(f, 'EXISTS (SELECT 1 FROM json_each(audit_log.customer_ids) WHERE value = ?)', onlyUnsent ? [{ sql: 'seq > ?', args: [sentSeq] }] : []);
}

/** The viewer's page over this workstation's rows, newest first. `onlyUnsent`: those the hub lacks. */
export function queryLocalAudit(db: Database.Database, f: AuditFilter, page: { limit: number; offset: number; onlyUnsent?: boolean }): { rows: AuditRow[]; total: number } {
  const w = where(f, page.onlyUnsent ?? false, auditSentSeq(db));
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.args) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?`).all(...w.args, page.limit, page.offset) as AuditDbRow[];
  return { rows: rows.map(auditRowFromDb), total };
}

/** Names of the customers a page of audit rows mentions, from this workstation's customer file. */
export function customerNamesOf(db: Database.Database, ids: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const r = stmt(db, 'SELECT name, organisation FROM customers WHERE id = ?').get(id) as { name: string; organisation: string } | undefined;
    if (r) out[id] = r.name || r.organisation;
  }
  return out;
}

/**
 * Runs `fn` (its own transaction) committed without waiting for the disk, then restores the store's
 * durable setting. For writes on the agent's hot path whose loss in a power cut is acceptable.
 */
export function withoutWaitingForDisk(db: Database.Database, fn: () => void): void {
  stmt(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    fn();
  } finally {
    stmt(db, 'PRAGMA synchronous = FULL').run();
  }
}
