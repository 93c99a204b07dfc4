import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttendanceMonth, LeaveRow } from '../../shared/api/qualityTypes';
import type { Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { AttendancePage } from '../../renderer/src/features/attendance/AttendancePage';
import { thisMonth } from '../../renderer/src/features/attendance/bits';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { setLanguage } from '../../renderer/src/i18n';
import { attendance, leave, month, today } from './attendanceFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** 考勤: today's sign-in and sign-out, the month, my leave; for team leads the team and leave approvals. */

const settle = () => act(async () => {});
const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const ok = (result: unknown) => ({ ok: true, result });

/** The fixture month moved to the month asked for (the page opens on the current one). */
const monthOf = (m: string, over: Partial<AttendanceMonth> = {}): AttendanceMonth => {
  const base = month(over);
  return { ...base, month: m, days: base.days.map((d) => ({ ...d, day: `${m}${d.day.slice(7)}` })) };
};

beforeEach(() => {
  useSettings.getState().put(settings);
});
afterEach(async () => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null });
  await act(() => setLanguage('zh'));
});

function mount(role: Parameters<typeof session>[0], handlers: Parameters<typeof fakeBridge>[0] = {}) {
  useSession.setState({ phase: 'ready', session: session(role) });
  const fake = fakeBridge({
    'attendance.today': () => ok(today()),
    'attendance.mine': (p) => ok(monthOf(String(p.month))),
    'attendance.team': (p) => ok([monthOf(String(p.month), { userId: 'u-2', userName: '赵建国' }), monthOf(String(p.month), { userId: 'u-3', userName: '李晓梅', rate: 100, flag: 'commended', clockSuspect: 0 })]),
    'leave.list': () => ok({ rows: [], total: 0 }),
    ...handlers,
  });
  render(
    <AntApp>
      <AttendancePage />
    </AntApp>,
  );
  return fake;
}

describe('我的考勤', () => {
  it('signs in with the suggested shift chosen; Enter signs in, and the day and month reload', async () => {
    let signedIn = false;
    const fake = mount('agent', {
      'attendance.today': () => ok(today(signedIn ? { record: attendance({ shift: { id: 'evening', name: '晚班', start: '13:00', end: '21:00', graceMinutes: 5 }, lateMinutes: 0 }) } : {})),
      'attendance.signIn': () => {
        signedIn = true;
        return ok(attendance());
      },
    });
    await settle();
    expect(screen.getByTestId('attendance-today-state').textContent).toBe('尚未签到');
    fireEvent.click(screen.getByTestId('attendance-signin'));
    await settle();
    // The shift starting nearest to now is chosen; the keys are said.
    const radio = screen.getByTestId('signin-shift-evening');
    expect((radio.tagName === 'INPUT' ? (radio as HTMLInputElement) : (radio.querySelector('input') as HTMLInputElement)).checked).toBe(true);
    expect(screen.getByTestId('signin-keys').textContent).toContain('回车签到');
    fireEvent.keyDown(screen.getByTestId('signin-note'), { key: 'Enter' });
    await settle();
    expect(fake.of('attendance.signIn')[0]?.params).toEqual({ shiftId: 'evening' });
    expect(fake.of('attendance.today')).toHaveLength(2);
    expect(fake.of('attendance.mine')).toHaveLength(2);
    expect(screen.getByTestId('attendance-today').textContent).toContain('晚班');
    expect(screen.queryByTestId('attendance-signin')).toBeNull();
  });

  it('a second sign-in refused by the core is said in the dialog', async () => {
    mount('agent', { 'attendance.signIn': () => ({ ok: false, error: { code: 'invalid_params', message: 'already', fields: [{ field: 'day', code: 'duplicate', message: 'already signed in' }] } }) });
    await settle();
    fireEvent.click(screen.getByTestId('attendance-signin'));
    await settle();
    fireEvent.click(screen.getByTestId('signin-ok'));
    await settle();
    expect(screen.getByTestId('signin-error').textContent).toBeTruthy();
  });

  it('shows the month: each day’s state, the rate flagged low, the suspect clock', async () => {
    mount('agent');
    await settle();
    const m = thisMonth();
    const cal = screen.getByTestId('attendance-calendar');
    const state = (d: string) => within(cal).getByTestId(`att-day-${m}-${d}`).getAttribute('data-state');
    expect([state('02'), state('03'), state('04'), state('05'), state('07')]).toEqual(['present', 'late', 'absent', 'leave', 'rest']);
    expect(within(cal).getByTestId(`att-day-${m}-05`).textContent).toContain('病假');
    expect(within(within(cal).getByTestId(`att-day-${m}-03`)).getByTestId('attendance-clock-suspect').textContent).toBe('时钟异常');
    const summary = screen.getByTestId('attendance-summary');
    expect(within(summary).getByTestId('attendance-rate').textContent).toBe('66.7%');
    expect(within(summary).getByTestId('attendance-flag').textContent).toBe('出勤率偏低');
    expect(summary.textContent).toContain('缺勤 1');
  });

  it('signing out before the shift’s end asks first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 15:00 in Beijing on a day shift ending 17:30.
    vi.setSystemTime(new Date('2026-11-20T07:00:00.000Z'));
    const fake = mount('agent', { 'attendance.today': () => ok(today({ record: attendance({ lateMinutes: 0 }) })), 'attendance.signOut': () => ok(attendance({ signOutAt: '2026-11-20T07:00:00.000Z', earlyMinutes: 145 })) });
    await settle();
    fireEvent.click(screen.getByTestId('attendance-signout'));
    await settle();
    expect(document.body.textContent).toContain('现在签退将记为早退');
    expect(fake.of('attendance.signOut')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('signout-early-ok'));
    await settle();
    expect(fake.of('attendance.signOut')).toHaveLength(1);
  });
});

describe('我的请假', () => {
  it('shows every problem beside its box before sending, then the core’s overlap beside the first day', async () => {
    const rows: LeaveRow[] = [];
    let answer: 'overlap' | 'ok' = 'overlap';
    const fake = mount('agent', {
      'leave.list': () => ok({ rows, total: rows.length }),
      'leave.request': (p) => {
        if (answer === 'overlap') return { ok: false, error: { code: 'invalid_params', message: 'overlap', fields: [{ field: 'fromDay', code: 'duplicate', message: 'overlaps' }] } };
        const l = leave({ type: p.type as LeaveRow['type'], reason: String(p.reason) });
        rows.push(l);
        return ok(l);
      },
    });
    await settle();
    fireEvent.click(screen.getByTestId('attendance-tab-leave'));
    await settle();
    fireEvent.click(screen.getByTestId('leave-request'));
    await settle();
    // The period ending before it starts, no type, no reason: all three at once, nothing sent.
    const to = screen.getByTestId('leave-toDay');
    fireEvent.mouseDown(to);
    fireEvent.change(to, { target: { value: '2020-01-01' } });
    fireEvent.keyDown(to, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('leave-submit'));
    await settle();
    expect(screen.getByTestId('field-error-type')).toBeTruthy();
    expect(screen.getByTestId('field-error-reason').textContent).toBe('此项必填');
    expect(screen.getByTestId('field-error-toDay')).toBeTruthy();
    expect(fake.of('leave.request')).toHaveLength(0);

    fireEvent.mouseDown(to);
    fireEvent.change(to, { target: { value: screen.getByTestId('leave-fromDay').getAttribute('value') } });
    fireEvent.keyDown(to, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('leave-type-sick'));
    fireEvent.change(screen.getByTestId('leave-reason'), { target: { value: '发烧' } });
    fireEvent.click(screen.getByTestId('leave-submit'));
    await settle();
    expect(fake.of('leave.request')).toHaveLength(1);
    expect(screen.getByTestId('field-error-fromDay').textContent).toBe('与您已申请的请假时间重叠');
    expect(screen.queryByTestId('field-error-reason')).toBeNull();

    answer = 'ok';
    fireEvent.click(screen.getByTestId('leave-submit'));
    await settle();
    expect(fake.of('leave.request')[1]?.params).toMatchObject({ type: 'sick', reason: '发烧' });
    expect(screen.queryByTestId('leave-request-dialog')).toBeNull();
    const row = screen.getByTestId('leave-row');
    expect(within(row).getByTestId('leave-status').textContent).toBe('待审批');
    expect(within(row).getByText('发烧').closest('[data-data]')).not.toBeNull();
  });

  it('withdraws a pending request; a decided one has no button', async () => {
    const rows = [leave(), leave({ id: '0195f3a2-7b1c-7000-8000-0000000000b2', status: 'refused', decidedBy: '陈班长', refuseReason: '当日人手不足' })];
    const fake = mount('agent', {
      'leave.list': () => ok({ rows, total: 2 }),
      'leave.cancel': () => {
        rows[0] = { ...(rows[0] as LeaveRow), status: 'cancelled' };
        return ok(rows[0]);
      },
    });
    await settle();
    fireEvent.click(screen.getByTestId('attendance-tab-leave'));
    await settle();
    expect(screen.getAllByTestId('leave-cancel')).toHaveLength(1);
    expect(screen.getByTestId('leave-mine').textContent).toContain('当日人手不足');
    fireEvent.click(screen.getByTestId('leave-cancel'));
    await settle();
    fireEvent.click(screen.getByTestId('leave-cancel-ok'));
    await settle();
    expect(fake.of('leave.cancel')[0]?.params).toEqual({ id: rows[0]?.id });
    expect(screen.queryAllByTestId('leave-cancel')).toHaveLength(0);
  });
});

describe('for team leads', () => {
  it('an agent has only their own tabs', async () => {
    mount('agent');
    await settle();
    expect(screen.queryByTestId('attendance-tab-team')).toBeNull();
    expect(screen.queryByTestId('attendance-tab-approvals')).toBeNull();
  });

  it('团队考勤: each person’s month with flags and clock warnings; a row opens the calendar', async () => {
    const fake = mount('team_lead');
    await settle();
    fireEvent.click(screen.getByTestId('attendance-tab-team'));
    await settle();
    expect(fake.of('attendance.team')).toHaveLength(1);
    const rows = screen.getAllByTestId('attendance-team-row');
    expect(rows.map((r) => r.getAttribute('data-flag'))).toEqual(['low', 'commended']);
    expect(within(rows[0] as HTMLElement).getByTestId('team-clock-suspect').textContent).toBe('1');
    expect(within(rows[0] as HTMLElement).getByText('赵建国').closest('[data-data]')).not.toBeNull();
    fireEvent.click(within(rows[0] as HTMLElement).getByText('赵建国'));
    await settle();
    expect(screen.getByTestId('attendance-calendar-u-2')).toBeTruthy();
  });

  it('请假审批: approves; refusing needs a reason, said beside the box; own leave has no buttons', async () => {
    const rows = [leave({ userId: 'u-2', userName: '赵建国' }), leave({ id: '0195f3a2-7b1c-7000-8000-0000000000b3' })];
    const fake = mount('team_lead', {
      'leave.list': (p) => ok({ rows: rows.filter((l) => !p.status || l.status === p.status), total: rows.length }),
      'leave.decide': (p) => ok({ ...rows[0], status: p.approve ? 'approved' : 'refused' }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('attendance-tab-approvals'));
    await settle();
    expect(fake.of('leave.list').at(-1)?.params).toMatchObject({ scope: 'team', status: 'requested' });
    // The lead's own request (user-1) waits for another lead.
    expect(screen.getAllByTestId('leave-approve')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('leave-refuse'));
    await settle();
    fireEvent.click(screen.getByTestId('leave-refuse-ok'));
    await settle();
    expect(screen.getByTestId('field-error-reason').textContent).toBe('此项必填');
    expect(fake.of('leave.decide')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('leave-refuse-reason'), { target: { value: '月底盘点' } });
    fireEvent.click(screen.getByTestId('leave-refuse-ok'));
    await settle();
    expect(fake.of('leave.decide')[0]?.params).toEqual({ id: rows[0]?.id, approve: false, reason: '月底盘点' });
    fireEvent.click(screen.getByTestId('leave-approve'));
    await settle();
    expect(fake.of('leave.decide')[1]?.params).toEqual({ id: rows[0]?.id, approve: true, reason: '' });
  });

  it('reads in English, shift names and people as written', async () => {
    await act(() => setLanguage('en'));
    mount('team_lead', { 'attendance.today': () => ok(today({ record: attendance() })) });
    await settle();
    expect(screen.getByTestId('attendance-tab-approvals').textContent).toBe('Leave approvals');
    expect(screen.getByTestId('attendance-today').textContent).toContain('7 min late');
    expect(screen.getByText('白班').closest('[data-data]')).not.toBeNull();
    expect(screen.getByTestId('attendance-summary').textContent).toContain('Low attendance');
  });
});
