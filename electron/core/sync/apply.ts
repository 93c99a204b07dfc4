import type Database from 'better-sqlite3-multiple-ciphers';
import { isSyncMutation, type MutationEnv, mutationDef, type SyncEntity } from '../../../shared/domain/mutations';
import type { Actor } from '../../../shared/domain/mutation';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import { CALL_HIDDEN_FIELDS, CALLBACK_HIDDEN_FIELDS, COMPLAINT_HIDDEN_FIELDS, visibleChanges } from '../../../shared/domain/visibility';
import type { Ack, SyncChange } from '../../../shared/sync/protocol';
import { ENTITY_STORES } from '../store/entities';
import { type PulledHistoryEntry, writeHistory, writePulledHistory } from '../store/journal';
import { writeSettings } from '../store/settings';
import { baseOf, dropBase, putBase, putServerState } from '../store/syncBase';
import {
  insertConflict,
  outboxEntry,
  partialRecordKeys,
  pendingMutationsOf,
  pendingRecordKeys,
  redactHistoryOf,
  setPartial,
  settleOutboxEntry,
  startErasing,
} from '../store/syncState';
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
  let state: unknown = baseOf(db, entity, id);
  const pending = pendingMutationsOf(db, entity, id);
  for (const m of pending) {
    if (!isSyncMutation(m.name)) continue;
    const res = mutationDef(m.name).apply(state, JSON.parse(m.args), actorFor(db, m.actor_id), env);
    if (res.ok) state = res.next;
  }
  if (state) (ENTITY_STORES[entity] as { save: (db: Database.Database, r: unknown) => void }).save(db, state);
}

/** Writes one pulled page; the caller wraps it in a transaction together with the cursor. */
export function applyChanges(db: Database.Database, changes: SyncChange[], envOf: () => MutationEnv): Map<string, string[]> {
  const touched = new Map<string, string[]>();
  const note = (entity: string, id: string) => {
    const ids = touched.get(entity);
    if (ids) ids.push(id);
    else touched.set(entity, [id]);
  };
  // Records with unacknowledged local mutations: only these need the rebase; the rest take the hub's state as is.
  const pending = pendingRecordKeys(db);
  const partial = partialRecordKeys(db);
  let env: MutationEnv | null = null;
  for (const ch of changes) {
    if (RECORD_ENTITIES.has(ch.entity)) {
      const entity = ch.entity as SyncEntity;
      // Full here until now (or new here): the rewrite must not leave the hidden text in free space.
      if (ch.redacted && !partial.has(`${entity}:${ch.id}`)) startErasing(db);
      if (pending.has(`${entity}:${ch.id}`)) {
        putBase(db, entity, ch.id, ch.seq, ch.data);
        env ??= envOf();
        rebase(db, entity, ch.id, env);
      } else {
        dropBase(db, entity, ch.id);
        (ENTITY_STORES[entity] as { save: (db: Database.Database, r: unknown) => void }).save(db, ch.data);
      }
      if (ch.redacted) markPartial(db, entity, ch.id);
      else if (partial.has(`${entity}:${ch.id}`)) setPartial(db, entity, ch.id, false);
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
      writePulledHistory(db, ch.data as PulledHistoryEntry);
    }
  }
  return touched;
}

const HIDDEN: Partial<Record<string, readonly string[]>> = { call: CALL_HIDDEN_FIELDS, complaint: COMPLAINT_HIDDEN_FIELDS, callback: CALLBACK_HIDDEN_FIELDS };

/**
 * The hub sent this record without its hidden fields: the copy here is partial, and history entries that
 * reached this workstation before (while the record was not confidential, or was someone's here) lose
 * what the record now hides.
 */
function markPartial(db: Database.Database, entity: string, id: string): void {
  setPartial(db, entity, id, true);
  const hidden = HIDDEN[entity];
  if (hidden) redactHistoryOf(db, entity, id, (changes) => visibleChanges(changes as { field: string; before: unknown; after: unknown }[], hidden));
}

/** The hub as the author of the corrections it made to a pushed mutation (docs/sync.md, "What the hub checks"). */
const HUB_ACTOR: Actor = { userId: 'hub', role: 'admin', displayName: '中心服务器' };

/**
 * What the hub corrected in an accepted mutation (a number already taken, a forged name, a clock far
 * ahead) goes into the record's history as its own entry, so the user sees on the record what changed
 * and why; the corrected row itself arrives with the next pull.
 */
function noteRepairs(db: Database.Database, clientId: string, ack: Ack, entity: string, entityId: string, now: string): void {
  writeHistory(db, {
    id: `${clientId}:${ack.id}:hub`,
    entity,
    entityId,
    action: 'hub.repair',
    actor: HUB_ACTOR,
    at: now,
    changes: (ack.repairs ?? []).map((r) => ({ field: r.field, before: r.from, after: r.to })),
  });
}

/** Marks acknowledged mutations; a rejected or conflicting one is kept as a visible conflict on its record. */
export function applyAcks(db: Database.Database, clientId: string, acks: Ack[], env: MutationEnv, now: string): { entity: SyncEntity; id: string }[] {
  const touched: { entity: SyncEntity; id: string }[] = [];
  for (const ack of acks) {
    const m = outboxEntry(db, clientId, ack.id);
    if (m?.state !== 'pending') continue;
    settleOutboxEntry(db, clientId, ack.id, ack.status, ack.reason ? JSON.stringify({ reason: ack.reason }) : null);
    if (ack.repairs?.length && m.entity && m.entity_id) noteRepairs(db, clientId, ack, m.entity, m.entity_id, now);
    if (ack.status === 'applied') continue;
    insertConflict(db, {
      id: `${clientId}:${ack.id}`,
      entity: m.entity!,
      entityId: m.entity_id!,
      mutationName: m.name!,
      args: m.args!,
      status: ack.status,
      // The hub's check code leads the reason, so the console can word it (renderer conflictText.ts).
      reason: `${ack.code ? `${ack.code}: ` : ''}${ack.reason ?? (ack.status === 'conflict' ? 'the record changed on the hub since you saw it' : 'refused by the hub')}`,
      serverState: ack.serverState === undefined ? null : JSON.stringify(ack.serverState),
      byName: ack.by?.displayName ?? null,
      byAt: ack.by?.at ?? null,
      createdAt: now,
    });
    // Show the hub's state now rather than after the next pull.
    if (ack.serverState && typeof ack.serverState === 'object') putServerState(db, m.entity!, m.entity_id!, ack.serverState);
    if (m.entity && RECORD_ENTITIES.has(m.entity)) {
      rebase(db, m.entity as SyncEntity, m.entity_id!, env);
      touched.push({ entity: m.entity as SyncEntity, id: m.entity_id! });
    }
  }
  return touched;
}
