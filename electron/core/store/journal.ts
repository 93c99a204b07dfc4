import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import type { HistoryEntry, SyncConflict } from '../../../shared/api/types';
import type { Actor, FieldChange } from '../../../shared/domain/mutation';
import { isSyncMutation } from '../../../shared/domain/mutations';
import { appendAudit } from './audit';
import { stmt } from './stmt';

export interface ChangeEntry {
  /** `<clientId>:<mutationId>`: the hub gives its copy the same id, so a pulled entry replaces ours. */
  id: string;
  entity: string;
  entityId: string;
  action: string;
  actor: Actor;
  at: string;
  changes: FieldChange[];
}

export function writeHistory(db: Database.Database, e: ChangeEntry): void {
  stmt(db, 
    'INSERT OR REPLACE INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.id, e.entity, e.entityId, e.at, e.actor.userId, e.actor.displayName, e.action, JSON.stringify(e.changes));
}

export function readHistory(db: Database.Database, entity: string, entityId: string): HistoryEntry[] {
  const rows = stmt(db, 'SELECT * FROM history WHERE entity = ? AND entity_id = ? ORDER BY at, id')
    .all(entity, entityId) as Record<string, string>[];
  return rows.map((r) => ({
    id: r.id!,
    entity: r.entity!,
    entityId: r.entity_id!,
    at: r.at!,
    actorId: r.actor_id!,
    actorName: r.actor_name!,
    action: r.action!,
    changes: JSON.parse(r.changes!) as FieldChange[],
  }));
}

export interface OutboxEntry {
  name: string;
  entity: string;
  entityId: string;
  args: unknown;
  /** Versions of the workflow fields the user saw (docs/sync.md); null for creations. */
  base: unknown;
  actor: Actor;
  at: string;
}

/** The client of a user on this workstation, made on that user's first write. */
export function clientIdFor(db: Database.Database, userId: string): string {
  const row = stmt(db, 'SELECT client_id FROM sync_clients WHERE user_id = ?').get(userId) as { client_id: string } | undefined;
  if (row) return row.client_id;
  const clientId = uuidv7();
  stmt(db, 'INSERT INTO sync_clients (user_id, client_id) VALUES (?, ?)').run(userId, clientId);
  return clientId;
}

export function enqueue(db: Database.Database, e: OutboxEntry): { clientId: string; mutationId: number } {
  const clientId = clientIdFor(db, e.actor.userId);
  const { n } = stmt(db, 'SELECT coalesce(max(mutation_id), 0) + 1 AS n FROM outbox WHERE client_id = ?').get(clientId) as { n: number };
  // Users and settings belong to the hub once joined; their local mutations are journalled but never pushed.
  const state = isSyncMutation(e.name) ? 'pending' : 'local';
  stmt(db, 
    'INSERT INTO outbox (client_id, mutation_id, name, entity, entity_id, args, base, actor_id, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(clientId, n, e.name, e.entity, e.entityId, JSON.stringify(e.args), e.base === null ? null : JSON.stringify(e.base), e.actor.userId, e.at, state);
  return { clientId, mutationId: n };
}

/**
 * One audit row for something done to one item (an export file, …) rather than a read of records; the
 * chained row format is in store/audit.ts. Reads go through write/audit.ts `auditedRead`.
 */
export function audit(db: Database.Database, actor: Actor, action: string, entity: string, entityId: string, detail = ''): void {
  db.transaction(() =>
    appendAudit(db, { actor, action, entity, recordIds: [entityId], customerIds: entity === 'customer' ? [entityId] : [], detail, at: new Date().toISOString() }),
  )();
}

export function openConflicts(db: Database.Database, entity: string, entityId: string): SyncConflict[] {
  const rows = stmt(db, 'SELECT * FROM sync_conflicts WHERE entity = ? AND entity_id = ? AND resolved_at IS NULL ORDER BY created_at')
    .all(entity, entityId) as Record<string, string | null>[];
  return rows.map((r) => ({
    id: r.id!,
    entity: r.entity!,
    entityId: r.entity_id!,
    mutationName: r.mutation_name!,
    status: r.status as SyncConflict['status'],
    reason: r.reason!,
    byName: r.by_name ?? null,
    byAt: r.by_at ?? null,
    createdAt: r.created_at!,
    args: JSON.parse(r.args!),
  }));
}

/** The hub token a user's client last received, if the workstation is joined and they logged in online. */
export function hubTokenOf(db: Database.Database, userId: string): string | null {
  const row = stmt(db, 'SELECT hub_token FROM sync_clients WHERE user_id = ?').get(userId) as { hub_token: string | null } | undefined;
  return row?.hub_token ?? null;
}

export interface OpenConflictRow {
  id: string;
  entity: string;
  entity_id: string;
  mutation_name: string;
  args: string;
}

export function openConflictById(db: Database.Database, id: string): OpenConflictRow | null {
  return (stmt(db, 'SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL').get(id) as OpenConflictRow | undefined) ?? null;
}

/**
 * Whose edit a conflict holds: the actor of its outbox entry (a conflict's id is `<clientId>:<mutationId>`),
 * else the user of that client. Null when neither is known; then only a team lead may settle it.
 */
export function conflictAuthorId(db: Database.Database, id: string): string | null {
  const cut = id.lastIndexOf(':');
  const mutationId = Number(id.slice(cut + 1));
  if (cut <= 0 || !Number.isSafeInteger(mutationId)) return null;
  const clientId = id.slice(0, cut);
  const row = stmt(
    db,
    `SELECT coalesce((SELECT actor_id FROM outbox WHERE client_id = ? AND mutation_id = ?), (SELECT user_id FROM sync_clients WHERE client_id = ?)) AS author`,
  ).get(clientId, mutationId, clientId) as { author: string | null } | undefined;
  return row?.author ?? null;
}

export function markConflictResolved(db: Database.Database, id: string, at: string): void {
  stmt(db, 'UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(at, id);
}

export interface PulledHistoryEntry {
  id: string;
  entity: string;
  entityId: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  changes: unknown;
}

/** A history entry from the hub; it replaces our own copy of the same mutation (same id). */
export function writePulledHistory(db: Database.Database, h: PulledHistoryEntry): void {
  stmt(db, 
    'INSERT OR REPLACE INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(h.id, h.entity, h.entityId, h.at, h.actorId, h.actorName, h.action, JSON.stringify(h.changes));
}
