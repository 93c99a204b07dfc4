import { Card, Descriptions, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Callback, CallbackDetail } from '../../../../shared/api/types';
import type { ComplaintStatus } from '../../../../shared/domain/complaint';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { ComplaintStatusTag } from '../complaints/tags';

/** What the officer reads before dialling: the complaint (number, round, problem, result) or the call behind the callback. */
export function LinkedRecord({ detail }: { detail: CallbackDetail }) {
  const { t } = useTranslation();
  const { complaint, call } = detail;
  if (complaint)
    return (
      <Card
        size="small"
        className="callback-linked"
        data-testid="callback-complaint"
        title={
          <span>
            {t('callback.linkedComplaint')}{' '}
            <Typography.Link data-testid="callback-complaint-link" onClick={() => navigate('complaints', complaint.id)}>
              {complaint.complaintNo}
            </Typography.Link>
          </span>
        }
        extra={
          <span>
            {t('complaint.roundN', { n: complaint.round })} <ComplaintStatusTag status={complaint.status as ComplaintStatus} />
          </span>
        }
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('complaint.fields.problem')}>
            <span className="pre-line" data-data="">{complaint.problem}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.handlingResult')}>
            <span className="pre-line" data-data="">{complaint.result || '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  if (call)
    return (
      <Card
        size="small"
        className="callback-linked"
        data-testid="callback-call"
        title={
          <span>
            {t('callback.linkedCall')}{' '}
            <Typography.Link data-testid="callback-call-link" onClick={() => navigate('records', call.id)}>
              {call.recordNo}
            </Typography.Link>
          </span>
        }
        extra={<span className="muted">{fmtDateTime(call.answeredAt)}</span>}
      >
        <div className="pre-line" data-data="">{call.content || '—'}</div>
        <div className="muted">
          {t('fields.agentName')}: <span data-data="">{call.agentName}</span>
        </div>
      </Card>
    );
  return null;
}

/** A worked callback, read-only: the outcome as recorded. */
export function OutcomeView({ callback: c }: { callback: Callback }) {
  const { t } = useTranslation();
  const r = (v: Callback['satisfaction']) => (v ? t(`complaint.callbackResults.${v}`) : '—');
  const text = (v: string) => <span className="pre-line" data-data="">{v || '—'}</span>;
  if (c.status !== 'done')
    return (
      <Descriptions size="small" column={1} data-testid="outcome-view">
        <Descriptions.Item label={t('callback.outcome.note')}>{text(c.note)}</Descriptions.Item>
      </Descriptions>
    );
  return (
    <Descriptions size="small" column={3} bordered data-testid="outcome-view">
      {c.kind === 'suggestion' ? (
        <Descriptions.Item label={t('callback.outcome.evaluation')} span={3}>
          {text(c.evaluation)}
        </Descriptions.Item>
      ) : (
        <>
          <Descriptions.Item label={t('callback.outcome.satisfaction')}>
            <strong data-testid="outcome-view-satisfaction">{r(c.satisfaction)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.outcome.score')} span={2}>
            {c.score ? <Rate disabled value={c.score} /> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('callback.outcome.accuracy')}>{r(c.accuracy)}</Descriptions.Item>
          <Descriptions.Item label={t('callback.outcome.timeliness')}>{r(c.timeliness)}</Descriptions.Item>
          <Descriptions.Item label={t('callback.outcome.attitude')}>{r(c.attitude)}</Descriptions.Item>
          <Descriptions.Item label={t('callback.outcome.unsatisfactory')} span={3}>
            {text(c.unsatisfactory)}
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('callback.outcome.remainingProblems')} span={3}>
        {text(c.remainingProblems)}
      </Descriptions.Item>
      <Descriptions.Item label={t('callback.outcome.suggestions')} span={3}>
        {text(c.suggestions)}
      </Descriptions.Item>
      <Descriptions.Item label={t('callback.outcome.note')} span={3}>
        {text(c.note)}
      </Descriptions.Item>
      <Descriptions.Item label={t('callback.outcome.doneAt')} span={3}>
        {fmtDateTime(c.doneAt)} {c.doneBy}
      </Descriptions.Item>
    </Descriptions>
  );
}
