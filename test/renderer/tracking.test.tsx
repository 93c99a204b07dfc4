import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSummary, TrackingRow } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { BoardPage } from '../../renderer/src/features/tracking/BoardPage';
import { TrackingPage } from '../../renderer/src/features/tracking/TrackingPage';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

function row(n: number, extra: Partial<TrackingRow> = {}): TrackingRow {
  return {
    id: `01a20584-06f7-7129-91b2-27fa7cfc547${n}`,
    complaintNo: `TS-2026-A07-000${n}`,
    receivedAt: '2026-11-22T02:00:00.000Z',
    channel: 'phone',
    complainant: `客户${n}`,
    organisation: '宏达',
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
    ...extra,
  };
}

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
});

describe('tracking sheet page', () => {
  it('shows a capped count as "10000+"', async () => {
    fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: { sort: 'receivedAt', dir: 'desc' } }),
      'tracking.query': () => ({ ok: true, result: { total: 10000, capped: true, rows: [row(1)], asOf: '2026-11-22T03:00:00.000Z' } }),
      'users.directory': () => ({ ok: true, result: [] }),
    });
    render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    await settle();
    expect(screen.getByTestId('tracking-total').textContent).toBe('共 10000+ 条');
  });

  it('opens with the saved view, queries with it, marks overdue rows, saves changes and opens a row', async () => {
    const saved = { severity: ['major'], overdue: true, sort: 'nextDeadline', dir: 'asc' };
    const fake = fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: saved }),
      'tracking.query': () => ({ ok: true, result: { total: 1, rows: [row(1)], asOf: '2026-11-22T03:00:00.000Z' } }),
      'users.directory': () => ({ ok: true, result: [] }),
      'tracking.prefs.save': (p) => ({ ok: true, result: p.view }),
    });
    render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    await settle();
    expect(fake.of('tracking.query')[0]!.params).toMatchObject({ ...saved, limit: 100, offset: 0 });
    expect(screen.getByTestId('tracking-total').textContent).toBe('共 1 条');
    expect(screen.getByTestId('tracking-overdue')).toBeTruthy();
    // The print table holds the same rows, with the annex 3 headers.
    expect(screen.getByTestId('tracking-print-table').textContent).toContain('上报超期');

    fireEvent.change(screen.getByTestId('tracking-search'), { target: { value: '退款' } });
    await wait(300);
    expect(fake.of('tracking.query').at(-1)!.params).toMatchObject({ q: '退款', severity: ['major'], overdue: true });
    await wait(700);
    expect(fake.of('tracking.prefs.save').at(-1)!.params).toEqual({ view: { ...saved, q: '退款' } });

    const rows = document.querySelectorAll('[data-testid="tracking-row"]');
    expect(rows).toHaveLength(1);
    fireEvent.click(rows[0]!);
    expect(window.location.hash).toBe(`#/complaints/${row(1).id}`);
  });

  it('saves a view changed just before leaving the sheet (opening a row) at once', async () => {
    const fake = fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: { sort: 'receivedAt', dir: 'desc' } }),
      'tracking.query': () => ({ ok: true, result: { total: 1, rows: [row(1)], asOf: '2026-11-22T03:00:00.000Z' } }),
      'users.directory': () => ({ ok: true, result: [] }),
      'tracking.prefs.save': (p) => ({ ok: true, result: p.view }),
    });
    const { unmount } = render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    await settle();
    fireEvent.click(screen.getByTestId('tracking-overdue'));
    await settle();
    expect(fake.of('tracking.prefs.save')).toHaveLength(0);
    unmount();
    expect(fake.of('tracking.prefs.save').at(-1)!.params).toEqual({ view: { sort: 'receivedAt', dir: 'desc', overdue: true } });
  });

  it('pages through the sheet: page 2 asks for the next rows and stays on page 2', async () => {
    const fake = fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: { sort: 'receivedAt', dir: 'desc' } }),
      'tracking.query': (p) => ({ ok: true, result: { total: 250, rows: [row(p.offset === 100 ? 2 : 1)], asOf: '2026-11-22T03:00:00.000Z' } }),
      'users.directory': () => ({ ok: true, result: [] }),
    });
    const { container } = render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    fireEvent.click(container.querySelector('.ant-pagination-item-2')!);
    await settle();
    expect(fake.of('tracking.query').at(-1)!.params).toMatchObject({ limit: 100, offset: 100 });
    expect(container.querySelector('.ant-pagination-item-active')?.textContent).toBe('2');
    expect(screen.getAllByTestId('tracking-row')[0]!.getAttribute('data-complaint-no')).toBe(row(2).complaintNo);
  });

  it('exports the whole view as a job and hands the file to the browser when it is done', async () => {
    const created: string[] = [];
    URL.createObjectURL = () => {
      created.push('blob');
      return 'blob:x';
    };
    URL.revokeObjectURL = () => {};
    const job = { jobId: '01a20584-06f7-7129-91b2-27fa7cfc5475', kind: 'tracking_export', phase: 'select', done: 0, total: 10, state: 'running', filename: 'a.csv' } as const;
    const fake = fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: { sort: 'receivedAt', dir: 'desc' } }),
      'tracking.query': () => ({ ok: true, result: { total: 0, rows: [], asOf: '2026-11-22T03:00:00.000Z' } }),
      'users.directory': () => ({ ok: true, result: [] }),
      'tracking.exportStart': () => ({ ok: true, result: job }),
      'jobs.read': () => ({ ok: true, result: { filename: 'a.csv', mime: 'text/csv', base64: btoa('x'), offset: 0, size: 1, next: null } }),
    });
    render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    fireEvent.click(screen.getByTestId('tracking-export-csv'));
    await settle();
    expect(fake.of('tracking.exportStart')[0]!.params).toEqual({ sort: 'receivedAt', dir: 'desc', format: 'csv' });
    expect(created).toHaveLength(0);
    await act(async () => fake.emit('job.progress', { ...job, phase: 'write', done: 10, state: 'done', size: 1 }));
    await settle();
    expect(fake.of('jobs.read')).toHaveLength(1);
    expect(created).toHaveLength(1);
  });
});

describe('team-lead board', () => {
  const summary: BoardSummary = {
    asOf: '2026-11-22T03:00:00.000Z',
    dayStart: '2026-11-21T16:00:00.000Z',
    dayEnd: '2026-11-22T15:59:59.999Z',
    monthStart: '2026-10-31T16:00:00.000Z',
    callsToday: 12,
    answeredLateToday: 2,
    openBySeverity: { general: 5, major: 2, crisis: 1 },
    overdueComplaints: 3,
    escalationsOverdue: 1,
    majorNotReported: 1,
    callbacksDue: 4,
    callbacksOverdue: 0,
    findingsOverdue: null,
    handoversOpen: null,
    satisfaction: { calls: 10, average: 4.5, callbacks: { satisfied: 3, fairly_satisfied: 1, unsatisfied: 0 } },
  };

  it('shows every number, and a number opens the sheet on the list behind it', async () => {
    const fake = fakeBridge({
      'board.summary': () => ({ ok: true, result: summary }),
      'tracking.query': () => ({ ok: true, result: { total: 1, rows: [row(1)], asOf: summary.asOf } }),
      'users.directory': () => ({ ok: true, result: [] }),
    });
    const { unmount } = render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('board-calls-today').textContent).toContain('12');
    expect(screen.getByTestId('board-open-crisis').textContent).toContain('1');
    expect(screen.getByTestId('board-major-unreported').textContent).toContain('1');
    fireEvent.click(screen.getByTestId('board-major-unreported'));
    expect(window.location.hash).toBe('#/tracking');
    unmount();
    render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    expect(fake.of('tracking.prefs.get')).toHaveLength(0); // the drill-down replaces the saved view
    expect(fake.of('tracking.query')[0]!.params).toMatchObject({ list: 'unreported_major' });
    expect(screen.getByTestId('tracking-list').textContent).toContain('重大投诉未上报');
  });
});
