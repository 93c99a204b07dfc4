import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackingRow } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { TrackingPage } from '../../renderer/src/features/tracking/TrackingPage';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const row: TrackingRow = {
  id: '01a20584-06f7-7129-91b2-27fa7cfc5471',
  complaintNo: 'TS-2026-A07-0001',
  receivedAt: '2026-11-22T02:00:00.000Z',
  channel: 'letter',
  complainant: '客户1',
  organisation: '宏达',
  phone: '13800138000',
  problem: '要求退款',
  severity: 'major',
  type: 'fee',
  departments: ['市场部'],
  handlerName: '赵建国',
  status: 'closed',
  result: '',
  completedAt: null,
  callbackDueAt: null,
  callbackAt: null,
  callbackResult: 'fairly_satisfied',
  rectificationDept: '',
  rectificationNote: '',
  closedAt: null,
  round: 1,
  repeatIndex: 1,
  daysOpen: 2,
  nextDeadline: null,
  overdue: ['report'],
  late: [],
  warning: [],
};

afterEach(async () => {
  setBridgeForTests(null);
  await act(() => setLanguage('zh'));
});

/** The words of the options of one filter, read from its open dropdown. */
async function optionsOf(testId: string): Promise<string[]> {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole('combobox'));
  await settle();
  const list = document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  const words = [...list].map((o) => o.textContent ?? '');
  fireEvent.keyDown(within(screen.getByTestId(testId)).getByRole('combobox'), { key: 'Escape' });
  await settle();
  return words;
}

describe('tracking sheet in both languages', () => {
  it('shows the filters, tags and headers in the language chosen, from the one set of labels', async () => {
    fakeBridge({
      'tracking.prefs.get': () => ({ ok: true, result: { status: ['closed'], severity: ['major'], channel: 'letter', sort: 'receivedAt', dir: 'desc' } }),
      'tracking.query': () => ({ ok: true, result: { total: 1, rows: [row], asOf: '2026-11-22T03:00:00.000Z' } }),
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
    const filters = screen.getByTestId('tracking-filters');
    // Chinese: the canonical words (已办结, not 已关闭; 信函, not 来信).
    expect(filters.textContent).toContain('已办结');
    expect(filters.textContent).toContain('重大投诉');
    expect(filters.textContent).toContain('信函');
    expect(await optionsOf('tracking-channel')).toEqual(['来电', '来人', '传真', '信函', '电子邮件', '网上', '其他']);

    await act(() => setLanguage('en'));
    await settle();
    expect(filters.textContent).toContain('Closed');
    expect(filters.textContent).toContain('Major');
    expect(filters.textContent).toContain('Letter');
    expect(filters.textContent).not.toMatch(CJK);
    for (const el of filters.querySelectorAll('[placeholder]')) expect(el.getAttribute('placeholder')).not.toMatch(CJK);

    const status = await optionsOf('tracking-status');
    expect(status).toEqual(['Registered', 'In handling', 'Handled, callback due', 'Awaiting approval', 'Closed', 'Voided']);
    expect(await optionsOf('tracking-severity')).toEqual(['General', 'Major', 'Crisis']);
    expect(await optionsOf('tracking-channel')).toEqual(['Phone', 'Visit', 'Fax', 'Letter', 'E-mail', 'Online', 'Other']);

    // Column headers, the severity tag and the overdue flag follow too. The printed register (annex 3) does
    // not: a regulatory form prints in Chinese whatever the screen language.
    const table = screen.getByTestId('tracking-table');
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent ?? '').join(' | ');
    expect(headers).toContain('Complaint no.');
    expect(headers).not.toMatch(CJK);
    expect(screen.getByTestId('tracking-overdue-tag').textContent).toBe('Report overdue');
    const print = screen.getByTestId('tracking-print-table');
    expect(print.querySelector('thead')?.textContent).toContain('投诉编号');
    expect(print.textContent).toContain('基本满意');
    expect(print.textContent).not.toContain('Fairly satisfied');

    await act(() => setLanguage('zh'));
    await settle();
    expect(filters.textContent).toContain('已办结');
    expect(screen.getByTestId('tracking-overdue-tag').textContent).toBe('上报超期');
  });
});
