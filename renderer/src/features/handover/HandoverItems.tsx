import { Button, Empty, Input, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HANDOVER_ITEM_KINDS, type HandoverItem, type HandoverItemKind } from '../../../../shared/domain/handover';
import { DATA_ATTR } from '../../components/dataField';
import { fmtShort } from '../../components/format';
import { navigate } from '../../components/router';
import { useLabel } from '../../i18n/labels';
import { clockOf } from './clock';

/** Each item opens its record, as the reader's own rights allow. */
function openRecord(i: HandoverItem) {
  if (i.kind === 'call') navigate('records', i.recordId);
  else if (i.kind === 'callback') navigate('callbacks', i.recordId);
  else navigate('complaints', i.recordId);
}

interface Props {
  items: HandoverItem[];
  now: number;
  /** Notes being written, by record id; absent: the notes are shown as written. */
  notes?: Record<string, string>;
  onNote?: (recordId: string, note: string) => void;
  testId?: string;
}

/** The items grouped by kind, each with its number (opens the record), summary, clock and note. */
export function HandoverItems({ items, now, notes, onNote, testId = 'handover-items' }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('handover.detail.noItems')} />;
  const groups = HANDOVER_ITEM_KINDS.map((k) => [k, items.filter((i) => i.kind === k)] as [HandoverItemKind, HandoverItem[]]).filter(([, list]) => list.length);
  return (
    <div data-testid={testId}>
      {groups.map(([kind, list]) => (
        <section key={kind} className="handover-group" data-testid={`handover-group-${kind}`}>
          <div className="handover-group-title">
            {label('handoverItemKind', kind)} <Typography.Text type="secondary">({list.length})</Typography.Text>
          </div>
          {list.map((i) => {
            const clock = clockOf(i.dueAt, now);
            return (
              <div key={i.recordId} className="handover-item" data-testid="handover-item" data-record={i.recordId} data-kind={i.kind}>
                <Tooltip title={t('handover.openRecord', { no: i.recordNo })}>
                  <Button type="link" size="small" className="handover-no" onClick={() => openRecord(i)} data-testid="handover-item-open">
                    <span {...DATA_ATTR}>{i.recordNo}</span>
                  </Button>
                </Tooltip>
                <div className="handover-summary">
                  {i.summary ? <span {...DATA_ATTR}>{i.summary}</span> : <Typography.Text type="secondary">{t('handover.confidential')}</Typography.Text>}
                </div>
                <div className={`handover-clock-${clock.state}`} data-testid="handover-item-clock" data-state={clock.state}>
                  {clock.text}
                  {i.dueAt && (
                    <div>
                      <Typography.Text type="secondary">{fmtShort(i.dueAt)}</Typography.Text>
                    </div>
                  )}
                </div>
                {onNote && notes ? (
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={1000}
                    value={notes[i.recordId] ?? ''}
                    placeholder={t('handover.draft.itemNotePlaceholder')}
                    aria-label={`${t('handover.draft.itemNote')} ${i.recordNo}`}
                    onChange={(e) => onNote(i.recordId, e.target.value)}
                    data-testid="handover-item-note"
                  />
                ) : (
                  <div className="handover-note-text" data-testid="handover-item-note-text">
                    {i.note ? <span {...DATA_ATTR}>{i.note}</span> : null}
                  </div>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
