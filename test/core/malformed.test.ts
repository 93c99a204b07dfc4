import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { ERROR_CODES } from '../../shared/api/envelope';
import { PASSWORD, rowCounts, seededConsole, type TestConsole } from '../helpers/core';

const ID = '01a20584-06f7-7129-91b2-27fa7cfc5475';
const HUGE = '测'.repeat(1_000_000);
// biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection probe text
const INJECTIONS = ["'; DROP TABLE call_records; --", '<script>alert(1)</script>', '\u0000\u0007', '${7*7}{{7*7}}'];

/** One well-formed params object per method; every malformed variant is derived from it. */
const VALID: Record<MethodName, Record<string, unknown>> = {
  'setup.status': {},
  'setup.initialize': {
    organisationName: '某某检验所',
    hotline: '12345',
    workstation: 'B02',
    admin: { username: 'root2', displayName: '管理员', password: 'password-1' },
  },
  'auth.login': { username: 'admin', password: 'x' },
  'auth.logout': {},
  'auth.session': {},
  'auth.lock': {},
  'auth.unlock': { password: 'secret-pass-1' },
  'settings.get': {},
  'settings.update': { hotline: '12345', answerWithinSeconds: 15 },
  'settings.usage': {},
  'users.list': {},
  'users.create': { username: 'newuser', displayName: '新人', role: 'agent', password: 'password-1' },
  'users.update': { id: ID, displayName: '新名字', role: 'agent', active: true },
  'users.unlock': { id: ID },
  'users.locked': {},
  'customers.lookup': { phone: '13800138000' },
  'customers.search': { q: '周', keyAccount: true, limit: 10 },
  'customers.get': { id: ID },
  'customers.create': { name: '周丽', organisation: '宏达', address: '杭州', phones: ['13800138000'], serviceRequirements: '', notes: '' },
  'customers.update': { id: ID, fields: { name: '周丽' } },
  'calls.answer': { phone: '13800138000', rangAt: '2026-11-22T01:59:50.000Z' },
  'calls.get': { id: ID },
  'calls.save': { id: ID, fields: { content: 'x', category: 'query', satisfaction: 5 }, end: false },
  'calls.void': { id: ID, reason: '重复' },
  'calls.list': { q: 'x', category: 'query', answeredLate: true, rated: true, limit: 10, offset: 0 },
  'complaints.register': { channel: 'phone', complainant: '周丽', phone: '13800138000', problem: '对检测结果有疑问', type: 'result_doubt', severity: 'general', callId: null },
  'complaints.get': { id: ID },
  'complaints.edit': { id: ID, fields: { problem: '补充说明' } },
  'complaints.transition': { id: ID, step: { action: 'escalate', to: '张组长', note: '' } },
  'complaints.list': { q: '周', status: 'registered', limit: 10 },
  'complaints.mine': {},
  'calendar.status': {},
  'tracking.query': { q: '投诉', status: ['registered'], severity: ['major'], department: '市场部', handlerId: ID, channel: 'phone', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', overdue: true, sort: 'nextDeadline', dir: 'asc', list: 'callback_month', limit: 50, offset: 0 },
  'tracking.export': { q: '退款', severity: ['general'], sort: 'receivedAt', dir: 'desc', format: 'csv' },
  'tracking.printKeys': { q: '退款', severity: ['major'], overdue: true, sort: 'complainant', dir: 'asc', list: 'unreported_major' },
  'tracking.printRows': { keys: [1, 2, 3] },
  'tracking.prefs.get': {},
  'tracking.prefs.save': { view: { q: '投诉', status: ['registered'], overdue: false, sort: 'daysOpen', dir: 'asc' } },
  'tracking.exportStart': { q: '退款', severity: ['general'], sort: 'receivedAt', dir: 'desc', format: 'xlsx', list: 'unreported_major' },
  'jobs.status': { jobId: ID },
  'jobs.cancel': { jobId: ID },
  'jobs.read': { jobId: ID, offset: 0 },
  'board.summary': {},
  'board.trends': { span: '30d' },
  'users.directory': {},
  'sync.status': {},
  'sync.now': {},
  'sync.join': { hubUrl: 'http://127.0.0.1:9', username: 'admin', password: 'x' },
  'sync.leave': {},
  'sync.resolveConflict': { id: `${ID}:1`, action: 'discard' },
  'drafts.save': { key: `call:${ID}`, payload: { content: 'x' } },
  'drafts.get': { key: `call:${ID}` },
  'drafts.discard': { key: `call:${ID}` },
  'scripts.active': { kind: 'call' },
  'scripts.get': { id: ID },
  'scripts.versions': { kind: 'callback' },
  'scripts.publish': {
    kind: 'call',
    content: { name: '话术', steps: [{ key: 'greeting', title: '问候', words: '您好', hints: [], action: null }], specials: [] },
    note: '修订',
  },
  'callbacks.queue': { scope: 'all', kind: 'promised', status: 'open', overdue: false, dueBy: '2026-11-22T15:59:59.999Z', assigneeId: ID, q: '周', limit: 10, offset: 0 },
  'callbacks.counts': {},
  'callbacks.get': { id: ID },
  'callbacks.create': { kind: 'promised', dueAt: '2026-11-23T02:00:00.000Z', phone: '13800138000', name: '周丽', subject: '查询后回电', callId: null, assigneeId: null },
  'callbacks.assign': { id: ID, assigneeId: ID },
  'callbacks.notReached': { id: ID, note: '无人接听' },
  'callbacks.complete': {
    id: ID,
    outcome: {
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
    },
  },
  'callbacks.cancel': { id: ID, reason: '客户已销户' },
  'callbacks.import': { kind: 'aftersale', fileName: '售后回访名单.csv', base64: 'YQ==', defaultDueAt: '2026-11-25T02:00:00.000Z' },
  'records.reveal': { entity: 'call', id: ID, field: 'phone' },
  'audit.query': { userId: ID, customerId: ID, action: 'lookup', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', limit: 50, offset: 0 },
  'audit.export': { userId: ID, customerId: ID, action: 'lookup', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
  'audit.verify': {},
  'backups.list': {},
  'backups.create': {},
  'backups.restore': { id: 'hotline-20261122T020000000Z-daily.sqlite' },
  'backups.keep': { keep: 7 },
  'store.status': {},
  'store.recover': { id: 'hotline-20261122T020000000Z-daily.sqlite', username: 'admin', password: 'x' },
  'qa.month': { month: '2026-10', agentId: ID },
  'qa.draw': { month: '2026-10', ratePercent: 10 },
  'qa.add': { month: '2026-10', kind: 'complaint', recordId: ID, reason: '投诉处理不当' },
  'qa.item': { month: '2026-10', kind: 'call', recordId: ID },
  'qa.review': {
    month: '2026-10',
    kind: 'call',
    recordId: ID,
    scorecardId: ID,
    scores: [{ itemId: 'greeting', points: 10, failed: false, comment: '' }],
    comment: '整体规范',
    findings: [{ itemId: 'greeting', text: '未使用标准问候语' }],
  },
  'qa.reviews': { scope: 'team', month: '2026-10' },
  'qa.markCase': { reviewId: ID, teachingCase: 'good', note: '规范应答' },
  'qa.cases': { teachingCase: 'bad' },
  'findings.list': { scope: 'team', status: 'open', overdue: true },
  'findings.report': { id: ID, report: '已重新学习服务规范' },
  'findings.appeal': { id: ID, reason: '录音可以证明已确认身份' },
  'findings.decide': { id: ID, decision: 'reject', reason: '理由不足' },
  'scorecards.active': {},
  'scorecards.versions': {},
  'scorecards.publish': {
    name: '服务规范评分表',
    items: [
      { id: 'greeting', label: '问候语', weight: 40, fatal: false, guidance: '' },
      { id: 'correct', label: '答复准确', weight: 60, fatal: false, guidance: '' },
      { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
    ],
    note: '',
  },
  'attendance.today': {},
  'attendance.signIn': { shiftId: 'day', note: '' },
  'attendance.signOut': {},
  'attendance.mine': { month: '2026-10' },
  'attendance.team': { month: '2026-10' },
  'leave.request': { type: 'sick', fromDay: '2026-10-13', toDay: '2026-10-14', reason: '看病' },
  'leave.cancel': { id: ID },
  'leave.list': { scope: 'team', status: 'requested', limit: 10, offset: 0 },
  'leave.decide': { id: ID, approve: false, reason: '当日排班不足' },
  'appraisal.team': { period: 'month', key: '2026-10' },
  'appraisal.mine': { period: 'quarter', key: '2026-Q4' },
  'appraisal.export': { period: 'year', key: '2026' },
  'handover.draft': {},
  'handover.create': { items: [{ kind: 'call', recordId: ID, note: '客户等回电' }], note: '本班交接' },
  'handover.note': { id: ID, note: '补充', itemNotes: [{ recordId: ID, note: '已催办' }] },
  'handover.acknowledge': { id: ID, note: '已接班' },
  'handover.list': { status: 'open', limit: 10, offset: 0 },
  'handover.get': { id: ID },
  'bulletin.get': { kind: 'monthly', periodKey: '2026-10' },
  'bulletin.save': {
    kind: 'monthly',
    periodKey: '2026-10',
    narrative: {
      summary: '本月来电平稳',
      representative: [{ complaintId: ID, complaintNo: 'TS-20261012-A01-0001', summary: '报告延误', handling: '已加急出具' }],
      rectifications: [{ id: ID, department: '纺织品检验部', issue: '报告延误', measure: '增加人手', status: 'open', note: '' }],
      keyAccountNeeds: '',
      qualityNotes: '',
      improvementPlan: [],
    },
    version: 0,
  },
  'bulletin.publish': { kind: 'monthly', periodKey: '2026-10' },
  'bulletin.version': { id: ID },
  'bulletin.list': { kind: 'quarterly' },
  'bulletin.export': { kind: 'monthly', periodKey: '2026-10' },
};

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return '12';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return 'not-a-list';
  return 'not-an-object';
}

function isOptional(method: MethodName, key: string): boolean {
  const shape = (api[method].params as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return shape[key]?.safeParse(undefined).success ?? true;
}

function variants(method: MethodName): [string, unknown][] {
  const valid = VALID[method];
  const out: [string, unknown][] = [
    ['a number instead of an object', 42],
    ['a string instead of an object', 'params'],
    ['an array instead of an object', [valid]],
    ['an unknown extra field', { ...valid, injected: INJECTIONS[0] }],
  ];
  for (const [key, value] of Object.entries(valid)) {
    if (!isOptional(method, key)) {
      const { [key]: _gone, ...rest } = valid;
      out.push([`${key} missing`, rest]);
    }
    out.push([`${key} of the wrong type`, { ...valid, [key]: wrongType(value) }]);
    if (typeof value === 'string') out.push([`${key} a megabyte long`, { ...valid, [key]: HUGE }]);
    // A draft's payload is free-form by design (half-typed input), so only its shape is checked.
    if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'payload') {
      for (const [inner, iv] of Object.entries(value)) {
        out.push([`${key}.${inner} of the wrong type`, { ...valid, [key]: { ...value, [inner]: wrongType(iv) } }]);
      }
    }
  }
  // Injection text where the contract expects an id, an enum, a number or a time is refused outright.
  for (const key of ['id', 'category', 'role', 'rangAt', 'limit', 'username', 'workstation', 'hubUrl', 'action', 'severity', 'type', 'channel', 'status', 'step', 'sort', 'dir', 'format', 'list', 'kind', 'scope', 'dueAt', 'dueBy', 'assigneeId', 'outcome', 'base64', 'entity', 'field', 'month', 'recordId', 'reviewId', 'jobId', 'offset', 'scorecardId', 'decision', 'teachingCase', 'shiftId', 'fromDay', 'toDay', 'period', 'key', 'periodKey', 'versionId']) {
    // A draft's key is free text by design (any form names its own); the appraisal's period key is not.
    if (key === 'key' && method.startsWith('drafts.')) continue;
    if (key in valid) for (const inj of INJECTIONS) out.push([`${key} = ${JSON.stringify(inj)}`, { ...valid, [key]: inj }]);
  }
  return out;
}

let c: TestConsole;
beforeAll(async () => {
  c = await seededConsole();
});
afterAll(() => c.close());

describe('every API method refuses malformed params clearly and writes nothing', () => {
  it.each(METHOD_NAMES)('%s', async (method) => {
    const before = rowCounts(c.core);
    for (const [label, params] of variants(method)) {
      const env = await c.raw(method, params);
      expect(env.ok, `${method}: ${label}`).toBe(false);
      if (env.ok) continue;
      expect(ERROR_CODES, `${method}: ${label}`).toContain(env.error.code);
      expect(env.error.code, `${method}: ${label}`).not.toBe('internal');
      expect(env.error.message.length, `${method}: ${label}`).toBeGreaterThan(5);
      expect(env.error.message.length).toBeLessThan(500);
      if (env.error.code === 'invalid_params' && typeof params === 'object' && !Array.isArray(params)) {
        expect(env.error.fields?.length, `${method}: ${label} names the field`).toBeGreaterThan(0);
      }
    }
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('answers an unknown method with unknown_method', async () => {
    for (const name of ['calls.drop', '__proto__', 'constructor', 'toString', "'; DROP TABLE users;--"]) {
      expect(await c.raw(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('stores injection text in free-text fields verbatim, and the schema survives', async () => {
    const before = rowCounts(c.core);
    const created = await c.ok('customers.create', {
      name: INJECTIONS[0]!,
      organisation: INJECTIONS[1]!,
      address: INJECTIONS[3]!,
      phones: ['13800138000'],
      serviceRequirements: '',
      notes: '',
    });
    // Read back by a team lead: the administrator sees addresses masked (the settings' masking).
    await c.login('lead', PASSWORD);
    const again = await c.ok('customers.get', { id: created.id });
    await c.login('admin', PASSWORD);
    expect([again.name, again.organisation, again.address]).toEqual([INJECTIONS[0], INJECTIONS[1], INJECTIONS[3]]);
    expect(await c.ok('customers.search', { q: INJECTIONS[0]! })).toHaveLength(1);
    expect(rowCounts(c.core).customers).toBe(before.customers! + 1);
    expect(rowCounts(c.core).call_records).toBe(before.call_records);
  });

  it('refuses control characters in text with a field error', async () => {
    const env = await c.raw('customers.create', { ...VALID['customers.create'], name: `周${INJECTIONS[2]}` });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'name' }] } });
  });
});
