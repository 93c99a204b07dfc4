import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSupervisor } from '../../../../shared/domain/roles';
import { scriptVariables } from '../../../../shared/domain/script';
import { RevealLink } from '../../components/RevealLink';
import { useRecord } from '../../api/useRecord';
import { fmtDateTime, fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { useSession } from '../auth/sessionStore';
import { ScriptRunner } from '../scripts/ScriptRunner';
import { ConflictBanners } from '../sync/ConflictBanners';
import { CallbackKindTag, CallbackStatusTag, DueCell, useCallbackRules } from './labels';
import { AssignDialog, CancelDialog } from './LeadDialogs';
import { LinkedRecord, OutcomeView } from './CallbackParts';
import { OutcomeForm } from './OutcomeForm';

/**
 * 回访 (#/callbacks/<id>): who, what and when; the complaint or call behind it; the callback script
 * with the officer's surname and the hotline filled in; and the outcome form.
 */
export function CallbackScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useSession((s) => s.session?.user);
  const sessionOrg = useSession((s) => s.session?.organisationName ?? '');
  const settings = useSettings((s) => s.settings);
  const rules = useCallbackRules();
  const now = useNow(true, 30_000);
  const { detail, error, load } = useRecord('callbacks.get', id);
  const [dialog, setDialog] = useState<'assign' | 'cancel' | null>(null);

  // Worked, assigned or cancelled elsewhere (another officer, a lead, a sync): shown at once.
  useRecordsChanged(['callback'], () => void load(), { id });
  // The complaint behind it moves to a new round when the customer is not satisfied.
  const complaintId = detail?.complaint?.id;
  useRecordsChanged(['complaint'], () => void load(), complaintId ? { id: complaintId } : {});

  if (error)
    return (
      <Alert type="error" showIcon title={error} action={<Button onClick={() => navigate('callbacks')}>{t('callback.back')}</Button>} />
    );
  if (!detail) return <Skeleton active />;
  const c = detail.callback;
  const lead = !!user && isSupervisor(user.role);
  const vars = scriptVariables({
    organisationName: settings?.organisationName ?? sessionOrg,
    hotline: settings?.hotline ?? '',
    agentName: user?.displayName ?? '',
    callerName: c.name,
    organisation: c.organisation,
    phone: c.phone,
  });
  const afterDialog = () => {
    setDialog(null);
    void load();
  };
  const reopened = c.kind === 'complaint' && c.status === 'done' && c.satisfaction === 'unsatisfied' && detail.complaint;

  return (
    <div className="callback-screen" data-testid="callback-screen" data-status={c.status} data-kind={c.kind}>
      <Card size="small" className="callback-head">
        <div className="callback-head-row">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('callbacks')} data-testid="callback-back">
            {t('callback.back')}
          </Button>
          <Typography.Title level={5} className="callback-who" data-testid="callback-who">
            {c.name ? <span data-data="">{c.name}</span> : t('callback.noName')}
            {c.organisation && (
              <span className="muted">
                {' · '}
                <span data-data="">{c.organisation}</span>
              </span>
            )}
          </Typography.Title>
          <CallbackKindTag kind={c.kind} />
          <CallbackStatusTag status={c.status} />
          {detail.masked?.includes('phone') ? (
            <Typography.Text strong className="callback-phone" data-testid="callback-phone">
              <RevealLink entity="callback" id={c.id} field="phone" masked={detail.masked} shown={c.phone} />
            </Typography.Text>
          ) : (
            <Typography.Text copyable strong className="callback-phone" data-testid="callback-phone">
              {c.phone}
            </Typography.Text>
          )}
          {lead && (c.status === 'open' || c.status === 'unreachable') && (
            <Space className="callback-head-actions">
              {c.status === 'open' && (
                <Button onClick={() => setDialog('assign')} data-testid="callback-assign">
                  {t('callback.assign.button')}
                </Button>
              )}
              <Button danger onClick={() => setDialog('cancel')} data-testid="callback-cancel">
                {t('callback.cancel.button')}
              </Button>
            </Space>
          )}
        </div>
        <Descriptions size="small" column={4} className="callback-facts">
          <Descriptions.Item label={t('callback.fields.dueAt')}>
            <DueCell c={c} now={now} rules={rules} />
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.fields.attempts')}>
            <span data-testid="callback-attempts">{t('callback.attemptsOf', { n: c.attempts, max: rules.maxAttempts })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.fields.assignee')}>{c.assigneeName ? <span data-data="">{c.assigneeName}</span> : t('callback.unassigned')}</Descriptions.Item>
          <Descriptions.Item label={t('callback.fields.createdAt')}>
            {fmtDateTime(c.createdAt)}
            {' · '}
            <span data-data="">{c.createdBy}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.fields.subject')} span={4}>
            <span data-testid="callback-subject" data-data="">
              {c.subject || '—'}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <ConflictBanners conflicts={detail.conflicts} onResolved={() => void load()} />
      {reopened && detail.complaint && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          data-testid="complaint-reopened"
          title={t('callback.reopened', { no: detail.complaint.complaintNo, round: detail.complaint.round })}
          action={
            <Button size="small" onClick={() => detail.complaint && navigate('complaints', detail.complaint.id)} data-testid="complaint-reopened-link">
              {t('callback.openComplaint')}
            </Button>
          }
        />
      )}
      {c.status === 'open' && c.attempts > 0 && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          data-testid="callback-retry"
          title={t('callback.retryInfo', { n: c.attempts, max: rules.maxAttempts, at: c.nextAttemptAt ? fmtMinute(c.nextAttemptAt) : '—' })}
        />
      )}
      {c.status === 'unreachable' && (
        <Alert type="warning" showIcon className="form-alert" data-testid="callback-unreachable" title={t('callback.unreachableInfo', { n: c.attempts })} />
      )}
      {c.status === 'cancelled' && (
        <Alert type="info" showIcon className="form-alert" title={t('callback.cancelledInfo', { reason: c.cancelReason })} />
      )}

      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <LinkedRecord detail={detail} />
          <ScriptRunner script={detail.script} vars={vars} hotkeys={c.status === 'open' && !dialog} testId="callback-script" />
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('callback.outcome.title')} className="callback-outcome-card">
            {c.status === 'open' ? (
              <OutcomeForm
                key={`${c.version}`}
                callback={c}
                scriptVersionId={detail.script.id}
                onDone={(r, how) => {
                  if (how === 'not_reached')
                    message.info(
                      r.status === 'unreachable'
                        ? t('callback.unreachableInfo', { n: r.attempts })
                        : t('callback.retryInfo', { n: r.attempts, max: rules.maxAttempts, at: r.nextAttemptAt ? fmtMinute(r.nextAttemptAt) : '—' }),
                    );
                  else message.success(t('callback.outcome.saved'));
                  void load();
                }}
              />
            ) : (
              <OutcomeView callback={c} />
            )}
          </Card>
        </Col>
      </Row>
      {dialog === 'assign' && <AssignDialog callback={c} onClose={() => setDialog(null)} onDone={afterDialog} />}
      {dialog === 'cancel' && <CancelDialog callback={c} onClose={() => setDialog(null)} onDone={afterDialog} />}
    </div>
  );
}
