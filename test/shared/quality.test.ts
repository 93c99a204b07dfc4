import { describe, expect, it } from 'vitest';
import { AppraisalWeights, appraisalScores, appraisalTotal, DEFAULT_APPRAISAL_WEIGHTS, periodDays } from '../../shared/domain/appraisal';
import { attendanceIdOf, requestLeave, signIn, signOut, workingDaysBetween } from '../../shared/domain/attendance';
import { NO_OVERRIDES } from '../../shared/domain/calendar';
import type { Actor } from '../../shared/domain/mutation';
import { createFinding, decideFinding, reportFinding, reviewScore, scorecardIssues, type ScorecardItem } from '../../shared/domain/qaReview';
import { drawSample, pickSample, sampleIdOf } from '../../shared/domain/quality';

const lead: Actor = { userId: '00000000-0000-4000-8000-0000000000a1', role: 'team_lead', displayName: '王组长' };
const agent: Actor = { userId: '00000000-0000-4000-8000-0000000000b1', role: 'agent', displayName: '李客服' };
const records = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'call', recordId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));

describe('the draw (pickSample)', () => {
  it('takes the rate rounded, at least one, and the same records for the same seed in any order', () => {
    expect(pickSample(records(87), 10, 's')).toHaveLength(9);
    expect(pickSample(records(3), 10, 's')).toHaveLength(1);
    expect(pickSample([], 10, 's')).toHaveLength(0);
    const a = pickSample(records(200), 10, '2026-11/某中心').map((r) => r.recordId);
    const b = pickSample(records(200).reverse(), 10, '2026-11/某中心').map((r) => r.recordId);
    expect(new Set(a)).toEqual(new Set(b));
    expect(new Set(a).size).toBe(20);
    const c = pickSample(records(200), 10, '2026-12/某中心').map((r) => r.recordId);
    expect(c).not.toEqual(a);
  });

  it('a second draw of the month adds only records not sampled yet, and keeps the first seed', () => {
    const item = (i: number) => ({ kind: 'call' as const, recordId: records(5)[i]!.recordId, recordNo: `LD-${i}`, at: '2026-11-02T01:00:00.000Z', manual: false, reason: '', addedBy: '' });
    const id = sampleIdOf('2026-11', agent.userId);
    const base = { id, month: '2026-11', agentId: agent.userId, agentName: '李客服', ratePercent: 10, population: 50, at: '2026-12-01T01:00:00.000Z' };
    const first = drawSample(null, { ...base, seed: 'one', items: [item(0), item(1)] }, lead);
    if (!first.ok) throw new Error(first.reason);
    const again = drawSample(first.next, { ...base, seed: 'two', items: [item(1), item(2), item(2)] }, lead);
    if (!again.ok) throw new Error(again.reason);
    expect(again.next.items.map((i) => i.recordNo)).toEqual(['LD-0', 'LD-1', 'LD-2']);
    expect(again.next.seed).toBe('one');
    expect(drawSample(null, { ...base, id: sampleIdOf('2026-10', agent.userId), seed: 'x', items: [] }, lead).ok).toBe(false);
    expect(drawSample(null, { ...base, seed: 'x', items: [] }, agent).ok).toBe(false);
  });
});

describe('scorecards and reviews', () => {
  const items: ScorecardItem[] = [
    { id: 'greeting', label: '问候', weight: 40, fatal: false, guidance: '' },
    { id: 'correct', label: '准确', weight: 60, fatal: false, guidance: '' },
    { id: 'red_leak', label: '泄露', weight: 0, fatal: true, guidance: '' },
  ];
  it('a failed fatal item voids the whole score', () => {
    const scores = [
      { itemId: 'greeting', points: 40, failed: false, comment: '' },
      { itemId: 'correct', points: 50, failed: false, comment: '' },
      { itemId: 'red_leak', points: 0, failed: false, comment: '' },
    ];
    expect(reviewScore(items, scores)).toEqual({ score: 90, voided: false });
    expect(reviewScore(items, scores.map((s) => (s.itemId === 'red_leak' ? { ...s, failed: true } : s)))).toEqual({ score: 0, voided: true });
  });
  it('scored items must add up to 100 and fatal items carry no points', () => {
    expect(scorecardIssues(items)).toEqual([]);
    const bad = scorecardIssues([{ ...items[0]!, weight: 30 }, items[1]!, { ...items[2]!, weight: 5 }, { ...items[1]! }]);
    expect(bad.map((i) => i.field).sort()).toEqual(['items', 'items.2.weight', 'items.3.id']);
  });
});

describe('findings', () => {
  const env = { rectifyWorkingDays: 3, calendar: NO_OVERRIDES };
  const args = {
    id: '00000000-0000-4000-8000-0000000000f1', reviewId: '00000000-0000-4000-8000-0000000000e1', month: '2026-09', recordKind: 'call' as const,
    recordId: '00000000-0000-4000-8000-0000000000c1', recordNo: 'LD-1', agentId: agent.userId, agentName: '李客服', itemId: null, text: '未确认身份', fatal: false,
  };
  it('are due 3 working days later on the holiday calendar (National Day 2026)', () => {
    // 2026-09-30 (Wed): Oct 1–7 are the National Day holidays; Oct 10 (Sat) is a make-up working day.
    const f = createFinding(null, { ...args, at: '2026-09-30T02:00:00.000Z' }, lead, env);
    if (!f.ok) throw new Error(f.reason);
    expect(f.next.dueAt).toBe('2026-10-10T15:59:59.999Z');
  });
  it('only the agent answers, only a lead decides, and a report must come before closing', () => {
    const f = createFinding(null, { ...args, at: '2026-11-02T02:00:00.000Z' }, lead, env);
    if (!f.ok) throw new Error(f.reason);
    expect(reportFinding(f.next, { id: args.id, report: '已学习规范', at: '2026-11-03T02:00:00.000Z' }, { ...agent, userId: lead.userId }).ok).toBe(false);
    expect(decideFinding(f.next, { id: args.id, decision: 'approve', reason: '', at: '2026-11-03T02:00:00.000Z' }, lead, env).ok).toBe(false);
    const r = reportFinding(f.next, { id: args.id, report: '已学习规范', at: '2026-11-03T02:00:00.000Z' }, agent);
    if (!r.ok) throw new Error(r.reason);
    expect(decideFinding(r.next, { id: args.id, decision: 'approve', reason: '', at: '2026-11-04T02:00:00.000Z' }, agent, env).ok).toBe(false);
    const c = decideFinding(r.next, { id: args.id, decision: 'approve', reason: '', at: '2026-11-04T02:00:00.000Z' }, lead, env);
    expect(c.ok && c.next.status).toBe('closed');
  });
});

describe('attendance and leave', () => {
  const shift = { id: 'day', name: '白班', start: '08:30', end: '17:30', graceMinutes: 5 };
  const clock = { receivedAt: null, offsetMs: null, skewMinutes: 5 };
  it('late past the grace, early before the end less the grace, by Beijing time', () => {
    const id = attendanceIdOf(agent.userId, '2026-11-02');
    const on = signIn(null, { id, day: '2026-11-02', shift, workstation: 'A01', note: '', at: '2026-11-02T00:35:00.000Z' }, agent, clock);
    if (!on.ok) throw new Error(on.reason);
    expect(on.next.lateMinutes).toBe(0);
    const late = signIn(null, { id, day: '2026-11-02', shift, workstation: 'A01', note: '', at: '2026-11-02T00:47:00.000Z' }, agent, clock);
    expect(late.ok && late.next.lateMinutes).toBe(12);
    const out = signOut(on.next, { id, at: '2026-11-02T09:00:00.000Z' }, agent, clock);
    expect(out.ok && out.next.earlyMinutes).toBe(25);
    expect(signIn(null, { id: attendanceIdOf(lead.userId, '2026-11-02'), day: '2026-11-02', shift, workstation: 'A01', note: '', at: '2026-11-02T00:35:00.000Z' }, agent, clock).ok).toBe(false);
  });
  it('the hub stamps its receipt and flags a clock off by more than the tolerance', () => {
    const id = attendanceIdOf(agent.userId, '2026-11-02');
    const a = { id, day: '2026-11-02', shift, workstation: 'A01', note: '', at: '2026-11-02T00:30:00.000Z' };
    const off = signIn(null, a, agent, { receivedAt: '2026-11-02T00:10:00.000Z', offsetMs: 20 * 60_000, skewMinutes: 5 });
    expect(off.ok && [off.next.clockSuspect, off.next.clockOffsetSeconds]).toEqual([true, 1200]);
    const fine = signIn(null, a, agent, { receivedAt: '2026-11-02T00:30:01.000Z', offsetMs: -1000, skewMinutes: 5 });
    expect(fine.ok && fine.next.clockSuspect).toBe(false);
  });
  it('leave counts working days on the calendar and refuses a period that ends before it starts', () => {
    expect(workingDaysBetween('2026-09-28', '2026-10-11', NO_OVERRIDES)).toBe(6);
    const bad = requestLeave(null, { id: '00000000-0000-4000-8000-0000000000d1', type: 'annual', fromDay: '2026-11-05', toDay: '2026-11-04', reason: '探亲', at: '2026-11-01T00:00:00.000Z' }, agent, NO_OVERRIDES);
    expect(!bad.ok && bad.fields?.[0]?.field).toBe('toDay');
  });
});

describe('appraisal', () => {
  it('refuses service standards under 20% of the total, beside that field', () => {
    const r = AppraisalWeights.safeParse({ ...DEFAULT_APPRAISAL_WEIGHTS, serviceStandard: 10, volume: 40 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['serviceStandard']);
    expect(AppraisalWeights.safeParse(DEFAULT_APPRAISAL_WEIGHTS).success).toBe(true);
  });
  it('leaves out parts with nothing to measure and reweights the others', () => {
    const f = { callsHandled: 100, callsLate: 10, complaints: 1, callbacksDue: 0, callbacksOnTime: 0, qaReviews: 2, qaAverage: 80, fatalErrors: 0, satisfactionAverage: 90, attendanceRate: 100 };
    const s = appraisalScores(f, 200);
    expect(s).toEqual({ serviceStandard: 80, volume: 50, timeliness: 90, complaints: 80, callbacks: null, satisfaction: 90, attendance: 100 });
    const w = DEFAULT_APPRAISAL_WEIGHTS;
    const expected = (80 * w.serviceStandard + 50 * w.volume + 90 * w.timeliness + 80 * w.complaints + 90 * w.satisfaction + 100 * w.attendance) / (100 - w.callbacks);
    expect(appraisalTotal(s, w)).toBe(Math.round(expected * 10) / 10);
  });
  it('periods', () => {
    expect(periodDays('quarter', '2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodDays('month', '2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(periodDays('month', '2026-Q1')).toBeNull();
  });
});
