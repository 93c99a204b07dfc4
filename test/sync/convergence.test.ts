import { afterAll, describe, expect, it } from 'vitest';
import { callRecordsTable, customersTable } from '../../electron/core/store/tables';
import { HubClient } from '../../electron/core/sync/hubClient';
import type { CallRecord } from '../../shared/domain/callRecord';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type FaultProxy, seededRandom, startFaultProxy } from '../helpers/faultProxy';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

const SEED = Number(process.env.HD_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = Number(process.env.HD_STEPS ?? 3000);
const rng = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const NAMES = ['周丽', '王强', '陈敏', '刘洋', '赵静', '孙浩', '李娜', '吴刚'];
const TOPICS = ['查询报告进度', '咨询检测费用', '对检测结果有疑问', '建议增加网上查询', '询问样品寄送地址', '打错电话'];
const PHONES = ['13800138000', '13912345678', '0571-88881234', '020-87654321', '13600001111', '15857100000'];

let hub: HubProcess;
const consoles: { name: string; c: TestConsole; proxy: FaultProxy }[] = [];
afterAll(async () => {
  for (const x of consoles) {
    x.c.close();
    await x.proxy.close();
  }
  await hub?.stop();
});

async function trySync(c: TestConsole): Promise<void> {
  await c.raw('sync.now', {});
}

function ids(c: TestConsole, table: 'call_records' | 'customers'): string[] {
  return (c.core.context.db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
}

async function randomOp(c: TestConsole): Promise<void> {
  const r = rng();
  const at = () => c.clock.advance(Math.floor(rng() * 5000) + 1);
  at();
  if (r < 0.15) {
    await c.raw('customers.create', { name: pick(NAMES), organisation: `${pick(NAMES)}纺织厂`, address: '杭州', phones: [pick(PHONES)], serviceRequirements: '', notes: '' });
  } else if (r < 0.22) {
    const all = ids(c, 'customers');
    if (all.length) await c.raw('customers.update', { id: pick(all), fields: { notes: `备注${Math.floor(rng() * 100)}`, address: pick(['杭州', '宁波', '绍兴']) } });
  } else if (r < 0.42) {
    await c.raw('calls.answer', { phone: pick(PHONES) });
  } else if (r < 0.92) {
    const all = ids(c, 'call_records');
    if (!all.length) return;
    const fields: Record<string, unknown> = {};
    if (rng() < 0.5) fields.callerName = pick(NAMES);
    if (rng() < 0.6) fields.content = pick(TOPICS) + Math.floor(rng() * 10);
    if (rng() < 0.3) fields.suggestions = pick(['', '希望短信通知', '建议周末受理']);
    if (rng() < 0.3) fields.satisfaction = 1 + Math.floor(rng() * 5);
    const end = rng() < 0.25;
    if (end) Object.assign(fields, { category: pick(['consultation', 'query', 'other'] as const), content: pick(TOPICS) });
    await c.raw('calls.save', { id: pick(all), fields, ...(end ? { end: true } : {}) });
  } else {
    const all = ids(c, 'call_records');
    if (all.length) await c.raw('calls.void', { id: pick(all), reason: '随机作废' });
  }
}

function dump(c: TestConsole) {
  const db = c.core.context.db;
  return {
    calls: (db.prepare('SELECT * FROM call_records ORDER BY id').all() as Record<string, unknown>[]).map((r) => callRecordsTable.fromRow(r)),
    customers: (db.prepare('SELECT * FROM customers ORDER BY id').all() as Record<string, unknown>[]).map((r) => customersTable.fromRow(r)),
  };
}

describe('randomised convergence under faults', () => {
  it(`${STEPS} random mutations on three workstations end identical to each other and to the hub`, async () => {
    console.log(`convergence: seed=${SEED} steps=${STEPS} (replay with HD_SEED=${SEED} HD_STEPS=${STEPS})`);
    hub = await startHubProcess();
    const users = ['agent1', 'agent2', 'lead'];
    for (const [i, ws] of ['A01', 'B02', 'C03'].entries()) {
      const proxy = await startFaultProxy(() => hub.url, rng);
      let c: TestConsole;
      if (i === 0) {
        c = await seededConsole();
      } else {
        c = openTestConsole();
        await c.ok('setup.initialize', { ...ORG, workstation: ws, admin: { username: `local${i}`, displayName: '本地管理员', password: PASSWORD } });
      }
      c.core.sync.stop();
      await c.ok('sync.join', { hubUrl: proxy.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
      c.core.sync.stop();
      await c.login(users[i]!, PASSWORD);
      consoles.push({ name: ws, c, proxy });
    }
    for (const x of consoles) Object.assign(x.proxy.faults, { dropResponse: 0.1, duplicate: 0.1 });

    const kills = new Set([0.2, 0.5, 0.8].map((f) => Math.floor(STEPS * f)));
    let hubKills = 0;
    for (let step = 0; step < STEPS; step++) {
      // Workstation C is offline for a long stretch in the middle of the run.
      consoles[2]!.proxy.faults.offline = step > STEPS * 0.3 && step < STEPS * 0.65;
      const x = pick(consoles);
      await randomOp(x.c);
      if (rng() < 0.25) await trySync(x.c);
      if (kills.has(step)) {
        const inFlight = trySync(pick(consoles).c);
        await new Promise((r) => setTimeout(r, Math.floor(rng() * 20)));
        await hub.kill('SIGKILL');
        await inFlight;
        await hub.restart();
        hubKills++;
      }
    }

    for (const x of consoles) Object.assign(x.proxy.faults, { dropResponse: 0, duplicate: 0, offline: false });
    for (let round = 0; round < 6; round++) for (const x of consoles) await trySync(x.c);
    const stats = consoles.map((x) => ({ ws: x.name, ...x.proxy.stats }));
    const mutations = consoles.map((x) => (x.c.core.context.db.prepare("SELECT state, count(*) AS n FROM outbox WHERE state != 'local' GROUP BY state").all() as { state: string; n: number }[]));
    console.log('convergence:', JSON.stringify({ seed: SEED, hubKills, stats, mutations }));

    for (const x of consoles) expect((await x.c.ok('sync.status', {})).pending, `${x.name} pending`).toBe(0);
    const [a, b, c] = consoles.map((x) => dump(x.c));
    expect(a!.calls.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(c).toEqual(a);

    // The hub's own view, pulled from scratch, is the same set of records.
    const admin = new HubClient(hub.url, (await new HubClient(hub.url).login('admin', PASSWORD, 'A01')).token);
    const latest = new Map<string, unknown>();
    const historyIds = new Set<string>();
    for (let cursor = 0; ; ) {
      const page = await admin.pull(cursor, 2000);
      for (const ch of page.changes) {
        if (ch.entity === 'history') historyIds.add(ch.id);
        else latest.set(`${ch.entity}:${ch.id}`, ch.data);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(a!.calls.map((r) => latest.get(`call:${r.id}`))).toEqual(a!.calls);
    expect(a!.customers.map((r) => latest.get(`customer:${r.id}`))).toEqual(a!.customers);

    // No acknowledged creation or voiding was lost: each has its history entry on the hub.
    for (const x of consoles) {
      const applied = x.c.core.context.db
        .prepare("SELECT client_id, mutation_id, name, entity_id FROM outbox WHERE state = 'applied' AND name IN ('call.create', 'customer.create', 'call.void')")
        .all() as { client_id: string; mutation_id: number; name: string; entity_id: string }[];
      for (const m of applied) {
        expect(historyIds.has(`${m.client_id}:${m.mutation_id}`), `${x.name} ${m.name} ${m.client_id}:${m.mutation_id}`).toBe(true);
        if (m.name === 'call.void') expect((latest.get(`call:${m.entity_id}`) as CallRecord).voided).toBe(true);
      }
    }
  }, 600_000);
});
