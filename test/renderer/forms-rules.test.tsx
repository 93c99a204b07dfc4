import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { OrgSettingsForm } from '../../renderer/src/features/admin/OrgSettingsForm';
import { CallbackRulesForm } from '../../renderer/src/features/callbacks/CallbackRulesForm';
import { DeadlineRulesForm } from '../../renderer/src/features/complaints/settings/DeadlineRulesForm';
import { ActionBar } from '../../renderer/src/features/complaints/workflow/ActionBar';
import '../../renderer/src/i18n';
import { complaint, complaintDetail } from './complaintsFixtures';
import { fakeBridge } from './fakeBridge';
import { session } from './fixtures';

/** The rule forms and the remaining workflow steps: every problem at once, a number out of range refused, never clamped. */
const settle = () => act(async () => {});
const mount = (ui: ReactNode) => render(<AntApp>{ui}</AntApp>);
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88881234', workstation: 'A07' };
const shown = (prefix: string) =>
  screen
    .queryAllByTestId(new RegExp(`^${prefix}-error-`))
    .map((el) => el.getAttribute('data-testid')?.slice(prefix.length + 7))
    .sort();

afterEach(() => {
  setBridgeForTests(null);
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('rule forms', () => {
  it('deadline rules: two numbers out of range, both refused beside their boxes, the boxes keep what was typed', async () => {
    const fake = fakeBridge();
    mount(<DeadlineRulesForm settings={SETTINGS} />);
    type('rules-escalateMinutes', '-5');
    type('rules-reportHours', '100000');
    fireEvent.click(screen.getByTestId('rules-save'));
    await settle();
    expect(shown('complaint')).toEqual(['deadlineRules.escalateMinutes', 'deadlineRules.reportHours']);
    expect((screen.getByTestId('rules-escalateMinutes') as HTMLInputElement).value).toBe('-5');
    expect(fake.of('settings.update')).toHaveLength(0);
  });

  it('callback rules: two numbers out of range at once', async () => {
    const fake = fakeBridge();
    mount(<CallbackRulesForm settings={SETTINGS} />);
    type('cbrules-satisfactionDays', '0');
    type('cbrules-maxAttempts', '500');
    fireEvent.click(screen.getByTestId('cbrules-save'));
    await settle();
    expect(shown('rules')).toEqual(['callbackRules.maxAttempts', 'callbackRules.satisfactionDays']);
    expect(fake.of('settings.update')).toHaveLength(0);
  });
});

describe('the other workflow steps check their boxes before asking the core', () => {
  it.each([
    ['void', ['reason']],
    ['approveClose', ['opinion']],
    ['report', ['note']],
    ['escalate', ['to']],
  ] as const)('%s', async (action, fields) => {
    const fake = fakeBridge({ 'users.directory': () => ({ ok: true, result: [] }) });
    useSession.setState({ phase: 'ready', session: session('team_lead') });
    mount(<ActionBar detail={complaintDetail({ actions: [action], complaint: complaint({ severity: 'major', escalatedTo: '' }) })} onDone={vi.fn()} />);
    fireEvent.click(screen.getByTestId(`action-${action}`));
    await settle();
    fireEvent.click(screen.getByTestId('step-submit'));
    await settle();
    expect(shown('complaint')).toEqual([...fields]);
    expect(screen.getByTestId('step-error').textContent).toBe('填写有误,请检查标红的字段');
    expect(fake.of('complaints.transition')).toHaveLength(0);
  });
});

describe('no lost typing in the settings forms', () => {
  it('typing in the organisation settings comes back after a visit to another screen', async () => {
    fakeBridge({ 'settings.usage': () => ({ ok: true, result: { departments: {} } }) });
    useSession.setState({ phase: 'ready', session: session('admin') });
    const first = mount(<OrgSettingsForm settings={SETTINGS} />);
    await settle();
    type('settings-hotline', '400-888-1234');
    await settle();
    first.unmount();
    mount(<OrgSettingsForm settings={SETTINGS} />);
    await settle();
    expect((screen.getByTestId('settings-hotline') as HTMLInputElement).value).toBe('400-888-1234');
  });

  it('is dropped when the settings changed meanwhile (never laid over newer values)', async () => {
    fakeBridge({ 'settings.usage': () => ({ ok: true, result: { departments: {} } }) });
    useSession.setState({ phase: 'ready', session: session('admin') });
    const first = mount(<OrgSettingsForm settings={SETTINGS} />);
    await settle();
    type('settings-hotline', '400-888-1234');
    await settle();
    first.unmount();
    mount(<OrgSettingsForm settings={{ ...SETTINGS, hotline: '12345' }} />);
    await settle();
    expect((screen.getByTestId('settings-hotline') as HTMLInputElement).value).toBe('12345');
  });
});
