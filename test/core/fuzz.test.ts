/**
 * Property-based fuzz across every method of the contract, as every role and without a session:
 * params shaped by the method's own schema (so that many reach the handler) with hostile values mixed
 * in — NUL and control characters, FTS syntax, megabyte strings, 20,000-deep nesting, huge arrays,
 * wrong types, __proto__ / constructor keys. Whatever comes in, the answer is a clean envelope:
 * zero `internal`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { ERROR_CODES } from '../../shared/api/envelope';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/** Runs per method and role; 5 callers × ~75 methods × RUNS stays well under a minute. */
const RUNS = 12;
const ROLES = ['admin', 'agent1', 'officer', 'lead', null] as const;

const nest = (depth: number, asArray: boolean): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
const DEEP_OBJECT = nest(20_000, false);
const DEEP_ARRAY = nest(20_000, true);
const HUGE_ARRAY = Array.from({ length: 200_000 }, (_, i) => i);
const PROTO_KEYS = JSON.parse('{"__proto__":{"polluted":"yes","role":"admin"},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x","hasOwnProperty":1}') as object;

const NASTY_STRINGS = [
  '\u0000',
  '周\u0000丽',
  'a\u0000',
  '\u0007\u001b[2J',
  '"',
  '"周',
  '*',
  '周*',
  'NEAR(周 丽)',
  '周 OR 丽',
  'AND',
  '^周',
  'phone:138',
  '-',
  '()',
  "'; DROP TABLE call_records; --",
  '%_\\',
  '\uD800',
  '😀👨‍👩‍👧',
  ' \r\n\t ',
  '‮evil',
  '测'.repeat(100_000),
  'a'.repeat(1_000_000),
];
const NASTY_VALUES: unknown[] = [null, true, -1, 0, 1e308, -0, 2 ** 53 + 1, 1.5, [], {}, DEEP_OBJECT, DEEP_ARRAY, HUGE_ARRAY, PROTO_KEYS, ['\u0000'], { '\u0000': '\u0000' }];

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const nastyValue = fc.oneof(nastyString, fc.constantFrom(...NASTY_VALUES), fc.string(), fc.double(), fc.integer());
const json = fc.oneof({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 2, arbitrary: nastyValue });

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Values the schema may accept: for each leaf the candidates from `pool` it accepts (so that ids,
 * times, keys and enums are right and the call reaches the handler), with hostile values beside them.
 */
function shaped(schema: z.ZodType, pool: unknown[], depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const sub = (s: unknown) => shaped(s as z.ZodType, pool, depth + 1);
  if (depth > 6) return json;
  switch (def.type) {
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const keys = Object.keys(shape);
      const required = keys.filter((k) => !shape[k]!.safeParse(undefined).success);
      return fc.record(Object.fromEntries(keys.map((k) => [k, sub(shape[k])])), { requiredKeys: required });
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return sub(def.innerType);
    case 'pipe':
      return sub(def.in);
    case 'lazy':
      return sub((def.getter as () => unknown)());
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(sub));
    case 'array':
      return fc.array(sub(def.element), { maxLength: 3 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(sub));
    case 'record':
      return fc.dictionary(fc.oneof(fc.constantFrom('content', 'phone', '__proto__', 'constructor', '\u0000'), fc.string()), sub(def.valueType), { maxKeys: 4 });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'boolean':
      return fc.oneof(fc.boolean(), nastyValue);
    case 'unknown':
    case 'any':
      return json;
    default: {
      const good = pool.filter((v) => schema.safeParse(v).success);
      const goodArb = good.length ? fc.constantFrom(...good) : fc.string();
      return fc.oneof({ weight: 5, arbitrary: goodArb }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: nastyValue });
    }
  }
}

/** Params: mostly schema-shaped; sometimes one key replaced by a hostile value, extra prototype keys, or not an object at all. */
function paramsFor(method: MethodName, pool: unknown[]): fc.Arbitrary<unknown> {
  const base = shaped(api[method].params, pool);
  return fc.oneof(
    { weight: 6, arbitrary: base },
    {
      weight: 3,
      arbitrary: fc.tuple(base, fc.nat(), nastyValue).map(([p, n, v]) => {
        if (!p || typeof p !== 'object' || Array.isArray(p)) return p;
        const keys = Object.keys(p);
        return keys.length ? { ...p, [keys[n % keys.length]!]: v } : p;
      }),
    },
    { weight: 1, arbitrary: base.map((p) => (p && typeof p === 'object' ? Object.assign(JSON.parse('{"__proto__":{"admin":true}}'), p) : p)) },
    { weight: 1, arbitrary: nastyValue },
  );
}

let c: TestConsole;
const tokens = new Map<string, string | null>();
let pool: unknown[] = [];

async function loginAs(username: string): Promise<string> {
  c.token = null;
  const env = await c.raw('auth.login', { username, password: PASSWORD });
  if (!env.ok) {
    // A fuzzed auth.unlock can run a user into the login lock; the admin ends it, as a lead would.
    c.token = tokens.get('admin') ?? null;
    const users = (await c.ok('users.list', {})) as { id: string; username: string }[];
    await c.ok('users.unlock', { id: users.find((u) => u.username === username)!.id });
    c.token = null;
    await c.login(username, PASSWORD);
  }
  return c.token!;
}

beforeAll(async () => {
  c = await seededConsole();
  const customer = await c.ok('customers.create', { name: '周丽', organisation: '宏达', address: '杭州', phones: ['13800138000'], serviceRequirements: '', notes: '' });
  const call = await c.ok('calls.answer', { phone: '13800138000', rangAt: '2026-11-22T01:59:50.000Z' });
  await c.ok('calls.save', { id: call.id, fields: { content: '查询检测报告 周丽', category: 'query' }, end: false });
  const complaint = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13800138000', problem: '对检测结果有疑问', type: 'result_doubt', severity: 'general', callId: null });
  const users = await c.ok('users.list', {});
  const agent2 = users.find((u) => u.username === 'agent2')!;
  const callback = await c.ok('callbacks.create', { kind: 'promised', dueAt: '2026-11-23T02:00:00.000Z', phone: '13800138000', name: '周丽', subject: '回电', callId: null, assigneeId: agent2.id });
  const ids = [customer.id, call.id, complaint.id, callback.id, agent2.id, '01a20584-06f7-7129-91b2-27fa7cfc5475'];
  const csv = Buffer.from('电话,姓名,回访日期\n13800138000,周丽,2026-11-25\n0571-88881234\u0000,王,明天\n').toString('base64');
  pool = [
    ...ids,
    `call:${call.id}`,
    `${call.id}:1`,
    '2026-11-22T02:00:00.000Z',
    '2026-11-25T02:00:00+08:00',
    '13800138000',
    '0571-88881234',
    '周丽',
    '周',
    '检测',
    // Hostile text where free text is allowed, so that it reaches the handlers (searches, drafts, notes).
    '周\u0000丽',
    'a\u0000"*',
    '"检测 NEAR(',
    'password-1',
    PASSWORD,
    'agent3',
    'B02',
    'http://127.0.0.1:9',
    'list.csv',
    'list.xlsx',
    csv,
    'YQ==',
    '',
    0,
    1,
    5,
    10,
    50,
  ];
  for (const who of ROLES) tokens.set(who ?? '', who ? await loginAs(who) : null);
}, 60_000);
afterAll(() => c.close());

/** Methods that end or lock the caller's session: the caller logs in again after them. */
const SESSION_CHANGING: ReadonlySet<string> = new Set(['auth.logout', 'auth.lock', 'auth.unlock', 'auth.login', 'setup.initialize', 'users.update']);

describe('fuzz: every method, every role, hostile params — zero internal answers', () => {
  it.each(METHOD_NAMES)('%s', async (method) => {
    const internals: string[] = [];
    for (const who of ROLES) {
      await fc.assert(
        fc.asyncProperty(paramsFor(method, pool), async (params) => {
          c.token = tokens.get(who ?? '') ?? null;
          const env = await c.raw(method, params);
          if (!env.ok) {
            expect(ERROR_CODES).toContain(env.error.code);
            if (env.error.code === 'internal') internals.push(`${who ?? 'no session'}: ${JSON.stringify(params)?.slice(0, 300)}`);
          }
          if (who && SESSION_CHANGING.has(method)) {
            const alive = await c.raw('auth.session', {});
            if (!alive.ok || (alive.result as { locked?: boolean }).locked) tokens.set(who, await loginAs(who));
          }
        }),
        { numRuns: RUNS, seed: 0x13c, endOnFailure: true },
      );
    }
    expect(internals).toEqual([]);
  });

  it('a NUL in a search, and a draft nested 20,000 deep, are refused or answered — not internal', async () => {
    c.token = tokens.get('admin')!;
    for (const q of ['\u0000', '周\u0000丽', 'a\u0000"*']) {
      for (const m of ['calls.list', 'complaints.list', 'customers.search', 'callbacks.queue', 'tracking.query'] as const) {
        const env = await c.raw(m, { q });
        expect(env.ok || env.error.code !== 'internal', `${m} q=${JSON.stringify(q)}`).toBe(true);
      }
    }
    c.token = tokens.get('agent1')!;
    const deep = await c.raw('drafts.save', { key: 'call:deep', payload: { form: DEEP_OBJECT } });
    expect(deep).toMatchObject({ ok: false, error: { code: 'too_deep' } });
    const wide = await c.raw('drafts.save', { key: 'call:wide', payload: { list: HUGE_ARRAY } });
    expect(wide).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });
});
