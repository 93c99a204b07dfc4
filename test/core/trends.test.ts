import { afterEach, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import type { ParamsOf } from '../../shared/api/contract';
import type { BoardTrends, TrendPoint } from '../../shared/api/trendsTypes';
import type { CallbackOutcome, CallbackResult } from '../../shared/domain/callback';
import { SEVERITIES, type Severity } from '../../shared/domain/complaint';
import { openTestConsole, PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';

/**
 * The board's trends: every point equals the total of the list its click opens (the params below are the
 * ones the renderer sends: TrendsCard → #/records?…, #/callbacks?…, the tracking sheet's preset), and a
 * record at 23:59:59 Beijing on a month's last day counts in that day and month.
 */

let c: TestConsole;
afterEach(() => c?.close());

const NOW = '2026-11-23T02:00:00.000Z'; // Beijing 2026-11-23 10:00
const LAST_SECOND_OF_OCTOBER = '2026-10-31T15:59:59.000Z'; // Beijing 10-31 23:59:59
const FIRST_SECOND_OF_NOVEMBER = '2026-10-31T16:00:00.000Z'; // Beijing 11-01 00:00:00

/** Who does what: the seeded console's people, or the demo's in the bulk store. */
let cast = { agent: 'agent1', handler: 'agent2', handlerName: '赵建国', password: PASSWORD };

async function at(iso: string, user = cast.agent) {
  c.clock.t = Date.parse(iso);
  await c.login(user, cast.password); // sessions expire over the jumps between days
}

async function takeCall(when: string, score: number | null, voided = false) {
  await at(when);
  const call = await c.ok('calls.answer', { phone: '13912345678' });
  await c.ok('calls.save', { id: call.id, fields: { content: '询问检测进度', category: 'query', ...(score ? { satisfaction: score } : {}) }, end: true });
  if (voided) await c.ok('calls.void', { id: call.id, reason: '误录' });
}

/** Registered by agent1 at `when`; completed (assigned by the lead, result recorded by agent2) at `completedAt`. */
async function complaint(when: string, severity: Severity, agreedReplyBy: string | null, completedAt?: string, voided = false) {
  await at(when);
  const k = await c.ok('complaints.register', {
    channel: 'phone',
    complainant: '周丽',
    phone: '13800138000',
    problem: '对检测结果有疑问',
    type: 'result_doubt',
    severity,
    ...(agreedReplyBy ? { agreedReplyBy } : {}),
    // A major or crisis complaint is registered with the customer soothed and the department head told.
    ...(severity === 'general' ? {} : { soothed: true, headNotifiedTo: '孙部长', headNotifiedAt: when }),
  });
  if (voided) {
    await at(when, 'lead');
    await c.ok('complaints.transition', { id: k.id, step: { action: 'void', reason: '重复登记' } });
  }
  if (completedAt) {
    await at(completedAt, 'lead');
    const handler = (await c.ok('users.directory', {})).find((u) => u.displayName === cast.handlerName)!.id;
    await c.ok('complaints.transition', { id: k.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: handler, handlerName: cast.handlerName } });
    await at(completedAt, cast.handler);
    await c.ok('complaints.transition', { id: k.id, step: { action: 'recordResult', investigation: '复核原始记录', result: '结果无误', replyToCustomer: '已电话解释' } });
  }
}

const outcome = (satisfaction: CallbackResult): CallbackOutcome => ({
  satisfaction,
  score: null,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remainingProblems: satisfaction === 'unsatisfied' ? '报告仍未寄到' : '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
});

/** A promised callback made by the lead an hour before `doneAt`, reached by the officer at `doneAt`. */
async function callbackDone(doneAt: string, satisfaction: CallbackResult | null) {
  await at(new Date(Date.parse(doneAt) - 3600_000).toISOString(), 'lead');
  const cb = await c.ok('callbacks.create', { kind: 'promised', dueAt: doneAt, phone: '13800138000' });
  await at(doneAt, 'officer');
  if (satisfaction) await c.ok('callbacks.complete', { id: cb.id, outcome: outcome(satisfaction) });
  else {
    await at(doneAt, 'lead');
    await c.ok('callbacks.cancel', { id: cb.id, reason: '客户已自行处理' });
  }
}

/** The lists a point opens, as the renderer asks for them. */
const list = {
  rated: (p: TrendPoint): ParamsOf<'calls.list'> => ({ from: p.from, to: p.to, includeVoided: false, rated: true, limit: 50, offset: 0 }),
  callbacks: (p: TrendPoint, s: CallbackResult): ParamsOf<'callbacks.queue'> => ({ scope: 'all', status: 'done', doneFrom: p.from, doneTo: p.to, satisfaction: s, limit: 50, offset: 0 }),
  complaints: (p: TrendPoint, s: Severity): ParamsOf<'tracking.query'> => ({ from: p.from, to: p.to, severity: [s], sort: 'receivedAt', dir: 'asc', limit: 100, offset: 0 }),
  replyDue: (p: TrendPoint, replyDue: 'met' | 'missed'): ParamsOf<'tracking.query'> => ({ replyDueFrom: p.from, replyDueTo: p.to, replyDue, sort: 'receivedAt', dir: 'asc', limit: 100, offset: 0 }),
};

/** Every point of both spans against the total of each list it opens. */
async function trendsMatchingTheirLists(): Promise<Record<'30d' | '12m', BoardTrends>> {
  const out = {} as Record<'30d' | '12m', BoardTrends>;
  for (const span of ['30d', '12m'] as const) {
    const t = await c.ok('board.trends', { span });
    for (const p of t.points) {
      expect((await c.ok('calls.list', list.rated(p))).total, `${p.key} rated calls`).toBe(p.rated.calls);
      for (const s of ['satisfied', 'fairly_satisfied', 'unsatisfied'] as const)
        expect((await c.ok('callbacks.queue', list.callbacks(p, s))).total, `${p.key} callbacks ${s}`).toBe(p.callbacks[s]);
      for (const s of SEVERITIES) expect((await c.ok('tracking.query', list.complaints(p, s))).total, `${p.key} complaints ${s}`).toBe(p.complaints[s]);
      expect((await c.ok('tracking.query', list.replyDue(p, 'met'))).total, `${p.key} reply met`).toBe(p.replyDue.met);
      expect((await c.ok('tracking.query', list.replyDue(p, 'missed'))).total, `${p.key} reply missed`).toBe(p.replyDue.missed);
    }
    out[span] = t;
  }
  return out;
}

describe('board.trends', () => {
  it('counts by Beijing day and month exactly what each point opens; 23:59:59 on the last day counts in that day and month', async () => {
    c = await seededConsole();
    // Calls: the last second of October and the first of November; outside the 12 months; a voided score.
    await takeCall('2025-11-30T15:59:59.000Z', 1); // Beijing 2025-11-30 23:59:59: before the 12 months
    await takeCall('2025-11-30T16:00:00.000Z', 2); // Beijing 2025-12-01 00:00:00: the first month's first second
    await takeCall(LAST_SECOND_OF_OCTOBER, 2);
    await takeCall(LAST_SECOND_OF_OCTOBER, null);
    await takeCall(FIRST_SECOND_OF_NOVEMBER, 4);
    await takeCall('2026-11-22T15:59:59.000Z', 5); // yesterday's last second
    await takeCall('2026-11-22T15:59:59.000Z', 1, true); // voided: not counted
    await takeCall('2026-11-23T01:00:00.000Z', 3);
    await takeCall('2026-11-23T01:30:00.000Z', 4);

    // Complaints: received at the month boundary; reply deadlines met, missed (late, or not completed and past), still due.
    await complaint(LAST_SECOND_OF_OCTOBER, 'major', '2026-11-02T08:00:00.000Z', '2026-11-01T08:00:00.000Z'); // met
    await complaint(FIRST_SECOND_OF_NOVEMBER, 'general', '2026-11-02T15:59:59.000Z', '2026-11-03T01:00:00.000Z'); // missed: late
    await complaint('2026-11-20T02:00:00.000Z', 'crisis', '2026-11-22T02:00:00.000Z'); // missed: past, not completed
    await complaint('2026-11-22T03:00:00.000Z', 'general', '2026-11-23T08:00:00.000Z'); // still due today
    await complaint('2026-11-22T04:00:00.000Z', 'general', '2026-11-23T06:00:00.000Z', undefined, true); // voided
    await complaint('2026-11-22T05:00:00.000Z', 'general', null);

    // Callbacks reached, by result; a cancelled one is not.
    await callbackDone(LAST_SECOND_OF_OCTOBER, 'satisfied');
    await callbackDone(FIRST_SECOND_OF_NOVEMBER, 'unsatisfied');
    await callbackDone('2026-11-22T10:00:00.000Z', 'fairly_satisfied');
    await callbackDone('2026-11-22T11:00:00.000Z', 'satisfied');
    await callbackDone('2026-11-22T12:00:00.000Z', null);

    await at(NOW, 'lead');
    const { '30d': days, '12m': months } = await trendsMatchingTheirLists();

    expect(days.points).toHaveLength(30);
    expect(days.points[0]).toMatchObject({ key: '2026-10-25', from: '2026-10-24T16:00:00.000Z', to: '2026-10-25T16:00:00.000Z' });
    expect(days.points.at(-1)).toMatchObject({ key: '2026-11-23', from: '2026-11-22T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    const day = (k: string) => days.points.find((p) => p.key === k)!;
    expect(day('2026-10-31')).toMatchObject({
      rated: { calls: 1, average: 2 },
      callbacks: { satisfied: 1, fairly_satisfied: 0, unsatisfied: 0 },
      complaints: { general: 0, major: 1, crisis: 0 },
    });
    expect(day('2026-11-01')).toMatchObject({ rated: { calls: 1, average: 4 }, callbacks: { unsatisfied: 1 }, complaints: { general: 1 } });
    expect(day('2026-11-02').replyDue).toEqual({ met: 1, missed: 1, rate: 50 });
    expect(day('2026-11-22')).toMatchObject({
      rated: { calls: 1, average: 5 },
      callbacks: { satisfied: 1, fairly_satisfied: 1, unsatisfied: 0 },
      complaints: { general: 2, major: 0, crisis: 0 },
      replyDue: { met: 0, missed: 1, rate: 0 },
    });
    expect(day('2026-11-23')).toMatchObject({ rated: { calls: 2, average: 3.5 }, replyDue: { met: 0, missed: 0, rate: null } });

    expect(months.points.map((p) => p.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months.points[0]).toMatchObject({ from: '2025-11-30T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z', rated: { calls: 1, average: 2 } });
    const month = (k: string) => months.points.find((p) => p.key === k)!;
    expect(month('2026-10')).toMatchObject({ to: FIRST_SECOND_OF_NOVEMBER, rated: { calls: 1, average: 2 }, callbacks: { satisfied: 1 }, complaints: { major: 1, general: 0 } });
    expect(month('2026-11')).toMatchObject({
      rated: { calls: 4, average: 4 },
      callbacks: { satisfied: 1, fairly_satisfied: 1, unsatisfied: 1 },
      complaints: { general: 3, major: 0, crisis: 1 },
      replyDue: { met: 1, missed: 2, rate: 33.3 },
    });
  });

  it('is for team leads and administrators only', async () => {
    c = await seededConsole();
    for (const user of ['agent1', 'officer']) {
      await c.login(user, PASSWORD);
      const res = await c.call('board.trends', { span: '30d' });
      expect(res.ok ? null : res.error.code, user).toBe('forbidden');
    }
    for (const user of ['lead', 'admin']) {
      await c.login(user, PASSWORD);
      expect((await c.ok('board.trends', { span: '12m' })).points, user).toHaveLength(12);
    }
  });
});

/**
 * The same series counted the plain way, in SQL written here: every row bucketed by its Beijing day or
 * month with SQLite's date functions (not by the bucket bounds the core joins on), instants compared by
 * julianday. Over a bulk store spread across 400 days, plus records at 23:59:59 on a month's last day.
 */
describe('board.trends against plain SQL counts', () => {
  it('every point of both spans equals the plain count of its rows', async () => {
    const dir = tmpDir('hd-trends-');
    const now = Date.parse(NOW);
    await bulkDemo({ dataDir: dir, customers: 500, calls: 4000, complaints: 1500, days: 400, now, seed: 16 });
    c = openTestConsole(dir);
    cast = { agent: 'agent', handler: 'agent2', handlerName: '赵文静', password: DEMO_PASSWORD };
    try {
      // The bulk store has no callbacks; the last second of October has one of each kind of record.
      await takeCall(LAST_SECOND_OF_OCTOBER, 1);
      await complaint(LAST_SECOND_OF_OCTOBER, 'crisis', '2026-11-03T00:00:00.000Z', '2026-11-02T00:00:00.000Z');
      await callbackDone(LAST_SECOND_OF_OCTOBER, 'unsatisfied');
      await callbackDone(FIRST_SECOND_OF_NOVEMBER, 'satisfied');
      for (const [i, r] of (['satisfied', 'fairly_satisfied', 'unsatisfied', 'satisfied'] as const).entries())
        await callbackDone(new Date(now - (i * 37 + 5) * 86_400_000).toISOString(), r);
      await at(NOW, 'lead');

      const db = c.core.context.db;
      for (const [span, fmt] of [['30d', '%Y-%m-%d'], ['12m', '%Y-%m']] as const) {
        const t = await c.ok('board.trends', { span });
        const local = (col: string) => `strftime('${fmt}', ${col}, '+8 hours')`;
        const rows = <T,>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as (T & { k: string })[];
        const expected = new Map(t.points.map((p) => [p.key, { rated: { calls: 0, average: null as number | null }, callbacks: { satisfied: 0, fairly_satisfied: 0, unsatisfied: 0 }, complaints: { general: 0, major: 0, crisis: 0 }, replyDue: { met: 0, missed: 0, rate: null as number | null } }]));
        const e = (k: string) => expected.get(k);
        for (const r of rows<{ n: number; avg: number }>(`SELECT ${local('answered_at')} AS k, count(*) AS n, avg(satisfaction) AS avg FROM call_records WHERE voided = 0 AND satisfaction IS NOT NULL GROUP BY k`))
          if (e(r.k)) e(r.k)!.rated = { calls: r.n, average: Math.round(r.avg * 100) / 100 };
        for (const r of rows<{ s: CallbackResult; n: number }>(`SELECT ${local('done_at')} AS k, satisfaction AS s, count(*) AS n FROM callbacks WHERE status = 'done' AND satisfaction IS NOT NULL GROUP BY k, s`))
          if (e(r.k)) e(r.k)!.callbacks[r.s] = r.n;
        for (const r of rows<{ s: Severity; n: number }>(`SELECT ${local('received_at')} AS k, severity AS s, count(*) AS n FROM complaints WHERE status != 'voided' GROUP BY k, s`))
          if (e(r.k)) e(r.k)!.complaints[r.s] = r.n;
        for (const r of rows<{ met: number; missed: number }>(
          `SELECT ${local('agreed_reply_by')} AS k,
             sum(completed_at IS NOT NULL AND julianday(completed_at) <= julianday(agreed_reply_by)) AS met,
             sum(CASE WHEN completed_at IS NULL THEN julianday(agreed_reply_by) < julianday(?) ELSE julianday(completed_at) > julianday(agreed_reply_by) END) AS missed
           FROM complaints WHERE status != 'voided' AND agreed_reply_by IS NOT NULL GROUP BY k`,
          NOW,
        ))
          if (e(r.k)) e(r.k)!.replyDue = { met: r.met, missed: r.missed, rate: r.met + r.missed ? Math.round((r.met / (r.met + r.missed)) * 1000) / 10 : null };
        expect(t.points.map(({ key, from: _f, to: _t, ...rest }) => [key, rest]), span).toEqual([...expected.entries()]);
        // A bulk store spread over the year: the series are not empty.
        expect(t.points.filter((p) => p.rated.calls > 0 && p.complaints.general > 0 && p.replyDue.met + p.replyDue.missed > 0).length, span).toBeGreaterThan(span === '30d' ? 15 : 10);
      }
      const october = (await c.ok('board.trends', { span: '12m' })).points.find((p) => p.key === '2026-10')!;
      const plainOctober = db.prepare("SELECT count(*) AS n FROM callbacks WHERE status = 'done' AND done_at >= '2026-09-30T16:00:00.000Z' AND done_at <= ?").get(LAST_SECOND_OF_OCTOBER) as { n: number };
      expect(october.callbacks.unsatisfied + october.callbacks.satisfied + october.callbacks.fairly_satisfied).toBe(plainOctober.n);
    } finally {
      cast = { agent: 'agent1', handler: 'agent2', handlerName: '赵建国', password: PASSWORD };
    }
  });
});
