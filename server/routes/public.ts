import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoTime, uuid } from '../../shared/domain/fields';
import { DEFAULT_SETTINGS, OrganisationSettings } from '../../shared/domain/settings';
import { DisplayName, RoleSchema, Username } from '../../shared/domain/users';
import { HubLoginRequest, type HubLoginResponse } from '../../shared/sync/protocol';
import { type HubContext, publicUser, SCHEMA_RANGE, tokenHash } from '../context';
import { HubError, parseOr400 } from '../errors';
import { DUMMY_HASH, HASH_FORMAT, verifyPassword } from '../password';
import { setupCodeMatches } from '../setupCode';

export const SESSION_DAYS = 30;

const SetupUser = z.strictObject({
  id: uuid,
  username: Username,
  displayName: DisplayName,
  role: RoleSchema,
  passwordHash: z.string().max(400).regex(HASH_FORMAT, 'must be a scrypt$N$r$p$salt$hash password hash'),
  active: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  // The console's UserRecord carries it; accepted so a workstation can send its rows as they are.
  version: z.number().int().positive().optional(),
});

const SetupRequest = z
  .strictObject({
    // Settings from a console of an earlier version lack newer fields; they start from the defaults.
    organisation: z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...DEFAULT_SETTINGS, ...v } : v), OrganisationSettings),
    users: z.array(SetupUser).min(1).max(5000),
    /** The one-time code the hub printed at its start (server/setupCode.ts); checked after the shape. */
    setupCode: z.string().max(100).optional(),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const ids = new Set<string>();
    v.users.forEach((u, i) => {
      if (names.has(u.username)) ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `username ${u.username} appears twice` });
      if (ids.has(u.id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `id ${u.id} appears twice` });
      names.add(u.username);
      ids.add(u.id);
    });
    if (!v.users.some((u) => u.role === 'admin' && u.active))
      ctx.addIssue({ code: 'custom', path: ['users'], message: 'at least one active administrator is required' });
  });

export function publicRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/health', async () => {
    const users = await hub.store.read((tx) => tx.countUsers());
    // An empty hub tells the joining console that seeding it needs the set-up code printed at the hub's start.
    return { ok: true, initialized: users > 0, setupCodeRequired: users === 0, schema: SCHEMA_RANGE, store: hub.store.kind };
  });

  app.post('/hub/setup', async (req) => {
    const body = parseOr400(SetupRequest, req.body, 'setup request');
    const limitKey = `setup\n${req.ip}`;
    const wait = hub.limiter.retryAfter(limitKey);
    if (wait > 0) throw new HubError(429, 'too_many_requests', `too many wrong set-up codes; wait ${wait} seconds`, { retryAfter: wait });
    const { setupCode, ...seed } = body;
    await hub.write(async (tx) => {
      // Checked inside the write transaction so that two workstations racing to seed cannot both win.
      if ((await tx.countUsers()) > 0) throw new HubError(409, 'already_initialized', 'this hub is already set up; join it with an administrator login');
      if (!setupCode) throw new HubError(401, 'setup_code_required', 'this hub is empty: seeding it needs the set-up code printed when the hub started');
      if (!(await setupCodeMatches(await tx.setupCodeHash(), setupCode))) {
        hub.limiter.fail(limitKey);
        req.log.warn({ ip: req.ip }, 'hub setup refused: wrong set-up code');
        throw new HubError(403, 'setup_code_invalid', 'wrong set-up code; run `npm run hub -- --setup-code` on the hub machine for a new one');
      }
      // One time only: the code is gone once the hub has users.
      await tx.putSetupCodeHash(null, hub.now().toISOString());
      for (const u of seed.users) {
        const rec = { ...u, version: u.version ?? 1 };
        await tx.saveUser(rec);
        await tx.putRow('user', rec.id, publicUser(rec));
      }
      await tx.putRow('settings', 'organisation', seed.organisation);
    });
    hub.limiter.reset(limitKey);
    hub.log.info({ users: seed.users.length }, 'hub set up');
    return orgOf(hub);
  });

  app.post('/auth/login', async (req, reply) => {
    const body = parseOr400(HubLoginRequest, req.body, 'login request');
    const username = body.username.trim().toLowerCase();
    const key = `${req.ip}\n${username}`;
    const wait = hub.limiter.retryAfter(key);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HubError(429, 'too_many_requests', `too many login attempts; wait ${wait} seconds`, { retryAfter: wait });
    }
    const [user, users] = await hub.store.read(async (tx) => [await tx.getUserByUsername(username), await tx.countUsers()] as const);
    if (users === 0) throw new HubError(409, 'setup_required', 'this hub has not been set up yet; join it from a workstation first');
    // Always spend one scrypt, so an unknown username takes as long as a wrong password.
    const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || !user.active) {
      hub.limiter.fail(key);
      req.log.info({ username, workstation: body.workstation }, 'hub login failed');
      throw new HubError(401, 'invalid_credentials', 'wrong username or password');
    }
    hub.limiter.reset(key);
    const token = randomBytes(32).toString('base64url');
    const now = hub.now();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    await hub.store.putSession(tokenHash(token), { userId: user.id, workstation: body.workstation, createdAt: now.toISOString(), expiresAt });
    req.log.info({ userId: user.id, workstation: body.workstation }, 'hub login');
    const { version: _v, ...plain } = publicUser(user);
    return { ok: true, token, expiresAt, user: plain } satisfies HubLoginResponse & { ok: true };
  });

  app.get('/org', async (req) => {
    hub.requireSchema(req);
    await hub.authenticate(req);
    return orgOf(hub);
  });
}

export async function orgOf(hub: HubContext) {
  const [settings, users] = await hub.store.read(async (tx) => [(await tx.getRow('settings', 'organisation'))?.data ?? null, await tx.listUsers()] as const);
  return { ok: true, settings, users: users.map(publicUser), schema: SCHEMA_RANGE };
}
