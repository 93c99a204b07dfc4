import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackOutcome } from '../../shared/domain/callback';
import { ALL_ROLES } from '../../shared/domain/roles';
import { BUILT_IN_CALL_SCRIPT } from '../../shared/domain/scriptDefaults';
import { mutationEnv } from '../../electron/core/write/env';
import { applyChanges } from '../../electron/core/sync/apply';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;

const sync = async (...cs: TestConsole[]) => {
  for (const c of cs) expect((await c.ok('sync.now', {})).error).toBeNull();
};
const outcome = (over: Partial<CallbackOutcome> = {}): CallbackOutcome => ({
  satisfaction: 'satisfied', score: 5, accuracy: null, timeliness: null, attitude: null, unsatisfactory: '', remainingProblems: '',
  suggestions: '', evaluation: '', note: '', scriptVersionId: null, ...over,
});

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
  await b.login('admin', PASSWORD);
  // These tests compare what two users see of one callback; with the default masking the administrator
  // sees numbers masked, so every role sees them in full here (masking has its own tests).
  await b.ok('settings.update', { masking: { phone: [...ALL_ROLES], address: [...ALL_ROLES] } });
  await sync(b, a);
}, 60_000);
afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('callbacks and scripts through a real hub (docs/sync.md)', () => {
  it('a published script and a callback made on A reach B; B’s next call records A’s script version', async () => {
    const base = { name: BUILT_IN_CALL_SCRIPT.name, steps: BUILT_IN_CALL_SCRIPT.steps, specials: BUILT_IN_CALL_SCRIPT.specials };
    const v2 = await a.ok('scripts.publish', { kind: 'call', content: { ...base, name: '来电话术 2026 版' }, note: '年度修订' });
    const cb = await a.ok('callbacks.create', { kind: 'promised', dueAt: '2026-11-23T02:00:00.000Z', phone: '13912345678', subject: '查清后回电' });
    await sync(a, b);
    expect(await b.ok('scripts.get', { id: v2.id })).toEqual(v2);
    expect((await b.ok('scripts.active', { kind: 'call' })).id).toBe(v2.id);
    const onB = await b.ok('callbacks.get', { id: cb.id });
    expect(onB.callback).toEqual(cb);
    expect(onB.history.map((h) => h.action)).toEqual(['callback.create']);
    await b.login('agent2', PASSWORD);
    expect((await b.ok('calls.answer', { phone: '13912345678' })).scriptVersionId).toBe(v2.id);
    await b.login('admin', PASSWORD);
  });

  it('the same event on two offline workstations makes one callback, not two', async () => {
    const cust = await a.ok('customers.create', { name: '周丽', organisation: '宏达纺织', address: '', phones: ['0571-88881234'], serviceRequirements: '', notes: '' });
    await sync(a, b);
    // Both mark her a key account while apart, the same day: each creates the first periodic callback.
    await a.ok('customers.update', { id: cust.id, fields: { keyAccount: true } });
    await b.ok('customers.update', { id: cust.id, fields: { keyAccount: true, notes: '重要协议客户' } });
    const onA = (await a.ok('callbacks.queue', { kind: 'key_account' })).rows;
    const onB = (await b.ok('callbacks.queue', { kind: 'key_account' })).rows;
    expect(onA).toHaveLength(1);
    expect(onB.map((r) => r.id)).toEqual(onA.map((r) => r.id));
    await sync(a, b, a);
    const finalA = await a.ok('callbacks.get', { id: onA[0]!.id });
    const finalB = await b.ok('callbacks.get', { id: onA[0]!.id });
    expect(finalB.callback).toEqual(finalA.callback);
    expect((await b.ok('callbacks.queue', { kind: 'key_account' })).total).toBe(1);
    expect(finalB.conflicts).toEqual([]);
    expect((await a.ok('sync.status', {})).pending + (await b.ok('sync.status', {})).pending).toBe(0);
  });

  it('reached on one workstation, "not reached" on the other: a visible conflict, not a silent merge', async () => {
    const cb = await a.ok('callbacks.create', { kind: 'satisfaction', dueAt: '2026-11-24T02:00:00.000Z', phone: '13800138000' });
    await sync(a, b);
    await a.login('officer', PASSWORD);
    await a.ok('callbacks.complete', { id: cb.id, outcome: outcome({ note: '客户满意' }) });
    await b.ok('callbacks.notReached', { id: cb.id, note: '无人接听' });
    await sync(a, b, a);
    const onB = await b.ok('callbacks.get', { id: cb.id });
    expect(onB.callback).toMatchObject({ status: 'done', satisfaction: 'satisfied', attempts: 1, doneBy: '陈回访' });
    expect(onB.conflicts).toHaveLength(1);
    expect(onB.conflicts[0]).toMatchObject({ status: 'conflict', mutationName: 'callback.notReached', byName: '陈回访' });
    expect((await a.ok('callbacks.get', { id: cb.id })).callback).toEqual(onB.callback);
    await a.login('admin', PASSWORD);
  });

  it('a complaint callback completed on A moves the complaint on B too (two mutations, one order)', async () => {
    const users = Object.fromEntries((await a.ok('users.directory', {})).map((u) => [u.displayName, u.id]));
    await a.login('agent1', PASSWORD);
    const k = await a.ok('complaints.register', { channel: 'phone', complainant: '王强', phone: '13800138000', problem: '报告延误', type: 'timeliness', severity: 'general' });
    await a.login('lead', PASSWORD);
    await a.ok('complaints.transition', { id: k.id, step: { action: 'assign', departments: ['市场部'], handlerId: users.张组长!, handlerName: '张组长' } });
    await a.ok('complaints.transition', { id: k.id, step: { action: 'recordResult', investigation: '查明原因', result: '已加急', replyToCustomer: '已告知' } });
    await a.login('officer', PASSWORD);
    const [cb] = (await a.ok('callbacks.queue', { kind: 'complaint' })).rows;
    await a.ok('callbacks.complete', { id: cb!.id, outcome: outcome({ satisfaction: 'unsatisfied', unsatisfactory: '仍嫌太慢' }) });
    await sync(a, b);
    expect((await b.ok('complaints.get', { id: k.id })).complaint).toMatchObject({ status: 'in_handling', round: 2 });
    expect((await b.ok('callbacks.get', { id: cb!.id })).callback.status).toBe('done');
    await a.login('admin', PASSWORD);
  });
});

describe('rows pulled from a hub that predates these fields', () => {
  it('a call without transferred / scriptVersionId and a customer without keyAccount are stored with defaults', async () => {
    const c = await seededConsole();
    try {
      await c.login('agent1', PASSWORD);
      const call = await c.ok('calls.answer', { phone: '13912345678' });
      const cust = await c.ok('customers.create', { name: '周丽', organisation: '', address: '', phones: ['13800138000'], serviceRequirements: '', notes: '' });
      const { transferred: _t, scriptVersionId: _s, ...oldCall } = call;
      const { keyAccount: _k, ...oldCustomer } = cust;
      const db = c.core.context.db;
      // As if the hub's copies were written by an earlier version (the local mutations are acknowledged).
      db.prepare("UPDATE outbox SET state = 'applied'").run();
      db.transaction(() =>
        applyChanges(
          db,
          [
            { entity: 'call', id: call.id, seq: 1, data: { ...oldCall, callerName: '孙先生' } },
            { entity: 'customer', id: cust.id, seq: 2, data: { ...oldCustomer, notes: '旧版本写入' } },
          ],
          () => mutationEnv(c.core.context),
        ),
      )();
      expect((await c.ok('calls.get', { id: call.id })).record).toMatchObject({ callerName: '孙先生', transferred: false, scriptVersionId: null });
      expect(await c.ok('customers.get', { id: cust.id })).toMatchObject({ notes: '旧版本写入', keyAccount: false });
    } finally {
      c.close();
    }
  });
});
