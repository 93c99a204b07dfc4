import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';
import { ALL_ROLES } from '../../shared/domain/roles';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;
let handlerId = '';

const sync = async (...cs: TestConsole[]) => {
  for (const c of cs) expect((await c.ok('sync.now', {})).error).toBeNull();
};

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
  await b.login('admin', PASSWORD);
  // These tests compare what two users see of one complaint; with the default masking the administrator
  // sees numbers masked, so every role sees them in full here (masking has its own tests).
  await b.ok('settings.update', { masking: { phone: [...ALL_ROLES], address: [...ALL_ROLES] } });
  for (const c of [b, a]) expect((await c.ok('sync.now', {})).error).toBeNull();
  handlerId = (await a.ok('users.directory', {})).find((u) => u.displayName === '赵建国')!.id;
}, 60_000);
afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

async function registered(): Promise<string> {
  await a.login('agent1', PASSWORD);
  const c = await a.ok('complaints.register', {
    channel: 'phone',
    complainant: '周丽',
    phone: '13800138000',
    problem: '对检测结果有疑问',
    type: 'result_doubt',
    severity: 'general',
  });
  await sync(a, b);
  await a.login('lead', PASSWORD);
  return c.id;
}

const assign = (id: string) => ({ id, step: { action: 'assign' as const, departments: ['质量技术部'], handlerId, handlerName: '赵建国' } });

describe('complaint workflow across two offline workstations (docs/sync.md conflict policy)', () => {
  it('one assigns, the other escalates: both apply, escalation touches no workflow field', async () => {
    const id = await registered();
    await a.ok('complaints.transition', assign(id));
    await b.ok('complaints.transition', { id, step: { action: 'escalate', to: '客服部部长', note: '客户情绪激动' } });
    await sync(a, b, a);
    const onA = (await a.ok('complaints.get', { id })).complaint;
    const onB = (await b.ok('complaints.get', { id })).complaint;
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ status: 'in_handling', handlerName: '赵建国', escalatedTo: '客服部部长' });
    expect((await b.ok('complaints.get', { id })).conflicts).toEqual([]);
  });

  it('one assigns, the other voids on the stale view: the void is a visible conflict, not a silent overwrite', async () => {
    const id = await registered();
    await a.ok('complaints.transition', assign(id));
    await b.ok('complaints.transition', { id, step: { action: 'void', reason: '重复登记' } });
    await sync(a, b, a);
    const onB = await b.ok('complaints.get', { id });
    expect(onB.complaint).toMatchObject({ status: 'in_handling', handlerName: '赵建国' });
    expect(onB.conflicts).toHaveLength(1);
    expect(onB.conflicts[0]).toMatchObject({ status: 'conflict', mutationName: 'complaint.transition', byName: '张组长' });
    expect((await a.ok('complaints.get', { id })).complaint).toEqual(onB.complaint);
  });

  it('a step the shared state machine refuses on the hub is acknowledged as rejected', async () => {
    await a.login('agent1', PASSWORD);
    const { id } = await a.ok('complaints.register', {
      channel: 'visit',
      complainant: '王强',
      address: '杭州市西湖区文三路 1 号',
      problem: '检测结果严重错误导致退货',
      type: 'result_doubt',
      severity: 'crisis',
      soothed: true,
      headNotifiedTo: '客服部部长 刘明',
      // The console's own (test) clock: a notification later than its now is refused as in the future.
      headNotifiedAt: new Date(a.clock.t).toISOString(),
    });
    await sync(a, b);
    await a.login('lead', PASSWORD);
    // Both report the crisis to management while apart; reporting touches no workflow field, so the
    // hub runs the state machine on the second one — and refuses it: it was already reported.
    await a.ok('complaints.transition', { id, step: { action: 'report', note: '已报告分管副局长' } });
    await b.ok('complaints.transition', { id, step: { action: 'report', note: '已报告局长' } });
    await sync(a, b, a);
    const onB = await b.ok('complaints.get', { id });
    expect(onB.complaint.reportNote).toBe('已报告分管副局长');
    expect(onB.conflicts).toHaveLength(1);
    expect(onB.conflicts[0]).toMatchObject({ status: 'rejected', mutationName: 'complaint.transition' });
    expect(onB.conflicts[0]!.reason).toMatch(/already reported/);
  });
});
