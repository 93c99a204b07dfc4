import { describe, expect, it } from 'vitest';
import { api } from '../../shared/api/contract';
import { ComplaintAction, ComplaintRegisterArgs } from '../../shared/domain/complaint';
import { registerComplaint, sheetIssues, transitionComplaint } from '../../shared/domain/complaintWorkflow';
import { createCustomer } from '../../shared/domain/customer';
import { duplicateIssues, isHotline, isPhone, notInFuture, notInPast, phoneIssue, schemaIssues } from '../../shared/domain/fieldRules';
import { MUTATIONS } from '../../shared/domain/mutations';
import { DEFAULT_DEADLINE_RULES } from '../../shared/domain/deadlines';
import { NO_OVERRIDES } from '../../shared/domain/calendar';
import type { Actor } from '../../shared/domain/mutation';

/**
 * One rule per field: the same function answers for the form (which runs these before sending), the
 * dispatcher (the contract's zod schemas), the mutations (the console's write path and the hub's
 * push run MUTATIONS[name].args and .apply) and the workflow steps.
 */
const AT = '2026-11-22T02:00:00.000Z';
const agent: Actor = { userId: '0195f3a2-7b1c-7000-8000-0000000000a1', role: 'agent', displayName: '李晓梅' };
const env = { calendar: { rules: DEFAULT_DEADLINE_RULES, overrides: NO_OVERRIDES }, areaCode: '0571' };
const codes = (issues: { field: string; code: string }[]) => issues.map((i) => `${i.field}:${i.code}`);

const REGISTER = {
  id: '0195f3a2-7b1c-7000-8000-000000000c01',
  complaintNo: 'TS-2026-A07-0001',
  workstation: 'A07',
  channel: 'phone' as const,
  complainant: '周丽',
  problem: '色牢度结果偏低',
  severity: 'general' as const,
  type: 'result_doubt' as const,
  phone: '0571-88881234',
  callId: null,
  repeatIndex: 1,
  receivedAt: AT,
  at: AT,
};

describe('phone', () => {
  it.each([
    ['13800138000', true],
    ['+86 138 0013 8000', true],
    ['0571-8888 1234 转 802', true],
    ['400-888-1234', true],
    ['88881234', true],
    ['12-abc', false],
    ['not-a-phone☎', false],
    ['123', false],
  ])('%s → %s', (raw, ok) => {
    expect(isPhone(raw)).toBe(ok);
    expect(phoneIssue('phone', raw).length === 0).toBe(ok);
  });

  it('a number sent back masked as it was shown passes the schema (the core swaps it), but is no number for the domain rule', () => {
    expect(codes(schemaIssues(api['complaints.register'].params, { channel: 'phone', complainant: 'x', problem: 'y', type: 'other', severity: 'general', phone: '139****5678' }))).toEqual([]);
    expect(codes(schemaIssues(api['customers.update'].params, { id: REGISTER.id, fields: { phones: ['139****5678'] } }))).toEqual([]);
    expect(codes(phoneIssue('phone', '139****5678'))).toEqual(['phone:invalid_format']);
    expect(phoneIssue('phone', '139****5678', true)).toEqual([]);
  });

  it('an empty box is not a bad phone (whether it is required is the form’s own rule)', () => {
    expect(phoneIssue('phone', '')).toEqual([]);
  });

  it('the same answer from the dispatcher, the mutation args (hub push), the domain rule and the customer file', () => {
    expect(codes(schemaIssues(api['complaints.register'].params, { channel: 'phone', complainant: 'x', problem: 'y', type: 'other', severity: 'general', phone: '12-abc' }))).toEqual(['phone:invalid_format']);
    expect(codes(schemaIssues(MUTATIONS['complaint.register'].args, { ...REGISTER, phone: '12-abc' }))).toEqual(['phone:invalid_format']);
    expect(codes(schemaIssues(ComplaintRegisterArgs, { ...REGISTER, phone: '12-abc' }))).toEqual(['phone:invalid_format']);
    const r = registerComplaint({ ...REGISTER, phone: '12-abc' }, agent, env);
    expect(r.ok === false && codes(r.fields ?? [])).toEqual(['phone:invalid_format']);
    const cust = createCustomer({ id: REGISTER.id, name: '周丽', organisation: '', address: '', phones: ['12-abc'], serviceRequirements: '', notes: '', at: AT }, agent, '0571');
    expect(cust.ok === false && codes(cust.fields ?? [])).toEqual(['phones.0:invalid_format']);
    expect(codes(schemaIssues(api['callbacks.create'].params, { kind: 'satisfaction', dueAt: AT, phone: 'not-a-phone☎' }))).toEqual(['phone:invalid_format']);
  });

  it('录入处理结果 refuses a stored bad phone as the phone field, and takes a corrected one', () => {
    const reg = registerComplaint(REGISTER, agent, env);
    if (!reg.ok) throw new Error('setup');
    const stored = { ...reg.next, phone: '12-abc', status: 'in_handling' as const, handlerId: agent.userId };
    const step = { action: 'recordResult' as const, investigation: 'a', result: 'b', replyToCustomer: 'c' };
    const refused = transitionComplaint(stored, { id: stored.id, step, at: AT }, agent, env);
    expect(refused.ok === false && codes(refused.fields ?? [])).toEqual(['phone:invalid_format']);
    const fixed = transitionComplaint(stored, { id: stored.id, step: { ...step, phone: '13912345678' }, at: AT }, agent, env);
    expect(fixed.ok && fixed.next.phoneNormalized).toBe('13912345678');
    expect(codes(schemaIssues(ComplaintAction, { ...step, phone: '12-abc' }))).toEqual(['phone:invalid_format']);
  });
});

describe('dates and their order', () => {
  it('what happened cannot be in the future; a promise cannot be in the past (a few minutes of clock skew allowed)', () => {
    expect(notInFuture('occurredAt', '2026-11-23T02:00:00.000Z', AT).map((i) => i.code)).toEqual(['in_future']);
    expect(notInFuture('occurredAt', '2026-11-22T02:03:00.000Z', AT)).toEqual([]);
    expect(notInPast('agreedReplyBy', '2026-11-21T02:00:00.000Z', AT).map((i) => i.code)).toEqual(['in_past']);
    expect(notInPast('agreedReplyBy', null, AT)).toEqual([]);
  });

  it('the sheet reports all of its problems at once, and an edit checks only what changed', () => {
    const c = {
      address: '',
      phone: '',
      severity: 'major' as const,
      soothed: false,
      headNotifiedTo: '',
      headNotifiedAt: '2026-11-23T00:00:00.000Z',
      occurredAt: '2026-11-24T00:00:00.000Z',
      agreedReplyBy: '2026-11-20T00:00:00.000Z',
      solutions: [],
      chosenSolution: null,
    };
    expect(codes(sheetIssues(c, AT))).toEqual([
      'phone:required',
      'address:required',
      'occurredAt:in_future',
      'soothed:required',
      'headNotifiedTo:required',
      'headNotifiedAt:in_future',
      'agreedReplyBy:in_past',
    ]);
    // A week later the agreed reply time is past: an edit that leaves it alone is not refused for it.
    const later = '2026-11-29T00:00:00.000Z';
    const stored = { ...c, phone: '13800138000', soothed: true, headNotifiedTo: '王部长', headNotifiedAt: AT, occurredAt: AT, agreedReplyBy: '2026-11-25T00:00:00.000Z' };
    expect(sheetIssues(stored, later, stored)).toEqual([]);
    expect(codes(sheetIssues({ ...stored, agreedReplyBy: '2026-11-26T00:00:00.000Z' }, later, stored))).toEqual(['agreedReplyBy:in_past']);
  });
});

describe('hotline, limits, departments', () => {
  it.each([
    ['12345', true],
    ['0571-88881234', true],
    ['400 888 1234', true],
    ['(0571) 8888 1234', true],
    ['热线abc', false],
    ['hotline', false],
    ['1', false],
  ])('hotline %s → %s', (raw, ok) => expect(isHotline(raw)).toBe(ok));

  it('settings refuse, never clamp: −5 s and 100000 h are out of range, beside their fields', () => {
    expect(codes(schemaIssues(api['settings.update'].params, { answerWithinSeconds: -5, repeatCallerHours: 100_000 }))).toEqual([
      'answerWithinSeconds:out_of_range',
      'repeatCallerHours:out_of_range',
    ]);
    expect(codes(schemaIssues(api['setup.initialize'].params, { organisationName: 'x', hotline: 'hotline', workstation: 'A07', admin: { username: 'ab', displayName: 'x', password: 'password1' } }))).toEqual([
      'hotline:invalid_format',
    ]);
  });

  it('a department listed twice is flagged at the second entry', () => {
    expect(codes(duplicateIssues('departments', ['市场部', ' 质量技术部', '市场部 ', '']))).toEqual(['departments.2:duplicate']);
    expect(codes(schemaIssues(api['settings.update'].params, { departments: ['市场部', '质量技术部', '市场部'] }))).toEqual(['departments.2:duplicate']);
  });

  it('指派 reports the handler and the departments together', () => {
    expect(codes(schemaIssues(ComplaintAction, { action: 'assign', departments: [], handlerId: 'x', handlerName: '' })).sort()).toEqual(
      ['departments:required', 'handlerId:invalid_format', 'handlerName:required'].sort(),
    );
  });
});
