import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { OrgSettingsForm } from '../../renderer/src/features/admin/OrgSettingsForm';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { NewComplaintDrawer } from '../../renderer/src/features/complaints/NewComplaint';
import { blankValues } from '../../renderer/src/features/complaints/form/values';
import { ActionBar } from '../../renderer/src/features/complaints/workflow/ActionBar';
import { SetupPage } from '../../renderer/src/features/setup/SetupPage';
import '../../renderer/src/i18n';
import { complaint, complaintDetail } from './complaintsFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/**
 * All errors at once: one submit with everything wrong shows every problem, each beside its box, and
 * nothing is sent (or, where only the core can know, the core's issues all land at once).
 */
const settle = () => act(async () => {});
const mount = (ui: ReactNode) => render(<AntApp>{ui}</AntApp>);
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
/** Every field message on screen, by field name (test ids `field-error-*`, `complaint-error-*`). */
const shownErrors = (prefix: string) =>
  Object.fromEntries(
    screen.queryAllByTestId(new RegExp(`^${prefix}-error-`)).map((el) => [el.getAttribute('data-testid')?.slice(prefix.length + 7), el.textContent]),
  );

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('every problem on the first submit', () => {
  it('first-run set-up: one round, the hotline "hotline" and the confirmation included', async () => {
    const fake = fakeBridge();
    mount(<SetupPage />);
    type('setup-hotline', 'hotline');
    type('setup-workstation', '7');
    type('setup-username', 'A');
    type('setup-password', 'short');
    type('setup-passwordConfirm', 'other');
    fireEvent.click(screen.getByTestId('setup-submit'));
    await settle();
    await act(async () => new Promise((r) => setTimeout(r, 5)));
    const errors = shownErrors('field');
    expect(Object.keys(errors).sort()).toEqual(
      ['admin.displayName', 'admin.password', 'admin.username', 'hotline', 'organisationName', 'passwordConfirm', 'workstation'].sort(),
    );
    expect(errors.hotline).toContain('服务热线只能由数字组成');
    expect(errors.passwordConfirm).toBe('两次输入的密码不一致');
    expect(fake.of('setup.initialize')).toHaveLength(0);
    // Focus goes to the first box in red.
    expect(document.activeElement).toBe(screen.getByTestId('setup-organisationName'));
  });

  it('登记投诉: the required boxes, the phone, the dates and the major-complaint boxes together', async () => {
    const fake = fakeBridge();
    useSession.setState({ phase: 'ready', session: session('agent') });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const past = new Date(Date.now() - 3 * 86_400_000).toISOString();
    mount(
      <NewComplaintDrawer
        title="登记投诉"
        initial={{ ...blankValues('phone'), severity: 'major', phone: '12-abc', occurredAt: future, agreedReplyBy: past }}
        callId={null}
        onDone={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByTestId('complaint-register'));
    await settle();
    const errors = shownErrors('complaint');
    expect(Object.keys(errors).sort()).toEqual(
      ['agreedReplyBy', 'complainant', 'headNotifiedAt', 'headNotifiedTo', 'occurredAt', 'phone', 'problem', 'soothed'].sort(),
    );
    expect(errors.phone).toContain('不是有效的电话号码');
    expect(errors.occurredAt).toBe('发生时间不能晚于现在');
    expect(errors.agreedReplyBy).toBe('约定答复时间不能早于现在');
    expect(fake.of('complaints.register')).toHaveLength(0);
  });

  it('指派: the handler and the departments in one go', async () => {
    const fake = fakeBridge({ 'users.directory': () => ({ ok: true, result: [] }) });
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    mount(<ActionBar detail={complaintDetail({ actions: ['assign'], complaint: complaint({ departments: [] }) })} onDone={vi.fn()} />);
    fireEvent.click(screen.getByTestId('action-assign'));
    await settle();
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(Object.keys(shownErrors('complaint')).sort()).toEqual(['departments', 'handlerId']);
    expect(fake.of('complaints.transition')).toHaveLength(0);
  });

  it('录入处理结果: every empty box at once; a stored phone nobody can dial is shown in red to correct', async () => {
    const fake = fakeBridge({ 'complaints.transition': () => ({ ok: true, result: complaint({ status: 'handled' }) }) });
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    mount(
      <ActionBar
        detail={complaintDetail({ actions: ['recordResult'], complaint: complaint({ status: 'in_handling', phone: '12-abc', investigation: '', result: '', replyToCustomer: '' }) })}
        onDone={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByTestId('action-recordResult'));
    await settle();
    expect(screen.getByTestId('step-phone')).toBeTruthy();
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(Object.keys(shownErrors('complaint')).sort()).toEqual(['investigation', 'phone', 'replyToCustomer', 'result']);
    expect(fake.of('complaints.transition')).toHaveLength(0);
    type('step-phone', '13912345678');
    type('step-investigation', '复核');
    type('step-result', '无误');
    type('step-replyToCustomer', '已解释');
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(fake.of('complaints.transition')[0]?.params.step).toMatchObject({ action: 'recordResult', phone: '13912345678' });
  });

  it('organisation settings: −5 s, 100000 h, 热线abc and a duplicate department are refused beside their boxes, never clamped', async () => {
    const fake = fakeBridge({ 'settings.usage': () => ({ ok: true, result: { departments: {} } }) });
    const settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88881234', workstation: 'A07', departments: ['市场部', '质量技术部'] };
    mount(<OrgSettingsForm settings={settings} />);
    await settle();
    type('settings-hotline', '热线abc');
    type('settings-organisationName', '');
    type('settings-answerWithinSeconds', '-5');
    type('settings-repeatCallerHours', '100000');
    type('settings-department-1', '市场部');
    fireEvent.click(screen.getByTestId('settings-save'));
    await settle();
    await act(async () => new Promise((r) => setTimeout(r, 5)));
    const errors = shownErrors('field');
    expect(Object.keys(errors).sort()).toEqual(['answerWithinSeconds', 'departments', 'hotline', 'organisationName', 'repeatCallerHours']);
    expect(errors.answerWithinSeconds).toBe('须为 3–120 秒');
    expect(errors.repeatCallerHours).toBe('须为 1–168 小时');
    expect(errors.departments).toBe('该部门已在列表中,请删除重复的一项');
    // The boxes still hold what was typed: nothing was changed behind the user's back.
    expect((screen.getByTestId('settings-answerWithinSeconds') as HTMLInputElement).value).toBe('-5');
    expect(fake.of('settings.update')).toHaveLength(0);
  });

  it('organisation settings: removing a department that records use asks first', async () => {
    const fake = fakeBridge({ 'settings.usage': () => ({ ok: true, result: { departments: { 质量技术部: 12 } } }) });
    const settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88881234', workstation: 'A07', departments: ['市场部', '质量技术部'] };
    mount(<OrgSettingsForm settings={settings} />);
    await settle();
    fireEvent.click(screen.getByTestId('settings-remove-department-1'));
    await settle();
    expect(document.body.textContent).toContain('仍有 12 条记录使用这个部门');
    expect(screen.getByTestId('settings-department-1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('remove-dept-ok'));
    await settle();
    expect(screen.queryByTestId('settings-department-1')).toBeNull();
    expect(fake.of('settings.usage')).toHaveLength(1);
  });
});
