import { Alert, App, Button, Empty, InputNumber, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupList } from '../../../../shared/api/storeTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { kindText, sizeText, timeText } from './format';

/** 设置 → 备份与恢复: the local backups (newest first), 立即备份, how many are kept, and 恢复 after a confirmation. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [list, setList] = useState<BackupList | null>(null);
  const [busy, setBusy] = useState(false);
  const [networkDrive, setNetworkDrive] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('backups.list', {});
    if (res.ok) setList(res.result);
    else message.error(errorText(res.error));
  }, [message]);

  useEffect(() => {
    void load();
    void call('store.status', {}).then((res) => setNetworkDrive(res.ok ? res.result.networkDrive : null));
  }, [load]);

  const backupNow = async () => {
    setBusy(true);
    const res = await call('backups.create', {});
    setBusy(false);
    if (!res.ok) return void message.error(errorText(res.error));
    message.success(t('backup.made', { size: sizeText(res.result.size) }));
    void load();
  };

  const setKeep = async (keep: number | null) => {
    if (!keep) return;
    const res = await call('backups.keep', { keep });
    if (!res.ok) return void message.error(errorText(res.error));
    setList(res.result);
    message.success(t('backup.keepSaved'));
  };

  const restore = (b: BackupInfo) =>
    modal.confirm({
      title: t('backup.restoreTitle'),
      content: t('backup.restoreBody', { at: timeText(b.at) }),
      okText: t('backup.restoreOk'),
      okButtonProps: { danger: true, 'data-testid': 'backup-restore-ok' } as { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        const res = await call('backups.restore', { id: b.id });
        if (!res.ok) return void message.error(errorText(res.error));
        message.success(t('backup.restored'));
        // The store underneath was replaced (and its sessions with it): start the page again.
        setTimeout(() => window.location.reload(), 800);
      },
    });

  return (
    <div data-testid="backups-panel">
      {networkDrive && <Alert type="warning" showIcon title={t('backup.networkDrive', { fs: networkDrive })} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('backup.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" loading={busy} onClick={() => void backupNow()} data-testid="backup-now">
          {t('backup.backupNow')}
        </Button>
        <span>{t('backup.keep')}</span>
        <InputNumber min={1} max={60} value={list?.keep} onChange={(v) => void setKeep(v)} data-testid="backup-keep" />
        <span>{t('backup.keepUnit')}</span>
      </Space>
      {list && <Typography.Paragraph type="secondary">{t('backup.folder', { folder: list.folder })}</Typography.Paragraph>}
      <Table<BackupInfo>
        size="small"
        rowKey="id"
        loading={!list}
        dataSource={list?.backups ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('backup.none')} /> }}
        columns={[
          { key: 'at', title: t('backup.at'), render: (_, b) => timeText(b.at) },
          { key: 'kind', title: t('backup.kind'), render: (_, b) => kindText(b) },
          { key: 'size', title: t('backup.size'), render: (_, b) => sizeText(b.size) },
          {
            key: 'restore',
            title: t('common.actions'),
            render: (_, b) => (
              <Button size="small" danger onClick={() => restore(b)} data-testid={`backup-restore-${b.id}`}>
                {t('backup.restore')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
