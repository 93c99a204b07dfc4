import { act, fireEvent, render, screen } from '@testing-library/react';
import { useCallback } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LookupResult, SessionInfo, Settings } from '../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { App } from '../../renderer/src/App';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { useIdleLock } from '../../renderer/src/features/auth/useIdleLock';
import { useActiveCall } from '../../renderer/src/features/calls/activeCallStore';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { callRecord } from './fixtures';

const session = (locked = false): SessionInfo => ({
  user: { id: 'user-1', username: 'wang', displayName: '王小明', role: 'agent', active: true, createdAt: '', updatedAt: '' },
  expiresAt: '2099-01-01T00:00:00.000Z',
  workstation: 'A07',
  organisationName: '某某纺织品检验所',
  locked,
});

const settings: Settings = { ...DEFAULT_SETTINGS, organisationName: '某某纺织品检验所', hotline: '0571-88886666', areaCode: '0571', workstation: 'A07' };
const lookup: LookupResult = { phone: '13800138000', normalized: '13800138000', valid: true, matches: [], repeat: { within24h: 0, within48h: 0, lastCallAt: null }, recentCalls: [] };

/** The whole app against a fake core that keeps the lock on the session, as the real one does. */
function boot(opts: { locked?: boolean } = {}) {
  let locked = opts.locked ?? false;
  const guard = (result: unknown) => (locked ? { ok: false, error: { code: 'session_locked', message: 'locked' } } : { ok: true, result });
  const fake = fakeBridge({
    'setup.status': () => ({ ok: true, result: { needsSetup: false, organisationName: '某某纺织品检验所', workstation: 'A07' } }),
    'auth.session': () => ({ ok: true, result: session(locked) }),
    'auth.lock': () => {
      locked = true;
      return { ok: true, result: { locked: true } };
    },
    'auth.unlock': (p) => {
      if (p.password !== 'right-password') return { ok: false, error: { code: 'invalid_credentials', message: 'wrong password' } };
      locked = false;
      return { ok: true, result: { locked: false } };
    },
    'settings.get': () => guard(settings),
    'customers.lookup': () => guard(lookup),
    'calls.answer': (p) => guard(callRecord({ rangAt: p.rangAt as string })),
    'calls.list': () => guard({ rows: [], total: 0 }),
    'callbacks.queue': () => guard({ rows: [], total: 0 }),
    'callbacks.counts': () => guard({ open: 0, overdue: 0, dueToday: 0, mine: 0 }),
    'drafts.save': () => guard({ savedAt: '2026-11-22T01:02:03.000Z' }),
    'scripts.active': () => ({ ok: false, error: { code: 'unknown_method', message: 'x' } }),
  });
  render(<App />);
  return fake;
}

afterEach(() => {
  vi.useRealTimers();
  setBridgeForTests(null);
  useActiveCall.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null, locked: false });
  localStorage.clear();
});

const settle = () => act(async () => {});

async function unlockWith(password: string) {
  fireEvent.change(screen.getByTestId('lock-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('lock-unlock'));
  await settle();
  await settle();
}

describe('the idle lock', () => {
  it('covers the open call without unmounting it: the typed text is still there after unlocking', async () => {
    const fake = boot();
    await settle();
    await settle();
    await act(async () => fake.emit('call.incoming', { phone: '13800138000', rangAt: new Date(Date.now() - 3000).toISOString() }));
    await settle();
    fireEvent.keyDown(window, { key: 'F2' });
    await settle();
    const content = () => screen.getByTestId('field-content') as HTMLTextAreaElement;
    fireEvent.change(content(), { target: { value: '客户询问 2026 年第 3 批样品的检测报告何时寄出' } });
    const typed = content();

    await act(async () => useSession.getState().lock());
    expect(fake.of('auth.lock')).toHaveLength(1);
    expect(screen.getByTestId('lock-overlay')).toBeTruthy();
    expect(screen.getByTestId('lock-user').textContent).toContain('王小明');
    // Underneath, the same form element with the same text; keyboard focus cannot reach it.
    expect(content()).toBe(typed);
    expect(typed.value).toBe('客户询问 2026 年第 3 批样品的检测报告何时寄出');
    expect(document.querySelector('.workspace')?.hasAttribute('inert')).toBe(true);

    await unlockWith('wrong');
    expect(screen.getByTestId('lock-error').textContent).toBe('用户名或密码错误');
    expect(screen.getByTestId('lock-overlay')).toBeTruthy();

    await unlockWith('right-password');
    expect(fake.of('auth.unlock').map((c) => c.params)).toEqual([{ password: 'wrong' }, { password: 'right-password' }]);
    expect(screen.queryByTestId('lock-overlay')).toBeNull();
    expect(content()).toBe(typed);
    expect(content().value).toBe('客户询问 2026 年第 3 批样品的检测报告何时寄出');
    expect(document.querySelector('.workspace')?.hasAttribute('inert')).toBe(false);
    // No new login: the same session goes on.
    expect(fake.of('auth.login')).toHaveLength(0);
  });

  it('a reload of a locked console comes back locked, and shows the back-off and the lock in the agent\'s words', async () => {
    const fake = boot({ locked: true });
    await settle();
    await settle();
    expect(screen.getByTestId('lock-overlay')).toBeTruthy();
    fake.bridge.invoke = async (method, params) => {
      fake.calls.push({ method, params: params as Record<string, unknown> });
      if (method === 'auth.unlock' && (params as { password: string }).password === 'soon')
        return { ok: false, error: { code: 'login_throttled', message: 'wait', details: { retryAfterSeconds: 4 } } };
      return { ok: false, error: { code: 'login_locked', message: 'locked', details: { lockedUntil: '2026-11-22T02:30:00.000Z' } } };
    };
    await unlockWith('soon');
    expect(screen.getByTestId('lock-error').textContent).toBe('密码错误。请 4 秒后再试');
    await unlockWith('again');
    expect(screen.getByTestId('lock-error').textContent).toMatch(/^密码连续错误 10 次,登录已锁定至 2026-11-22 \d\d:30:00。可请班组长或管理员提前解锁$/);
  });

  it('a call that rings while locked pops after unlocking, not before', async () => {
    const fake = boot();
    await settle();
    await settle();
    await act(async () => useSession.getState().lock());
    await act(async () => fake.emit('call.incoming', { phone: '13800138000', rangAt: new Date().toISOString() }));
    await settle();
    expect(fake.of('customers.lookup')).toHaveLength(0);
    expect(screen.getByTestId('lock-incoming')).toBeTruthy();
    await unlockWith('right-password');
    await settle();
    expect(screen.getByTestId('ringing-banner').textContent).toContain('13800138000');
    expect(fake.of('customers.lookup')[0]?.params).toEqual({ phone: '13800138000' });
  });
});

function Probe({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
  const cb = useCallback(() => onIdle(), [onIdle]);
  useIdleLock(minutes, true, cb);
  return null;
}

describe('idle detection', () => {
  it('locks after the set minutes without keys or mouse; activity starts the wait again; 0 never locks', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const { unmount } = render(<Probe minutes={15} onIdle={onIdle} />);
    vi.advanceTimersByTime(14 * 60_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(10 * 60_000);
    fireEvent.mouseMove(window);
    vi.advanceTimersByTime(14 * 60_000 + 59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    unmount();

    const never = vi.fn();
    render(<Probe minutes={0} onIdle={never} />);
    vi.advanceTimersByTime(24 * 3600_000);
    expect(never).not.toHaveBeenCalled();
  });
});
