import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { callCreate, type HubFactory, mut, ORG, PASSWORD, setupBody, USERS, useHub } from '../harness';

/** Setup, login, organisation, administration and bad input; both stores run it. */
export function authSuite(factory: HubFactory): void {
  describe('setup', () => {
    const h = useHub(factory, { setup: false });

    it('seeds an empty hub once, then answers 409', async () => {
      const c = h();
      expect((await c.call('GET', '/health')).json).toMatchObject({ ok: true, initialized: false, schema: { min: 1, max: 1 } });
      const first = await c.call('POST', '/hub/setup', { body: await setupBody() });
      expect(first.status).toBe(200);
      expect(first.json.users).toHaveLength(Object.keys(USERS).length);
      const health = (await c.call('GET', '/health')).json;
      expect(health.initialized).toBe(true);
      expect(['sqlite', 'postgres']).toContain(health.store);
      const before = await c.footprint();
      const second = await c.call('POST', '/hub/setup', { body: await setupBody() });
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('already_initialized');
      expect(await c.footprint()).toEqual(before);
      const rows = await c.pullAll();
      expect(rows.filter((r) => r.entity === 'user')).toHaveLength(Object.keys(USERS).length);
      expect(rows.find((r) => r.entity === 'settings')).toMatchObject({ id: 'organisation', data: ORG });
      expect(JSON.stringify(rows)).not.toMatch(/scrypt\$/);
    });

    it('refuses a setup without an active administrator or with duplicate usernames', async () => {
      const c = h();
      const body = await setupBody();
      const noAdmin = { ...body, users: body.users.filter((u) => u.role !== 'admin') };
      const dup = { ...body, users: [...body.users, { ...body.users[1]!, id: uuidv7() }] };
      for (const b of [noAdmin, dup]) {
        const r = await c.call('POST', '/hub/setup', { body: b });
        expect(r.status).toBe(400);
      }
      expect(await c.footprint()).toEqual({ seq: 0, users: 0 });
      expect((await c.call('POST', '/auth/login', { body: { username: 'admin', password: PASSWORD, workstation: 'A07' } })).status).toBe(409);
    });
  });

  describe('login and organisation', () => {
    const h = useHub(factory);

    it('logs in with the seeded hash and serves /org without hashes', async () => {
      const c = h();
      const r = await c.call('POST', '/auth/login', { body: { username: ' LI ', password: PASSWORD, workstation: 'A07' } });
      expect(r.status).toBe(200);
      expect(r.json.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(Date.parse(r.json.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect(r.json.user).toEqual({ ...USERS.agent1, active: true, createdAt: expect.any(String), updatedAt: expect.any(String) });
      const org = await c.call('GET', '/org', { token: r.json.token });
      expect(org.status).toBe(200);
      // A console of an earlier version seeds settings without the newer fields; the hub fills in defaults.
      expect(org.json.settings).toEqual({ ...DEFAULT_SETTINGS, ...ORG });
      expect(org.json.schema).toEqual({ min: 1, max: 1 });
      for (const u of org.json.users) expect(u).not.toHaveProperty('passwordHash');
    });

    it('answers 401 for a wrong password or unknown user, and 429 after 10 failures', async () => {
      const c = h();
      const attempt = (username: string, password: string) => c.call('POST', '/auth/login', { body: { username, password, workstation: 'A07' } });
      expect((await attempt('nobody', PASSWORD)).status).toBe(401);
      for (let i = 0; i < 10; i++) {
        const r = await attempt('li', 'wrong-password');
        expect(r.status).toBe(401);
        expect(r.json.error).toEqual({ code: 'invalid_credentials', message: 'wrong username or password' });
      }
      const locked = await attempt('li', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.json.error.message).toMatch(/^too many login attempts; wait \d+ seconds$/);
      // The limit is per username: another user from the same address is not locked out.
      expect((await attempt('wang', PASSWORD)).status).toBe(200);
    }, 60_000);
  });

  describe('administration', () => {
    const h = useHub(factory);

    it('lets an administrator change settings and users, each with history and a sync row', async () => {
      const c = h();
      const admin = await c.as('admin');
      const s = await c.call('PATCH', '/admin/settings', { token: admin, body: { answerWithinSeconds: 10 } });
      expect(s.status).toBe(200);
      expect(s.json.settings.answerWithinSeconds).toBe(10);
      const created = await c.call('POST', '/admin/users', {
        token: admin,
        body: { username: 'chen', displayName: '陈静', role: 'agent', password: 'another-pass-1' },
      });
      expect(created.status).toBe(200);
      expect(created.json.user).not.toHaveProperty('passwordHash');
      const login = await c.call('POST', '/auth/login', { body: { username: 'chen', password: 'another-pass-1', workstation: 'B02' } });
      expect(login.status).toBe(200);
      const taken = await c.call('POST', '/admin/users', { token: admin, body: { username: 'chen', displayName: 'x', role: 'agent', password: 'another-pass-1' } });
      expect(taken.status).toBe(409);
      const off = await c.call('PATCH', `/admin/users/${created.json.user.id}`, { token: admin, body: { active: false } });
      expect(off.status).toBe(200);
      expect((await c.call('GET', '/org', { token: login.json.token })).status).toBe(401);
      const rows = await c.pullAll();
      expect(rows.find((r) => r.entity === 'settings').data.answerWithinSeconds).toBe(10);
      expect(rows.find((r) => r.entity === 'user' && r.id === created.json.user.id).data).toMatchObject({ active: false, username: 'chen' });
      const actions = rows.filter((r) => r.entity === 'history').map((r) => r.data.action);
      expect(actions).toEqual(['settings.update', 'user.create', 'user.update']);
    });

    it('refuses non-administrators and demoting the last administrator', async () => {
      const c = h();
      const before = await c.footprint();
      const lead = await c.as('lead');
      expect((await c.call('PATCH', '/admin/settings', { token: lead, body: { hotline: '1' } })).status).toBe(403);
      expect((await c.call('POST', '/admin/users', { token: lead, body: { username: 'x1', displayName: 'x', role: 'admin', password: 'passpass1' } })).status).toBe(403);
      const admin = await c.as('admin');
      const demote = await c.call('PATCH', `/admin/users/${USERS.admin.id}`, { token: admin, body: { role: 'agent' } });
      expect(demote.status).toBe(409);
      expect(demote.json.error.message).toMatch(/last active administrator/);
      expect((await c.call('PATCH', `/admin/users/${uuidv7()}`, { token: admin, body: { active: false } })).status).toBe(404);
      expect(await c.footprint()).toEqual(before);
    });
  });

  describe('bad input', () => {
    const h = useHub(factory);

    it('answers 426 upgrade_required for a missing or unsupported schema header', async () => {
      const c = h();
      const token = await c.as('agent1');
      const before = await c.footprint();
      const push = { clientId: uuidv7(), workstation: 'A07', mutations: [mut(1, 'call.create', callCreate(uuidv7()))] };
      for (const schema of [null, '0', '2', 'abc', '']) {
        for (const [method, url] of [
          ['POST', '/sync/push'],
          ['GET', '/sync/pull'],
          ['GET', '/sync/events'],
          ['GET', '/org'],
        ] as const) {
          const r = await c.call(method, url, { token, schema, body: method === 'POST' ? push : undefined });
          expect(r.status, `${url} ${schema}`).toBe(426);
          expect(r.json.error).toMatchObject({ code: 'upgrade_required', min: 1, max: 1, message: expect.stringMatching(/please upgrade Hotline Desk/) });
        }
      }
      expect(await c.footprint()).toEqual(before);
    });

    it('answers every endpoint given a malformed body with 400 and a clear message, writing nothing', async () => {
      const c = h();
      const admin = await c.as('admin');
      const agent = await c.as('agent1');
      const good = await setupBody();
      const clientId = uuidv7();
      const cases: [string, string, { body?: unknown; raw?: string; token?: string }, RegExp][] = [
        ['POST', '/hub/setup', { raw: '{"organisation":' }, /not valid JSON/],
        ['POST', '/hub/setup', { body: [] }, /invalid setup request/],
        ['POST', '/hub/setup', { body: { ...good, users: [{ ...good.users[0], passwordHash: 'plain' }] } }, /users\.0\.passwordHash/],
        ['POST', '/hub/setup', { body: { ...good, organisation: { ...ORG, answerWithinSeconds: 'fast' } } }, /organisation\.answerWithinSeconds/],
        ['POST', '/auth/login', { raw: 'username=li' }, /invalid/],
        ['POST', '/auth/login', { body: { username: 'li' } }, /password/],
        ['POST', '/auth/login', { body: { username: 'li', password: PASSWORD, workstation: 'A07', role: 'admin' } }, /role/],
        ['PATCH', '/admin/settings', { token: admin, body: { answerWithinSeconds: 1 } }, /answerWithinSeconds/],
        ['PATCH', '/admin/settings', { token: admin, body: { colour: 'red' } }, /colour/],
        // The same field rules as the console's dispatcher (shared/domain/fieldRules.ts): refused, never stored.
        ['PATCH', '/admin/settings', { token: admin, body: { hotline: '热线abc' } }, /hotline/],
        ['PATCH', '/admin/settings', { token: admin, body: { repeatCallerHours: 100_000 } }, /repeatCallerHours/],
        ['PATCH', '/admin/settings', { token: admin, body: { departments: ['市场部', '市场部'] } }, /departments\.1/],
        ['PATCH', '/admin/settings', { token: admin, raw: '' }, /invalid/],
        ['POST', '/admin/users', { token: admin, body: { username: 'a b', displayName: 'x', role: 'agent', password: 'passpass1' } }, /username/],
        ['POST', '/admin/users', { token: admin, body: { username: 'newbie', displayName: 'x', role: 'boss', password: 'passpass1' } }, /role/],
        ['POST', '/admin/users', { token: admin, body: { username: 'newbie', displayName: 'x', role: 'agent', password: 'short' } }, /password/],
        ['PATCH', '/admin/users/not-a-uuid', { token: admin, body: { active: false } }, /invalid user id/],
        ['PATCH', `/admin/users/${USERS.agent1.id}`, { token: admin, body: { active: 'no' } }, /active/],
        ['PATCH', `/admin/users/${USERS.agent1.id}`, { token: admin, body: { passwordHash: 'scrypt$1' } }, /passwordHash/],
        ['POST', '/sync/push', { token: agent, raw: '{"clientId":1' }, /not valid JSON/],
        ['POST', '/sync/push', { token: agent, body: { clientId: 'abc', workstation: 'A07', mutations: [] } }, /clientId/],
        ['POST', '/sync/push', { token: agent, body: { clientId, workstation: 'A07', mutations: [{ id: 0, name: 'call.create', args: {}, base: null }] } }, /mutations\.0\.id/],
        ['POST', '/sync/push', { token: agent, body: { clientId, workstation: 'A07', mutations: [mut(2, 'call.create', {}), mut(1, 'call.create', {})] } }, /must increase/],
        ['POST', '/sync/push', { token: agent, body: { clientId, workstation: 'A07', mutations: Array.from({ length: 501 }, (_, i) => mut(i + 1, 'x', {})) } }, /mutations/],
        ['POST', '/sync/push', { token: agent, body: { clientId, mutations: [] } }, /workstation/],
      ];
      const before = await c.footprint();
      for (const [method, url, o, message] of cases) {
        const r = await c.call(method, url, o);
        expect(r.status, `${method} ${url} ${JSON.stringify(o.body ?? o.raw).slice(0, 80)}`).toBe(400);
        expect(r.json.ok).toBe(false);
        expect(r.json.error.code).toBe('invalid_params');
        expect(r.json.error.message).toMatch(message);
      }
      expect(await c.footprint()).toEqual(before);
      expect((await c.call('GET', '/health')).json.ok).toBe(true);
      // The refused pushes bound nothing: the clientId is still free for its first real use.
      expect((await c.push('agent2', clientId, [mut(1, 'call.create', callCreate(uuidv7()))])).status).toBe(200);
    });

    it('answers unknown endpoints with a JSON 404', async () => {
      const c = h();
      const r = await c.call('GET', '/sync/everything');
      expect(r.status).toBe(404);
      expect(r.json.error).toMatchObject({ code: 'not_found' });
    });
  });
}
