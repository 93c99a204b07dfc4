import type { FastifyInstance, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { createUser, updateSettings, updateUser } from '../../shared/domain/admin';
import { uuid } from '../../shared/domain/fields';
import type { Actor, FieldChange } from '../../shared/domain/mutation';
import { type OrganisationSettings, SettingsPatch } from '../../shared/domain/settings';
import { DisplayName, Password, RoleSchema, Username } from '../../shared/domain/users';
import { type HubContext, publicUser } from '../context';
import { HubError, parseOr400 } from '../errors';
import { hashPassword } from '../password';
import type { StoreTx } from '../store/types';

const NewUser = z.strictObject({ username: Username, displayName: DisplayName, role: RoleSchema, password: Password });
const UserPatch = z.strictObject({
  displayName: DisplayName.optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});
const UserParams = z.strictObject({ id: uuid });

/** Hub-made history has no client, so its id is a fresh UUIDv7 rather than `<clientId>:<n>`. */
async function record(tx: StoreTx, actor: Actor, at: string, entity: string, entityId: string, action: string, changes: FieldChange[]) {
  await tx.appendHistory({ id: uuidv7(), entity, entityId, at, actorId: actor.userId, actorName: actor.displayName, action, changes });
}

export function adminRoutes(app: FastifyInstance, hub: HubContext): void {
  async function admin(req: FastifyRequest): Promise<Actor> {
    const user = await hub.authenticate(req);
    if (user.role !== 'admin') throw new HubError(403, 'forbidden', 'only an administrator may change organisation settings and users');
    return { userId: user.id, role: user.role, displayName: user.displayName };
  }

  app.patch('/admin/settings', async (req) => {
    const actor = await admin(req);
    const patch = parseOr400(SettingsPatch, req.body, 'settings patch');
    const at = hub.now().toISOString();
    const settings = await hub.write(async (tx) => {
      const prev = (await tx.getRow('settings', 'organisation'))?.data as OrganisationSettings | undefined;
      if (!prev) throw new HubError(409, 'setup_required', 'this hub has not been set up yet');
      const res = updateSettings(prev, { patch, at });
      if (!res.ok) throw new HubError(409, 'refused', res.reason);
      if (res.changes.length) {
        await tx.putRow('settings', 'organisation', res.next);
        await record(tx, actor, at, 'settings', 'organisation', 'settings.update', res.changes);
      }
      return res.next;
    });
    return { ok: true, settings };
  });

  app.post('/admin/users', async (req) => {
    const actor = await admin(req);
    const body = parseOr400(NewUser, req.body, 'new user');
    const passwordHash = await hashPassword(body.password);
    const at = hub.now().toISOString();
    const args = { id: uuidv7(), username: body.username, displayName: body.displayName, role: body.role, passwordHash, at };
    const user = await hub.write(async (tx) => {
      const res = createUser(await tx.getUserByUsername(body.username), args);
      if (!res.ok) throw new HubError(409, 'conflict', res.reason, res.fields ? { fields: res.fields } : {});
      await tx.saveUser(res.next);
      await tx.putRow('user', res.next.id, publicUser(res.next));
      await record(tx, actor, at, 'user', res.next.id, 'user.create', res.changes);
      return res.next;
    });
    return { ok: true, user: publicUser(user) };
  });

  app.patch('/admin/users/:id', async (req) => {
    const actor = await admin(req);
    const { id } = parseOr400(UserParams, req.params, 'user id');
    const { password, ...fields } = parseOr400(UserPatch, req.body, 'user patch');
    const passwordHash = password ? await hashPassword(password) : undefined;
    const at = hub.now().toISOString();
    const user = await hub.write(async (tx) => {
      const prev = await tx.getUserById(id);
      const res = updateUser(prev, { id, fields: passwordHash ? { ...fields, passwordHash } : fields, at }, actor, await tx.countActiveAdmins());
      if (!res.ok) throw new HubError(res.code === 'not_found' ? 404 : 409, res.code, res.reason);
      if (res.changes.length) {
        await tx.saveUser(res.next);
        await tx.putRow('user', id, publicUser(res.next));
        await record(tx, actor, at, 'user', id, 'user.update', res.changes);
        // A reset password or a deactivation ends that user's hub sessions (not the admin's own).
        if ((passwordHash || !res.next.active) && id !== actor.userId) await tx.deleteSessionsOf(id);
      }
      return res.next;
    });
    return { ok: true, user: publicUser(user) };
  });
}
