import { afterEach, describe, expect, it } from 'vitest';
import { calendarCovers } from '../../shared/domain/calendar';
import { BUILT_IN_CALL_SCRIPT } from '../../shared/domain/scriptDefaults';
import { BUILT_IN_SCORECARD } from '../../shared/domain/scorecardDefaults';
import { seededConsole, type TestConsole } from '../helpers/core';
import { actAs, answer, at, type QaFixture, qaFixture, rowCountsOf, scoresOf } from './qualityFixture';

/**
 * Scoring a sampled record (质检评分) and its findings' rectification deadlines, over a real store: a
 * fatal item voids the score; every problem with a scorecard is answered at once beside its item; the
 * deadline counts working days on the holiday calendar, make-up working days included.
 */

let f: QaFixture | undefined;
let c: TestConsole | undefined;
afterEach(() => {
  f?.c.close();
  c?.close();
  f = undefined;
  c = undefined;
});

const CARD = BUILT_IN_SCORECARD.id;

describe('reviewing a sampled record', () => {
  it('shows the record beside its scorecard, refuses a wrong scorecard with every issue at once, and a fatal item voids the score', async () => {
    f = await qaFixture({ agent1: 20, agent2: 10 });
    const { c } = f;
    await actAs(c, 'qa');
    await c.ok('qa.draw', { month: '2026-10' });
    const month = await c.ok('qa.month', { month: '2026-10' });
    const calls = month.items.filter((i) => i.kind === 'call' && i.agentName === '李晓梅');
    const [first, second] = calls;

    const detail = await c.ok('qa.item', { month: '2026-10', kind: 'call', recordId: first!.recordId });
    expect(detail.record.kind).toBe('call');
    if (detail.record.kind !== 'call') throw new Error('a call');
    expect(detail.record.call).toMatchObject({ id: first!.recordId, recordNo: first!.recordNo, agentName: '李晓梅' });
    expect(detail.history.map((h) => h.action)).toEqual(['call.create']);
    expect(detail.script).toEqual({ id: BUILT_IN_CALL_SCRIPT.id, kind: 'call', version: 1, name: BUILT_IN_CALL_SCRIPT.name });
    expect(detail).toMatchObject({ recordingRef: '', review: null, findings: [], scorecard: BUILT_IN_SCORECARD, item: { recordId: first!.recordId, reviewId: null } });

    const before = rowCountsOf(c);
    const wrong = await c.call('qa.review', {
      month: '2026-10',
      kind: 'call',
      recordId: first!.recordId,
      scorecardId: CARD,
      scores: [
        ...scoresOf().filter((s) => s.itemId !== 'record' && s.itemId !== 'greeting' && s.itemId !== 'attitude'),
        { itemId: 'greeting', points: 20, failed: false, comment: '' },
        { itemId: 'attitude', points: 10, failed: true, comment: '' },
        { itemId: 'speed', points: 5, failed: false, comment: '' },
      ],
      comment: '',
      findings: [{ itemId: 'nope', text: '未知项目' }],
    });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.code).toBe('invalid_params');
    expect(wrong.error.fields!.map((i) => [i.field, i.code])).toEqual([
      ['scores.greeting', 'out_of_range'],
      ['scores.record', 'required'],
      ['scores.attitude', 'invalid_value'],
      ['scores.speed', 'unknown_field'],
      ['findings.0.itemId', 'invalid_value'],
    ]);
    // An item scored twice would count twice.
    const twice = [...scoresOf(), { itemId: 'correct', points: 25, failed: false, comment: '' }];
    expect(await c.call('qa.review', { month: '2026-10', kind: 'call', recordId: first!.recordId, scorecardId: CARD, scores: twice, comment: '', findings: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'scores.correct', code: 'duplicate' }] },
    });
    const unknownCard = '01a20584-06f7-7129-91b2-27fa7cfc5475';
    expect(await c.call('qa.review', { month: '2026-10', kind: 'call', recordId: first!.recordId, scorecardId: unknownCard, scores: scoresOf(), comment: '', findings: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'scorecardId' }] },
    });
    const unsampled = f.october.find((r) => r.kind === 'call' && !month.items.some((i) => i.recordId === r.recordId))!;
    expect(await c.call('qa.review', { month: '2026-10', kind: 'call', recordId: unsampled.recordId, scorecardId: CARD, scores: scoresOf(), comment: '', findings: [] })).toMatchObject({
      ok: false,
      error: { code: 'not_found', fields: [{ field: 'recordId' }] },
    });
    // In the sample of October, not of September.
    expect(await c.call('qa.review', { month: '2026-09', kind: 'call', recordId: first!.recordId, scorecardId: CARD, scores: scoresOf(), comment: '', findings: [] })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(rowCountsOf(c)).toEqual(before);

    // 红线: full points everywhere, but the customer was abused: the score is void.
    const voided = await c.ok('qa.review', {
      month: '2026-10',
      kind: 'call',
      recordId: first!.recordId,
      scorecardId: CARD,
      scores: scoresOf(['red_abuse']),
      comment: '顶撞客户',
      findings: [
        { itemId: 'red_abuse', text: '与客户争吵' },
        { itemId: null, text: '通话结束未致谢' },
      ],
    });
    expect(voided.review).toMatchObject({ score: 0, voided: true, scorecardId: CARD, scorecardVersion: 1, reviewerName: '孙质检', agentName: '李晓梅', comment: '顶撞客户' });
    expect(voided.review!.items).toEqual(BUILT_IN_SCORECARD.items);
    // Reviewed on Sunday 2026-11-22: three working days are Mon 23 to Wed 25.
    expect(voided.findings.map((x) => [x.itemId, x.fatal, x.status, x.dueAt]).sort()).toEqual([
      [null, false, 'open', '2026-11-25T15:59:59.999Z'],
      ['red_abuse', true, 'open', '2026-11-25T15:59:59.999Z'],
    ]);
    expect(voided.item).toMatchObject({ score: 0, voided: true, findings: 2, reviewerName: '孙质检' });

    const scored = await c.ok('qa.review', {
      month: '2026-10',
      kind: 'call',
      recordId: second!.recordId,
      scorecardId: CARD,
      scores: scoresOf([], { greeting: 5, record: 3 }),
      comment: '',
      findings: [],
    });
    expect(scored.review).toMatchObject({ score: 92, voided: false });
    const agent = (await c.ok('qa.month', { month: '2026-10' })).agents.find((a) => a.agentName === '李晓梅')!;
    expect(agent).toMatchObject({ reviewed: 2, averageScore: 46, fatal: 1, openFindings: 2 });

    // Nobody reviews their own records: the lead's call is in the sample, and the lead may not score it.
    const leadCall = month.items.find((i) => i.agentName === '张组长')!;
    await actAs(c, 'lead');
    const counts = rowCountsOf(c);
    expect(await c.call('qa.review', { month: '2026-10', kind: 'call', recordId: leadCall.recordId, scorecardId: CARD, scores: scoresOf(), comment: '', findings: [] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(rowCountsOf(c)).toEqual(counts);
  }, 60_000);
});

describe('the rectification deadline', () => {
  /** One call of agent1 in `callAt`'s month, drawn and reviewed by the lead at `reviewAt` with two findings. */
  async function findingsAt(callAt: string, reviewAt: string) {
    const call = await answer(c!, callAt, 'agent1');
    await at(c!, reviewAt, 'lead');
    const month = new Date(Date.parse(callAt) + 8 * 3600_000).toISOString().slice(0, 7);
    await c!.ok('qa.draw', { month });
    const d = await c!.ok('qa.review', {
      month,
      kind: 'call',
      recordId: call,
      scorecardId: CARD,
      scores: scoresOf([], { identity: 10 }),
      comment: '',
      findings: [
        { itemId: 'identity', text: '未核实客户身份' },
        { itemId: 'record', text: '记录不完整' },
      ],
    });
    return d.findings;
  }

  it('is three working days on the holiday calendar: across National Day 2026 and the Spring Festival, make-up working days counted', async () => {
    c = await seededConsole();
    // chinese-days has no 2027 holidays yet, so the Spring Festival is 2026's (15–23 February; Saturday 14 and 28 are working days).
    expect(calendarCovers(2027)).toBe(false);
    // Friday 13 February 2026, 10:00: Saturday 14 (make-up) is the first working day, then the holidays, then 24 and 25 February.
    const spring = await findingsAt('2026-01-12T02:00:00.000Z', '2026-02-13T02:00:00.000Z');
    expect(spring.map((x) => x.dueAt)).toEqual(['2026-02-25T15:59:59.999Z', '2026-02-25T15:59:59.999Z']);
    // Rectified in time: reported during the holidays, closed by the lead.
    await at(c, '2026-02-16T02:00:00.000Z', 'agent1');
    for (const x of spring) expect(await c.ok('findings.report', { id: x.id, report: '已整改' })).toMatchObject({ status: 'reported' });
    await at(c, '2026-02-24T02:00:00.000Z', 'lead');
    for (const x of spring) expect(await c.ok('findings.decide', { id: x.id, decision: 'approve', reason: '' })).toMatchObject({ status: 'closed', decidedBy: '张组长' });

    // Wednesday 30 September 2026: 1–7 October are holidays; then 8, 9 and Saturday 10 October (make-up).
    const national = await findingsAt('2026-08-10T02:00:00.000Z', '2026-09-30T02:00:00.000Z');
    expect(national.map((x) => x.dueAt)).toEqual(['2026-10-10T15:59:59.999Z', '2026-10-10T15:59:59.999Z']);
    const [kept, appealed] = national;

    // An appeal rejected on Friday 9 October restarts the clock: Saturday 10 (make-up), Monday 12, Tuesday 13.
    await at(c, '2026-10-08T02:00:00.000Z', 'agent1');
    await c.ok('findings.appeal', { id: appealed!.id, reason: '已按规范核实身份' });
    await at(c, '2026-10-09T02:00:00.000Z', 'lead');
    expect(await c.ok('findings.decide', { id: appealed!.id, decision: 'reject', reason: '录音中未核实' })).toMatchObject({
      status: 'open',
      dueAt: '2026-10-13T15:59:59.999Z',
      overdue: false,
    });

    // Sunday 11 October, 08:00: the first finding is overdue, the appealed one not yet; the board counts what the list shows.
    await at(c, '2026-10-11T00:00:00.000Z', 'lead');
    const overdue = await c.ok('findings.list', { scope: 'team', overdue: true });
    expect(overdue.map((x) => [x.id, x.overdue])).toEqual([[kept!.id, true]]);
    const board = await c.ok('board.summary', {});
    expect(board.findingsOverdue).toBe(overdue.length);
    expect((await c.ok('findings.list', { scope: 'team', status: 'open' })).map((x) => [x.id, x.overdue])).toEqual([
      [kept!.id, true],
      [appealed!.id, false],
    ]);
    // A report waiting for the lead is not the agent's delay.
    await at(c, '2026-10-11T01:00:00.000Z', 'agent1');
    expect(await c.ok('findings.report', { id: kept!.id, report: '已重新学习身份核实规范' })).toMatchObject({ status: 'reported', overdue: false });
    await at(c, '2026-10-14T01:00:00.000Z', 'lead');
    const later = await c.ok('findings.list', { scope: 'team', overdue: true });
    expect(later.map((x) => x.id)).toEqual([appealed!.id]);
    expect((await c.ok('board.summary', {})).findingsOverdue).toBe(1);
    // The administrator's board has no QA number: administrators do not read the team's findings.
    await at(c, c.clock.t, 'admin');
    expect((await c.ok('board.summary', {})).findingsOverdue).toBeNull();
    expect(await c.call('findings.list', { scope: 'team', overdue: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 60_000);
});
