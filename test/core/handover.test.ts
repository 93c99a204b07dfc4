import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../shared/api/contract';
import type { HandoverItem } from '../../shared/api/handoverTypes';
import { PASSWORD, rowCounts, seededConsole, type TestConsole } from '../helpers/core';

/**
 * Shift handover (交接班) through the real core: what the draft lists for an agent, an officer and a lead
 * (a confidential record summarised by its number alone), items rebuilt from the records on create, notes
 * until the acknowledgement and not after, the author never acknowledging, and the audit rows of its reads.
 * The clock: Sunday 2026-11-22 10:00 Beijing, in the day shift (08:30–17:30).
 */

const SECRET = '董事长家属的检测结果';
let c: TestConsole;
const u: Record<string, string> = {};
const rec: Record<string, string> = {};

const draft = async (user: string) => {
  await c.login(user, PASSWORD);
  return c.ok('handover.draft', {});
};
const byRecord = (items: HandoverItem[]) => new Map(items.map((i) => [i.recordId, i]));
const iso = (s: string) => new Date(s).toISOString();

beforeAll(async () => {
  c = await seededConsole();
  for (const x of await c.ok('users.list', {})) u[x.username] = x.id;
  await c.login('agent1', PASSWORD);
  // A call awaiting the reply agent1 promised, and one answered on the spot (closed: not handed over).
  const call = await c.ok('calls.answer', { phone: '13912345678' });
  await c.ok('calls.save', {
    id: call.id,
    fields: { callerName: '孙先生', organisation: '宏达纺织', category: 'consultation', content: '咨询检测周期', answeredOnSpot: false, promisedReplyBy: '2026-11-22T08:00:00.000Z' },
    end: true,
  });
  rec.call = call.id;
  const done = await c.ok('calls.answer', { phone: '13912345679' });
  await c.ok('calls.save', { id: done.id, fields: { callerName: '钱女士', category: 'query', content: '查询进度', answeredOnSpot: true }, end: true });
  rec.doneCall = done.id;
  // agent2's confidential call awaiting a reply: somebody else's, and secret.
  await c.login('agent2', PASSWORD);
  const secret = await c.ok('calls.answer', { phone: '13700001111' });
  await c.ok('calls.save', {
    id: secret.id,
    fields: { callerName: '周女士', category: 'query', content: SECRET, confidential: true, answeredOnSpot: false, promisedReplyBy: '2026-11-23T02:00:00.000Z' },
    end: true,
  });
  rec.secret = secret.id;
  // A complaint agent1 registered, not yet taken (an escalation), and one the lead gave agent1 to handle.
  await c.login('agent1', PASSWORD);
  const untaken = await c.ok('complaints.register', { channel: 'phone', complainant: '吴先生', phone: '13800138000', problem: '报告延误', type: 'timeliness', severity: 'general' });
  await c.ok('complaints.transition', { id: untaken.id, step: { action: 'escalate', to: '张组长', note: '' } });
  rec.escalation = untaken.id;
  const handled = await c.ok('complaints.register', { channel: 'phone', complainant: '郑女士', phone: '13800138001', problem: '对结果有疑问', type: 'result_doubt', severity: 'general' });
  await c.ok('complaints.edit', { id: handled.id, fields: { agreedReplyBy: '2026-11-24T02:00:00.000Z' } });
  await c.login('lead', PASSWORD);
  await c.ok('complaints.transition', { id: handled.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: u.agent1!, handlerName: '李晓梅' } });
  rec.complaint = handled.id;
  // Callbacks: agent1's promised one due tomorrow (Monday) before the next shift ends, one due next week, and the officer's.
  const mk = async (dueAt: string, assigneeId: string, subject: string) =>
    (await c.ok('callbacks.create', { kind: 'promised', dueAt, phone: '13912345678', name: '孙先生', subject, callId: null, assigneeId })).id;
  rec.callback = await mk('2026-11-23T06:00:00.000Z', u.agent1!, '回电告知周期');
  rec.laterCallback = await mk('2026-11-30T06:00:00.000Z', u.agent1!, '下周回电');
  rec.officerCallback = await mk('2026-11-23T03:00:00.000Z', u.officer!, '满意度回访');
}, 60_000);
afterAll(() => c.close());

describe('the draft: what the shift leaves open', () => {
  it('for an agent: their own call awaiting reply, complaint in handling, escalation and callback due by the end of the next shift', async () => {
    const d = await draft('agent1');
    expect(d).toMatchObject({ day: '2026-11-22', shift: { id: 'day' }, scope: 'mine', truncated: false });
    // Sunday is not a working day: the next shift is Monday's day shift, ending 17:30 Beijing.
    expect(d.nextShift.id).toBe('day');
    expect(d.nextShiftEndsAt).toBe(iso('2026-11-23T09:30:00.000Z'));
    expect(d.items.map((i) => [i.kind, i.recordId])).toEqual([
      ['call', rec.call],
      ['complaint', rec.complaint],
      ['callback', rec.callback],
      ['escalation', rec.escalation],
    ]);
    const items = byRecord(d.items);
    expect(items.get(rec.call!)).toMatchObject({ summary: '孙先生 · 宏达纺织 · 咨询检测周期', dueAt: '2026-11-22T08:00:00.000Z', note: '' });
    expect(items.get(rec.complaint!)).toMatchObject({ summary: '郑女士 · 对结果有疑问', dueAt: '2026-11-24T02:00:00.000Z' });
    expect(items.get(rec.complaint!)!.recordNo).toBe((await c.ok('complaints.get', { id: rec.complaint! })).complaint.complaintNo);
    expect(items.get(rec.escalation!)!.summary).toBe('吴先生 · 报告延误 · → 张组长');
    expect(items.get(rec.callback!)).toMatchObject({ summary: '孙先生 · 回电告知周期', dueAt: '2026-11-23T06:00:00.000Z' });
    expect(d.items.some((i) => i.recordId === rec.secret || i.recordId === rec.doneCall || i.recordId === rec.laterCallback)).toBe(false);
  });

  it('for a callback officer: their callbacks; for the lead: the team’s, somebody else’s confidential call by its number only', async () => {
    const officer = await draft('officer');
    expect(officer.scope).toBe('mine');
    expect(officer.items.map((i) => i.recordId)).toEqual([rec.officerCallback]);

    const lead = await draft('lead');
    expect(lead.scope).toBe('team');
    const items = byRecord(lead.items);
    for (const id of [rec.call, rec.secret, rec.complaint, rec.escalation, rec.callback, rec.officerCallback]) expect(items.has(id!), id).toBe(true);
    expect(items.has(rec.laterCallback!)).toBe(false);
    const secret = items.get(rec.secret!)!;
    const number = (await c.ok('calls.get', { id: rec.secret! })).record.recordNo;
    expect(secret).toMatchObject({ kind: 'call', recordNo: number, summary: '', dueAt: '2026-11-23T02:00:00.000Z' });
    expect(JSON.stringify(lead)).not.toContain(SECRET);
    expect(JSON.stringify(lead)).not.toContain('周女士');
  });

  it('a draft writes nothing but its audit row, which names the records and their customers’ reads', async () => {
    await c.login('agent1', PASSWORD);
    const before = rowCounts(c.core);
    const d = await c.ok('handover.draft', {});
    const after = rowCounts(c.core);
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    const row = c.core.context.db.prepare("SELECT * FROM audit_log WHERE entity = 'handover' ORDER BY seq DESC LIMIT 1").get() as Record<string, string>;
    expect(row).toMatchObject({ action: 'list', detail: 'draft', actor_id: u.agent1 });
    for (const i of d.items) expect(row.record_ids).toContain(i.recordId);
  });
});

describe('create, notes, acknowledge', () => {
  let id: string;

  it('the core rebuilds every item from its record: the client sends kinds, ids and notes only', async () => {
    await c.login('agent1', PASSWORD);
    const d = await c.ok('handover.draft', {});
    const h = await c.ok('handover.create', {
      items: d.items.map((i) => ({ kind: i.kind, recordId: i.recordId, note: i.kind === 'call' ? '已联系技术部，明早答复' : '' })),
      note: '今日来电平稳',
    });
    id = h.id;
    expect(h).toMatchObject({ day: '2026-11-22', shiftId: 'day', shiftName: '白班', status: 'open', createdBy: '李晓梅', createdById: u.agent1, note: '今日来电平稳', acknowledgedAt: null });
    expect(h.items).toEqual(d.items.map((i) => ({ ...i, note: i.kind === 'call' ? '已联系技术部，明早答复' : '' })));
    // A made-up summary is not a parameter at all.
    const forged = await c.raw('handover.create', { items: [{ kind: 'call', recordId: rec.call, note: '', summary: '伪造' }], note: '' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    // A confidential record named by anybody is kept by its number alone.
    await c.login('lead', PASSWORD);
    const byLead = await c.ok('handover.create', { items: [{ kind: 'call', recordId: rec.secret!, note: '客户保密，请本人处理' }], note: '' });
    expect(byLead.items[0]).toMatchObject({ summary: '', note: '客户保密，请本人处理' });
  });

  it('records that do not exist or are named twice are refused beside their item, all at once, and nothing is written', async () => {
    await c.login('agent1', PASSWORD);
    const before = rowCounts(c.core);
    const missing = '01a20584-06f7-7129-91b2-27fa7cfc5475';
    const env = await c.raw('handover.create', {
      items: [
        { kind: 'call', recordId: rec.call, note: '' },
        { kind: 'callback', recordId: rec.call, note: '' },
        { kind: 'complaint', recordId: missing, note: '' },
      ],
      note: '',
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const fields = (env as { error: { fields: { field: string; code: string }[] } }).error.fields;
    expect(fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'items.1.recordId', code: 'duplicate' }), expect.objectContaining({ field: 'items.2.recordId', code: 'invalid_value' })]),
    );
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('the author writes notes until the next shift acknowledges; nobody else does', async () => {
    await c.login('agent1', PASSWORD);
    const noted = await c.ok('handover.note', { id, note: '今日来电平稳；系统下午有短暂卡顿', itemNotes: [{ recordId: rec.complaint!, note: '技术部周一上午给结论' }] });
    expect(noted.note).toBe('今日来电平稳；系统下午有短暂卡顿');
    expect(noted.items.find((i) => i.recordId === rec.complaint)!.note).toBe('技术部周一上午给结论');
    expect(noted.items.find((i) => i.recordId === rec.call)!.note).toBe('已联系技术部，明早答复');
    const stranger = await c.raw('handover.note', { id, note: 'x', itemNotes: [{ recordId: rec.secret!, note: 'x' }] });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: `itemNotes.${rec.secret}` }] } });
    await c.login('agent2', PASSWORD);
    expect(await c.raw('handover.note', { id, note: '改写', itemNotes: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const detail = await c.ok('handover.get', { id });
    expect(detail).toMatchObject({ mayNote: false, mayAcknowledge: true });
  });

  it('the author cannot acknowledge their own handover; the next shift’s lead does, who and when', async () => {
    await c.login('agent1', PASSWORD);
    expect(await c.ok('handover.get', { id })).toMatchObject({ mayNote: true, mayAcknowledge: false });
    expect(await c.raw('handover.acknowledge', { id, note: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    c.clock.advance(8 * 3600_000);
    await c.login('lead', PASSWORD);
    const ack = await c.ok('handover.acknowledge', { id, note: '已接班，周一跟进投诉' });
    expect(ack).toMatchObject({ status: 'acknowledged', acknowledgedBy: '张组长', acknowledgedById: u.lead, acknowledgedAt: new Date(c.clock.t).toISOString(), ackNote: '已接班，周一跟进投诉' });
    expect(await c.raw('handover.acknowledge', { id, note: '' })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('after the acknowledgement the notes are final, and the detail offers neither notes nor acknowledgement', async () => {
    await c.login('agent1', PASSWORD);
    expect(await c.raw('handover.note', { id, note: '补一句', itemNotes: [] })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await c.ok('handover.get', { id })).toMatchObject({ mayNote: false, mayAcknowledge: false, handover: { note: '今日来电平稳；系统下午有短暂卡顿' } });
  });

  it('the list: open ones first, with counts per kind; filtered by status; a history entry per change', async () => {
    await c.login('agent2', PASSWORD);
    const all = await c.ok('handover.list', {});
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.status)).toEqual(['open', 'acknowledged']);
    expect(all.rows[1]).toMatchObject({ id, createdBy: '李晓梅', acknowledgedBy: '张组长', counts: { call: 1, complaint: 1, callback: 1, escalation: 1 } });
    expect((await c.ok('handover.list', { status: 'acknowledged' })).rows.map((r) => r.id)).toEqual([id]);
    const history = c.core.context.db.prepare("SELECT action FROM history WHERE entity = 'handover' AND entity_id = ? ORDER BY at, rowid").pluck().all(id);
    expect(history).toEqual(['handover.create', 'handover.note', 'handover.acknowledge']);
    const outbox = c.core.context.db.prepare("SELECT name FROM outbox WHERE entity = 'handover' AND entity_id = ?").pluck().all(id);
    expect(outbox).toEqual(['handover.create', 'handover.note', 'handover.acknowledge']);
  });

  it('the board counts the unacknowledged ones, as the list behind it shows them; an administrator, who takes over no shift, sees none', async () => {
    await c.login('lead', PASSWORD);
    const open = await c.ok('handover.list', { status: 'open' });
    expect((await c.ok('board.summary', {})).handoversOpen).toBe(open.total);
    expect(open.total).toBe(1);
    await c.login('admin', PASSWORD);
    expect((await c.ok('board.summary', {})).handoversOpen).toBeNull();
  });

  it('handover.get and handover.list write audit rows naming the handover and the records it summarises', async () => {
    await c.login('agent2', PASSWORD);
    const rows = () => c.core.context.db.prepare("SELECT action, record_ids, actor_id FROM audit_log WHERE entity = 'handover' ORDER BY seq").all() as Record<string, string>[];
    const before = rows().length;
    await c.ok('handover.get', { id });
    await c.ok('handover.list', { status: 'acknowledged' });
    const added = rows().slice(before);
    expect(added.map((r) => r.action)).toEqual(['view', 'list']);
    expect(added.every((r) => r.actor_id === u.agent2)).toBe(true);
    for (const rid of [id, rec.call, rec.complaint, rec.escalation, rec.callback]) expect(added[0]!.record_ids).toContain(rid);
    expect(added[1]!.record_ids).toContain(id);
  });

  it('an unknown handover is not_found', async () => {
    await c.login('lead', PASSWORD);
    const missing = '01a20584-06f7-7129-91b2-27fa7cfc5475';
    expect(await c.raw('handover.get', { id: missing })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await c.raw('handover.acknowledge', { id: missing, note: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('roles', () => {
  const ID = '01a20584-06f7-7129-91b2-27fa7cfc5475';
  const PARAMS: Partial<Record<MethodName, Record<string, unknown>>> = {
    'handover.draft': {},
    'handover.create': { items: [], note: '' },
    'handover.note': { id: ID, note: '', itemNotes: [] },
    'handover.acknowledge': { id: ID, note: '' },
    'handover.list': {},
    'handover.get': { id: ID },
  };

  it('agents, callback officers and team leads hand over; administrators and quality inspectors are refused, and nothing is written', async () => {
    for (const m of Object.keys(PARAMS) as MethodName[]) expect(api[m].roles, m).toEqual(['agent', 'callback_officer', 'team_lead']);
    await c.login('admin', PASSWORD);
    await c.ok('users.create', { username: 'inspector', displayName: '周质检', role: 'quality_inspector', password: PASSWORD });
    for (const user of ['admin', 'inspector']) {
      await c.login(user, PASSWORD);
      for (const [m, p] of Object.entries(PARAMS)) {
        const before = rowCounts(c.core);
        expect(await c.raw(m, p), `${m} as ${user}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(rowCounts(c.core), `${m} as ${user}`).toEqual(before);
      }
    }
    c.token = null;
    for (const [m, p] of Object.entries(PARAMS)) expect(await c.raw(m, p), m).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
