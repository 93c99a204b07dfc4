import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, ParamsOf } from '../../shared/api/contract';
import type { QaItemRow } from '../../shared/api/qualityTypes';
import type { QaFinding } from '../../shared/domain/qaReview';
import { sampleIdOf } from '../../shared/domain/quality';
import { BUILT_IN_SCORECARD } from '../../shared/domain/scorecardDefaults';
import { actAs, type QaFixture, qaFixture, rowCountsOf, scoresOf } from './qualityFixture';

/**
 * Who may do what with QA records, over one store: the roles the dispatcher admits, the rules the
 * handlers and the domain add (only the finding's agent answers it, nobody decides their own), what an
 * agent may read (their own reviews and findings, their own record once reviewed), the audit row each
 * read leaves, and scorecard versions. Every refusal writes nothing.
 */

let f: QaFixture;
let items: QaItemRow[];
/** agent1's and agent2's findings, and the lead's own (scored by the inspector). */
let mine: QaFinding;
let theirs: QaFinding;
let leads: QaFinding;
let agent1Review: string;

const CARD = BUILT_IN_SCORECARD.id;
const review = (item: QaItemRow, findings: { itemId: string | null; text: string }[]): ParamsOf<'qa.review'> => ({
  month: '2026-10', kind: item.kind, recordId: item.recordId, scorecardId: CARD, scores: scoresOf([], { greeting: 5 }), comment: '', findings,
});

beforeAll(async () => {
  f = await qaFixture({ agent1: 20, agent2: 10 });
  const { c } = f;
  await actAs(c, 'qa');
  await c.ok('qa.draw', { month: '2026-10' });
  items = (await c.ok('qa.month', { month: '2026-10' })).items;
  const of = (name: string) => items.find((i) => i.agentName === name && i.kind === 'call')!;
  const a1 = await c.ok('qa.review', review(of('李晓梅'), [{ itemId: 'greeting', text: '未使用标准问候语' }]));
  const a2 = await c.ok('qa.review', review(of('赵建国'), [{ itemId: 'record', text: '记录不完整' }]));
  const l = await c.ok('qa.review', review(of('张组长'), [{ itemId: null, text: '结束语不规范' }]));
  [mine, theirs, leads] = [a1.findings[0]!, a2.findings[0]!, l.findings[0]!];
  agent1Review = a1.review!.id;
}, 60_000);
afterAll(() => f.c.close());

/** Every call refused with `code`, and nothing written by any of them. */
async function refused(user: string, code: string, calls: [MethodName, unknown][]) {
  const { c } = f;
  await actAs(c, user);
  const before = rowCountsOf(c);
  for (const [method, params] of calls) {
    const env = await c.raw(method, params);
    expect(env, `${user} ${method}`).toMatchObject({ ok: false, error: { code } });
  }
  expect(rowCountsOf(c)).toEqual(before);
}

describe('QA roles', () => {
  it('an agent cannot draw, add, review, mark cases, decide, publish or read the team’s QA records', async () => {
    const item = items.find((i) => i.agentName === '赵建国')!;
    await refused('agent1', 'forbidden', [
      ['qa.month', { month: '2026-10' }],
      ['qa.draw', { month: '2026-10' }],
      ['qa.add', { month: '2026-10', kind: 'call', recordId: item.recordId, reason: '试图加入' }],
      ['qa.review', review(item, [])],
      ['qa.markCase', { reviewId: agent1Review, teachingCase: 'good', note: '' }],
      ['findings.decide', { id: mine.id, decision: 'approve', reason: '' }],
      ['scorecards.publish', { name: '评分表', items: BUILT_IN_SCORECARD.items, note: '' }],
      ['scorecards.versions', {}],
      ['qa.reviews', { scope: 'team' }],
      ['findings.list', { scope: 'team' }],
      ['qa.item', { month: '2026-10', kind: item.kind, recordId: item.recordId }],
    ]);
  });

  it('the callback officer and the administrator are no reviewers; the inspector publishes no scorecard', async () => {
    const item = items.find((i) => i.agentName === '赵建国')!;
    for (const user of ['officer', 'admin']) {
      await refused(user, 'forbidden', [
        ['qa.month', { month: '2026-10' }],
        ['qa.draw', { month: '2026-10' }],
        ['qa.review', review(item, [])],
        ['findings.decide', { id: mine.id, decision: 'approve', reason: '' }],
        ['findings.list', { scope: 'team' }],
      ]);
    }
    await refused('qa', 'forbidden', [['scorecards.publish', { name: '评分表', items: BUILT_IN_SCORECARD.items, note: '' }]]);
  });

  it('only the finding’s agent answers it; nobody decides their own; a decision the finding’s state does not allow is refused beside it', async () => {
    await refused('agent2', 'forbidden', [
      ['findings.report', { id: mine.id, report: '替同事整改' }],
      ['findings.appeal', { id: mine.id, reason: '替同事申诉' }],
    ]);
    await refused('lead', 'forbidden', [['findings.decide', { id: leads.id, decision: 'approve', reason: '' }]]);
    await refused('qa', 'refused', [['findings.decide', { id: leads.id, decision: 'approve', reason: '' }]]);
    expect(await f.c.call('findings.decide', { id: leads.id, decision: 'uphold', reason: '理由' })).toMatchObject({
      ok: false,
      error: { code: 'refused', fields: [{ field: 'decision', code: 'invalid_value' }] },
    });
    await refused('qa', 'not_found', [['findings.report', { id: '01a20584-06f7-7129-91b2-27fa7cfc5475', report: '无此项' }]]);

    const { c } = f;
    await actAs(c, 'agent1');
    expect(await c.ok('findings.report', { id: mine.id, report: '已重新学习问候语规范' })).toMatchObject({ status: 'reported', report: '已重新学习问候语规范' });
    await refused('agent1', 'refused', [['findings.appeal', { id: mine.id, reason: '已报告后再申诉' }]]);
    await actAs(c, 'agent2');
    expect(await c.ok('findings.appeal', { id: theirs.id, reason: '已核对记录' })).toMatchObject({ status: 'appealed' });
    await actAs(c, 'lead');
    expect(await c.call('findings.decide', { id: theirs.id, decision: 'reject', reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'reason', code: 'required' }] },
    });
    expect(await c.ok('findings.decide', { id: theirs.id, decision: 'uphold', reason: '记录完整,申诉成立' })).toMatchObject({ status: 'withdrawn', decidedBy: '张组长' });
    expect(await c.ok('findings.decide', { id: mine.id, decision: 'approve', reason: '' })).toMatchObject({ status: 'closed' });
  });
});

describe('what an agent reads', () => {
  it('their own reviews and findings only; their own record once reviewed, nobody else’s', async () => {
    const { c } = f;
    await actAs(c, 'agent1');
    const reviews = await c.ok('qa.reviews', { scope: 'mine' });
    expect(reviews.map((r) => r.agentName)).toEqual(['李晓梅']);
    expect((await c.ok('findings.list', { scope: 'mine' })).map((x) => x.id)).toEqual([mine.id]);
    await actAs(c, 'agent2');
    expect((await c.ok('qa.reviews', { scope: 'mine', month: '2026-10' })).map((r) => r.agentName)).toEqual(['赵建国']);
    expect((await c.ok('findings.list', { scope: 'mine' })).map((x) => x.id)).toEqual([theirs.id]);

    const own = items.find((i) => i.agentName === '李晓梅' && i.recordId === reviews[0]!.recordId)!;
    const unreviewed = items.find((i) => i.agentName === '李晓梅' && i.recordId !== own.recordId)!;
    await refused('agent2', 'forbidden', [['qa.item', { month: '2026-10', kind: own.kind, recordId: own.recordId }]]);
    await refused('agent1', 'not_found', [['qa.item', { month: '2026-10', kind: unreviewed.kind, recordId: unreviewed.recordId }]]);
    await actAs(c, 'agent1');
    const d = await c.ok('qa.item', { month: '2026-10', kind: own.kind, recordId: own.recordId });
    expect(d.review).toMatchObject({ agentName: '李晓梅', score: 95 });
    expect(d.findings.map((x) => x.id)).toEqual([mine.id]);
  });

  it('teaching cases are everybody’s to read; whose they were only QA roles see', async () => {
    const { c } = f;
    await actAs(c, 'lead');
    expect(await c.ok('qa.markCase', { reviewId: agent1Review, teachingCase: 'bad', note: '问候语缺失的典型' })).toMatchObject({ teachingCase: 'bad', caseNote: '问候语缺失的典型' });
    expect((await c.ok('qa.cases', {})).map((r) => [r.reviewId, r.agentName, r.teachingCase])).toEqual([[agent1Review, '李晓梅', 'bad']]);
    expect(await c.ok('qa.cases', { teachingCase: 'good' })).toEqual([]);
    await actAs(c, 'agent2');
    expect((await c.ok('qa.cases', {})).map((r) => [r.reviewId, r.agentName, r.note])).toEqual([[agent1Review, '', '问候语缺失的典型']]);
    await refused('qa', 'not_found', [['qa.markCase', { reviewId: '01a20584-06f7-7129-91b2-27fa7cfc5475', teachingCase: 'good', note: '' }]]);
  });

  it('every QA read leaves its audit row, naming what it returned', async () => {
    const { c } = f;
    const db = c.core.context.db;
    const reads: [string, MethodName, unknown, string, string, (r: never) => string[]][] = [
      ['qa', 'qa.month', { month: '2026-10' }, 'list', 'qa_sample', (r: { agents: { agentId: string }[] }) => r.agents.map((a) => sampleIdOf('2026-10', a.agentId))],
      ['qa', 'qa.item', { month: '2026-10', kind: items[0]!.kind, recordId: items[0]!.recordId }, 'view', items[0]!.kind, (r: { item: QaItemRow }) => [r.item.recordId]],
      ['qa', 'qa.reviews', { scope: 'team' }, 'list', 'qa_review', (r: { id: string }[]) => r.map((x) => x.id)],
      ['agent1', 'qa.reviews', { scope: 'mine' }, 'list', 'qa_review', (r: { id: string }[]) => r.map((x) => x.id)],
      ['agent2', 'qa.cases', {}, 'list', 'qa_review', (r: { reviewId: string }[]) => r.map((x) => x.reviewId)],
      ['lead', 'findings.list', { scope: 'team' }, 'list', 'qa_finding', (r: { id: string }[]) => r.map((x) => x.id)],
      ['agent1', 'findings.list', { scope: 'mine' }, 'list', 'qa_finding', (r: { id: string }[]) => r.map((x) => x.id)],
    ];
    for (const [user, method, params, action, entity, idsOf] of reads) {
      await actAs(c, user);
      const before = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      const result = await c.ok(method, params as never);
      const added = db.prepare('SELECT * FROM audit_log ORDER BY rowid DESC LIMIT ?').all(
        (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n - before,
      ) as Record<string, unknown>[];
      expect(added.length, `${method} as ${user}`).toBe(1);
      expect(added[0]).toMatchObject({ action, entity });
      const text = JSON.stringify(added);
      for (const id of idsOf(result as never)) expect(text, `${method} names ${id}`).toContain(id);
    }
  });
});

describe('scorecard versions', () => {
  it('the built-in one until a lead publishes; a wrong one is refused beside its fields; a review keeps the version it used', async () => {
    const { c } = f;
    await actAs(c, 'qa');
    expect(await c.ok('scorecards.active', {})).toEqual(BUILT_IN_SCORECARD);
    expect((await c.ok('scorecards.versions', {})).map((v) => [v.version, v.builtIn])).toEqual([[1, true]]);
    await actAs(c, 'lead');
    const before = rowCountsOf(c);
    const wrong = await c.call('scorecards.publish', {
      name: '新评分表',
      items: [
        { id: 'greeting', label: '问候语', weight: 30, fatal: false, guidance: '' },
        { id: 'correct', label: '答复准确', weight: 60, fatal: false, guidance: '' },
        { id: 'red_leak', label: '泄露客户信息', weight: 5, fatal: true, guidance: '' },
      ],
      note: '',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    if (!wrong.ok) expect(wrong.error.fields!.map((i) => [i.field, i.code]).sort()).toEqual([['items', 'out_of_range'], ['items.2.weight', 'invalid_value']]);
    expect(rowCountsOf(c)).toEqual(before);

    const items2 = [
      { id: 'greeting', label: '问候语', weight: 40, fatal: false, guidance: '' },
      { id: 'correct', label: '答复准确', weight: 60, fatal: false, guidance: '' },
      { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
    ];
    const v2 = await c.ok('scorecards.publish', { name: '简化评分表', items: items2, note: '试行' });
    expect(v2).toMatchObject({ version: 2, builtIn: false, createdBy: '张组长', name: '简化评分表' });
    expect(await c.ok('scorecards.active', {})).toEqual(v2);
    await actAs(c, 'qa');
    expect((await c.ok('scorecards.versions', {})).map((v) => v.version)).toEqual([2, 1]);

    const next = items.find((i) => i.agentName === '李晓梅' && i.recordId !== mine.recordId)!;
    const scored = await c.ok('qa.review', {
      month: '2026-10', kind: next.kind, recordId: next.recordId, scorecardId: v2.id, comment: '', findings: [],
      scores: [
        { itemId: 'greeting', points: 30, failed: false, comment: '' },
        { itemId: 'correct', points: 60, failed: false, comment: '' },
        { itemId: 'red_leak', points: 0, failed: false, comment: '' },
      ],
    });
    expect(scored.review).toMatchObject({ scorecardId: v2.id, scorecardVersion: 2, score: 90 });
    expect(scored.scorecard).toEqual(v2);
    // The review scored before the publish keeps the built-in scorecard.
    const old = await c.ok('qa.item', { month: '2026-10', kind: 'call', recordId: mine.recordId });
    expect(old.scorecard).toEqual(BUILT_IN_SCORECARD);
    expect(old.review!.items).toEqual(BUILT_IN_SCORECARD.items);
  });
});
