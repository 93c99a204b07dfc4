import { ArrowLeftOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSupervisor } from '../../../../shared/domain/roles';
import { useRecord } from '../../api/useRecord';
import { ConfidentialNotice, MaskedContacts } from '../../components/RevealLink';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { mayTakeCalls, useSession } from '../auth/sessionStore';
import { ComplaintPaper } from '../print/ComplaintPaper';
import { PrintButton } from '../print/PrintButton';
import { ConflictBanners } from '../sync/ConflictBanners';
import { HubCopyNotice } from '../sync/HubCopyNotice';
import { ClockPanel } from './Clocks';
import { ComplaintHistory } from './ComplaintHistory';
import { SheetEditor } from './form/SheetEditor';
import { ComplaintStatusTag, SeverityTag } from './tags';
import { ActionBar } from './workflow/ActionBar';
import { HandlingSection, RoundsPanel, SignoffList } from './WorkflowSections';

const OPEN = ['registered', 'in_handling', 'handled', 'awaiting_approval'];

/** 客户投诉处理单 (#/complaints/<id>): clocks, the steps this user may take, the sheet, its rounds, signatures and history. */
export function ComplaintSheet({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.session?.user);
  const sessionOrg = useSession((s) => s.session?.organisationName ?? '');
  const org = useSettings((s) => s.settings?.organisationName) ?? sessionOrg;
  const { detail, error, load } = useRecord('complaints.get', id);
  const [rev, setRev] = useState(0);


  // A step taken here or on another workstation (arriving by sync) shows at once.
  useRecordsChanged(['complaint'], () => void load(), { id });

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!detail) return <Skeleton active />;
  const c = detail.complaint;
  // A confidential complaint held here in part is not edited here (HubCopyNotice says why).
  const editable =
    !!user && mayTakeCalls(user.role) && OPEN.includes(c.status) && !detail.hubCopy && (isSupervisor(user.role) || c.receivingAgentId === user.id || c.handlerId === user.id);

  return (
    <div className="complaint-sheet" data-testid="complaint-sheet" data-status={c.status} data-round={c.round}>
      <Card size="small" className="complaint-head">
        <div className="complaint-head-row">
          <Space size={12} wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('complaints')} aria-label={t('complaint.back')} />
            <Typography.Title level={5} className="complaint-title">
              {t('complaint.sheet')}
            </Typography.Title>
            <Typography.Text strong copyable data-testid="complaint-no">
              {c.complaintNo}
            </Typography.Text>
            <ComplaintStatusTag status={c.status} />
            <SeverityTag severity={c.severity} />
            <Tag data-testid="complaint-repeat" color={c.repeatIndex > 1 ? 'volcano' : undefined}>
              {t('complaint.repeatN', { n: c.repeatIndex })}
            </Tag>
            <Tag data-testid="complaint-round">{t('complaint.roundN', { n: c.round })}</Tag>
            {c.confidential && (
              <Tag data-testid="complaint-confidential-tag" color="purple" title={t('visibility.confidentialHint')}>
                {t('visibility.confidentialTag')}
              </Tag>
            )}
          </Space>
          <Space>
            <PrintButton paper={() => <ComplaintPaper c={c} org={org} />} />
            <Button icon={<FileSearchOutlined />} href={`#/print/complaint/${c.id}`} data-testid="print-preview">
              {t('complaint.paper.toolbar')}
            </Button>
          </Space>
        </div>
        <div className="muted complaint-intake" data-testid="complaint-intake">
          {t('complaint.fields.receivedAt')} {fmtDateTime(c.receivedAt)} · {t('complaint.fields.channel')} {t(`complaint.channels.${c.channel}`)} ·{' '}
          {t('complaint.fields.receivingAgentName')} <span data-data="">{c.receivingAgentName}</span>
          {c.callId && (
            <>
              {' · '}
              <Typography.Link href={`#/records/${c.callId}`} data-testid="complaint-source-call">
                {t('complaint.fields.callId')}
              </Typography.Link>
            </>
          )}
        </div>
        <MaskedContacts entity="complaint" id={c.id} masked={detail.masked} values={{ phone: c.phone, address: c.address }} />
        <ClockPanel clocks={detail.clocks} />
        <ActionBar detail={detail} onDone={() => void load()} />
      </Card>
      <ConflictBanners conflicts={detail.conflicts ?? []} voided={c.status === 'voided'} onResolved={() => void load().then(() => setRev((n) => n + 1))} />
      {c.status === 'voided' && <Alert type="warning" showIcon title={t('complaint.voidedBanner', { reason: c.voidReason })} className="form-alert" />}
      <HubCopyNotice hubCopy={detail.hubCopy} />
      <ConfidentialNotice partlyHidden={!!c.confidential && !!user && !isSupervisor(user.role) && c.receivingAgentId !== user.id && c.handlerId !== user.id} />
      {c.status !== 'voided' && !editable && <Alert type="info" showIcon title={t('complaint.readOnly')} className="form-alert" data-testid="complaint-readonly" />}
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'sheet',
              label: t('complaint.sheet'),
              children: (
                <>
                  <SheetEditor key={`${c.id}:${editable}:${rev}`} complaint={c} editable={editable} onSaved={() => void load()} />
                  <div className="sheet-section">
                    <HandlingSection c={c} />
                  </div>
                  <RoundsPanel rounds={c.rounds} />
                  <SignoffList signoffs={c.signoffs} />
                </>
              ),
            },
            { key: 'history', label: `${t('complaint.history')} (${detail.history.length})`, children: <ComplaintHistory history={detail.history} /> },
          ]}
        />
      </Card>
    </div>
  );
}
