import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName, type ParamsOf } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/roles';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * Every read of customer data leaves an audit row (issue 12): each read method of the contract is called
 * once with valid params, and the request must have written at least one audit row of its kind (action and
 * entity) that names the records it returned. Only "at least one row for this request": the row layout
 * (one row per record today, one per request with the ids once the audit chain lands) is not this test's.
 */

type Read = { as: string; params: () => ParamsOf<MethodName>; action: string; entity: string; ids: (r: unknown) => string[] };

/**
 * Methods that read something but not customer data, and why; every other method whose name says it reads
 * (get, list, search, lookup, queue, query, export, mine, reveal) must be in READS below.
 */
const NOT_CUSTOMER_DATA: Partial<Record<MethodName, string>> = {
  'settings.get': 'organisation settings',
  'users.list': 'staff accounts',
  // Staff accounts and this workstation's failed-login counters: who a lead may unlock, no customer record.
  'users.locked': 'staff accounts and login counters',
  'drafts.get': 'the user’s own unsaved form',
  'scripts.get': 'call scripts',
  'tracking.prefs.get': 'the user’s saved sheet view',
  // Counts only: no record, name, number or text leaves the core; each number's list is a read below.
  'board.summary': 'counts',
  'board.trends': 'counts by day or month',
  'callbacks.counts': 'counts',
  'scripts.versions': 'call scripts',
  // The backup files' names, times and sizes; restoring one is written to the audit log by the backup service.
  'backups.list': 'backup files',
  'bulletin.list': 'the bulletin’s periods, their versions and who published them',
  // A job's progress, and the bytes of an export already audited when it started (tracking.exportStart).
  'jobs.status': 'a job’s progress',
  'jobs.read': 'the file of an export audited when it started',
};
/**
 * Reads whose audit rows are checked in their own feature's tests, which seed the records they need
 * (a QA sample, reviews and findings), and where.
 */
const AUDITED_ELSEWHERE: Partial<Record<MethodName, string>> = {
  'findings.list': 'test/core/qualityRoles.test.ts (with qa.month, qa.item, qa.reviews and qa.cases)',
  'handover.list': 'test/core/handover.test.ts (with handover.get and handover.draft)',
  'handover.get': 'test/core/handover.test.ts',
};
/** Reads of the audit trail itself belong to the audit viewer (its own tests). */
const isAuditViewer = (m: string) => m.startsWith('audit.');
const READ_VERB = /\.(get|list|search|lookup|queue|query|export|mine|reveal)$/;

let c: TestConsole;
let ids: { customer: string; call: string; complaint: string; callback: string; leave: string; agent: string };
const READS: Partial<Record<MethodName, Read>> = {};

beforeAll(async () => {
  c = await seededConsole();
  const customer = await c.ok('customers.create', { name: '周丽', organisation: '宏达纺织', address: '杭州市文三路 1 号', phones: ['13905710000'], serviceRequirements: '', notes: '' });
  await c.login('agent1', PASSWORD);
  const call = await c.ok('calls.answer', { phone: '13905710000' });
  await c.ok('calls.save', { id: call.id, fields: { content: '咨询检测报告' } });
  const complaint = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13905710000', problem: '报告延误', type: 'timeliness', severity: 'general', callId: call.id });
  const callback = await c.ok('callbacks.create', { kind: 'promised', dueAt: new Date(c.clock.t + 3600_000).toISOString(), phone: '13905710000', subject: '回电', callId: call.id, assigneeId: null });
  // Staff data read like customer data (attendance, leave, appraisal): audited the same way.
  const leave = await c.ok('leave.request', { type: 'sick', fromDay: '2026-11-23', toDay: '2026-11-23', reason: '看病' });
  ids = { customer: customer.id, call: call.id, complaint: complaint.id, callback: callback.id, leave: leave.id, agent: leave.userId };
  const rows = (r: unknown) => (r as { rows: { id: string }[] }).rows.map((x) => x.id);
  Object.assign(READS, {
    'customers.lookup': { as: 'agent1', params: () => ({ phone: '13905710000' }), action: 'view', entity: 'customer', ids: () => [ids.customer] },
    'customers.search': { as: 'agent1', params: () => ({ q: '周丽' }), action: 'search', entity: 'customer', ids: () => [ids.customer] },
    'customers.get': { as: 'agent1', params: () => ({ id: ids.customer }), action: 'view', entity: 'customer', ids: () => [ids.customer] },
    'calls.get': { as: 'agent1', params: () => ({ id: ids.call }), action: 'view', entity: 'call', ids: () => [ids.call] },
    'calls.list': { as: 'agent1', params: () => ({}), action: 'list', entity: 'call', ids: rows },
    'complaints.get': { as: 'agent1', params: () => ({ id: ids.complaint }), action: 'view', entity: 'complaint', ids: () => [ids.complaint] },
    'complaints.list': { as: 'agent1', params: () => ({}), action: 'list', entity: 'complaint', ids: rows },
    'complaints.mine': { as: 'lead', params: () => ({}), action: 'list', entity: 'complaint', ids: (r) => (r as { id: string }[]).map((x) => x.id) },
    'callbacks.get': { as: 'agent1', params: () => ({ id: ids.callback }), action: 'view', entity: 'callback', ids: () => [ids.callback] },
    'callbacks.queue': { as: 'lead', params: () => ({ scope: 'all' }), action: 'list', entity: 'callback', ids: rows },
    'tracking.query': { as: 'lead', params: () => ({}), action: 'list', entity: 'complaint', ids: rows },
    'tracking.export': { as: 'lead', params: () => ({ format: 'csv' }), action: 'export', entity: 'tracking_sheet', ids: (r) => [(r as { filename: string }).filename] },
    'tracking.exportStart': { as: 'lead', params: () => ({ format: 'xlsx' }), action: 'export', entity: 'tracking_sheet', ids: (r) => [(r as { filename: string }).filename] },
    'records.reveal': { as: 'admin', params: () => ({ entity: 'call', id: ids.call, field: 'phone' }), action: 'reveal', entity: 'call', ids: () => [ids.call] },
    'attendance.mine': { as: 'agent1', params: () => ({ month: '2026-11' }), action: 'view', entity: 'attendance', ids: () => [ids.agent] },
    'leave.list': { as: 'agent1', params: () => ({ scope: 'mine' }), action: 'list', entity: 'leave', ids: () => [ids.leave] },
    'appraisal.mine': { as: 'agent1', params: () => ({ period: 'month', key: '2026-11' }), action: 'view', entity: 'appraisal', ids: () => [ids.agent] },
    'appraisal.export': { as: 'lead', params: () => ({ period: 'month', key: '2026-11' }), action: 'export', entity: 'appraisal', ids: (r) => [(r as { filename: string }).filename] },
    // The bulletin lists what key accounts' records say (bulletin.version is audited the same way: test/core/bulletinPublish.test.ts).
    'bulletin.get': { as: 'lead', params: () => ({ kind: 'monthly', periodKey: '2026-11' }), action: 'view', entity: 'bulletin', ids: (r) => [(r as { bulletinId: string }).bulletinId] },
    'bulletin.export': { as: 'lead', params: () => ({ kind: 'monthly', periodKey: '2026-11' }), action: 'export', entity: 'bulletin', ids: (r) => [(r as { filename: string }).filename] },
  } satisfies Partial<Record<MethodName, Read>>);
}, 60_000);
afterAll(() => c.close());

const auditRows = (action: string, entity: string) =>
  c.core.context.db.prepare('SELECT * FROM audit_log WHERE action = ? AND entity = ?').all(action, entity) as Record<string, unknown>[];

describe('every read of customer data writes its audit row', () => {
  it('every read method of the contract is either audited here or named as not customer data', () => {
    const unaccounted = METHOD_NAMES.filter((m) => READ_VERB.test(m) && !isAuditViewer(m) && !(m in READS) && !(m in NOT_CUSTOMER_DATA) && !(m in AUDITED_ELSEWHERE));
    expect(unaccounted).toEqual([]);
  });

  it.each(Object.keys({
    'customers.lookup': 1, 'customers.search': 1, 'customers.get': 1, 'calls.get': 1, 'calls.list': 1, 'complaints.get': 1, 'complaints.list': 1,
    'complaints.mine': 1, 'callbacks.get': 1, 'callbacks.queue': 1, 'tracking.query': 1, 'tracking.export': 1, 'tracking.exportStart': 1, 'records.reveal': 1,
    'attendance.mine': 1, 'leave.list': 1, 'appraisal.mine': 1, 'appraisal.export': 1, 'bulletin.get': 1, 'bulletin.export': 1,
  }) as MethodName[])('%s', async (method) => {
    const r = READS[method]!;
    await c.login(r.as, PASSWORD);
    const before = auditRows(r.action, r.entity);
    const result = await c.ok(method, r.params() as never);
    const returned = r.ids(result);
    expect(returned.length, `${method} returned records`).toBeGreaterThan(0);
    const added = auditRows(r.action, r.entity).slice(before.length);
    expect(added.length, `${method} wrote an audit row of kind ${r.action}/${r.entity}`).toBeGreaterThan(0);
    const user = (await c.ok('auth.session', {})).user.id;
    expect(added.every((row) => Object.values(row).includes(user)), 'who').toBe(true);
    // Which records: every id the request returned is named by the request's rows.
    const text = JSON.stringify(added);
    for (const id of returned) expect(text, `${method} names ${id}`).toContain(id);
  });

  it('a method that reads nothing for a wrong role writes no row and answers forbidden', async () => {
    const wrong: [MethodName, Role, string][] = [['tracking.query', 'agent', 'agent1'], ['tracking.export', 'callback_officer', 'officer']];
    for (const [method, , user] of wrong) {
      await c.login(user, PASSWORD);
      const before = c.core.context.db.prepare('SELECT count(*) AS n FROM audit_log').get();
      expect(await c.raw(method, READS[method]!.params())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(c.core.context.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    }
  });
});
