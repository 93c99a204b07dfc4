import { Card, Descriptions, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaItemDetail } from '../../../../shared/api/qualityTypes';
import type { CallRecord } from '../../../../shared/domain/callRecord';
import type { Complaint } from '../../../../shared/domain/complaint';
import { fmtDateTime, fmtDuration } from '../../components/format';
import { useLabel } from '../../i18n/labels';
import { OutcomeView } from '../callbacks/CallbackParts';
import { CallbackKindTag } from '../callbacks/labels';
import { HistoryTimeline } from '../calls/HistoryTimeline';
import { RecordKindTag } from './labels';

/** What a reviewer reads: the record as it was saved, its history, the script it was taken with, and the recording. */
export function RecordPanel({ detail }: { detail: QaItemDetail }) {
  const { t } = useTranslation();
  const { item, record, history, script, recordingRef } = detail;
  return (
    <Card
      size="small"
      className="qa-record"
      data-testid="qa-record"
      title={
        <span>
          <RecordKindTag kind={item.kind} />
          <span data-data="" data-testid="qa-record-no">
            {item.recordNo || t('quality.items.noNumber')}
          </span>
        </span>
      }
      extra={
        <span className="muted">
          <span data-data="">{item.agentName}</span> · {fmtDateTime(item.at)}
        </span>
      }
    >
      <Descriptions size="small" column={2} className="qa-record-meta">
        <Descriptions.Item label={t('quality.review.recording')}>
          {recordingRef ? (
            <span data-data="" data-testid="qa-recording">
              {recordingRef}
            </span>
          ) : (
            <span className="muted" data-testid="qa-recording">
              {t('quality.review.noRecording')}
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.review.script')}>
          {script ? (
            <span data-testid="qa-script">
              <span data-data="">{script.name}</span> · v{script.version}
            </span>
          ) : (
            <span className="muted">{t('quality.review.none')}</span>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        size="small"
        items={[
          {
            key: 'record',
            label: t('quality.review.record'),
            children:
              record.kind === 'call' ? (
                <CallFacts c={record.call} />
              ) : record.kind === 'complaint' ? (
                <ComplaintFacts c={record.complaint} />
              ) : (
                <>
                  <Descriptions size="small" column={2} className="qa-facts">
                    <Descriptions.Item label={t('callback.fields.kind')}>
                      <CallbackKindTag kind={record.callback.kind} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('callback.fields.customer')}>{data(record.callback.name)}</Descriptions.Item>
                    <Descriptions.Item label={t('callback.fields.subject')} span={2}>
                      {data(record.callback.subject)}
                    </Descriptions.Item>
                  </Descriptions>
                  <OutcomeView callback={record.callback} />
                </>
              ),
          },
          { key: 'history', label: t('quality.review.history', { n: history.length }), children: <HistoryTimeline history={history} /> },
        ]}
      />
    </Card>
  );
}

function data(v: string | null | undefined): ReactNode {
  return v ? (
    <span className="pre-line" data-data="">
      {v}
    </span>
  ) : (
    '—'
  );
}

function CallFacts({ c }: { c: CallRecord }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
  return (
    <Descriptions size="small" column={2} className="qa-facts" data-testid="qa-call">
      <Descriptions.Item label={t('fields.answeredAt')}>{fmtDateTime(c.answeredAt)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.durationSec')}>{fmtDuration(c.durationSec) || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('fields.callerName')}>{data(c.callerName)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.organisation')}>{data(c.organisation)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.phone')}>{data(c.phone)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.category')}>{c.category ? label('callCategory', c.category) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('fields.content')} span={2}>
        {data(c.content)}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.specialSituations')} span={2}>
        {c.specialSituations.length ? c.specialSituations.map((s) => label('specialSituation', s)).join('、') : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.answeredOnSpot')}>{yesNo(c.answeredOnSpot)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.promisedReplyBy')}>{fmtDateTime(c.promisedReplyBy) || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('fields.replyContent')} span={2}>
        {data(c.replyContent)}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.solutions')} span={2}>
        {data(c.solutions.join('\n'))}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.satisfaction')}>{c.satisfaction ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('fields.status')}>{label('callStatus', c.status)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.suggestions')} span={2}>
        {data(c.suggestions)}
      </Descriptions.Item>
    </Descriptions>
  );
}

function ComplaintFacts({ c }: { c: Complaint }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  return (
    <Descriptions size="small" column={2} className="qa-facts" data-testid="qa-complaint">
      <Descriptions.Item label={t('complaint.fields.receivedAt')}>{fmtDateTime(c.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.channel')}>{label('complaintChannel', c.channel)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.complainant')}>{data(c.complainant)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.organisation')}>{data(c.organisation)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.severity')}>{label('severity', c.severity)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.type')}>{label('complaintType', c.type)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.problem')} span={2}>
        {data(c.problem)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.handlerName')}>{data(c.handlerName)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.status')}>{label('complaintStatus', c.status)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.investigation')} span={2}>
        {data(c.investigation)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.result')} span={2}>
        {data(c.result)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.replyToCustomer')} span={2}>
        {data(c.replyToCustomer)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.callbackResult')}>{c.callbackResult ? label('callbackResult', c.callbackResult) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.fields.callbackAt')}>{fmtDateTime(c.callbackAt) || '—'}</Descriptions.Item>
    </Descriptions>
  );
}
