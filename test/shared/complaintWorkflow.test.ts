import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_OVERRIDES } from '../../shared/domain/calendar';
import type { Complaint, ComplaintAction, ComplaintRegisterArgs } from '../../shared/domain/complaint';
import { availableActions, type ComplaintEnv, editComplaint, graveIssues, registerComplaint, transitionComplaint } from '../../shared/domain/complaintWorkflow';
import { DEFAULT_DEADLINE_RULES } from '../../shared/domain/deadlines';
import type { Actor } from '../../shared/domain/mutation';

const env: ComplaintEnv = { calendar: { rules: DEFAULT_DEADLINE_RULES, overrides: NO_OVERRIDES }, areaCode: '0571' };
const ACTORS: Actor[] = [
  { userId: '00000000-0000-7000-8000-0000000000a1', role: 'agent', displayName: '李晓梅' },
  { userId: '00000000-0000-7000-8000-0000000000a2', role: 'agent', displayName: '赵建国' },
  { userId: '00000000-0000-7000-8000-0000000000c1', role: 'callback_officer', displayName: '陈回访' },
  { userId: '00000000-0000-7000-8000-0000000000b1', role: 'team_lead', displayName: '张组长' },
  { userId: '00000000-0000-7000-8000-0000000000d1', role: 'admin', displayName: '王管理' },
];

const registerArgs = (severity: Complaint['severity'], grave: boolean): ComplaintRegisterArgs => ({
  id: '00000000-0000-7000-8000-00000000c0de',
  complaintNo: 'TS-2026-A07-0001',
  workstation: 'A07',
  channel: 'phone',
  complainant: '周丽',
  phone: '13800138000',
  problem: '对色牢度检测结果有疑问',
  severity,
  type: 'result_doubt',
  callId: null,
  repeatIndex: 1,
  receivedAt: '2026-11-02T01:00:00.000Z',
  at: '2026-11-02T01:00:00.000Z',
  ...(grave ? { soothed: true, headNotifiedTo: '客服部部长 刘明', headNotifiedAt: '2026-11-02T01:05:00.000Z' } : {}),
});

const step: fc.Arbitrary<ComplaintAction> = fc.oneof(
  fc.record({ action: fc.constant('assign' as const), departments: fc.constant<string[]>(['质量技术部']), handlerId: fc.constantFrom(...ACTORS.map((a) => a.userId)), handlerName: fc.constant('经办人') }),
  fc.record({ action: fc.constant('escalate' as const), to: fc.constant('张组长'), note: fc.constant('') }),
  fc.record({ action: fc.constant('report' as const), note: fc.constant('已电话报告') }),
  fc.record({
    action: fc.constant('changeSeverity' as const),
    severity: fc.constantFrom('general' as const, 'major' as const, 'crisis' as const),
    soothed: fc.option(fc.boolean(), { nil: undefined }),
    headNotifiedTo: fc.option(fc.constantFrom('', '刘部长'), { nil: undefined }),
    headNotifiedAt: fc.option(fc.constant('2026-11-02T02:00:00.000Z'), { nil: undefined }),
  }),
  fc.record({ action: fc.constant('recordResult' as const), investigation: fc.constant('复核样品'), result: fc.constant('结果无误'), replyToCustomer: fc.constant('已解释') }),
  fc.record({ action: fc.constant('callbackNotReached' as const), note: fc.constant('无人接听') }),
  fc.record({ action: fc.constant('recordCallback' as const), result: fc.constantFrom('satisfied' as const, 'fairly_satisfied' as const, 'unsatisfied' as const), note: fc.constant('') }),
  fc.record({ action: fc.constant('signoff' as const), kind: fc.constantFrom('handler' as const, 'department' as const, 'cs_head' as const), opinion: fc.constant('同意') }),
  fc.record({ action: fc.constant('approveClose' as const), opinion: fc.constant('同意办结') }),
  fc.record({ action: fc.constant('void' as const), reason: fc.constant('重复登记') }),
);

const LEAD_ROLES = ['team_lead', 'admin'];

/** The states the rules forbid, checked after every accepted step. */
function invariants(c: Complaint, prev: Complaint): void {
  expect(c.rounds.length).toBe(c.round - 1);
  expect(c.signoffs.slice(0, prev.signoffs.length)).toEqual(prev.signoffs);
  expect(c.rounds.slice(0, prev.rounds.length)).toEqual(prev.rounds);
  if (prev.status === 'closed' || prev.status === 'voided') throw new Error(`a ${prev.status} complaint changed`);
  if (c.status === 'in_handling') expect(c.handlerId !== null && c.departments.length > 0).toBe(true);
  if (c.status === 'handled') expect(c.completedAt && c.result && c.callbackDueAt).toBeTruthy();
  if (c.status !== 'registered' && c.status !== 'voided' && c.severity !== 'general' && c.assignedAt) expect(graveIssues(c)).toEqual([]);
  if (c.status === 'closed') {
    if (c.severity === 'general') expect(['satisfied', 'fairly_satisfied']).toContain(c.callbackResult);
    else {
      expect(c.approvedAt).not.toBeNull();
      const approval = c.signoffs.filter((s) => s.kind === 'approval');
      expect(approval.length).toBe(1);
      expect(LEAD_ROLES).toContain(approval[0]!.role);
    }
  }
  for (const s of c.signoffs) {
    if (s.kind === 'approval' || s.kind === 'department' || s.kind === 'cs_head') expect(LEAD_ROLES).toContain(s.role);
  }
}

describe('complaint state machine (property-based)', () => {
  it('no sequence of actions by any roles reaches a forbidden state, and every refusal names its reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('general' as const, 'major' as const, 'crisis' as const),
        fc.array(fc.tuple(fc.constantFrom(...ACTORS), step), { minLength: 1, maxLength: 40 }),
        (severity, steps) => {
          const reg = registerComplaint(registerArgs(severity, severity !== 'general'), ACTORS[0]!, env);
          if (!reg.ok) throw new Error(reg.reason);
          let c = reg.next;
          let t = Date.parse(c.receivedAt);
          for (const [actor, s] of steps) {
            t += 600_000;
            const res = transitionComplaint(c, { id: c.id, step: s, at: new Date(t).toISOString() }, actor, env);
            if (!res.ok) {
              expect(['refused', 'forbidden', 'invalid_params', 'not_found', 'conflict']).toContain(res.code);
              expect(res.reason.length).toBeGreaterThan(10);
              continue;
            }
            invariants(res.next, c);
            c = res.next;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('walking only the actions offered to each user reaches every state, and never a forbidden one', () => {
    const reached = new Set<string>();
    const template = (name: ComplaintAction['action'], v: number): ComplaintAction => {
      switch (name) {
        case 'assign':
          return { action: 'assign', departments: ['质量技术部'], handlerId: ACTORS[v % ACTORS.length]!.userId, handlerName: '经办人' };
        case 'recordCallback':
          return { action: 'recordCallback', result: (['satisfied', 'fairly_satisfied', 'unsatisfied'] as const)[v % 3]!, note: '' };
        case 'signoff':
          return { action: 'signoff', kind: (['handler', 'department', 'cs_head'] as const)[v % 3]!, opinion: '同意' };
        case 'changeSeverity':
          return { action: 'changeSeverity', severity: (['general', 'major', 'crisis'] as const)[v % 3]!, soothed: true, headNotifiedTo: '刘部长', headNotifiedAt: '2026-11-02T02:00:00.000Z' };
        default:
          return fc.sample(step.filter((x) => x.action === name), { numRuns: 1, seed: v })[0]!;
      }
    };
    fc.assert(
      fc.property(
        fc.constantFrom('general' as const, 'major' as const, 'crisis' as const),
        fc.array(fc.tuple(fc.nat(ACTORS.length - 1), fc.nat(20), fc.nat(100)), { minLength: 5, maxLength: 30 }),
        (severity, choices) => {
          let c = (registerComplaint(registerArgs(severity, severity !== 'general'), ACTORS[0]!, env) as { next: Complaint }).next;
          let t = Date.parse(c.receivedAt);
          for (const [ai, ci, v] of choices) {
            const actor = ACTORS[ai]!;
            const offered = availableActions(c, actor).filter((a) => a !== 'void' || v % 10 === 0);
            if (!offered.length) continue;
            t += 3_600_000;
            const res = transitionComplaint(c, { id: c.id, step: template(offered[ci % offered.length]!, v), at: new Date(t).toISOString() }, actor, env);
            if (!res.ok) {
              expect(res.reason.length).toBeGreaterThan(10);
              continue;
            }
            invariants(res.next, c);
            c = res.next;
            reached.add(`${c.status}/${c.severity === 'general' ? 'general' : 'grave'}${c.round > 1 ? '/round2+' : ''}`);
          }
        },
      ),
      { numRuns: 1500 },
    );
    for (const s of ['in_handling/grave/round2+', 'closed/grave', 'closed/general', 'awaiting_approval/grave', 'voided/general', 'handled/general/round2+'])
      expect([...reached], s).toContain(s);
  });

  it('refuses to register a major complaint without soothing and the head notified, naming each field', () => {
    const res = registerComplaint(registerArgs('major', false), ACTORS[0]!, env);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.fields?.map((f) => f.field)).toEqual(['soothed', 'headNotifiedTo', 'headNotifiedAt']);
  });

  it('a major complaint cannot be edited back to incomplete, even before it is assigned', () => {
    const reg = registerComplaint(registerArgs('major', true), ACTORS[0]!, env);
    if (!reg.ok) throw new Error(reg.reason);
    const res = editComplaint(reg.next, { id: reg.next.id, fields: { soothed: false }, at: '2026-11-02T01:10:00.000Z' }, ACTORS[0]!, env);
    expect(!res.ok && res.fields?.map((f) => f.field)).toEqual(['soothed']);
  });

  it('requires an address or a phone', () => {
    const res = registerComplaint({ ...registerArgs('general', false), phone: '', address: '' }, ACTORS[0]!, env);
    expect(!res.ok && res.fields?.map((f) => f.field)).toEqual(['phone', 'address']);
  });

  it('an unsatisfied callback opens round 2 and keeps round 1 readable; a major one closes only with a lead’s approval', () => {
    const [agent, , officer, lead] = ACTORS as [Actor, Actor, Actor, Actor];
    let c = (registerComplaint(registerArgs('major', true), agent, env) as { next: Complaint }).next;
    const go = (actor: Actor, s: ComplaintAction, at: string) => {
      const r = transitionComplaint(c, { id: c.id, step: s, at }, actor, env);
      if (!r.ok) throw new Error(r.reason);
      c = r.next;
    };
    go(lead, { action: 'assign', departments: ['质量技术部'], handlerId: agent.userId, handlerName: agent.displayName }, '2026-11-02T01:10:00.000Z');
    go(agent, { action: 'recordResult', investigation: '复核', result: '结果无误', replyToCustomer: '已答复', solutions: ['解释检测方法', '免费复检'], chosenSolution: 0 }, '2026-11-03T01:00:00.000Z');
    expect(c.callbackDueAt).toBe('2026-11-10T15:59:59.999Z');
    go(officer, { action: 'recordCallback', result: 'unsatisfied', note: '仍有异议' }, '2026-11-04T01:00:00.000Z');
    expect(c).toMatchObject({ status: 'in_handling', round: 2, result: '', callbackResult: null });
    expect(c.rounds[0]).toMatchObject({ round: 1, result: '结果无误', callbackResult: 'unsatisfied', solutions: ['解释检测方法', '免费复检'], chosenSolution: 0 });
    expect(c).toMatchObject({ solutions: [], chosenSolution: null });
    go(agent, { action: 'recordResult', investigation: '送第三方复检', result: '复检一致', replyToCustomer: '已寄送复检报告' }, '2026-11-06T01:00:00.000Z');
    go(officer, { action: 'recordCallback', result: 'satisfied', note: '' }, '2026-11-07T01:00:00.000Z');
    expect(c.status).toBe('awaiting_approval');
    const byAgent = transitionComplaint(c, { id: c.id, step: { action: 'approveClose', opinion: '同意' }, at: '2026-11-07T02:00:00.000Z' }, agent, env);
    expect(byAgent).toMatchObject({ ok: false, code: 'forbidden' });
    go(lead, { action: 'approveClose', opinion: '同意办结' }, '2026-11-07T02:00:00.000Z');
    expect(c).toMatchObject({ status: 'closed', approvedBy: lead.userId });
  });
});
