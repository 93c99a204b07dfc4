import { afterEach, describe, expect, it } from 'vitest';
import { monthSeed, pickSample } from '../../shared/domain/quality';
import { ORG } from '../helpers/core';
import { actAs, answer, at, type QaFixture, qaFixture, rowCountsOf } from './qualityFixture';

/**
 * The monthly QA draw (质检抽样) over a real store: 10% of each agent's service records of the month (at
 * least one each), reproducible from the month's seed, never a record twice, nothing from other months.
 */

let f: QaFixture;
afterEach(() => f?.c.close());

const key = (r: { kind: string; recordId: string }) => `${r.kind}:${r.recordId}`;

describe('the month draw', () => {
  it('draws 10% ± 1 of each agent’s month (at least one), from the month’s seed, and nothing outside the month', async () => {
    f = await qaFixture();
    const { c } = f;
    await actAs(c, 'qa');
    const drawn = await c.ok('qa.draw', { month: '2026-10' });
    const seed = monthSeed('2026-10', ORG.organisationName);
    expect(drawn).toMatchObject({ month: '2026-10', seed, agents: 4 });

    const month = await c.ok('qa.month', { month: '2026-10' });
    expect(month).toMatchObject({ month: '2026-10', seed, ratePercent: 10, drawnBy: '孙质检' });
    const byAgent = (name: string) => month.agents.find((a) => a.agentName === name)!;
    // agent1: 34 calls and 3 complaints; agent2: 15 calls; the lead: 1 call; the officer: 3 callbacks.
    expect(month.agents.map((a) => [a.agentName, a.population, a.sampled]).sort()).toEqual([
      ['张组长', 1, 1],
      ['李晓梅', 37, 4],
      ['赵建国', 15, 2],
      ['陈回访', 3, 1],
    ]);
    for (const a of month.agents) {
      expect(a.sampled).toBeGreaterThanOrEqual(1);
      expect(Math.abs(a.sampled - a.population / 10)).toBeLessThanOrEqual(1);
    }
    expect(drawn.sampled).toBe(8);
    expect(drawn.added).toBe(8);
    expect(byAgent('陈回访')).toMatchObject({ reviewed: 0, averageScore: null, fatal: 0, openFindings: 0 });

    // Every sampled record is one of the agent's October records; none from September, November, or voided.
    const october = new Map(f.october.map((r) => [key(r), r]));
    for (const item of month.items) {
      const r = october.get(key(item));
      expect(r, `${item.kind} ${item.recordNo} is an October record`).toBeDefined();
      expect(item.agentId).toBe(f.users[{ agent1: '李晓梅', agent2: '赵建国', lead: '张组长', officer: '陈回访' }[r!.agent]!]);
      expect(item).toMatchObject({ month: '2026-10', manual: false, reason: '', reviewId: null, score: null });
      expect(item.at >= '2026-09-30T16:00:00.000Z' && item.at < '2026-10-31T16:00:00.000Z').toBe(true);
    }
    expect(month.items.some((i) => f.outside.includes(i.recordId))).toBe(false);
    expect(new Set(month.items.map(key)).size).toBe(month.items.length);

    // Reproducible: the seed over each agent's records picks exactly these.
    for (const agent of ['agent1', 'agent2', 'lead', 'officer']) {
      const records = f.october.filter((r) => r.agent === agent);
      const expected = pickSample(records, 10, seed).map(key).sort();
      const got = month.items.filter((i) => records.some((r) => r.recordId === i.recordId)).map(key).sort();
      expect(got, agent).toEqual(expected);
    }
  }, 60_000);

  it('a redraw adds nothing already sampled; a higher rate adds only new records; a drawn record cannot be added by hand', async () => {
    f = await qaFixture();
    const { c } = f;
    const first = await c.ok('qa.draw', { month: '2026-10' });
    const before = rowCountsOf(c);
    const again = await c.ok('qa.draw', { month: '2026-10' });
    expect(again).toMatchObject({ sampled: first.sampled, added: 0 });
    expect(rowCountsOf(c)).toEqual(before);

    // Records synced late: agent2's month grows from 15 to 25 calls; the redraw tops agent2 up to round(2.5) = 3, no more.
    for (let i = 0; i < 10; i++) await answer(c, Date.parse('2026-10-20T02:00:00.000Z') + i * 60_000, 'agent2');
    await at(c, '2026-11-22T03:00:00.000Z', 'lead');
    expect(await c.ok('qa.draw', { month: '2026-10' })).toMatchObject({ sampled: first.sampled + 1, added: 1 });
    expect((await c.ok('qa.month', { month: '2026-10' })).agents.find((a) => a.agentName === '赵建国')).toMatchObject({ population: 25, sampled: 3 });

    const items = (await c.ok('qa.month', { month: '2026-10' })).items;
    const more = await c.ok('qa.draw', { month: '2026-10', ratePercent: 30 });
    const after = (await c.ok('qa.month', { month: '2026-10' })).items;
    expect(more.added).toBe(after.length - items.length);
    expect(more.added).toBeGreaterThan(0);
    // The first draw's records are all still there, each once; the month keeps its first seed and rate.
    expect(after.map(key)).toEqual(expect.arrayContaining(items.map(key)));
    expect(new Set(after.map(key)).size).toBe(after.length);
    expect(await c.ok('qa.month', { month: '2026-10' })).toMatchObject({ ratePercent: 10, seed: first.seed });

    const drawnCall = after.find((i) => i.kind === 'call')!;
    const counts = rowCountsOf(c);
    expect(await c.call('qa.add', { month: '2026-10', kind: 'call', recordId: drawnCall.recordId, reason: '客户投诉' })).toMatchObject({
      ok: false,
      error: { code: 'refused', fields: [{ field: 'recordId', code: 'duplicate' }] },
    });
    expect(rowCountsOf(c)).toEqual(counts);
  }, 60_000);

  it('a lead adds a record by hand with its reason, marked as such, once; not a record of another month or an unknown one', async () => {
    f = await qaFixture({ agent1: 12, agent2: 3 });
    const { c } = f;
    await c.ok('qa.draw', { month: '2026-10' });
    const sampled = new Set((await c.ok('qa.month', { month: '2026-10' })).items.map(key));
    const complaint = f.october.find((r) => r.kind === 'complaint' && !sampled.has(key(r)))!;
    const row = await c.ok('qa.add', { month: '2026-10', kind: 'complaint', recordId: complaint.recordId, reason: '客户多次投诉,处理不当' });
    expect(row).toMatchObject({ kind: 'complaint', recordId: complaint.recordId, manual: true, reason: '客户多次投诉,处理不当', agentName: '李晓梅' });
    expect(row.recordNo).toMatch(/^TS-2026-A07-/);
    const month = await c.ok('qa.month', { month: '2026-10' });
    expect(month.items.find((i) => i.recordId === complaint.recordId)).toMatchObject({ manual: true });
    expect(month.agents.find((a) => a.agentName === '李晓梅')!.sampled).toBe(3); // round(15 × 10%) = 2, and the one added

    const counts = rowCountsOf(c);
    expect(await c.call('qa.add', { month: '2026-10', kind: 'complaint', recordId: complaint.recordId, reason: '再次加入' })).toMatchObject({
      ok: false,
      error: { code: 'refused', fields: [{ field: 'recordId', code: 'duplicate' }] },
    });
    expect(await c.call('qa.add', { month: '2026-10', kind: 'call', recordId: f.outside[0]!, reason: '九月的来电' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'recordId', code: 'out_of_range' }] },
    });
    expect(await c.call('qa.add', { month: '2026-10', kind: 'callback', recordId: complaint.recordId, reason: '种类不对' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', fields: [{ field: 'recordId' }] },
    });
    expect(rowCountsOf(c)).toEqual(counts);
  }, 60_000);

  it('refuses the current and a future month beside the month field, and writes nothing', async () => {
    f = await qaFixture({ agent1: 2, agent2: 1 });
    const { c } = f;
    const counts = rowCountsOf(c);
    for (const month of ['2026-11', '2026-12', '2027-01']) {
      expect(await c.call('qa.draw', { month })).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'month', code: 'in_future' }] } });
    }
    expect(rowCountsOf(c)).toEqual(counts);
    // A month with no service records draws nothing and writes nothing.
    expect(await c.ok('qa.draw', { month: '2026-08' })).toMatchObject({ agents: 0, sampled: 0, added: 0 });
    expect(rowCountsOf(c)).toEqual(counts);
    // On 1 November (Beijing) October has ended.
    await at(c, '2026-10-31T16:00:00.000Z', 'lead');
    expect((await c.ok('qa.draw', { month: '2026-10' })).sampled).toBeGreaterThan(0);
  }, 60_000);
});
