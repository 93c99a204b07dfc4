import { isSyncMutation } from '../../../shared/domain/mutations';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { runSyncMutation } from '../mutate';
import type { SyncEngine } from '../sync/engine';
import { joinHub, leaveHub } from '../sync/join';
import { actorOf, type HandlerMap } from '../handler';

const engines = new WeakMap<CoreContext, SyncEngine>();

export function attachEngine(ctx: CoreContext, engine: SyncEngine): void {
  engines.set(ctx, engine);
  ctx.sync = engine;
}

export function engineOf(ctx: CoreContext): SyncEngine {
  const e = engines.get(ctx);
  if (!e) throw new ApiFailure('internal', 'sync engine not attached');
  return e;
}

export const syncHandlers: HandlerMap<'sync.status' | 'sync.now' | 'sync.join' | 'sync.leave' | 'sync.resolveConflict'> = {
  'sync.status': ({ ctx }) => engineOf(ctx).refreshStatus(),
  'sync.now': ({ ctx }) => engineOf(ctx).syncNow(),

  'sync.join': async ({ ctx, params }) => {
    await joinHub(ctx, params.hubUrl, params.username, params.password);
    const engine = engineOf(ctx);
    engine.start();
    ctx.log.info({ hub: params.hubUrl }, 'joined hub');
    return engine.syncNow();
  },

  'sync.leave': ({ ctx }) => {
    const engine = engineOf(ctx);
    engine.stop();
    leaveHub(ctx);
    ctx.log.info('left hub');
    return engine.refreshStatus();
  },

  'sync.resolveConflict': ({ ctx, session, params }) => {
    const row = ctx.db.prepare('SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL').get(params.id) as
      | Record<string, string>
      | undefined;
    if (!row) throw new ApiFailure('not_found', `no open conflict ${params.id}`);
    const now = ctx.now().toISOString();
    ctx.db.transaction(() => {
      if (params.action === 'reapply') {
        if (!isSyncMutation(row.mutation_name!)) throw new ApiFailure('refused', `${row.mutation_name} cannot be re-applied`);
        // Re-run against what the user now sees: a new mutation with a fresh base, judged again by the hub.
        const args = { ...(JSON.parse(row.args!) as Record<string, unknown>), at: now };
        runSyncMutation(ctx, row.mutation_name as 'call.update', args as never, actorOf(session));
      }
      ctx.db.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(now, params.id);
    })();
    ctx.emit('records.changed', { entity: row.entity as 'call', ids: [row.entity_id!] });
    engineOf(ctx).refreshStatus();
    return { resolved: true as const };
  },
};
