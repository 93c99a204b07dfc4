import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoardTrends, TrendPoint, TrendSpan } from '../../shared/api/trendsTypes';
import { loadECharts } from '../../renderer/src/components/charts/EChart';
import { parseHash } from '../../renderer/src/components/router';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallbacksPage } from '../../renderer/src/features/callbacks/CallbacksPage';
import { openTrackingWith, takePreset } from '../../renderer/src/features/tracking/preset';
import { TrackingPage } from '../../renderer/src/features/tracking/TrackingPage';
import { axisLabel } from '../../renderer/src/features/trends/options';
import { TrendsCard } from '../../renderer/src/features/trends/TrendsCard';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';
import { clickChart } from './trendsChart';

// jsdom has no canvas (ECharts measures text with one) and no layout: charts 400 × 230 px, text measured as nothing.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 230 });

const settle = () => act(async () => {});
const DAY = '2026-11-22';
const FROM = '2026-11-21T16:00:00.000Z';
const TO = '2026-11-22T16:00:00.000Z';

const point = (key: string, from: string, to: string, n = 1): TrendPoint => ({
  key,
  from,
  to,
  rated: { calls: 4 * n, average: 4.25 },
  callbacks: { satisfied: 2 * n, fairly_satisfied: n, unsatisfied: n },
  complaints: { general: 3 * n, major: n, crisis: 0 },
  replyDue: { met: 3 * n, missed: n, rate: 75 },
});
const trends = (span: TrendSpan): BoardTrends => ({
  span,
  asOf: '2026-11-23T02:00:00.000Z',
  points:
    span === '30d'
      ? [point('2026-11-21', '2026-11-20T16:00:00.000Z', FROM), point(DAY, FROM, TO, 2), point('2026-11-23', TO, '2026-11-23T16:00:00.000Z')]
      : [point('2026-10', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'), point('2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z')],
});

beforeAll(async () => {
  await loadECharts();
});
afterEach(async () => {
  takePreset();
  await setLanguage('zh');
});

/** The TrendsCard, drawn; returns the fake bridge. */
async function drawn() {
  const fake = fakeBridge({ 'board.trends': (p) => ({ ok: true, result: trends(p.span as TrendSpan) }) });
  render(
    <AntApp>
      <TrendsCard />
    </AntApp>,
  );
  await settle();
  await settle();
  return fake;
}

const hashTarget = () => {
  const r = parseHash(window.location.hash);
  return { page: r.page, ...Object.fromEntries(new URLSearchParams(r.query)) };
};

describe('trends on the board', () => {
  it('draws the three charts for 30 days, and 12 months on the switch', async () => {
    const fake = await drawn();
    expect(fake.of('board.trends').map((c) => c.params)).toEqual([{ span: '30d' }]);
    for (const id of ['trends-satisfaction', 'trends-complaints', 'trends-replyDue']) {
      expect(screen.getByTestId(id).querySelector('svg'), id).not.toBeNull();
      expect(screen.getByTestId(id).getAttribute('data-chart-ready'), id).toBe('1');
    }
    expect(screen.getByTestId('board-trends').textContent).toContain('满意度');
    expect(screen.getByTestId('board-trends').textContent).toContain('投诉量(按等级)');
    expect(screen.getByTestId('board-trends').textContent).toContain('答复时限达成率');
    fireEvent.click(screen.getByText('12个月'));
    await settle();
    expect(fake.of('board.trends').at(-1)!.params).toEqual({ span: '12m' });
  });

  it('opens the list behind each point with the bucket’s bounds', async () => {
    await drawn();
    const click = (chart: string, seriesId: string, dataIndex = 1) => clickChart(screen.getByTestId(`trends-${chart}`), { seriesId, dataIndex });

    click('satisfaction', 'rated');
    expect(hashTarget()).toEqual({ page: 'records', from: FROM, to: TO, rated: '1' });
    click('satisfaction', 'callback:unsatisfied');
    expect(hashTarget()).toEqual({ page: 'callbacks', scope: 'all', status: 'done', doneFrom: FROM, doneTo: TO, satisfaction: 'unsatisfied' });

    click('complaints', 'severity:major');
    expect(window.location.hash).toBe('#/tracking');
    expect(takePreset()).toEqual({ view: { from: FROM, to: TO, severity: ['major'], sort: 'receivedAt', dir: 'asc' } });
    click('replyDue', 'replyDue:missed', 0);
    expect(takePreset()).toEqual({ view: { replyDueFrom: '2026-11-20T16:00:00.000Z', replyDueTo: FROM, replyDue: 'missed', sort: 'receivedAt', dir: 'asc' } });

    // The rate is a ratio of the bars: its line opens nothing.
    window.location.hash = '#/board';
    click('replyDue', 'replyDueRate');
    expect(window.location.hash).toBe('#/board');
    expect(takePreset()).toBeNull();
  });

  it('names the buckets on the axis in both languages', () => {
    expect(axisLabel('2026-11-23', 'zh')).toBe('11-23');
    expect(axisLabel('2026-11', 'zh')).toBe('11月');
    expect(axisLabel('2026-01', 'zh')).toBe('2026年1月');
    expect(axisLabel('2026-11', 'en')).toBe('Nov');
    expect(axisLabel('2026-01', 'en')).toBe('Jan 2026');
  });

  it('speaks English on the English screen', async () => {
    await setLanguage('en');
    await drawn();
    const text = screen.getByTestId('board-trends').textContent ?? '';
    for (const words of ['Trends', 'Satisfaction', 'Complaints by severity', 'Reply deadlines met', '30 days', '12 months']) expect(text).toContain(words);
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('the lists a point opens', () => {
  const empty = { ok: true, result: { total: 0, rows: [] } };
  const closeTag = (testId: string) => fireEvent.click(screen.getByTestId(testId).querySelector('.ant-tag-close-icon')!);

  it('the callback queue: done in the bucket with the result, as closable tags', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    const fake = fakeBridge({ 'callbacks.queue': () => empty });
    render(
      <AntApp>
        <CallbacksPage openId={null} query={`scope=all&status=done&doneFrom=${FROM}&doneTo=${TO}&satisfaction=fairly_satisfied`} />
      </AntApp>,
    );
    await settle();
    const last = () => fake.of('callbacks.queue').at(-1)!.params;
    expect(last()).toEqual({ scope: 'all', status: 'done', doneFrom: FROM, doneTo: TO, satisfaction: 'fairly_satisfied', limit: 50, offset: 0 });
    expect(screen.getByTestId('callback-filter-done').textContent).toBe(`完成于 ${DAY}`);
    expect(screen.getByTestId('callback-filter-satisfaction').textContent).toBe('回访结果:基本满意');
    closeTag('callback-filter-satisfaction');
    await settle();
    expect(last()).toEqual({ scope: 'all', status: 'done', doneFrom: FROM, doneTo: TO, limit: 50, offset: 0 });
    closeTag('callback-filter-done');
    await settle();
    expect(last()).toEqual({ scope: 'all', status: 'done', limit: 50, offset: 0 });
  });

  it('the tracking sheet: reply deadlines in the bucket, met or missed, as a closable tag', async () => {
    const fake = fakeBridge({ 'tracking.query': () => ({ ok: true, result: { total: 0, rows: [], asOf: TO } }), 'users.directory': () => ({ ok: true, result: [] }) });
    openTrackingWith({ replyDueFrom: '2026-10-31T16:00:00.000Z', replyDueTo: '2026-11-30T16:00:00.000Z', replyDue: 'met', sort: 'receivedAt', dir: 'asc' });
    render(
      <AntApp>
        <TrackingPage />
      </AntApp>,
    );
    await settle();
    const last = () => fake.of('tracking.query').at(-1)!.params;
    expect(last()).toMatchObject({ replyDueFrom: '2026-10-31T16:00:00.000Z', replyDueTo: '2026-11-30T16:00:00.000Z', replyDue: 'met' });
    expect(screen.getByTestId('tracking-reply-due').textContent).toBe('约定答复时间 2026-11-01 – 2026-11-30 · 按时');
    closeTag('tracking-reply-due');
    await settle();
    expect(last()).not.toHaveProperty('replyDue');
    expect(last()).not.toHaveProperty('replyDueFrom');
    expect(screen.queryByTestId('tracking-reply-due')).toBeNull();
  });
});
