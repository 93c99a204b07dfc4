import { Alert, Button, Card, Collapse, Form, Input, Result, Select, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreStatus } from '../../../../shared/api/storeTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { kindText, sizeText, timeText } from './format';

/**
 * Shown where the console could not start: asks the core for the store's health, and when the store is
 * damaged offers the restore of a backup (store.recover: an administrator of that backup proves it with a
 * password, since a damaged store cannot hold a login). Otherwise it shows `children` (the usual error).
 */
export function StoreCheck({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StoreStatus | null | 'unknown'>(null);
  useEffect(() => {
    void call('store.status', {}).then((res) => setStatus(res.ok ? res.result : 'unknown'));
  }, []);
  if (status === null) return <Spin size="large" />;
  if (status === 'unknown' || status.state !== 'damaged') return <>{children}</>;
  return <StoreDamaged status={status} />;
}

function StoreDamaged({ status }: { status: StoreStatus }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const recover = async (v: { id: string; username: string; password: string }) => {
    setBusy(true);
    setError(null);
    const res = await call('store.recover', v);
    setBusy(false);
    if (!res.ok) return setError(errorText(res.error));
    setDone(true);
    setTimeout(() => window.location.reload(), 800);
  };

  return (
    <Card style={{ maxWidth: 640 }} data-testid="store-damaged">
      <Result status="error" title={t('backup.damaged.title')} subTitle={t('backup.damaged.body')} />
      <Alert type="info" showIcon title={t('backup.damaged.joined')} style={{ marginBottom: 16 }} />
      {status.backups.length === 0 ? (
        <Alert type="warning" showIcon title={t('backup.damaged.noBackups')} />
      ) : (
        <Form layout="vertical" onFinish={(v) => void recover(v)} initialValues={{ id: status.backups[0]?.id }} disabled={done}>
          <Form.Item name="id" label={t('backup.damaged.choose')} rules={[{ required: true }]}>
            <Select options={status.backups.map((b) => ({ value: b.id, label: `${timeText(b.at)} · ${kindText(b)} · ${sizeText(b.size)}` }))} />
          </Form.Item>
          <Form.Item name="username" label={t('backup.damaged.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('backup.damaged.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {done && <Alert type="success" showIcon title={t('backup.restored')} style={{ marginBottom: 12 }} />}
          <Button type="primary" danger htmlType="submit" loading={busy} data-testid="store-recover">
            {t('backup.damaged.recover')}
          </Button>
        </Form>
      )}
      <Collapse
        style={{ marginTop: 16 }}
        size="small"
        items={[{ key: 'p', label: t('backup.damaged.problems'), children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{status.problems.join('\n')}</pre> }]}
      />
    </Card>
  );
}
