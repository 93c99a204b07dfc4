import { Alert, App, Button, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { fmtShort } from '../../components/format';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { mayTakeCalls, useRole } from '../auth/sessionStore';
import { changeSummary, changeTime, conflictTitle } from './conflictText';
import { useSync } from './syncStore';

interface Props {
  conflicts: SyncConflict[];
  /** The record is voided: a re-applied edit would only be refused again. */
  voided?: boolean;
  /** Called after a conflict is resolved; the owner reloads the record. */
  onResolved: () => void;
}

/**
 * An offline change the hub did not apply (docs/sync.md "Conflict policy"): never a silent
 * overwrite, always a notice on the record with 重新应用 / 放弃.
 */
export function ConflictBanners({ conflicts, voided = false, onResolved }: Props) {
  if (!conflicts.length) return null;
  return (
    <div className="conflict-banners">
      {conflicts.map((c) => (
        <ConflictBanner key={c.id} conflict={c} voided={voided} onResolved={onResolved} />
      ))}
    </div>
  );
}

/**
 * The banners for a record shown without its CallDetail (the call in progress). It asks the core
 * only while the sync status reports open conflicts, so an ordinary call costs nothing.
 */
export function RecordConflicts({ id }: { id: string }) {
  const open = useSync((s) => s.status?.conflicts ?? 0);
  const [state, setState] = useState<{ conflicts: SyncConflict[]; voided: boolean } | null>(null);
  const load = useCallback(async () => {
    const res = await call('calls.get', { id });
    if (res.ok) setState({ conflicts: res.result.conflicts ?? [], voided: res.result.record.voided });
  }, [id]);
  useEffect(() => {
    if (open > 0) void load();
    else setState(null);
  }, [open, load]);
  useRecordsChanged(['call'], () => (useSync.getState().status?.conflicts ? void load() : undefined), { id });
  if (!state) return null;
  return <ConflictBanners conflicts={state.conflicts} voided={state.voided} onResolved={() => void load()} />;
}

function ConflictBanner({ conflict: c, voided, onResolved }: { conflict: SyncConflict; voided: boolean; onResolved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mayResolve = mayTakeCalls(useRole());
  const [busy, setBusy] = useState<'reapply' | 'discard' | null>(null);

  const resolve = async (action: 'reapply' | 'discard') => {
    setBusy(action);
    const res = await call('sync.resolveConflict', { id: c.id, action });
    setBusy(null);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    message.success(t(action === 'reapply' ? 'conflict.reapplied' : 'conflict.discarded'));
    onResolved();
  };

  const reapplyBlocked = voided && c.mutationName !== 'call.create';
  return (
    <Alert
      type="warning"
      showIcon
      className="form-alert"
      data-testid="conflict-banner"
      data-conflict-id={c.id}
      data-status={c.status}
      title={conflictTitle(c)}
      description={
        <Typography.Text>
          {t('conflict.yourChange', { at: fmtShort(changeTime(c)) })}
          <span data-testid="conflict-change">{changeSummary(c)}</span>
        </Typography.Text>
      }
      action={
        mayResolve && (
          <Space orientation="vertical" size={4}>
            <Tooltip title={reapplyBlocked ? t('conflict.voidedNoReapply') : undefined}>
              <Button
                size="small"
                type="primary"
                autoInsertSpace={false}
                data-testid="conflict-reapply"
                disabled={reapplyBlocked || !!busy}
                loading={busy === 'reapply'}
                onClick={() => void resolve('reapply')}
              >
                {t('conflict.reapply')}
              </Button>
            </Tooltip>
            <Button size="small" autoInsertSpace={false} data-testid="conflict-discard" disabled={!!busy} loading={busy === 'discard'} onClick={() => void resolve('discard')}>
              {t('conflict.discard')}
            </Button>
          </Space>
        )
      }
    />
  );
}
