import { Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/api/types';
import { fmtDateTime } from '../../components/format';
import { actionLabel, actionVerb, changeLines } from './historyFormat';

/** Who changed what and when, each field before → after. Newest first: reviewers look for the latest. */
export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noHistory')} />;
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      data-testid="history-timeline"
      items={entries.map((h) => {
        const verb = actionVerb(h.action);
        return {
        key: h.id,
        color: verb === 'void' ? 'red' : verb === 'create' ? 'green' : 'blue',
        content: (
          <div className="history-change" data-testid="history-entry">
            <div>
              <strong>{actionLabel(h.action)}</strong> · {t('detail.by', { who: h.actorName, when: fmtDateTime(h.at) })}
            </div>
            {changeLines(h.changes, verb === 'create').map((c) => (
              <div key={c.field}>
                {c.label}:{verb !== 'create' && <span className="history-before">{c.before}</span>}
                {verb !== 'create' && ' → '}
                <span className="history-after">{c.after}</span>
              </div>
            ))}
          </div>
        ),
        };
      })}
    />
  );
}
