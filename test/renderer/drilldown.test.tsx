import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSummary } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { hashOf, navigate, navigateWith, parseHash } from '../../renderer/src/components/router';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallbacksPage } from '../../renderer/src/features/callbacks/CallbacksPage';
import { queueLinkFromQuery } from '../../renderer/src/features/callbacks/queueQuery';
import { CallList } from '../../renderer/src/features/calls/CallList';
import { callFiltersFromQuery } from '../../renderer/src/features/calls/listQuery';
import { BoardPage } from '../../renderer/src/features/tracking/BoardPage';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

const settle = () => act(async () => {});
const DAY_START = '2026-11-22T16:00:00.000Z';
const DAY_END = '2026-11-23T15:59:59.999Z';
const MONTH_START = '2026-10-31T16:00:00.000Z';
const page = { ok: true, result: { total: 0, rows: [] } };

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
});

const closeTag = (testId: string) => fireEvent.click(screen.getByTestId(testId).querySelector('.ant-tag-close-icon')!);

describe('hash routes with a query', () => {
  it('parses page, id and query; builds hashes; navigate(page, id) works as before', () => {
    expect(parseHash(`#/records?from=${DAY_START}&late=1`)).toEqual({ page: 'records', id: null, query: `from=${DAY_START}&late=1` });
    expect(parseHash('#/records/0195f3a2-7b1c?late=1')).toEqual({ page: 'records', id: '0195f3a2-7b1c', query: 'late=1' });
    expect(parseHash('#/board')).toEqual({ page: 'board', id: null, query: '' });
    expect(parseHash('#/nowhere?x=1')).toEqual({ page: 'calls', id: null, query: 'x=1' });
    expect(parseHash('')).toEqual({ page: 'calls', id: null, query: '' });

    // true is 1; false, null and undefined are left out; values are encoded.
    expect(hashOf('records', null, { from: DAY_START, late: true, rated: false, to: undefined })).toBe('/records?from=2026-11-22T16%3A00%3A00.000Z&late=1');
    expect(hashOf('callbacks', null, { scope: 'all', overdue: true })).toBe('/callbacks?scope=all&overdue=1');
    expect(hashOf('records', 'a/b')).toBe('/records/a%2Fb');
    expect(hashOf('records', null, {})).toBe('/records');
    // What hashOf writes, parseHash and URLSearchParams read back.
    const back = parseHash(`#${hashOf('records', null, { from: DAY_START, late: true })}`);
    expect(new URLSearchParams(back.query).get('from')).toBe(DAY_START);

    navigate('records', 'x1');
    expect(window.location.hash).toBe('#/records/x1');
    navigateWith('callbacks', { scope: 'all', dueBy: DAY_END });
    expect(parseHash(window.location.hash)).toMatchObject({ page: 'callbacks', id: null });
    expect(new URLSearchParams(parseHash(window.location.hash).query).get('dueBy')).toBe(DAY_END);
  });

  it('reads list filters from a query, ignoring what does not parse', () => {
    expect(callFiltersFromQuery('')).toMatchObject({ includeVoided: false, late: false, rated: false, bounds: null });
    expect(callFiltersFromQuery(`from=${DAY_START}&late=1`)).toMatchObject({ bounds: { from: DAY_START }, includeVoided: false, late: true, rated: false });
    expect(callFiltersFromQuery('from=yesterday&rated=1&voided=1')).toMatchObject({ bounds: null, range: null, includeVoided: true, rated: true });
    expect(queueLinkFromQuery('scope=all&overdue=1', true)).toMatchObject({ tab: 'all', filters: { overdue: true, status: 'open', dueBy: null } });
    expect(queueLinkFromQuery(`scope=all&dueBy=${DAY_END}&kind=nonsense`, false)).toMatchObject({ tab: undefined, filters: { dueBy: DAY_END, kind: undefined } });
    expect(queueLinkFromQuery('', true)).toBeNull();
  });
});

describe('the call list opened from a link', () => {
  it('sends the query filters to calls.list, shows them as closable tags, and keeps manual filtering working', async () => {
    const fake = fakeBridge({ 'calls.list': () => page });
    render(
      <AntApp>
        <CallList openId={null} query={`from=${DAY_START}&late=1&rated=1`} />
      </AntApp>,
    );
    await settle();
    const last = () => fake.of('calls.list').at(-1)!.params;
    // Exactly the board's bounds, voided excluded, no upper bound.
    expect(last()).toEqual({ from: DAY_START, includeVoided: false, answeredLate: true, rated: true, limit: 50, offset: 0 });
    expect(screen.getByTestId('call-list-late-tag').textContent).toBe('仅超时接听');
    expect(screen.getByTestId('call-list-rated-tag').textContent).toBe('仅有满意度评分');
    expect((screen.getByTestId('call-list-voided') as HTMLInputElement).checked).toBe(false);

    // A filter changed by hand keeps the others.
    fireEvent.click(screen.getByTestId('call-list-mine'));
    await settle();
    expect(last()).toMatchObject({ from: DAY_START, mine: true, answeredLate: true, rated: true });

    closeTag('call-list-late-tag');
    await settle();
    expect(last()).not.toHaveProperty('answeredLate');
    expect(last()).toMatchObject({ from: DAY_START, rated: true, mine: true });
    expect(screen.queryByTestId('call-list-late-tag')).toBeNull();
    closeTag('call-list-rated-tag');
    await settle();
    expect(last()).not.toHaveProperty('rated');
    expect(screen.queryByTestId('call-list-special')).toBeNull();
  });

  it('shows a capped search count as "1000+"', async () => {
    const capped = { ok: true, result: { total: 1000, capped: true, rows: [] } };
    fakeBridge({ 'calls.list': () => capped });
    const { unmount } = render(
      <AntApp>
        <CallList openId={null} />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('call-list-total').textContent).toBe('共 1000+ 条');
    unmount();
    fakeBridge({ 'calls.list': () => ({ ok: true, result: { total: 1000, rows: [] } }) });
    render(
      <AntApp>
        <CallList openId={null} />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('call-list-total').textContent).toBe('共 1000 条');
  });

  it('without a query starts without voided records; a new link while open replaces the filters, losing the query does not', async () => {
    const fake = fakeBridge({ 'calls.list': () => page });
    const ui = (query: string) => (
      <AntApp>
        <CallList openId={null} query={query} />
      </AntApp>
    );
    const { rerender } = render(ui(''));
    await settle();
    const last = () => fake.of('calls.list').at(-1)!.params;
    expect(last()).toEqual({ includeVoided: false, limit: 50, offset: 0 });
    rerender(ui(`from=${MONTH_START}&rated=1`));
    await settle();
    expect(last()).toEqual({ from: MONTH_START, includeVoided: false, rated: true, limit: 50, offset: 0 });
    const n = fake.of('calls.list').length;
    rerender(ui('')); // a row opened and closed: #/records/<id>, then #/records
    await settle();
    expect(fake.of('calls.list')).toHaveLength(n);
    expect(screen.getByTestId('call-list-rated-tag')).toBeTruthy();
  });
});

describe('the callback queue opened from a link', () => {
  it('opens the 全部 tab with the due-by filter as a closable tag, or with 只看逾期 ticked', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    const fake = fakeBridge({ 'callbacks.queue': () => page });
    const { unmount } = render(
      <AntApp>
        <CallbacksPage openId={null} query={`scope=all&dueBy=${encodeURIComponent(DAY_END)}`} />
      </AntApp>,
    );
    await settle();
    const last = () => fake.of('callbacks.queue').at(-1)!.params;
    expect(last()).toEqual({ scope: 'all', status: 'open', dueBy: DAY_END, limit: 50, offset: 0 });
    expect(screen.getByTestId('callback-tab-all').closest('.ant-tabs-tab')!.className).toContain('ant-tabs-tab-active');
    expect(screen.getByTestId('callback-filter-dueBy').textContent).toContain('前到期(含逾期)');
    closeTag('callback-filter-dueBy');
    await settle();
    expect(last()).toEqual({ scope: 'all', status: 'open', limit: 50, offset: 0 });
    unmount();

    render(
      <AntApp>
        <CallbacksPage openId={null} query="scope=all&overdue=1" />
      </AntApp>,
    );
    await settle();
    expect(last()).toEqual({ scope: 'all', status: 'open', overdue: true, limit: 50, offset: 0 });
    expect((screen.getByTestId('callback-filter-overdue') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps the link’s filters while a callback is open, and a non-lead gets her own queue', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    const fake = fakeBridge({ 'callbacks.queue': () => page, 'callbacks.get': () => ({ ok: false, error: { code: 'not_found', message: 'gone' } }) });
    const ui = (openId: string | null, query: string) => (
      <AntApp>
        <CallbacksPage openId={openId} query={query} />
      </AntApp>
    );
    const { rerender, unmount } = render(ui(null, 'scope=all&overdue=1'));
    await settle();
    rerender(ui('0195f3a2-7b1c-7000-8000-0000000000b1', ''));
    await settle();
    rerender(ui(null, ''));
    await settle();
    expect(fake.of('callbacks.queue').at(-1)!.params).toMatchObject({ scope: 'all', overdue: true });
    unmount();

    useSession.setState({ phase: 'ready', session: session('callback_officer') });
    render(ui(null, 'scope=all&overdue=1'));
    await settle();
    expect(fake.of('callbacks.queue').at(-1)!.params).toMatchObject({ scope: 'mine', overdue: true });
  });
});

describe('team-lead board click-throughs', () => {
  const summary: BoardSummary = {
    asOf: '2026-11-23T02:00:00.000Z',
    dayStart: DAY_START,
    dayEnd: DAY_END,
    monthStart: MONTH_START,
    callsToday: 12,
    answeredLateToday: 2,
    openBySeverity: { general: 5, major: 2, crisis: 1 },
    overdueComplaints: 3,
    escalationsOverdue: 1,
    majorNotReported: 1,
    callbacksDue: 4,
    callbacksOverdue: 2,
    findingsOverdue: null,
    handoversOpen: null,
    satisfaction: { calls: 10, average: 4.5, callbacks: { satisfied: 3, fairly_satisfied: 1, unsatisfied: 0 } },
  };

  it('opens each call and callback number on its list with the bounds the core counted it with', async () => {
    fakeBridge({ 'board.summary': () => ({ ok: true, result: summary }) });
    render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    const target = (testId: string) => {
      fireEvent.click(screen.getByTestId(testId));
      const r = parseHash(window.location.hash);
      return { page: r.page, ...Object.fromEntries(new URLSearchParams(r.query)) };
    };
    expect(target('board-calls-today')).toEqual({ page: 'records', from: DAY_START });
    expect(target('board-answered-late')).toEqual({ page: 'records', from: DAY_START, late: '1' });
    expect(target('board-satisfaction')).toEqual({ page: 'records', from: MONTH_START, rated: '1' });
    expect(target('board-callbacks-due')).toEqual({ page: 'callbacks', scope: 'all', dueBy: DAY_END });
    expect(target('board-callbacks-overdue')).toEqual({ page: 'callbacks', scope: 'all', overdue: '1' });
    expect(screen.getByTestId('board-satisfaction').textContent).toContain('10 个评分');
    expect(screen.getByTestId('board-callbacks-due').textContent).toContain('今日到期回访(含逾期)');
  });
});
