import { v7 as uuidv7 } from 'uuid';
import type { LoginResult } from '../../../shared/api/types';
import { createUser, updateSettings } from '../../../shared/domain/admin';
import type { Actor } from '../../../shared/domain/mutation';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../../shared/domain/settings';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../shared/node/password';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { type HandlerMap, sessionOf } from '../handler';
import { createSession, endSession } from '../store/sessions';
import { getMeta, readSettings, setMeta, writeSettings } from '../store/settings';
import { type UserRow, usersTable } from '../store/tables';
import { userByUsername } from '../store/users';
import { HubClient, HubError } from '../sync/hubClient';
import { hubErrorToFailure, rememberHubLogin } from '../sync/join';
import { runMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/**
 * Joined workstations log in against the hub; only when it cannot be reached does the locally cached
 * verifier decide (offline login). A hub that says "wrong password" is final.
 */
async function loginAtHub(ctx: CoreContext, username: string, password: string): Promise<UserRow | null> {
  const hubUrl = getMeta(ctx.db, 'hub_url');
  if (!hubUrl) return null;
  try {
    const res = await new HubClient(hubUrl).login(username, password, getMeta(ctx.db, 'workstation') ?? '');
    await rememberHubLogin(ctx, res, password);
    ctx.sync?.trigger();
    return usersTable.get(ctx.db, res.user.id);
  } catch (e) {
    if (e instanceof HubError && (e.kind === 'offline' || e.kind === 'server')) {
      ctx.log.warn({ username }, `hub unreachable, trying offline login: ${e.message}`);
      return null;
    }
    throw hubErrorToFailure(e);
  }
}

export function isInitialized(ctx: CoreContext): boolean {
  return getMeta(ctx.db, 'workstation') !== null;
}

function loginResult(ctx: CoreContext, user: UserRow): LoginResult {
  const { token, expiresAt } = createSession(ctx, user);
  const { passwordHash: _h, version: _v, ...publicUser } = user;
  return {
    token,
    expiresAt,
    user: publicUser,
    workstation: getMeta(ctx.db, 'workstation') ?? '',
    organisationName: readSettings(ctx.db)?.organisationName ?? '',
  };
}

export const authHandlers: HandlerMap<'setup.status' | 'setup.initialize' | 'auth.login' | 'auth.logout' | 'auth.session'> = {
  'setup.status': ({ ctx }) => ({
    needsSetup: !isInitialized(ctx),
    organisationName: readSettings(ctx.db)?.organisationName ?? null,
    workstation: getMeta(ctx.db, 'workstation'),
  }),

  'setup.initialize': async ({ ctx, params }) => {
    if (isInitialized(ctx)) throw new ApiFailure('already_initialized', 'this workstation is already set up');
    const passwordHash = await hashPassword(params.admin.password);
    const at = ctx.now().toISOString();
    const id = uuidv7();
    const actor: Actor = { userId: id, role: 'admin', displayName: params.admin.displayName };
    const user = writeTx(ctx, () => {
      // Re-checked inside the transaction: two set-up forms submitted at once must not both win.
      if (isInitialized(ctx)) throw new ApiFailure('already_initialized', 'this workstation is already set up');
      setMeta(ctx.db, 'workstation', params.workstation);
      setMeta(ctx.db, 'client_id', uuidv7());
      setMeta(ctx.db, 'initialized_at', at);
      const { next: created } = runMutation(ctx, {
        name: 'user.create',
        entity: 'user',
        entityId: id,
        args: { id, username: params.admin.username, displayName: params.admin.displayName, role: 'admin', passwordHash, at },
        actor,
        at,
        load: () => null,
        apply: () => createUser(null, { id, username: params.admin.username, displayName: params.admin.displayName, role: 'admin', passwordHash, at }),
        save: (next) => usersTable.upsert(ctx.db, next),
      });
      const patch = { organisationName: params.organisationName, hotline: params.hotline, areaCode: params.areaCode ?? '' };
      const base = { organisationName: '', hotline: '', ...DEFAULT_SETTINGS } as OrganisationSettings;
      runMutation(ctx, {
        name: 'settings.update',
        entity: 'settings',
        entityId: 'organisation',
        args: { patch, at },
        actor,
        at,
        load: () => base,
        apply: (prev) => updateSettings(prev ?? base, { patch, at }),
        save: (next) => writeSettings(ctx.db, next, at),
      });
      return created;
    });
    ctx.log.info({ workstation: params.workstation, admin: user.username }, 'workstation initialized');
    return loginResult(ctx, user);
  },

  'auth.login': async ({ ctx, params }) => {
    if (!isInitialized(ctx)) throw new ApiFailure('setup_required', 'this workstation has not been set up yet');
    const hubUser = await loginAtHub(ctx, params.username, params.password);
    if (hubUser) return loginResult(ctx, hubUser);
    const user = userByUsername(ctx.db, params.username);
    const ok = await verifyPassword(params.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      ctx.log.warn({ username: params.username }, 'login refused');
      throw new ApiFailure('invalid_credentials', 'wrong username or password, or the account is deactivated');
    }
    ctx.log.info({ username: user.username }, 'login');
    return loginResult(ctx, user);
  },

  'auth.logout': ({ ctx, session }) => {
    endSession(ctx, sessionOf(session));
    ctx.emit('session.ended', { reason: 'logout' });
    return { loggedOut: true as const };
  },

  'auth.session': ({ ctx, session }) => {
    const s = sessionOf(session);
    return {
      user: s.user,
      expiresAt: s.expiresAt,
      workstation: getMeta(ctx.db, 'workstation') ?? '',
      organisationName: readSettings(ctx.db)?.organisationName ?? '',
    };
  },
};
