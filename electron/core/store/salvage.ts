import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';

/**
 * What a re-sync from the hub carries over from a damaged store into a fresh one (docs/architecture.md,
 * "Integrity and backups"): what the hub does not have (the unsent outbox, the unsent audit rows, open
 * conflicts, drafts) and what is needed to talk to it (meta, settings, users with their verifiers, the
 * clients with their tokens and counters, the number serials). Everything else comes from the hub.
 */

type Row = Record<string, unknown>;

export interface Salvage {
  meta: Map<string, string>;
  tables: { table: string; rows: Row[] }[];
  /** Per client, the highest mutation id it ever used (any state) or the hub acknowledged: new ids continue above it. */
  counters: Map<string, { userId: string; last: number }>;
  /** The highest audit seq used: new audit rows continue above it, so the hub never takes a seq twice. */
  auditSeq: number;
  pending: number;
  audit: number;
  /** Rows that could not be read and were left behind. */
  unreadable: number;
  /** Tables that could not be read at all. */
  unreadableTables: string[];
}

// Sync positions start again in the fresh store (a pull from 0); partial copies come again with it;
// the daily check's time belongs to the old file.
const META_LEFT_BEHIND = new Set(['sync_cursor', 'last_sync_at', 'sync_repull', 'sync_minimised', 'audit_sent_seq', 'integrity_checked_at']);
const MAX_ROWID_PROBES = 2_000_000;

/**
 * Reads a table's rows that match `where`; when a page of it is damaged, row by row by rowid, skipping
 * (and counting) what cannot be read. Table names and conditions are this file's constants.
 */
function readRows(db: Database.Database, table: string, where: string, params: unknown[], out: Pick<Salvage, 'unreadable' | 'unreadableTables'>): Row[] {
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE ${where}`).all(...params) as Row[];
  } catch {
    // The whole scan failed on some page: try each row on its own.
  }
  let max: number;
  try {
    max = Number(db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get());
  } catch {
    out.unreadableTables.push(table);
    return [];
  }
  const one = db.prepare(`SELECT * FROM ${table} WHERE rowid = ? AND (${where})`);
  const rows: Row[] = [];
  const last = Math.min(max, MAX_ROWID_PROBES);
  for (let r = 1; r <= last; r++) {
    try {
      const row = one.get(r, ...params) as Row | undefined;
      if (row) rows.push(row);
    } catch {
      out.unreadable++;
    }
  }
  if (max > last) out.unreadableTables.push(table);
  return rows;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0) || 0;
}

/** Reads what a re-sync keeps from the damaged (read-only) store; never throws on damage, it counts it. */
export function salvageStore(db: Database.Database): Salvage {
  const out: Salvage = { meta: new Map(), tables: [], counters: new Map(), auditSeq: 0, pending: 0, audit: 0, unreadable: 0, unreadableTables: [] };
  const read = (table: string, where = '1', params: unknown[] = []) => {
    const rows = readRows(db, table, where, params, out);
    out.tables.push({ table, rows });
    return rows;
  };
  for (const r of readRows(db, 'meta', '1', [], out)) {
    const key = String(r.key);
    if (!META_LEFT_BEHIND.has(key) && !key.startsWith('partial:')) out.meta.set(key, String(r.value));
  }
  const sentSeq = num(readRows(db, 'meta', "key = 'audit_sent_seq'", [], out)[0]?.value);
  read('settings');
  read('users');
  read('serials');
  read('drafts');
  const clients = read('sync_clients');
  const pending = read('outbox', "state = 'pending'");
  read('sync_conflicts', 'resolved_at IS NULL');
  // The last row the hub took comes too: the chain of the rows still to send goes on from its hash.
  const audit = read('audit_log', 'seq >= ?', [sentSeq]);
  out.pending = pending.length;
  out.audit = audit.filter((r) => num(r.seq) > sentSeq).length;
  if (audit.length || sentSeq) out.meta.set('audit_sent_seq', String(sentSeq));
  out.auditSeq = Math.max(sentSeq, ...audit.map((r) => num(r.seq)), auditSeqUsed(db));

  const used = new Map<string, number>();
  try {
    for (const r of db.prepare('SELECT client_id, max(mutation_id) AS n FROM outbox GROUP BY client_id').all() as { client_id: string; n: number }[]) used.set(r.client_id, r.n);
  } catch {
    // The outbox's own pages are damaged: the pending rows read above and last_acked still bound the ids.
  }
  for (const r of pending) used.set(String(r.client_id), Math.max(used.get(String(r.client_id)) ?? 0, num(r.mutation_id)));
  for (const c of clients) {
    const id = String(c.client_id);
    out.counters.set(id, { userId: String(c.user_id), last: Math.max(used.get(id) ?? 0, num(c.last_acked)) });
  }
  return out;
}

function auditSeqUsed(db: Database.Database): number {
  try {
    return num(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get());
  } catch {
    return 0;
  }
}

function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

/**
 * Writes the salvage into a fresh store, in the caller's transaction: the rows as they were (only the
 * columns this version's tables have), and for every client a placeholder outbox row at its counter
 * (state applied, never pushed) so the next mutation id is above anything the hub has seen from it.
 */
export function writeSalvage(db: Database.Database, s: Salvage, at: string): void {
  const meta = stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [k, v] of s.meta) meta.run(k, v);
  for (const { table, rows } of s.tables) {
    if (!rows.length) continue;
    const have = columnsOf(db, table);
    const cols = Object.keys(rows[0]!).filter((c) => have.has(c));
    const insert = db.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of rows) insert.run(...cols.map((c) => r[c] ?? null));
  }
  const top = stmt(db, 'SELECT coalesce(max(mutation_id), 0) AS n FROM outbox WHERE client_id = ?');
  const marker = stmt(
    db,
    "INSERT INTO outbox (client_id, mutation_id, name, entity, entity_id, args, base, actor_id, created_at, state) VALUES (?, ?, 'store.resync', 'store', '', '{}', NULL, ?, ?, 'applied')",
  );
  for (const [clientId, c] of s.counters) if (c.last > (top.get(clientId) as { n: number }).n) marker.run(clientId, c.last, c.userId, at);
  // AUTOINCREMENT's counter: appendAudit numbers the next row above it.
  if (!stmt(db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'audit_log'").run(s.auditSeq).changes && s.auditSeq > 0)
    stmt(db, "INSERT INTO sqlite_sequence (name, seq) VALUES ('audit_log', ?)").run(s.auditSeq);
}
