import type { ParamsOf } from '../../../../shared/api/contract';
import { CALLBACK_KINDS, CALLBACK_RESULTS, CALLBACK_STATUSES, type CallbackKind, type CallbackResult, type CallbackStatus } from '../../../../shared/domain/callback';

export type Scope = 'mine' | 'all' | 'unassigned';

export interface QueueFilters {
  q: string;
  kind: CallbackKind | undefined;
  status: CallbackStatus | undefined;
  overdue: boolean;
  /** Open callbacks due at or before this instant, overdue ones included (the board's "due by the end of today"). */
  dueBy: string | null;
  /** Done in [doneFrom, doneTo) with this satisfaction: a point of the board's satisfaction trend. */
  doneFrom: string | null;
  doneTo: string | null;
  satisfaction: CallbackResult | undefined;
}

export const DEFAULT_QUEUE_FILTERS: QueueFilters = { q: '', kind: undefined, status: 'open', overdue: false, dueBy: null, doneFrom: null, doneTo: null, satisfaction: undefined };

const instant = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * #/callbacks?scope=all&overdue=1 or &dueBy=<iso> (also kind, status, q; doneFrom, doneTo and satisfaction
 * from the board's trends): the tab and filters a link opens
 * the queue with. Only leads have the 全部 / 未分配 tabs; for others the link opens their own queue.
 * Values that do not parse are ignored rather than sent for the core to refuse.
 */
export function queueLinkFromQuery(query: string, lead: boolean): { tab: Scope | undefined; filters: QueueFilters } | null {
  if (!query) return null;
  const p = new URLSearchParams(query);
  const scope = oneOf<Scope>(['mine', 'all', 'unassigned'], p.get('scope'));
  return {
    tab: scope && (lead || scope === 'mine') ? scope : undefined,
    filters: {
      q: p.get('q') ?? '',
      kind: oneOf(CALLBACK_KINDS, p.get('kind')),
      status: oneOf(CALLBACK_STATUSES, p.get('status')) ?? 'open',
      overdue: p.get('overdue') === '1',
      dueBy: instant(p.get('dueBy')),
      doneFrom: instant(p.get('doneFrom')),
      doneTo: instant(p.get('doneTo')),
      satisfaction: oneOf(CALLBACK_RESULTS, p.get('satisfaction')),
    },
  };
}

export function queueParams(scope: Scope, f: Omit<QueueFilters, 'q'>, q: string, page: number, pageSize: number): ParamsOf<'callbacks.queue'> {
  return {
    scope,
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.dueBy ? { dueBy: f.dueBy } : {}),
    ...(f.doneFrom ? { doneFrom: f.doneFrom } : {}),
    ...(f.doneTo ? { doneTo: f.doneTo } : {}),
    ...(f.satisfaction ? { satisfaction: f.satisfaction } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}
