import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';

// The outbox, acknowledgement and conflict bookkeeping of the sync engine (docs/sync.md). The
// engine and sync/apply.ts decide what to do; these only read and write the rows. The cursor is a
// meta key (store/settings.ts getMeta/setMeta), written by the engine in the page's transaction.

/** Records with unacknowledged local mutations, as `entity:id`: only these need a rebase on pull. */
export function pendingRecordKeys(db: Database.Database): Set<string> {
  const rows = stmt(db, "SELECT DISTINCT entity, entity_id FROM outbox WHERE state = 'pending'").all() as { entity: string; entity_id: string }[];
  return new Set(rows.map((r) => `${r.entity}:${r.entity_id}`));
}

export interface PendingMutationRow {
  name: string;
  /** JSON, parsed by the caller only for mutations it re-runs. */
  args: string;
  actor_id: string;
}

/** A record's pending mutations in the order they were made here: the order a rebase re-runs them in. */
export function pendingMutationsOf(db: Database.Database, entity: string, id: string): PendingMutationRow[] {
  return stmt(
    db,
    "SELECT name, args, actor_id FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' ORDER BY created_at, mutation_id",
  ).all(entity, id) as PendingMutationRow[];
}

export function outboxEntry(db: Database.Database, clientId: string, mutationId: number): Record<string, string> | undefined {
  return stmt(db, 'SELECT * FROM outbox WHERE client_id = ? AND mutation_id = ?').get(clientId, mutationId) as Record<string, string> | undefined;
}

/** Records the hub's verdict on one mutation; `result` is JSON or null. */
export function settleOutboxEntry(db: Database.Database, clientId: string, mutationId: number, state: string, result: string | null): void {
  stmt(db, 'UPDATE outbox SET state = ?, result = ? WHERE client_id = ? AND mutation_id = ?').run(state, result, clientId, mutationId);
}

/** Ids the hub reports as seen (a retry after a lost response) count as applied. */
export function markAppliedThrough(db: Database.Database, clientId: string, lastMutationId: number): void {
  stmt(db, "UPDATE outbox SET state = 'applied' WHERE client_id = ? AND state = 'pending' AND mutation_id <= ?").run(clientId, lastMutationId);
}

export function setLastAcked(db: Database.Database, clientId: string, lastMutationId: number): void {
  stmt(db, 'UPDATE sync_clients SET last_acked = ? WHERE client_id = ?').run(lastMutationId, clientId);
}

export interface NewConflict {
  id: string;
  entity: string;
  entityId: string;
  mutationName: string;
  /** JSON, as the outbox holds it. */
  args: string;
  status: string;
  reason: string;
  /** JSON or null. */
  serverState: string | null;
  byName: string | null;
  byAt: string | null;
  createdAt: string;
}

export function insertConflict(db: Database.Database, c: NewConflict): void {
  stmt(
    db,
    `INSERT INTO sync_conflicts (id, entity, entity_id, mutation_name, args, status, reason, server_state, by_name, by_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.entity, c.entityId, c.mutationName, c.args, c.status, c.reason, c.serverState, c.byName, c.byAt, c.createdAt);
}

export interface PushableMutation {
  /** Local commit order (the outbox rowid). */
  seq: number;
  clientId: string;
  id: number;
  token: string;
}

/** Pending mutations of clients that hold a hub token: a client without one cannot push yet. */
export function pushableMutations(db: Database.Database): PushableMutation[] {
  return stmt(
    db,
    `SELECT o.rowid AS seq, o.client_id AS clientId, o.mutation_id AS id, c.hub_token AS token FROM outbox o
         JOIN sync_clients c ON c.client_id = o.client_id WHERE o.state = 'pending' AND c.hub_token IS NOT NULL`,
  ).all() as PushableMutation[];
}

export interface PushRow {
  mutation_id: number;
  name: string;
  args: string;
  base: string | null;
}

/** One client's pending mutations with ids from..to, in id order (the hub requires it). */
export function pendingRun(db: Database.Database, clientId: string, from: number, to: number): PushRow[] {
  return stmt(
    db,
    "SELECT mutation_id, name, args, base FROM outbox WHERE client_id = ? AND state = 'pending' AND mutation_id BETWEEN ? AND ? ORDER BY mutation_id",
  ).all(clientId, from, to) as PushRow[];
}

/** Any user's hub token: pull and the live stream see the whole organisation, whoever asks. */
export function anyHubToken(db: Database.Database): string | null {
  const row = stmt(db, 'SELECT hub_token FROM sync_clients WHERE hub_token IS NOT NULL LIMIT 1').get() as { hub_token: string } | undefined;
  return row?.hub_token ?? null;
}

export function pendingCount(db: Database.Database): number {
  return (stmt(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}

export function openConflictCount(db: Database.Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

// Partial copies (docs/sync.md, "Data minimised per workstation"): records the hub sent this workstation
// without their hidden fields. Kept as meta keys, one per record, so that no table changes: there are
// only as many as confidential records of people who do not work here.
const partialKey = (entity: string, id: string) => `partial:${entity}:${id}`;

export function setPartial(db: Database.Database, entity: string, id: string, partial: boolean): void {
  if (partial) stmt(db, "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO NOTHING").run(partialKey(entity, id));
  else stmt(db, 'DELETE FROM meta WHERE key = ?').run(partialKey(entity, id));
}

export function isPartial(db: Database.Database, entity: string, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM meta WHERE key = ?').get(partialKey(entity, id)) !== undefined;
}

/**
 * Rewrites a record's local history entries through `redact` (the hidden fields' before and after
 * blanked): entries pulled or written before the record became partial here must not keep what it hides.
 */
export function redactHistoryOf(db: Database.Database, entity: string, entityId: string, redact: (changes: unknown[]) => unknown[]): void {
  const rows = stmt(db, 'SELECT id, changes FROM history WHERE entity = ? AND entity_id = ?').all(entity, entityId) as { id: string; changes: string }[];
  for (const r of rows) {
    const next = JSON.stringify(redact(JSON.parse(r.changes) as unknown[]));
    if (next !== r.changes) stmt(db, 'UPDATE history SET changes = ? WHERE id = ?').run(next, r.id);
  }
}

/** A user logged in online here for the first time: the next pull starts again from 0 (see the engine). */
export function requestRepull(db: Database.Database): void {
  stmt(db, "INSERT INTO meta (key, value) VALUES ('sync_repull', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
}

/**
 * Takes a pending re-pull request: resets the cursor to 0 and clears the request, in one transaction.
 * A store that never pulled from a minimising hub (`sync_minimised` unset: joined before this version)
 * pulls again from 0 once too, so that records it holds in full but may not hold are replaced by partial ones.
 */
export function takeRepull(db: Database.Database): boolean {
  return db.transaction(() => {
    const asked = stmt(db, "SELECT 1 FROM meta WHERE key = 'sync_repull' AND value = '1'").get() !== undefined;
    const first = stmt(db, "SELECT 1 FROM meta WHERE key = 'sync_minimised'").get() === undefined;
    if (!asked && !first) return false;
    stmt(db, "INSERT INTO meta (key, value) VALUES ('sync_minimised', '1') ON CONFLICT(key) DO NOTHING").run();
    stmt(db, "UPDATE meta SET value = '0' WHERE key IN ('sync_repull', 'sync_cursor')").run();
    return true;
  })();
}

/** Every partial copy here, as `entity:id`: read once per pulled page, so full rows need no statement. */
export function partialRecordKeys(db: Database.Database): Set<string> {
  const rows = stmt(db, "SELECT key FROM meta WHERE key >= 'partial:' AND key < 'partial;'").all() as { key: string }[];
  return new Set(rows.map((r) => r.key.slice('partial:'.length)));
}

/**
 * A record that was full here is about to be stored partial: what it held must not stay readable in
 * the file's free space. secure_delete zeroes what the rewrite frees; the engine ends the pull with a
 * TRUNCATE checkpoint so the WAL's older frames go too (finishErasing tells it to).
 */
const erasing = new WeakSet<Database.Database>();

export function startErasing(db: Database.Database): void {
  if (erasing.has(db)) return;
  stmt(db, 'PRAGMA secure_delete = ON').run();
  erasing.add(db);
}

export function finishErasing(db: Database.Database): boolean {
  if (!erasing.has(db)) return false;
  erasing.delete(db);
  stmt(db, 'PRAGMA secure_delete = OFF').run();
  return true;
}
