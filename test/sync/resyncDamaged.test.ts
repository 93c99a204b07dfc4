import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResyncResult } from '../../shared/api/storeTypes';
import { openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { checkStore } from '../../shared/node/storeHealth';
import { ORG, openTestConsole, PASSWORD, type TestConsole, TestClock, tmpDir } from '../helpers/core';
import { type FaultProxy, startFaultProxy } from '../helpers/faultProxy';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { newStoreKey, storeFile } from '../helpers/storeKey';

/**
 * A damaged joined workstation re-syncs from the hub keeping its unsent outbox (docs/architecture.md,
 * "Integrity and backups"): its users made changes the hub never got, the store is damaged in a history
 * page, and store.recover { action: 'resync' } sets the file aside, fills a fresh encrypted store from the
 * hub and pushes the salvaged changes under their authors' own clients, exactly once: some of them the hub
 * had already applied (its answer was lost on the way back), the others it never saw.
 */

let hub: HubProcess;
/** W talks to the hub through it, to lose the hub's answer to a push. */
let proxy: FaultProxy;
let w: TestConsole;
let x: TestConsole;
const dir = tmpDir();
const key = newStoreKey();
const clock = new TestClock();
const made: Record<string, string> = {};
let damaged: Buffer;
let pendingBefore = 0;

const actors = (history: { action: string; actorName: string }[]) => history.map((e) => `${e.action} ${e.actorName}`);

/** The pages of a table, read with the key before the damage (as test/core/integrity.test.ts does). */
function pagesOf(table: string): number[] {
  const db = openEncryptedSqlite(storeFile(dir), { key, readonly: true });
  try {
    return db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(table) as number[];
  } finally {
    db.close();
  }
}

function flipBytes(page: number): Buffer {
  const bytes = fs.readFileSync(storeFile(dir));
  const at = (page - 1) * 4096 + 1024;
  for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
  fs.writeFileSync(storeFile(dir), bytes);
  return bytes;
}

beforeAll(async () => {
  hub = await startHubProcess();
  proxy = await startFaultProxy(() => hub.url, () => 0);
  // W: encrypted, one user per role, joined (it seeds the hub); every user logs in online once, so each
  // has a client with a hub token, as on any joined workstation.
  w = openTestConsole(dir, clock, { key });
  await w.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await w.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await w.ok('users.create', { username: 'officer', displayName: '陈回访', role: 'callback_officer', password: PASSWORD });
  await w.ok('users.create', { username: 'lead', displayName: '张组长', role: 'team_lead', password: PASSWORD });
  w.core.sync.stop();
  await w.ok('sync.join', { hubUrl: proxy.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  w.core.sync.stop();
  for (const u of ['lead', 'officer', 'agent1']) await w.login(u, PASSWORD);

  // Synced work: customers (their history spans many pages) and a complaint.
  for (let i = 0; i < 40; i++)
    await w.ok('customers.create', { name: `客户${i}`, organisation: '宏达纺织', address: '杭州市', phones: [`1380013${String(i).padStart(4, '0')}`], serviceRequirements: '', notes: '备注'.repeat(40) });
  const complaint = await w.ok('complaints.register', {
    channel: 'phone',
    complainant: '周丽',
    phone: '13800138000',
    problem: '对检测结果有疑问',
    type: 'result_doubt',
    severity: 'major',
    soothed: true,
    headNotifiedTo: '客服部部长 刘明',
    headNotifiedAt: new Date(clock.t).toISOString(),
  });
  made.complaint = complaint.id;
  // The officer's client: only synced work, no unsent entry; its ids must still go on after the re-sync.
  const officerId = (await w.ok('users.directory', {})).find((u) => u.displayName === '陈回访')!.id;
  const cb0 = await w.ok('callbacks.create', { kind: 'promised', dueAt: new Date(clock.t + 86_400_000).toISOString(), phone: '13800138000', assigneeId: officerId });
  await w.login('officer', PASSWORD);
  await w.ok('callbacks.notReached', { id: cb0.id, note: '无人接听' });
  made.cb0 = cb0.id;
  made.officer = officerId;
  await w.login('agent1', PASSWORD);
  expect((await w.core.sync.syncNow()).error).toBeNull();
  expect((await w.ok('sync.status', {})).pending).toBe(0);

  // Unsent work (the engine is stopped): a call saved by the agent, a callback she asks for, a complaint
  // step by the lead.
  const dirUsers = await w.ok('users.directory', {});
  const idOf = (name: string) => dirUsers.find((u) => u.displayName === name)!.id;
  const call = await w.ok('calls.answer', { phone: '13900139000' });
  await w.ok('calls.save', { id: call.id, fields: { content: '询问检测报告进度', category: 'query', callerName: '孙先生' }, end: true });
  const cb = await w.ok('callbacks.create', { kind: 'promised', dueAt: new Date(clock.t + 86_400_000).toISOString(), phone: '13900139000', assigneeId: idOf('陈回访') });
  await w.login('lead', PASSWORD);
  await w.ok('complaints.transition', { id: complaint.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: idOf('李晓梅'), handlerName: '李晓梅' } });
  Object.assign(made, { call: call.id, cb: cb.id, agent: idOf('李晓梅') });
  pendingBefore = (await w.ok('sync.status', {})).pending;
  expect(pendingBefore).toBeGreaterThanOrEqual(4);
  // One push reaches the hub and is applied, but its answer is lost: W still holds every entry as unsent.
  proxy.faults.dropResponse = 1;
  expect((await w.core.sync.syncNow()).error).not.toBeNull();
  proxy.faults.dropResponse = 0;
  expect(proxy.stats.dropped).toBe(1);
  expect((await w.ok('sync.status', {})).pending).toBe(pendingBefore);
  w.close();

  // The damage: 64 bytes in the middle of a history page, not an outbox page.
  const history = pagesOf('history');
  const outbox = new Set(pagesOf('outbox'));
  const page = history[Math.floor(history.length / 2)]!;
  expect(outbox.has(page)).toBe(false);
  damaged = flipBytes(page);

  // X: another workstation of the same hub.
  x = openTestConsole();
  x.core.sync.stop();
  await x.ok('setup.initialize', { ...ORG, workstation: 'B02', admin: { username: 'xadmin', displayName: '乙管理员', password: PASSWORD } });
  await x.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
  x.core.sync.stop();

  // The hub has the agent's call already (the push whose answer was lost), not the lead's step.
  expect((await x.core.sync.syncNow()).error).toBeNull();
  await x.login('admin', PASSWORD);
  expect((await x.ok('calls.get', { id: made.call! })).record.agentName).toBe('李晓梅');
  expect(actors((await x.ok('complaints.get', { id: made.complaint! })).history)).toEqual(['complaint.register 李晓梅']);

  w = openTestConsole(dir, clock, { key });
}, 120_000);

afterAll(async () => {
  w?.close();
  x?.close();
  await proxy?.close();
  await hub?.stop();
});

describe('a damaged joined workstation', () => {
  it('is found damaged, and the core offers the re-sync: it was joined and the hub answers', async () => {
    const status = await w.ok('store.status', {});
    expect(status.state).toBe('damaged');
    expect(status.hub).toEqual({ url: proxy.url, reachable: true });
  });

  it('refuses malformed params cleanly, and a restore without a backup', async () => {
    for (const p of [
      { action: 'resync' },
      { action: 'resync', username: 'admin' },
      { action: 'resync', username: 'admin', password: '' },
      { action: 'rebuild', username: 'admin', password: PASSWORD },
      { action: 'resync', username: 'admin', password: PASSWORD, hubUrl: 'http://evil.example' },
      { action: 'resync', username: 42, password: PASSWORD },
      { action: 'resync', username: 'admin', password: 'x'.repeat(129) },
      { username: 'admin', password: PASSWORD },
      null,
      [],
    ]) {
      const env = await w.raw('store.recover', p);
      expect(env, JSON.stringify(p)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    const noBackup = await w.raw('store.recover', { username: 'admin', password: PASSWORD });
    expect(noBackup).toMatchObject({ ok: false, error: { fields: [{ field: 'id', code: 'required' }] } });
    expect(fs.readFileSync(storeFile(dir)).equals(damaged)).toBe(true);
  });

  it('refuses a wrong password and every role but administrator, at the hub, touching nothing', async () => {
    expect(await w.raw('store.recover', { action: 'resync', username: 'admin', password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    for (const u of ['agent1', 'officer', 'lead'])
      expect(await w.raw('store.recover', { action: 'resync', username: u, password: PASSWORD }), u).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fs.readFileSync(storeFile(dir)).equals(damaged)).toBe(true);
    expect((await w.ok('store.status', {})).state).toBe('damaged');
  });

  it('offline: the re-sync is not offered and is refused cleanly', async () => {
    await hub.stop();
    try {
      expect((await w.ok('store.status', {})).hub).toEqual({ url: proxy.url, reachable: false });
      const env = await w.raw('store.recover', { action: 'resync', username: 'admin', password: PASSWORD });
      expect(env).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('cannot be reached') } });
      expect(fs.readFileSync(storeFile(dir)).equals(damaged)).toBe(true);
    } finally {
      await hub.restart();
    }
  }, 30_000);

  it('re-syncs: a sound store with everything the hub had, the unsent changes pushed once with their authors', async () => {
    const res = (await w.ok('store.recover', { action: 'resync', username: 'admin', password: PASSWORD })) as ResyncResult;
    w.core.sync.stop();
    expect(res).toMatchObject({ restored: 'hub', resynced: true, reload: true, salvaged: { pending: pendingBefore, unreadable: 0 }, sync: { error: null, conflicts: 0 } });
    // The damaged file is kept aside as it was; the new one is encrypted and whole.
    expect(fs.readFileSync(path.join(dir, 'backups', res.keptAs!)).equals(damaged)).toBe(true);
    expect(fs.readFileSync(storeFile(dir)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect((await w.ok('store.status', {})).state).toBe('ok');
    expect(checkStore(w.core.context.db, true)).toEqual([]);
    // The users' offline logins still work (their verifiers came over).
    await w.login('agent1', PASSWORD);
    expect(await w.ok('sync.status', {})).toMatchObject({ joined: true, pending: 0, conflicts: 0 });

    // Everything the hub had, and the salvaged changes on top, with their authors.
    expect(await w.ok('customers.search', { q: '客户', limit: 100 })).toHaveLength(40);
    const call = await w.ok('calls.get', { id: made.call! });
    expect(call.record).toMatchObject({ agentName: '李晓梅', content: '询问检测报告进度', status: 'closed' });
    const complaint = await w.ok('complaints.get', { id: made.complaint! });
    expect(complaint.complaint).toMatchObject({ status: 'in_handling', handlerName: '李晓梅' });

    // The audit log of the new store says what happened.
    const audit = w.core.context.db.prepare("SELECT action, actor_name FROM audit_log WHERE entity = 'store'").all();
    expect(audit).toEqual([{ action: 'resync', actor_name: '王管理' }]);
  }, 60_000);

  it('a second workstation sees each unsent change exactly once, with its real author', async () => {
    expect((await x.core.sync.syncNow()).error).toBeNull();
    const call = await x.ok('calls.get', { id: made.call! });
    expect(call.record).toMatchObject({ agentName: '李晓梅', workstation: 'A07', callerName: '孙先生' });
    expect(actors(call.history)).toEqual(['call.create 李晓梅', 'call.update 李晓梅']);
    const cb = await x.ok('callbacks.get', { id: made.cb! });
    expect(actors(cb.history)).toEqual(['callback.create 李晓梅']);
    const complaint = await x.ok('complaints.get', { id: made.complaint! });
    expect(actors(complaint.history)).toEqual(['complaint.register 李晓梅', 'complaint.transition 张组长']);
    expect(complaint.complaint.handlerName).toBe('李晓梅');
  });

  it('new work after the re-sync continues each client’s mutation ids and reaches the hub', async () => {
    // Every client keeps its id and its counter: the damaged store's (kept aside) against the new one.
    const kept = fs.readdirSync(path.join(dir, 'backups')).find((f) => f.startsWith('replaced-') && f.endsWith('.sqlite'))!;
    const old = openEncryptedSqlite(path.join(dir, 'backups', kept), { key, readonly: true });
    const counters = (db: typeof old) =>
      db.prepare('SELECT c.user_id, c.client_id, (SELECT max(mutation_id) FROM outbox o WHERE o.client_id = c.client_id) AS n FROM sync_clients c ORDER BY c.user_id').all();
    const oldCounters = counters(old) as { user_id: string; client_id: string; n: number | null }[];
    old.close();
    for (const c of oldCounters) {
      const now = w.core.context.db.prepare('SELECT coalesce(max(mutation_id), 0) AS n FROM outbox WHERE client_id = ?').get(c.client_id) as { n: number };
      expect(now.n, c.user_id).toBeGreaterThanOrEqual(c.n ?? 0);
    }
    const officerBefore = oldCounters.find((c) => c.user_id === made.officer)!;
    expect(officerBefore.n).toBeGreaterThan(0);

    await w.login('agent1', PASSWORD);
    const next = await w.ok('calls.answer', { phone: '13900139001' });
    await w.login('officer', PASSWORD);
    await w.ok('callbacks.notReached', { id: made.cb0!, note: '又无人接听' });
    const officerRow = w.core.context.db
      .prepare("SELECT mutation_id FROM outbox WHERE client_id = ? AND name = 'callback.notReached' AND state = 'pending'")
      .get(officerBefore.client_id) as { mutation_id: number };
    expect(officerRow.mutation_id).toBe(officerBefore.n! + 1);
    expect((await w.core.sync.syncNow()).error).toBeNull();
    expect(await w.ok('sync.status', {})).toMatchObject({ pending: 0, conflicts: 0 });
    expect((await x.core.sync.syncNow()).error).toBeNull();
    expect((await x.ok('calls.get', { id: next.id })).record).toMatchObject({ agentName: '李晓梅' });
    // Applied by the hub, not taken for a replay of an id it had seen.
    const cb0 = await x.ok('callbacks.get', { id: made.cb0! });
    expect(actors(cb0.history)).toEqual(['callback.create 李晓梅', 'callback.notReached 陈回访', 'callback.notReached 陈回访']);
  });
});
