import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/envelope';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/** Issue 12, "Locks": the lead's list of locked logins on the board (users.locked) and unlocking from it. */

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

/** `n` wrong passwords, each after its back-off has passed (the clock moves; nothing sleeps). */
async function fail(c: TestConsole, username: string, n: number) {
  for (let i = 0; i < n; i++) {
    errorOf(await c.call('auth.login', { username, password: `wrong-${i}` }));
    c.clock.advance(60_000);
  }
}

describe('users.locked: the locked logins a lead can lift from the board', () => {
  it('lists a locked agent and one in back-off, not free mistakes or unknown names; the lead unlocks from it', async () => {
    const c = await seeded();
    await fail(c, 'agent1', 10); // locked
    await fail(c, 'agent2', 3); // in back-off
    await fail(c, 'officer', 2); // two free mistakes
    await fail(c, 'nobody', 12); // no such user: counted, but nobody to unlock
    await c.login('lead', PASSWORD);
    const users = await c.ok('users.directory', {});
    const idOf = (name: string) => users.find((u) => u.displayName === name)!.id;

    const locked = await c.ok('users.locked', {});
    expect(locked).toEqual([
      { id: idOf('李晓梅'), username: 'agent1', displayName: '李晓梅', role: 'agent', failures: 10, lockedUntil: expect.any(String) },
      { id: idOf('赵建国'), username: 'agent2', displayName: '赵建国', role: 'agent', failures: 3, lockedUntil: null },
    ]);
    expect(Date.parse(locked[0]!.lockedUntil!)).toBeGreaterThan(c.clock.t);

    // The ids are what users.unlock takes; a lifted lock leaves the list and the agent can log in.
    expect(await c.ok('users.unlock', { id: locked[0]!.id })).toEqual({ unlocked: true });
    expect((await c.ok('users.locked', {})).map((u) => u.username)).toEqual(['agent2']);
    expect(await c.ok('users.unlock', { id: locked[1]!.id })).toEqual({ unlocked: true });
    expect(await c.ok('users.locked', {})).toEqual([]);
    await c.ok('auth.login', { username: 'agent1', password: PASSWORD });
  });

  it('leaves out a lock whose time has run out, and a deactivated account', async () => {
    const c = await seeded();
    await fail(c, 'agent1', 10);
    await fail(c, 'agent2', 10);
    await c.login('admin', PASSWORD);
    const agent2 = (await c.ok('users.list', {})).find((u) => u.username === 'agent2')!;
    await c.ok('users.update', { id: agent2.id, active: false });
    expect((await c.ok('users.locked', {})).map((u) => u.username)).toEqual(['agent1']);
    c.clock.advance(31 * 60_000); // the default lock is 30 minutes
    expect(await c.ok('users.locked', {})).toEqual([]);
  });

  it('only team leads and administrators; no session is unauthenticated; params must be empty', async () => {
    const c = await seeded();
    await fail(c, 'agent2', 10);
    for (const who of ['agent1', 'officer']) {
      await c.login(who, PASSWORD);
      expect(errorOf(await c.call('users.locked', {})).code).toBe('forbidden');
    }
    c.token = null;
    expect(errorOf(await c.raw('users.locked', {})).code).toBe('unauthenticated');
    for (const who of ['lead', 'admin']) {
      await c.login(who, PASSWORD);
      expect((await c.ok('users.locked', {})).map((u) => u.username)).toEqual(['agent2']);
      for (const bad of [{ id: 'x' }, 42, 'params', [{}]]) expect(errorOf(await c.raw('users.locked', bad)).code).toBe('invalid_params');
    }
  });
});
