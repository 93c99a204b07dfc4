import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, rowCounts, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

const COMPLAINT = {
  channel: 'phone' as const,
  complainant: '周丽',
  organisation: '杭州宏达纺织有限公司',
  phone: '0571-88881234',
  problem: '认为色牢度检测结果偏低,要求复检',
  type: 'result_doubt' as const,
  severity: 'general' as const,
};

async function ids() {
  const users = await c.ok('users.directory', {});
  return Object.fromEntries(users.map((u) => [u.displayName, u.id]));
}

describe('complaints through the core (annex 2)', () => {
  it('numbers complaints per workstation and year, and counts the customer’s earlier complaints', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const first = await c.ok('complaints.register', COMPLAINT);
    const second = await c.ok('complaints.register', { ...COMPLAINT, phone: '(0571) 8888-1234', problem: '报告出具延误' });
    expect(first.complaintNo).toBe('TS-2026-A07-0001');
    expect(second.complaintNo).toBe('TS-2026-A07-0002');
    expect([first.repeatIndex, second.repeatIndex]).toEqual([1, 2]);
  });

  it('registers from a call and links it; required fields are named', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    const bad = await c.call('complaints.register', { ...COMPLAINT, phone: '', problem: ' ', callId: call.id });
    expect(bad.ok === false && bad.error.fields?.map((f) => f.field)).toContain('problem');
    const noContact = await c.call('complaints.register', { ...COMPLAINT, phone: '', address: '' });
    expect(noContact.ok === false && noContact.error.fields?.map((f) => f.field)).toEqual(['phone', 'address']);
    const ok = await c.ok('complaints.register', { ...COMPLAINT, callId: call.id });
    expect(ok.callId).toBe(call.id);
  });

  it('enforces roles per action in the core and writes nothing when refusing', async () => {
    c = await seededConsole();
    const u = await ids();
    await c.login('agent1', PASSWORD);
    const reg = await c.ok('complaints.register', COMPLAINT);
    const before = rowCounts(c.core);
    const assign = { id: reg.id, step: { action: 'assign' as const, departments: ['质量技术部'], handlerId: u['赵建国']!, handlerName: '赵建国' } };
    expect(await c.call('complaints.transition', assign)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await c.login('officer', PASSWORD);
    expect(await c.call('complaints.register', COMPLAINT)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('complaints.edit', { id: reg.id, fields: { problem: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('complaints.transition', { id: reg.id, step: { action: 'void', reason: '伪造' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const { sessions: _s, audit_log: _a, ...counts } = rowCounts(c.core);
    const { sessions: _s2, audit_log: _a2, ...countsBefore } = before;
    expect(counts).toEqual(countsBefore);
  });

  it('runs the whole workflow, with clocks, my-complaints and history', async () => {
    c = await seededConsole();
    const u = await ids();
    await c.login('agent1', PASSWORD);
    const reg = await c.ok('complaints.register', {
      ...COMPLAINT,
      severity: 'major',
      soothed: true,
      headNotifiedTo: '客服部部长 刘明',
      headNotifiedAt: new Date(c.clock.t).toISOString(),
    });
    await c.login('lead', PASSWORD);
    expect((await c.ok('complaints.mine', {})).map((r) => [r.complaintNo, r.nextAction])).toEqual([[reg.complaintNo, 'assign']]);
    c.clock.advance(20 * 60_000);
    let detail = await c.ok('complaints.get', { id: reg.id });
    expect(detail.clocks.find((k) => k.kind === 'escalate')?.state).toBe('breached');
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: u['李晓梅']!, handlerName: '李晓梅' } });
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'report', note: '已向分管领导电话报告' } });
    await c.login('agent1', PASSWORD);
    expect((await c.ok('complaints.mine', {})).map((r) => r.nextAction)).toEqual(['recordResult']);
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'recordResult', investigation: '复核原始记录', result: '结果无误', replyToCustomer: '已电话解释' } });
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'signoff', kind: 'handler', opinion: '处理完毕' } });
    await c.login('officer', PASSWORD);
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'recordCallback', result: 'satisfied', note: '客户满意' } });
    await c.login('lead', PASSWORD);
    await c.ok('complaints.transition', { id: reg.id, step: { action: 'approveClose', opinion: '同意办结' } });
    detail = await c.ok('complaints.get', { id: reg.id });
    expect(detail.complaint).toMatchObject({ status: 'closed', approvedBy: u['张组长'] });
    expect(detail.complaint.signoffs.map((s) => [s.kind, s.name])).toEqual([
      ['handler', '李晓梅'],
      ['approval', '张组长'],
    ]);
    expect(detail.clocks.find((k) => k.kind === 'escalate')?.state).toBe('met_late');
    expect(detail.history.map((h) => h.action)).toEqual([
      'complaint.register',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
    ]);
    expect(detail.actions).toEqual([]);
  });

  it('warns when the holiday calendar does not cover the coming year, until an administrator adds it', async () => {
    c = await seededConsole();
    expect(await c.ok('calendar.status', {})).toMatchObject({ year: 2026, coversThisYear: true, coversNextYear: false });
    const s = await c.ok('settings.get', {});
    await c.ok('settings.update', { calendar: { holidays: ['2027-01-01', '2027-02-06'], workdays: [] } });
    expect((await c.ok('calendar.status', {})).coversNextYear).toBe(true);
    expect(s.deadlineRules.callbackDays).toBe(7);
  });
});
