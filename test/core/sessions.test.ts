import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_SLIDE_MS } from '../../electron/core/store/sessions';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

/** Counts UPDATEs of the sessions table from here on (a temporary trigger on this connection). */
function countSessionWrites(con: TestConsole): () => number {
  const db = con.core.context.db;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS session_writes (n INTEGER NOT NULL);
    DELETE FROM session_writes; INSERT INTO session_writes VALUES (0);
    CREATE TEMP TRIGGER IF NOT EXISTS count_session_writes AFTER UPDATE ON main.sessions BEGIN UPDATE session_writes SET n = n + 1; END;`);
  return () => db.prepare('SELECT n FROM session_writes').pluck().get() as number;
}

describe('the session slide', () => {
  it('a burst of reads does not write the sessions row each time', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const writes = countSessionWrites(c);
    for (let i = 0; i < 50; i++) {
      await c.ok('calls.list', {});
      c.clock.advance(100);
    }
    expect(writes()).toBe(0);
    c.clock.advance(SESSION_SLIDE_MS);
    await c.ok('auth.session', {});
    expect(writes()).toBe(1);
    for (let i = 0; i < 20; i++) await c.ok('calls.list', {});
    expect(writes()).toBe(1);
  });

  it('the idle expiry still happens on time, counted from the last slide', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const t0 = c.clock.t;
    // Within the first minute nothing is written: the stored expiry stays login + 4 h.
    c.clock.advance(30_000);
    expect((await c.ok('auth.session', {})).expiresAt).toBe(new Date(t0 + SESSION_IDLE_MS).toISOString());
    c.clock.t = t0 + SESSION_IDLE_MS - 1;
    const token = c.token;
    // Still valid one millisecond before, and that call slides the expiry a full 4 h on.
    const s = await c.ok('auth.session', {});
    expect(s.expiresAt).toBe(new Date(t0 + 2 * SESSION_IDLE_MS - 1).toISOString());
    c.clock.t = t0 + 2 * SESSION_IDLE_MS - 1;
    expect(c.token).toBe(token);
    expect(await c.call('calls.list', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
  });

  it('an idle session expires at exactly 4 h after its last slide', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const t0 = c.clock.t;
    c.clock.advance(2 * SESSION_SLIDE_MS);
    await c.ok('auth.session', {});
    c.clock.t = t0 + 2 * SESSION_SLIDE_MS + SESSION_IDLE_MS - 1;
    await c.ok('auth.session', {});
    c.clock.t = t0 + 2 * SESSION_SLIDE_MS + SESSION_IDLE_MS - 1 + SESSION_IDLE_MS;
    expect(await c.call('auth.session', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
  });

  it('keeps the absolute 13 h limit exact however busy the session is', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const t0 = c.clock.t;
    while (c.clock.t < t0 + SESSION_MAX_MS - 3600_000) {
      c.clock.advance(3600_000);
      await c.ok('calls.list', {});
    }
    c.clock.t = t0 + SESSION_MAX_MS - 1;
    expect((await c.ok('auth.session', {})).expiresAt).toBe(new Date(t0 + SESSION_MAX_MS).toISOString());
    c.clock.t = t0 + SESSION_MAX_MS;
    expect(await c.call('calls.list', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
  });
});
