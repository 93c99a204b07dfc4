import { v7 as uuidv7 } from 'uuid';
import type { LoginResult } from '../../../shared/api/types';
import { createUser, updateSettings } from '../../../shared/domain/admin';
import type { Actor } from '../../../shared/domain/mutation';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../../shared/domain/settings';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../shared/node/password';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { type HandlerMap, sessionOf } from '../handler';
import { clearLoginFailures, loginGate, recordLoginFailure } from '../store/loginAttempts';
import { createSession, endSession, setSessionLocked } from '../store/sessions';
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

/**
 * Refuses at once while the username is locked (10 failures in a row) or inside its back-off (from the
 * third failure 1 s, 2 s, 4 s …). Asked before any password is verified, so the answer and its timing
 * say nothing about whether the password would have been right.
 */
function passLoginGate(ctx: CoreContext, username: string): void {
  const gate = loginGate(ctx.db, username, ctx.now());
  if (gate.kind === 'locked')
    throw new ApiFailure('login_locked', `too many wrong passwords; this login is locked until ${gate.until} or until a team lead unlocks it`, undefined, {
      lockedUntil: gate.until,
    });
  if (gate.kind === 'throttled') {
    const seconds = Math.ceil(gate.retryAfterMs / 1000);
    throw new ApiFailure('login_throttled', `wrong password just now; wait ${seconds} seconds before trying again`, undefined, { retryAfterSeconds: seconds });
  }
}

/** Counts a wrong password (offline or at the hub alike); the tenth locks the login for the configured time. */
function failLogin(ctx: CoreContext, username: string, refusal: ApiFailure): ApiFailure {
  const lockMs = (readSettings(ctx.db)?.loginLockMinutes ?? DEFAULT_SETTINGS.loginLockMinutes) * 60_000;
  const { failures, lockedUntil } = recordLoginFailure(ctx.db, username, ctx.now(), lockMs);
  ctx.log.warn({ username, failures }, lockedUntil ? 'login locked after repeated failures' : 'login refused');
  if (!lockedUntil) return refusal;
  return new ApiFailure('login_locked', `too many wrong passwords; this login is locked until ${lockedUntil} or until a team lead unlocks it`, undefined, {
    lockedUntil,
  });
}

/** The password of `username`, hub first when joined, under the login limits. Returns the user it proved. */
async function checkPassword(ctx: CoreContext, username: string, password: string): Promise<UserRow> {
  passLoginGate(ctx, username);
  let hubUser: UserRow | null;
  try {
    hubUser = await loginAtHub(ctx, username, password);
  } catch (e) {
    if (e instanceof ApiFailure && e.code === 'invalid_credentials') throw failLogin(ctx, username, e);
    throw e;
  }
  if (hubUser) {
    clearLoginFailures(ctx.db, username);
    return hubUser;
  }
  const user = userByUsername(ctx.db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active)
    throw failLogin(ctx, username, new ApiFailure('invalid_credentials', 'wrong username or password, or the account is deactivated'));
  clearLoginFailures(ctx.db, username);
  return user;
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

export const authHandlers: HandlerMap<'setup.status' | 'setup.initialize' | 'auth.login' | 'auth.logout' | 'auth.session' | 'auth.lock' | 'auth.unlock'> = {
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
    const user = await checkPassword(ctx, params.username, params.password);
    ctx.log.info({ username: user.username }, 'login');
    return loginResult(ctx, user);
  },

  'auth.lock': ({ ctx, session }) => {
    const s = sessionOf(session);
    if (!s.locked) setSessionLocked(ctx, s, ctx.now().toISOString());
    ctx.log.info({ username: s.user.username }, 'console locked');
    return { locked: true as const };
  },

  'auth.unlock': async ({ ctx, session, params }) => {
    const s = sessionOf(session);
    // The same check as a login (hub first when joined, back-off, lock), but the session is kept, not replaced.
    const proved = await checkPassword(ctx, s.user.username, params.password);
    if (proved.id !== s.user.id) throw new ApiFailure('invalid_credentials', 'wrong password');
    setSessionLocked(ctx, s, null);
    ctx.log.info({ username: s.user.username }, 'console unlocked');
    return { locked: false as const };
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
      locked: s.locked,
    };
  },
};
