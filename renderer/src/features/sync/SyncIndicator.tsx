import { CloudServerOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Descriptions, Popover, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/api/types';
import { errorText } from '../../api/errors';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { useNow } from '../../components/useNow';
import { i18n } from '../../i18n';
import { useRole } from '../auth/sessionStore';
import { type SyncState, syncState, useSync } from './syncStore';

dayjs.extend(relativeTime);

const BADGE: Record<SyncState, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  standalone: 'default',
  upgrade: 'error',
  connecting: 'processing',
  offline: 'warning',
  error: 'error',
  syncing: 'processing',
  synced: 'success',
};

/** "同步中 · 3 条待上传": the state in words, with the pending count when there is one. */
export function SyncLabel({ status, state }: { status: SyncStatus; state: SyncState }) {
  const { t } = useTranslation();
  const showPending = status.joined && status.pending > 0 && state !== 'synced';
  return (
    <span className={`sync-label sync-${state}`}>
      <Badge status={BADGE[state]} />
      {t(`sync.states.${state}`)}
      {showPending && (
        <>
          {' · '}
          <span data-testid="sync-pending">{status.pending}</span> {t('sync.pendingUnit')}
        </>
      )}
    </span>
  );
}

export function relative(iso: string | null, now: number): string {
  if (!iso) return i18n.t('sync.never');
  // Never "in a few seconds": a clock a little ahead of the core's still reads as "just now".
  return dayjs(Math.min(Date.parse(iso), now)).from(now);
}

/** Header indicator (sync is automatic and visible): state, pending, last sync, conflicts. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  const syncing = useSync((s) => s.syncing);
  const now = useNow(!!status?.joined, 30_000);
  if (!status) return null;
  const state = syncState(status, syncing);
  const showError = (state === 'error' || state === 'offline') && status.error;

  return (
    <Space size={6} className="sync-indicator-wrap">
      <Popover trigger="click" placement="bottomRight" title={t('sync.hub')} content={<SyncDetails status={status} state={state} now={now} />}>
        <Button
          size="small"
          type="text"
          className="sync-indicator"
          data-testid="sync-indicator"
          data-state={state}
          data-pending={status.pending}
          data-conflicts={status.conflicts}
          aria-label={`${t('sync.hub')}: ${t(`sync.states.${state}`)}`}
        >
          {/* The English error from the core is for whoever fixes it; the label stays in the UI language. */}
          <Tooltip title={showError ? status.error : undefined}>
            <span data-testid="sync-label">
              <SyncLabel status={status} state={state} />
            </span>
          </Tooltip>
          {status.joined && <span className="muted sync-last">{relative(status.lastSyncAt, now)}</span>}
        </Button>
      </Popover>
      {status.conflicts > 0 && <ConflictsTag n={status.conflicts} />}
    </Space>
  );
}

function ConflictsTag({ n }: { n: number }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <div className="sync-popover">
          <Typography.Paragraph>{t('sync.conflictsHint', { n })}</Typography.Paragraph>
          <Button size="small" onClick={() => navigate('records')}>
            {t('sync.openRecords')}
          </Button>
        </div>
      }
    >
      <Button size="small" danger icon={<WarningOutlined />} data-testid="sync-conflicts" data-count={n}>
        {t('sync.conflicts', { n })}
      </Button>
    </Popover>
  );
}

function SyncDetails({ status, state, now }: { status: SyncStatus; state: SyncState; now: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const syncing = useSync((s) => s.syncing);
  const syncNow = useSync((s) => s.syncNow);
  const role = useRole();

  const run = async () => {
    const res = await syncNow();
    if (!res.ok) message.error(t('sync.nowFailed', { msg: errorText(res.error) }));
    else if (res.status.error) message.warning(t('sync.nowFailed', { msg: t(`sync.states.${syncState(res.status)}`) }));
    else message.success(t('sync.nowDone'));
  };

  return (
    <div className="sync-popover" data-testid="sync-details">
      <Typography.Paragraph type="secondary">{t(`sync.hints.${state}`)}</Typography.Paragraph>
      {status.joined && (
        <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('hub.address')}>
            <CloudServerOutlined /> {status.hubUrl}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.pendingLabel')}>{status.pending}</Descriptions.Item>
          <Descriptions.Item label={t('sync.lastSyncLabel')}>
            {status.lastSyncAt ? `${fmtDateTime(status.lastSyncAt)} · ${relative(status.lastSyncAt, now)}` : t('sync.never')}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.conflictsLabel')}>{status.conflicts}</Descriptions.Item>
          {status.error && (
            <Descriptions.Item label={t('sync.errorLabel')}>
              <Typography.Text type="danger" className="sync-error-text">
                {status.error}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <div className="sync-popover-actions">
        {status.joined && !status.upgradeRequired && (
          <Button type="primary" size="small" icon={<SyncOutlined spin={syncing} />} loading={syncing} data-testid="sync-now" onClick={() => void run()}>
            {t('sync.now')}
          </Button>
        )}
        {!status.joined && role === 'admin' && (
          <Button size="small" onClick={() => navigate('settings')}>
            {t('hub.title')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** Shown above every page while the hub refuses this version: nothing syncs until it is upgraded. */
export function UpgradeAlert() {
  const { t } = useTranslation();
  const upgrade = useSync((s) => !!s.status?.joined && !!s.status.upgradeRequired);
  if (!upgrade) return null;
  return <Alert type="error" banner showIcon title={t('sync.upgradeBanner')} data-testid="sync-upgrade-alert" />;
}
