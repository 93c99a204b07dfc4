import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, Settings } from '../../shared/api/types';
import type { ScriptVersion } from '../../shared/domain/script';
import { BUILT_IN_CALL_SCRIPT } from '../../shared/domain/scriptDefaults';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSettings } from '../../renderer/src/features/admin/settingsStore';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallForm } from '../../renderer/src/features/calls/form/CallForm';
import { useCallForm } from '../../renderer/src/features/calls/form/useCallForm';
import { ScriptPanel } from '../../renderer/src/features/scripts/ScriptPanel';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { callRecord, session } from './fixtures';

const SCRIPT_ID = '0195f3a2-7b1c-7000-8000-00000000c0de';
// The recorded version: a greeting with an agent surname, a caller variable and a typo ({机构}).
const script: ScriptVersion = {
  ...BUILT_IN_CALL_SCRIPT,
  id: SCRIPT_ID,
  version: 3,
  builtIn: false,
  name: '来电话术(测试版)',
  steps: BUILT_IN_CALL_SCRIPT.steps.map((s) => (s.key === 'greeting' ? { ...s, words: '您好,{机构名称},我姓{姓氏}。{客户称呼}您好!欢迎致电{机构}。' } : s)),
};

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  organisationName: '某某纺织品检验所',
  hotline: '0571-88886666',
  areaCode: '0571',
  workstation: 'A07',
};

function Harness({ record }: { record: CallRecord }) {
  const form = useCallForm({ record, editable: true });
  return (
    <>
      <ScriptPanel record={record} form={form} visible />
      <CallForm form={form} editable departments={[]} hotkeys />
    </>
  );
}

const settle = () => act(async () => {});
const panel = () => screen.getByTestId('script-panel');
const altKey = (key: string, code?: string) => fireEvent.keyDown(window, { key, code, altKey: true });

function mount(handlers: Parameters<typeof fakeBridge>[0] = {}, record = callRecord({ scriptVersionId: SCRIPT_ID })) {
  const fake = fakeBridge({
    'scripts.get': (p) => (p.id === SCRIPT_ID ? { ok: true, result: script } : { ok: false, error: { code: 'not_found', message: 'x' } }),
    'drafts.save': () => ({ ok: true, result: { savedAt: '2026-11-22T01:02:03.000Z' } }),
    ...handlers,
  });
  render(
    <AntApp>
      <Harness record={record} />
    </AntApp>,
  );
  return fake;
}

beforeEach(() => {
  useSession.setState({ phase: 'ready', session: session('agent') });
  useSettings.setState({ settings });
});
afterEach(() => {
  setBridgeForTests(null);
  useSettings.setState({ settings: null });
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('the script panel on the call screen', () => {
  it("shows the call's recorded version with filled, unfilled and unknown variables, and fills the caller from the sheet as typed", async () => {
    const fake = mount();
    await settle();
    expect(fake.of('scripts.get')[0]?.params).toEqual({ id: SCRIPT_ID });
    expect(fake.of('scripts.active')).toHaveLength(0);
    expect(panel().getAttribute('data-step')).toBe('greeting');
    const words = screen.getByTestId('script-current-words');
    expect(words.textContent).toContain('您好,某某纺织品检验所,我姓王。');
    // Not known yet: visible as a tag, never a silent blank.
    const unfilled = within(words).getByTestId('script-var-unfilled');
    expect(unfilled.getAttribute('data-var')).toBe('客户称呼');
    expect(unfilled.textContent).toBe('【客户称呼】');
    const unknown = within(words).getByTestId('script-var-unknown');
    expect(unknown.getAttribute('data-var')).toBe('机构');
    expect(unknown.textContent).toBe('【机构】');

    fireEvent.change(screen.getByTestId('field-callerName'), { target: { value: '李明' } });
    expect(within(screen.getByTestId('script-current-words')).queryByTestId('script-var-unfilled')).toBeNull();
    expect(screen.getByTestId('script-current-words').textContent).toContain('李先生/女士您好!');
  });

  it('advances with Alt+↓ and goes back with Alt+↑, and a click makes a step current', async () => {
    mount();
    await settle();
    altKey('ArrowDown');
    expect(panel().getAttribute('data-step')).toBe('identify');
    altKey('ArrowDown');
    altKey('ArrowDown');
    expect(panel().getAttribute('data-step')).toBe('handle');
    altKey('ArrowUp');
    expect(panel().getAttribute('data-step')).toBe('classify');
    expect(screen.getByTestId('script-step-classify').getAttribute('aria-current')).toBe('step');
    fireEvent.click(within(screen.getByTestId('script-step-closing')).getByRole('button'));
    expect(panel().getAttribute('data-step')).toBe('closing');
    expect(screen.getByTestId('script-current-words').textContent).toContain('0571-88886666');
    // Past the last step it stays there.
    altKey('ArrowDown');
    expect(panel().getAttribute('data-step')).toBe('closing');
  });

  it('a special-situation key shows its words, ticks the situation on the sheet and offers its action: a promised callback', async () => {
    const fake = mount({
      'callbacks.create': (p) => ({ ok: true, result: { id: 'cb-1', kind: 'promised', dueAt: p.dueAt, status: 'open' } }),
    });
    await settle();
    fireEvent.change(screen.getByTestId('field-content'), { target: { value: '询问面料色牢度标准' } });
    altKey('8', 'Digit8');
    const card = screen.getByTestId('script-special-card');
    expect(card.getAttribute('data-situation')).toBe('beyond_ability');
    expect(card.textContent).toContain('对不起,您提的问题我马上给您查一下');
    expect(card.textContent).toContain('禁止盲目解答或承诺');
    const ticked = screen.getByTestId('field-specialSituations').querySelector<HTMLInputElement>('input[value="beyond_ability"]');
    expect(ticked?.checked).toBe(true);
    expect(screen.getByTestId('script-special-beyond_ability').getAttribute('data-ticked')).toBe('true');

    // Alt+Enter runs the shown action: the promised-callback dialog, prefilled.
    fireEvent.keyDown(window, { key: 'Enter', altKey: true });
    await settle();
    expect(screen.getByTestId('promised-modal')).toBeTruthy();
    expect((screen.getByTestId('promised-phone') as HTMLInputElement).value).toBe('13800138000');
    expect((screen.getByTestId('promised-subject') as HTMLTextAreaElement).value).toBe('来电 LD-20261122-A07-0007:询问面料色牢度标准');
    fireEvent.click(screen.getByTestId('promised-submit'));
    await settle();
    const sent = fake.of('callbacks.create')[0]?.params as Record<string, unknown>;
    expect(sent).toMatchObject({ kind: 'promised', callId: callRecord().id, phone: '13800138000', subject: '来电 LD-20261122-A07-0007:询问面料色牢度标准' });
    expect(Date.parse(sent.dueAt as string)).toBeGreaterThan(Date.now());
    // The same promise lands in the sheet's 承诺答复时间.
    expect((screen.getByTestId('field-promisedReplyBy') as HTMLInputElement).value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(screen.getByTestId('script-special-card').textContent).toContain('已承诺');
  });

  it('the phone-fault action marks the call transferred; pressing the key again returns to the step', async () => {
    mount();
    await settle();
    altKey('ArrowDown');
    altKey('9', 'Digit9');
    expect(screen.getByTestId('script-special-card').getAttribute('data-situation')).toBe('phone_fault');
    fireEvent.click(screen.getByTestId('script-action-mark_transferred'));
    expect((screen.getByTestId('field-transferred') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('transferred-tag')).toBeTruthy();
    altKey('9', 'Digit9');
    expect(screen.queryByTestId('script-special-card')).toBeNull();
    expect(panel().getAttribute('data-step')).toBe('identify');
    // Still ticked: going back to the step does not untick what happened on the call.
    expect(screen.getByTestId('field-specialSituations').querySelector<HTMLInputElement>('input[value="phone_fault"]')?.checked).toBe(true);
  });

  it('without a recorded version it asks for the active one; when nothing can be read the built-in words still guide, marked', async () => {
    const fake = mount(
      { 'scripts.active': () => ({ ok: false, error: { code: 'unknown_method', message: 'x' } }) },
      callRecord({ scriptVersionId: null }),
    );
    await settle();
    expect(fake.of('scripts.get')).toHaveLength(0);
    expect(fake.of('scripts.active')[0]?.params).toEqual({ kind: 'call' });
    expect(screen.getByTestId('script-fallback')).toBeTruthy();
    expect(screen.getByTestId('script-current-words').textContent).toBe('您好,某某纺织品检验所,请问您有什么需要帮助的?');
  });
});
