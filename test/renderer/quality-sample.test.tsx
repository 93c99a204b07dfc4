import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSummary } from '../../shared/api';
import type { QaMonth } from '../../shared/api/qualityTypes';
import { reviewIdOf } from '../../shared/domain/quality';
import { ROLES, type Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { navItems } from '../../renderer/src/components/AppLayout';
import { parseHash } from '../../renderer/src/components/router';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { reviewMonth } from '../../renderer/src/features/quality/CasesTable';
import { lastMonth, monthRange } from '../../renderer/src/features/quality/labels';
import { QualityPage } from '../../renderer/src/features/quality/QualityPage';
import { BoardPage } from '../../renderer/src/features/tracking/BoardPage';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';
import { AGENT_ID, CALL_ID, COMPLAINT_ID, itemRow, MONTH, SCORECARD } from './qualityFixtures';

const settle = () => act(async () => {});

afterEach(() => {
  setBridgeForTests(null);
  window.location.hash = '';
  useSession.setState({ phase: 'boot', session: null });
});

const month = (over: Partial<QaMonth> = {}): QaMonth => ({
  month: MONTH,
  ratePercent: 10,
  seed: `${MONTH}/某某纺织品检验所`,
  drawnAt: '2026-11-01T01:00:00.000Z',
  drawnBy: '王小明',
  agents: [{ agentId: AGENT_ID, agentName: '李晓红', population: 31, sampled: 4, reviewed: 1, averageScore: 92.5, fatal: 0, openFindings: 1 }],
  items: [
    itemRow({ reviewId: 'r1', score: 92, reviewedAt: '2026-11-03T02:00:00.000Z', reviewerName: '周敏', findings: 1 }),
    itemRow({ kind: 'complaint', recordId: COMPLAINT_ID, recordNo: 'TS-2026-0042', manual: true, reason: '客户再次投诉' }),
  ],
  ...over,
});

function mountPage(query: string, handlers: Parameters<typeof fakeBridge>[0] = {}) {
  useSession.setState({ phase: 'ready', session: session('quality_inspector') });
  const fake = fakeBridge({
    'qa.month': () => ({ ok: true, result: month() }),
    'scorecards.active': () => ({ ok: true, result: SCORECARD }),
    ...handlers,
  });
  render(
    <AntApp>
      <QualityPage openId={null} query={query} />
    </AntApp>,
  );
  return fake;
}

describe('the menu and the months', () => {
  it('shows 质检 to QA roles, 我的质检 to those who serve, 绩效 and 考勤 to all but administrators', () => {
    const pages = (role: Role) => navItems((k) => k).filter((n) => n.allowed(role)).map((n) => n.page);
    const has = Object.fromEntries(ROLES.map((r) => [r, pages(r)]));
    expect(ROLES.filter((r) => has[r]?.includes('quality'))).toEqual(['quality_inspector', 'team_lead']);
    expect(ROLES.filter((r) => has[r]?.includes('myQuality'))).toEqual(['agent', 'callback_officer', 'team_lead']);
    expect(ROLES.filter((r) => has[r]?.includes('appraisal'))).toEqual(['agent', 'callback_officer', 'quality_inspector', 'team_lead']);
    expect(ROLES.filter((r) => has[r]?.includes('attendance'))).toEqual(['agent', 'callback_officer', 'quality_inspector', 'team_lead']);
  });

  it('last month by default; a month is counted in Beijing time', () => {
    expect(lastMonth(Date.parse('2026-12-15T04:00:00Z'))).toBe('2026-11');
    expect(lastMonth(Date.parse('2027-01-10T04:00:00Z'))).toBe('2026-12');
    expect(monthRange('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T15:59:59.999Z' });
  });

  it('a teaching case finds its sample month from its review id', () => {
    const reviewId = reviewIdOf('2026-09', 'complaint', COMPLAINT_ID);
    expect(reviewMonth({ reviewId, recordKind: 'complaint', recordId: COMPLAINT_ID, reviewedAt: '2026-11-20T02:00:00.000Z' })).toBe('2026-09');
  });
});

describe('质检: the sample', () => {
  it('shows the month per agent and each sampled record; a row opens its review', async () => {
    mountPage(`month=${MONTH}`);
    await settle();
    expect(screen.getByTestId('qa-sample-info').textContent).toContain('抽样比例 10%');
    const agent = screen.getAllByTestId('qa-agent-row')[0]!;
    expect(agent.textContent).toContain('李晓红');
    expect(agent.textContent).toContain('92.5');
    const rows = screen.getAllByTestId('qa-item-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('qa-score').textContent).toBe('92');
    expect(within(rows[1]!).getByTestId('qa-manual').textContent).toBe('手工加入');
    expect(rows[1]!.textContent).toContain('客户再次投诉');
    expect(rows[1]!.textContent).toContain('未质检');
    fireEvent.click(screen.getByTestId('qa-filter-open'));
    expect(screen.getAllByTestId('qa-item-row')).toHaveLength(1);
    fireEvent.click(screen.getAllByTestId('qa-item-row')[0]!);
    expect(window.location.hash).toBe(`#/quality/review?month=${MONTH}&kind=complaint&id=${COMPLAINT_ID}`);
  });

  it('draws after asking, and says how many agents and records', async () => {
    const fake = mountPage(`month=${MONTH}`, { 'qa.draw': () => ({ ok: true, result: { month: MONTH, seed: 's', agents: 6, sampled: 41, added: 38 } }) });
    await settle();
    fireEvent.click(screen.getByTestId('qa-draw'));
    await settle();
    fireEvent.click(await screen.findByTestId('qa-draw-ok'));
    await settle();
    expect(fake.of('qa.draw')[0]?.params).toEqual({ month: MONTH });
    expect(screen.getByTestId('qa-draw-result').textContent).toBe('2026-10 抽样完成:6 名坐席,样本共 41 条,本次新增 38 条');
  });

  it('a month not over yet is refused in words that say so', async () => {
    mountPage(`month=${MONTH}`, {
      'qa.draw': () => ({ ok: false, error: { code: 'invalid_params', message: 'month not ended', fields: [{ field: 'month', code: 'in_future', message: 'not ended' }] } }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('qa-draw'));
    fireEvent.click(await screen.findByTestId('qa-draw-ok'));
    await settle();
    expect(screen.getByTestId('qa-error').textContent).toBe('不能晚于现在');
  });

  it('手工加入: finds the record by number among the month’s, needs a reason, and shows a refusal beside the record', async () => {
    const fake = mountPage(`month=${MONTH}`, {
      'complaints.list': () => ({ ok: true, result: { total: 1, rows: [{ id: COMPLAINT_ID, complaintNo: 'TS-2026-0042', receivedAt: '2026-10-12T02:00:00.000Z', complainant: '张伟', handlerName: '李晓红', problem: '报告出具延误' }] } }),
      'calls.list': () => ({ ok: true, result: { total: 1, rows: [{ id: CALL_ID, recordNo: 'LD-20261015-A07-0003', answeredAt: '2026-10-15T02:00:00.000Z', callerName: '张伟', agentName: '李晓红', content: '询问' }] } }),
      'qa.add': () => ({ ok: false, error: { code: 'refused', message: 'already in the sample', fields: [{ field: 'recordId', code: 'duplicate', message: 'already in the sample' }] } }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('qa-add'));
    await settle();
    expect(fake.of('complaints.list').at(-1)?.params).toEqual({ limit: 200 });
    fireEvent.click(within(screen.getByTestId('qa-add-kind')).getByText('来电记录'));
    await settle();
    const search = screen.getByPlaceholderText('来电单号、来电人、单位或电话');
    fireEvent.change(search, { target: { value: 'A07-0003' } });
    fireEvent.keyDown(search, { key: 'Enter', keyCode: 13 });
    await settle();
    expect(fake.of('calls.list').at(-1)?.params).toEqual({ q: 'A07-0003', ...monthRange(MONTH), limit: 20 });

    fireEvent.click(screen.getByTestId('qa-add-submit'));
    await settle();
    expect(fake.of('qa.add')).toHaveLength(0);
    expect(screen.getByTestId('field-error-recordId').textContent).toBe('请先查找并选择一条记录');
    expect(screen.getByTestId('field-error-reason').textContent).toBe('此项必填');

    fireEvent.click(screen.getAllByTestId('qa-add-row')[0]!);
    fireEvent.change(screen.getByTestId('qa-add-reason'), { target: { value: '客户来电投诉态度' } });
    fireEvent.click(screen.getByTestId('qa-add-submit'));
    await settle();
    expect(fake.of('qa.add')[0]?.params).toEqual({ month: MONTH, kind: 'call', recordId: CALL_ID, reason: '客户来电投诉态度' });
    expect(screen.getByTestId('field-error-recordId').textContent).toBe('这条记录已在样本中');
  });
});

describe('the board', () => {
  const summary: BoardSummary = {
    asOf: '2026-11-23T02:00:00.000Z',
    dayStart: '2026-11-22T16:00:00.000Z',
    dayEnd: '2026-11-23T15:59:59.999Z',
    monthStart: '2026-10-31T16:00:00.000Z',
    callsToday: 12,
    answeredLateToday: 2,
    openBySeverity: { general: 5, major: 2, crisis: 1 },
    overdueComplaints: 3,
    escalationsOverdue: 1,
    majorNotReported: 1,
    callbacksDue: 4,
    callbacksOverdue: 2,
    findingsOverdue: 3,
    handoversOpen: null,
    satisfaction: { calls: 10, average: 4.5, callbacks: { satisfied: 3, fairly_satisfied: 1, unsatisfied: 0 } },
  };

  it('shows the findings overdue for rectification and opens them on 质检 → 整改', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    fakeBridge({ 'board.summary': () => ({ ok: true, result: summary }), 'users.locked': () => ({ ok: true, result: [] }) });
    render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    const tile = screen.getByTestId('board-findings-overdue');
    expect(tile.textContent).toContain('逾期未整改的质检问题');
    expect(tile.textContent).toContain('3');
    fireEvent.click(tile);
    const r = parseHash(window.location.hash);
    expect({ page: r.page, ...Object.fromEntries(new URLSearchParams(r.query)) }).toEqual({ page: 'quality', tab: 'findings', overdue: '1' });
  });

  it('has no such tile for those who do not decide findings', async () => {
    useSession.setState({ phase: 'ready', session: session('admin') });
    fakeBridge({ 'board.summary': () => ({ ok: true, result: { ...summary, findingsOverdue: null } }), 'users.locked': () => ({ ok: true, result: [] }) });
    render(
      <AntApp>
        <BoardPage />
      </AntApp>,
    );
    await settle();
    expect(screen.getByTestId('board-page')).toBeTruthy();
    expect(screen.queryByTestId('board-findings-overdue')).toBeNull();
  });
});
