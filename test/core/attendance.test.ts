import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_RULES } from '../../shared/domain/attendance';
import { openTestConsole, ORG, PASSWORD, rowCounts, TestClock, type TestConsole, tmpDir } from '../helpers/core';

/**
 * Sign-in, sign-out and the monthly attendance over a real store. October 2026 has the National Day
 * holidays (1–7 October) and a make-up working Saturday (10 October), so its working days are not its
 * weekdays.
 */

let c: TestConsole;
afterEach(() => c?.close());

/** Beijing wall-clock time, e.g. '2026-10-12 08:41'. */
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

async function seeded(local = '2026-09-30 10:00'): Promise<Record<string, string>> {
  c = openTestConsole(tmpDir(), new TestClock(at(local)));
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'agent2', displayName: '赵建国', role: 'agent', password: PASSWORD });
  await c.ok('users.create', { username: 'officer', displayName: '陈回访', role: 'callback_officer', password: PASSWORD });
  await c.ok('users.create', { username: 'inspector', displayName: '周质检', role: 'quality_inspector', password: PASSWORD });
  await c.ok('users.create', { username: 'lead', displayName: '张组长', role: 'team_lead', password: PASSWORD });
  return Object.fromEntries((await c.ok('users.list', {})).map((u) => [u.username, u.id]));
}

/** Moves the clock and logs in again (a jump of days ends the session, as it would overnight). */
async function as(user: string, local: string, plusMs = 0) {
  c.clock.t = at(local) + plusMs;
  await c.login(user, PASSWORD);
}

const OCTOBER_WORKING = ['08', '09', '10', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27', '28', '29', '30'].map((d) => `2026-10-${d}`);

describe('the holiday calendar of October 2026', () => {
  it('has 18 working days: the 22 weekdays less the five of National Day, plus the make-up Saturday', () => {
    const days = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    const weekdays = days.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    expect(weekdays).toHaveLength(22);
    expect(days.filter((d) => chineseDays.isWorkday(d))).toEqual(OCTOBER_WORKING);
    expect(chineseDays.isWorkday('2026-10-10')).toBe(true); // a Saturday
    expect(days.slice(0, 7).some((d) => chineseDays.isWorkday(d))).toBe(false);
  });
});

describe('the monthly attendance rate', () => {
  it('counts working days on the holiday calendar, leaves out approved leave, and flags below 90%', async () => {
    await seeded();
    // Leave for Thursday and Friday 15–16 October, requested before and approved by the lead.
    await as('agent1', '2026-10-09 09:00');
    const leave = await c.ok('leave.request', { type: 'personal', fromDay: '2026-10-15', toDay: '2026-10-16', reason: '家中有事' });
    expect(leave.workingDays).toBe(2);
    await as('lead', '2026-10-09 10:00');
    expect(await c.ok('leave.decide', { id: leave.id, approve: true, reason: '' })).toMatchObject({ status: 'approved', decidedBy: '张组长' });

    const absent = new Set(['2026-10-20', '2026-10-21']);
    for (const day of OCTOBER_WORKING) {
      if (day === '2026-10-13') {
        // Mid-month, before signing in: the days so far, today not yet due.
        await as('agent1', '2026-10-13 08:00');
        const mid = await c.ok('attendance.mine', { month: '2026-10' });
        expect(mid.days).toHaveLength(13);
        expect(mid.days.at(-1)).toMatchObject({ day: '2026-10-13', working: true, state: 'upcoming' });
        expect(mid).toMatchObject({ dueDays: 4, presentDays: 4, lateDays: 1, absentDays: 0, rate: 100, flag: 'commended' });
      }
      if (absent.has(day) || day === '2026-10-15' || day === '2026-10-16') continue;
      // Late on the 12th (08:50: 20 minutes, 15 past the grace), early on the 13th (17:00: 30 minutes, 25 past it).
      await as('agent1', `${day} ${day === '2026-10-12' ? '08:50' : '08:28'}`);
      await c.ok('attendance.signIn', { shiftId: 'day' });
      await as('agent1', `${day} ${day === '2026-10-13' ? '17:00' : '17:35'}`);
      await c.ok('attendance.signOut', {});
      if (day === '2026-10-10') {
        // Overtime on Sunday the 11th is shown but neither due nor counted.
        await as('agent1', '2026-10-11 09:00');
        await c.ok('attendance.signIn', { shiftId: 'day' });
      }
    }

    // After the month: the whole month.
    await as('agent1', '2026-11-05 09:00');
    const m = await c.ok('attendance.mine', { month: '2026-10' });
    expect(m.days).toHaveLength(31);
    expect(m.days.filter((d) => d.working)).toHaveLength(18);
    expect(m).toMatchObject({ dueDays: 16, presentDays: 14, lateDays: 1, earlyDays: 1, absentDays: 2, leaveDays: 2, rate: 87.5, flag: 'low', clockSuspect: 0 });
    const state = (day: string) => m.days.find((d) => d.day === day);
    expect(state('2026-10-01')).toMatchObject({ working: false, state: 'rest', record: null });
    expect(state('2026-10-10')).toMatchObject({ working: true, state: 'present' });
    expect(state('2026-10-11')).toMatchObject({ working: false, state: 'rest', record: { day: '2026-10-11' } });
    expect(state('2026-10-12')).toMatchObject({ state: 'late', record: { lateMinutes: 15 } });
    expect(state('2026-10-13')).toMatchObject({ state: 'early', record: { earlyMinutes: 25 } });
    expect(state('2026-10-15')).toMatchObject({ state: 'leave', leave: { id: leave.id, type: 'personal' } });
    expect(state('2026-10-20')).toMatchObject({ state: 'absent', record: null });

    // The lead sees the team, lowest rate first: agent1 before the colleagues who never signed in (0%).
    await as('lead', '2026-11-05 09:10');
    const team = await c.ok('attendance.team', { month: '2026-10' });
    expect(team).toHaveLength(5);
    expect(team.find((t) => t.userName === '李晓梅')?.rate).toBe(87.5);
    expect(team.filter((t) => t.userName !== '李晓梅').every((t) => t.rate === 0 && t.dueDays === 18 && t.flag === 'low')).toBe(true);
    expect(team.at(-1)?.userName).toBe('李晓梅');
    expect(team.map((t) => t.userName)).not.toContain('王管理');
  });

  it('commends at 95% and more; a rate counts from the day the account was made', async () => {
    const ids = await seeded('2026-10-20 07:00');
    for (const day of OCTOBER_WORKING.filter((d) => d >= '2026-10-20')) {
      await as('agent2', `${day} 08:30`);
      await c.ok('attendance.signIn', { shiftId: 'day' });
    }
    await as('agent2', '2026-11-02 08:00');
    const m = await c.ok('attendance.mine', { month: '2026-10' });
    expect(m).toMatchObject({ userId: ids.agent2, dueDays: 9, presentDays: 9, rate: 100, flag: 'commended' });
    expect(m.days[0]?.day).toBe('2026-10-20');
    // A month that has not begun has nothing due.
    expect(await c.ok('attendance.mine', { month: '2026-12' })).toMatchObject({ dueDays: 0, rate: null, flag: null, days: [] });
  });

  it('follows the settings’ calendar corrections: a holiday declared by the administrator is not due', async () => {
    await seeded();
    await c.ok('settings.update', { calendar: { holidays: ['2026-10-30'], workdays: ['2026-10-31'] } });
    await as('agent1', '2026-11-03 09:00');
    const m = await c.ok('attendance.mine', { month: '2026-10' });
    expect(m.days.find((d) => d.day === '2026-10-30')).toMatchObject({ working: false, state: 'rest' });
    expect(m.days.find((d) => d.day === '2026-10-31')).toMatchObject({ working: true, state: 'absent' });
    expect(m.dueDays).toBe(18);
  });
});

describe('signing in and out', () => {
  it('derives lateness and early leave past the grace minutes', async () => {
    await seeded();
    // 08:35:59 is within the 5 grace minutes; 08:36 is one minute past them.
    await as('agent1', '2026-10-12 08:35', 59_000);
    expect(await c.ok('attendance.signIn', { shiftId: 'day', note: '' })).toMatchObject({ day: '2026-10-12', lateMinutes: 0, workstation: 'A07', signOutAt: null, earlyMinutes: null });
    await as('agent1', '2026-10-12 17:25');
    expect(await c.ok('attendance.signOut', {})).toMatchObject({ earlyMinutes: 0 });

    await as('agent1', '2026-10-13 08:36');
    expect(await c.ok('attendance.signIn', { shiftId: 'day' })).toMatchObject({ day: '2026-10-13', lateMinutes: 1 });
    await as('agent1', '2026-10-13 17:24');
    expect(await c.ok('attendance.signOut', {})).toMatchObject({ earlyMinutes: 1 });
    const m = await c.ok('attendance.mine', { month: '2026-10' });
    expect(m.days.find((d) => d.day === '2026-10-12')?.state).toBe('present');
    expect(m.days.find((d) => d.day === '2026-10-13')?.state).toBe('late_early');
  });

  it('refuses a second sign-in the same day, a second sign-out, an unknown shift, and signing out unsigned; nothing is written', async () => {
    await seeded();
    await as('agent1', '2026-10-12 08:30');
    expect(await c.call('attendance.signOut', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await c.call('attendance.signIn', { shiftId: 'nosuch' })).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'shiftId', code: 'invalid_value' }] } });
    await c.ok('attendance.signIn', { shiftId: 'day' });
    await as('agent1', '2026-10-12 13:00');
    const before = rowCounts(c.core);
    expect(await c.call('attendance.signIn', { shiftId: 'evening' })).toMatchObject({ ok: false, error: { code: 'refused', fields: [{ field: 'shiftId', code: 'duplicate' }] } });
    expect(rowCounts(c.core)).toEqual(before);
    await c.ok('attendance.signOut', {});
    const after = rowCounts(c.core);
    expect(await c.call('attendance.signOut', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(rowCounts(c.core)).toEqual(after);
    // Each change went to the outbox, to sync like any record.
    expect((c.core.context.db.prepare("SELECT name FROM outbox WHERE entity = 'attendance' ORDER BY rowid").all() as { name: string }[]).map((r) => r.name)).toEqual([
      'attendance.signIn',
      'attendance.signOut',
    ]);
  });

  it('a night shift signed into after midnight belongs to the day before, and is the one signed out of', async () => {
    await seeded();
    const shifts = [...DEFAULT_ATTENDANCE_RULES.shifts, { id: 'night', name: '夜班', start: '22:00', end: '06:00', graceMinutes: 5 }];
    await c.ok('settings.update', { attendance: { ...DEFAULT_ATTENDANCE_RULES, shifts } });
    await as('agent1', '2026-10-13 00:10');
    const today = await c.ok('attendance.today', {});
    expect(today).toMatchObject({ day: '2026-10-13', record: null, suggestedShiftId: 'night', working: true });
    expect(today.shifts.map((s) => s.id)).toEqual(['day', 'evening', 'night']);
    // 00:10 is 2 h 10 min into the night shift of the 12th.
    expect(await c.ok('attendance.signIn', { shiftId: 'night' })).toMatchObject({ day: '2026-10-12', lateMinutes: 125 });
    await as('agent1', '2026-10-13 05:00');
    expect(await c.ok('attendance.today', {})).toMatchObject({ day: '2026-10-12', record: { day: '2026-10-12', signOutAt: null } });
    // Signing out a little after the shift's end (and after 06:00) still closes the night's record.
    await as('agent1', '2026-10-13 06:20');
    expect(await c.ok('attendance.signOut', {})).toMatchObject({ day: '2026-10-12', earlyMinutes: 0 });
    expect(await c.ok('attendance.today', {})).toMatchObject({ day: '2026-10-13', record: null });
  });

  it('today: the shift nearest now is suggested, and a holiday is not a working day', async () => {
    await seeded();
    await as('agent2', '2026-10-03 12:40');
    expect(await c.ok('attendance.today', {})).toMatchObject({ day: '2026-10-03', working: false, record: null, suggestedShiftId: 'evening' });
    await as('agent2', '2026-10-10 08:00');
    expect(await c.ok('attendance.today', {})).toMatchObject({ day: '2026-10-10', working: true, suggestedShiftId: 'day' });
    const rec = await c.ok('attendance.signIn', { shiftId: 'day' });
    expect(await c.ok('attendance.today', {})).toMatchObject({ record: { id: rec.id } });
  });
});
