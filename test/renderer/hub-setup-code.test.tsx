import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { LoginPage } from '../../renderer/src/features/auth/LoginPage';
import { HubCard } from '../../renderer/src/features/sync/HubCard';
import { useSync } from '../../renderer/src/features/sync/syncStore';
import { setLanguage } from '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session, syncStatus } from './fixtures';

const settle = () => act(async () => {});
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

afterEach(async () => {
  setBridgeForTests(null);
  useSync.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null, locked: false });
  await setLanguage('zh');
});

const REFUSALS = {
  required: { code: 'setup_code_required', message: 'x', fields: [{ field: 'setupCode', code: 'required', message: 'x' }] },
  invalid: { code: 'setup_code_invalid', message: 'x', fields: [{ field: 'setupCode', code: 'invalid_value', message: 'x' }] },
};

describe('joining an empty hub asks for its set-up code, beside the field', () => {
  it.each([
    ['zh', '该中心服务器尚未设置:请输入它启动时显示的设置码', '设置码不正确。可在中心服务器上运行 npm run hub -- --setup-code 获取新的设置码'],
    ['en', 'This hub is not set up yet: enter the set-up code it showed when it started', 'Wrong set-up code. Run npm run hub -- --setup-code on the hub machine for a new one'],
  ] as const)('%s', async (lang, requiredText, invalidText) => {
    await setLanguage(lang);
    let answer = REFUSALS.required;
    const fake = fakeBridge({ 'settings.get': () => ({ ok: false, error: { code: 'internal' } }), 'sync.join': () => ({ ok: false, error: answer }) });
    useSession.setState({ phase: 'ready', session: session('admin') });
    useSync.setState({ status: syncStatus({ joined: false, hubUrl: null, lastSyncAt: null }), syncing: false });
    render(
      <AntApp>
        <HubCard />
      </AntApp>,
    );
    type('hub-url', 'http://192.168.1.10:8750');
    type('hub-username', 'admin');
    type('hub-password', 'secret-pass-1');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(fake.of('sync.join')[0]?.params).toEqual({ hubUrl: 'http://192.168.1.10:8750', username: 'admin', password: 'secret-pass-1' });
    expect(screen.getByTestId('field-error-setupCode').textContent).toBe(requiredText);
    answer = REFUSALS.invalid;
    type('hub-setup-code', ' 1234-5678-9012-3456 ');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(fake.of('sync.join')[1]?.params).toMatchObject({ setupCode: '1234-5678-9012-3456' });
    expect(screen.getByTestId('field-error-setupCode').textContent).toBe(invalidText);
  });
});

describe('the login page words the back-off and the lock', () => {
  it.each([
    ['zh', '密码错误。请 2 秒后再试', /^密码连续错误 10 次,登录已锁定至 2026-11-22 \d\d:30:00/],
    ['en', 'Wrong password. Try again in 2 s', /^10 wrong passwords in a row: this login is locked until 2026-11-22 \d\d:30:00/],
  ] as const)('%s', async (lang, throttled, locked) => {
    await setLanguage(lang);
    let n = 0;
    fakeBridge({
      'auth.login': () =>
        ++n === 1
          ? { ok: false, error: { code: 'login_throttled', message: 'x', details: { retryAfterSeconds: 2 } } }
          : { ok: false, error: { code: 'login_locked', message: 'x', details: { lockedUntil: '2026-11-22T02:30:00.000Z' } } },
    });
    useSession.setState({ phase: 'login' });
    render(
      <AntApp>
        <LoginPage />
      </AntApp>,
    );
    type('login-username', 'agent1');
    type('login-password', 'whatever');
    fireEvent.click(screen.getByTestId('login-submit'));
    await settle();
    expect(screen.getByTestId('login-error').textContent).toBe(throttled);
    fireEvent.click(screen.getByTestId('login-submit'));
    await settle();
    expect(screen.getByTestId('login-error').textContent).toMatch(locked);
  });
});
