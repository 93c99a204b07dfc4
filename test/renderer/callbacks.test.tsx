import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Callback, CallbackDetail, CallbackRow, Settings } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import { BUILT_IN_CALLBACK_SCRIPT } from '../../shared/domain/scriptDefaults';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallbackQueue } from '../../renderer/src/features/callbacks/CallbackQueue';
import { CallbackScreen } from '../../renderer/src/features/callbacks/CallbackScreen';
import { ImportDialog } from '../../renderer/src/features/callbacks/ImportDialog';
import { DEFAULT_QUEUE_FILTERS } from '../../renderer/src/features/callbacks/queueQuery';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

const CB_ID = '0195f3a2-7b1c-7000-8000-0000000000b1';
const COMPLAINT_ID = '0195f3a2-7b1c-7000-8000-0000000000c9';
const HOUR = 3600_000;

function callback(over: Partial<Callback> = {}): Callback {
  return {
    id: CB_ID,
    kind: 'complaint',
    status: 'open',
    dueAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString(),
    customerId: null,
    name: '李明',
    organisation: '杭州某某服饰有限公司',
    phone: '13800138000',
    phoneNormalized: '13800138000',
    subject: '投诉 TS-2026-0001 已处理,回访满意度',
    source: 'complaint',
    sourceId: COMPLAINT_ID,
    callId: null,
    complaintId: COMPLAINT_ID,
    complaintRound: 1,
    assigneeId: 'user-1',
    assigneeName: '王小明',
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: null,
    satisfaction: null,
    score: null,
    accuracy: null,
    timeliness: null,
    attitude: null,
    unsatisfactory: '',
    remainingProblems: '',
    suggestions: '',
    evaluation: '',
    note: '',
    scriptVersionId: null,
    doneAt: null,
    doneBy: '',
    cancelReason: '',
    importBatch: null,
    createdAt: '2026-11-20T01:00:00.000Z',
    createdBy: '系统',
    updatedAt: '2026-11-20T01:00:00.000Z',
    version: 1,
    ...over,
  };
}

function detail(c: Callback, over: Partial<CallbackDetail> = {}): CallbackDetail {
  return {
    callback: c,
    history: [],
    complaint: { id: COMPLAINT_ID, complaintNo: 'TS-2026-0001', round: 1, status: 'handled', problem: '报告出具延误', result: '已加急出具并致歉' },
    call: null,
    script: BUILT_IN_CALLBACK_SCRIPT,
    urgency: 'scheduled',
    conflicts: [],
    ...over,
  };
}

const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const settle = () => act(async () => {});

function mountScreen(first: CallbackDetail, handlers: Parameters<typeof fakeBridge>[0] = {}, role: Role = 'callback_officer') {
  useSession.setState({ phase: 'ready', session: session(role) });
  let current = first;
  const fake = fakeBridge({
    'callbacks.get': () => ({ ok: true, result: current }),
    ...handlers,
  });
  render(
    <AntApp>
      <CallbackScreen id={CB_ID} />
    </AntApp>,
  );
  return { fake, next: (d: CallbackDetail) => (current = d) };
}

beforeEach(() => {
  useSettings.setState({ settings });
});
afterEach(() => {
  setBridgeForTests(null);
  useSettings.setState({ settings: null });
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('the callback screen', () => {
  it('shows the complaint behind it and the callback script with the officer surname and the hotline', async () => {
    mountScreen(detail(callback()));
    await settle();
    expect(screen.getByTestId('callback-who').textContent).toContain('李明');
    const linked = screen.getByTestId('callback-complaint');
    expect(linked.textContent).toContain('TS-2026-0001');
    expect(linked.textContent).toContain('第 1 轮');
    expect(linked.textContent).toContain('报告出具延误');
    expect(linked.textContent).toContain('已加急出具并致歉');
    const script = screen.getByTestId('callback-script');
    expect(script.getAttribute('data-step')).toBe('introduce');
    expect(within(script).getByTestId('script-current-words').textContent).toContain('我是某某纺织品检验所客户服务中心回访员,我姓王');
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    expect(within(script).getByTestId('script-current-words').textContent).toBe('如果有问题,请再打电话0571-88886666,我们将及时为您服务。');
  });

  it('requires the satisfaction before sending, in Chinese beside the field; then sends the survey', async () => {
    const { fake, next } = mountScreen(detail(callback()), {
      'callbacks.complete': () => ({ ok: true, result: callback({ status: 'done', satisfaction: 'satisfied' }) }),
    });
    await settle();
    fireEvent.click(screen.getByTestId('outcome-submit'));
    await settle();
    expect(fake.of('callbacks.complete')).toHaveLength(0);
    expect(screen.getByTestId('outcome-error-satisfaction').textContent).toBe('请选择客户满意度');

    fireEvent.click(within(screen.getByTestId('outcome-satisfaction')).getByText('满意'));
    expect(screen.queryByTestId('outcome-error-satisfaction')).toBeNull();
    fireEvent.click(within(screen.getByTestId('outcome-accuracy')).getByText('基本满意'));
    fireEvent.change(screen.getByTestId('outcome-suggestions'), { target: { value: '希望缩短检测周期' } });
    next(detail(callback({ status: 'done', satisfaction: 'satisfied', doneAt: new Date().toISOString(), doneBy: '王小明' })));
    fireEvent.click(screen.getByTestId('outcome-submit'));
    await settle();
    const sent = fake.of('callbacks.complete')[0]?.params as { id: string; outcome: Record<string, unknown> };
    expect(sent.id).toBe(CB_ID);
    expect(sent.outcome).toMatchObject({
      satisfaction: 'satisfied',
      accuracy: 'fairly_satisfied',
      suggestions: '希望缩短检测周期',
      scriptVersionId: BUILT_IN_CALLBACK_SCRIPT.id,
    });
    await settle();
    expect(screen.getByTestId('outcome-view-satisfaction').textContent).toBe('满意');
  });

  it('a suggestion callback asks for the evaluation told to the customer instead of satisfaction', async () => {
    const { fake } = mountScreen(detail(callback({ kind: 'suggestion', complaintId: null }), { complaint: null }));
    await settle();
    expect(screen.queryByTestId('outcome-satisfaction')).toBeNull();
    fireEvent.click(screen.getByTestId('outcome-submit'));
    await settle();
    expect(fake.of('callbacks.complete')).toHaveLength(0);
    expect(screen.getByTestId('outcome-error-evaluation').textContent).toBe('请填写评估结果及告知客户的内容');
  });

  it('not satisfied on a complaint callback asks what is wrong, warns of the new round, then says the complaint is back in handling', async () => {
    const { fake, next } = mountScreen(detail(callback()), {
      'callbacks.complete': () => ({ ok: true, result: callback({ status: 'done', satisfaction: 'unsatisfied' }) }),
    });
    await settle();
    fireEvent.click(within(screen.getByTestId('outcome-satisfaction')).getByText('不满意'));
    expect(screen.getByTestId('outcome-unsatisfied-warn')).toBeTruthy();
    fireEvent.click(screen.getByTestId('outcome-submit'));
    await settle();
    expect(fake.of('callbacks.complete')).toHaveLength(0);
    expect(screen.getByTestId('outcome-error-remainingProblems').textContent).toBe('客户不满意:请填写不满意的地方或遗留问题');
    fireEvent.change(screen.getByTestId('outcome-remainingProblems'), { target: { value: '报告仍有错字' } });
    next(
      detail(callback({ status: 'done', satisfaction: 'unsatisfied', remainingProblems: '报告仍有错字' }), {
        complaint: { id: COMPLAINT_ID, complaintNo: 'TS-2026-0001', round: 2, status: 'in_handling', problem: '报告出具延误', result: '' },
      }),
    );
    fireEvent.click(screen.getByTestId('outcome-submit'));
    await settle();
    await settle();
    expect(fake.of('callbacks.complete')).toHaveLength(1);
    expect(screen.getByTestId('complaint-reopened').textContent).toContain('投诉 TS-2026-0001 已转回处理,现为第 2 轮');
    fireEvent.click(screen.getByTestId('complaint-reopened-link'));
    expect(window.location.hash).toBe(`#/complaints/${COMPLAINT_ID}`);
  });

  it('not reached: records the attempt and shows the attempts and the next retry time', async () => {
    const retryAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const { fake, next } = mountScreen(detail(callback()), {
      'callbacks.notReached': () => ({ ok: true, result: callback({ attempts: 1, nextAttemptAt: retryAt }) }),
    });
    await settle();
    fireEvent.click(within(screen.getByTestId('outcome-reached')).getByText('未接通'));
    fireEvent.change(screen.getByTestId('outcome-note'), { target: { value: '无人接听' } });
    next(detail(callback({ attempts: 1, nextAttemptAt: retryAt, version: 2 })));
    fireEvent.click(screen.getByTestId('outcome-not-reached'));
    await settle();
    await settle();
    expect(fake.of('callbacks.notReached')[0]?.params).toEqual({ id: CB_ID, note: '无人接听' });
    expect(screen.getByTestId('callback-retry').textContent).toContain('已拨打 1 次未接通(最多 3 次)');
    expect(screen.getByTestId('callback-attempts').textContent).toBe('1 / 3 次');
  });
});

function row(over: Partial<CallbackRow>): CallbackRow {
  return {
    id: CB_ID,
    kind: 'promised',
    status: 'open',
    urgency: 'scheduled',
    dueAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString(),
    nextAttemptAt: null,
    attempts: 0,
    name: '李明',
    organisation: '',
    phone: '13800138000',
    subject: '',
    assigneeId: null,
    assigneeName: '',
    complaintId: null,
    complaintNo: null,
    callId: null,
    satisfaction: null,
    doneAt: null,
    ...over,
  };
}

describe('the callback queue', () => {
  it('marks overdue rows red with how late, due-soon amber, a waiting retry with its time', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    const fake = fakeBridge({
      'callbacks.queue': () => ({
        ok: true,
        result: {
          total: 3,
          rows: [
            row({ id: 'a', dueAt: new Date(Date.now() - 3 * 24 * HOUR - HOUR).toISOString() }),
            row({ id: 'b', dueAt: new Date(Date.now() + HOUR).toISOString() }),
            row({ id: 'c', attempts: 1, nextAttemptAt: new Date(Date.now() + 30 * 60_000).toISOString() }),
          ],
        },
      }),
    });
    render(
      <AntApp>
        <CallbackQueue scope="all" lead filters={DEFAULT_QUEUE_FILTERS} onFilters={() => {}} />
      </AntApp>,
    );
    await settle();
    expect(fake.of('callbacks.queue')[0]?.params).toMatchObject({ scope: 'all', status: 'open' });
    const due = screen.getAllByTestId('callback-due');
    expect(due.map((d) => d.getAttribute('data-urgency'))).toEqual(['overdue', 'due_soon', 'waiting_retry']);
    expect(due[0]?.textContent).toContain('逾期 3 天');
    expect(due[1]?.textContent).toContain('后到期');
    expect(due[2]?.textContent).toContain('待重拨');
    expect(screen.getAllByTestId('callback-row')[0]?.className).toContain('callback-row-overdue');
  });
});

describe('importing a callback list', () => {
  it('sends the file as base64 and reports the refused rows with their row number and a Chinese reason', async () => {
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    const fake = fakeBridge({
      'callbacks.import': () => ({
        ok: true,
        result: {
          batchId: 'b1',
          fileName: 'list.csv',
          totalRows: 4,
          imported: 1,
          ids: ['x'],
          refused: [
            { row: 3, code: 'missing_phone', reason: 'no phone', values: { 联系人: '张三' } },
            { row: 4, code: 'invalid_date', reason: 'bad date', values: { 电话: '13900000000', 回访日期: '2026-13-45' } },
            { row: 5, code: 'duplicate_in_file', reason: 'dup', values: { 电话: '13800138000' } },
          ],
        },
      }),
    });
    render(
      <AntApp>
        <ImportDialog onClose={() => {}} onImported={() => {}} />
      </AntApp>,
    );
    expect(screen.getByTestId('callback-import-help').textContent).toContain('联系电话');
    const input = screen.getByTestId('callback-import').querySelector<HTMLInputElement>('input[type="file"]');
    const file = new File(['联系人,电话\n李明,13800138000\n'], 'list.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(input!, { target: { files: [file] } });
    });
    fireEvent.click(within(screen.getByTestId('callback-import-kind')).getByText('售前回访'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('callback-import-submit'));
    });
    // The file is read asynchronously (FileReader): on a loaded machine that takes longer than any fixed pause.
    await waitFor(() => expect(fake.of('callbacks.import')).toHaveLength(1));
    const sent = fake.of('callbacks.import')[0]?.params as { kind: string; fileName: string; base64: string };
    expect(sent.kind).toBe('presale');
    expect(sent.fileName).toBe('list.csv');
    expect(Buffer.from(sent.base64, 'base64').toString('utf8')).toBe('联系人,电话\n李明,13800138000\n');
    const report = screen.getByTestId('callback-import-report');
    expect(report.textContent).toContain('已导入 1 条(共 4 行)');
    const rows = screen.getAllByTestId('import-refused-row');
    expect(rows.map((r) => [r.getAttribute('data-row'), r.textContent?.includes('缺少电话') || r.textContent?.includes('日期格式不正确') || r.textContent?.includes('与文件中前面的行重复')])).toEqual([
      ['3', true],
      ['4', true],
      ['5', true],
    ]);
  });
});
