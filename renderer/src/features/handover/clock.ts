import { i18n } from '../../i18n';

export type ClockState = 'none' | 'running' | 'soon' | 'overdue';
/** Under this much time left an item is marked as due soon. */
const SOON_MS = 2 * 3600_000;

/** "2 小时 5 分钟": the largest two units, rounded down; at least a minute. */
function span(ms: number): string {
  const m = Math.max(1, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  const parts = d ? [i18n.t('handover.clock.days', { n: d }), h ? i18n.t('handover.clock.hours', { n: h }) : ''] : h ? [i18n.t('handover.clock.hours', { n: h }), mm ? i18n.t('handover.clock.minutes', { n: mm }) : ''] : [i18n.t('handover.clock.minutes', { n: mm })];
  return parts.filter(Boolean).join(' ');
}

/** An item's clock as the list shows it: time left, overdue by, or no deadline. */
export function clockOf(dueAt: string | null, now: number): { state: ClockState; text: string } {
  if (!dueAt) return { state: 'none', text: i18n.t('handover.clock.none') };
  const left = Date.parse(dueAt) - now;
  if (left < 0) return { state: 'overdue', text: i18n.t('handover.clock.overdue', { d: span(-left) }) };
  return { state: left < SOON_MS ? 'soon' : 'running', text: i18n.t('handover.clock.left', { d: span(left) }) };
}
