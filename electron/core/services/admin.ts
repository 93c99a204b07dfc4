import { v7 as uuidv7 } from 'uuid';
import type { Settings, User } from '../../../shared/api/types';
import { createUser, updateSettings, updateUser, type UserRecord } from '../../../shared/domain/admin';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import { type CoreContext, runMutation } from '../context';
import { ApiFailure } from '../errors';
import { getMeta, readSettings, writeSettings } from '../store/settings';
import { usersTable } from '../store/tables';
import { actorOf, type HandlerMap } from './handler';
import { hashPassword } from './password';
import { endSessionsOf } from './sessions';

export function settingsOf(ctx: CoreContext): OrganisationSettings {
  const s = readSettings(ctx.db);
  if (!s) throw new ApiFailure('setup_required', 'this workstation has not been set up yet');
  return s;
}

const withWorkstation = (ctx: CoreContext, s: OrganisationSettings): Settings => ({ ...s, workstation: getMeta(ctx.db, 'workstation') ?? '' });

function publicUser(u: UserRecord): User {
  const { passwordHash: _h, version: _v, ...rest } = u;
  return rest;
}

export const adminHandlers: HandlerMap<'settings.get' | 'settings.update' | 'users.list' | 'users.create' | 'users.update'> = {
  'settings.get': ({ ctx }) => withWorkstation(ctx, settingsOf(ctx)),

  'settings.update': ({ ctx, session, params }) => {
    const at = ctx.now().toISOString();
    const next = runMutation(ctx, {
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
    ctx.emit('records.changed', { entity: 'settings', ids: ['organisation'] });
    return withWorkstation(ctx, next);
  },

  'users.list': ({ ctx }) =>
    (ctx.db.prepare('SELECT * FROM users ORDER BY active DESC, role, username').all() as Record<string, unknown>[]).map((r) =>
      publicUser(usersTable.fromRow(r)),
    ),

  'users.create': async ({ ctx, session, params }) => {
    const passwordHash = await hashPassword(params.password);
    const at = ctx.now().toISOString();
    const id = uuidv7();
    const args = { id, username: params.username, displayName: params.displayName, role: params.role, passwordHash, at };
    const user = runMutation(ctx, {
      name: 'user.create',
      entity: 'user',
      entityId: id,
      args,
      actor: actorOf(session),
      at,
      load: () => {
        const row = ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(params.username) as Record<string, unknown> | undefined;
        return row ? usersTable.fromRow(row) : null;
      },
      apply: (existing) => createUser(existing, args),
      save: (next) => usersTable.upsert(ctx.db, next),
    });
    ctx.emit('records.changed', { entity: 'user', ids: [id] });
    return publicUser(user);
  },

  'users.update': async ({ ctx, session, params }) => {
    const { id, password, ...fields } = params;
    const passwordHash = password ? await hashPassword(password) : undefined;
    const at = ctx.now().toISOString();
    const args = { id, fields: passwordHash ? { ...fields, passwordHash } : fields, at };
    const actor = actorOf(session);
    const user = runMutation(ctx, {
      name: 'user.update',
      entity: 'user',
      entityId: id,
      args,
      actor,
      at,
      load: () => usersTable.get(ctx.db, id),
      apply: (prev) => {
        const admins = (ctx.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
        return updateUser(prev, args, actor, admins);
      },
      save: (next) => usersTable.upsert(ctx.db, next),
      base: (prev) => (prev ? { version: prev.version, role: prev.role, active: prev.active } : null),
    });
    if (passwordHash || user.active === false) endSessionsOf(ctx, id);
    ctx.emit('records.changed', { entity: 'user', ids: [id] });
    return publicUser(user);
  },
};
