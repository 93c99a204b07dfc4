import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncEntity } from '../../../shared/domain/mutations';
import { stmt } from './stmt';

/**
 * Before the first unacknowledged change to a record, remember the record as the hub last gave it:
 * that is the base a later pull rebases the pending changes on. Records without pending changes keep
 * no copy (their row is the hub's state), which halves the writes of a first sync.
 */
export function snapshotBase(db: Database.Database, entity: SyncEntity, id: string, prev: unknown): void {
  if (prev === null || prev === undefined) return;
  const pending = stmt(db, "SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' LIMIT 1").get(entity, id);
  if (pending) return;
  stmt(
    db,
    'INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, 0, ?) ON CONFLICT(entity, id) DO UPDATE SET seq = 0, data = excluded.data',
  ).run(entity, id, JSON.stringify(prev));
}

/** The hub's last known state of a record (parsed), or null when the record keeps no copy. */
export function baseOf(db: Database.Database, entity: string, id: string): unknown {
  const row = stmt(db, 'SELECT data FROM sync_base WHERE entity = ? AND id = ?').get(entity, id) as { data: string } | undefined;
  return row ? JSON.parse(row.data) : null;
}

/** A pulled record with pending local changes: its new base, at the hub's sequence number. */
export function putBase(db: Database.Database, entity: string, id: string, seq: number, data: unknown): void {
  stmt(
    db,
    'INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET seq = excluded.seq, data = excluded.data',
  ).run(entity, id, seq, JSON.stringify(data));
}

/** A pulled record without pending local changes: its row is the hub's state, so no copy is kept. */
export function dropBase(db: Database.Database, entity: string, id: string): void {
  stmt(db, 'DELETE FROM sync_base WHERE entity = ? AND id = ?').run(entity, id);
}

/** The hub's state sent with a refused or conflicting mutation; an existing base keeps its seq. */
export function putServerState(db: Database.Database, entity: string, id: string, data: unknown): void {
  stmt(db, 'INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, 0, ?) ON CONFLICT(entity, id) DO UPDATE SET data = excluded.data').run(
    entity,
    id,
    JSON.stringify(data),
  );
}
