import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupResult, SessionInfo, Settings } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { App } from '../../renderer/src/App';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useActiveCall } from '../../renderer/src/features/calls/activeCallStore';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { callRecord } from './fixtures';

const CUSTOMER_ID = '0195f3a2-7b1c-7000-8000-0000000000c1';

function session(role: Role): SessionInfo {
  return {
    user: { id: 'user-1', username: 'wang', displayName: '王小明', role, active: true, createdAt: '', updatedAt: '' },
    expiresAt: '2099-01-01T00:00:00.000Z',
    workstation: 'A07',
    organisationName: '某某纺织品检验所',
  };
}

// From the defaults, so settings the domain adds later (deadline rules, calendar …) are present.
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  organisationName: '某某纺织品检验所',
  hotline: '0571-88886666',
  areaCode: '0571',
  departments: ['市场部'],
  answerWithinSeconds: 15,
  repeatCallerHours: 48,
  workstation: 'A07',
};

const lookup: LookupResult = {
  phone: '13800138000',
  normalized: '13800138000',
  valid: true,
  matches: [
    {
      customer: {
        id: CUSTOMER_ID,
        name: '李明',
        organisation: '杭州某某服饰有限公司',
        address: '文三路 100 号',
        phones: [{ raw: '13800138000', normalized: '13800138000', local: '13800138000' }],
        serviceRequirements: '',
        notes: '',
        keyAccount: false,
        createdAt: '',
        updatedAt: '',
        createdBy: '',
        version: 1,
      },
      recentCalls: [],
    },
  ],
  repeat: { within24h: 2, within48h: 2, lastCallAt: null },
  recentCalls: [],
};

function boot(role: Role) {
  const fake = fakeBridge({
    'setup.status': () => ({ ok: true, result: { needsSetup: false, organisationName: '某某纺织品检验所', workstation: 'A07' } }),
    'auth.session': () => ({ ok: true, result: session(role) }),
    'settings.get': () => ({ ok: true, result: settings }),
    'customers.lookup': () => ({ ok: true, result: lookup }),
    'calls.answer': (p) => ({ ok: true, result: callRecord({ customerId: (p.customerId as string) ?? null, rangAt: p.rangAt as string }) }),
    'calls.list': () => ({ ok: true, result: { rows: [], total: 0 } }),
    'callbacks.queue': () => ({ ok: true, result: { rows: [], total: 0 } }),
    'callbacks.counts': () => ({ ok: true, result: { open: 2, overdue: 1, dueToday: 1, mine: 2 } }),
    'scripts.active': () => ({ ok: false, error: { code: 'unknown_method', message: 'x' } }),
  });
  render(<App />);
  return fake;
}

afterEach(() => {
  setBridgeForTests(null);
  useActiveCall.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null });
  localStorage.clear();
});

const settle = () => act(async () => {});

describe('incoming call', () => {
  it('rings with the screen pop, then F2 answers with the ring time and links the one matching customer', async () => {
    const fake = boot('agent');
    await settle();
    await settle();
    expect(screen.getByTestId('answer-phone')).toBeTruthy();
    const rangAt = new Date(Date.now() - 3000).toISOString();
    await act(async () => fake.emit('call.incoming', { phone: '13800138000', rangAt }));
    await settle();
    expect(screen.getByTestId('ringing-banner').textContent).toContain('13800138000');
    expect(screen.getByTestId('ring-seconds').textContent).toMatch(/已振铃 \d+ 秒/);
    expect(fake.of('customers.lookup')[0]?.params).toEqual({ phone: '13800138000' });
    expect(screen.getByTestId('customer-card').textContent).toContain('杭州某某服饰有限公司');
    expect(screen.getByTestId('repeat-tag').textContent).toBe('24小时内重复来电 2 次');

    fireEvent.keyDown(window, { key: 'F2' });
    await settle();
    expect(fake.of('calls.answer')[0]?.params).toEqual({ phone: '13800138000', rangAt, customerId: CUSTOMER_ID });
    expect(screen.getByTestId('record-no').textContent).toContain('LD-20261122-A07-0007');
    expect(screen.queryByTestId('ringing-banner')).toBeNull();
    // The empty sheet is filled from the linked customer file.
    expect((screen.getByTestId('field-callerName') as HTMLInputElement).value).toBe('李明');
  });

  it('marks the ring late once the answer time limit has passed', async () => {
    const fake = boot('agent');
    await settle();
    await settle();
    await act(async () => fake.emit('call.incoming', { phone: '13800138000', rangAt: new Date(Date.now() - 20_000).toISOString() }));
    await settle();
    expect(screen.getByTestId('ring-seconds').getAttribute('data-late')).toBe('true');
    expect(screen.getByTestId('ringing-banner').className).toContain('late');
  });
});

describe('menus per role', () => {
  it('an agent takes calls but has no settings', async () => {
    boot('agent');
    await settle();
    await settle();
    expect(screen.queryByTestId('nav-calls')).toBeTruthy();
    expect(screen.queryByTestId('nav-settings')).toBeNull();
    expect(screen.getByTestId('header-user').textContent).toContain('客服专员');
  });

  it('a callback officer lands on the callback queue and cannot take calls', async () => {
    const fake = boot('callback_officer');
    await settle();
    await settle();
    expect(screen.queryByTestId('nav-calls')).toBeNull();
    expect(screen.queryByTestId('answer-phone')).toBeNull();
    expect(screen.getByTestId('callback-table')).toBeTruthy();
    expect(fake.of('callbacks.queue')[0]?.params).toMatchObject({ scope: 'mine' });
    expect(screen.getByTestId('nav-records')).toBeTruthy();
  });

  it('session.ended sends the agent back to the login page with the reason', async () => {
    const fake = boot('admin');
    await settle();
    await settle();
    expect(screen.getByTestId('nav-settings')).toBeTruthy();
    await act(async () => fake.emit('session.ended', { reason: 'expired' }));
    await settle();
    expect(screen.getByTestId('login-notice').textContent).toBe('登录已过期,请重新登录');
  });
});
