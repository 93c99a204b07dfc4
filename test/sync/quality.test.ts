import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleIdOf } from '../../shared/domain/quality';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

// QA and attendance across two workstations and a real hub process (docs/quality.md, docs/sync.md):
// two offline draws of the same month converge to one sample, and a sign-in made by a clock far from the
// hub's is stamped with the hub's receipt time and flagged.

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;
const MONTH = '2026-11';
const CALLS = { agent1: 23, agent2: 15 } as const;

async function sync(...consoles: TestConsole[]) {
  for (const x of consoles) expect((await x.ok('sync.now', {})).error).toBeNull();
}

interface SampleRow {
  id: string;
  agent_id: string;
  seed: string | null;
  population: number;
  items: string;
}
const samplesOf = (x: TestConsole) =>
  (x.core.context.db.prepare('SELECT id, agent_id, seed, population, items FROM qa_samples WHERE month = ? ORDER BY id').all(MONTH) as SampleRow[]).map((s) => ({
    ...s,
    items: (JSON.parse(s.items) as { kind: string; recordId: string }[]).map((i) => `${i.kind}:${i.recordId}`),
  }));
const userId = (x: TestConsole, username: string) => (x.core.context.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
  // The inspector is made on the hub (A is joined) and reaches B by the pull.
  await a.ok('users.create', { username: 'zhijian', displayName: '孙质检', role: 'quality_inspector', password: PASSWORD });
  // November, by both workstations' clocks: agent1 answers at A, agent2 at B, a minute apart.
  for (const [x, agent] of [[a, 'agent1'], [b, 'agent2']] as const) {
    await x.login(agent, PASSWORD);
    for (let i = 0; i < CALLS[agent]; i++) {
      x.clock.advance(60_000);
      await x.ok('calls.answer', { phone: `1380013${String(i).padStart(4, '0')}` });
    }
  }
  await sync(a, b, a);
}, 180_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('two offline draws of the same month', () => {
  it('converge through the hub to one sample per agent, 10% ± 1 of each month, no record twice, the same on both workstations', async () => {
    for (const x of [a, b]) expect((x.core.context.db.prepare('SELECT count(*) AS n FROM call_records').get() as { n: number }).n).toBe(CALLS.agent1 + CALLS.agent2);
    // December by both clocks: November has ended. A lead draws at A, the inspector at B, neither having synced.
    for (const x of [a, b]) x.clock.t = Date.now();
    await a.login('lead', PASSWORD);
    await b.login('zhijian', PASSWORD);
    const drawA = await a.ok('qa.draw', { month: MONTH });
    const drawB = await b.ok('qa.draw', { month: MONTH });
    expect(drawA).toMatchObject({ agents: 2, sampled: drawB.sampled, seed: drawB.seed });
    await sync(a, b, a, b);

    const onA = samplesOf(a);
    const onB = samplesOf(b);
    expect(onA).toEqual(onB);
    expect(onA.map((s) => s.agent_id).sort()).toEqual([userId(a, 'agent1'), userId(a, 'agent2')].sort());
    for (const s of onA) {
      expect(s.id).toBe(sampleIdOf(MONTH, s.agent_id));
      const n = s.agent_id === userId(a, 'agent1') ? CALLS.agent1 : CALLS.agent2;
      expect(s.population).toBe(n);
      expect(Math.abs(s.items.length - n / 10), `${s.items.length} of ${n}`).toBeLessThanOrEqual(1);
      expect(s.items.length).toBeGreaterThanOrEqual(1);
    }
    const all = onA.flatMap((s) => s.items);
    expect(new Set(all).size).toBe(all.length);
    // Every sampled call is the agent's own, and nobody saw a conflict.
    for (const s of onA) {
      for (const key of s.items) {
        const call = a.core.context.db.prepare('SELECT agent_id FROM call_records WHERE id = ?').get(key.slice('call:'.length)) as { agent_id: string };
        expect(call.agent_id).toBe(s.agent_id);
      }
    }
    for (const x of [a, b]) expect((await x.ok('sync.now', {})).conflicts).toBe(0);
    // The screens read the same sample.
    const monthA = await a.ok('qa.month', { month: MONTH });
    const monthB = await b.ok('qa.month', { month: MONTH });
    expect(monthA.items.map((i) => i.recordId).sort()).toEqual(monthB.items.map((i) => i.recordId).sort());
    expect(monthA.items).toHaveLength(all.length);
  });

  it('a redraw on either side adds nothing', async () => {
    const before = samplesOf(a);
    expect((await a.ok('qa.draw', { month: MONTH })).added).toBe(0);
    expect((await b.ok('qa.draw', { month: MONTH })).added).toBe(0);
    await sync(a, b, a);
    expect(samplesOf(a)).toEqual(before);
    expect(samplesOf(b)).toEqual(before);
  });
});

describe('a sign-in made offline and synced later', () => {
  it("by a clock 20 minutes ahead of the hub's: the hub stamps its receipt time and flags the clock; by a right clock: not flagged", async () => {
    a.clock.t = Date.now() + 20 * 60_000;
    b.clock.t = Date.now();
    await a.login('agent1', PASSWORD);
    await b.login('agent2', PASSWORD);
    const fast = await a.ok('attendance.signIn', { shiftId: 'day' });
    const right = await b.ok('attendance.signIn', { shiftId: 'day' });
    // Not yet received: the workstation cannot judge its own clock.
    expect(fast).toMatchObject({ hubReceivedAt: null, clockSuspect: false });
    const sentAt = Date.now();
    await sync(a, b, a);

    const onA = (await a.ok('attendance.today', {})).record!;
    expect(onA.id).toBe(fast.id);
    expect(onA.hubReceivedAt).not.toBeNull();
    expect(Math.abs(Date.parse(onA.hubReceivedAt!) - sentAt)).toBeLessThan(60_000);
    expect(onA.clockSuspect).toBe(true);
    expect(onA.clockOffsetSeconds!).toBeGreaterThan(19 * 60);
    expect(onA.clockOffsetSeconds!).toBeLessThan(21 * 60);

    const onB = (await b.ok('attendance.today', {})).record!;
    expect(onB.id).toBe(right.id);
    expect(onB.hubReceivedAt).not.toBeNull();
    expect(onB.clockSuspect).toBe(false);
    expect(Math.abs(onB.clockOffsetSeconds!)).toBeLessThan(60);

    // The lead works at A: both records are there for the team view, the fast one flagged.
    const flags = a.core.context.db.prepare('SELECT user_id, clock_suspect FROM attendance WHERE id IN (?, ?)').all(fast.id, right.id) as { user_id: string; clock_suspect: number }[];
    expect(Object.fromEntries(flags.map((f) => [f.user_id, f.clock_suspect]))).toEqual({ [userId(a, 'agent1')]: 1, [userId(a, 'agent2')]: 0 });
  });
});
