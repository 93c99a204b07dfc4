import type Database from 'better-sqlite3';
import { isSyncMutation, type MutationEnv, mutationDef, type SyncEntity } from '../../../shared/domain/mutations';
import type { Actor } from '../../../shared/domain/mutation';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import type { Ack, SyncChange } from '../../../shared/sync/protocol';
import { ENTITY_STORES } from '../store/entities';

import { writeSettings } from '../store/settings';
import { stmt } from '../store/stmt';
import { usersTable } from '../store/tables';

const RECORD_ENTITIES = new Set<string>(Object.keys(ENTITY_STORES));

function actorFor(db: Database.Database, userId: string): Actor {
  const u = usersTable.get(db, userId);
  return { userId, role: u?.role ?? 'agent', displayName: u?.displayName ?? userId };
}

/**
 * The local row = the hub's last known state + this workstation's pending mutations re-run on top,
 * in the order they were made. A pending mutation the domain now refuses is left for the hub to judge.
 */
export function rebase(db: Database.Database, entity: SyncEntity, id: string, env: MutationEnv): void {
  const baseRow = stmt(db, 'SELECT data FROM sync_base WHERE entity = ? AND id = ?').get(entity, id) as { data: string } | undefined;
  let state: unknown = baseRow ? JSON.parse(baseRow.data) : null;
  const pending = db
    .prepare("SELECT name, args, actor_id FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' ORDER BY created_at, mutation_id")
    .all(entity, id) as { name: string; args: string; actor_id: string }[];
  for (const m of pending) {
    if (!isSyncMutation(m.name)) continue;
    const res = mutationDef(m.name).apply(state, JSON.parse(m.args), actorFor(db, m.actor_id), env);
    if (res.ok) state = res.next;
  }
  if (state) (ENTITY_STORES[entity] as { save: (db: Database.Database, r: unknown) => void }).save(db, state);
}

/** Records with unacknowledged local mutations: only these need the rebase; the rest take the hub's state as is. */
function pendingRecords(db: Database.Database): Set<string> {
  const rows = stmt(db, "SELECT DISTINCT entity, entity_id FROM outbox WHERE state = 'pending'").all() as { entity: string; entity_id: string }[];
  return new Set(rows.map((r) => `${r.entity}:${r.entity_id}`));
}

/** Writes one pulled page; the caller wraps it in a transaction together with the cursor. */
export function applyChanges(db: Database.Database, changes: SyncChange[], envOf: () => MutationEnv): Map<string, string[]> {
  const touched = new Map<string, string[]>();
  const note = (entity: string, id: string) => {
    const ids = touched.get(entity);
    if (ids) ids.push(id);
    else touched.set(entity, [id]);
  };
  const putBase = stmt(
    db,
    'INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET seq = excluded.seq, data = excluded.data',
  );
  const dropBase = stmt(db, 'DELETE FROM sync_base WHERE entity = ? AND id = ?');
  const pending = pendingRecords(db);
  let env: MutationEnv | null = null;
  for (const ch of changes) {
    if (RECORD_ENTITIES.has(ch.entity)) {
      const entity = ch.entity as SyncEntity;
      if (pending.has(`${entity}:${ch.id}`)) {
        putBase.run(entity, ch.id, ch.seq, JSON.stringify(ch.data));
        env ??= envOf();
        rebase(db, entity, ch.id, env);
      } else {
        dropBase.run(entity, ch.id);
        (ENTITY_STORES[entity] as { save: (db: Database.Database, r: unknown) => void }).save(db, ch.data);
      }
      note(entity, ch.id);
    } else if (ch.entity === 'user') {
      const u = ch.data as Omit<(typeof usersTable extends { fromRow(r: never): infer U } ? U : never), 'passwordHash' | 'version'>;
      const local = usersTable.get(db, ch.id);
      // Hashes never travel on pull: keep the locally cached verifier, if this user ever logged in here.
      usersTable.upsert(db, { ...u, passwordHash: local?.passwordHash ?? '', version: local ? local.version + 1 : 1 });
      note('user', ch.id);
    } else if (ch.entity === 'settings') {
      writeSettings(db, ch.data as OrganisationSettings, new Date().toISOString());
      note('settings', ch.id);
    } else if (ch.entity === 'history') {
      const h = ch.data as { id: string; entity: string; entityId: string; at: string; actorId: string; actorName: string; action: string; changes: unknown };
      stmt(
        db,
        'INSERT OR REPLACE INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(h.id, h.entity, h.entityId, h.at, h.actorId, h.actorName, h.action, JSON.stringify(h.changes));
    }
  }
  return touched;
}

/** Marks acknowledged mutations; a rejected or conflicting one is kept as a visible conflict on its record. */
export function applyAcks(db: Database.Database, clientId: string, acks: Ack[], env: MutationEnv, now: string): { entity: SyncEntity; id: string }[] {
  const touched: { entity: SyncEntity; id: string }[] = [];
  for (const ack of acks) {
    const m = db.prepare('SELECT * FROM outbox WHERE client_id = ? AND mutation_id = ?').get(clientId, ack.id) as Record<string, string> | undefined;
    if (m?.state !== 'pending') continue;
    db.prepare('UPDATE outbox SET state = ?, result = ? WHERE client_id = ? AND mutation_id = ?').run(
      ack.status,
      ack.reason ? JSON.stringify({ reason: ack.reason }) : null,
      clientId,
      ack.id,
    );
    if (ack.status === 'applied') continue;
    db.prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_id, mutation_name, args, status, reason, server_state, by_name, by_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      `${clientId}:${ack.id}`,
      m.entity,
      m.entity_id,
      m.name,
      m.args,
      ack.status,
      ack.reason ?? (ack.status === 'conflict' ? 'the record changed on the hub since you saw it' : 'refused by the hub'),
      ack.serverState === undefined ? null : JSON.stringify(ack.serverState),
      ack.by?.displayName ?? null,
      ack.by?.at ?? null,
      now,
    );
    // Show the hub's state now rather than after the next pull.
    if (ack.serverState && typeof ack.serverState === 'object') {
      db.prepare(
        'INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, 0, ?) ON CONFLICT(entity, id) DO UPDATE SET data = excluded.data',
      ).run(m.entity, m.entity_id, JSON.stringify(ack.serverState));
    }
    if (m.entity && RECORD_ENTITIES.has(m.entity)) {
      rebase(db, m.entity as SyncEntity, m.entity_id!, env);
      touched.push({ entity: m.entity as SyncEntity, id: m.entity_id! });
    }
  }
  return touched;
}
