import { isSyncMutation } from '../../../shared/domain/mutations';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { isSupervisor } from '../../../shared/domain/roles';
import { conflictAuthorId, markConflictResolved, openConflictById } from '../store/journal';
import type { SyncEngine } from '../sync/engine';
import { joinHub, leaveHub } from '../sync/join';
import { runSyncMutation } from '../write/mutation';
import { type ChangedEntity, touch, writeTx } from '../write/unit';

function engineOf(ctx: CoreContext): SyncEngine {
  if (!ctx.sync) throw new ApiFailure('internal', 'sync engine not attached');
  return ctx.sync;
}

export const syncHandlers: HandlerMap<'sync.status' | 'sync.now' | 'sync.join' | 'sync.leave' | 'sync.resolveConflict'> = {
  'sync.status': ({ ctx }) => engineOf(ctx).refreshStatus(),
  'sync.now': ({ ctx }) => engineOf(ctx).syncNow(),

  'sync.join': async ({ ctx, params }) => {
    await joinHub(ctx, params.hubUrl, params.username, params.password, params.setupCode);
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
    const row = openConflictById(ctx.db, params.id);
    if (!row) throw new ApiFailure('not_found', `no open conflict ${params.id}`);
    // Discarding drops someone's offline edit for good, and re-applying acts in their name: theirs to decide, or a lead's.
    const actor = actorOf(session);
    if (!isSupervisor(actor.role) && conflictAuthorId(ctx.db, params.id) !== actor.userId)
      throw new ApiFailure('forbidden', 'this conflict holds another user\'s edit; only that user or a team lead can resolve it');
    const now = ctx.now().toISOString();
    writeTx(ctx, () => {
      if (params.action === 'reapply') {
        if (!isSyncMutation(row.mutation_name)) throw new ApiFailure('refused', `${row.mutation_name} cannot be re-applied`);
        // Re-run against what the user now sees: a new mutation with a fresh base, judged again by the hub.
        const args = { ...(JSON.parse(row.args) as Record<string, unknown>), at: now };
        runSyncMutation(ctx, row.mutation_name as 'call.update', args as never, actorOf(session));
      }
      markConflictResolved(ctx.db, params.id, now);
      // The record's conflict banner goes away even when nothing was re-applied.
      touch(ctx, row.entity as ChangedEntity, row.entity_id);
    });
    engineOf(ctx).refreshStatus();
    return { resolved: true as const };
  },
};
