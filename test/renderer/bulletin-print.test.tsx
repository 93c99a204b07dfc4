import { act, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { PrintPage } from '../../renderer/src/features/print/PrintPage';
import { parsePrintHash } from '../../renderer/src/features/print/printRoute';
import { setLanguage } from '../../renderer/src/i18n';
import { version, view } from './bulletinFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** The bulletin on A4: a published version as frozen, or the draft marked 草稿; in Chinese whatever the screen language. */

const settle = () => act(async () => {});
// jsdom has no canvas (ECharts measures text with one).
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];

afterEach(async () => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null });
  await act(() => setLanguage('zh'));
});

function mount(id: string) {
  useSession.setState({ phase: 'ready', session: session('agent') });
  const fake = fakeBridge({
    'settings.get': () => ({ ok: true, result: { organisationName: '某某纺织品检验所' } }),
    'bulletin.version': () => ({ ok: true, result: version(2) }),
    'bulletin.get': (p) => ({ ok: true, result: view({}, p.kind as never, String(p.periodKey)) }),
  });
  render(
    <AntApp>
      <PrintPage kind="bulletin" id={id} />
    </AntApp>,
  );
  return fake;
}

describe('the bulletin on paper', () => {
  it('reads a version id or a draft from the print route', () => {
    expect(parsePrintHash('#/print/bulletin/5b1f3c7e-0d2a-4f4b-8e61-9c3a2d7b4e10')).toEqual({ kind: 'bulletin', id: '5b1f3c7e-0d2a-4f4b-8e61-9c3a2d7b4e10' });
    expect(parsePrintHash(`#/print/bulletin/${encodeURIComponent('draft:quarterly:2026-Q4')}`)).toEqual({ kind: 'bulletin', id: 'draft:quarterly:2026-Q4' });
  });

  it('a published version: title, period, version, who and when, the figures, the charts, the narrative and who it went to, in Chinese on an English screen', async () => {
    await act(() => setLanguage('en'));
    const v = version(2);
    const fake = mount(v.id);
    await settle();
    await settle();
    expect(fake.of('bulletin.version')[0]?.params).toEqual({ id: v.id });
    const paper = screen.getByTestId('bulletin-paper');
    expect(paper.getAttribute('data-draft')).toBe('0');
    expect(within(paper).getByText('客户服务交流信息')).toBeTruthy();
    expect(within(paper).getByText('某某纺织品检验所')).toBeTruthy();
    expect(screen.getByTestId('paper-period').textContent).toBe('2026 年 11 月(2026-11-01 至 2026-11-30)');
    expect(screen.getByTestId('paper-version').textContent).toMatch(/^第 2 版 · 张丽娟 发布于 2026-12-01 \d\d:30$/);
    const calls = screen.getByTestId('paper-fig-calls.total');
    expect([...calls.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['来电总量', '1234', '1000', '0', '+23.4%', '—']);
    expect(within(screen.getByTestId('paper-group-calls')).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['一、来电', '本月', '上月', '去年同月', '环比', '同比']);
    for (const k of ['daily', 'categories', 'satisfaction', 'deadlines']) expect(screen.getByTestId(`paper-chart-${k}`)).toBeTruthy();
    expect(screen.getByTestId('doc-summary').textContent).toBe('本月来电平稳。');
    expect(screen.getByTestId('doc-rectifications').textContent).toContain('整改中');
    expect(screen.getByTestId('paper-distribution').textContent).toBe('分发:客户服务部负责人、质量技术部');
    // The saved PDF is named after the bulletin, its period and version.
    expect(document.title).toBe('客户服务交流信息 2026-11 第 2 版');
  });

  it('the draft prints with its live figures, marked 草稿', async () => {
    const fake = mount('draft:quarterly:2026-Q4');
    await settle();
    await settle();
    expect(fake.of('bulletin.get')[0]?.params).toEqual({ kind: 'quarterly', periodKey: '2026-Q4' });
    const paper = screen.getByTestId('bulletin-paper');
    expect(paper.getAttribute('data-draft')).toBe('1');
    expect(within(paper).getByText('季度质量分析报告')).toBeTruthy();
    expect(screen.getByTestId('paper-version').textContent).toBe('草稿 · 未发布');
    expect(screen.getByTestId('paper-period').textContent).toContain('2026 年第 4 季度');
    expect(within(paper).getAllByRole('columnheader').map((h) => h.textContent)).toContain('本季度');
    // The quarter's plan and last quarter's, carried for follow-up.
    expect(paper.textContent).toContain('改进计划');
    expect(paper.textContent).toContain('缩短复检报告出具时间');
  });
});
