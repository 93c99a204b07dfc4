import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type Callback,
  type CallbackKind,
  type CallbackRules,
  type CallbackStatus,
  type CallbackUrgency,
  callbackUrgency,
  DEFAULT_CALLBACK_RULES,
} from '../../../../shared/domain/callback';
import { fmtShort } from '../../components/format';
import { i18n } from '../../i18n';
import { useLabel } from '../../i18n/labels';
import { useSettings } from '../admin/settingsStore';

const KIND_COLORS: Record<CallbackKind, string> = {
  complaint: 'red',
  satisfaction: 'green',
  promised: 'blue',
  key_account: 'gold',
  presale: 'cyan',
  aftersale: 'geekblue',
  suggestion: 'purple',
};
const STATUS_COLORS: Record<CallbackStatus, string> = { open: 'processing', done: 'success', unreachable: 'warning', cancelled: 'default' };

export function CallbackKindTag({ kind }: { kind: CallbackKind }) {
  const { label } = useLabel();
  return (
    <Tag color={KIND_COLORS[kind]} data-testid="callback-kind" data-kind={kind}>
      {label('callbackKind', kind)}
    </Tag>
  );
}

export function CallbackStatusTag({ status }: { status: CallbackStatus }) {
  const { label } = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="callback-status" data-status={status}>
      {label('callbackStatus', status)}
    </Tag>
  );
}

export function useCallbackRules(): CallbackRules {
  return useSettings((s) => s.settings?.callbackRules) ?? DEFAULT_CALLBACK_RULES;
}

/** "3 天", "5 小时", "20 分钟": the largest unit that is at least one, rounded down. */
export function spanText(ms: number): string {
  const min = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  if (min >= 24 * 60) return i18n.t('callback.span.days', { n: Math.floor(min / (24 * 60)) });
  if (min >= 60) return i18n.t('callback.span.hours', { n: Math.floor(min / 60) });
  return i18n.t('callback.span.minutes', { n: min });
}

/** Urgency as of now, from the same rule the core uses, so the queue ages while it is open. */
export function liveUrgency(c: Pick<Callback, 'status' | 'dueAt' | 'nextAttemptAt'>, now: number, rules: CallbackRules): CallbackUrgency {
  return callbackUrgency(c, new Date(now), rules);
}

/**
 * The due column: the time, then what it means now. Overdue in red (逾期 3 天), due soon in amber
 * (2 小时后到期), waiting for a retry with the time of the next attempt.
 */
export function DueCell({ c, now, rules }: { c: Pick<Callback, 'status' | 'dueAt' | 'nextAttemptAt'>; now: number; rules: CallbackRules }) {
  const { t } = useTranslation();
  const u = liveUrgency(c, now, rules);
  const due = Date.parse(c.dueAt);
  return (
    <span className="callback-due" data-testid="callback-due" data-urgency={u}>
      <span className="callback-due-time">{fmtShort(c.dueAt)}</span>
      {u === 'overdue' && (
        <Typography.Text type="danger" strong data-testid="callback-overdue">
          {t('callback.due.overdue', { span: spanText(now - due) })}
        </Typography.Text>
      )}
      {u === 'due_soon' && (
        <Typography.Text type="warning" strong>
          {t('callback.due.soon', { span: spanText(due - now) })}
        </Typography.Text>
      )}
      {u === 'waiting_retry' && c.nextAttemptAt && <span className="muted">{t('callback.due.retry', { at: fmtShort(c.nextAttemptAt) })}</span>}
    </span>
  );
}
