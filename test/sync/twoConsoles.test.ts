import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../electron/core/sync/hubClient';
import { ORG, PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;

async function sync(...consoles: TestConsole[]) {
  for (const c of consoles) {
    const s = await c.ok('sync.now', {});
    expect(s.error, 'sync error').toBeNull();
  }
}

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url, 'admin');
}, 60_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('two workstations through a real hub', () => {
  it('B receives the users and settings the first workstation seeded the hub with', async () => {
    await b.login('agent2', PASSWORD);
    expect((await b.ok('auth.session', {})).user.displayName).toBe('赵建国');
    expect((await b.ok('settings.get', {})).organisationName).toBe(ORG.organisationName);
  });

  it('a call saved on A appears on B, with its history', async () => {
    await a.login('agent1', PASSWORD);
    const rec = await a.ok('calls.answer', { phone: '13912345678' });
    await a.ok('calls.save', { id: rec.id, fields: { callerName: '孙先生', category: 'query', content: '查询报告进度' }, end: true });
    await sync(a, b);
    const onB = await b.ok('calls.get', { id: rec.id });
    expect(onB.record).toMatchObject({ recordNo: rec.recordNo, callerName: '孙先生', content: '查询报告进度', status: 'closed' });
    expect(onB.history.map((h) => h.action)).toEqual(['call.create', 'call.update']);
    expect((await a.ok('sync.status', {})).pending).toBe(0);
  });

  it('offline edits of different fields on both sides converge; the same field goes to the later push', async () => {
    const rec = await a.ok('calls.answer', { phone: '0571-88881234' });
    await a.ok('calls.save', { id: rec.id, fields: { category: 'consultation', content: '标准咨询' }, end: true });
    await sync(a, b);
    await b.login('lead', PASSWORD);
    await a.ok('calls.save', { id: rec.id, fields: { content: '标准咨询(A 补充)', suggestions: 'A 的建议' } });
    await b.ok('calls.save', { id: rec.id, fields: { callerName: '周女士', suggestions: 'B 的建议' } });
    await sync(a, b, a);
    const ra = (await a.ok('calls.get', { id: rec.id })).record;
    const rb = (await b.ok('calls.get', { id: rec.id })).record;
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ content: '标准咨询(A 补充)', callerName: '周女士', suggestions: 'B 的建议' });
  });

  it('a stale offline edit of a record a lead voided becomes a visible conflict, not a silent overwrite', async () => {
    const rec = await a.ok('calls.answer', { phone: '13600001111' });
    await a.ok('calls.save', { id: rec.id, fields: { category: 'other', content: '打错电话' }, end: true });
    await sync(a, b);
    await a.ok('calls.save', { id: rec.id, fields: { content: '打错电话,已说明' } });
    await b.ok('calls.void', { id: rec.id, reason: '重复登记' });
    await sync(b, a, b);
    const detail = await a.ok('calls.get', { id: rec.id });
    expect(detail.record).toMatchObject({ voided: true, voidReason: '重复登记', content: '打错电话' });
    expect(detail.conflicts).toHaveLength(1);
    expect(detail.conflicts[0]).toMatchObject({ status: 'conflict', mutationName: 'call.update', byName: '张组长' });
    expect((await a.ok('sync.status', {})).conflicts).toBe(1);
    await a.ok('sync.resolveConflict', { id: detail.conflicts[0]!.id, action: 'discard' });
    expect((await a.ok('calls.get', { id: rec.id })).conflicts).toEqual([]);
  });

  it('a replayed push creates nothing twice', async () => {
    const login = await new HubClient(hub.url).login('agent1', PASSWORD, 'A07');
    const client = new HubClient(hub.url, login.token);
    const clientId = '01a20584-0000-7000-8000-000000000001';
    const at = new Date().toISOString();
    const id = '01a20584-0000-7000-8000-0000000000aa';
    const req = {
      clientId,
      workstation: 'A07',
      mutations: [
        {
          id: 1,
          name: 'customer.create',
          args: { id, name: '重放测试', organisation: '', address: '', phones: ['13700001111'], serviceRequirements: '', notes: '', at },
          base: null,
        },
      ],
    };
    const first = await client.push(req);
    const second = await client.push(req);
    expect(first.acks.map((x) => x.status)).toEqual(['applied']);
    expect(second.lastMutationId).toBe(1);
    const all = await client.pull(0, 2000);
    expect(all.changes.filter((ch) => ch.entity === 'customer' && ch.id === id)).toHaveLength(1);
    expect(all.changes.filter((ch) => ch.entity === 'history' && (ch.data as { entityId: string }).entityId === id)).toHaveLength(1);
  });

  it('refuses a push under another user’s clientId, and an agent forging a lead’s decision', async () => {
    const agent1 = new HubClient(hub.url, (await new HubClient(hub.url).login('agent1', PASSWORD, 'A07')).token);
    const agent2 = new HubClient(hub.url, (await new HubClient(hub.url).login('agent2', PASSWORD, 'B02')).token);
    const clientId = '01a20584-0000-7000-8000-000000000002';
    const customer = (id: string, name: string) => ({
      name: 'customer.create',
      args: { id, name, organisation: '', address: '', phones: ['13700003333'], serviceRequirements: '', notes: '', at: new Date().toISOString() },
      base: null,
    });
    await agent1.push({ clientId, workstation: 'A07', mutations: [{ id: 1, ...customer('01a20584-0000-7000-8000-0000000000c1', '绑定') }] });
    await expect(
      agent2.push({ clientId, workstation: 'B02', mutations: [{ id: 2, ...customer('01a20584-0000-7000-8000-0000000000c2', '冒用') }] }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    const pulled = await agent1.pull(0, 2000);
    expect(pulled.changes.some((ch) => ch.id === '01a20584-0000-7000-8000-0000000000c2')).toBe(false);

    const own = await a.ok('calls.answer', { phone: '13500002222' });
    await sync(a);
    const at = new Date().toISOString();
    const res = await agent2.push({
      clientId: '01a20584-0000-7000-8000-000000000003',
      workstation: 'B02',
      mutations: [
        { id: 1, name: 'call.void', args: { id: own.id, reason: '伪造作废', at }, base: { version: 1, status: 'open', voided: false } },
        { id: 2, name: 'user.update', args: { id: own.agentId, fields: { role: 'admin' }, at }, base: null },
        {
          id: 3,
          name: 'customer.create',
          args: { id: '01a20584-0000-7000-8000-0000000000bb', name: '后续记录', organisation: '', address: '', phones: ['13700002222'], serviceRequirements: '', notes: '', at },
          base: null,
        },
      ],
    });
    expect(res.acks.map((x) => x.status)).toEqual(['rejected', 'rejected', 'applied']);
    await sync(a);
    expect((await a.ok('calls.get', { id: own.id })).record.voided).toBe(false);
  });
});
