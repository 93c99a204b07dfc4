import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodName, ParamsOf, ResultOf } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { type Core, type CoreOptions, openCore } from '../../electron/core/index';

export function tmpDir(prefix = 'hd-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A settable clock, so deadline and expiry tests need no sleeping. */
export class TestClock {
  constructor(public t = Date.parse('2026-11-22T02:00:00.000Z')) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TestConsole {
  core: Core;
  dir: string;
  clock: TestClock;
  token: string | null;
  call<M extends MethodName>(m: M, p: ParamsOf<M>): Promise<Envelope<ResultOf<M>>>;
  ok<M extends MethodName>(m: M, p: ParamsOf<M>): Promise<ResultOf<M>>;
  raw(method: string, params: unknown): Promise<Envelope<unknown>>;
  login(username: string, password: string): Promise<void>;
  close(): void;
}

/** `opts.key`: the store is encrypted with it (test/helpers/storeKey.ts); without one it is plaintext. */
export function openTestConsole(dir = tmpDir(), clock = new TestClock(), opts: Pick<CoreOptions, 'key' | 'onStoreProgress'> = {}): TestConsole {
  const core = openCore({ dataDir: dir, now: clock.now, ...opts });
  const c: TestConsole = {
    core,
    dir,
    clock,
    token: null,
    async raw(method, params) {
      const out = await core.invoke(c.token, method, params);
      if (out.token !== undefined) c.token = out.token;
      return out.envelope;
    },
    call: (m, p) => c.raw(m, p) as never,
    async ok(m, p) {
      const env = await c.call(m, p);
      if (!env.ok) throw new Error(`${m} failed: ${JSON.stringify(env.error)}`);
      return env.result;
    },
    async login(username, password) {
      await c.ok('auth.login', { username, password });
    },
    close: () => core.close(),
  };
  return c;
}

export const ORG = { organisationName: '某某纺织品检验所', hotline: '0571-88881234', areaCode: '0571', workstation: 'A07' };
export const PASSWORD = 'secret-pass-1';

/** A set-up workstation with one user per role; logged in as the admin. */
export async function seededConsole(dir?: string): Promise<TestConsole> {
  const c = openTestConsole(dir);
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'agent2', displayName: '赵建国', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'officer', displayName: '陈回访', role: 'callback_officer', password: PASSWORD });
  await c.ok('users.create', { username: 'lead', displayName: '张组长', role: 'team_lead', password: PASSWORD });
  return c;
}

export function rowCounts(core: Core): Record<string, number> {
  const db = core.context.db;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  return out;
}
