import { describe, expect, it } from 'vitest';
import { NO_OVERRIDES } from '../../shared/domain/calendar';
import { type Callback, type CallbackOutcome, completeCallback, createCallback, DEFAULT_CALLBACK_RULES } from '../../shared/domain/callback';
import {
  callbacksAfterCallback,
  callbacksForCall,
  callbacksForComplaint,
  callbacksForCustomer,
  type TriggerEnv,
  triggerId,
} from '../../shared/domain/callbackTriggers';
import { type CallRecord, type CallUpdateArgs, createCallRecord, updateCallRecord, voidCallRecord } from '../../shared/domain/callRecord';
import type { Complaint, ComplaintAction } from '../../shared/domain/complaint';
import { registerComplaint, transitionComplaint } from '../../shared/domain/complaintWorkflow';
import { type Customer, createCustomer, updateCustomer } from '../../shared/domain/customer';
import { DEFAULT_DEADLINE_RULES } from '../../shared/domain/deadlines';
import type { Actor, MutationResult } from '../../shared/domain/mutation';

const agent: Actor = { userId: '00000000-0000-7000-8000-0000000000a1', role: 'agent', displayName: '李晓梅' };
const lead: Actor = { userId: '00000000-0000-7000-8000-0000000000b1', role: 'team_lead', displayName: '张组长' };
const officer: Actor = { userId: '00000000-0000-7000-8000-0000000000c1', role: 'callback_officer', displayName: '陈回访' };
const env: TriggerEnv = { callbacks: DEFAULT_CALLBACK_RULES, calendar: { rules: DEFAULT_DEADLINE_RULES, overrides: NO_OVERRIDES } };
const complaintEnv = { calendar: env.calendar, areaCode: '0571' };
const rules = { answerWithinSeconds: 15, areaCode: '0571' };
const T0 = '2026-11-22T02:00:00.000Z';
const endOf = (day: string) => new Date(Date.parse(`${day}T23:59:59.999Z`) - 8 * 3600_000).toISOString();

const ok = <T>(r: MutationResult<T>): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.next;
};

function call(): CallRecord {
  return ok(
    createCallRecord(
      {
        id: '01a20584-06f7-7129-91b2-27fa7cfc5475',
        recordNo: 'LD-20261122-A07-0001',
        workstation: 'A07',
        phone: '13800138000',
        rangAt: T0,
        answeredAt: T0,
        customerId: null,
        callerName: '周丽',
        organisation: '宏达纺织',
        address: '',
      },
      agent,
      rules,
    ),
  );
}
const save = (prev: CallRecord, fields: CallUpdateArgs['fields'], at: string, end = false) =>
  ok(updateCallRecord(prev, { id: prev.id, fields, end, at }, agent, rules));

/** A consultation promised a reply, then replied to a day later. */
function awaitingReply(): CallRecord {
  return save(call(), { category: 'consultation', content: '咨询检测周期', answeredOnSpot: false, promisedReplyBy: '2026-11-23T02:00:00.000Z' }, '2026-11-22T02:05:00.000Z', true);
}

describe('call saves', () => {
  it('a reply delivered after the call calls for a satisfaction callback within 3 days of the reply', () => {
    const before = awaitingReply();
    expect(callbacksForCall(call(), before, env)).toEqual([]);
    const replied = save(before, { repliedAt: '2026-11-23T01:00:00.000Z', replyContent: '检测周期 5 个工作日' }, '2026-11-23T01:00:00.000Z');
    expect(replied.status).toBe('replied');
    const drafts = callbacksForCall(before, replied, env);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      id: triggerId(`satisfaction:call:${replied.id}`),
      kind: 'satisfaction',
      dueAt: endOf('2026-11-26'),
      phone: '13800138000',
      name: '周丽',
      callId: replied.id,
      source: 'call',
    });
    // Saving the replied record again (a typo fixed) proposes nothing new.
    const again = save(replied, { content: '咨询检测周期(加急)' }, '2026-11-23T02:00:00.000Z');
    expect(callbacksForCall(replied, again, env)).toEqual([]);
  });

  it('a call classified as a suggestion calls for evaluating it and telling the customer within 7 working days', () => {
    const c = call();
    const s = save(c, { category: 'suggestion', content: '建议开通微信查询' }, '2026-11-22T02:05:00.000Z');
    expect(callbacksForCall(c, s, env)).toEqual([
      expect.objectContaining({ id: triggerId(`suggestion:call:${c.id}`), kind: 'suggestion', dueAt: endOf('2026-12-01') }),
    ]);
    expect(callbacksForCall(s, save(s, { content: '建议开通微信查询报告' }, '2026-11-22T02:06:00.000Z'), env)).toEqual([]);
  });

  it('nothing for an ordinary edit, a call closed on the spot, a voided call, or a call without a number', () => {
    const c = call();
    expect(callbacksForCall(c, save(c, { content: '咨询' }, '2026-11-22T02:01:00.000Z'), env)).toEqual([]);
    const onSpot = save(c, { category: 'query', content: '查询进度', answeredOnSpot: true }, '2026-11-22T02:05:00.000Z', true);
    expect(onSpot.status).toBe('closed');
    expect(callbacksForCall(c, onSpot, env)).toEqual([]);
    const voided = ok(voidCallRecord(c, { id: c.id, reason: '误操作', at: '2026-11-22T02:02:00.000Z' }, agent));
    expect(callbacksForCall(c, { ...voided, category: 'suggestion' }, env)).toEqual([]);
    expect(callbacksForCall(c, { ...c, phone: '', category: 'suggestion' }, env)).toEqual([]);
  });
});

describe('complaint transitions', () => {
  const step = (c: Complaint, s: ComplaintAction, at: string, actor: Actor = lead) => ok(transitionComplaint(c, { id: c.id, step: s, at }, actor, complaintEnv));
  const registered = () =>
    ok(
      registerComplaint(
        {
          id: '00000000-0000-7000-8000-00000000c0de',
          complaintNo: 'TS-2026-A07-0001',
          workstation: 'A07',
          channel: 'phone',
          complainant: '周丽',
          phone: '13800138000',
          problem: '对色牢度检测结果有疑问',
          severity: 'general',
          type: 'result_doubt',
          callId: null,
          repeatIndex: 1,
          receivedAt: T0,
          at: T0,
        },
        agent,
        complaintEnv,
      ),
    );
  const handled = (c: Complaint, at: string) => step(c, { action: 'recordResult', investigation: '复核', result: '结果无误', replyToCustomer: '已解释' }, at);

  it('handled calls for a complaint callback within 7 days; each round gets its own', () => {
    const inHandling = step(registered(), { action: 'assign', departments: ['质量技术部'], handlerId: lead.userId, handlerName: '张组长' }, T0);
    expect(callbacksForComplaint(registered(), inHandling, env)).toEqual([]);
    const r1 = handled(inHandling, '2026-11-23T02:00:00.000Z');
    const [first] = callbacksForComplaint(inHandling, r1, env);
    expect(first).toMatchObject({ id: triggerId(`complaint:${r1.id}:1`), kind: 'complaint', complaintId: r1.id, complaintRound: 1, dueAt: endOf('2026-11-30') });
    expect(first!.dueAt).toBe(r1.callbackDueAt);
    // A sign-off while handled is not a new handling.
    const signed = step(r1, { action: 'signoff', kind: 'cs_head', opinion: '同意' }, '2026-11-23T03:00:00.000Z');
    expect(callbacksForComplaint(r1, signed, env)).toEqual([]);
    const unsatisfied = step(signed, { action: 'recordCallback', result: 'unsatisfied', note: '仍有疑问' }, '2026-11-24T02:00:00.000Z', officer);
    expect(unsatisfied).toMatchObject({ status: 'in_handling', round: 2 });
    expect(callbacksForComplaint(signed, unsatisfied, env)).toEqual([]);
    const r2 = handled(unsatisfied, '2026-11-26T02:00:00.000Z');
    expect(callbacksForComplaint(unsatisfied, r2, env)).toEqual([
      expect.objectContaining({ id: triggerId(`complaint:${r1.id}:2`), complaintRound: 2, dueAt: endOf('2026-12-03') }),
    ]);
  });
});

describe('customers', () => {
  const base = () =>
    ok(
      createCustomer(
        { id: '00000000-0000-7000-8000-0000000000e1', name: '周丽', organisation: '宏达纺织', address: '', phones: ['0571-88881234'], serviceRequirements: '', notes: '', at: T0 },
        agent,
        '0571',
      ),
    );
  const update = (c: Customer, fields: Partial<Customer> & { phones?: string[] }, at = '2026-11-23T02:00:00.000Z') =>
    ok(updateCustomer(c, { id: c.id, fields: fields as never, at }, agent, '0571'));

  it('marked as a key account: the first periodic callback, two months on', () => {
    const c = base();
    const marked = update(c, { keyAccount: true });
    expect(callbacksForCustomer(c, marked, env, '2026-11-23T02:00:00.000Z')).toEqual([
      expect.objectContaining({ kind: 'key_account', customerId: c.id, phone: '0571-88881234', dueAt: '2027-01-23T02:00:00.000Z', source: 'customer' }),
    ]);
    // Created as a key account: the same.
    expect(callbacksForCustomer(null, marked, env, T0)).toHaveLength(1);
  });

  it('nothing for other edits, for an account that stays key, or for an ordinary customer', () => {
    const c = base();
    const marked = update(c, { keyAccount: true });
    expect(callbacksForCustomer(marked, update(marked, { notes: '每月对账' }), env, T0)).toEqual([]);
    expect(callbacksForCustomer(c, update(c, { notes: '每月对账' }), env, T0)).toEqual([]);
    expect(callbacksForCustomer(null, c, env, T0)).toEqual([]);
  });

  it('the same marking on the same day gives the same id on every workstation', () => {
    const c = base();
    const m = update(c, { keyAccount: true });
    const a = callbacksForCustomer(c, m, env, '2026-11-23T02:00:00.000Z')[0]!.id;
    const b = callbacksForCustomer(c, m, env, '2026-11-23T09:00:00.000Z')[0]!.id;
    expect(a).toBe(b);
  });
});

describe('callback completion', () => {
  const customer: Customer = {
    id: '00000000-0000-7000-8000-0000000000e1',
    name: '周丽',
    organisation: '宏达纺织',
    address: '',
    phones: [{ raw: '0571-88881234', normalized: '057188881234', local: '88881234' }],
    serviceRequirements: '',
    notes: '',
    keyAccount: true,
    createdAt: T0,
    updatedAt: T0,
    createdBy: agent.userId,
    version: 1,
  };
  const outcome = (over: Partial<CallbackOutcome> = {}): CallbackOutcome => ({
    satisfaction: 'satisfied', score: 5, accuracy: null, timeliness: null, attitude: null, unsatisfactory: '', remainingProblems: '',
    suggestions: '', evaluation: '', note: '', scriptVersionId: null, ...over,
  });
  const cb = (kind: Callback['kind']): Callback =>
    ok(
      createCallback(
        null,
        {
          id: '00000000-0000-7000-8000-0000000000f1', kind, dueAt: '2027-01-23T02:00:00.000Z', customerId: customer.id, name: '周丽', organisation: '宏达纺织',
          phone: '0571-88881234', subject: '', source: 'customer', sourceId: customer.id, callId: null, complaintId: null, complaintRound: null,
          assigneeId: null, assigneeName: '', importBatch: null, at: T0,
        },
        officer,
        '0571',
      ),
    );
  const done = (c: Callback, o = outcome()) => ok(completeCallback(c, { id: c.id, outcome: o, at: '2027-01-20T02:00:00.000Z' }, officer));

  it('a key-account callback done: the next one two months after it was done', () => {
    const c = cb('key_account');
    const d = done(c);
    expect(callbacksAfterCallback(c, d, env, customer)).toEqual([
      expect.objectContaining({ id: triggerId(`key_account:after:${c.id}`), kind: 'key_account', dueAt: '2027-03-20T02:00:00.000Z' }),
    ]);
    expect(callbacksAfterCallback(c, d, env, { ...customer, keyAccount: false })).toEqual([]);
    expect(callbacksAfterCallback(d, d, env, customer)).toEqual([]);
  });

  it('suggestions the customer made: evaluated and told within 7 working days; not for a suggestion callback itself', () => {
    const c = cb('satisfaction');
    const d = done(c, outcome({ suggestions: '希望开通网上预约送样' }));
    expect(callbacksAfterCallback(c, d, env, null)).toEqual([
      expect.objectContaining({ kind: 'suggestion', source: 'callback', sourceId: c.id, subject: '回访建议:希望开通网上预约送样' }),
    ]);
    const s = cb('suggestion');
    expect(callbacksAfterCallback(s, done(s, outcome({ satisfaction: null, evaluation: '已采纳', suggestions: '再提一条' })), env, null)).toEqual([]);
  });

  it('nothing while the callback is still open', () => {
    const c = cb('key_account');
    expect(callbacksAfterCallback(null, c, env, customer)).toEqual([]);
  });
});
