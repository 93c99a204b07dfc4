import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintRow } from '../../../../shared/api/types';
import type { Clock, ClockKind, ClockState, DeadlineRules } from '../../../../shared/domain/deadlines';
import { DEFAULT_DEADLINE_RULES } from '../../../../shared/domain/deadlines';
import { fmtDateTime, fmtShort } from '../../components/format';
import { useNow } from '../../components/useNow';
import { i18n } from '../../i18n';
import { useSettings } from '../admin/settingsStore';

/**
 * The state of a clock at `now`. The core computes it when the record is read; the sheet ticks
 * every second, so a clock turns orange and then red while the user looks at it.
 */
export function liveState(k: Pick<Clock, 'dueAt' | 'warnAt' | 'doneAt'>, now: number): ClockState {
  const due = Date.parse(k.dueAt);
  if (k.doneAt) return Date.parse(k.doneAt) <= due ? 'met' : 'met_late';
  if (now > due) return 'breached';
  if (now >= Date.parse(k.warnAt)) return 'warning';
  return 'running';
}

/** 3725 s → "01:02:05"; a day or more → "2天 01:02:05". */
export function fmtSpan(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(s / 86_400);
  const hh = String(Math.floor((s % 86_400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d ? `${i18n.t('complaint.clocks.days', { n: d })} ` : ''}${hh}:${mm}:${ss}`;
}

/** "15分钟", "24小时", "7天", "7个工作日": the rule a clock follows, from the settings. */
export function ruleText(kind: ClockKind, r: DeadlineRules): string {
  const t = i18n.t.bind(i18n);
  switch (kind) {
    case 'escalate':
      return t('complaint.clocks.minutes', { n: r.escalateMinutes });
    case 'report':
      return t('complaint.clocks.hours', { n: r.reportHours });
    case 'complete':
      return t('complaint.clocks.agreed');
    case 'callback':
      return t(r.callbackWorkingDays ? 'complaint.clocks.workingDays' : 'complaint.clocks.days', { n: r.callbackDays });
  }
}

const ICONS: Record<ClockState, ReactNode> = {
  running: <ClockCircleOutlined />,
  warning: <WarningOutlined />,
  breached: <ExclamationCircleOutlined />,
  met: <CheckCircleOutlined />,
  met_late: <ExclamationCircleOutlined />,
};

/** What the clock says now: time left, time over, or when it was met (and by how late). */
export function clockText(k: Clock, state: ClockState, now: number): string {
  const t = i18n.t.bind(i18n);
  const due = Date.parse(k.dueAt);
  if (state === 'met') return t('complaint.clocks.states.met');
  if (state === 'met_late') return `${t('complaint.clocks.states.met_late')} · ${t('complaint.clocks.lateBy', { d: fmtSpan(Date.parse(k.doneAt ?? '') - due) })}`;
  if (state === 'breached') return t('complaint.clocks.over', { d: fmtSpan(now - due) });
  return t('complaint.clocks.left', { d: fmtSpan(due - now) });
}

export function useDeadlineRules(): DeadlineRules {
  return useSettings((s) => s.settings?.deadlineRules) ?? DEFAULT_DEADLINE_RULES;
}

export function ClockCard({ clock, now, rules }: { clock: Clock; now: number; rules: DeadlineRules }) {
  const { t } = useTranslation();
  const state = liveState(clock, now);
  return (
    <div className={`complaint-clock clock-${state}`} data-testid={`clock-${clock.kind}`} data-state={state}>
      <div className="clock-title">
        {ICONS[state]} {t(`complaint.clocks.kinds.${clock.kind}`)} <span className="clock-rule">{ruleText(clock.kind, rules)}</span>
      </div>
      <div className="clock-value" data-testid={`clock-${clock.kind}-value`}>
        {clockText(clock, state, now)}
      </div>
      <div className="clock-sub">
        {t('complaint.clocks.due', { at: fmtShort(clock.dueAt) })}
        {clock.doneAt && ` · ${t('complaint.clocks.doneAt', { at: fmtShort(clock.doneAt) })}`}
      </div>
    </div>
  );
}

/** Every clock of the complaint, ticking each second while any is still running. */
export function ClockPanel({ clocks }: { clocks: Clock[] }) {
  const { t } = useTranslation();
  const rules = useDeadlineRules();
  const now = useNow(clocks.some((k) => !k.doneAt));
  if (!clocks.length) return null;
  return (
    <section className="complaint-clocks" data-testid="complaint-clocks" aria-label={t('complaint.clocks.title')}>
      {clocks.map((k) => (
        <ClockCard key={k.kind} clock={k} now={now} rules={rules} />
      ))}
    </section>
  );
}

/** The soonest open deadline of a list row, counting down, with the clocks already breached or close. */
export function DeadlineCell({ row, now }: { row: Pick<ComplaintRow, 'nextDeadline' | 'breached' | 'warning'>; now: number }) {
  const { t } = useTranslation();
  const kinds = (list: ClockKind[]) => list.map((k) => t(`complaint.clocks.kinds.${k}`)).join('、');
  const due = row.nextDeadline ? Date.parse(row.nextDeadline) : null;
  const over = due !== null && now > due;
  return (
    <span className="deadline-cell" data-testid="deadline-cell" data-breached={row.breached.length > 0 || over} data-warning={row.warning.length > 0}>
      {due !== null && (
        <Tooltip title={fmtDateTime(row.nextDeadline)}>
          <span className={over ? 'clock-text-breached' : row.warning.length ? 'clock-text-warning' : undefined}>
            {fmtShort(row.nextDeadline)} · {over ? t('complaint.clocks.over', { d: fmtSpan(now - due) }) : t('complaint.clocks.left', { d: fmtSpan(due - now) })}
          </span>
        </Tooltip>
      )}
      {row.breached.length > 0 && (
        <Tag color="red" data-testid="row-breached">
          {t('complaint.list.breached')}:{kinds(row.breached)}
        </Tag>
      )}
      {row.warning.length > 0 && (
        <Tag color="orange" data-testid="row-warning">
          {t('complaint.list.warning')}:{kinds(row.warning)}
        </Tag>
      )}
    </span>
  );
}
