import { afterEach, describe, expect, it } from 'vitest';
import { openTestConsole, ORG, PASSWORD, rowCounts, TestClock, type TestConsole, tmpDir } from '../helpers/core';

/** Leave (请假): requested by the user, decided by a team lead, withdrawn while pending; approved leave is not absence. */

let c: TestConsole;
afterEach(() => c?.close());

const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

async function seeded(): Promise<Record<string, string>> {
  c = openTestConsole(tmpDir(), new TestClock(at('2026-10-09 09:00')));
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'agent2', displayName: '赵建国', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'inspector', displayName: '周质检', role: 'quality_inspector', password: PASSWORD });
  await c.ok('users.create', { username: 'lead', displayName: '张组长', role: 'team_lead', password: PASSWORD });
  return Object.fromEntries((await c.ok('users.list', {})).map((u) => [u.username, u.id]));
}

const outboxOf = (entity: string) =>
  (c.core.context.db.prepare('SELECT name FROM outbox WHERE entity = ? ORDER BY rowid').all(entity) as { name: string }[]).map((r) => r.name);

describe('leave requests', () => {
  it('request, approve, refuse with a reason, withdraw: each a synced change', async () => {
    const ids = await seeded();
    await c.login('agent1', PASSWORD);
    // Across National Day's last days and the make-up Saturday: 7 Oct is a holiday, 8–10 Oct are working days.
    const a = await c.ok('leave.request', { type: 'annual', fromDay: '2026-10-07', toDay: '2026-10-10', reason: '探亲' });
    expect(a).toMatchObject({ userId: ids.agent1, userName: '李晓梅', status: 'requested', workingDays: 3, decidedBy: '', refuseReason: '' });
    const b = await c.ok('leave.request', { type: 'sick', fromDay: '2026-10-19', toDay: '2026-10-19', reason: '看病' });
    const d = await c.ok('leave.request', { type: 'personal', fromDay: '2026-10-26', toDay: '2026-10-27', reason: '办事' });

    await c.login('lead', PASSWORD);
    expect((await c.ok('leave.list', { scope: 'team', status: 'requested' })).total).toBe(3);
    expect(await c.ok('leave.decide', { id: a.id, approve: true, reason: '' })).toMatchObject({ status: 'approved', decidedBy: '张组长' });
    expect(await c.call('leave.decide', { id: b.id, approve: false, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'reason', code: 'required' }] },
    });
    expect(await c.ok('leave.decide', { id: b.id, approve: false, reason: '当日排班不足' })).toMatchObject({ status: 'refused', refuseReason: '当日排班不足' });
    // A decided request is not decided again.
    expect(await c.call('leave.decide', { id: a.id, approve: false, reason: '改主意' })).toMatchObject({ ok: false, error: { code: 'refused' } });

    await c.login('agent1', PASSWORD);
    expect(await c.call('leave.cancel', { id: a.id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await c.ok('leave.cancel', { id: d.id })).toMatchObject({ status: 'cancelled' });
    // Withdrawn and refused leave no longer block the days.
    await c.ok('leave.request', { type: 'personal', fromDay: '2026-10-19', toDay: '2026-10-27', reason: '另行安排' });

    const mine = await c.ok('leave.list', { scope: 'mine' });
    expect(mine.total).toBe(4);
    // Waiting for a decision first, then by period, newest first.
    expect(mine.rows.map((l) => [l.fromDay, l.status])).toEqual([
      ['2026-10-19', 'requested'],
      ['2026-10-26', 'cancelled'],
      ['2026-10-19', 'refused'],
      ['2026-10-07', 'approved'],
    ]);
    expect(outboxOf('leave')).toEqual(['leave.request', 'leave.request', 'leave.request', 'leave.decide', 'leave.decide', 'leave.cancel', 'leave.request']);
  });

  it('refuses a bad period beside its field, and overlapping leave beside the first day; nothing is written', async () => {
    await seeded();
    await c.login('agent1', PASSWORD);
    await c.ok('leave.request', { type: 'personal', fromDay: '2026-10-15', toDay: '2026-10-16', reason: '家中有事' });
    const before = rowCounts(c.core);
    const refused = async (p: { fromDay: string; toDay: string }) => {
      const env = await c.call('leave.request', { type: 'personal', reason: '再请', ...p });
      return env.ok ? null : env.error;
    };
    expect(await refused({ fromDay: '2026-10-16', toDay: '2026-10-19' })).toMatchObject({ code: 'invalid_params', fields: [{ field: 'fromDay', code: 'duplicate' }] });
    expect(await refused({ fromDay: '2026-10-01', toDay: '2026-10-31' })).toMatchObject({ fields: [{ field: 'fromDay', code: 'duplicate' }] });
    expect(await refused({ fromDay: '2026-10-20', toDay: '2026-10-19' })).toMatchObject({ fields: [{ field: 'toDay', code: 'out_of_range' }] });
    expect(await refused({ fromDay: '2026-01-01', toDay: '2026-12-31' })).toMatchObject({ fields: [{ field: 'toDay', code: 'out_of_range' }] });
    // Both days impossible: both fields named at once.
    expect(await refused({ fromDay: '2026-02-30', toDay: '2026-13-01' })).toMatchObject({
      fields: [
        { field: 'fromDay', code: 'invalid_format' },
        { field: 'toDay', code: 'invalid_format' },
      ],
    });
    expect(rowCounts(c.core)).toEqual(before);
    // Another user's leave on the same days is no clash.
    await c.login('agent2', PASSWORD);
    await c.ok('leave.request', { type: 'personal', fromDay: '2026-10-15', toDay: '2026-10-16', reason: '同日' });
  });

  it('nobody approves their own leave; an agent neither decides nor withdraws another’s; the team list is the lead’s', async () => {
    const ids = await seeded();
    await c.login('lead', PASSWORD);
    const own = await c.ok('leave.request', { type: 'annual', fromDay: '2026-10-12', toDay: '2026-10-12', reason: '休假' });
    await c.login('agent1', PASSWORD);
    const theirs = await c.ok('leave.request', { type: 'sick', fromDay: '2026-10-13', toDay: '2026-10-13', reason: '看病' });
    const before = rowCounts(c.core);

    await c.login('lead', PASSWORD);
    expect(await c.call('leave.decide', { id: own.id, approve: true, reason: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('leave.cancel', { id: theirs.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('leave.decide', { id: '01a20584-06f7-7129-91b2-27fa7cfc5475', approve: true, reason: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const user of ['agent1', 'agent2', 'inspector', 'admin']) {
      await c.login(user, PASSWORD);
      const counts = rowCounts(c.core);
      expect(await c.call('leave.decide', { id: theirs.id, approve: true, reason: '' }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('leave.list', { scope: 'team' }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(rowCounts(c.core), user).toEqual(counts);
    }
    await c.login('agent2', PASSWORD);
    expect(await c.call('leave.cancel', { id: theirs.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // An agent's own list holds only their own leave.
    await c.login('agent1', PASSWORD);
    expect((await c.ok('leave.list', { scope: 'mine' })).rows.map((l) => l.userId)).toEqual([ids.agent1]);
    const counts = rowCounts(c.core);
    expect({ ...counts, sessions: 0, audit_log: 0 }).toEqual({ ...before, sessions: 0, audit_log: 0 });
    expect((await c.ok('leave.list', { scope: 'mine', status: 'approved' })).rows).toEqual([]);
  });

  it('leave.list pages', async () => {
    await seeded();
    await c.login('agent1', PASSWORD);
    for (const day of ['2026-10-12', '2026-10-13', '2026-10-14']) await c.ok('leave.request', { type: 'personal', fromDay: day, toDay: day, reason: '事' });
    const page = await c.ok('leave.list', { scope: 'mine', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((l) => l.fromDay)).toEqual(['2026-10-13', '2026-10-12']);
  });
});
