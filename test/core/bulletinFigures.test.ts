import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinView, PeriodFigures } from '../../shared/api/bulletinTypes';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { HANDLING_MS, RESPONSE_MS } from '../../electron/core/store/bulletinFigures';
import { openTestConsole, type TestConsole, TestClock, tmpDir } from '../helpers/core';

/**
 * Every figure of the November 2026 bulletin against a plain SQL count written here, on a demo store made
 * through the real core (calls, complaints in every state, callbacks, last month's QA and attendance),
 * plus records put on the month's edges through the API: 23:59:59 on 30 November (Beijing) is
 * November's, 00:00:00 on 1 December is not; 00:00:00 on 1 November is November's, a millisecond before
 * is October's. The bounds below are written out by hand, inclusive (BETWEEN … '.999Z'), unlike the
 * core's half-open ranges.
 */
const NOW = Date.parse('2026-12-09T06:00:00.000Z');
const NOV = { key: '2026-11', first: '2026-10-31T16:00:00.000Z', last: '2026-11-30T15:59:59.999Z' };
const OCT = { key: '2026-10', first: '2026-09-30T16:00:00.000Z', last: '2026-10-31T15:59:59.999Z' };
const NOV_2025 = { key: '2025-11', first: '2025-10-31T16:00:00.000Z', last: '2025-11-30T15:59:59.999Z' };
type Bounds = typeof NOV;

let c: TestConsole;
let v: BulletinView;
const edge: Record<string, string> = {};

const db = () => c.core.context.db;
const n = (sql: string, ...args: unknown[]) => (db().prepare(sql).pluck().get(...args) as number | null) ?? 0;
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Durations in whole milliseconds, shown in seconds to 0.1; the 90th percentile by nearest rank: the ⌈0.9 n⌉-th smallest. */
const p90 = (ms: number[]) => (ms.length ? round1([...ms].sort((a, b) => a - b)[Math.ceil(0.9 * ms.length) - 1]! / 1000) : null);
const avgMs = (ms: number[]) => (ms.length ? round1(ms.reduce((s, x) => s + x, 0) / ms.length / 1000) : null);
const avg = (xs: number[]) => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const secs = (iso: string) => Date.parse(iso) / 1000;

async function at(iso: string, user: string) {
  c.clock.t = Date.parse(iso);
  await c.login(user, DEMO_PASSWORD);
}

beforeAll(async () => {
  const dir = tmpDir('hd-bulletin-');
  await seedDemo({ dataDir: dir, customers: 120, calls: 500, complaints: 90, days: 70, seed: 16, now: NOW });
  c = openTestConsole(dir, new TestClock(NOW));
  const key = db().prepare('SELECT id FROM customers WHERE key_account = 1 LIMIT 1').pluck().get() as string;
  // The month's edges, through the API: calls answered (20 s after the ring), complaints received.
  for (const [name, iso] of [
    ['lastSecond', '2026-11-30T15:59:59.000Z'],
    ['nextMonth', '2026-11-30T16:00:00.000Z'],
    ['firstInstant', '2026-10-31T16:00:00.000Z'],
    ['octoberLast', '2026-10-31T15:59:59.999Z'],
  ] as const) {
    await at(iso, 'agent');
    const rang = new Date(Date.parse(iso) - 20_000).toISOString();
    edge[`call.${name}`] = (await c.ok('calls.answer', { phone: '13905710000', rangAt: rang, customerId: key })).id;
    const k = await c.ok('complaints.register', { channel: 'visit', complainant: '周丽', phone: '13905710000', problem: `边界投诉 ${name}`, type: 'fee', severity: 'general', customerId: key });
    edge[`complaint.${name}`] = k.id;
  }
  await at(new Date(NOW).toISOString(), 'lead');
  v = await c.ok('bulletin.get', { kind: 'monthly', periodKey: NOV.key });
}, 180_000);
afterAll(() => c?.close());

/** The figures of a month as counted here, independently of the core's queries. */
function expected(b: Bounds): Omit<PeriodFigures, 'attendance' | 'from' | 'to' | 'periodKey'> {
  const nowS = NOW / 1000;
  const callW = `answered_at BETWEEN '${b.first}' AND '${b.last}' AND voided = 0`;
  const calls = db().prepare(`SELECT rang_at AS rang, answered_at AS answered FROM call_records WHERE ${callW}`).all() as { rang: string; answered: string }[];
  const byCategory = Object.fromEntries(
    ['consultation', 'query', 'complaint', 'suggestion', 'other'].map((k) => [k, n(`SELECT count(*) FROM call_records WHERE ${callW} AND category = ?`, k)]),
  );
  byCategory.none = n(`SELECT count(*) FROM call_records WHERE ${callW} AND category IS NULL`);
  const total = n(`SELECT count(*) FROM call_records WHERE ${callW}`);
  const onSpot = n(`SELECT count(*) FROM call_records WHERE ${callW} AND answered_on_spot = 1`);
  const response = calls.map((r) => Date.parse(r.answered) - Date.parse(r.rang));

  const kW = `received_at BETWEEN '${b.first}' AND '${b.last}' AND status != 'voided'`;
  const by = (col: string, keys: string[]) => Object.fromEntries(keys.map((k) => [k, n(`SELECT count(*) FROM complaints WHERE ${kW} AND ${col} = ?`, k)]));
  const completed = db()
    .prepare(`SELECT received_at AS r, completed_at AS d FROM complaints WHERE completed_at BETWEEN '${b.first}' AND '${b.last}' AND status != 'voided'`)
    .all() as { r: string; d: string }[];
  const handling = completed.map((x) => Date.parse(x.d) - Date.parse(x.r));
  const replies = db()
    .prepare(`SELECT agreed_reply_by AS due, completed_at AS done FROM complaints WHERE agreed_reply_by BETWEEN '${b.first}' AND '${b.last}' AND status != 'voided'`)
    .all() as { due: string; done: string | null }[];
  const clock = (rows: { due: number; done: string | null }[]) => {
    const onTime = rows.filter((r) => r.done && secs(r.done) <= r.due).length;
    const late = rows.filter((r) => r.done && secs(r.done) > r.due).length;
    const open = rows.filter((r) => !r.done && r.due < nowS).length;
    const pending = rows.length - onTime - late - open;
    return { due: rows.length, onTime, late, open, pending, ratePercent: rate(onTime, onTime + late + open) };
  };
  const received = db().prepare(`SELECT received_at AS r, severity, escalated_at AS e, assigned_at AS a, reported_at AS rep FROM complaints WHERE ${kW}`).all() as {
    r: string;
    severity: string;
    e: string | null;
    a: string | null;
    rep: string | null;
  }[];
  const cbW = `due_at BETWEEN '${b.first}' AND '${b.last}' AND status != 'cancelled'`;
  const doneW = `status = 'done' AND done_at BETWEEN '${b.first}' AND '${b.last}'`;
  const sat = (s: string) => n(`SELECT count(*) FROM callbacks WHERE ${doneW} AND satisfaction = ?`, s);
  const satisfaction = { satisfied: sat('satisfied'), fairly_satisfied: sat('fairly_satisfied'), unsatisfied: sat('unsatisfied') };
  const cbDone = db().prepare(`SELECT due_at AS due, done_at AS done FROM callbacks WHERE ${cbW} AND status IN ('done', 'unreachable')`).all() as { due: string; done: string }[];
  const cbOnTime = cbDone.filter((x) => secs(x.done) <= secs(x.due)).length;
  const cbDue = n(`SELECT count(*) FROM callbacks WHERE ${cbW}`);
  const cbOverdue = n(`SELECT count(*) FROM callbacks WHERE ${cbW} AND status = 'open' AND due_at < ?`, new Date(NOW).toISOString());
  const answers = satisfaction.satisfied + satisfaction.fairly_satisfied + satisfaction.unsatisfied;
  const scores = db().prepare(`SELECT score FROM qa_reviews WHERE month = ? AND voided = 0`).pluck().all(b.key) as number[];
  return {
    calls: {
      total,
      byCategory: byCategory as PeriodFigures['calls']['byCategory'],
      answeredLate: n(`SELECT count(*) FROM call_records WHERE ${callW} AND answered_late = 1`),
      answeredOnSpot: onSpot,
      onSpotRatePercent: rate(onSpot, total),
      response: { count: total, avgSec: avgMs(response), p90Sec: p90(response) },
    },
    complaints: {
      total: n(`SELECT count(*) FROM complaints WHERE ${kW}`),
      bySeverity: by('severity', ['general', 'major', 'crisis']) as PeriodFigures['complaints']['bySeverity'],
      byType: by('type', ['result_doubt', 'attitude', 'timeliness', 'fee', 'other']) as PeriodFigures['complaints']['byType'],
      byChannel: by('channel', ['phone', 'visit', 'fax', 'letter', 'email', 'online', 'other']) as PeriodFigures['complaints']['byChannel'],
      handling: { count: completed.length, avgSec: avgMs(handling), p90Sec: p90(handling) },
      completion: clock(replies.map((r) => ({ due: secs(r.due), done: r.done }))),
    },
    callbacks: {
      due: cbDue,
      doneOnTime: cbOnTime,
      doneLate: cbDone.length - cbOnTime,
      overdue: cbOverdue,
      pending: cbDue - cbDone.length - cbOverdue,
      satisfaction,
      satisfiedRatePercent: rate(satisfaction.satisfied + satisfaction.fairly_satisfied, answers),
    },
    // Escalation: 15 minutes; a major report: 24 hours (the default rules).
    escalations: clock(received.map((k) => ({ due: secs(k.r) + 15 * 60, done: k.e ?? k.a }))),
    majorReports: clock(received.filter((k) => k.severity !== 'general').map((k) => ({ due: secs(k.r) + 24 * 3600, done: k.rep }))),
    qa: {
      reviews: n('SELECT count(*) FROM qa_reviews WHERE month = ?', b.key),
      averageScore: avg(scores),
      fatal: n('SELECT count(*) FROM qa_reviews WHERE month = ? AND voided = 1', b.key),
      findingsOpen: n("SELECT count(*) FROM qa_findings WHERE month = ? AND status IN ('open', 'reported', 'appealed')", b.key),
      findingsOverdue: n("SELECT count(*) FROM qa_findings WHERE month = ? AND status = 'open' AND due_at < ?", b.key, new Date(NOW).toISOString()),
    },
  };
}

describe('the monthly bulletin’s figures against plain SQL', () => {
  it('has a month with hundreds of records in every part', () => {
    const f = v.figures.current;
    expect(f.calls.total).toBeGreaterThan(200);
    expect(f.complaints.total).toBeGreaterThan(20);
    expect(f.complaints.completion.due).toBeGreaterThan(5);
    expect(f.callbacks.due).toBeGreaterThan(5);
    expect(f.qa.reviews).toBeGreaterThan(0);
    expect(f.attendance.people).toBeGreaterThan(0);
    expect(v.figures.previous.calls.total).toBeGreaterThan(50);
  });

  it.each([
    ['this month', () => v.figures.current, NOV],
    ['the month before', () => v.figures.previous, OCT],
    ['the same month last year', () => v.figures.lastYear, NOV_2025],
  ] as const)('%s: every figure equals its count', (_name, pick, b) => {
    const { attendance: _a, from, to, periodKey, ...figures } = pick();
    expect(periodKey).toBe(b.key);
    expect(from).toBe(b.first);
    expect(Date.parse(to)).toBe(Date.parse(b.last) + 1);
    expect(figures).toEqual(expected(b));
  });

  it('counts the record at 23:59:59 on the last day and the one at 00:00:00 on the first, and neither neighbour', () => {
    const inMonth = (id: string, table: string, col: string) => n(`SELECT count(*) FROM ${table} WHERE id = ? AND ${col} BETWEEN '${NOV.first}' AND '${NOV.last}'`, id);
    expect(inMonth(edge['call.lastSecond']!, 'call_records', 'answered_at')).toBe(1);
    expect(inMonth(edge['call.firstInstant']!, 'call_records', 'answered_at')).toBe(1);
    expect(inMonth(edge['call.nextMonth']!, 'call_records', 'answered_at')).toBe(0);
    expect(inMonth(edge['call.octoberLast']!, 'call_records', 'answered_at')).toBe(0);
    const nov30 = v.figures.daily.find((d) => d.day === '2026-11-30')!;
    const dec1Calls = n("SELECT count(*) FROM call_records WHERE answered_at BETWEEN '2026-11-29T16:00:00.000Z' AND '2026-11-30T15:59:59.999Z' AND voided = 0");
    expect(nov30.calls).toBe(dec1Calls);
    expect(v.figures.daily.map((d) => d.day)).toHaveLength(30);
    expect(v.figures.daily[0]!.day).toBe('2026-11-01');
    // The edge complaints came by visit, about fees: each month has exactly its own.
    expect(v.figures.current.complaints.byChannel.visit).toBe(n(`SELECT count(*) FROM complaints WHERE channel = 'visit' AND received_at BETWEEN '${NOV.first}' AND '${NOV.last}' AND status != 'voided'`));
    const keyIds = v.figures.keyAccounts.map((e) => e.id);
    expect(keyIds).toEqual(expect.arrayContaining([edge['call.lastSecond'], edge['call.firstInstant'], edge['complaint.lastSecond'], edge['complaint.firstInstant']]));
    expect(keyIds).not.toContain(edge['call.nextMonth']);
    expect(keyIds).not.toContain(edge['complaint.octoberLast']);
  });

  it('the chart’s days add up to the month', () => {
    const sum = (k: 'calls' | 'complaints' | 'satisfied' | 'fairlySatisfied' | 'unsatisfied' | 'deadlinesDue' | 'deadlinesMet') => v.figures.daily.reduce((s, d) => s + d[k], 0);
    const f = v.figures.current;
    expect(sum('calls')).toBe(f.calls.total);
    expect(sum('complaints')).toBe(f.complaints.total);
    expect(sum('satisfied')).toBe(f.callbacks.satisfaction.satisfied);
    expect(sum('fairlySatisfied')).toBe(f.callbacks.satisfaction.fairly_satisfied);
    expect(sum('unsatisfied')).toBe(f.callbacks.satisfaction.unsatisfied);
    expect(sum('deadlinesDue')).toBe(f.complaints.completion.due);
    expect(sum('deadlinesMet')).toBe(f.complaints.completion.onTime);
  });

  it('key accounts: every call and complaint of a key-account customer in the month, not confidential', () => {
    const w = `c.key_account = 1 AND x.customer_id = c.id`;
    const total =
      n(`SELECT count(*) FROM call_records x, customers c WHERE ${w} AND x.answered_at BETWEEN '${NOV.first}' AND '${NOV.last}' AND x.voided = 0 AND x.confidential = 0`) +
      n(`SELECT count(*) FROM complaints x, customers c WHERE ${w} AND x.received_at BETWEEN '${NOV.first}' AND '${NOV.last}' AND x.status != 'voided' AND x.confidential = 0`);
    expect(v.figures.keyAccountsTotal).toBe(total);
    expect(v.figures.keyAccounts).toHaveLength(Math.min(total, 200));
  });

  it('spells the durations as migration 014 indexed them, so SQLite reads them from the index', () => {
    const flat = (sql: string) => sql.replace(/\s+/g, ' ').replace(/\( /g, '(');
    const index = (name: string) => flat(db().prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name) as string);
    expect(index('call_records_figures')).toContain(flat(RESPONSE_MS));
    expect(index('complaints_handling')).toContain(flat(HANDLING_MS));
  });

  it('attendance: the month as 考勤 reckons it', async () => {
    const team = await c.ok('attendance.team', { month: NOV.key });
    const rated = team.filter((m) => m.dueDays > 0 && m.rate !== null);
    expect(v.figures.current.attendance).toEqual({
      people: rated.length,
      averageRatePercent: avg(rated.map((m) => m.rate!)),
      flagged: rated.filter((m) => m.flag === 'low').length,
      commended: rated.filter((m) => m.flag === 'commended').length,
    });
  });
});
