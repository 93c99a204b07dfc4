import { type MUTATIONS, type MutationEnv, mutationDef, mutationEnvFrom, type SyncMutationName } from '../../shared/domain/mutations';
import type { Actor } from '../../shared/domain/mutation';
import type { z } from 'zod';
import { type CoreContext, runMutation } from './context';
import { settingsOf } from './services/admin';
import { ENTITY_STORES } from './store/entities';
import { snapshotBase } from './sync/apply';

/** Derived once per settings object; `readSettings` hands out the same object until the row is written. */
const envs = new WeakMap<object, MutationEnv>();

export function mutationEnv(ctx: CoreContext): MutationEnv {
  const s = settingsOf(ctx);
  let env = envs.get(s);
  if (!env) {
    env = mutationEnvFrom(s);
    envs.set(s, env);
  }
  return env;
}

type ArgsOf<N extends SyncMutationName> = z.output<(typeof MUTATIONS)[N]['args']>;
type RecordOf<N extends SyncMutationName> = ReturnType<(typeof MUTATIONS)[N]['apply']> extends infer R
  ? R extends { ok: true; next: infer T }
    ? T
    : never
  : never;

/**
 * Runs a synced mutation from the registry: the same definition the hub applies on push. `loaded` is
 * the record as the caller has just read it inside the same transaction, so it is not read again.
 */
export function runSyncMutation<N extends SyncMutationName>(
  ctx: CoreContext,
  name: N,
  args: ArgsOf<N>,
  actor: Actor,
  loaded?: { prev: RecordOf<N> | null },
): RecordOf<N> {
  const def = mutationDef(name);
  const store = ENTITY_STORES[def.entity] as unknown as { load: (db: unknown, id: string) => unknown; save: (db: unknown, r: unknown) => void };
  const id = def.idOf(args);
  const at = (args as { at?: string; answeredAt?: string }).at ?? (args as { answeredAt?: string }).answeredAt ?? ctx.now().toISOString();
  return runMutation(ctx, {
    name,
    entity: def.entity,
    entityId: id,
    args,
    actor,
    at,
    load: () => (loaded ? loaded.prev : store.load(ctx.db, id)),
    apply: (prev) => def.apply(prev, args, actor, mutationEnv(ctx)),
    save: (next, prev) => {
      snapshotBase(ctx.db, def.entity, id, prev);
      store.save(ctx.db, next);
    },
    base: (prev) => def.baseOf(prev),
  }) as RecordOf<N>;
}
