import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Input, Modal, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDetail as Detail } from '../../../../shared/api/types';
import { isSupervisor } from '../../../../shared/domain/roles';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRecord } from '../../api/useRecord';
import { ConfidentialNotice, MaskedContacts } from '../../components/RevealLink';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useCallRules, useSettings } from '../admin/settingsStore';
import { mayTakeCalls, useSession } from '../auth/sessionStore';
import { CallPaper } from '../print/CallPaper';
import { PrintButton } from '../print/PrintButton';
import { ConflictBanners } from '../sync/ConflictBanners';
import { HubCopyNotice } from '../sync/HubCopyNotice';
import { useActiveCall } from './activeCallStore';
import { CallForm } from './form/CallForm';
import { useCallForm } from './form/useCallForm';
import { HistoryTimeline } from './HistoryTimeline';

/** A call record opened from the list: the sheet (editable when allowed), its history, and 作废. */
export function CallDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { detail, error, load } = useRecord('calls.get', id);
  // Bumped when a sync conflict is resolved: the record may have changed under the form.
  const [rev, setRev] = useState(0);
  const sessionOrg = useSession((s) => s.session?.organisationName ?? '');
  const orgName = useSettings((s) => s.settings?.organisationName) ?? sessionOrg;


  // Someone else's change (or our own save) shows up in the history without reloading the form.
  useRecordsChanged(['call'], () => void load(), { id });

  return (
    <Drawer
      open
      size={1040}
      onClose={onClose}
      destroyOnHidden
      // Same 12px gutter as the main content, which the sheet's sticky action bar is built for.
      styles={{ body: { padding: 12 } }}
      title={detail ? t('detail.title', { no: detail.record.recordNo }) : ''}
      extra={
        detail && (
          <Space>
            <PrintButton testId="call-print-button" paper={() => <CallPaper r={detail.record} org={orgName} />} />
            <VoidButton detail={detail} onVoided={() => void load()} />
          </Space>
        )
      }
      data-testid="call-detail"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!detail && !error && <Skeleton active />}
      {/* Our own saves update the form in place and reloads only refresh the history; voiding
          changes what may be edited, so it starts the form afresh. */}
      {detail && (
        <ConflictBanners
          conflicts={detail.conflicts ?? []}
          voided={detail.record.voided}
          onResolved={() => void load().then(() => setRev((n) => n + 1))}
        />
      )}
      {detail && <DetailBody key={`${detail.record.id}:${detail.record.voided}:${rev}`} detail={detail} onSaved={() => void load()} />}
    </Drawer>
  );
}

function useMayEdit(detail: Detail): boolean {
  const user = useSession((s) => s.session?.user);
  const activeId = useActiveCall((s) => s.record?.id);
  if (!user || !mayTakeCalls(user.role)) return false;
  // The call in progress is edited on the call screen; two live forms on one record would race.
  if (activeId === detail.record.id) return false;
  // A confidential call held here in part is not edited here (HubCopyNotice says why).
  if (detail.hubCopy) return false;
  return isSupervisor(user.role) || detail.record.agentId === user.id;
}

function DetailBody({ detail, onSaved }: { detail: Detail; onSaved: () => void }) {
  const { t } = useTranslation();
  const editable = useMayEdit(detail);
  const rules = useCallRules();
  const form = useCallForm({ record: detail.record, draft: detail.draft, editable, onSaved });
  const user = useSession((s) => s.session?.user);
  const r = detail.record;
  const partlyHidden = r.confidential && !!user && r.agentId !== user.id && !isSupervisor(user.role);
  return (
    <>
    <ConfidentialNotice partlyHidden={partlyHidden} />
    <HubCopyNotice hubCopy={detail.hubCopy} />
    <MaskedContacts entity="call" id={r.id} masked={detail.masked} values={{ phone: r.phone, address: r.address }} />
    <Tabs
      items={[
        {
          key: 'sheet',
          label: t('calls.sheet'),
          children: <CallForm form={form} editable={editable} departments={rules.departments} hotkeys />,
        },
        {
          key: 'history',
          label: `${t('detail.history')} (${detail.history.length})`,
          children: <HistoryTimeline history={detail.history} />,
        },
      ]}
    />
    </>
  );
}

function VoidButton({ detail, onVoided }: { detail: Detail; onVoided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = useMayEdit(detail);
  if (detail.record.voided || !editable) return null;

  const submit = async () => {
    if (!reason.trim()) {
      setErr(t('errors.fields.required'));
      return;
    }
    setBusy(true);
    const res = await call('calls.void', { id: detail.record.id, reason });
    setBusy(false);
    if (!res.ok) {
      setErr(res.error.fields?.length ? t('errors.fields.required') : errorText(res.error));
      return;
    }
    setOpen(false);
    setReason('');
    message.success(t('detail.voidDone'));
    onVoided();
  };

  return (
    <>
      <Button danger icon={<StopOutlined />} data-testid="void-button" onClick={() => setOpen(true)}>
        {t('detail.void')}
      </Button>
      <Modal
        open={open}
        title={t('detail.voidTitle')}
        okText={t('detail.voidConfirm')}
        okButtonProps={{ danger: true, loading: busy, disabled: !reason.trim(), ...{ 'data-testid': 'void-confirm' } }}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('detail.voidWarn')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="void-reason"
          autoFocus
          aria-label={t('detail.voidReason')}
          placeholder={t('detail.voidReasonPh')}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErr(null);
          }}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          status={err ? 'error' : undefined}
        />
        {err && (
          <Typography.Text type="danger" data-testid="void-error">
            {err}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}
