import type { BackupList } from '../../../shared/api/storeTypes';
import type { Actor } from '../../../shared/domain/mutation';
import { ADMIN_ROLES } from '../../../shared/domain/roles';
import { DUMMY_HASH, verifyPassword } from '../../../shared/node/password';
import type { CoreContext, StoreControl } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { backupFolder, backupKeep, listBackups, pruneBackups, setBackupKeep } from '../store/backups';
import { userByUsername } from '../store/users';
import { HubClient } from '../sync/hubClient';
import { writeTx } from '../write/unit';

/** 设置 → 备份与恢复, and the damaged-store screen's status and restore (docs/architecture.md, "Integrity and backups"). */

function control(ctx: CoreContext): StoreControl {
  if (!ctx.store) throw new ApiFailure('refused', 'this core was opened without its store control');
  return ctx.store;
}

const listOf = (ctx: CoreContext, dataDir: string): BackupList => ({ backups: listBackups(dataDir), keep: backupKeep(ctx.db), folder: backupFolder(dataDir) });

/**
 * Wrong passwords on the damaged-store screen: the login back-off lives in the store, which cannot be
 * written now, so the count is kept in memory (scrypt makes each try cost ~0.1 s besides).
 */
const RECOVER_MAX_FAILURES = 5;
const RECOVER_PAUSE_MS = 60_000;
const recoverFailures = { count: 0, until: 0 };

async function hubAnswers(url: string): Promise<boolean> {
  try {
    await new HubClient(url).health();
    return true;
  } catch {
    return false;
  }
}

export const backupHandlers: HandlerMap<'backups.list' | 'backups.create' | 'backups.restore' | 'backups.keep' | 'store.status' | 'store.recover'> = {
  'backups.list': ({ ctx }) => listOf(ctx, control(ctx).dataDir),

  'backups.create': ({ ctx, session }) => control(ctx).backup(actorOf(session)),

  'backups.keep': ({ ctx, params }) => {
    const { dataDir } = control(ctx);
    writeTx(ctx, () => setBackupKeep(ctx.db, params.keep));
    pruneBackups(dataDir, params.keep);
    return listOf(ctx, dataDir);
  },

  'backups.restore': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return control(ctx).restore(params.id, async () => actor);
  },

  'store.status': async ({ ctx }) => {
    const store = control(ctx);
    const status = store.status();
    const url = store.hubUrl();
    // A joined damaged store may re-sync from its hub: offered only while the hub answers.
    if (status.state !== 'damaged' || !url) return status;
    return { ...status, hub: { url, reachable: await hubAnswers(url) } };
  },

  'store.recover': async ({ ctx, params }) => {
    const store = control(ctx);
    if (store.status().state !== 'damaged') throw new ApiFailure('refused', 'the store is sound: restore a backup from the settings (backups.restore) after logging in');
    const now = Date.now();
    if (recoverFailures.until > now)
      throw new ApiFailure('login_throttled', 'too many wrong passwords; wait a minute', undefined, { retryAfterSeconds: Math.ceil((recoverFailures.until - now) / 1000) });
    // The hub checks the password and counts wrong ones itself (its login limiter).
    if (params.action === 'resync') return store.resync(params.username, params.password);
    if (!params.id) throw new ApiFailure('invalid_params', 'choose a backup', [{ field: 'id', code: 'required', message: 'choose a backup' }]);
    return store.restore(params.id, async (backup) => {
      const user = userByUsername(backup, params.username);
      const ok = await verifyPassword(params.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || !user.active || !ADMIN_ROLES.includes(user.role)) {
        if (++recoverFailures.count >= RECOVER_MAX_FAILURES) {
          recoverFailures.until = Date.now() + RECOVER_PAUSE_MS;
          recoverFailures.count = 0;
        }
        throw new ApiFailure('invalid_credentials', 'an active administrator of that backup must give their username and password');
      }
      recoverFailures.count = 0;
      const actor: Actor = { userId: user.id, role: user.role, displayName: user.displayName };
      return actor;
    });
  },
};
