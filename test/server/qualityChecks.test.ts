import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { ScorecardItem } from '../../shared/domain/qaReview';
import { reviewIdOf } from '../../shared/domain/quality';
import { BUILT_IN_SCORECARD } from '../../shared/domain/scorecardDefaults';
import { type HubClient, mut, sqliteFactory, USERS, useHub } from './harness';

// A QA review is scored on the items of the scorecard version it names, published on the hub or built in
// (server/checks.ts): a client cannot score with a scorecard of its own making.

const at = (min: number) => new Date(Date.parse('2026-11-25T03:00:00.000Z') + min * 60_000).toISOString();

function review(items: readonly ScorecardItem[], card: { id: string; version: number }) {
  const recordId = uuidv7();
  return {
    id: reviewIdOf('2026-11', 'call', recordId),
    month: '2026-11',
    recordKind: 'call',
    recordId,
    recordNo: 'LD-20261123-A07-0001',
    agentId: USERS.agent1.id,
    agentName: USERS.agent1.displayName,
    scorecardId: card.id,
    scorecardVersion: card.version,
    items,
    scores: items.map((i) => ({ itemId: i.id, points: i.weight, failed: false, comment: '' })),
    comment: '',
    at: at(1),
  };
}

async function pushReview(c: HubClient, args: ReturnType<typeof review>) {
  const r = await c.push('lead', uuidv7(), [mut(1, 'qa.review', args)], 'L01');
  expect(r.status).toBe(200);
  return r.json.acks[0];
}

const held = async (c: HubClient, id: string) => (await c.pullAll('lead')).some((r) => r.entity === 'qa_review' && r.id === id);

describe('the hub checks the scorecard a review was scored on', () => {
  const h = useHub(sqliteFactory);

  it('takes a review on the built-in scorecard as it is', async () => {
    const c = h();
    await c.login('lead', 'L01');
    const args = review(BUILT_IN_SCORECARD.items, BUILT_IN_SCORECARD);
    expect(await pushReview(c, args)).toMatchObject({ status: 'applied' });
    expect(await held(c, args.id)).toBe(true);
  });

  it('refuses one on the built-in id with a red line left out, weights of its own, a label changed or another version; nothing is written', async () => {
    const c = h();
    await c.login('lead', 'L01');
    const base = BUILT_IN_SCORECARD.items;
    const variants: [string, ScorecardItem[], number][] = [
      ['no red lines', base.filter((i) => !i.fatal), 1],
      ['weights', base.map((i) => (i.id === 'greeting' ? { ...i, weight: 5 } : i.id === 'correct' ? { ...i, weight: 35 } : i)), 1],
      ['label', base.map((i) => (i.id === 'attitude' ? { ...i, label: '态度' } : i)), 1],
      ['version', [...base], 2],
    ];
    for (const [what, items, version] of variants) {
      const args = review(items, { id: BUILT_IN_SCORECARD.id, version });
      const ack = await pushReview(c, args);
      expect(ack, what).toMatchObject({ status: 'rejected', code: 'scorecard_mismatch' });
      expect(await held(c, args.id), what).toBe(false);
    }
  });

  it('checks against a published version: its own items apply, another id or another version is refused', async () => {
    const c = h();
    await c.login('lead', 'L01');
    const items: ScorecardItem[] = [
      { id: 'greeting', label: '问候语', weight: 50, fatal: false, guidance: '' },
      { id: 'correct', label: '答复准确', weight: 50, fatal: false, guidance: '' },
      { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
    ];
    const card = { id: uuidv7(), version: 2 };
    const published = await c.push('lead', uuidv7(), [mut(1, 'scorecard.publish', { ...card, name: '二版评分表', items, note: '', at: at(0) })], 'L01');
    expect(published.json.acks[0]).toMatchObject({ status: 'applied' });
    expect(await pushReview(c, review(items, card))).toMatchObject({ status: 'applied' });
    for (const [what, args] of [
      ['unknown id', review(items, { id: uuidv7(), version: 2 })],
      ['other version', review(items, { id: card.id, version: 3 })],
      ['a fatal item made harmless', review(items.map((i) => (i.fatal ? { ...i, fatal: false } : i)), card)],
    ] as const) {
      const ack = await pushReview(c, args);
      expect(ack, what).toMatchObject({ status: 'rejected', code: 'scorecard_mismatch' });
      expect(await held(c, args.id), what).toBe(false);
    }
  });
});
