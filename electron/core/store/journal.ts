import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { HistoryEntry } from '../../../shared/api/types';
import type { Actor, FieldChange } from '../../../shared/domain/mutation';

export interface ChangeEntry {
  entity: string;
  entityId: string;
  action: string;
  actor: Actor;
  at: string;
  changes: FieldChange[];
}

export function writeHistory(db: Database.Database, e: ChangeEntry): void {
  db.prepare(
    'INSERT INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(uuidv7(), e.entity, e.entityId, e.at, e.actor.userId, e.actor.displayName, e.action, JSON.stringify(e.changes));
}

export function readHistory(db: Database.Database, entity: string, entityId: string): HistoryEntry[] {
  const rows = db
    .prepare('SELECT * FROM history WHERE entity = ? AND entity_id = ? ORDER BY at, id')
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
  args: unknown;
  /** Versions of the workflow fields the user saw (ARCHITECTURE §5); null for creations. */
  base: unknown;
  actor: Actor;
  at: string;
}

export function enqueue(db: Database.Database, e: OutboxEntry): number {
  const info = db
    .prepare('INSERT INTO outbox (name, args, base, actor_id, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(e.name, JSON.stringify(e.args), e.base === null ? null : JSON.stringify(e.base), e.actor.userId, e.at);
  return Number(info.lastInsertRowid);
}

export function audit(db: Database.Database, actor: Actor, action: string, entity: string, entityId: string, detail = ''): void {
  db.prepare('INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    uuidv7(),
    new Date().toISOString(),
    actor.userId,
    action,
    entity,
    entityId,
    detail,
  );
}
