import { CheckCircleOutlined, CloudSyncOutlined, ExclamationCircleOutlined, PhoneOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_CATEGORIES } from '../../../../../shared/domain/callRecord';
import { fmtClock, fmtDateTime, fmtDuration, secondsSince } from '../../../components/format';
import { type HotkeyMap, useHotkeys } from '../../../components/useHotkeys';
import { useNow } from '../../../components/useNow';
import { ComplaintFromCall } from '../../complaints/ComplaintFromCall';
import { StatusTag } from '../StatusTag';
import { CallFormFields } from './CallFormFields';
import type { CallFormApi, SaveState } from './useCallForm';

interface Props {
  /** From useCallForm, owned by the parent so the screen pop can fill the same form. */
  form: CallFormApi;
  editable: boolean;
  departments: string[];
  /** Shortcuts are live only for the form the agent is looking at. */
  hotkeys: boolean;
}

/** The call-record sheet with its header (number, times, live duration) and its actions. */
export function CallForm({ form, editable, departments, hotkeys }: Props) {
  const { t } = useTranslation();
  const r = form.baseline;
  const live = !r.endedAt && !r.voided;
  const now = useNow(live);
  const canEdit = editable && !r.voided;

  const end = () => void form.save({ end: true });
  const keys: HotkeyMap = {
    // Esc is deliberately unbound: it only closes popups, never discards or ends anything.
    'Ctrl+S': () => void form.save(),
    ...(live ? { 'Ctrl+Enter': end, 'F4': end } : {}),
  };
  CALL_CATEGORIES.forEach((c, i) => {
    keys[`Alt+${i + 1}`] = () => form.update({ category: c });
  });
  useHotkeys(keys, hotkeys && canEdit);

  return (
    <div className="call-form-wrap" data-testid="call-form">
      <div className="call-form-header">
        <Space size={12} wrap>
          <Typography.Text strong data-testid="record-no" copyable>
            {r.recordNo}
          </Typography.Text>
          <StatusTag record={r} />
          {form.values.transferred && (
            <Tag color="purple" data-testid="transferred-tag">
              {t('fields.transferred')}
            </Tag>
          )}
          {r.answeredLate && (
            <Tag color="red" data-testid="late-tag">
              {t('calls.late')}
            </Tag>
          )}
          <span className="muted">
            {t('fields.rangAt')} {fmtClock(r.rangAt)} · {t('fields.answeredAt')} {fmtClock(r.answeredAt)}
          </span>
          <span>
            <PhoneOutlined /> {t('calls.duration')}{' '}
            <Typography.Text strong data-testid="call-duration" className={live ? 'live-duration' : undefined}>
              {fmtDuration(live ? secondsSince(r.rangAt, now) : r.durationSec)}
            </Typography.Text>
          </span>
          {r.endedAt && <span className="muted">{t('fields.endedAt')} {fmtDateTime(r.endedAt)}</span>}
        </Space>
      </div>
      {r.voided && <Alert type="warning" showIcon title={t('calls.voidedBanner', { reason: r.voidReason })} className="form-alert" />}
      {!r.voided && !editable && <Alert type="info" showIcon title={t('calls.readOnly')} className="form-alert" />}
      {form.restored && <Alert type="info" showIcon closable title={<span data-testid="draft-restored">{t('calls.draftRestored')}</span>} className="form-alert" />}
      <CallFormFields values={form.values} errors={form.errors} update={form.update} departments={departments} disabled={!canEdit} />
      {canEdit && (
        <div className="call-form-actions">
          <Tooltip title="Ctrl+S">
            <Button data-testid="save-button" icon={<SaveOutlined />} loading={form.saving} onClick={() => void form.save()}>
              {t('calls.save')} <kbd>Ctrl+S</kbd>
            </Button>
          </Tooltip>
          {live && (
            <Button data-testid="end-call-button" type="primary" danger loading={form.saving} onClick={end}>
              {t('calls.endCall')} <kbd>Ctrl+Enter</kbd>
            </Button>
          )}
          {r.endedAt && r.status !== 'closed' && (
            <Button data-testid="close-record-button" type="primary" onClick={() => void form.save({ close: true })}>
              {t('calls.closeRecord')}
            </Button>
          )}
          <ComplaintFromCall callId={r.id} recordNo={r.recordNo} values={form.values} />
          <AutosaveStatus state={form.state} dirty={form.dirty} />
          <span className="muted shortcut-hint">{t(live ? 'calls.shortcuts' : 'calls.shortcutsAfter')}</span>
        </div>
      )}
    </div>
  );
}

function AutosaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  const { t } = useTranslation();
  let content: ReactNode = null;
  if (state.kind === 'drafting') content = <span className="muted">{t('calls.draftSaving')}</span>;
  else if (state.kind === 'draft')
    content = (
      <span className="muted">
        <CloudSyncOutlined /> {t('calls.draftSaved', { time: fmtClock(state.at) })}
      </span>
    );
  else if (state.kind === 'failed')
    content = (
      <Typography.Text type="danger">
        <ExclamationCircleOutlined /> {t('calls.draftFailed', { msg: state.msg })}
      </Typography.Text>
    );
  else if (state.kind === 'saved' && !dirty)
    content = (
      <Typography.Text type="success">
        <CheckCircleOutlined /> {t('calls.savedAt', { time: fmtClock(state.at) })}
      </Typography.Text>
    );
  return (
    <span data-testid="autosave-status" aria-live="polite" className="autosave-status">
      {content}
    </span>
  );
}
