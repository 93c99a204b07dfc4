import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackingRow } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { SHOW_PROGRESS_AFTER_MS } from '../../renderer/src/components/jobs';
import { pageFooterContent, TrackingPaper } from '../../renderer/src/features/print/TrackingPaper';
import { PREVIEW_ROWS, TrackingPrintView } from '../../renderer/src/features/print/TrackingPrintView';
import { parsePrintHash } from '../../renderer/src/features/print/printRoute';
import { parseTrackingPrintSpec, trackingPrintHash } from '../../renderer/src/features/print/trackingPrintSpec';
import { CHUNK_ROWS, VOLUME_ROWS } from '../../renderer/src/features/print/useTrackingPrint';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
/** The bar shows once a step has taken a second (a quick one shows a spinner only). */
const pastASecond = () => act(() => new Promise((r) => setTimeout(r, SHOW_PROGRESS_AFTER_MS + 100)));

function row(key: number): TrackingRow {
  return {
    id: `01a20584-06f7-7129-91b2-${String(key).padStart(12, '0')}`,
    complaintNo: `TS-2026-A07-${String(key).padStart(5, '0')}`,
    receivedAt: '2026-11-22T02:00:00.000Z',
    channel: 'phone',
    complainant: `客户${key}`,
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
    callbackResult: 'fairly_satisfied',
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
}

const keysOf = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const bodyRows = (el: HTMLElement) => el.querySelectorAll('tbody tr');

let print: ReturnType<typeof vi.fn>;
beforeEach(() => {
  print = vi.fn();
  window.print = print as never;
});
afterEach(() => setBridgeForTests(null));

/** A bridge that serves `n` keys; each printRows answer waits until the test lets it go (`release`). */
function printBridge(n: number, { hold = false } = {}) {
  const waiting: (() => void)[] = [];
  const fake = fakeBridge({
    'settings.get': () => ({ ok: true, result: { organisationName: '某某检验所' } }),
    'tracking.printKeys': () => ({ ok: true, result: { keys: keysOf(n), asOf: '2026-11-22T03:00:00.000Z' } }),
    'tracking.printRows': (p) => {
      const answer = { ok: true, result: { rows: (p.keys as number[]).map(row), asOf: '2026-11-22T03:00:00.000Z' } };
      return hold ? new Promise((r) => waiting.push(() => r(answer))) : answer;
    },
  });
  const release = async () => {
    await act(async () => waiting.shift()?.());
    await settle();
  };
  return { fake, release };
}

const spec = (view: object) => parsePrintHash(`#${trackingPrintHash(view as never)}`)!.id;

function renderView(id: string) {
  return render(
    <AntApp>
      <TrackingPrintView spec={id} />
    </AntApp>,
  );
}

describe('the register on paper (annex 3)', () => {
  it('draws every row it is given under one header row, with signature lines after the last and the page number in its page rule', () => {
    const { container } = render(<TrackingPaper rows={keysOf(250).map(row)} total={250} org="某某检验所" />);
    const table = screen.getByTestId('tracking-print-table');
    expect(bodyRows(table)).toHaveLength(250);
    expect(table.querySelectorAll('thead tr')).toHaveLength(1);
    expect(table.querySelectorAll('thead th')).toHaveLength(20);
    expect(table.querySelector('thead')?.textContent).toContain('投诉编号');
    expect(bodyRows(table)[249]?.textContent).toContain('TS-2026-A07-00250');
    // Chinese whatever the screen language: the enum words of the regulation.
    expect(table.textContent).toContain('基本满意');
    const signs = screen.getByTestId('tracking-paper-signs');
    expect(signs.textContent).toMatch(/填表人.*审核人.*日期/);
    // After the table, not inside it.
    expect(table.querySelector('table')!.compareDocumentPosition(signs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const rule = container.querySelector('style')!.textContent!;
    expect(rule).toContain('size: A4 landscape');
    expect(rule).toContain('@bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"');
    expect(screen.getByTestId('tracking-paper-rows').textContent).toBe('第 1–250 条,共 250 条');
  });

  it('names its volume on the paper and in every page footer', () => {
    const { container } = render(<TrackingPaper rows={keysOf(3).map(row)} total={2345} org="" offset={1000} volume={{ n: 2, of: 3 }} count={1000} />);
    expect(screen.getByTestId('tracking-paper-rows').textContent).toBe('第 2 册 / 共 3 册 · 第 1001–2000 条,共 2345 条');
    expect(container.querySelector('style')!.textContent).toContain('content: "第 2 册 / 共 3 册 · 第 " counter(page) " 页 / 共 " counter(pages) " 页"');
  });

  it('turns a footer template into page counters, quoting the words', () => {
    expect(pageFooterContent('Page {{page}} of {{pages}}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageFooterContent('"{{page}}"')).toBe('"\\"" counter(page) "\\""');
  });
});

describe('the print route carries the view', () => {
  it('round-trips the filters and sort, and leaves out the screen’s columns', () => {
    const hash = trackingPrintHash({ severity: ['major'], q: '退款 #1/2?', sort: 'nextDeadline', dir: 'asc', columns: ['complaintNo'] }, 'unreported_major');
    const parsed = parsePrintHash(`#${hash}`);
    expect(parsed?.kind).toBe('tracking');
    expect(parseTrackingPrintSpec(parsed!.id)).toEqual({ view: { severity: ['major'], q: '退款 #1/2?', sort: 'nextDeadline', dir: 'asc' }, list: 'unreported_major' });
    expect(parseTrackingPrintSpec('{"view":{"sort":"nope"}}')).toBeNull();
    expect(parseTrackingPrintSpec('not json')).toBeNull();
  });

  it('says so when the link is not a view', async () => {
    fakeBridge({});
    renderView('{"view":{"sort":"nope"}}');
    await settle();
    expect(screen.getByText('打印链接无效,请回到跟踪表重新打印')).toBeTruthy();
  });
});

describe('annex 3 printed in full', () => {
  it('fetches every row of the view a chunk at a time with a progress bar, then prints them all by itself', async () => {
    const n = 444;
    const { fake, release } = printBridge(n, { hold: true });
    renderView(spec({ severity: ['major'], sort: 'receivedAt', dir: 'desc' }));
    await settle();
    expect(fake.of('tracking.printKeys')[0]!.params).toEqual({ severity: ['major'], sort: 'receivedAt', dir: 'desc' });
    expect(screen.getByTestId('tracking-print-busy')).toBeTruthy();
    expect(screen.queryByTestId('tracking-print-progress')).toBeNull();
    await pastASecond();
    expect(screen.getByTestId('tracking-print-progress-count').textContent).toBe('0 / 444 条(0%)');
    await release();
    expect(screen.getByTestId('tracking-print-progress-count').textContent).toBe('250 / 444 条(56%)');
    expect(print).not.toHaveBeenCalled();
    await release();
    expect(fake.of('tracking.printRows').map((c) => (c.params.keys as number[]).length)).toEqual([CHUNK_ROWS, n - CHUNK_ROWS]);
    expect(screen.queryByTestId('tracking-print-progress')).toBeNull();
    // The paper for print holds every row; the screen draws a preview of the first ones.
    const full = screen.getByTestId('print-ready');
    expect(bodyRows(full)).toHaveLength(n);
    expect(within(full).getByTestId('tracking-paper-signs')).toBeTruthy();
    expect(bodyRows(screen.getByTestId('tracking-print-preview'))).toHaveLength(PREVIEW_ROWS);
    expect(screen.getByTestId('tracking-print-summary').textContent).toBe('共 444 条,约 50 页');
    await act(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(print).toHaveBeenCalledTimes(1);
    // 打印 prints again on demand.
    fireEvent.click(screen.getByTestId('print-now'));
    expect(print).toHaveBeenCalledTimes(2);
  });

  it('cancel stops between chunks: nothing more is fetched and nothing prints; 重新准备 starts the volume again', async () => {
    const { fake, release } = printBridge(VOLUME_ROWS, { hold: true });
    renderView(spec({}));
    await settle();
    await release();
    await pastASecond();
    fireEvent.click(screen.getByTestId('tracking-print-progress-cancel'));
    await release();
    expect(screen.getByTestId('tracking-print-cancelled')).toBeTruthy();
    expect(screen.queryByTestId('print-ready')).toBeNull();
    expect(fake.of('tracking.printRows')).toHaveLength(2);
    await act(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(print).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('tracking-print-retry'));
    await settle();
    await release();
    await release();
    expect(bodyRows(screen.getByTestId('print-ready'))).toHaveLength(VOLUME_ROWS);
  });

  it('prints a larger view in volumes of 500 rows, one at a time or one after the other', async () => {
    const n = 1234;
    const { fake } = printBridge(n);
    renderView(spec({}));
    await settle();
    await settle();
    expect(screen.getByTestId('tracking-print-volume').textContent).toBe('第 1 册 / 共 3 册');
    expect(bodyRows(screen.getByTestId('print-ready'))).toHaveLength(VOLUME_ROWS);
    expect(screen.getByTestId('tracking-print-summary').textContent).toBe('共 1,234 条,分 3 册打印,每册至多 500 条(约 56 页) · 本册第 1–500 条');
    // Several volumes: the lead chooses, nothing prints by itself.
    await act(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(print).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('tracking-print-next'));
    await settle();
    await settle();
    const second = screen.getByTestId('print-ready');
    expect(bodyRows(second)).toHaveLength(VOLUME_ROWS);
    expect(bodyRows(second)[0]?.textContent).toContain('TS-2026-A07-00501');
    expect(within(second).getByTestId('tracking-paper-rows').textContent).toBe('第 2 册 / 共 3 册 · 第 501–1000 条,共 1234 条');

    // 逐册打印全部: each volume is fetched, printed, and the next follows.
    const printed: string[] = [];
    print.mockImplementation(() => printed.push(within(screen.getByTestId('print-ready')).getByTestId('tracking-paper-rows').textContent ?? ''));
    fireEvent.click(screen.getByTestId('tracking-print-all'));
    for (let i = 0; i < 6; i++) {
      await settle();
      await act(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    }
    expect(printed).toEqual(['第 1 册 / 共 3 册 · 第 1–500 条,共 1234 条', '第 2 册 / 共 3 册 · 第 501–1000 条,共 1234 条', '第 3 册 / 共 3 册 · 第 1001–1234 条,共 1234 条']);
    expect(bodyRows(screen.getByTestId('print-ready'))).toHaveLength(n - 2 * VOLUME_ROWS);
    expect(screen.getByTestId('tracking-print-all')).toBeTruthy();
    // Every key was asked for once per volume fetched: volume 1 twice (shown, then printed), 2 twice, 3 once.
    expect(fake.of('tracking.printRows').flatMap((c) => c.params.keys as number[]).length).toBe(2 * VOLUME_ROWS + 2 * VOLUME_ROWS + (n - 2 * VOLUME_ROWS));
  });

  it('says when the view is empty and offers nothing to print', async () => {
    printBridge(0);
    renderView(spec({ q: '没有这样的投诉' }));
    await settle();
    await settle();
    expect(screen.getByTestId('tracking-print-empty')).toBeTruthy();
    expect((screen.getByTestId('print-now') as HTMLButtonElement).disabled).toBe(true);
    expect(print).not.toHaveBeenCalled();
  });
});
