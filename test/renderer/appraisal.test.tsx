import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppraisalReport, AppraisalRow } from '../../shared/api/qualityTypes';
import type { Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { AppraisalPage } from '../../renderer/src/features/appraisal/AppraisalPage';
import { effectiveShares } from '../../renderer/src/features/appraisal/figures';
import { lastMonthKey, switchPeriod } from '../../renderer/src/features/appraisal/period';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** 绩效: the team ranked for QA roles with the export; only "my scorecard" for agents; nothing for admins. */

const settle = () => act(async () => {});
const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };

function row(over: Partial<Omit<AppraisalRow, 'figures'>> & { figures?: Partial<AppraisalRow['figures']> } = {}): AppraisalRow {
  const { figures, ...rest } = over;
  return {
    userId: 'u-1',
    userName: '李晓梅',
    role: 'agent',
    rank: 1,
    figures: {
      callsHandled: 120,
      callsLate: 6,
      complaints: 0,
      callbacksDue: 10,
      callbacksOnTime: 9,
      qaReviews: 12,
      qaAverage: 91.5,
      fatalErrors: 0,
      satisfactionAverage: 88,
      attendanceRate: 100,
      ...figures,
    },
    scores: { serviceStandard: 91.5, volume: 100, timeliness: 95, complaints: 100, callbacks: 90, satisfaction: 88, attendance: 100 },
    total: 94.2,
    ...rest,
  };
}

const REPORT = (key: string): AppraisalReport => ({
  period: 'month',
  key,
  from: `${key}-01`,
  to: `${key}-31`,
  rows: [
    row(),
    row({
      userId: 'u-2',
      userName: '赵建国',
      rank: 2,
      figures: { fatalErrors: 1, qaAverage: 60, complaints: 2, attendanceRate: 85, callbacksDue: 0, callbacksOnTime: 0 },
      scores: { serviceStandard: 60, volume: 80, timeliness: 90, complaints: 60, callbacks: null, satisfaction: 80, attendance: 85 },
      total: 70.3,
    }),
  ],
});

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
    'appraisal.team': (p) => ({ ok: true, result: { ...REPORT(String(p.key)), period: p.period } }),
    'appraisal.mine': () => ({ ok: true, result: row({ userId: 'user-1', userName: '王小明', rank: 3 }) }),
    'appraisal.export': () => ({ ok: true, result: { filename: '绩效-2026-10.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==', rows: 2 } }),
    ...handlers,
  });
  render(
    <AntApp>
      <AppraisalPage />
    </AntApp>,
  );
  return fake;
}

describe('period keys', () => {
  it('defaults to last month by the Beijing calendar, across the new year', () => {
    expect(lastMonthKey('2026-11-22T03:00:00.000Z')).toBe('2026-10');
    // 1 January 00:30 in Beijing is still 31 December in UTC: the month before January is December.
    expect(lastMonthKey('2025-12-31T16:30:00.000Z')).toBe('2025-12');
    expect(lastMonthKey('2026-01-15T03:00:00.000Z')).toBe('2025-12');
  });
  it('switching month → quarter → year stays around the same time', () => {
    const q = switchPeriod({ period: 'month', key: '2026-11' }, 'quarter');
    expect(q).toEqual({ period: 'quarter', key: '2026-Q4' });
    expect(switchPeriod(q, 'year')).toEqual({ period: 'year', key: '2026' });
    expect(switchPeriod(q, 'month')).toEqual({ period: 'month', key: '2026-10' });
  });
  it('a part with nothing to measure is left out and its weight shared among the others', () => {
    const s = effectiveShares({ serviceStandard: 80, volume: 80, timeliness: 80, complaints: 80, callbacks: null, satisfaction: 80, attendance: 80 }, DEFAULT_SETTINGS.appraisalWeights);
    expect(s.callbacks).toBeNull();
    // 25 of the 90 points that count.
    expect(s.serviceStandard).toBeCloseTo((25 / 90) * 100, 5);
    expect(Object.values(s).reduce((a: number, b) => a + (b ?? 0), 0)).toBeCloseTo(100, 5);
  });
});

describe('绩效 for QA roles', () => {
  it('ranks the team for last month, with each part, flags and the total; names are data', async () => {
    const fake = mount('team_lead');
    await settle();
    expect(fake.of('appraisal.team')[0]?.params).toEqual({ period: 'month', key: lastMonthKey() });
    expect(fake.of('appraisal.mine')).toHaveLength(0);
    const rows = screen.getAllByTestId('appraisal-row');
    expect(rows.map((r) => within(r).getByTestId('appraisal-agent').textContent)).toEqual(['李晓梅', '赵建国']);
    expect(rows.map((r) => within(r).getByTestId('appraisal-total').textContent)).toEqual(['94.2', '70.3']);
    expect(screen.getByText('李晓梅').closest('[data-data]')).not.toBeNull();
    // Attendance below the 90% line is flagged, 100% commended; a fatal error is shown with the QA average.
    expect(screen.getByTestId('appraisal-u-2-attendance').getAttribute('data-flag')).toBe('low');
    expect(screen.getByTestId('appraisal-u-1-attendance').getAttribute('data-flag')).toBe('commended');
    expect(screen.getByTestId('appraisal-u-2-serviceStandard').textContent).toContain('红线 1 次');
    expect(screen.getByTestId('appraisal-u-2-callbacks').textContent).toContain('无到期回访');
    expect(screen.getByTestId('appraisal-u-1-timeliness').textContent).toContain('超时接听 6 个(5%)');
  });

  it('a callback officer takes no calls: their volume reads in callbacks due, in both languages', async () => {
    const officer = row({ userId: 'u-3', userName: '陈志强', role: 'callback_officer', figures: { callsHandled: 0, callbacksDue: 12, callbacksOnTime: 8 } });
    mount('team_lead', { 'appraisal.team': (p) => ({ ok: true, result: { ...REPORT(String(p.key)), rows: [officer] } }) });
    await settle();
    expect(screen.getByTestId('appraisal-u-3-volume').textContent).toContain('应回访 12 个');
    expect(screen.getByTestId('appraisal-u-3-volume').textContent).not.toContain('接听');
    await act(() => setLanguage('en'));
    expect(screen.getByTestId('appraisal-u-3-volume').textContent).toContain('12 callbacks due');
  });

  it('a quality inspector reads a quarter; the export downloads the core’s file', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const fake = mount('quality_inspector');
    await settle();
    fireEvent.click(screen.getByTestId('appraisal-period-quarter'));
    await settle();
    const q = fake.of('appraisal.team').at(-1)?.params;
    expect(q?.period).toBe('quarter');
    expect(String(q?.key)).toMatch(/^\d{4}-Q[1-4]$/);
    fireEvent.click(screen.getByTestId('appraisal-export'));
    await settle();
    expect(fake.of('appraisal.export')[0]?.params).toEqual(q);
    expect(click).toHaveBeenCalled();
    expect(created[0]?.size).toBe(4);
    expect(document.body.textContent).toContain('已导出 2 人');
    click.mockRestore();
  });
});

describe('绩效 for everyone else', () => {
  it('an agent sees only their own scorecard, with the figures and how the total is weighted', async () => {
    const fake = mount('agent');
    await settle();
    expect(fake.of('appraisal.team')).toHaveLength(0);
    expect(fake.of('appraisal.mine')[0]?.params).toEqual({ period: 'month', key: lastMonthKey() });
    expect(screen.queryByTestId('appraisal-export')).toBeNull();
    const figures = screen.getByTestId('appraisal-mine-figures').textContent ?? '';
    for (const w of ['接听量120', '超时接听占比5%', '被投诉0', '按时回访9/10', '质检平均分91.5', '红线错误0', '满意度88', '出勤率100%']) expect(figures).toContain(w);
    expect(screen.getByTestId('appraisal-mine-rank').textContent).toBe('团队排名第 3 名');
    const parts = screen.getByTestId('appraisal-mine-parts');
    // Service standards: weight 25 of 100, all parts counted.
    expect(within(parts).getAllByRole('row')[1]?.textContent).toContain('25%');
    expect(screen.getByTestId('appraisal-mine').textContent).toContain('加权平均');
  });

  it('an agent with nothing in the period is told so', async () => {
    mount('callback_officer', { 'appraisal.mine': () => ({ ok: true, result: null }) });
    await settle();
    expect(screen.getByTestId('appraisal-mine-none')).toBeTruthy();
  });

  it('an administrator is not appraised and reads nothing', async () => {
    const fake = mount('admin');
    await settle();
    expect(screen.getByTestId('appraisal-not-appraised')).toBeTruthy();
    expect(fake.of('appraisal.mine')).toHaveLength(0);
    expect(fake.of('appraisal.team')).toHaveLength(0);
  });

  it('reads in English, the names staying as written', async () => {
    await act(() => setLanguage('en'));
    mount('team_lead');
    await settle();
    expect(screen.getByText('Team ranking')).toBeTruthy();
    expect(screen.getByTestId('appraisal-u-2-serviceStandard').textContent).toContain('1 fatal');
    expect(screen.getByTestId('appraisal-team').textContent).toContain('Attendance');
  });
});
