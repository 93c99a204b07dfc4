import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResyncResult, StoreStatus } from '../../shared/api/storeTypes';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { StoreCheck } from '../../renderer/src/features/backups/StoreCheck';
import { i18n } from '../../renderer/src/i18n';
import { backupEn } from '../../renderer/src/i18n/backupEn';
import { backupZh } from '../../renderer/src/i18n/backupZh';
import { fakeBridge } from './fakeBridge';

/** The damaged-store screen's re-sync from the hub (store.recover { action: 'resync' }), in Chinese and English. */

const settle = () => act(async () => {});
const DAMAGED: StoreStatus = { state: 'damaged', problems: ['*** in database main *** Tree 12 page 40'], checkedAt: null, networkDrive: null, backups: [] };
const JOINED: StoreStatus = { ...DAMAGED, hub: { url: 'http://hub.example:8787', reachable: true } };
const DONE: ResyncResult = {
  restored: 'hub',
  resynced: true,
  keptAs: 'replaced-20261122T020000000Z.sqlite',
  salvaged: { pending: 4, audit: 2, unreadable: 3, unreadableTables: [] },
  sync: { pending: 0, conflicts: 0, error: null },
  reload: true,
};

afterEach(async () => {
  setBridgeForTests(null);
  await i18n.changeLanguage('zh');
});

const show = async () => {
  render(
    <AntApp>
      <StoreCheck>
        <div>generic error</div>
      </StoreCheck>
    </AntApp>,
  );
  await settle();
};

const fill = (card: HTMLElement, username: string, password: string) => {
  fireEvent.change(within(card).getByLabelText('管理员用户名'), { target: { value: username } });
  fireEvent.change(within(card).getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(within(card).getByTestId('store-resync-run'));
};

describe('re-sync from the hub on the damaged-store screen', () => {
  it('is not offered on a workstation that was never joined', async () => {
    fakeBridge({ 'store.status': () => ({ ok: true, result: DAMAGED }) });
    await show();
    expect(screen.getByText('本机数据库已损坏')).toBeTruthy();
    expect(screen.queryByTestId('store-resync')).toBeNull();
  });

  it('sends the administrator to the hub, shows a refusal in Chinese, then what was kept', async () => {
    let answer: unknown = { ok: false, error: { code: 'forbidden', message: 'only an active administrator can re-sync a damaged store from the hub' } };
    const fake = fakeBridge({ 'store.status': () => ({ ok: true, result: JOINED }), 'store.recover': () => answer });
    await show();
    const card = screen.getByTestId('store-resync');
    expect(within(card).getByText(/本工作台已加入中心服务器.*hub\.example:8787/)).toBeTruthy();
    fill(card, 'lead', 'secret');
    await waitFor(() => expect(fake.of('store.recover')).toHaveLength(1));
    expect(fake.of('store.recover')[0]!.params).toEqual({ action: 'resync', username: 'lead', password: 'secret' });
    await waitFor(() => expect(within(card).getByText(i18n.t('errors.codes.forbidden'))).toBeTruthy());

    answer = { ok: true, result: DONE };
    fill(card, 'admin', 'secret');
    await waitFor(() => expect(within(card).getByText('已重新同步:保留了 4 条未上传的修改。正在重新加载…')).toBeTruthy());
    expect(within(card).getByText(/有 3 条记录无法从损坏的文件中读出/)).toBeTruthy();
  });

  it('offline: says so, offers no button, and checks again on request', async () => {
    const fake = fakeBridge({ 'store.status': () => ({ ok: true, result: { ...JOINED, hub: { url: JOINED.hub!.url, reachable: false } } }) });
    await show();
    const card = screen.getByTestId('store-resync');
    expect(within(card).getByText(/连不上中心服务器,暂时无法重新同步/)).toBeTruthy();
    expect(within(card).queryByTestId('store-resync-run')).toBeNull();
    fireEvent.click(within(card).getByTestId('store-resync-recheck'));
    await waitFor(() => expect(fake.of('store.status')).toHaveLength(2));
  });

  it('has the same words in English, without Chinese', () => {
    const flat = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : flat(v as object)));
    expect(Object.keys(backupEn.damaged.resync)).toEqual(Object.keys(backupZh.damaged.resync));
    for (const s of flat(backupEn.damaged.resync)) expect(s).not.toMatch(/[\u4e00-\u9fff]/);
    for (const s of flat(backupZh.damaged.resync)) expect(s).toMatch(/[\u4e00-\u9fff]/);
  });
});
