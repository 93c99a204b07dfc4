import type Database from 'better-sqlite3-multiple-ciphers';
import type { BoardSummary } from '../../../shared/api/types';
import { endOfLocalDay, localDay, startOfLocalDay, startOfLocalMonth } from '../../../shared/domain/calendar';
import type { Actor } from '../../../shared/domain/mutation';
import { HANDOVER_ROLES, isQaRole } from '../../../shared/domain/roles';
import { type QueueParams, queueWhere } from './callbacks';
import { type ListFilter, listCalls } from './calls';
import { refreshDeadlinesIfRulesChanged } from './complaintIndex';
import { countFindings } from './qualityReviews';
import { countOpenHandovers } from './handover';
import { type BoardList, boardListCondition, OPEN_STATUSES } from './tracking';

/**
 * The team-lead board's numbers (how each opens its list: docs/ui.md, "Board drill-downs"). They are
 * counted by the very queries their drill-downs run (calls.list's filter, the callback queue's condition,
 * the tracking sheet's board lists) with the bounds returned here, so a number and its list cannot disagree.
 */
export function boardSummary(db: Database.Database, actor: Actor, now: Date): BoardSummary {
  refreshDeadlinesIfRulesChanged(db);
  const nowIso = now.toISOString();
  const today = localDay(nowIso);
  const dayStart = startOfLocalDay(today);
  const dayEnd = endOfLocalDay(today);
  const monthStart = startOfLocalMonth(today);
  const count = (list: BoardList) => {
    const w = boardListCondition(db, list, now);
    return (db.prepare(`SELECT count(*) AS n FROM complaints WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  };
  // No rows are read (limit 0): only the list's total.
  const calls = (f: Pick<ListFilter, 'from' | 'answeredLate' | 'rated'>) => listCalls(db, { ...f, includeVoided: false, limit: 0, offset: 0 }, actor).total;
  const callbacks = (p: QueueParams) => {
    const w = queueWhere(actor, p, now);
    return (db.prepare(`SELECT count(*) AS n FROM callbacks c WHERE ${w.clause}`).get(...w.args) as { n: number }).n;
  };
  const bySeverity = { general: 0, major: 0, crisis: 0 };
  for (const r of db.prepare(`SELECT severity, count(*) AS n FROM complaints WHERE status IN ${OPEN_STATUSES} GROUP BY severity`).all() as {
    severity: keyof typeof bySeverity;
    n: number;
  }[])
    bySeverity[r.severity] = r.n;
  const overdue = (db.prepare(`SELECT count(*) AS n FROM complaints WHERE status IN ${OPEN_STATUSES} AND next_deadline < ?`).get(nowIso) as { n: number }).n;
  // The average of exactly the calls that calls.list {from: monthStart, rated: true} lists (avg skips no score).
  const avg = (db.prepare('SELECT avg(satisfaction) AS avg FROM call_records WHERE answered_at >= ? AND voided = 0').get(monthStart) as { avg: number | null }).avg;
  const cb = { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 };
  for (const r of db.prepare('SELECT callback_result AS k, count(*) AS n FROM complaints WHERE callback_at >= ? AND callback_result IS NOT NULL GROUP BY k').all(monthStart) as {
    k: keyof typeof cb;
    n: number;
  }[])
    cb[r.k] = r.n;
  return {
    asOf: nowIso,
    dayStart,
    dayEnd,
    monthStart,
    callsToday: calls({ from: dayStart }),
    answeredLateToday: calls({ from: dayStart, answeredLate: true }),
    openBySeverity: bySeverity,
    overdueComplaints: overdue,
    escalationsOverdue: count('escalation_overdue'),
    majorNotReported: count('unreported_major'),
    callbacksDue: callbacks({ scope: 'all', dueBy: dayEnd }),
    callbacksOverdue: callbacks({ scope: 'all', overdue: true }),
    // The condition findings.list uses for {scope: 'team', overdue: true}; only QA roles may open that list.
    findingsOverdue: isQaRole(actor.role) ? countFindings(db, { overdueAt: nowIso }) : null,
    // Only those who take over a shift may open the list of handovers.
    handoversOpen: HANDOVER_ROLES.includes(actor.role) ? countOpenHandovers(db) : null,
    satisfaction: { calls: calls({ from: monthStart, rated: true }), average: avg === null ? null : Math.round(avg * 100) / 100, callbacks: cb },
  };
}
