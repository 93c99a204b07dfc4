import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  CallbackFigures,
  CallFigures,
  ComplaintFigures,
  DailyPoint,
  DeadlineFigure,
  DurationFigure,
  KeyAccountEntry,
  PeriodFigures,
} from '../../../shared/api/bulletinTypes';
import { type PeriodBounds, periodDays } from '../../../shared/domain/bulletinPeriods';
import { CALL_CATEGORIES } from '../../../shared/domain/callRecord';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, SEVERITIES } from '../../../shared/domain/complaint';
import type { DeadlineRules } from '../../../shared/domain/deadlines';
import { stmt } from './stmt';

/**
 * The figures of the monthly bulletin and the quarterly report (docs/reports.md defines each in the words
 * the bulletin prints). Every figure is a GROUP BY over an index range of the period, [from, to) in
 * Beijing time; the days of the charts come out of the same pass (grouped by the Beijing day of the
 * instant), so the daily points add up to the period's totals. Instants compare by value where two
 * columns meet (unixepoch), because a time typed with an offset is kept as typed.
 */

const secs = (col: string) => `unixepoch(${col}, 'subsec')`;
/** The Beijing day of an instant (SQLite reads the offset or Z of the stored time). */
const beijingDay = (col: string) => `date(${col}, '+8 hours')`;

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const add = <K extends string>(into: Record<K, number>, key: string, n: number) => {
  if (key in into) into[key as K] += n;
};

export function deadlineFigure(onTime: number, late: number, open: number, pending: number): DeadlineFigure {
  return { due: onTime + late + open + pending, onTime, late, open, pending, ratePercent: rate(onTime, onTime + late + open) };
}

/**
 * The 90th percentile by the nearest rank: the ⌈0.9 n⌉-th smallest value. `sql` selects one column `d`
 * (whole milliseconds) over the period's rows, ordered; SQLite sorts them (no row reaches JavaScript but the one).
 */
function p90Ms(db: Database.Database, sql: string, args: unknown[], n: number): number | null {
  if (n === 0) return null;
  const row = stmt(db, `${sql} LIMIT 1 OFFSET ?`).get(...args, Math.ceil(0.9 * n) - 1) as { d: number } | undefined;
  return row ? oneDecimal(row.d / 1000) : null;
}

function duration(db: Database.Database, n: number, sumMs: number, sql: string, args: unknown[]): DurationFigure {
  return { count: n, avgSec: n ? oneDecimal(sumMs / n / 1000) : null, p90Sec: p90Ms(db, sql, args, n) };
}

type Daily = Map<string, DailyPoint>;

/**
 * The indexes of migration 014 are named: with a store's statistics SQLite sometimes preferred a skip-scan
 * of the agent index for one month and not the next (0.3 s instead of 0.06 s per read of a month's calls).
 */
const CALLS = 'call_records INDEXED BY call_records_figures';
const RECEIVED = 'complaints INDEXED BY complaints_figures';
const COMPLETED = 'complaints INDEXED BY complaints_handling';
const REPLY_DUE = 'complaints INDEXED BY complaints_reply_due';
const CALLS_WHERE = 'answered_at >= ? AND answered_at < ? AND voided = 0';
/**
 * Rang → answered in whole milliseconds. Spelled exactly as indexed (migration 014, call_records_figures),
 * so SQLite reads the value from the index instead of parsing both times of every call.
 */
export const RESPONSE_MS = "CAST(round((unixepoch(answered_at, 'subsec') - unixepoch(rang_at, 'subsec')) * 1000) AS INTEGER)";

/** Calls answered in the period (not voided): by category, late, on the spot, response time; and per day. */
function callFigures(db: Database.Database, p: PeriodBounds, daily: Daily | null): CallFigures {
  const rows = stmt(
    db,
    `SELECT ${beijingDay('answered_at')} AS day, coalesce(category, 'none') AS category, count(*) AS n,
       sum(answered_late) AS late, sum(answered_on_spot = 1) AS onSpot, sum(${RESPONSE_MS}) AS response
     FROM ${CALLS} WHERE ${CALLS_WHERE} GROUP BY day, category`,
  ).all(p.from, p.to) as { day: string; category: string; n: number; late: number; onSpot: number; response: number }[];
  const byCategory = zeros([...CALL_CATEGORIES, 'none'] as const);
  let total = 0;
  let late = 0;
  let onSpot = 0;
  let response = 0;
  for (const r of rows) {
    add(byCategory, r.category, r.n);
    total += r.n;
    late += r.late;
    onSpot += r.onSpot;
    response += r.response;
    const point = daily?.get(r.day);
    if (point) point.calls += r.n;
  }
  return {
    total,
    byCategory,
    answeredLate: late,
    answeredOnSpot: onSpot,
    onSpotRatePercent: rate(onSpot, total),
    response: duration(db, total, response, `SELECT ${RESPONSE_MS} AS d FROM ${CALLS} WHERE ${CALLS_WHERE} ORDER BY d`, [p.from, p.to]),
  };
}

/** A complaint's escalation clock is met by its escalation or, failing that, its assignment (shared/domain/deadlines.ts). */
const PASSED_ON = 'coalesce(escalated_at, assigned_at)';

interface ReceivedRow {
  day: string;
  severity: string;
  type: string;
  channel: string;
  n: number;
  escOnTime: number;
  escLate: number;
  escOpen: number;
  repOnTime: number;
  repLate: number;
  repOpen: number;
}

/**
 * Complaints received in the period (not voided) by severity, type and channel, with their escalation
 * and major-report clocks, in one pass; `nowIso` decides whether a clock not yet met has run out.
 */
function receivedFigures(db: Database.Database, p: PeriodBounds, rules: DeadlineRules, nowIso: string, daily: Daily | null) {
  const esc = rules.escalateMinutes * 60;
  const rep = rules.reportHours * 3600;
  const now = Date.parse(nowIso) / 1000;
  const rows = stmt(
    db,
    `SELECT ${beijingDay('received_at')} AS day, severity, type, channel, count(*) AS n,
       sum(${PASSED_ON} IS NOT NULL AND ${secs(PASSED_ON)} <= ${secs('received_at')} + @esc) AS escOnTime,
       sum(${PASSED_ON} IS NOT NULL AND ${secs(PASSED_ON)} > ${secs('received_at')} + @esc) AS escLate,
       sum(${PASSED_ON} IS NULL AND ${secs('received_at')} + @esc < @now) AS escOpen,
       sum(severity != 'general' AND reported_at IS NOT NULL AND ${secs('reported_at')} <= ${secs('received_at')} + @rep) AS repOnTime,
       sum(severity != 'general' AND reported_at IS NOT NULL AND ${secs('reported_at')} > ${secs('received_at')} + @rep) AS repLate,
       sum(severity != 'general' AND reported_at IS NULL AND ${secs('received_at')} + @rep < @now) AS repOpen
     FROM ${RECEIVED} WHERE received_at >= @from AND received_at < @to AND status != 'voided' GROUP BY day, severity, type, channel`,
  ).all({ from: p.from, to: p.to, esc, rep, now }) as ReceivedRow[];
  const bySeverity = zeros(SEVERITIES);
  const byType = zeros(COMPLAINT_TYPES);
  const byChannel = zeros(COMPLAINT_CHANNELS);
  const e = { total: 0, onTime: 0, late: 0, open: 0 };
  const m = { total: 0, onTime: 0, late: 0, open: 0 };
  let total = 0;
  for (const r of rows) {
    total += r.n;
    add(bySeverity, r.severity, r.n);
    add(byType, r.type, r.n);
    add(byChannel, r.channel, r.n);
    e.total += r.n;
    e.onTime += r.escOnTime;
    e.late += r.escLate;
    e.open += r.escOpen;
    if (r.severity !== 'general') {
      m.total += r.n;
      m.onTime += r.repOnTime;
      m.late += r.repLate;
      m.open += r.repOpen;
    }
    const point = daily?.get(r.day);
    if (point) point.complaints += r.n;
  }
  const clock = (c: typeof e) => deadlineFigure(c.onTime, c.late, c.open, c.total - c.onTime - c.late - c.open);
  return { total, bySeverity, byType, byChannel, escalations: clock(e), majorReports: clock(m) };
}

const COMPLETED_WHERE = "completed_at >= ? AND completed_at < ? AND status != 'voided'";
/** Received → completed in whole milliseconds, spelled as indexed (migration 014, complaints_handling). */
export const HANDLING_MS = "CAST(round((unixepoch(completed_at, 'subsec') - unixepoch(received_at, 'subsec')) * 1000) AS INTEGER)";
const REPLY_DUE_WHERE = "agreed_reply_by >= @from AND agreed_reply_by < @to AND status != 'voided'";

/** Handling time of the complaints completed in the period, and the reply deadlines that fell in it (with the days of the chart). */
function completionFigures(db: Database.Database, p: PeriodBounds, nowIso: string, daily: Daily | null): Pick<ComplaintFigures, 'handling' | 'completion'> {
  const h = stmt(db, `SELECT count(*) AS n, total(${HANDLING_MS}) AS sum FROM ${COMPLETED} WHERE ${COMPLETED_WHERE}`).get(p.from, p.to) as { n: number; sum: number };
  const rows = stmt(
    db,
    `SELECT ${beijingDay('agreed_reply_by')} AS day,
       sum(completed_at IS NOT NULL AND ${secs('completed_at')} <= ${secs('agreed_reply_by')}) AS met,
       sum(completed_at IS NOT NULL AND ${secs('completed_at')} > ${secs('agreed_reply_by')}) AS late,
       sum(completed_at IS NULL AND ${secs('agreed_reply_by')} < @now) AS open,
       sum(completed_at IS NULL AND ${secs('agreed_reply_by')} >= @now) AS pending
     FROM ${REPLY_DUE} WHERE ${REPLY_DUE_WHERE} GROUP BY day`,
  ).all({ from: p.from, to: p.to, now: Date.parse(nowIso) / 1000 }) as { day: string; met: number; late: number; open: number; pending: number }[];
  const c = { met: 0, late: 0, open: 0, pending: 0 };
  for (const r of rows) {
    c.met += r.met;
    c.late += r.late;
    c.open += r.open;
    c.pending += r.pending;
    const point = daily?.get(r.day);
    if (point) {
      point.deadlinesDue += r.met + r.late + r.open + r.pending;
      point.deadlinesMet += r.met;
    }
  }
  return {
    handling: duration(db, h.n, h.sum, `SELECT ${HANDLING_MS} AS d FROM ${COMPLETED} WHERE ${COMPLETED_WHERE} ORDER BY d`, [p.from, p.to]),
    completion: deadlineFigure(c.met, c.late, c.open, c.pending),
  };
}

/**
 * Callbacks due in the period (not cancelled) and how they stand; satisfaction from the callbacks done in
 * the period. The status list lets the (status, due_at) index serve the range.
 */
function callbackFigures(db: Database.Database, p: PeriodBounds, nowIso: string, daily: Daily | null): CallbackFigures {
  const d = stmt(
    db,
    `SELECT count(*) AS due,
       sum(status IN ('done','unreachable') AND ${secs('done_at')} <= ${secs('due_at')}) AS onTime,
       sum(status IN ('done','unreachable') AND ${secs('done_at')} > ${secs('due_at')}) AS late,
       sum(status = 'open' AND ${secs('due_at')} < @now) AS overdue
     FROM callbacks WHERE status IN ('open','done','unreachable') AND due_at >= @from AND due_at < @to`,
  ).get({ from: p.from, to: p.to, now: Date.parse(nowIso) / 1000 }) as { due: number; onTime: number | null; late: number | null; overdue: number | null };
  const satisfaction = { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 };
  const rows = stmt(
    db,
    `SELECT ${beijingDay('done_at')} AS day, satisfaction AS s, count(*) AS n FROM callbacks
     WHERE status = 'done' AND done_at >= ? AND done_at < ? AND satisfaction IS NOT NULL GROUP BY day, s`,
  ).all(p.from, p.to) as { day: string; s: string; n: number }[];
  for (const r of rows) {
    if (!(r.s in satisfaction)) continue;
    add(satisfaction, r.s, r.n);
    const point = daily?.get(r.day);
    if (point) {
      if (r.s === 'satisfied') point.satisfied += r.n;
      else if (r.s === 'fairly_satisfied') point.fairlySatisfied += r.n;
      else point.unsatisfied += r.n;
    }
  }
  const answers = satisfaction.satisfied + satisfaction.fairly_satisfied + satisfaction.unsatisfied;
  const onTime = d.onTime ?? 0;
  const late = d.late ?? 0;
  const overdue = d.overdue ?? 0;
  return {
    due: d.due,
    doneOnTime: onTime,
    doneLate: late,
    overdue,
    pending: d.due - onTime - late - overdue,
    satisfaction,
    satisfiedRatePercent: rate(satisfaction.satisfied + satisfaction.fairly_satisfied, answers),
  };
}

/** QA reviews of the period's months (a red line voids a review: it counts as fatal, not in the average) and their findings. */
function qaFigures(db: Database.Database, months: string[], nowIso: string): PeriodFigures['qa'] {
  const list = JSON.stringify(months);
  const r = stmt(
    db,
    `SELECT count(*) AS n, avg(CASE WHEN voided = 0 THEN score END) AS avg, sum(voided) AS fatal
     FROM qa_reviews WHERE month IN (SELECT value FROM json_each(?))`,
  ).get(list) as { n: number; avg: number | null; fatal: number | null };
  const f = stmt(
    db,
    `SELECT sum(status NOT IN ('closed','withdrawn')) AS open, sum(status = 'open' AND due_at < ?) AS overdue
     FROM qa_findings WHERE month IN (SELECT value FROM json_each(?))`,
  ).get(nowIso, list) as { open: number | null; overdue: number | null };
  return { reviews: r.n, averageScore: oneDecimal(r.avg), fatal: r.fatal ?? 0, findingsOpen: f.open ?? 0, findingsOverdue: f.overdue ?? 0 };
}

export interface FiguresInput {
  period: PeriodBounds;
  rules: DeadlineRules;
  now: Date;
  /** The chart's days are filled when given (the current period only). */
  daily: DailyPoint[] | null;
  attendance: PeriodFigures['attendance'];
}

/** Every figure of one period but attendance, which the caller derives from the attendance store (its rules live there). */
export function periodFigures(db: Database.Database, i: FiguresInput): PeriodFigures {
  const nowIso = i.now.toISOString();
  const daily: Daily | null = i.daily ? new Map(i.daily.map((d) => [d.day, d])) : null;
  const calls = callFigures(db, i.period, daily);
  const received = receivedFigures(db, i.period, i.rules, nowIso, daily);
  const done = completionFigures(db, i.period, nowIso, daily);
  return {
    periodKey: i.period.key,
    from: i.period.from,
    to: i.period.to,
    calls,
    complaints: { total: received.total, bySeverity: received.bySeverity, byType: received.byType, byChannel: received.byChannel, ...done },
    callbacks: callbackFigures(db, i.period, nowIso, daily),
    escalations: received.escalations,
    majorReports: received.majorReports,
    qa: qaFigures(db, i.period.months, nowIso),
    attendance: i.attendance,
  };
}

export function emptyDaily(p: PeriodBounds): DailyPoint[] {
  return periodDays(p).map((day) => ({ day, calls: 0, complaints: 0, satisfied: 0, fairlySatisfied: 0, unsatisfied: 0, deadlinesDue: 0, deadlinesMet: 0 }));
}

export const KEY_ACCOUNT_ENTRIES_MAX = 200;
/** Each entry's text is cut here: a published version's figures stay within the mutation's size cap. */
export const KEY_ACCOUNT_TEXT_MAX = 300;

/**
 * What the period's records of key accounts say: calls (content) and complaints (problem) of customers
 * marked key accounts, newest first. Confidential records are left out: the published bulletin is read
 * by every role and sent outside the centre. Driven from the key accounts (a few in a hundred customers)
 * through the calls' and complaints' customer indexes, not from the period's calls.
 */
export function keyAccountEntries(db: Database.Database, p: PeriodBounds): { entries: KeyAccountEntry[]; total: number } {
  const rows = stmt(
    db,
    `WITH k AS MATERIALIZED (SELECT id, name FROM customers WHERE key_account = 1),
     e AS (
       SELECT 'call' AS kind, r.id, r.customer_id AS customerId, r.record_no AS recordNo, r.answered_at AS at, k.name AS customerName, r.organisation, r.content AS text
       FROM k CROSS JOIN call_records r ON r.customer_id = k.id AND r.answered_at >= @from AND r.answered_at < @to
       WHERE r.voided = 0 AND r.confidential = 0
       UNION ALL
       SELECT 'complaint', x.id, x.customer_id, x.complaint_no, x.received_at, k.name, x.organisation, x.problem
       FROM k CROSS JOIN complaints x ON x.customer_id = k.id
       WHERE x.received_at >= @from AND x.received_at < @to AND x.status != 'voided' AND x.confidential = 0)
     SELECT kind, id, customerId, recordNo, at, customerName, organisation, substr(text, 1, ${KEY_ACCOUNT_TEXT_MAX}) AS text, count(*) OVER () AS total
     FROM e ORDER BY at DESC, id LIMIT ${KEY_ACCOUNT_ENTRIES_MAX}`,
  ).all({ from: p.from, to: p.to }) as (KeyAccountEntry & { total: number })[];
  return { entries: rows.map(({ total: _t, ...e }) => e), total: rows[0]?.total ?? 0 };
}
