import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, StoreStatus } from '../../shared/api/storeTypes';
import { ERROR_CODES } from '../../shared/api/envelope';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { BackupsPanel } from '../../renderer/src/features/backups/BackupsPanel';
import { StoreCheck } from '../../renderer/src/features/backups/StoreCheck';
import { i18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { zh } from '../../renderer/src/i18n/zh';
import { fakeBridge } from './fakeBridge';

/** 设置 → 备份与恢复 and the damaged-store screen, in Chinese and English. */

const settle = () => act(async () => {});
const DAILY: BackupInfo = { id: 'hotline-20261122T020000000Z-daily.sqlite', at: '2026-11-22T02:00:00.000Z', size: 2_400_000, kind: 'daily', migration: null };
const PRE: BackupInfo = { id: 'hotline-20261121T020000000Z-pre_migration-10.sqlite', at: '2026-11-21T02:00:00.000Z', size: 1_000_000, kind: 'pre_migration', migration: 10 };
const DAMAGED: StoreStatus = { state: 'damaged', problems: ['*** in database main *** Tree 12 page 40: btreeInitPage() returns error code 11'], checkedAt: null, networkDrive: null, backups: [DAILY, PRE] };

afterEach(async () => {
  setBridgeForTests(null);
  await i18n.changeLanguage('zh');
});

describe('备份与恢复', () => {
  it('lists the backups with kind and size, backs up now and restores after a confirmation', async () => {
    const fake = fakeBridge({
      'backups.list': () => ({ ok: true, result: { backups: [DAILY, PRE], keep: 7, folder: '/data/backups' } }),
      'backups.create': () => ({ ok: true, result: { ...DAILY, kind: 'manual' } }),
      'backups.restore': () => ({ ok: true, result: { restored: DAILY.id, keptAs: null, reload: true } }),
      'store.status': () => ({ ok: true, result: { state: 'ok', problems: [], checkedAt: null, networkDrive: 'nfs', backups: [] } }),
    });
    render(
      <AntApp>
        <BackupsPanel />
      </AntApp>,
    );
    await settle();
    expect(screen.getByText('每日自动')).toBeTruthy();
    expect(screen.getByText('升级前(第 10 步)')).toBeTruthy();
    expect(screen.getByText('2.3 MB')).toBeTruthy();
    expect(screen.getByText(/数据库位于网络驱动器\(nfs\)上/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('backup-now'));
    await settle();
    expect(fake.of('backups.create')).toHaveLength(1);
    fireEvent.click(screen.getByTestId(`backup-restore-${DAILY.id}`));
    await settle();
    expect(fake.of('backups.restore')).toHaveLength(0); // asks first
    await waitFor(() => expect(screen.getAllByText('用这份备份替换当前数据库？').length).toBeGreaterThan(0));
    fireEvent.click(screen.getByTestId('backup-restore-ok'));
    await waitFor(() => expect(fake.of('backups.restore')).toEqual([{ method: 'backups.restore', params: { id: DAILY.id } }]));
  });
});

describe('the damaged-store screen', () => {
  it('offers the restore with an administrator of the backup, and shows a wrong password in Chinese', async () => {
    const fake = fakeBridge({
      'store.status': () => ({ ok: true, result: DAMAGED }),
      'store.recover': () => ({ ok: false, error: { code: 'invalid_credentials', message: 'an active administrator of that backup must give their username and password' } }),
    });
    render(
      <AntApp>
        <StoreCheck>
          <div>generic error</div>
        </StoreCheck>
      </AntApp>,
    );
    await settle();
    expect(screen.getByText('本机数据库已损坏')).toBeTruthy();
    expect(screen.queryByText('generic error')).toBeNull();
    fireEvent.change(screen.getByLabelText('管理员用户名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('store-recover'));
    await waitFor(() => expect(fake.of('store.recover')).toHaveLength(1));
    expect(fake.of('store.recover')[0]!.params).toEqual({ id: DAILY.id, username: 'admin', password: 'wrong' });
    await waitFor(() => expect(screen.getByText('用户名或密码错误')).toBeTruthy());
  });

  it('shows the usual error when the store is sound, and English when chosen', async () => {
    fakeBridge({ 'store.status': () => ({ ok: true, result: { ...DAMAGED, state: 'ok', problems: [], backups: [] } }) });
    render(
      <AntApp>
        <StoreCheck>
          <div>generic error</div>
        </StoreCheck>
      </AntApp>,
    );
    await settle();
    expect(screen.getByText('generic error')).toBeTruthy();
    await i18n.changeLanguage('en');
    expect(i18n.t('errors.codes.store_damaged')).toMatch(/^The local store is damaged/);
  });

  it('has words in both languages for every store error code', () => {
    for (const code of ['disk_full', 'store_damaged', 'store_unreadable', 'store_read_only', 'store_locked'] as const) {
      expect(ERROR_CODES).toContain(code);
      expect(zh.errors.codes[code]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.errors.codes[code]).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
