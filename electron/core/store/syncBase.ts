import type Database from 'better-sqlite3';
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
