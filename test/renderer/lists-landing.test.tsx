import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallListRow, CustomerView } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { defaultPage } from '../../renderer/src/components/AppLayout';
import { landingPage } from '../../renderer/src/components/landing';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallList } from '../../renderer/src/features/calls/CallList';
import { CalendarBanner } from '../../renderer/src/features/complaints/CalendarBanner';
import { useCalendar } from '../../renderer/src/features/complaints/calendarStore';
import { CustomersPage } from '../../renderer/src/features/customers/CustomersPage';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** Issue 14, "Lists and landing": what each role meets first, and what the lists show before any filter. */

const settle = () => act(async () => {});
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
  useSession.setState({ phase: 'boot', session: null, locked: false });
});

describe('each role lands on its own work', () => {
  const EXPECTED: Record<Role, string> = { agent: 'calls', callback_officer: 'callbacks', quality_inspector: 'quality', team_lead: 'board', admin: 'settings' };

  it.each(Object.entries(EXPECTED))('%s: after login on #/%s, whatever the previous user left in the address', (role, page) => {
    expect(landingPage(role as Role)).toBe(page);
    expect(defaultPage(role as Role)).toBe(page);
    window.location.hash = '#/records';
    useSession.getState().signedIn(session(role as Role));
    expect(window.location.hash).toBe(`#/${page}`);
  });

  it('a resumed session keeps the page it was on, and lands on the role’s page when the address names none', async () => {
    fakeBridge({ 'setup.status': () => ({ ok: true, result: { needsSetup: false } }), 'auth.session': () => ({ ok: true, result: session('team_lead') }) });
    window.location.hash = '#/records';
    await useSession.getState().boot();
    expect(window.location.hash).toBe('#/records');
    window.location.hash = '';
    await useSession.getState().boot();
    expect(window.location.hash).toBe('#/board');
  });
});

describe('the calendar banner is for administrators', () => {
  const calendar = { year: 2026, coversThisYear: true, coversNextYear: false, overrides: { holidays: [], workdays: [] } };

  it.each(['agent', 'callback_officer', 'team_lead'] as Role[])('%s does not see it (nor asks for the calendar)', async (role) => {
    const fake = fakeBridge({ 'calendar.status': () => ({ ok: true, result: calendar }) });
    useCalendar.setState({ status: null });
    useSession.setState({ phase: 'ready', session: session(role) });
    render(<CalendarBanner />);
    await settle();
    expect(screen.queryByTestId('calendar-banner')).toBeNull();
    expect(fake.of('calendar.status')).toHaveLength(0);
  });

  it('the administrator sees it, with the way to the calendar', async () => {
    fakeBridge({ 'calendar.status': () => ({ ok: true, result: calendar }) });
    useCalendar.setState({ status: null });
    useSession.setState({ phase: 'ready', session: session('admin') });
    render(<CalendarBanner />);
    await settle();
    expect(screen.getByTestId('calendar-banner').textContent).toContain('2027');
    expect(within(screen.getByTestId('calendar-banner')).getByRole('button', { name: /节假日|日历/ })).toBeTruthy();
  });
});

function callRow(over: Partial<CallListRow>): CallListRow {
  return {
    id: 'c1',
    recordNo: 'LD-20261122-A07-0001',
    answeredAt: '2026-11-22T02:00:00.000Z',
    category: 'query',
    status: 'closed',
    content: '',
    agentName: '李晓梅',
    voided: false,
    phone: '13800138000',
    callerName: '周丽',
    organisation: '宏达纺织',
    answeredLate: false,
    durationSec: 60,
    promisedReplyBy: null,
    ...over,
  };
}

describe('the call list', () => {
  const LONG = `客户询问婴幼儿服装 A 类检测需要准备的样品数量、送样方式和出具报告的周期,并希望加急${'。'.repeat(80)}`;

  it('hides voided records by default (含作废 unticked), and shows them when ticked', async () => {
    const fake = fakeBridge({ 'calls.list': () => ({ ok: true, result: { total: 0, rows: [] } }) });
    render(
      <AntApp>
        <CallList openId={null} />
      </AntApp>,
    );
    await settle();
    expect(fake.of('calls.list').at(-1)!.params).toMatchObject({ includeVoided: false });
    const box = screen.getByTestId('call-list-voided') as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await settle();
    expect(fake.of('calls.list').at(-1)!.params).toMatchObject({ includeVoided: true });
  });

  it('shows the start of each call’s content on one line, the whole of it in a tooltip, marked as data', async () => {
    fakeBridge({ 'calls.list': () => ({ ok: true, result: { total: 2, rows: [callRow({ content: LONG }), callRow({ id: 'c2', recordNo: 'LD-2', content: '' })] } }) });
    render(
      <AntApp>
        <CallList openId={null} />
      </AntApp>,
    );
    await settle();
    expect(screen.getByRole('columnheader', { name: '来电内容' })).toBeTruthy();
    const [cell] = screen.getAllByTestId('call-row-content');
    expect(cell!.textContent).toBe(LONG);
    const td = cell!.closest('td')!;
    expect(td.className).toContain('ant-table-cell-ellipsis');
    expect(td.hasAttribute('data-data')).toBe(true);
    expect(screen.getAllByTestId('call-row-content')).toHaveLength(1);
    fireEvent.mouseEnter(cell!);
    await wait(300);
    expect(document.querySelector('.ant-tooltip')?.textContent).toBe(LONG);
  });
});

function customer(name: string, over: Partial<CustomerView> = {}): CustomerView {
  return {
    id: `id-${name}`,
    name,
    organisation: '宏达纺织',
    address: '杭州市',
    phones: [{ raw: '13800138000', normalized: '13800138000', local: '13800138000' }],
    serviceRequirements: '',
    notes: '',
    keyAccount: false,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    createdBy: 'u1',
    version: 1,
    ...over,
  } as CustomerView;
}

describe('the customer page lists customers before anything is searched', () => {
  it('asks for the recent customers on opening, then narrows by the search box and the key-account box', async () => {
    const fake = fakeBridge({
      'customers.search': (p) => ({ ok: true, result: p.q ? [customer('王强')] : p.keyAccount ? [customer('陈敏', { keyAccount: true })] : [customer('周丽'), customer('王强')] }),
    });
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    render(
      <AntApp>
        <CustomersPage />
      </AntApp>,
    );
    await settle();
    expect(fake.of('customers.search')[0]!.params).toEqual({ limit: 100 });
    expect(screen.getAllByTestId('customer-row').map((r) => r.textContent)).toEqual([expect.stringContaining('周丽'), expect.stringContaining('王强')]);
    expect(screen.getByTestId('customer-recent-note')).toBeTruthy();

    fireEvent.click(screen.getByTestId('customer-key-accounts'));
    await settle();
    expect(fake.of('customers.search').at(-1)!.params).toEqual({ keyAccount: true, limit: 100 });
    expect(screen.getAllByTestId('customer-row')).toHaveLength(1);

    fireEvent.change(screen.getByTestId('customer-search').querySelector('input') ?? screen.getByTestId('customer-search'), { target: { value: '王' } });
    await wait(300);
    expect(fake.of('customers.search').at(-1)!.params).toEqual({ q: '王', keyAccount: true, limit: 100 });
    expect(screen.queryByTestId('customer-recent-note')).toBeNull();
  });

  it('says so when there are no customer files yet', async () => {
    fakeBridge({ 'customers.search': () => ({ ok: true, result: [] }) });
    useSession.setState({ phase: 'ready', session: session('agent') });
    render(
      <AntApp>
        <CustomersPage />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('customer-table').textContent).toContain('还没有客户档案');
  });
});
