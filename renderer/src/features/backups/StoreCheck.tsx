import { Alert, Button, Card, Collapse, Form, Input, Result, Select, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResyncResult, StoreStatus } from '../../../../shared/api/storeTypes';
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
  const check = () => void call('store.status', {}).then((res) => setStatus(res.ok ? res.result : 'unknown'));
  useEffect(check, []);
  if (status === null) return <Spin size="large" />;
  if (status === 'unknown' || status.state !== 'damaged') return <>{children}</>;
  return <StoreDamaged status={status} recheck={check} />;
}

function StoreDamaged({ status, recheck }: { status: StoreStatus; recheck: () => void }) {
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
      {!status.hub && <Alert type="info" showIcon title={t('backup.damaged.joined')} style={{ marginBottom: 16 }} />}
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
      {status.hub && <ResyncFromHub hub={status.hub} recheck={recheck} />}
      <Collapse
        style={{ marginTop: 16 }}
        size="small"
        items={[{ key: 'p', label: t('backup.damaged.problems'), children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{status.problems.join('\n')}</pre> }]}
      />
    </Card>
  );
}

/**
 * A joined workstation's other way out: store.recover { action: 'resync' } sets the damaged file aside and
 * fills a new store from the hub, keeping the changes not yet sent. An administrator proves it at the hub,
 * so it is offered only while the hub answers.
 */
function ResyncFromHub({ hub, recheck }: { hub: NonNullable<StoreStatus['hub']>; recheck: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ResyncResult | null>(null);

  const resync = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    const res = await call('store.recover', { action: 'resync', ...v });
    setBusy(false);
    if (!res.ok) return setError(errorText(res.error));
    const result = res.result as ResyncResult;
    setDone(result);
    // Long enough to read what was kept and what could not be.
    setTimeout(() => window.location.reload(), result.salvaged.unreadable || result.sync.pending ? 6000 : 1500);
  };

  return (
    <Card size="small" title={t('backup.damaged.resync.title')} style={{ marginTop: 16 }} data-testid="store-resync">
      <p>{t('backup.damaged.resync.body', { url: hub.url })}</p>
      {!hub.reachable ? (
        <>
          <Alert type="warning" showIcon title={t('backup.damaged.resync.offline')} style={{ marginBottom: 12 }} />
          <Button onClick={recheck} data-testid="store-resync-recheck">
            {t('backup.damaged.resync.retry')}
          </Button>
        </>
      ) : (
        <Form layout="vertical" onFinish={(v) => void resync(v)} disabled={busy || done !== null}>
          <Form.Item name="username" label={t('backup.damaged.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('backup.damaged.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {busy && <Alert type="info" showIcon icon={<Spin size="small" />} title={t('backup.damaged.resync.running')} style={{ marginBottom: 12 }} />}
          {done && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('backup.damaged.resync.done', { pending: done.salvaged.pending })}
              description={[
                done.salvaged.unreadable ? t('backup.damaged.resync.unreadable', { count: done.salvaged.unreadable }) : '',
                done.sync.pending ? t('backup.damaged.resync.stillPending', { count: done.sync.pending }) : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="store-resync-run">
            {t('backup.damaged.resync.button')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
