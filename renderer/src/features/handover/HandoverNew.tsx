import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDraft } from '../../../../shared/api/handoverTypes';
import { MAX_HANDOVER_ITEMS } from '../../../../shared/domain/handover';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { DATA_ATTR } from '../../components/dataField';
import { fmtShort } from '../../components/format';
import { navigate } from '../../components/router';
import { useHotkeys } from '../../components/useHotkeys';
import { useNow } from '../../components/useNow';
import { HandoverItems } from './HandoverItems';

/**
 * 新建交接: what the shift leaves open now, grouped by kind with each item's clock, a note beside each and
 * one for the shift; Ctrl+Enter hands over. The core rebuilds each item from its record on submit.
 */
export function HandoverNew() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = useNow(true, 30_000);
  const [draft, setDraft] = useState<HandoverDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await call('handover.draft', {});
    if (res.ok) {
      setDraft(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    if (!draft || busy) return;
    setBusy(true);
    const res = await call('handover.create', { items: draft.items.map((i) => ({ kind: i.kind, recordId: i.recordId, note: notes[i.recordId] ?? '' })), note });
    setBusy(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    message.success(t('handover.draft.created'));
    navigate('handover', res.result.id);
  };
  useHotkeys({ 'Ctrl+Enter': () => void submit(), Escape: () => navigate('handover') });

  return (
    <Card
      className="page-card"
      size="small"
      data-testid="handover-new"
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('handover')} aria-label={t('handover.detail.back')} />
          {t('handover.draft.title')}
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('handover.draft.keys')}</Typography.Text>}
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      {!draft && !error && <Spin description={t('handover.draft.loading')} />}
      {draft && (
        <>
          <div className="handover-shift-line" data-testid="handover-shift">
            {/* Shift names are the settings' words: data, in either language. */}
            <Typography.Text strong>
              {draft.day} <span {...DATA_ATTR}>{draft.shift.name}</span> {t('handover.draft.handsOver')} · {t('handover.draft.next')} <span {...DATA_ATTR}>{draft.nextShift.name}</span>{' '}
              {t('handover.draft.until', { end: fmtShort(draft.nextShiftEndsAt) })}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">{t(draft.scope === 'team' ? 'handover.draft.scopeTeam' : 'handover.draft.scopeMine')}</Typography.Text>
          </div>
          {draft.truncated && <Alert type="warning" showIcon title={t('handover.draft.truncated', { n: MAX_HANDOVER_ITEMS })} className="form-alert" />}
          {draft.items.length ? (
            <HandoverItems items={draft.items} now={now} notes={notes} onNote={(id, v) => setNotes((n) => ({ ...n, [id]: v }))} testId="handover-draft-items" />
          ) : (
            <Alert type="success" showIcon title={t('handover.draft.nothing')} className="form-alert" data-testid="handover-nothing" />
          )}
          <div className="handover-group-title">{t('handover.draft.shiftNote')}</div>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('handover.draft.shiftNotePlaceholder')}
            aria-label={t('handover.draft.shiftNote')}
            data-testid="handover-shift-note"
          />
          <div className="handover-footer">
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid="handover-submit">
              {t('handover.draft.submit')}
            </Button>
            <Button onClick={() => navigate('handover')}>{t('common.cancel')}</Button>
          </div>
        </>
      )}
    </Card>
  );
}
