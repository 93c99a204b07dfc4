import { Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/api/types';
import type { FieldChange } from '../../../../shared/domain/mutation';
import { fmtDateTime } from '../../components/format';
import { i18n } from '../../i18n';
import { stepOf } from './historyAction';

const TIMES = new Set(['occurredAt', 'headNotifiedAt', 'agreedReplyBy', 'escalatedAt', 'reportedAt', 'completedAt', 'callbackDueAt', 'callbackAt', 'approvedAt', 'closedAt']);
const ENUMS: Record<string, string> = { channel: 'channels', severity: 'severities', type: 'types', status: 'statuses', callbackResult: 'callbackResults' };
const HIDDEN = new Set(['version', 'updatedAt', 'phoneNormalized', 'customerId', 'approvedBy']);

function label(field: string): string {
  const [head, kind] = field.split('.');
  if (head === 'signoff' && kind) return `${i18n.t('complaint.sections.signoffs')}(${i18n.t(`complaint.signoffKinds.${kind}`)})`;
  const key = `complaint.fields.${field}`;
  return i18n.exists(key) ? i18n.t(key) : field;
}

export function complaintValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return i18n.t('detail.empty');
  if (TIMES.has(field) && typeof v === 'string') return fmtDateTime(v);
  if (typeof v === 'boolean') return i18n.t(v ? 'common.yes' : 'common.no');
  const group = ENUMS[field];
  if (group && i18n.exists(`complaint.${group}.${String(v)}`)) return i18n.t(`complaint.${group}.${String(v)}`);
  if (field === 'chosenSolution' && typeof v === 'number') return i18n.t('complaint.solutionN', { n: v + 1 });
  if (field === 'solutions' && Array.isArray(v)) return v.map((s, i) => `${i + 1}. ${String(s)}`).join(';');
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function lines(changes: FieldChange[], created: boolean) {
  const empty = i18n.t('detail.empty');
  return changes
    .filter((c) => !HIDDEN.has(c.field))
    .map((c) => ({ field: c.field, label: label(c.field), before: complaintValue(c.field, c.before), after: complaintValue(c.field, c.after) }))
    .filter((l) => !created || (l.after !== empty && l.after !== i18n.t('common.no')));
}

/** Who changed what and when on the complaint, newest first; the history is never overwritten. */
export function ComplaintHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noHistory')} />;
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      data-testid="complaint-history"
      items={entries.map((h) => {
        const verb = h.action.split('.').pop() ?? h.action;
        const created = verb === 'register';
        const step = verb === 'transition' ? stepOf(h.changes) : null;
        const key = step ? `complaint.actions.${step}` : `complaint.historyActions.${verb}`;
        return {
          key: h.id,
          color: created ? 'green' : verb === 'transition' ? 'blue' : 'gray',
          content: (
            <div className="history-change" data-testid="history-entry">
              <div>
                <strong>{i18n.exists(key) ? t(key) : h.action}</strong> · {t('detail.by', { who: h.actorName, when: fmtDateTime(h.at) })}
              </div>
              {lines(h.changes, created).map((c) => (
                <div key={c.field}>
                  {c.label}:{!created && <span className="history-before">{c.before}</span>}
                  {!created && ' → '}
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
