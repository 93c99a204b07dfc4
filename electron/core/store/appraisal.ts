import type Database from 'better-sqlite3-multiple-ciphers';
import type { AppraisalFigures } from '../../../shared/domain/appraisal';
import { stmt } from './stmt';

/**
 * What the appraisal counts, for every user at once over an instant range: one GROUP BY query per
 * figure over an indexed range, never a query per agent (200 agents over a month of a 1M-call store
 * must answer in well under a second).
 */

export type CountedFigures = Omit<AppraisalFigures, 'attendanceRate'>;

export interface AppraisalRange {
  /** ISO instants, both inclusive: the first and last millisecond of the period's local days. */
  fromIso: string;
  toIso: string;
  /** The period's months (YYYY-MM), for QA reviews, which belong to the month sampled. */
  months: readonly string[];
}

const empty = (): CountedFigures & { satSum: number; satN: number } => ({
  callsHandled: 0,
  callsLate: 0,
  complaints: 0,
  callbacksDue: 0,
  callbacksOnTime: 0,
  qaReviews: 0,
  qaAverage: null,
  fatalErrors: 0,
  satisfactionAverage: null,
  satSum: 0,
  satN: 0,
});

/** Complaints that say something about the agent who took the call: the agent's manner or the agent's speed. */
const ABOUT_THE_AGENT = "('attitude', 'timeliness')";

export function appraisalFigures(db: Database.Database, r: AppraisalRange): Map<string, CountedFigures> {
  const out = new Map<string, ReturnType<typeof empty>>();
  const of = (id: string) => {
    const f = out.get(id) ?? empty();
    out.set(id, f);
    return f;
  };

  // The answered-at index bounds the scan to the period's calls (call_records_answered).
  const calls = stmt(
    db,
    `SELECT agent_id AS id, count(*) AS n, coalesce(sum(answered_late), 0) AS late,
       coalesce(sum(satisfaction), 0) AS satSum, count(satisfaction) AS satN
     FROM call_records INDEXED BY call_records_answered
     WHERE answered_at BETWEEN ? AND ? AND voided = 0 AND agent_id IS NOT NULL GROUP BY agent_id`,
  ).all(r.fromIso, r.toIso) as { id: string; n: number; late: number; satSum: number; satN: number }[];
  for (const c of calls) {
    const f = of(c.id);
    f.callsHandled = c.n;
    f.callsLate = c.late;
    f.satSum += c.satSum * 20;
    f.satN += c.satN;
  }

  const complaints = stmt(
    db,
    `SELECT c.agent_id AS id, count(*) AS n FROM complaints k INDEXED BY complaints_received
     JOIN call_records c ON c.id = k.call_id
     WHERE k.received_at BETWEEN ? AND ? AND k.status != 'voided' AND k.type IN ${ABOUT_THE_AGENT} AND c.agent_id IS NOT NULL
     GROUP BY c.agent_id`,
  ).all(r.fromIso, r.toIso) as { id: string; n: number }[];
  for (const k of complaints) of(k.id).complaints = k.n;

  // Callbacks the user was given that fell due in the period; on time when done by their due time.
  const callbacks = stmt(
    db,
    `SELECT assignee_id AS id, count(*) AS due, coalesce(sum(status = 'done' AND done_at <= due_at), 0) AS onTime
     FROM callbacks WHERE status IN ('open', 'done', 'unreachable') AND due_at BETWEEN ? AND ? AND assignee_id IS NOT NULL
     GROUP BY assignee_id`,
  ).all(r.fromIso, r.toIso) as { id: string; due: number; onTime: number }[];
  for (const c of callbacks) {
    const f = of(c.id);
    f.callbacksDue = c.due;
    f.callbacksOnTime = c.onTime;
  }

  // A callback's 1–5 score rates the service the customer had on the call it follows: it counts for the call's agent.
  const rated = stmt(
    db,
    `SELECT c.agent_id AS id, sum(b.score) AS satSum, count(*) AS satN FROM callbacks b
     JOIN call_records c ON c.id = b.call_id
     WHERE b.status = 'done' AND b.done_at BETWEEN ? AND ? AND b.score IS NOT NULL AND c.agent_id IS NOT NULL
     GROUP BY c.agent_id`,
  ).all(r.fromIso, r.toIso) as { id: string; satSum: number; satN: number }[];
  for (const b of rated) {
    const f = of(b.id);
    f.satSum += b.satSum * 20;
    f.satN += b.satN;
  }

  // Voided reviews (a fatal item failed) are stored with score 0, so the plain average counts them as 0.
  const reviews = stmt(
    db,
    `SELECT agent_id AS id, count(*) AS n, avg(score) AS avg, coalesce(sum(voided), 0) AS fatal
     FROM qa_reviews WHERE month IN (SELECT value FROM json_each(?)) GROUP BY agent_id`,
  ).all(JSON.stringify(r.months)) as { id: string; n: number; avg: number; fatal: number }[];
  for (const q of reviews) {
    const f = of(q.id);
    f.qaReviews = q.n;
    f.qaAverage = Math.round(q.avg * 10) / 10;
    f.fatalErrors = q.fatal;
  }

  const figures = new Map<string, CountedFigures>();
  for (const [id, { satSum, satN, ...f }] of out) {
    figures.set(id, { ...f, satisfactionAverage: satN > 0 ? Math.round((satSum / satN) * 10) / 10 : null });
  }
  return figures;
}
