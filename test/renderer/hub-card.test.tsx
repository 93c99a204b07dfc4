import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api/envelope';
import type { SyncStatus } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { HubCard, joinErrorText } from '../../renderer/src/features/sync/HubCard';
import { useSync } from '../../renderer/src/features/sync/syncStore';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session, syncStatus } from './fixtures';

const settle = () => act(async () => {});
const STANDALONE = syncStatus({ joined: false, hubUrl: null, lastSyncAt: null });

function mount(status: SyncStatus, handlers: Parameters<typeof fakeBridge>[0] = {}) {
  const fake = fakeBridge({ 'settings.get': () => ({ ok: false, error: { code: 'internal' } }), ...handlers });
  useSession.setState({ phase: 'ready', session: session('admin') });
  useSync.setState({ status, syncing: false });
  render(
    <AntApp>
      <HubCard />
    </AntApp>,
  );
  return fake;
}

const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

afterEach(() => {
  setBridgeForTests(null);
  useSync.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('join refusals in Chinese', () => {
  const err = (code: ApiError['code'], message: string): ApiError => ({ code, message });
  it('maps the core’s refusals', () => {
    expect(joinErrorText(err('invalid_credentials', 'the hub refused the username or password'))).toBe('中心服务器拒绝了用户名或密码');
    expect(joinErrorText(err('refused', 'the hub cannot be reached: fetch failed'))).toBe('无法连接中心服务器,请检查地址和网络');
    expect(joinErrorText(err('refused', 'the hub needs a newer Hotline Desk: 2..3'))).toBe('中心服务器要求更新版本的客服热线工作台');
    expect(joinErrorText(err('forbidden', 'only a hub administrator can join a workstation'))).toBe('只有中心服务器的管理员账号可以加入工位');
    // The core's English reason stays in the log: no English sentence reaches the Chinese screen.
    expect(joinErrorText(err('refused', 'the hub refused: organisation mismatch'))).toBe('中心服务器拒绝了加入请求:请核对用户名、密码和设置码,或请中心服务器管理员查看日志');
  });
});

describe('中心服务器 card, not joined', () => {
  it('checks the boxes before asking the core', async () => {
    const fake = mount(STANDALONE);
    expect(screen.getByTestId('hub-status').textContent).toBe('单机');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(screen.getByTestId('field-error-hubUrl').textContent).toBe('此项必填');
    expect(screen.getByTestId('field-error-username').textContent).toBe('此项必填');
    expect(screen.getByTestId('field-error-password').textContent).toBe('此项必填');
    type('hub-url', '192.168.1.10:5290');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(screen.getByTestId('field-error-hubUrl').textContent).toContain('须以 http:// 或 https:// 开头');
    expect(fake.of('sync.join')).toHaveLength(0);
  });

  it('shows a refusal and keeps the form; the core’s field errors land beside the fields', async () => {
    let answer: unknown = { ok: false, error: { code: 'invalid_credentials', message: 'the hub refused the username or password' } };
    const fake = mount(STANDALONE, { 'sync.join': () => answer });
    type('hub-url', 'http://192.168.1.10:5290/');
    type('hub-username', 'admin');
    type('hub-password', 'wrong-pass');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(fake.of('sync.join')[0]?.params).toEqual({ hubUrl: 'http://192.168.1.10:5290', username: 'admin', password: 'wrong-pass' });
    expect(screen.getByTestId('hub-error').textContent).toBe('中心服务器拒绝了用户名或密码');

    answer = { ok: false, error: { code: 'invalid_params', message: 'bad', fields: [{ field: 'username', code: 'invalid_format', message: '' }] } };
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(screen.getByTestId('field-error-username').textContent).toContain('用户名须为');
    expect(screen.queryByTestId('hub-error')).toBeNull();
  });

  it('joins: the card switches to the hub’s address and status', async () => {
    const fake = mount(STANDALONE, { 'sync.join': () => ({ ok: true, result: syncStatus({ pending: 2 }) }) });
    type('hub-url', 'http://192.168.1.10:5290');
    type('hub-username', 'admin');
    type('hub-password', 'admin-pass-1');
    fireEvent.click(screen.getByTestId('hub-join'));
    await settle();
    expect(fake.of('sync.join')).toHaveLength(1);
    expect(screen.getByTestId('hub-address').textContent).toContain('http://192.168.1.10:5290');
    expect(screen.getByTestId('hub-status').textContent).toContain('同步中 · 2 条待上传');
    expect(fake.of('settings.get')).toHaveLength(1);
  });
});

describe('中心服务器 card, joined', () => {
  it('an unreachable hub is said in Chinese with what to do, not the engine’s English', async () => {
    mount(syncStatus({ joined: true, hubUrl: 'http://10.0.0.9:5290', online: false, error: 'hub http://10.0.0.9:5290 unreachable: fetch failed' }));
    await settle();
    const text = screen.getByTestId('hub-status-error').textContent ?? '';
    expect(text).toContain('连不上中心服务器:请检查网络和服务器地址');
    expect(text).not.toMatch(/unreachable|fetch failed/);
  });

  it('立即同步 runs sync.now', async () => {
    const fake = mount(syncStatus({ pending: 1 }), { 'sync.now': () => ({ ok: true, result: syncStatus() }) });
    fireEvent.click(screen.getByTestId('hub-sync-now'));
    await settle();
    expect(fake.of('sync.now')).toHaveLength(1);
    expect(screen.getByTestId('hub-status').getAttribute('data-state')).toBe('synced');
  });

  it('leaving asks first, says records stay, then calls sync.leave', async () => {
    const fake = mount(syncStatus({ pending: 3 }), { 'sync.leave': () => ({ ok: true, result: STANDALONE }) });
    fireEvent.click(screen.getByTestId('hub-leave'));
    await settle();
    expect(document.body.textContent).toContain('本机的来电记录和客户档案全部保留在本机');
    expect(document.body.textContent).toContain('尚未上传的 3 条修改保留在本机');
    expect(fake.of('sync.leave')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('hub-leave-confirm'));
    await settle();
    expect(fake.of('sync.leave')).toHaveLength(1);
    expect(screen.getByTestId('hub-join')).toBeTruthy();
    expect(screen.getByTestId('hub-status').textContent).toBe('单机');
  });
});
