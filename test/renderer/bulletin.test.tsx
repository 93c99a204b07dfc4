import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulletinView } from '../../shared/api/bulletinTypes';
import type { Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { fmtDateTime } from '../../renderer/src/components/format';
import { useRoute } from '../../renderer/src/components/router';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { BulletinPage } from '../../renderer/src/features/bulletin/BulletinPage';
import { formatChange } from '../../renderer/src/features/bulletin/figureRows';
import { lastPeriod, switchKind } from '../../renderer/src/features/bulletin/period';
import { setLanguage, t } from '../../renderer/src/i18n';
import { DISTRIBUTION, NARRATIVE, version, view } from './bulletinFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** 月报/季报: the figures beside the previous period and last year, the narrative with every error at once, publish, versions, readers. */

const settle = () => act(async () => {});
const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const COMPLAINT_ID = '0b3f3b0e-9d0c-4a51-9b7e-2f6a1c0d9e77';

// jsdom has no canvas (ECharts measures text with one) and no layout: charts 600 × 200 px.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];

beforeEach(() => {
  useSettings.getState().put(settings);
});
afterEach(async () => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null });
  await act(() => setLanguage('zh'));
});

/** The page as the app mounts it: what the address says. */
function Routed() {
  const r = useRoute();
  return <BulletinPage openId={r.page === 'bulletin' ? r.id : null} query={r.query} />;
}

function mount(role: Parameters<typeof session>[0], handlers: Parameters<typeof fakeBridge>[0] = {}, hash = '#/bulletin?kind=monthly&period=2026-11') {
  useSession.setState({ phase: 'ready', session: session(role) });
  window.location.hash = hash;
  const fake = fakeBridge({
    'bulletin.get': (p) => ({ ok: true, result: view({}, p.kind as never, String(p.periodKey)) }),
    'bulletin.save': (p) => ({ ok: true, result: { id: view().bulletinId, narrative: p.narrative, version: 1 } }),
    'bulletin.publish': () => ({ ok: true, result: version(1) }),
    'bulletin.version': () => ({ ok: true, result: version(1) }),
    'bulletin.export': () => ({ ok: true, result: { filename: '客户服务交流信息-2026-11-草稿.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==', rows: 40 } }),
    'tracking.query': () => ({
      ok: true,
      result: { total: 1, asOf: '2026-12-07T01:00:00.000Z', rows: [{ id: COMPLAINT_ID, complaintNo: 'TS-2026-A07-0031', receivedAt: '2026-11-20T02:00:00.000Z', complainant: '周先生', problem: '对检测结果有疑问', status: 'completed' }] },
    }),
    'complaints.get': () => ({ ok: true, result: { complaint: { id: COMPLAINT_ID, complaintNo: 'TS-2026-A07-0031', problem: '对检测结果有疑问,认为色牢度等级判定过严,要求复检', result: '复检后维持原结论,已向客户解释判定依据', replyToCustomer: '', investigation: '' } } }),
    ...handlers,
  });
  render(
    <AntApp>
      <Routed />
    </AntApp>,
  );
  return fake;
}

const tab = async (name: 'overview' | 'figures' | 'narrative' | 'versions') => {
  fireEvent.click(screen.getByTestId(`bulletin-tab-${name}`));
  await settle();
};
const cell = (key: string, col: string) => screen.getByTestId(`fig-${key}-${col}`).textContent;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('periods and changes', () => {
  it('the period to write up first is the month (or quarter) before today, Beijing time', () => {
    expect(lastPeriod('monthly', '2026-12-07T03:00:00.000Z')).toEqual({ kind: 'monthly', periodKey: '2026-11' });
    // 1 January 00:30 in Beijing is 31 December in UTC: the month before is December, the quarter Q4.
    expect(lastPeriod('monthly', '2025-12-31T16:30:00.000Z')).toEqual({ kind: 'monthly', periodKey: '2025-12' });
    expect(lastPeriod('quarterly', '2026-01-15T03:00:00.000Z')).toEqual({ kind: 'quarterly', periodKey: '2025-Q4' });
    expect(switchKind({ kind: 'monthly', periodKey: '2026-11' }, 'quarterly')).toEqual({ kind: 'quarterly', periodKey: '2026-Q4' });
  });
  it('counts change by a share of the earlier figure, rates and scores by points; nothing to compare with is —', () => {
    expect(formatChange(t, 1234, 1000, 'count')).toBe('+23.4%');
    expect(formatChange(t, 90, 100, 'hours')).toBe('-10%');
    expect(formatChange(t, 92.5, 90, 'percent')).toBe('+2.5 个百分点');
    expect(formatChange(t, 88, 90, 'score')).toBe('-2 分');
    expect(formatChange(t, 5, 0, 'count')).toBe('—');
    expect(formatChange(t, 5, null, 'percent')).toBe('—');
  });
});

describe('月报 for a team lead', () => {
  it('opens last month by default; every figure beside the previous month and last year, with 环比 and 同比', async () => {
    const fake = mount('team_lead', {}, '#/bulletin');
    await settle();
    expect(fake.of('bulletin.get')[0]?.params).toEqual({ kind: 'monthly', periodKey: lastPeriod('monthly').periodKey });
    expect(screen.getByTestId('headline-calls').textContent).toBe('1234');
    await tab('figures');
    expect([cell('calls.total', 'current'), cell('calls.total', 'previous'), cell('calls.total', 'lastYear'), cell('calls.total', 'mom'), cell('calls.total', 'yoy')]).toEqual([
      '1234',
      '1000',
      '0',
      '+23.4%',
      '—',
    ]);
    expect(cell('calls.onSpotRate', 'current')).toBe('98.4');
    expect(cell('calls.onSpotRate', 'mom')).toBe('+0.4 个百分点');
    // Handling time in hours, as the .xlsx writes it; the breakdowns by category and severity follow.
    expect(cell('complaints.handling.avg', 'current')).toBe('72');
    expect(cell('category.consultation', 'current')).toBe('1204');
    expect(cell('severity.major', 'current')).toBe('1');
    const head = within(screen.getByTestId('fig-group-calls')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(head).toEqual(['指标', '本月', '上月', '去年同月', '环比', '同比']);
    expect(screen.getByTestId('fig-calls.total-current').closest('[data-data]')).not.toBeNull();
  });

  it('picks a representative complaint of the period whole, with its handling; saving shows every empty box at once and sends nothing', async () => {
    const fake = mount('team_lead');
    await settle();
    await tab('narrative');
    fireEvent.click(screen.getByTestId('bulletin-rep-add'));
    await act(() => new Promise((r) => setTimeout(r, 300)));
    // The list is the period's complaints: registered from the month's first instant to the next month's.
    expect(fake.of('tracking.query')[0]?.params).toMatchObject({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    fireEvent.click(screen.getByTestId('bulletin-pick'));
    await settle();
    expect((screen.getByTestId('bulletin-rep-0-summary') as HTMLTextAreaElement).value).toBe('对检测结果有疑问,认为色牢度等级判定过严,要求复检');
    expect((screen.getByTestId('bulletin-rep-0-handling') as HTMLTextAreaElement).value).toBe('复检后维持原结论,已向客户解释判定依据');

    type('bulletin-rep-0-summary', '');
    fireEvent.click(screen.getByTestId('bulletin-rect-add'));
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    for (const path of ['representative.0.summary', 'rectifications.0.department', 'rectifications.0.issue']) expect(screen.getByTestId(`bulletin-error-${path}`).textContent).toBe('此项必填');
    expect(fake.of('bulletin.save')).toHaveLength(0);

    type('bulletin-rep-0-summary', '客户质疑色牢度判定');
    fireEvent.change(within(screen.getByTestId('bulletin-rect-0-department')).getByRole('combobox'), { target: { value: '质量技术部' } });
    type('bulletin-rect-0-issue', '复检告知不清');
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    const sent = fake.of('bulletin.save')[0]?.params as { narrative: typeof NARRATIVE; version: number; kind: string; periodKey: string };
    expect(sent).toMatchObject({ kind: 'monthly', periodKey: '2026-11', version: 0 });
    expect(sent.narrative.representative).toEqual([{ complaintId: COMPLAINT_ID, complaintNo: 'TS-2026-A07-0031', summary: '客户质疑色牢度判定', handling: '复检后维持原结论,已向客户解释判定依据' }]);
    expect(sent.narrative.rectifications[0]).toMatchObject({ department: '质量技术部', issue: '复检告知不清', status: 'open' });
    expect(screen.queryByTestId('bulletin-error-rectifications.0.issue')).toBeNull();
  });

  it("the core's refusals land beside their boxes; another lead's save meanwhile is said in words", async () => {
    let answer: unknown = { ok: false, error: { code: 'invalid_params', message: 'x', fields: [{ field: 'narrative.summary', code: 'too_long', message: 'x', params: { maximum: 5000 } }] } };
    mount('team_lead', { 'bulletin.save': () => answer });
    await settle();
    await tab('narrative');
    type('bulletin-summary', '本月来电平稳。');
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    expect(screen.getByTestId('bulletin-error-summary').textContent).toContain('5000');
    answer = { ok: false, error: { code: 'conflict', message: 'stale' } };
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    expect(document.body.textContent).toContain(t('errors.codes.conflict'));
  });

  it('publish asks first and names who it goes to; unsaved typing is saved first; then the new version, who and when', async () => {
    const saved: BulletinView = view({ draft: { id: view().bulletinId, kind: 'monthly', periodKey: '2026-11', narrative: NARRATIVE, publishedVersion: 0, dirty: true, editedBy: '张丽娟', createdAt: '', updatedAt: '2026-12-01T01:00:00.000Z', version: 3 }, narrative: NARRATIVE });
    const fake = mount('team_lead', { 'bulletin.get': () => ({ ok: true, result: saved }) });
    await settle();
    expect(screen.getByTestId('bulletin-state').textContent).toBe('草稿 · 未发布');
    await tab('narrative');
    type('bulletin-summary', '本月来电平稳,投诉下降。');
    fireEvent.click(screen.getByTestId('bulletin-publish'));
    await settle();
    const confirm = screen.getByTestId('bulletin-publish-confirm');
    expect(document.body.textContent).toContain('发布第 1 版？');
    for (const d of DISTRIBUTION) expect(within(confirm).getByText(d)).toBeTruthy();
    expect(confirm.textContent).toContain('未保存的修改会先保存');
    expect(fake.of('bulletin.publish')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('bulletin-publish-ok'));
    await settle();
    await settle();
    expect(fake.calls.map((c) => c.method).filter((m) => m === 'bulletin.save' || m === 'bulletin.publish')).toEqual(['bulletin.save', 'bulletin.publish']);
    expect(fake.of('bulletin.save')[0]?.params).toMatchObject({ version: 3, narrative: { summary: '本月来电平稳,投诉下降。' } });
    const done = screen.getByTestId('bulletin-published');
    expect(done.textContent).toContain('已发布第 1 版');
    expect(done.textContent).toContain('张丽娟');
    expect(done.textContent).toContain('客户服务部负责人、质量技术部');
  });

  it('publishing with nothing changed since the last version says so; a picked complaint that is gone is refused beside its row', async () => {
    const published: BulletinView = view({
      draft: { id: view().bulletinId, kind: 'monthly', periodKey: '2026-11', narrative: NARRATIVE, publishedVersion: 2, dirty: false, editedBy: '张丽娟', createdAt: '', updatedAt: '2026-12-01T01:00:00.000Z', version: 5 },
      narrative: NARRATIVE,
    });
    const fake = mount('team_lead', {
      'bulletin.get': () => ({ ok: true, result: published }),
      'bulletin.publish': () => ({ ok: false, error: { code: 'conflict', message: 'nothing changed since version 2' } }),
      'bulletin.save': () => ({ ok: false, error: { code: 'invalid_params', message: 'x', fields: [{ field: 'narrative.representative.0.complaintId', code: 'invalid_value', message: 'no such complaint' }] } }),
    });
    await settle();
    expect(screen.getByTestId('bulletin-state').textContent).toBe('已发布第 2 版');
    fireEvent.click(screen.getByTestId('bulletin-publish'));
    await settle();
    expect(screen.getByTestId('bulletin-publish-confirm').textContent).not.toContain('未保存的修改会先保存');
    fireEvent.click(screen.getByTestId('bulletin-publish-ok'));
    await settle();
    await settle();
    expect(fake.of('bulletin.save')).toHaveLength(0);
    expect(document.body.textContent).toContain('自第 2 版发布以来,正文和数据都没有变化');
    await tab('narrative');
    type('bulletin-summary', '补充说明');
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    expect(screen.getByTestId('bulletin-error-representative.0.complaintId').textContent).toBe('找不到这件投诉(可能已被删除),请删除这一项');
  });

  it('a period not over cannot be published yet, and says why', async () => {
    mount('team_lead', { 'bulletin.get': (p) => ({ ok: true, result: view({ periodOver: false }, 'monthly', String(p.periodKey)) }) }, '#/bulletin?kind=monthly&period=2026-12');
    await settle();
    expect(screen.getByTestId('bulletin-publish').closest('button')?.disabled).toBe(true);
    expect(screen.getByTestId('bulletin-period-open').textContent).toContain('本期尚未结束');
  });

  it('downloads the draft as .xlsx and opens the A4 print view of the draft', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const fake = mount('team_lead');
    await settle();
    fireEvent.click(screen.getByTestId('bulletin-xlsx'));
    await settle();
    expect(fake.of('bulletin.export')[0]?.params).toEqual({ kind: 'monthly', periodKey: '2026-11' });
    fireEvent.click(screen.getByTestId('bulletin-print'));
    await settle();
    expect(window.location.hash).toBe(`#/print/bulletin/${encodeURIComponent('draft:monthly:2026-11')}`);
  });

  it("a quarterly report carries last quarter's plan for follow-up; a plan item needs its text, owner and due day", async () => {
    const fake = mount('team_lead', {}, '#/bulletin?kind=quarterly&period=2026-Q4');
    await settle();
    expect(fake.of('bulletin.get')[0]?.params).toEqual({ kind: 'quarterly', periodKey: '2026-Q4' });
    await tab('narrative');
    const carried = screen.getByTestId('bulletin-carried');
    expect(carried.textContent).toContain('缩短复检报告出具时间');
    expect(carried.textContent).toContain('取自第 2 版');
    fireEvent.click(within(carried).getByTestId('bulletin-carry'));
    expect((screen.getByTestId('bulletin-plan-0-item') as HTMLTextAreaElement).value).toBe('缩短复检报告出具时间');
    expect(within(screen.getByTestId('bulletin-carried')).queryByTestId('bulletin-carry')).toBeNull();
    fireEvent.click(screen.getByTestId('bulletin-plan-add'));
    fireEvent.click(screen.getByTestId('bulletin-save'));
    await settle();
    for (const f of ['item', 'owner', 'dueDay']) expect(screen.getByTestId(`bulletin-error-improvementPlan.1.${f}`).textContent).toBe('此项必填');
    expect(fake.of('bulletin.save')).toHaveLength(0);
  });
});

describe('readers', () => {
  it('a quality inspector reads the draft and its narrative; saving and publishing are for leads', async () => {
    mount('quality_inspector', { 'bulletin.get': () => ({ ok: true, result: view({ canEdit: false, narrative: NARRATIVE }) }) });
    await settle();
    expect(screen.queryByTestId('bulletin-save')).toBeNull();
    expect(screen.queryByTestId('bulletin-publish')).toBeNull();
    await tab('narrative');
    expect(screen.getByTestId('doc-summary').textContent).toBe('本月来电平稳。');
    expect(screen.getByTestId('doc-representative').textContent).toContain('TS-2026-A07-0012');
    expect(screen.queryByTestId('bulletin-summary')).toBeNull();
  });

  it('everybody else lists what was published and opens a version: 第 N 版 · 发布人 · 发布时间, frozen', async () => {
    const v = version(2);
    const fake = mount(
      'agent',
      {
        'bulletin.list': () => ({
          ok: true,
          result: [
            { bulletinId: v.bulletinId, kind: 'monthly', periodKey: '2026-11', latest: { id: v.id, number: 2, publishedAt: v.publishedAt, publishedBy: '张丽娟' }, versions: 2, draft: null },
            { bulletinId: 'x', kind: 'monthly', periodKey: '2026-12', latest: null, versions: 0, draft: null },
          ],
        }),
        'bulletin.version': () => ({ ok: true, result: v }),
      },
      '#/bulletin',
    );
    await settle();
    expect(fake.of('bulletin.get')).toHaveLength(0);
    const rows = screen.getAllByTestId('bulletin-list-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain(`第 2 版 · 张丽娟 · ${fmtDateTime(v.publishedAt)}`);
    fireEvent.click(screen.getByTestId('bulletin-list-open'));
    // jsdom fires hashchange as a task of its own.
    await act(() => new Promise((r) => setTimeout(r, 10)));
    await settle();
    expect(fake.of('bulletin.version')[0]?.params).toEqual({ id: v.id });
    expect(screen.getByTestId('bulletin-version-line').textContent).toBe('第 2 版');
    const meta = screen.getByTestId('bulletin-version-meta').textContent;
    expect(meta).toContain('张丽娟');
    expect(meta).toContain(fmtDateTime(v.publishedAt));
    expect(meta).toContain('客户服务部负责人、质量技术部');
    await tab('narrative');
    expect(screen.getByTestId('doc-summary').textContent).toBe('本月来电平稳。');
    expect(within(screen.getByTestId('bulletin-version')).queryAllByRole('textbox')).toEqual([]);
  });

  it('in English every interface word is English; data (names, figures) stays as recorded', async () => {
    await act(() => setLanguage('en'));
    mount('team_lead', { 'bulletin.get': () => ({ ok: true, result: view({ narrative: NARRATIVE }) }) });
    await settle();
    await tab('figures');
    expect(within(screen.getByTestId('fig-group-calls')).getAllByRole('columnheader')[1]?.textContent).toBe('This month');
    expect(cell('calls.onSpotRate', 'mom')).toBe('+0.4 pts');
    const han = /[\u4e00-\u9fff]/;
    const walker = document.createTreeWalker(screen.getByTestId('bulletin-page'), NodeFilter.SHOW_TEXT);
    const offenders: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (han.test(n.textContent ?? '') && !n.parentElement?.closest('[data-data]')) offenders.push(n.textContent ?? '');
    expect(offenders).toEqual([]);
  });
});
