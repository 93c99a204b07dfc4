import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSummary } from '../../shared/api';
import type { Handover, HandoverDetail, HandoverDraft, HandoverItem, HandoverRow } from '../../shared/api/handoverTypes';
import { DEFAULT_ATTENDANCE_RULES } from '../../shared/domain/attendance';
import { ROLES, type Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { navItems } from '../../renderer/src/components/AppLayout';
import { parseHash } from '../../renderer/src/components/router';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { HandoverPage } from '../../renderer/src/features/handover/HandoverPage';
import { HandoverPaper } from '../../renderer/src/features/handover/HandoverPaper';
import { BoardPage } from '../../renderer/src/features/tracking/BoardPage';
import { i18n } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

const settle = () => act(async () => {});
const H_ID = '0193a000-0000-7000-8000-000000000001';
const ids = ['0193a000-0000-7000-8000-0000000000a1', '0193a000-0000-7000-8000-0000000000a2', '0193a000-0000-7000-8000-0000000000a3', '0193a000-0000-7000-8000-0000000000a4'] as const;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

afterEach(async () => {
  setBridgeForTests(null);
  window.location.hash = '';
  useSession.setState({ phase: 'boot', session: null });
  await i18n.changeLanguage('zh');
});

const items = (): HandoverItem[] => [
  { kind: 'call', recordId: ids[0], recordNo: 'LD-20261122-A07-0001', summary: '孙先生 · 宏达纺织 · 咨询检测周期', dueAt: inHours(-0.5), note: '' },
  { kind: 'call', recordId: ids[1], recordNo: 'LD-20261122-A07-0002', summary: '', dueAt: inHours(1), note: '' },
  { kind: 'complaint', recordId: ids[2], recordNo: 'TS-20261122-A07-0001', summary: '郑女士 · 对结果有疑问', dueAt: inHours(30), note: '' },
  { kind: 'escalation', recordId: ids[3], recordNo: 'TS-20261122-A07-0002', summary: '吴先生 · 报告延误 · → 张组长', dueAt: null, note: '' },
];
const draft = (over: Partial<HandoverDraft> = {}): HandoverDraft => ({
  day: '2026-11-22',
  shift: DEFAULT_ATTENDANCE_RULES.shifts[0]!,
  nextShift: DEFAULT_ATTENDANCE_RULES.shifts[1]!,
  nextShiftEndsAt: '2026-11-22T13:00:00.000Z',
  scope: 'mine',
  items: items(),
  truncated: false,
  ...over,
});
const handover = (over: Partial<Handover> = {}): Handover => ({
  id: H_ID,
  day: '2026-11-22',
  shiftId: 'day',
  shiftName: '白班',
  items: items().map((i) => ({ ...i, note: i.kind === 'call' ? '已联系技术部' : '' })),
  note: '今日来电平稳',
  status: 'open',
  createdBy: '李晓梅',
  createdById: 'agent-1',
  acknowledgedBy: '',
  acknowledgedById: null,
  acknowledgedAt: null,
  ackNote: '',
  createdAt: '2026-11-22T09:30:00.000Z',
  updatedAt: '2026-11-22T09:30:00.000Z',
  version: 1,
  ...over,
});
const detail = (over: Partial<HandoverDetail> = {}): HandoverDetail => ({ handover: handover(), mayNote: false, mayAcknowledge: true, conflicts: [], ...over });

function mount(role: Role, openId: string | null, handlers: Parameters<typeof fakeBridge>[0], query = '') {
  useSession.setState({ phase: 'ready', session: session(role) });
  const fake = fakeBridge(handlers);
  render(
    <AntApp>
      <HandoverPage openId={openId} query={query} />
    </AntApp>,
  );
  return fake;
}

describe('the menu and the board', () => {
  it('offers 交接班 to agents, callback officers and team leads', () => {
    const has = ROLES.filter((r) => navItems((k) => k).some((n) => n.page === 'handover' && n.allowed(r)));
    expect(has).toEqual(['agent', 'callback_officer', 'team_lead']);
  });

  const summary = { asOf: '2026-11-22T02:00:00.000Z', dayStart: '', dayEnd: '', monthStart: '', callsToday: 0, answeredLateToday: 0, openBySeverity: { general: 0, major: 0, crisis: 0 }, overdueComplaints: 0, escalationsOverdue: 0, majorNotReported: 0, callbacksDue: 0, callbacksOverdue: 0, findingsOverdue: null, handoversOpen: 2, satisfaction: { calls: 0, average: null, callbacks: { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 } } } satisfies BoardSummary;

  it('shows the handovers not yet taken over on the board and opens the open ones', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    fakeBridge({ 'board.summary': () => ({ ok: true, result: summary }), 'users.locked': () => ({ ok: true, result: [] }) });
    render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    const tile = screen.getByTestId('board-handovers-open');
    expect(tile.textContent).toContain('待接班确认的交接');
    expect(tile.textContent).toContain('2');
    fireEvent.click(tile);
    const r = parseHash(window.location.hash);
    expect({ page: r.page, query: r.query }).toEqual({ page: 'handover', query: 'status=open' });
  });

  it('has no such tile for an administrator', async () => {
    useSession.setState({ phase: 'ready', session: session('admin') });
    fakeBridge({ 'board.summary': () => ({ ok: true, result: { ...summary, handoversOpen: null } }), 'users.locked': () => ({ ok: true, result: [] }) });
    render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('board-page')).toBeTruthy();
    expect(screen.queryByTestId('board-handovers-open')).toBeNull();
  });
});

describe('新建交接', () => {
  it('lists the draft by kind with each clock, a confidential item by its number, notes beside each; Ctrl+Enter hands over kinds, ids and notes', async () => {
    const fake = mount('agent', 'new', {
      'handover.draft': () => ({ ok: true, result: draft() }),
      'handover.create': () => ({ ok: true, result: handover() }),
    });
    await settle();
    expect(screen.getByTestId('handover-shift').textContent).toContain('2026-11-22 白班 交班 · 下一班 晚班');
    expect(screen.getAllByTestId(/^handover-group-/).map((g) => g.dataset.testid)).toEqual(['handover-group-call', 'handover-group-complaint', 'handover-group-escalation']);
    const rows = screen.getAllByTestId('handover-item');
    expect(rows.map((r) => r.querySelector('[data-testid="handover-item-clock"]')!.getAttribute('data-state'))).toEqual(['overdue', 'soon', 'running', 'none']);
    expect(within(rows[0]!).getByTestId('handover-item-clock').textContent).toContain('已超时');
    expect(within(rows[3]!).getByTestId('handover-item-clock').textContent).toContain('无时限');
    expect(rows[1]!.textContent).toContain('客户保密:仅显示编号');
    fireEvent.change(within(rows[0]!).getByTestId('handover-item-note'), { target: { value: '明早九点前回电' } });
    fireEvent.change(screen.getByTestId('handover-shift-note'), { target: { value: '下午系统卡顿' } });
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(fake.of('handover.create')[0]!.params).toEqual({
      items: items().map((i, n) => ({ kind: i.kind, recordId: i.recordId, note: n === 0 ? '明早九点前回电' : '' })),
      note: '下午系统卡顿',
    });
    expect(window.location.hash).toBe(`#/handover/${H_ID}`);
  });

  it('with nothing left open, says so and still hands over the shift’s note', async () => {
    const fake = mount('callback_officer', 'new', { 'handover.draft': () => ({ ok: true, result: draft({ items: [] }) }), 'handover.create': () => ({ ok: true, result: handover({ items: [] }) }) });
    await settle();
    expect(screen.getByTestId('handover-nothing')).toBeTruthy();
    fireEvent.click(screen.getByTestId('handover-submit'));
    await settle();
    expect(fake.of('handover.create')[0]!.params).toEqual({ items: [], note: '' });
  });

  it('an item opens its record', async () => {
    mount('agent', 'new', { 'handover.draft': () => ({ ok: true, result: draft() }) });
    await settle();
    const rows = screen.getAllByTestId('handover-item');
    fireEvent.click(within(rows[2]!).getByTestId('handover-item-open'));
    expect(window.location.hash).toBe(`#/complaints/${ids[2]}`);
    fireEvent.click(within(rows[0]!).getByTestId('handover-item-open'));
    expect(window.location.hash).toBe(`#/records/${ids[0]}`);
  });
});

describe('a handover', () => {
  it('the next shift takes it over with a note (Ctrl+Enter)', async () => {
    let current = detail();
    const fake = mount('team_lead', H_ID, {
      'handover.get': () => ({ ok: true, result: current }),
      'handover.acknowledge': (p) => {
        current = detail({ mayAcknowledge: false, handover: handover({ status: 'acknowledged', acknowledgedBy: '张组长', acknowledgedAt: '2026-11-22T10:00:00.000Z', ackNote: String(p.note) }) });
        return { ok: true, result: current.handover };
      },
    });
    await settle();
    expect(screen.getByTestId('handover-detail').dataset.status).toBe('open');
    expect(screen.getAllByTestId('handover-item-note-text')[0]!.textContent).toBe('已联系技术部');
    expect(screen.queryByTestId('handover-save-notes')).toBeNull();
    fireEvent.change(screen.getByTestId('handover-ack-note'), { target: { value: '已知悉' } });
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(fake.of('handover.acknowledge')[0]!.params).toEqual({ id: H_ID, note: '已知悉' });
    expect(screen.getByTestId('handover-detail').dataset.status).toBe('acknowledged');
    expect(screen.getByTestId('handover-acked-by').textContent).toContain('张组长');
    expect(screen.queryByTestId('handover-ack')).toBeNull();
  });

  it('its author edits the notes until then, and cannot take it over', async () => {
    const fake = mount('agent', H_ID, {
      'handover.get': () => ({ ok: true, result: detail({ mayNote: true, mayAcknowledge: false }) }),
      'handover.note': () => ({ ok: true, result: handover() }),
    });
    await settle();
    expect(screen.queryByTestId('handover-ack')).toBeNull();
    expect(screen.getByTestId('handover-detail').textContent).toContain('自己的交接由下一班确认接班');
    fireEvent.change(screen.getAllByTestId('handover-item-note')[2]!, { target: { value: '周一上午出结论' } });
    fireEvent.click(screen.getByTestId('handover-save-notes'));
    await settle();
    const sent = fake.of('handover.note')[0]!.params as { id: string; note: string; itemNotes: { recordId: string; note: string }[] };
    expect(sent.id).toBe(H_ID);
    expect(sent.note).toBe('今日来电平稳');
    expect(sent.itemNotes.find((n) => n.recordId === ids[2])!.note).toBe('周一上午出结论');
    expect(sent.itemNotes.find((n) => n.recordId === ids[0])!.note).toBe('已联系技术部');
  });

  it('print opens its paper: every item, a confidential one marked, the takeover with its signature line', async () => {
    mount('agent', H_ID, { 'handover.get': () => ({ ok: true, result: detail() }) });
    await settle();
    fireEvent.click(screen.getByTestId('handover-print'));
    expect(window.location.hash).toBe(`#/print/handover/${H_ID}`);
    render(<HandoverPaper h={handover({ status: 'acknowledged', acknowledgedBy: '张组长', acknowledgedAt: '2026-11-22T10:00:00.000Z' })} org="某某纺织品检验所" />);
    const paper = screen.getByTestId('handover-paper');
    expect(paper.textContent).toContain('交接班记录');
    expect(within(paper).getAllByTestId('handover-paper-item')).toHaveLength(4);
    expect(within(paper).getAllByTestId('handover-paper-item')[1]!.textContent).toContain('(客户保密)');
    expect(within(paper).getByTestId('handover-paper-ack-by').textContent).toBe('张组长');
  });
});

describe('the list', () => {
  const row = (over: Partial<HandoverRow>): HandoverRow => ({
    id: H_ID, day: '2026-11-22', shiftName: '白班', status: 'open', createdBy: '李晓梅', createdAt: '2026-11-22T09:30:00.000Z', acknowledgedBy: '', acknowledgedAt: null,
    counts: { call: 2, complaint: 1, callback: 0, escalation: 1 }, note: '', ...over,
  });

  it('shows each handover’s items by kind and who took it over; the filter is the address; a row opens with Enter', async () => {
    const fake = mount('agent', null, {
      'handover.list': () => ({ ok: true, result: { rows: [row({}), row({ id: ids[0], status: 'acknowledged', acknowledgedBy: '张组长', acknowledgedAt: '2026-11-22T10:00:00.000Z' })], total: 2 } }),
    }, 'status=open');
    await settle();
    expect(fake.of('handover.list')[0]!.params).toMatchObject({ status: 'open', limit: 50, offset: 0 });
    const rows = screen.getAllByTestId('handover-row');
    expect(rows[0]!.textContent).toContain('待答复来电 2');
    expect(rows[0]!.textContent).toContain('升级事项 1');
    expect(rows[1]!.textContent).toContain('张组长');
    fireEvent.keyDown(rows[1]!, { key: 'Enter' });
    expect(window.location.hash).toBe(`#/handover/${ids[0]}`);
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    mount('agent', 'new', { 'handover.draft': () => ({ ok: true, result: draft() }) });
    await settle();
    expect(screen.getByTestId('handover-submit').textContent).toContain('Hand over');
    expect(screen.getByTestId('handover-group-call').textContent).toContain('Call awaiting reply');
    expect(screen.getAllByTestId('handover-item')[1]!.textContent).toContain('Confidential: number only');
  });
});
