import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/types';
import { App } from '../../renderer/src/App';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { useActiveCall } from '../../renderer/src/features/calls/activeCallStore';
import { SyncIndicator, UpgradeAlert } from '../../renderer/src/features/sync/SyncIndicator';
import { syncState, useSync } from '../../renderer/src/features/sync/syncStore';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { session, syncStatus } from './fixtures';

const settle = () => act(async () => {});

function mount(status: SyncStatus) {
  useSync.setState({ status, syncing: false });
  return render(
    <AntApp>
      <UpgradeAlert />
      <SyncIndicator />
    </AntApp>,
  );
}

const indicator = () => screen.getByTestId('sync-indicator');

afterEach(() => {
  setBridgeForTests(null);
  useSync.getState().reset();
  useActiveCall.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('syncState', () => {
  it('names each state, most urgent first', () => {
    expect(syncState(syncStatus({ joined: false, hubUrl: null }))).toBe('standalone');
    expect(syncState(syncStatus({ upgradeRequired: true, online: true, error: 'schema' }))).toBe('upgrade');
    expect(syncState(syncStatus({ online: false, error: null }))).toBe('connecting');
    expect(syncState(syncStatus({ online: false, error: 'fetch failed', pending: 2 }))).toBe('offline');
    expect(syncState(syncStatus({ online: true, error: 'hub answered 500' }))).toBe('error');
    expect(syncState(syncStatus({ pending: 3 }))).toBe('syncing');
    expect(syncState(syncStatus(), true)).toBe('syncing');
    expect(syncState(syncStatus())).toBe('synced');
  });
});

describe('header sync indicator', () => {
  it('standalone: 单机, no pending count, no last-sync time', () => {
    mount(syncStatus({ joined: false, hubUrl: null, lastSyncAt: null }));
    expect(indicator().getAttribute('data-state')).toBe('standalone');
    expect(indicator().textContent).toBe('单机');
    expect(screen.queryByTestId('sync-pending')).toBeNull();
  });

  it('online and synced: 在线 已同步 with the last sync as a relative time', () => {
    mount(syncStatus());
    expect(indicator().getAttribute('data-state')).toBe('synced');
    expect(indicator().textContent).toContain('在线 已同步');
    expect(indicator().textContent).toContain('3 分钟前');
    expect(screen.queryByTestId('sync-pending')).toBeNull();
  });

  it('uploading: 同步中 · N 条待上传', () => {
    mount(syncStatus({ pending: 4 }));
    expect(indicator().getAttribute('data-state')).toBe('syncing');
    expect(indicator().textContent).toContain('同步中 · 4 条待上传');
    expect(screen.getByTestId('sync-pending').textContent).toBe('4');
  });

  it('offline: 离线 · N 条待上传', () => {
    mount(syncStatus({ online: false, error: 'hub http://192.168.1.10:5290 unreachable: fetch failed', pending: 2 }));
    expect(indicator().getAttribute('data-state')).toBe('offline');
    expect(indicator().getAttribute('data-pending')).toBe('2');
    expect(indicator().textContent).toContain('离线 · 2 条待上传');
    expect(screen.queryByTestId('sync-upgrade-alert')).toBeNull();
  });

  it('error: 同步出错 in Chinese, the core’s English text only in the tooltip', async () => {
    mount(syncStatus({ error: 'hub answered 500: internal error' }));
    expect(indicator().getAttribute('data-state')).toBe('error');
    expect(indicator().textContent).toContain('同步出错');
    expect(indicator().textContent).not.toContain('hub answered');
    fireEvent.mouseEnter(screen.getByTestId('sync-label'));
    await act(async () => new Promise((r) => setTimeout(r, 300)));
    expect(document.body.textContent).toContain('hub answered 500: internal error');
  });

  it('upgrade required: 需要升级 and a persistent red alert asking to upgrade', () => {
    mount(syncStatus({ upgradeRequired: true, error: 'hub requires schema 2..3', pending: 1 }));
    expect(indicator().getAttribute('data-state')).toBe('upgrade');
    expect(indicator().textContent).toContain('需要升级');
    const alert = screen.getByTestId('sync-upgrade-alert');
    expect(alert.textContent).toContain('请联系管理员升级客服热线工作台');
    expect(alert.querySelector('.ant-alert-close-icon')).toBeNull();
  });

  it('conflicts: a separate N 个冲突 button that explains where to resolve them', async () => {
    mount(syncStatus({ conflicts: 2 }));
    expect(indicator().getAttribute('data-conflicts')).toBe('2');
    const btn = screen.getByTestId('sync-conflicts');
    expect(btn.textContent).toContain('2 个冲突');
    fireEvent.click(btn);
    await settle();
    expect(document.body.textContent).toContain('有 2 条离线修改未被中心服务器应用');
  });

  it('no conflicts button without conflicts', () => {
    mount(syncStatus());
    expect(screen.queryByTestId('sync-conflicts')).toBeNull();
  });

  it('click: popover with hub address, pending and 立即同步 → sync.now', async () => {
    const fake = fakeBridge({ 'sync.now': () => ({ ok: true, result: syncStatus({ pending: 0 }) }) });
    mount(syncStatus({ pending: 5 }));
    fireEvent.click(indicator());
    await settle();
    const details = screen.getByTestId('sync-details');
    expect(details.textContent).toContain('http://192.168.1.10:5290');
    expect(details.textContent).toContain('待上传5');
    fireEvent.click(screen.getByTestId('sync-now'));
    await settle();
    expect(fake.of('sync.now')).toHaveLength(1);
    expect(indicator().getAttribute('data-state')).toBe('synced');
  });
});

describe('sync status in the app', () => {
  it('is fetched on sign-in and follows the sync.status event', async () => {
    const fake = fakeBridge({
      'setup.status': () => ({ ok: true, result: { needsSetup: false, organisationName: '某某纺织品检验所', workstation: 'A07' } }),
      'auth.session': () => ({ ok: true, result: session('agent') }),
      'sync.status': () => ({ ok: true, result: syncStatus({ joined: false, hubUrl: null }) }),
      'calls.list': () => ({ ok: true, result: { rows: [], total: 0 } }),
    });
    render(<App />);
    await settle();
    await settle();
    expect(fake.of('sync.status')).toHaveLength(1);
    expect(indicator().textContent).toBe('单机');
    await act(async () => fake.emit('sync.status', syncStatus({ online: false, error: 'fetch failed', pending: 7 })));
    expect(indicator().getAttribute('data-state')).toBe('offline');
    expect(screen.getByTestId('sync-pending').textContent).toBe('7');
    await act(async () => fake.emit('sync.status', syncStatus({ upgradeRequired: true })));
    expect(screen.getByTestId('sync-upgrade-alert')).toBeTruthy();
  });
});
