import { v7 as uuidv7 } from 'uuid';
import type { Settings, User } from '../../../shared/api/types';
import { createUser, updateSettings, updateUser, type UserRecord } from '../../../shared/domain/admin';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import { hashPassword } from '../../../shared/node/password';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { hubTokenOf, writeHistory } from '../store/journal';
import { clearLoginFailures, lockedLogins, loginLockOf } from '../store/loginAttempts';
import { endSessionsOf } from '../store/sessions';
import { getMeta, requireSettings, writeSettings } from '../store/settings';
import { departmentUsage } from '../store/settingsUsage';
import { usersTable } from '../store/tables';
import { activeAdminCount, listUsers, userByUsername } from '../store/users';
import { HubClient } from '../sync/hubClient';
import { hubErrorToFailure } from '../sync/join';
import { runMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

const settingsOf = (ctx: CoreContext): OrganisationSettings => requireSettings(ctx.db);

const withWorkstation = (ctx: CoreContext, s: OrganisationSettings): Settings => ({ ...s, workstation: getMeta(ctx.db, 'workstation') ?? '' });

function publicUser(u: UserRecord): User {
  const { passwordHash: _h, version: _v, ...rest } = u;
  return rest;
}

/**
 * Once joined, the hub owns users and settings: changes go to it (online only) and come back by pull.
 * Returns null when standalone, so the local mutation runs instead.
 */
async function viaHub(ctx: CoreContext, userId: string, method: 'POST' | 'PATCH', path: string, body: unknown): Promise<true | null> {
  const hubUrl = getMeta(ctx.db, 'hub_url');
  if (!hubUrl) return null;
  const hubToken = hubTokenOf(ctx.db, userId);
  if (!hubToken) throw new ApiFailure('refused', 'log in while the hub is reachable to manage users and settings');
  try {
    await new HubClient(hubUrl, hubToken).request(method, path, body);
  } catch (e) {
    throw hubErrorToFailure(e);
  }
  await ctx.sync?.syncNow();
  return true;
}

export const adminHandlers: HandlerMap<'settings.get' | 'settings.update' | 'settings.usage' | 'users.list' | 'users.create' | 'users.update' | 'users.unlock' | 'users.locked'> = {
  'settings.get': ({ ctx }) => withWorkstation(ctx, settingsOf(ctx)),

  // Counts only (no record is read out): the settings form asks before removing a value records still use.
  'settings.usage': ({ ctx }) => ({ departments: departmentUsage(ctx.db) }),

  'settings.update': async ({ ctx, session, params }) => {
    if (await viaHub(ctx, actorOf(session).userId, 'PATCH', '/admin/settings', params)) return withWorkstation(ctx, settingsOf(ctx));
    const at = ctx.now().toISOString();
    const { next } = runMutation(ctx, {
      name: 'settings.update',
      entity: 'settings',
      entityId: 'organisation',
      args: { patch: params, at },
      actor: actorOf(session),
      at,
      load: () => settingsOf(ctx),
      apply: (prev) => updateSettings(prev ?? settingsOf(ctx), { patch: params, at }),
      save: (s) => writeSettings(ctx.db, s, at),
    });
    return withWorkstation(ctx, next);
  },

  'users.list': ({ ctx }) =>
listUsers(ctx.db).map(publicUser),

  'users.create': async ({ ctx, session, params }) => {
    if (await viaHub(ctx, actorOf(session).userId, 'POST', '/admin/users', params)) {
      const created = userByUsername(ctx.db, params.username);
      if (!created) throw new ApiFailure('internal', 'the hub created the user but it has not arrived yet');
      return publicUser(created);
    }
    const passwordHash = await hashPassword(params.password);
    const at = ctx.now().toISOString();
    const id = uuidv7();
    const args = { id, username: params.username, displayName: params.displayName, role: params.role, passwordHash, at };
    const { next: user } = runMutation(ctx, {
      name: 'user.create',
      entity: 'user',
      entityId: id,
      args,
      actor: actorOf(session),
      at,
      load: () => userByUsername(ctx.db, params.username),
      apply: (existing) => createUser(existing, args),
      save: (next) => usersTable.upsert(ctx.db, next),
    });
    return publicUser(user);
  },

  'users.update': async ({ ctx, session, params }) => {
    const { id, password, ...fields } = params;
    if (await viaHub(ctx, actorOf(session).userId, 'PATCH', `/admin/users/${encodeURIComponent(id)}`, { ...fields, ...(password ? { password } : {}) })) {
      const u = usersTable.get(ctx.db, id);
      if (!u) throw new ApiFailure('not_found', `user ${id} does not exist`);
      return publicUser(u);
    }
    const passwordHash = password ? await hashPassword(password) : undefined;
    const at = ctx.now().toISOString();
    const args = { id, fields: passwordHash ? { ...fields, passwordHash } : fields, at };
    const actor = actorOf(session);
    const { next: user } = runMutation(ctx, {
      name: 'user.update',
      entity: 'user',
      entityId: id,
      args,
      actor,
      at,
      load: () => usersTable.get(ctx.db, id),
      apply: (prev) => updateUser(prev, args, actor, activeAdminCount(ctx.db)),
      save: (next) => usersTable.upsert(ctx.db, next),
      base: (prev) => (prev ? { version: prev.version, role: prev.role, active: prev.active } : null),
    });
    if (passwordHash || user.active === false) endSessionsOf(ctx, id);
    return publicUser(user);
  },

  /**
   * Lifts this workstation's login lock (and back-off) of a user. The counters are the workstation's own,
   * so this is local even when joined; the user's history records who lifted it and how many failures it ended.
   */
  'users.unlock': ({ ctx, session, params }) => {
    const user = usersTable.get(ctx.db, params.id);
    if (!user) throw new ApiFailure('not_found', `user ${params.id} does not exist`);
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const unlocked = writeTx(ctx, () => {
      const lock = loginLockOf(ctx.db, user.username);
      if (!lock || !clearLoginFailures(ctx.db, user.username)) return false;
      writeHistory(ctx.db, {
        id: `unlock:${uuidv7()}`,
        entity: 'user',
        entityId: user.id,
        action: 'user.unlock',
        actor,
        at,
        changes: [{ field: 'loginFailures', before: lock.failures, after: 0 }, ...(lock.lockedUntil ? [{ field: 'lockedUntil', before: lock.lockedUntil, after: null }] : [])],
      });
      return true;
    });
    ctx.log.info({ userId: user.id, by: actor.userId, unlocked }, 'login unlocked');
    return { unlocked };
  },

  // Staff accounts and this workstation's own counters (no customer data): the lead's board lists them to unlock.
  'users.locked': ({ ctx }) => lockedLogins(ctx.db, ctx.now()),
};
