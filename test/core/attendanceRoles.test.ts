import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../shared/api/contract';
import { ROLES, type Role } from '../../shared/domain/roles';
import { openTestConsole, ORG, PASSWORD, rowCounts, TestClock, type TestConsole, tmpDir } from '../helpers/core';

/**
 * Every attendance, leave and appraisal method called by every role that may not call it, and without a
 * session: a clear refusal, and nothing written (not even an audit row).
 */

const ID = '01a20584-06f7-7129-91b2-27fa7cfc5475';
const PARAMS: Partial<Record<MethodName, Record<string, unknown>>> = {
  'attendance.today': {},
  'attendance.signIn': { shiftId: 'day' },
  'attendance.signOut': {},
  'attendance.mine': { month: '2026-10' },
  'attendance.team': { month: '2026-10' },
  'leave.request': { type: 'sick', fromDay: '2026-10-13', toDay: '2026-10-13', reason: '看病' },
  'leave.cancel': { id: ID },
  'leave.list': { scope: 'mine' },
  'leave.decide': { id: ID, approve: true, reason: '' },
  'appraisal.team': { period: 'month', key: '2026-10' },
  'appraisal.mine': { period: 'month', key: '2026-10' },
  'appraisal.export': { period: 'month', key: '2026-10' },
};
const METHODS = Object.keys(PARAMS) as MethodName[];
const USER_OF: Record<Role, string> = { agent: 'agent1', callback_officer: 'officer', quality_inspector: 'inspector', team_lead: 'lead', admin: 'admin' };

let c: TestConsole;
beforeAll(async () => {
  c = openTestConsole(tmpDir(), new TestClock(Date.parse('2026-10-12T01:00:00.000Z')));
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'officer', displayName: '陈回访', role: 'callback_officer', password: PASSWORD });
  await c.ok('users.create', { username: 'inspector', displayName: '周质检', role: 'quality_inspector', password: PASSWORD });
  await c.ok('users.create', { username: 'lead', displayName: '张组长', role: 'team_lead', password: PASSWORD });
  // A record of each kind, so that a refused call would have something to show or change.
  await c.login('agent1', PASSWORD);
  await c.ok('attendance.signIn', { shiftId: 'day' });
  await c.ok('leave.request', { type: 'sick', fromDay: '2026-10-20', toDay: '2026-10-20', reason: '复诊' });
}, 60_000);
afterAll(() => c.close());

describe('roles', () => {
  it('the contract admits the roles of the rules: leads for the team’s attendance and leave, QA roles for the team’s appraisal', () => {
    const roles = (m: MethodName) => api[m].roles;
    expect(roles('attendance.team')).toEqual(['team_lead']);
    expect(roles('leave.decide')).toEqual(['team_lead']);
    expect(roles('appraisal.team')).toEqual(['quality_inspector', 'team_lead']);
    expect(roles('appraisal.export')).toEqual(['quality_inspector', 'team_lead']);
  });

  it.each(METHODS)('%s refuses every role it does not admit, and the caller without a session', async (method) => {
    const allowed = api[method].roles;
    const wrong = ROLES.filter((r) => allowed !== 'any' && allowed !== 'public' && !allowed.includes(r));
    for (const role of wrong) {
      await c.login(USER_OF[role], PASSWORD);
      const before = rowCounts(c.core);
      expect(await c.raw(method, PARAMS[method]), `${method} as ${role}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(rowCounts(c.core), `${method} as ${role}`).toEqual(before);
    }
    c.token = null;
    const before = rowCounts(c.core);
    const env = await c.raw(method, PARAMS[method]);
    expect(env.ok).toBe(false);
    expect(env.ok ? null : env.error.code).toBe('unauthenticated');
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('the team’s leave is the lead’s alone, even for roles that may list their own', async () => {
    for (const role of ['agent', 'callback_officer', 'quality_inspector', 'admin'] as const) {
      await c.login(USER_OF[role], PASSWORD);
      const before = rowCounts(c.core);
      expect(await c.raw('leave.list', { scope: 'team' }), role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(rowCounts(c.core)).toEqual(before);
    }
    await c.login('lead', PASSWORD);
    expect((await c.ok('leave.list', { scope: 'team' })).total).toBe(1);
  });

  it('what every role may call shows the caller’s own records only', async () => {
    await c.login('officer', PASSWORD);
    expect(await c.ok('attendance.today', {})).toMatchObject({ record: null });
    expect((await c.ok('leave.list', { scope: 'mine' })).total).toBe(0);
    const m = await c.ok('attendance.mine', { month: '2026-10' });
    expect(m.userName).toBe('陈回访');
    expect(m.days.every((d) => d.record === null)).toBe(true);
    await c.login('agent1', PASSWORD);
    expect(await c.ok('attendance.today', {})).toMatchObject({ record: { userName: '李晓梅' } });
  });
});
