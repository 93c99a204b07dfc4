import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindingRow } from '../../shared/api/qualityTypes';
import type { Role } from '../../shared/domain/roles';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { decideActions } from '../../renderer/src/features/quality/FindingDialogs';
import { FindingsTable } from '../../renderer/src/features/quality/FindingsTable';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';
import { finding, SCORECARD } from './qualityFixtures';

const settle = () => act(async () => {});
const DAY = 86_400_000;

const REPORTED = finding({ id: '0195f3a2-7b1c-7000-8000-0000000000c2', status: 'reported', report: '已学习结束语规范并在后续来电中使用' });
const APPEALED = finding({ id: '0195f3a2-7b1c-7000-8000-0000000000c3', status: 'appealed', itemId: 'correct', text: '答复的检测周期有误', appeal: '当时系统显示的周期就是 5 个工作日' });
const OVERDUE = finding({ id: '0195f3a2-7b1c-7000-8000-0000000000c4', status: 'open', dueAt: new Date(Date.now() - 2 * DAY).toISOString(), overdue: true });

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null });
});

function mount(scope: 'team' | 'mine', rows: FindingRow[], handlers: Parameters<typeof fakeBridge>[0] = {}, role: Role = scope === 'team' ? 'team_lead' : 'agent') {
  useSession.setState({ phase: 'ready', session: session(role) });
  const fake = fakeBridge({
    'findings.list': () => ({ ok: true, result: rows }),
    'scorecards.active': () => ({ ok: true, result: SCORECARD }),
    ...handlers,
  });
  render(
    <AntApp>
      <FindingsTable scope={scope} />
    </AntApp>,
  );
  return fake;
}

const row = (id: string) => screen.getAllByTestId('finding-row').find((r) => r.getAttribute('data-finding-id') === id)!;

describe('findings: the lead decides', () => {
  it('offers what each state waits for: a report is approved or rejected, an appeal upheld or rejected, an open one nothing', () => {
    expect(decideActions(REPORTED)).toEqual(['approve', 'reject']);
    expect(decideActions(APPEALED)).toEqual(['uphold', 'rejectAppeal']);
    expect(decideActions(OVERDUE)).toEqual([]);
    expect(decideActions(finding({ status: 'closed' }))).toEqual([]);
  });

  it('lists the team’s findings with the agent, the item, the answer and the overdue mark', async () => {
    mount('team', [REPORTED, APPEALED, OVERDUE]);
    await settle();
    expect(row(REPORTED.id).textContent).toContain('李晓红');
    expect(row(REPORTED.id).textContent).toContain('问候语与结束语规范');
    expect(row(REPORTED.id).textContent).toContain('已学习结束语规范');
    expect(within(row(OVERDUE.id)).getByTestId('finding-overdue').textContent).toBe('逾期 2 天');
    expect(within(row(REPORTED.id)).queryByTestId('finding-overdue')).toBeNull();
    expect(within(row(OVERDUE.id)).queryByRole('button')).toBeNull();
  });

  it('the overdue filter asks the core for overdue findings only', async () => {
    const fake = mount('team', [OVERDUE]);
    await settle();
    expect(fake.of('findings.list')[0]?.params).toEqual({ scope: 'team', status: undefined, overdue: undefined });
    fireEvent.click(screen.getByTestId('finding-filter-overdue'));
    await settle();
    expect(fake.of('findings.list').at(-1)?.params).toMatchObject({ scope: 'team', overdue: true });
  });

  it('rejecting a report needs a reason, beside the box; then sends it', async () => {
    const fake = mount('team', [REPORTED], { 'findings.decide': () => ({ ok: true, result: { ...REPORTED, status: 'open' } }) });
    await settle();
    fireEvent.click(within(row(REPORTED.id)).getByTestId('finding-reject'));
    await settle();
    expect(screen.getByTestId('finding-report-text').textContent).toBe(REPORTED.report);
    fireEvent.click(screen.getByTestId('finding-decide-submit'));
    await settle();
    expect(fake.of('findings.decide')).toHaveLength(0);
    expect(screen.getByTestId('field-error-reason').textContent).toBe('此项必填');
    fireEvent.change(screen.getByTestId('finding-decide-reason'), { target: { value: '报告未说明如何避免再次发生' } });
    fireEvent.click(screen.getByTestId('finding-decide-submit'));
    await settle();
    expect(fake.of('findings.decide')[0]?.params).toEqual({ id: REPORTED.id, decision: 'reject', reason: '报告未说明如何避免再次发生' });
  });

  it('approving closes without a reason; upholding and rejecting an appeal send their decisions', async () => {
    const fake = mount('team', [REPORTED, APPEALED], { 'findings.decide': (p) => ({ ok: true, result: { ...REPORTED, id: p.id as string } }) });
    await settle();
    fireEvent.click(within(row(REPORTED.id)).getByTestId('finding-approve'));
    await settle();
    fireEvent.click(screen.getByTestId('finding-decide-submit'));
    await settle();
    expect(fake.of('findings.decide')[0]?.params).toEqual({ id: REPORTED.id, decision: 'approve', reason: '' });

    fireEvent.click(within(row(APPEALED.id)).getByTestId('finding-uphold'));
    await settle();
    expect(screen.getByTestId('finding-appeal-text').textContent).toBe(APPEALED.appeal);
    fireEvent.change(screen.getByTestId('finding-decide-reason'), { target: { value: '系统当时确有错误' } });
    fireEvent.click(screen.getByTestId('finding-decide-submit'));
    await settle();
    expect(fake.of('findings.decide')[1]?.params).toEqual({ id: APPEALED.id, decision: 'uphold', reason: '系统当时确有错误' });

    fireEvent.click(within(row(APPEALED.id)).getByTestId('finding-rejectAppeal'));
    await settle();
    fireEvent.change(screen.getAllByTestId('finding-decide-reason').at(-1)!, { target: { value: '知识库已更新,应按新周期答复' } });
    fireEvent.click(screen.getAllByTestId('finding-decide-submit').at(-1)!);
    await settle();
    expect(fake.of('findings.decide')[2]?.params).toEqual({ id: APPEALED.id, decision: 'reject', reason: '知识库已更新,应按新周期答复' });
  });

  it('a refusal from the core shows in the dialog, and its field error beside the box', async () => {
    mount('team', [APPEALED], {
      'findings.decide': () => ({ ok: false, error: { code: 'invalid_params', message: 'a reason is required', fields: [{ field: 'reason', code: 'too_long', message: 'too long', params: { maximum: 1000 } }] } }),
    });
    await settle();
    fireEvent.click(within(row(APPEALED.id)).getByTestId('finding-uphold'));
    await settle();
    fireEvent.change(screen.getByTestId('finding-decide-reason'), { target: { value: '理由' } });
    fireEvent.click(screen.getByTestId('finding-decide-submit'));
    await settle();
    expect(screen.getByTestId('field-error-reason').textContent).toBe('内容过长,最多 1000 个字符');
    expect(screen.getByTestId('finding-decide-error').textContent).toContain('填写有误');
  });
});

describe('findings: the agent answers', () => {
  const OPEN = finding({ decisionReason: '报告过于简单,请补充' });

  it('an open finding is answered with an improvement report (required) or an appeal; others have no buttons', async () => {
    const fake = mount('mine', [OPEN, REPORTED], {
      'findings.report': () => ({ ok: true, result: { ...OPEN, status: 'reported' } }),
      'findings.appeal': () => ({ ok: true, result: { ...OPEN, status: 'appealed' } }),
    });
    await settle();
    expect(within(row(REPORTED.id)).queryByRole('button')).toBeNull();
    expect(screen.queryByText('李晓红')).toBeNull(); // their own list does not repeat their name

    fireEvent.click(within(row(OPEN.id)).getByTestId('finding-write-report'));
    await settle();
    expect(screen.getByTestId('finding-last-decision').textContent).toBe('报告过于简单,请补充'); // why the last report came back
    fireEvent.click(screen.getByTestId('finding-answer-submit'));
    await settle();
    expect(fake.of('findings.report')).toHaveLength(0);
    expect(screen.getByTestId('field-error-report').textContent).toBe('此项必填');
    fireEvent.change(screen.getByTestId('finding-answer-text'), { target: { value: '已熟记结束语,并请组长抽听三通来电' } });
    fireEvent.click(screen.getByTestId('finding-answer-submit'));
    await settle();
    expect(fake.of('findings.report')[0]?.params).toEqual({ id: OPEN.id, report: '已熟记结束语,并请组长抽听三通来电' });

    fireEvent.click(within(row(OPEN.id)).getByTestId('finding-appeal'));
    await settle();
    fireEvent.change(screen.getAllByTestId('finding-answer-text').at(-1)!, { target: { value: '录音中已说结束语,记录漏写' } });
    fireEvent.click(screen.getAllByTestId('finding-answer-submit').at(-1)!);
    await settle();
    expect(fake.of('findings.appeal')[0]?.params).toEqual({ id: OPEN.id, reason: '录音中已说结束语,记录漏写' });
  });

  it('the finding’s record opens the agent’s own review, read only', async () => {
    mount('mine', [OPEN]);
    await settle();
    fireEvent.click(within(row(OPEN.id)).getByTestId('finding-open-review'));
    expect(window.location.hash).toBe(`#/myQuality/review?month=${OPEN.month}&kind=call&id=${OPEN.recordId}`);
    window.location.hash = '';
  });
});
