import { describe, expect, it } from 'vitest';
import {
  type CallCreateArgs,
  type CallRecord,
  completenessIssues,
  createCallRecord,
  updateCallRecord,
  voidCallRecord,
} from '../../shared/domain/callRecord';
import type { Actor } from '../../shared/domain/mutation';

const agent: Actor = { userId: 'u-agent', role: 'agent', displayName: '李晓梅' };
const other: Actor = { userId: 'u-other', role: 'agent', displayName: '赵建国' };
const lead: Actor = { userId: 'u-lead', role: 'team_lead', displayName: '张组长' };
const rules = { answerWithinSeconds: 15, areaCode: '0571' };

const args: CallCreateArgs = {
  id: '01a20584-06f7-7129-91b2-27fa7cfc5475',
  recordNo: 'LD-20261122-A07-0001',
  workstation: 'A07',
  phone: '88881234',
  rangAt: '2026-11-22T02:00:00.000Z',
  answeredAt: '2026-11-22T02:00:10.000Z',
  customerId: null,
  callerName: '',
  organisation: '',
  address: '',
};

function created(over: Partial<CallCreateArgs> = {}): CallRecord {
  const r = createCallRecord({ ...args, ...over }, agent, rules);
  if (!r.ok) throw new Error(r.reason);
  return r.next;
}

const at = '2026-11-22T02:05:00.000Z';

describe('call record rules', () => {
  it('counts an answer after the configured seconds as late', () => {
    expect(created().answeredLate).toBe(false);
    expect(created({ answeredAt: '2026-11-22T02:00:16.000Z' }).answeredLate).toBe(true);
  });

  it('lets only a supervisor record a call for another agent (standalone records pushed after joining)', () => {
    const forOther = { ...args, agent: { id: other.userId, name: other.displayName } };
    expect(createCallRecord(forOther, agent, rules)).toMatchObject({ ok: false, code: 'forbidden' });
    const byLead = createCallRecord(forOther, lead, rules);
    expect(byLead.ok && byLead.next).toMatchObject({ agentId: other.userId, agentName: '赵建国' });
  });

  it('completes a local number with the centre area code', () => {
    expect(created().phoneNormalized).toBe('057188881234');
  });

  it('refuses to end a call whose sheet lacks category and content, naming the fields', () => {
    const r = updateCallRecord(created(), { id: args.id, fields: {}, end: true, at }, agent, rules);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields?.map((f) => f.field).sort()).toEqual(['category', 'content']);
  });

  it('ends a complete call as closed, with its duration from the ring', () => {
    const r = updateCallRecord(created(), { id: args.id, fields: { category: 'consultation', content: '咨询检测周期' }, end: true, at }, agent, rules);
    expect(r.ok && r.next).toMatchObject({ status: 'closed', endedAt: at, durationSec: 300, version: 2 });
  });

  it('tracks a difficult consultation: awaiting reply until the reply is recorded', () => {
    const fields = { category: 'consultation' as const, content: '标准适用问题', answeredOnSpot: false };
    const missing = updateCallRecord(created(), { id: args.id, fields, end: true, at }, agent, rules);
    expect(!missing.ok && missing.fields?.[0]?.field).toBe('promisedReplyBy');
    const r1 = updateCallRecord(created(), { id: args.id, fields: { ...fields, promisedReplyBy: '2026-11-23T02:00:00.000Z' }, end: true, at }, agent, rules);
    if (!r1.ok) throw new Error(r1.reason);
    expect(r1.next.status).toBe('awaiting_reply');
    const r2 = updateCallRecord(
      r1.next,
      { id: args.id, fields: { replyContent: '已答复', repliedAt: '2026-11-22T08:00:00.000Z', repliedBy: '质量技术部' }, at },
      agent,
      rules,
    );
    expect(r2.ok && r2.next.status).toBe('replied');
  });

  it('lets only the receiving agent or a lead edit, and never a voided record', () => {
    const rec = created();
    expect(updateCallRecord(rec, { id: args.id, fields: { content: 'x' }, at }, other, rules)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(updateCallRecord(rec, { id: args.id, fields: { content: 'x' }, at }, lead, rules).ok).toBe(true);
    const v = voidCallRecord(rec, { id: args.id, reason: '重复登记', at }, agent);
    if (!v.ok) throw new Error(v.reason);
    expect(v.next).toMatchObject({ voided: true, voidReason: '重复登记', voidedBy: agent.userId });
    expect(updateCallRecord(v.next, { id: args.id, fields: { content: 'x' }, at }, lead, rules)).toMatchObject({ ok: false, code: 'refused' });
    expect(voidCallRecord(v.next, { id: args.id, reason: '再次', at }, lead)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('records in its changes exactly the fields that differ', () => {
    const r = updateCallRecord(created(), { id: args.id, fields: { callerName: '周先生', content: '' }, at }, agent, rules);
    expect(r.ok && r.changes).toEqual([{ field: 'callerName', before: '', after: '周先生' }]);
  });

  it('an unchanged save is a no-op that keeps the version', () => {
    const rec = created();
    const r = updateCallRecord(rec, { id: args.id, fields: { callerName: '' }, at }, agent, rules);
    expect(r.ok && r.changes.length === 0 && r.next.version).toBe(1);
  });

  it('requires the chosen solution to be one of those offered', () => {
    const rec = { ...created(), category: 'query' as const, content: 'x', solutions: ['重新检测'], chosenSolution: 1 };
    expect(completenessIssues(rec).map((i) => i.field)).toEqual(['chosenSolution']);
  });
});
