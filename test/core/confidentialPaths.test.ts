import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, ParamsOf } from '../../shared/api/contract';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * Every read path, every role (issue 12, must show 1): an agent who did not take a confidential call, and a
 * callback officer, read neither it nor the complaint registered from it, in full or in part; its own agent,
 * the team lead and the administrator do. Print views print what calls.get / complaints.get / callbacks.get
 * return, so "get" is also the print.
 */

const NUMBER = '13905710000';
const SECRET = '机密质量问题';
const REPLY = '保密答复内容';
const STREET = '保密路';
const SUBJECT = '回电说明机密结论';
const HIDDEN_TEXT = [SECRET, REPLY, STREET, SUBJECT];
const everything = [...HIDDEN_TEXT, NUMBER];

let c: TestConsole;
let call: { id: string; recordNo: string };
let complaint: { id: string; complaintNo: string };
let callback: { id: string };
let dayStart: string;

beforeAll(async () => {
  c = await seededConsole();
  dayStart = (await c.ok('board.summary', {})).dayStart;
  await c.login('agent1', PASSWORD);
  const rec = await c.ok('calls.answer', { phone: NUMBER });
  await c.ok('calls.save', { id: rec.id, fields: { confidential: true, callerName: '周女士', content: `客户反映${SECRET}`, replyContent: REPLY, address: `杭州市${STREET} 1 号` } });
  call = rec;
  complaint = await c.ok('complaints.register', { channel: 'phone', complainant: '周女士', phone: NUMBER, address: `杭州市${STREET} 1 号`, problem: `投诉：${SECRET}`, type: 'result_doubt', severity: 'general', callId: rec.id });
  callback = await c.ok('callbacks.create', { kind: 'promised', dueAt: new Date(c.clock.t + 3600_000).toISOString(), phone: NUMBER, subject: SUBJECT, callId: rec.id, assigneeId: null });
}, 60_000);
afterAll(() => c.close());

const found = (v: unknown, words = everything) => words.filter((w) => JSON.stringify(v).includes(w));

async function as(user: string) {
  await c.login(user, PASSWORD);
}

async function read<M extends MethodName>(m: M, p: ParamsOf<M>) {
  return c.ok(m, p);
}

describe.each(['agent2', 'officer'])('%s may not read another agent’s confidential call or complaint', (user) => {
  it('get (and print): calls.get, complaints.get, callbacks.get', async () => {
    await as(user);
    const got = await read('calls.get', { id: call.id });
    expect(got.record).toMatchObject({ recordNo: call.recordNo, callerName: '周女士', content: '', phone: '139****0000' });
    expect(found(got)).toEqual([]);
    const k = await read('complaints.get', { id: complaint.id });
    expect(k.complaint).toMatchObject({ complaintNo: complaint.complaintNo, problem: '', confidential: true });
    expect(found(k)).toEqual([]);
    const cb = await read('callbacks.get', { id: callback.id });
    expect(cb.call?.content).toBe('');
    expect(found(cb)).toEqual([]);
  });

  it('list: calls.list, complaints.list, complaints.mine, callbacks.queue', async () => {
    await as(user);
    const calls = await read('calls.list', {});
    expect(calls.rows.map((r) => r.id)).toContain(call.id);
    expect(found(calls)).toEqual([]);
    const ks = await read('complaints.list', {});
    expect(ks.rows.map((r) => r.id)).toEqual([complaint.id]);
    expect(ks.rows[0]).toMatchObject({ problem: '', phone: '139****0000', confidential: true });
    expect(found(ks)).toEqual([]);
    expect(found(await read('complaints.mine', {}))).toEqual([]);
    const queue = await read('callbacks.queue', { scope: 'unassigned' });
    expect(queue.rows.map((r) => r.id)).toEqual([callback.id]);
    expect(queue.rows[0]).toMatchObject({ phone: '139****0000', subject: '' });
    expect(found(queue)).toEqual([]);
  });

  it('search: neither the call nor the complaint is found by what it hides, only by what the list shows', async () => {
    await as(user);
    for (const q of [SECRET, REPLY, NUMBER, '0000']) {
      expect((await read('calls.list', { q })).rows, q).toEqual([]);
      expect((await read('complaints.list', { q })).rows, q).toEqual([]);
    }
    expect((await read('calls.list', { q: call.recordNo })).rows.map((r) => r.id)).toEqual([call.id]);
    expect((await read('complaints.list', { q: '周女士' })).rows.map((r) => r.id)).toEqual([complaint.id]);
  });

  it('lookup: the screen pop’s recent calls carry no content', async () => {
    await as(user);
    const pop = await read('customers.lookup', { phone: NUMBER });
    expect(pop.recentCalls.map((r) => r.id)).toEqual([call.id]);
    expect(found(pop, HIDDEN_TEXT)).toEqual([]);
  });

  it('board drill-downs, tracking and export: the list drill-down hides it, the sheet and the board are for leads', async () => {
    await as(user);
    const today = await read('calls.list', { from: dayStart });
    expect(today.rows.map((r) => r.id)).toContain(call.id);
    expect(found(today)).toEqual([]);
    for (const [m, p] of [
      ['board.summary', {}],
      ['tracking.query', { list: 'unreported_major' }],
      ['tracking.query', {}],
      ['tracking.export', { format: 'csv' }],
      ['callbacks.queue', { scope: 'all' }],
    ] as const) {
      const env = await c.raw(m, p);
      expect(env, m).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('reveal: a masked value of the confidential record is refused', async () => {
    await as(user);
    for (const [entity, id] of [['call', call.id], ['complaint', complaint.id], ['callback', callback.id]] as const) {
      expect(await c.raw('records.reveal', { entity, id, field: 'phone' }), entity).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('the people who may read it do, on every path', () => {
  it('its own agent', async () => {
    await as('agent1');
    expect(found(await read('calls.get', { id: call.id }))).toEqual(everything.filter((w) => w !== SUBJECT));
    expect(found(await read('complaints.get', { id: complaint.id }), [SECRET, NUMBER])).toEqual([SECRET, NUMBER]);
    expect(found(await read('calls.list', { q: SECRET }), [SECRET])).toEqual([SECRET]);
    expect(found(await read('complaints.list', { q: SECRET }), [SECRET])).toEqual([SECRET]);
    expect(found(await read('customers.lookup', { phone: NUMBER }), [SECRET])).toEqual([SECRET]);
  });

  it('the team lead, on the sheet, its export and the board’s drill-downs too', async () => {
    await as('lead');
    expect(found(await read('calls.get', { id: call.id }), [SECRET, NUMBER])).toEqual([SECRET, NUMBER]);
    expect(found(await read('tracking.query', { q: SECRET }), [SECRET, NUMBER])).toEqual([SECRET, NUMBER]);
    const csv = Buffer.from((await read('tracking.export', { format: 'csv' })).base64, 'base64').toString('utf8');
    expect(csv).toContain(SECRET);
    expect(found(await read('callbacks.queue', { scope: 'all' }), [SUBJECT, NUMBER])).toEqual([SUBJECT, NUMBER]);
    expect(found(await read('calls.list', { from: dayStart }), [SECRET])).toEqual([SECRET]);
  });

  it('the callback officer once the callback is assigned to them: the callback in full, not the call', async () => {
    await as('lead');
    const officer = (await read('users.directory', {})).find((u) => u.role === 'callback_officer')!;
    await c.ok('callbacks.assign', { id: callback.id, assigneeId: officer.id });
    await as('officer');
    const cb = await read('callbacks.get', { id: callback.id });
    expect(cb.callback).toMatchObject({ phone: NUMBER, subject: SUBJECT });
    expect(cb.call?.content).toBe('');
    await as('lead');
    await c.ok('callbacks.assign', { id: callback.id, assigneeId: null });
  });
});

describe('masking of numbers and addresses by role (a setting), and the audited reveal', () => {
  it('the administrator sees numbers and addresses masked by default, and reveals one with an audit row', async () => {
    await as('admin');
    const got = await read('calls.get', { id: call.id });
    expect(got.record).toMatchObject({ content: `客户反映${SECRET}`, phone: '139****0000', phoneNormalized: '139****0000' });
    expect(got.record.address).not.toContain(STREET);
    expect(got.masked).toEqual(['phone', 'address']);
    expect(found(got.history, [NUMBER, STREET])).toEqual([]);
    expect((await read('complaints.list', {})).rows[0]!.phone).toBe('139****0000');
    expect((await read('tracking.query', {})).rows[0]!.phone).toBe('139****0000');
    expect(Buffer.from((await read('tracking.export', { format: 'csv' })).base64, 'base64').toString('utf8')).not.toContain(NUMBER);
    expect((await read('callbacks.queue', { scope: 'all' })).rows[0]!.phone).toBe('139****0000');
    const customer = (await read('customers.lookup', { phone: NUMBER })).matches;
    expect(found(customer, [NUMBER])).toEqual([]);

    const db = c.core.context.db;
    const reveals = () => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'reveal'").get() as { n: number }).n;
    const before = reveals();
    expect(await read('records.reveal', { entity: 'call', id: call.id, field: 'phone' })).toEqual({ field: 'phone', value: NUMBER, values: [NUMBER] });
    expect((await read('records.reveal', { entity: 'complaint', id: complaint.id, field: 'address' })).value).toContain(STREET);
    expect((await read('records.reveal', { entity: 'callback', id: callback.id, field: 'phone' })).value).toBe(NUMBER);
    expect(reveals()).toBe(before + 3);
    expect(await c.raw('records.reveal', { entity: 'callback', id: callback.id, field: 'address' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await c.raw('records.reveal', { entity: 'customer', id: call.id, field: 'phone' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a saved form that sends the masked values back does not overwrite the number', async () => {
    await as('admin');
    const k = (await read('complaints.get', { id: complaint.id })).complaint;
    await c.ok('complaints.edit', { id: complaint.id, fields: { phone: k.phone, address: k.address, reportNo: 'ZJ-1' } });
    await as('lead');
    expect((await read('complaints.get', { id: complaint.id })).complaint).toMatchObject({ phone: NUMBER, reportNo: 'ZJ-1' });
    expect((await read('complaints.get', { id: complaint.id })).complaint.address).toContain(STREET);
  });

  it('the administrator configures who sees numbers in full; an agent sees the caller’s number by default', async () => {
    await as('agent1');
    expect((await read('calls.get', { id: call.id })).masked).toEqual([]);
    await as('admin');
    await c.ok('settings.update', { masking: { phone: ['agent', 'callback_officer', 'team_lead', 'admin'], address: [] } });
    const got = await read('calls.get', { id: call.id });
    expect(got.record.phone).toBe(NUMBER);
    expect(got.masked).toEqual(['address']);
    await as('lead');
    expect((await read('calls.get', { id: call.id })).record.address).not.toContain(STREET);
    await as('admin');
    await c.ok('settings.update', { masking: { phone: ['agent', 'callback_officer', 'team_lead'], address: ['agent', 'callback_officer', 'team_lead'] } });
  });

  it('records.reveal refuses a caller without a session', async () => {
    await c.ok('auth.logout', {});
    expect(await c.raw('records.reveal', { entity: 'call', id: call.id, field: 'phone' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
