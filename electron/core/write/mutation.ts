import type { z } from 'zod';
import type { Actor, MutationResult } from '../../../shared/domain/mutation';
import { type MUTATIONS, mutationDef, type SyncEntity, type SyncMutationName } from '../../../shared/domain/mutations';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { ENTITY_STORES } from '../store/entities';
import { enqueue, writeHistory } from '../store/journal';
import { snapshotBase } from '../store/syncBase';
import { mutationEnv } from './env';
import { fireTriggers, type MutationOrigin } from './triggers';
import { type ChangedEntity, touch, writeTx } from './unit';

export interface MutationSpec<T> {
  name: string;
  entity: ChangedEntity;
  entityId: string;
  args: unknown;
  actor: Actor;
  at: string;
  load: () => T | null;
  apply: (prev: T | null) => MutationResult<T>;
  save: (next: T, prev: T | null) => void;
  base?: (prev: T | null) => unknown;
}

/**
 * The one way the console writes a record: domain rule, row, history entry and outbox entry in a
 * single transaction, inside the caller's unit of work if there is one. A refusal throws inside the
 * transaction, so nothing is half-written. What follows a write (the `records.changed` event, waking
 * sync) happens once, after the commit (`writeTx`).
 */
export function runMutation<T>(ctx: CoreContext, spec: MutationSpec<T>): { prev: T | null; next: T; changed: boolean } {
  return writeTx(ctx, () => {
    const prev = spec.load();
    const res = spec.apply(prev);
    if (!res.ok) throw ApiFailure.from(res);
    if (res.changes.length === 0) return { prev, next: res.next, changed: false };
    spec.save(res.next, prev);
    const { clientId, mutationId } = enqueue(ctx.db, {
      name: spec.name,
      entity: spec.entity,
      entityId: spec.entityId,
      args: spec.args,
      base: spec.base ? spec.base(prev) : null,
      actor: spec.actor,
      at: spec.at,
    });
    writeHistory(ctx.db, {
      id: `${clientId}:${mutationId}`,
      entity: spec.entity,
      entityId: spec.entityId,
      action: spec.name,
      actor: spec.actor,
      at: spec.at,
      changes: res.changes,
    });
    touch(ctx, spec.entity, spec.entityId, true);
    return { prev, next: res.next, changed: true };
  });
}

type ArgsOf<N extends SyncMutationName> = z.output<(typeof MUTATIONS)[N]['args']>;
export type RecordOf<N extends SyncMutationName> = ReturnType<(typeof MUTATIONS)[N]['apply']> extends infer R
  ? R extends { ok: true; next: infer T }
    ? T
    : never
  : never;

export interface SyncMutationOptions<N extends SyncMutationName> {
  /** The record as the caller has just read it inside the same unit of work, so it is not read again. */
  prev?: RecordOf<N> | null;
  /** Which handler caused it, for triggers that must not echo a change back to its source. */
  origin?: MutationOrigin;
}

/**
 * Runs a synced mutation from the registry (the same definition the hub applies on push), then the
 * follow-up triggers registered for its entity, in the same transaction.
 */
export function runSyncMutation<N extends SyncMutationName>(
  ctx: CoreContext,
  name: N,
  args: ArgsOf<N>,
  actor: Actor,
  opts: SyncMutationOptions<N> = {},
): RecordOf<N> {
  const def = mutationDef(name);
  const entity: SyncEntity = def.entity;
  const store = ENTITY_STORES[entity] as unknown as { load: (db: unknown, id: string) => unknown; save: (db: unknown, r: unknown) => void };
  const id = def.idOf(args);
  const at = (args as { at?: string; answeredAt?: string }).at ?? (args as { answeredAt?: string }).answeredAt ?? ctx.now().toISOString();
  return writeTx(ctx, () => {
    const out = runMutation(ctx, {
      name,
      entity,
      entityId: id,
      args,
      actor,
      at,
      load: () => (opts.prev !== undefined ? opts.prev : store.load(ctx.db, id)),
      apply: (prev) => def.apply(prev, args, actor, mutationEnv(ctx)),
      save: (next, prev) => {
        snapshotBase(ctx.db, entity, id, prev);
        store.save(ctx.db, next);
      },
      base: (prev) => def.baseOf(prev),
    });
    if (out.changed)
      fireTriggers(ctx, { name, entity, id, args, actor, prev: out.prev, next: out.next, origin: opts.origin }, (n, a, who) => runSyncMutation(ctx, n, a, who));
    return out.next as RecordOf<N>;
  });
}
