import { ArrowLeftOutlined, CheckOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDetail as Detail } from '../../../../shared/api/handoverTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { DATA_ATTR } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useHotkeys } from '../../components/useHotkeys';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { ConflictBanners } from '../sync/ConflictBanners';
import { HandoverItems } from './HandoverItems';

/**
 * One handover: its items (each opens its record), the notes, and who took it over and when. Its author
 * edits the notes until then; anybody else of the handover roles takes it over (确认接班, Ctrl+Enter).
 */
export function HandoverDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { message } = App.useApp();
  const now = useNow(true, 30_000);
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [ackNote, setAckNote] = useState('');
  const [busy, setBusy] = useState<'notes' | 'ack' | null>(null);

  const load = useCallback(async () => {
    const res = await call('handover.get', { id });
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setD(res.result);
    setError(null);
    setNotes(Object.fromEntries(res.result.handover.items.map((i) => [i.recordId, i.note])));
    setNote(res.result.handover.note);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  // The next shift may take it over at another workstation meanwhile.
  useRecordsChanged(['handover'], () => void load(), { id });

  const saveNotes = async () => {
    if (!d?.mayNote || busy) return;
    setBusy('notes');
    const res = await call('handover.note', { id, note, itemNotes: d.handover.items.map((i) => ({ recordId: i.recordId, note: notes[i.recordId] ?? '' })) });
    setBusy(null);
    if (!res.ok) return void setError(errorText(res.error));
    message.success(t('handover.detail.notesSaved'));
    void load();
  };
  const acknowledge = async () => {
    if (!d?.mayAcknowledge || busy) return;
    setBusy('ack');
    const res = await call('handover.acknowledge', { id, note: ackNote });
    setBusy(null);
    if (!res.ok) return void setError(errorText(res.error));
    message.success(t('handover.detail.acked'));
    void load();
  };
  useHotkeys({ 'Ctrl+Enter': () => void (d?.mayAcknowledge ? acknowledge() : undefined), 'Ctrl+S': () => void saveNotes(), Escape: () => navigate('handover') });

  if (!d) return error ? <Alert type="error" showIcon title={error} /> : <Spin />;
  const h = d.handover;
  const acked = h.status === 'acknowledged';
  return (
    <Card
      className="page-card"
      size="small"
      data-testid="handover-detail"
      data-status={h.status}
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('handover')} aria-label={t('handover.detail.back')} data-testid="handover-back" />
          {t('handover.title')} · {h.day} <span {...DATA_ATTR}>{h.shiftName}</span>
          <Tag color={acked ? 'green' : 'orange'} data-testid="handover-status">
            {label('handoverStatus', h.status)}
          </Tag>
        </Space>
      }
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => (window.location.hash = `#/print/handover/${encodeURIComponent(id)}`)} data-testid="handover-print">
          {t('handover.detail.print')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <ConflictBanners conflicts={d.conflicts} onResolved={() => void load()} />
      <Descriptions size="small" column={2} className="handover-meta">
        <Descriptions.Item label={t('handover.detail.by')}>
          <span>
            <span {...DATA_ATTR}>{h.createdBy}</span>
            <Typography.Text type="secondary" className="handover-when">
              {fmtMinute(h.createdAt)}
            </Typography.Text>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.detail.ackBy')}>
          {acked ? (
            <span data-testid="handover-acked-by">
              <span {...DATA_ATTR}>{h.acknowledgedBy}</span>
              <Typography.Text type="secondary" className="handover-when">
                {fmtMinute(h.acknowledgedAt)}
              </Typography.Text>
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {acked && (
          <Descriptions.Item label={t('handover.detail.ackNote')} span={2}>
            <span {...DATA_ATTR}>{h.ackNote || t('handover.detail.noNote')}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <div className="handover-group-title">{t('handover.detail.items', { n: h.items.length })}</div>
      <HandoverItems items={h.items} now={now} {...(d.mayNote ? { notes, onNote: (rid: string, v: string) => setNotes((n) => ({ ...n, [rid]: v })) } : {})} />
      <div className="handover-group-title">{t('handover.detail.shiftNote')}</div>
      {d.mayNote ? (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('handover.detail.shiftNote')} data-testid="handover-shift-note" />
      ) : (
        <Typography.Paragraph className="handover-note-text" data-testid="handover-shift-note-text">
          <span {...DATA_ATTR}>{h.note || t('handover.detail.noNote')}</span>
        </Typography.Paragraph>
      )}
      <div className="handover-footer">
        {d.mayNote && (
          <>
            <Button icon={<SaveOutlined />} loading={busy === 'notes'} onClick={() => void saveNotes()} data-testid="handover-save-notes">
              {t('handover.detail.saveNotes')}
            </Button>
            <Typography.Text type="secondary">{t('handover.detail.own')}</Typography.Text>
          </>
        )}
        {d.mayAcknowledge && (
          <>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={1000}
              value={ackNote}
              onChange={(e) => setAckNote(e.target.value)}
              placeholder={t('handover.detail.ackNotePlaceholder')}
              aria-label={t('handover.detail.ackNote')}
              style={{ maxWidth: 480 }}
              data-testid="handover-ack-note"
            />
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'ack'} onClick={() => void acknowledge()} data-testid="handover-ack">
              {t('handover.detail.ack')}
            </Button>
            <Typography.Text type="secondary">{t('handover.detail.keys')}</Typography.Text>
          </>
        )}
        {acked && <Typography.Text type="secondary">{t('handover.detail.final')}</Typography.Text>}
      </div>
    </Card>
  );
}
