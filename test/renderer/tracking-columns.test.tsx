import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackingRow } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { DEFAULT_COLUMNS } from '../../renderer/src/features/tracking/columns';
import { TrackingPage } from '../../renderer/src/features/tracking/TrackingPage';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

const row: TrackingRow = {
  id: '01a20584-06f7-7129-91b2-27fa7cfc5471',
  complaintNo: 'TS-2026-A07-0001',
  receivedAt: '2026-11-22T02:00:00.000Z',
  channel: 'phone',
  complainant: '客户1',
  organisation: '宏达纺织',
  phone: '13800138000',
  problem: '要求退款',
  severity: 'major',
  type: 'fee',
  departments: ['市场部'],
  handlerName: '赵建国',
  status: 'in_handling',
  result: '',
  completedAt: null,
  callbackDueAt: null,
  callbackAt: null,
  callbackResult: null,
  rectificationDept: '',
  rectificationNote: '',
  closedAt: null,
  round: 1,
  repeatIndex: 1,
  daysOpen: 2,
  nextDeadline: '2026-11-23T02:00:00.000Z',
  overdue: ['report'],
  late: [],
  warning: [],
};

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
});

const headers = () => [...screen.getByTestId('tracking-table').querySelectorAll('thead th')].map((th) => th.textContent ?? '').filter(Boolean);

function open(saved: Record<string, unknown>) {
  const fake = fakeBridge({
    'tracking.prefs.get': () => ({ ok: true, result: saved }),
    'tracking.query': () => ({ ok: true, result: { total: 1, rows: [row], asOf: '2026-11-22T03:00:00.000Z' } }),
    'users.directory': () => ({ ok: true, result: [] }),
    'tracking.prefs.save': (p) => ({ ok: true, result: p.view }),
  });
  const view = render(
    <AntApp>
      <TrackingPage />
    </AntApp>,
  );
  return { fake, ...view };
}

describe('tracking sheet columns (列设置)', () => {
  it('shows the lead’s columns first; the others come from the column menu and are kept with the saved view, never sent to the query', async () => {
    const { fake } = open({ sort: 'receivedAt', dir: 'desc' });
    await settle();
    await settle();
    expect(headers().slice(0, 6)).toEqual(['投诉编号', '客户', '等级', '状态', '下一期限', '超期']);
    expect(headers()).toHaveLength(DEFAULT_COLUMNS.length);
    expect(headers()).not.toContain('单位');

    fireEvent.click(screen.getByTestId('tracking-columns'));
    await settle();
    fireEvent.click(screen.getByTestId('tracking-column-menu').querySelector('[data-column="organisation"]')!);
    await settle();
    expect(headers()).toContain('单位');
    await wait(700);
    const saved = fake.of('tracking.prefs.save').at(-1)!.params as { view: { columns?: string[] } };
    expect(saved.view.columns).toContain('organisation');
    // Showing a column asks the core nothing new, and no query carries the column choice.
    expect(fake.of('tracking.query')).toHaveLength(1);
    expect(fake.of('tracking.query').every((c) => !('columns' in (c.params as object)))).toBe(true);
  });

  it('opens with the saved choice; 恢复默认列 goes back to the default set (stored as no choice)', async () => {
    const { fake } = open({ sort: 'receivedAt', dir: 'desc', columns: ['complaintNo', 'phone', 'no-such-column'] });
    await settle();
    await settle();
    expect(headers()).toEqual(['投诉编号', '电话']);
    fireEvent.click(screen.getByTestId('tracking-columns'));
    await settle();
    fireEvent.click(screen.getByTestId('tracking-columns-default'));
    await settle();
    expect(headers()).toHaveLength(DEFAULT_COLUMNS.length);
    await wait(700);
    expect(fake.of('tracking.prefs.save').at(-1)!.params).toEqual({ view: { sort: 'receivedAt', dir: 'desc' } });
  });

  it('a view changed and changed back before it was saved is not saved at all, not even when leaving', async () => {
    const { fake, unmount } = open({ sort: 'receivedAt', dir: 'desc' });
    await settle();
    await settle();
    fireEvent.click(screen.getByTestId('tracking-overdue'));
    await settle();
    fireEvent.click(screen.getByTestId('tracking-overdue'));
    await settle();
    unmount();
    expect(fake.of('tracking.prefs.save')).toHaveLength(0);
  });
});
