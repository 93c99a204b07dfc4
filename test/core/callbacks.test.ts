import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackOutcome } from '../../shared/domain/callback';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const endOf = (day: string) => new Date(Date.parse(`${day}T23:59:59.999Z`) - 8 * HOUR).toISOString();
const outcome = (over: Partial<CallbackOutcome> = {}): CallbackOutcome => ({
  satisfaction: 'satisfied',
  score: 5,
  accuracy: 'satisfied',
  timeliness: 'satisfied',
  attitude: 'satisfied',
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
  ...over,
});

async function userIds(): Promise<Record<string, string>> {
  return Object.fromEntries((await c.ok('users.directory', {})).map((u) => [u.displayName, u.id]));
}

const queue = async (p: Parameters<TestConsole['ok']>[1] = {}) => (await c.ok('callbacks.queue', p as never)).rows;
const outboxNames = () => (c.core.context.db.prepare('SELECT name FROM outbox ORDER BY rowid').all() as { name: string }[]).map((r) => r.name);

/** A general complaint registered by agent1 and handled by agent2 (round 1). */
async function handledComplaint(): Promise<string> {
  const u = await userIds();
  await c.login('agent1', PASSWORD);
  const k = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13800138000', problem: '对检测结果有疑问', type: 'result_doubt', severity: 'general' });
  await c.login('lead', PASSWORD);
  await c.ok('complaints.transition', { id: k.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: u.赵建国!, handlerName: '赵建国' } });
  await c.login('agent2', PASSWORD);
  await c.ok('complaints.transition', { id: k.id, step: { action: 'recordResult', investigation: '复核原始记录', result: '结果无误', replyToCustomer: '已电话解释' } });
  return k.id;
}

describe('callbacks created by the events that call for them', () => {
  it('a call replied to after the call: a satisfaction callback for the officer, in the same transaction as the save', async () => {
    c = await seededConsole();
    const u = await userIds();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', {
      id: call.id,
      fields: { callerName: '孙先生', category: 'consultation', content: '咨询检测周期', answeredOnSpot: false, promisedReplyBy: '2026-11-23T02:00:00.000Z' },
      end: true,
    });
    expect(await c.ok('callbacks.counts', {})).toMatchObject({ open: 0 });
    c.clock.advance(DAY);
    await c.login('agent1', PASSWORD);
    await c.ok('calls.save', { id: call.id, fields: { repliedAt: new Date(c.clock.t).toISOString(), replyContent: '五个工作日' } });
    expect(outboxNames().slice(-2)).toEqual(['call.update', 'callback.create']);
    await c.login('officer', PASSWORD);
    const rows = await queue();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'satisfaction', name: '孙先生', phone: '13912345678', callId: call.id, assigneeId: u.陈回访, dueAt: endOf('2026-11-26') });
    // Saving the replied record again creates nothing more.
    await c.login('agent1', PASSWORD);
    await c.ok('calls.save', { id: call.id, fields: { replyContent: '五个工作日(已告知)' } });
    expect(await queue()).toEqual([]);
    await c.login('lead', PASSWORD);
    expect(await queue()).toHaveLength(1);
  });

  it('a call classified as a suggestion: evaluate it and tell the customer within 7 working days', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: call.id, fields: { category: 'suggestion', content: '建议开通微信查询报告' } });
    await c.login('lead', PASSWORD);
    expect(await queue()).toEqual([expect.objectContaining({ kind: 'suggestion', dueAt: endOf('2026-12-01'), callId: call.id })]);
  });

  it('a complaint handled: a complaint callback due by the deadline rules; "not satisfied" reopens it in round 2; round 2 handled: a second callback', async () => {
    c = await seededConsole();
    const id = await handledComplaint();
    await c.login('officer', PASSWORD);
    const [first] = await queue();
    expect(first).toMatchObject({ kind: 'complaint', complaintId: id, complaintNo: 'TS-2026-A07-0001', dueAt: endOf('2026-11-29') });
    const detail = await c.ok('callbacks.get', { id: first!.id });
    expect(detail.complaint).toMatchObject({ round: 1, status: 'handled', result: '结果无误' });
    expect(detail.script.kind).toBe('callback');
    expect(detail.script.steps[0]!.words).toContain('回访员');

    await c.ok('callbacks.complete', { id: first!.id, outcome: outcome({ satisfaction: 'unsatisfied', remainingProblems: '仍认为色牢度偏低' }) });
    const reopened = (await c.ok('complaints.get', { id })).complaint;
    expect(reopened).toMatchObject({ status: 'in_handling', round: 2 });
    expect(reopened.rounds[0]).toMatchObject({ callbackResult: 'unsatisfied', callbackBy: '陈回访' });
    expect(reopened.rounds[0]!.callbackNote).toContain('仍认为色牢度偏低');
    const done = (await c.ok('callbacks.get', { id: first!.id })).callback;
    expect(done).toMatchObject({ status: 'done', satisfaction: 'unsatisfied', scriptVersionId: detail.script.id });
    expect(await queue()).toEqual([]);

    c.clock.advance(2 * DAY);
    await c.login('agent2', PASSWORD);
    await c.ok('complaints.transition', { id, step: { action: 'recordResult', investigation: '送第三方复检', result: '复检结果一致', replyToCustomer: '已寄送复检报告' } });
    await c.login('officer', PASSWORD);
    const [second] = await queue();
    expect(second).toMatchObject({ kind: 'complaint', complaintId: id, dueAt: endOf('2026-12-01') });
    expect(second!.id).not.toBe(first!.id);
    await c.ok('callbacks.complete', { id: second!.id, outcome: outcome() });
    expect((await c.ok('complaints.get', { id })).complaint).toMatchObject({ status: 'closed', round: 2, callbackResult: 'satisfied' });
  });

  it('key account: marking creates the first periodic callback; doing it creates the next; suggestions in an outcome create a suggestion callback', async () => {
    c = await seededConsole();
    const cust = await c.ok('customers.create', { name: '周丽', organisation: '宏达纺织', address: '', phones: ['0571-88881234'], serviceRequirements: '', notes: '' });
    expect(await queue()).toEqual([]);
    await c.ok('customers.update', { id: cust.id, fields: { keyAccount: true } });
    await c.ok('customers.update', { id: cust.id, fields: { notes: '每月对账' } });
    const [ka] = await queue();
    expect(ka).toMatchObject({ kind: 'key_account', name: '周丽', dueAt: '2027-01-22T02:00:00.000Z' });
    expect(await queue()).toHaveLength(1);

    c.clock.advance(60 * DAY);
    await c.login('officer', PASSWORD);
    await c.ok('callbacks.complete', { id: ka!.id, outcome: outcome({ suggestions: '希望提供上门取样' }) });
    const next = await queue();
    expect(next.map((r) => r.kind).sort()).toEqual(['key_account', 'suggestion']);
    expect(next.find((r) => r.kind === 'key_account')!.dueAt).toBe('2027-03-21T02:00:00.000Z');
    expect(next.find((r) => r.kind === 'suggestion')!.subject).toContain('上门取样');

    // Created as a key account: the same first callback.
    await c.login('admin', PASSWORD);
    await c.ok('customers.create', { name: '王强', organisation: '华丰', address: '', phones: ['13800138000'], serviceRequirements: '', notes: '', keyAccount: true });
    expect((await queue({ kind: 'key_account' })).map((r) => r.name)).toContain('王强');
  });

  it('promised by the agent from the call screen: due when promised, linked to the call, assigned round-robin', async () => {
    c = await seededConsole();
    const u = await userIds();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: call.id, fields: { callerName: '孙先生', organisation: '华丰' } });
    const promised = await c.ok('callbacks.create', { kind: 'promised', dueAt: '2026-11-22T06:00:00.000Z', phone: '13912345678', subject: '查清后回电', callId: call.id });
    expect(promised).toMatchObject({ kind: 'promised', name: '孙先生', organisation: '华丰', callId: call.id, source: 'call', assigneeId: u.陈回访, createdBy: '李晓梅' });
    const bad = await c.call('callbacks.create', { kind: 'promised', dueAt: '2026-11-22T06:00:00.000Z', phone: '12' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'phone' }] } });
  });
});

describe('assignment, retries and roles', () => {
  it('round-robin across two officers; a lead reassigns; manual assignment leaves new ones unassigned', async () => {
    c = await seededConsole();
    await c.ok('users.create', { username: 'officer2', displayName: '林回访', role: 'callback_officer', password: PASSWORD });
    const promise = (n: number) => c.ok('callbacks.create', { kind: 'promised', dueAt: `2026-11-2${n}T06:00:00.000Z`, phone: `1391234567${n}` });
    const names: string[] = [];
    for (let i = 3; i < 7; i++) names.push((await promise(i)).assigneeName);
    expect(names.sort()).toEqual(['林回访', '林回访', '陈回访', '陈回访']);
    const u = await userIds();
    const first = (await queue())[0]!;
    await c.ok('callbacks.assign', { id: first.id, assigneeId: u.李晓梅! });
    expect((await c.ok('callbacks.get', { id: first.id })).callback.assigneeName).toBe('李晓梅');
    await c.ok('settings.update', { callbackRules: { ...(await c.ok('settings.get', {})).callbackRules, assignment: 'manual' } });
    const manual = await promise(8);
    expect(manual.assigneeId).toBeNull();
    expect((await queue({ scope: 'unassigned' })).map((r) => r.id)).toEqual([manual.id]);
  });

  it('not reached: attempts counted, retry scheduled, then unreachable; a complaint callback counts on the sheet too', async () => {
    c = await seededConsole();
    const id = await handledComplaint();
    await c.login('officer', PASSWORD);
    const [cb] = await queue();
    let r = await c.ok('callbacks.notReached', { id: cb!.id, note: '无人接听' });
    expect(r).toMatchObject({ status: 'open', attempts: 1, nextAttemptAt: new Date(c.clock.t + 2 * HOUR).toISOString() });
    expect((await queue())[0]!.urgency).toBe('waiting_retry');
    c.clock.advance(3 * HOUR);
    r = await c.ok('callbacks.notReached', { id: cb!.id });
    c.clock.advance(3 * HOUR);
    r = await c.ok('callbacks.notReached', { id: cb!.id, note: '关机' });
    expect(r).toMatchObject({ status: 'unreachable', attempts: 3, nextAttemptAt: null });
    expect((await c.ok('complaints.get', { id })).complaint).toMatchObject({ status: 'handled', callbackAttempts: 3, callbackNote: '关机' });
    expect(await c.call('callbacks.notReached', { id: cb!.id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((await queue({ status: 'unreachable' })).map((x) => x.id)).toEqual([cb!.id]);
  });

  it('agents and officers may not assign, cancel or import, nor see other people’s queues', async () => {
    c = await seededConsole();
    const cb = await c.ok('callbacks.create', { kind: 'promised', dueAt: '2026-11-23T06:00:00.000Z', phone: '13912345678' });
    for (const who of ['agent1', 'officer']) {
      await c.login(who, PASSWORD);
      expect(await c.call('callbacks.assign', { id: cb.id, assigneeId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('callbacks.cancel', { id: cb.id, reason: '不需要' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('callbacks.import', { kind: 'presale', fileName: 'a.csv', base64: 'YQ==' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('callbacks.queue', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await c.login('lead', PASSWORD);
    expect(await c.ok('callbacks.cancel', { id: cb.id, reason: '客户已另行联系' })).toMatchObject({ status: 'cancelled', cancelReason: '客户已另行联系' });
    await c.login('admin', PASSWORD);
    expect((await queue({ status: 'cancelled' }))[0]!.phone).toBe('139****5678');
  });
});

describe('the queue', () => {
  it('is ordered by due time, marks overdue ones, sorts a callback waiting for its retry at the retry time, and counts', async () => {
    c = await seededConsole();
    const due = (h: number) => new Date(c.clock.t + h * HOUR).toISOString();
    const make = (h: number, phone: string) => c.ok('callbacks.create', { kind: 'promised', dueAt: due(h), phone, subject: `+${h}h` });
    const later = await make(30, '13900000003');
    const soon = await make(2, '13900000001');
    const mid = await make(10, '13900000002');
    const next = await make(10.5, '13900000004');
    await c.login('officer', PASSWORD);
    expect((await queue()).map((r) => r.id)).toEqual([soon.id, mid.id, next.id, later.id]);
    expect((await queue()).map((r) => r.urgency)).toEqual(['due_soon', 'scheduled', 'scheduled', 'scheduled']);

    c.clock.advance(3 * HOUR);
    expect((await queue()).map((r) => [r.id, r.urgency])).toEqual([
      [soon.id, 'overdue'],
      [mid.id, 'scheduled'],
      [next.id, 'scheduled'],
      [later.id, 'scheduled'],
    ]);
    expect(await c.ok('callbacks.counts', {})).toEqual({ open: 4, overdue: 1, dueToday: 2, mine: 4 });
    expect((await queue({ overdue: true })).map((r) => r.id)).toEqual([soon.id]);

    // Not reached at +9 h: it cannot be tried again before +11 h, so the callback due at +10.5 h comes first.
    await c.ok('callbacks.notReached', { id: soon.id });
    c.clock.advance(6 * HOUR);
    await c.login('officer', PASSWORD);
    await c.ok('callbacks.notReached', { id: mid.id });
    expect((await queue()).map((r) => [r.id, r.urgency])).toEqual([
      [soon.id, 'overdue'],
      [next.id, 'due_soon'],
      [mid.id, 'waiting_retry'],
      [later.id, 'scheduled'],
    ]);
    expect((await queue({ q: '+30' })).map((r) => r.id)).toEqual([later.id]);
  });

  it('a callback recorded on the complaint sheet settles the queue too; a voided complaint’s callback is cancelled', async () => {
    c = await seededConsole();
    const id = await handledComplaint();
    await c.login('officer', PASSWORD);
    await c.ok('complaints.transition', { id, step: { action: 'recordCallback', result: 'satisfied', note: '满意' } });
    expect(await queue()).toEqual([]);
    expect((await queue({ status: 'done' }))[0]).toMatchObject({ satisfaction: 'satisfied', complaintId: id });

    const other = await handledComplaint();
    await c.login('lead', PASSWORD);
    await c.ok('complaints.transition', { id: other, step: { action: 'void', reason: '重复登记' } });
    expect((await queue({ status: 'cancelled' })).map((r) => r.complaintId)).toEqual([other]);
  });
});
