import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { monthSeed } from '../../shared/domain/quality';
import { openTestConsole, type TestConsole, TestClock, tmpDir } from '../helpers/core';

/**
 * `npm run demo` fills last month's QA, attendance and leave through the real handlers, so that a new
 * user finds every quality screen filled: the sample drawn, reviews (one voided by a red line), findings
 * in each state, teaching cases, two scorecard versions, sign-ins with lateness and absences, and leave
 * approved, refused, cancelled and pending. The present is pinned: Wednesday 9 December 2026, 14:00 in Beijing.
 */
const NOW = Date.parse('2026-12-09T06:00:00.000Z');
const MONTH = '2026-11';
let c: TestConsole;
let out: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  const dir = tmpDir('hd-demo-qa-');
  out = await seedDemo({ dataDir: dir, customers: 60, calls: 240, complaints: 30, seed: 5, now: NOW });
  c = openTestConsole(dir, new TestClock(NOW));
}, 120_000);
afterAll(() => c?.close());

const as = (username: string) => c.login(username, DEMO_PASSWORD);
const count = (sql: string) => (c.core.context.db.prepare(sql).get() as { n: number }).n;

describe('demo QA', () => {
  it('draws last month for every agent who served, 10% of each agent\'s records (± 1), with the month\'s seed', async () => {
    expect(out.quality?.months).toEqual([MONTH]);
    await as('zhijian');
    const m = await c.ok('qa.month', { month: MONTH });
    expect(m.seed).toBe(monthSeed(MONTH, '浙江省纺织品检验研究院'));
    expect(m.drawnBy).toBe('周敏');
    expect(m.agents.map((a) => a.agentName).sort()).toEqual(['李晓梅', '赵文静', '陈志强'].sort());
    for (const a of m.agents) {
      const drawn = m.items.filter((i) => i.agentId === a.agentId && !i.manual).length;
      expect(Math.abs(drawn - Math.max(1, Math.round(a.population / 10)))).toBeLessThanOrEqual(1);
      expect(a.reviewed).toBeGreaterThan(0);
      expect(a.reviewed).toBeLessThan(a.sampled + 1);
    }
    const manual = m.items.filter((i) => i.manual);
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatchObject({ kind: 'complaint', reason: expect.stringContaining('手工加抽') });
    // Some records wait for review: the inspector's screen shows work still to do.
    expect(m.items.some((i) => i.reviewId === null)).toBe(true);
  });

  it('reviews on two scorecard versions, one voided by a red line, and marks a good and a bad teaching case', async () => {
    await as('zhijian');
    const reviews = await c.ok('qa.reviews', { scope: 'team', month: MONTH });
    expect(reviews.length).toBe(out.quality?.reviews);
    const voided = reviews.filter((r) => r.voided);
    expect(voided.length).toBeGreaterThan(0);
    for (const r of voided) expect(r.score).toBe(0);
    expect(new Set(reviews.map((r) => r.scorecardVersion))).toEqual(new Set([1, 2]));
    expect(new Set(reviews.map((r) => r.reviewerName))).toEqual(new Set(['周敏', '张丽娟']));
    const cases = await c.ok('qa.cases', {});
    expect(cases.map((x) => x.teachingCase).sort()).toEqual(['bad', 'good']);
    expect(cases.find((x) => x.teachingCase === 'bad')?.voided).toBe(true);
    expect((await c.ok('scorecards.versions', {})).map((v) => v.version)).toEqual([2, 1]);
  });

  it('leaves findings in every state: open, overdue, reported, appealed, closed and withdrawn', async () => {
    await as('lead');
    const all = await c.ok('findings.list', { scope: 'team' });
    expect(all.length).toBe(out.quality?.findings);
    const states = new Set(all.map((f) => (f.status === 'open' ? (f.overdue ? 'overdue' : 'open') : f.status)));
    expect([...states].sort()).toEqual(['appealed', 'closed', 'open', 'overdue', 'reported', 'withdrawn']);
    expect(all.some((f) => f.fatal)).toBe(true);
    // An appeal rejected: open again, with the reason and a fresh deadline.
    expect(all.some((f) => f.status === 'open' && f.appeal && f.decisionReason && !f.overdue)).toBe(true);
    expect((await c.ok('board.summary', {})).findingsOverdue).toBe(all.filter((f) => f.overdue).length);
    // An agent sees only their own.
    await as('agent');
    const mine = await c.ok('findings.list', { scope: 'mine' });
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((f) => f.agentName))).toEqual(new Set(['李晓梅']));
  });
});

describe('demo attendance and leave', () => {
  it('signs the team in on every working day, with lateness, early leave, absences and approved leave', async () => {
    await as('lead');
    const team = await c.ok('attendance.team', { month: MONTH });
    expect(team.map((m) => m.userName).sort()).toEqual(['周敏', '张丽娟', '李晓梅', '赵文静', '陈志强'].sort());
    const by = (name: string) => team.find((m) => m.userName === name)!;
    // November 2026 has 21 working days.
    expect(by('张丽娟').dueDays).toBe(21);
    expect(by('李晓梅').leaveDays).toBe(2);
    expect(by('李晓梅').absentDays).toBe(0);
    expect(by('陈志强')).toMatchObject({ absentDays: 3, flag: 'low' });
    expect(team.some((m) => m.flag === 'commended')).toBe(true);
    expect(team.reduce((s, m) => s + m.lateDays, 0)).toBeGreaterThan(0);
    expect(team.reduce((s, m) => s + m.earlyDays, 0)).toBeGreaterThan(0);
    // This month so far too.
    const now = await c.ok('attendance.team', { month: '2026-12' });
    expect(now.every((m) => m.presentDays > 0)).toBe(true);
  });

  it('has leave approved, refused, cancelled and waiting for the lead', async () => {
    await as('lead');
    const leave = await c.ok('leave.list', { scope: 'team' });
    expect(new Set(leave.rows.map((l) => l.status))).toEqual(new Set(['approved', 'refused', 'cancelled', 'requested']));
    expect(leave.rows.find((l) => l.status === 'refused')?.refuseReason).not.toBe('');
  });

  it('made every record through the write path: each with its history and outbox entry', () => {
    for (const entity of ['qa_sample', 'qa_review', 'qa_finding', 'scorecard', 'attendance', 'leave']) {
      expect(count(`SELECT count(*) AS n FROM history WHERE entity = '${entity}'`)).toBeGreaterThan(0);
      expect(count(`SELECT count(*) AS n FROM outbox WHERE entity = '${entity}'`)).toBe(count(`SELECT count(*) AS n FROM history WHERE entity = '${entity}'`));
    }
    expect(count('SELECT count(*) AS n FROM attendance')).toBe(out.quality?.signIns);
  });
});
