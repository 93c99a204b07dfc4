import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../electron/core/demo/seed';
import { openTestConsole, type TestConsole, tmpDir } from '../helpers/core';

/** The small demo (`npm run demo` without --bulk) goes through the real core: every record has its history. */
let c: TestConsole;
let out: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  const dir = tmpDir('hd-demo-');
  out = await seedDemo({ dataDir: dir, customers: 30, calls: 40, complaints: 8, days: 10, seed: 3 });
  c = openTestConsole(dir);
}, 60_000);
afterAll(() => c?.close());

const count = (sql: string) => (c.core.context.db.prepare(sql).get() as { n: number }).n;

describe('small demo data through the core', () => {
  it('writes what it reports, each record with its history and outbox entry', () => {
    expect(out).toMatchObject({ customers: 30, calls: 40, complaints: 8 });
    expect(count('SELECT count(*) AS n FROM customers')).toBe(30);
    expect(count('SELECT count(*) AS n FROM call_records')).toBe(40);
    expect(count('SELECT count(*) AS n FROM complaints')).toBe(8);
    expect(count("SELECT count(DISTINCT entity_id) AS n FROM history WHERE entity = 'call'")).toBe(40);
    expect(count('SELECT count(*) AS n FROM call_records WHERE content = \'\'')).toBe(0);
  });

  it('every demo user can log in with the documented password', async () => {
    for (const u of DEMO_USERS) {
      await c.login(u.username, DEMO_PASSWORD);
      expect((await c.ok('auth.session', {})).user.role).toBe(u.role);
    }
  });
});
