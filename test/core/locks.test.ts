import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/envelope';
import { insertConflict } from '../../electron/core/store/syncState';
import { openTestConsole, PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/** Issue 12, "Locks", on one workstation: login back-off and lock, the idle lock of a session, conflict ownership. */

const opened: TestConsole[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

async function seeded(): Promise<TestConsole> {
  const c = await seededConsole();
  opened.push(c);
  return c;
}

function errorOf<R>(env: Envelope<R>) {
  if (env.ok) throw new Error(`expected a refusal, got ${JSON.stringify(env.result)}`);
  return env.error;
}

const login = (c: TestConsole, username: string, password: string) => c.call('auth.login', { username, password });

async function userId(c: TestConsole, username: string): Promise<string> {
  await c.login('admin', PASSWORD);
  const u = (await c.ok('users.list', {})).find((x) => x.username === username);
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

/** Ten wrong passwords, each after its back-off has passed (the clock moves; nothing sleeps). */
async function failTenTimes(c: TestConsole, username: string) {
  let last = errorOf(await login(c, username, 'wrong-1'));
  for (let i = 1; i < 10; i++) {
    c.clock.advance(60_000);
    last = errorOf(await login(c, username, `wrong-${i + 1}`));
  }
  return last;
}

describe('workstation login limits', () => {
  it('after two free mistakes backs off 1 s, 2 s, 4 s …, and refuses even the right password inside the wait', async () => {
    const c = await seeded();
    const wrong = async () => expect(errorOf(await login(c, 'agent1', 'wrong')).code).toBe('invalid_credentials');
    // A typo or two costs nothing.
    await wrong();
    await wrong();
    await wrong();
    const throttled = errorOf(await login(c, 'agent1', PASSWORD));
    expect(throttled).toMatchObject({ code: 'login_throttled', details: { retryAfterSeconds: 1 } });
    expect(throttled.message).toMatch(/wait 1 seconds/);
    c.clock.advance(999);
    expect(errorOf(await login(c, 'agent1', PASSWORD)).code).toBe('login_throttled');
    c.clock.advance(1);
    await wrong();
    expect(errorOf(await login(c, 'agent1', 'wrong')).details).toEqual({ retryAfterSeconds: 2 });
    c.clock.advance(2000);
    await wrong();
    expect(errorOf(await login(c, 'agent1', 'wrong')).details).toEqual({ retryAfterSeconds: 4 });
    c.clock.advance(4000);
    // The right password clears the count: mistakes are free again.
    await c.ok('auth.login', { username: 'agent1', password: PASSWORD });
    await wrong();
    await wrong();
    await wrong();
    expect(errorOf(await login(c, 'agent1', 'wrong')).details).toEqual({ retryAfterSeconds: 1 });
    // Another username is not affected, and an unknown one is counted like a known one.
    await c.ok('auth.login', { username: 'agent2', password: PASSWORD });
    for (let i = 0; i < 3; i++) expect(errorOf(await login(c, 'nobody', 'x')).code).toBe('invalid_credentials');
    expect(errorOf(await login(c, 'nobody', 'x')).code).toBe('login_throttled');
  });

  it('locks after 10 wrong passwords; the right one is refused until a team lead unlocks, and the history says who', async () => {
    const c = await seeded();
    const agentId = await userId(c, 'agent1');
    const tenth = await failTenTimes(c, 'agent1');
    const until = new Date(c.clock.t + 30 * 60_000).toISOString();
    expect(tenth).toMatchObject({ code: 'login_locked', details: { lockedUntil: until } });
    c.clock.advance(60 * 60_000 - 31 * 60_000); // 29 minutes on: still locked
    const refused = errorOf(await login(c, 'agent1', PASSWORD));
    expect(refused).toMatchObject({ code: 'login_locked', details: { lockedUntil: until } });
    expect(refused.message).toMatch(/locked until/);

    await c.login('lead', PASSWORD);
    expect(await c.ok('users.unlock', { id: agentId })).toEqual({ unlocked: true });
    expect(await c.ok('users.unlock', { id: agentId })).toEqual({ unlocked: false });
    const history = c.core.context.db.prepare("SELECT actor_name, action, changes FROM history WHERE entity = 'user' AND entity_id = ? AND action = 'user.unlock'").all(agentId) as {
      actor_name: string;
      action: string;
      changes: string;
    }[];
    expect(history).toHaveLength(1);
    expect(history[0]!.actor_name).toBe('张组长');
    expect(JSON.parse(history[0]!.changes)).toEqual([
      { field: 'loginFailures', before: 10, after: 0 },
      { field: 'lockedUntil', before: until, after: null },
    ]);
    await c.ok('auth.login', { username: 'agent1', password: PASSWORD });
  });

  it('the lock ends by itself after the configured time, and survives a restart of the console', async () => {
    const c = await seeded();
    await c.ok('settings.update', { loginLockMinutes: 45 });
    await failTenTimes(c, 'agent2');
    const dir = c.dir;
    const clock = c.clock;
    c.close();
    opened.splice(opened.indexOf(c), 1);
    const again = openTestConsole(dir, clock);
    opened.push(again);
    expect(errorOf(await login(again, 'agent2', PASSWORD)).code).toBe('login_locked');
    clock.advance(44 * 60_000);
    expect(errorOf(await login(again, 'agent2', PASSWORD)).code).toBe('login_locked');
    clock.advance(60_000);
    await again.ok('auth.login', { username: 'agent2', password: PASSWORD });
  });

  it('users.unlock: only team leads and administrators; an unknown id is not_found', async () => {
    const c = await seeded();
    const agentId = await userId(c, 'agent2');
    for (const who of ['agent1', 'officer']) {
      await c.login(who, PASSWORD);
      expect(errorOf(await c.call('users.unlock', { id: agentId })).code).toBe('forbidden');
    }
    await c.login('admin', PASSWORD);
    expect(await c.ok('users.unlock', { id: agentId })).toEqual({ unlocked: false });
    expect(errorOf(await c.call('users.unlock', { id: '01a20584-06f7-7129-91b2-27fa7cfc5475' })).code).toBe('not_found');
  });

  it('the lock time is range-checked beside its field', async () => {
    const c = await seeded();
    for (const v of [0, 1441, 2.5]) {
      const e = errorOf(await c.call('settings.update', { loginLockMinutes: v }));
      expect(e.fields?.[0]).toMatchObject({ field: 'loginLockMinutes' });
    }
    for (const v of [-1, 481]) expect(errorOf(await c.call('settings.update', { idleLockMinutes: v })).fields?.[0]).toMatchObject({ field: 'idleLockMinutes', code: 'out_of_range' });
    expect((await c.ok('settings.update', { idleLockMinutes: 0 })).idleLockMinutes).toBe(0);
    expect((await c.ok('settings.get', {})).loginLockMinutes).toBe(30);
  });
});

describe('the idle lock of a session', () => {
  it('auth.lock keeps the session but refuses everything else until auth.unlock with the password', async () => {
    const c = await seeded();
    await c.login('agent1', PASSWORD);
    const token = c.token;
    const call = await c.ok('calls.answer', { phone: '13800138000' });
    await c.ok('drafts.save', { key: `call:${call.id}`, payload: { content: '客户询问检测报告' } });
    expect(await c.ok('auth.lock', {})).toEqual({ locked: true });
    // A reload asks the core: the lock is on the session, not in the page.
    expect(await c.ok('auth.session', {})).toMatchObject({ locked: true, user: { username: 'agent1' } });
    for (const [m, p] of [['calls.list', {}], ['drafts.get', { key: `call:${call.id}` }], ['customers.lookup', { phone: '13800138000' }]] as const) {
      const e = errorOf(await c.call(m, p as never));
      expect(e.code, m).toBe('session_locked');
    }
    for (let i = 0; i < 3; i++) expect(errorOf(await c.call('auth.unlock', { password: 'wrong' })).code).toBe('invalid_credentials');
    // The same back-off as a login.
    expect(errorOf(await c.call('auth.unlock', { password: PASSWORD })).code).toBe('login_throttled');
    c.clock.advance(1000);
    expect(await c.ok('auth.unlock', { password: PASSWORD })).toEqual({ locked: false });
    expect(c.token).toBe(token);
    expect(await c.ok('auth.session', {})).toMatchObject({ locked: false });
    expect((await c.ok('drafts.get', { key: `call:${call.id}` }))?.payload).toEqual({ content: '客户询问检测报告' });
  });

  it('a login locked by wrong passwords cannot be unlocked from the lock screen either', async () => {
    const c = await seeded();
    await c.login('agent1', PASSWORD);
    await c.ok('auth.lock', {});
    let last = errorOf(await c.call('auth.unlock', { password: 'w' }));
    for (let i = 1; i < 10; i++) {
      c.clock.advance(60_000);
      last = errorOf(await c.call('auth.unlock', { password: 'w' }));
    }
    expect(last.code).toBe('login_locked');
    expect(errorOf(await c.call('auth.unlock', { password: PASSWORD })).code).toBe('login_locked');
    expect(await c.ok('auth.logout', {})).toEqual({ loggedOut: true });
  });

  it('auth.lock and auth.unlock need a session (every role has one)', async () => {
    const c = await seeded();
    await c.ok('auth.logout', {});
    expect(errorOf(await c.call('auth.lock', {})).code).toBe('unauthenticated');
    expect(errorOf(await c.call('auth.unlock', { password: PASSWORD })).code).toBe('unauthenticated');
    for (const who of ['agent1', 'officer', 'lead', 'admin']) {
      await c.login(who, PASSWORD);
      await c.ok('auth.lock', {});
      await c.ok('auth.unlock', { password: PASSWORD });
    }
  });
});

describe('conflict ownership', () => {
  /** A conflict on agent1's offline edit, as the sync engine records it: id = `<clientId>:<mutationId>` of the outbox entry. */
  async function agentConflict(c: TestConsole): Promise<string> {
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13800138000' });
    await c.ok('calls.save', { id: call.id, fields: { content: '离线时写的内容' } });
    const db = c.core.context.db;
    const m = db
      .prepare("SELECT o.client_id AS clientId, o.mutation_id AS mutationId, o.args FROM outbox o JOIN users u ON u.id = o.actor_id WHERE u.username = 'agent1' AND o.name = 'call.update' ORDER BY o.rowid DESC LIMIT 1")
      .get() as { clientId: string; mutationId: number; args: string };
    const id = `${m.clientId}:${m.mutationId}`;
    insertConflict(db, {
      id,
      entity: 'call',
      entityId: call.id,
      mutationName: 'call.update',
      args: m.args,
      status: 'conflict',
      reason: 'changed by someone else',
      serverState: null,
      byName: '赵建国',
      byAt: c.clock.now().toISOString(),
      createdAt: c.clock.now().toISOString(),
    });
    return id;
  }

  it('another agent may neither discard nor re-apply it; its author may', async () => {
    const c = await seeded();
    const id = await agentConflict(c);
    await c.login('agent2', PASSWORD);
    for (const action of ['discard', 'reapply'] as const) {
      const e = errorOf(await c.call('sync.resolveConflict', { id, action }));
      expect(e.code).toBe('forbidden');
      expect(e.message).toMatch(/another user's edit/);
    }
    expect(c.core.context.db.prepare('SELECT resolved_at FROM sync_conflicts WHERE id = ?').get(id)).toEqual({ resolved_at: null });
    await c.login('agent1', PASSWORD);
    expect(await c.ok('sync.resolveConflict', { id, action: 'discard' })).toEqual({ resolved: true });
  });

  it('a team lead may resolve it for the agent', async () => {
    const c = await seeded();
    const id = await agentConflict(c);
    await c.login('lead', PASSWORD);
    expect(await c.ok('sync.resolveConflict', { id, action: 'discard' })).toEqual({ resolved: true });
  });
});
