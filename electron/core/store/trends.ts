import type Database from 'better-sqlite3-multiple-ciphers';
import type { TrendPoint, TrendSpan } from '../../../shared/api/trendsTypes';
import { addLocalDays, localDay, startOfLocalDay, startOfLocalMonth } from '../../../shared/domain/calendar';
import { CALLBACK_RESULTS, type CallbackResult, SEVERITIES, type Severity } from '../../../shared/domain/complaint';
import { refreshDeadlinesIfRulesChanged } from './complaintIndex';

/**
 * The board's trends (docs/reports.md, "Trends on the board"). Each series is one GROUP BY query: a
 * table of the buckets' bounds joined to an index range per bucket, so a point counts exactly the rows
 * `x >= from AND x < to` — the bounds its drill-down list is opened with — and no row is bucketed by a
 * date function. The conditions below are the ones those lists run (calls.list, callbacks.queue,
 * tracking.query's reply-deadline filter).
 */

export interface Bucket {
  key: string;
  from: string;
  to: string;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const prevMonth = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** 30 Beijing days ending today, or 12 months ending this month; oldest first, each [from, to). */
export function trendBuckets(span: TrendSpan, now: Date): Bucket[] {
  const today = localDay(now.toISOString());
  if (span === '30d')
    return Array.from({ length: 30 }, (_, i) => {
      const day = addLocalDays(today, i - 29);
      return { key: day, from: startOfLocalDay(day), to: startOfLocalDay(addLocalDays(day, 1)) };
    });
  return Array.from({ length: 12 }, (_, i) => {
    const month = prevMonth(today.slice(0, 7), 11 - i);
    return { key: month, from: startOfLocalMonth(`${month}-01`), to: startOfLocalMonth(`${nextMonth(month)}-01`) };
  });
}

/**
 * The reply deadline (the complaint's `complete` clock, shared/domain/deadlines.ts) as the tracking sheet's
 * flags read it: met when completed by it; missed when completed after it (flagged late) or not completed
 * and past (flagged overdue). Instants compare by value (an agreed time may carry an offset).
 */
const at = (col: string) => `unixepoch(${col}, 'subsec')`;
export const REPLY_MET_SQL = `(completed_at IS NOT NULL AND ${at('completed_at')} <= ${at('agreed_reply_by')})`;
export const REPLY_MISSED_SQL = `((completed_at IS NOT NULL AND ${at('completed_at')} > ${at('agreed_reply_by')}) OR (completed_at IS NULL AND ${at('agreed_reply_by')} < ${at('?')}))`;

/** `WITH b(k, lo, hi) AS (VALUES …)`: the buckets as a table, bound values only. */
function bucketTable(buckets: Bucket[]): { sql: string; args: string[] } {
  return { sql: `WITH b(k, lo, hi) AS (VALUES ${buckets.map(() => '(?, ?, ?)').join(', ')})`, args: buckets.flatMap((b) => [b.key, b.from, b.to]) };
}

export function boardTrends(db: Database.Database, span: TrendSpan, now: Date): TrendPoint[] {
  refreshDeadlinesIfRulesChanged(db);
  const buckets = trendBuckets(span, now);
  const b = bucketTable(buckets);
  const points = new Map<string, TrendPoint>(
    buckets.map((k) => [
      k.key,
      {
        ...k,
        rated: { calls: 0, average: null },
        callbacks: { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 },
        complaints: { general: 0, major: 0, crisis: 0 },
        replyDue: { met: 0, missed: 0, rate: null },
      },
    ]),
  );
  const point = (k: string) => points.get(k) as TrendPoint;

  // calls.list {from, to, rated: true} (voided excluded).
  for (const r of db
    .prepare(
      `${b.sql} SELECT b.k AS k, count(*) AS n, avg(r.satisfaction) AS avg FROM b JOIN call_records r ON r.answered_at >= b.lo AND r.answered_at < b.hi
       WHERE r.voided = 0 AND r.satisfaction IS NOT NULL GROUP BY b.k`,
    )
    .all(...b.args) as { k: string; n: number; avg: number }[])
    point(r.k).rated = { calls: r.n, average: Math.round(r.avg * 100) / 100 };

  // callbacks.queue {status: 'done', doneFrom, doneTo, satisfaction}.
  for (const r of db
    .prepare(
      `${b.sql} SELECT b.k AS k, c.satisfaction AS s, count(*) AS n FROM b JOIN callbacks c ON c.done_at >= b.lo AND c.done_at < b.hi
       WHERE c.status = 'done' AND c.satisfaction IS NOT NULL GROUP BY b.k, c.satisfaction`,
    )
    .all(...b.args) as { k: string; s: CallbackResult; n: number }[])
    if ((CALLBACK_RESULTS as readonly string[]).includes(r.s)) point(r.k).callbacks[r.s] = r.n;

  // tracking.query {from, to, severity: [s]} (no status filter: every complaint but the voided).
  for (const r of db
    .prepare(
      `${b.sql} SELECT b.k AS k, c.severity AS s, count(*) AS n FROM b JOIN complaints c ON c.received_at >= b.lo AND c.received_at < b.hi
       WHERE c.status != 'voided' GROUP BY b.k, c.severity`,
    )
    .all(...b.args) as { k: string; s: Severity; n: number }[])
    if ((SEVERITIES as readonly string[]).includes(r.s)) point(r.k).complaints[r.s] = r.n;

  // tracking.query {replyDueFrom, replyDueTo, replyDue: 'met' | 'missed'}.
  const nowIso = now.toISOString();
  for (const r of db
    .prepare(
      `${b.sql} SELECT b.k AS k, sum(${REPLY_MET_SQL}) AS met, sum(${REPLY_MISSED_SQL}) AS missed
       FROM b JOIN complaints c ON c.agreed_reply_by >= b.lo AND c.agreed_reply_by < b.hi WHERE c.status != 'voided' GROUP BY b.k`,
    )
    .all(...b.args, nowIso) as { k: string; met: number; missed: number }[]) {
    const decided = r.met + r.missed;
    point(r.k).replyDue = { met: r.met, missed: r.missed, rate: decided ? Math.round((r.met / decided) * 1000) / 10 : null };
  }
  return [...points.values()];
}
