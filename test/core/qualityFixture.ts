import type { CallbackOutcome } from '../../shared/domain/callback';
import type { ItemScore } from '../../shared/domain/qaReview';
import { BUILT_IN_SCORECARD } from '../../shared/domain/scorecardDefaults';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * A store with a month of service records to sample (October 2026, Beijing time), made through the real
 * core: calls by two agents and a team lead, complaints received by agent1, callbacks done by the officer,
 * and records just outside the month on both sides. A quality inspector ('qa') is added to the usual users.
 */

export interface QaRecord {
  kind: 'call' | 'complaint' | 'callback';
  recordId: string;
  agent: string;
}

export interface QaFixture {
  c: TestConsole;
  users: Record<string, string>;
  /** The month's service records, by who served. */
  october: QaRecord[];
  /** Records outside the month (September, November, a voided October call). */
  outside: string[];
}

const DAY = 86_400_000;
const OCT_1 = Date.parse('2026-09-30T16:00:00.000Z'); // Beijing 2026-10-01 00:00

const outcome: CallbackOutcome = {
  satisfaction: 'satisfied', score: 5, accuracy: 'satisfied', timeliness: 'satisfied', attitude: 'satisfied',
  unsatisfactory: '', remainingProblems: '', suggestions: '', evaluation: '', note: '', scriptVersionId: null,
};

const sessions = new WeakMap<TestConsole, { user: string; t: number }>();

/** Sets the clock and acts as `user`: logs in again only for another user or after a jump that may have expired the session. */
export async function at(c: TestConsole, iso: string | number, user: string): Promise<void> {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  const last = sessions.get(c);
  c.clock.t = t;
  if (last && last.user === user && t >= last.t && t - last.t < 3600_000) return;
  await c.login(user, PASSWORD);
  sessions.set(c, { user, t });
}

/** Logs in as `user` now (tests switch users through this or `at`, so `at` knows who is logged in). */
export async function actAs(c: TestConsole, user: string): Promise<void> {
  await c.login(user, PASSWORD);
  sessions.set(c, { user, t: c.clock.t });
}

export async function answer(c: TestConsole, when: string | number, user: string): Promise<string> {
  await at(c, when, user);
  return (await c.ok('calls.answer', { phone: '13905710000' })).id;
}

/** `counts` sets how many calls each agent takes in October (agent1, agent2). */
export async function qaFixture(counts = { agent1: 34, agent2: 15 }): Promise<QaFixture> {
  const c = await seededConsole();
  await c.ok('users.create', { username: 'qa', displayName: '孙质检', role: 'quality_inspector', password: PASSWORD });
  const users = Object.fromEntries((await c.ok('users.directory', {})).map((u) => [u.displayName, u.id]));
  const october: QaRecord[] = [];
  const outside: string[] = [];
  const MIN = 60_000;
  // The last instant of September is not October's, the first one is, and so on to the first of November.
  outside.push(await answer(c, OCT_1 - 1000, 'agent1'));
  october.push({ kind: 'call', recordId: await answer(c, OCT_1, 'agent1'), agent: 'agent1' });
  for (let i = 1; i < counts.agent1; i++) october.push({ kind: 'call', recordId: await answer(c, OCT_1 + i * MIN, 'agent1'), agent: 'agent1' });
  for (let i = 0; i < counts.agent2; i++) october.push({ kind: 'call', recordId: await answer(c, OCT_1 + 2 * DAY + i * MIN, 'agent2'), agent: 'agent2' });
  const voided = await answer(c, OCT_1 + 2 * DAY + 50 * MIN, 'agent2');
  await c.ok('calls.void', { id: voided, reason: '误录' });
  outside.push(voided);
  october.push({ kind: 'call', recordId: await answer(c, OCT_1 + 5 * DAY, 'lead'), agent: 'lead' });
  for (let i = 0; i < 3; i++) {
    await at(c, OCT_1 + 10 * DAY + i * MIN, 'agent1');
    const k = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13905710000', problem: `报告延误 ${i}`, type: 'timeliness', severity: 'general' });
    october.push({ kind: 'complaint', recordId: k.id, agent: 'agent1' });
  }
  const callbacks: string[] = [];
  for (let i = 0; i < 3; i++) {
    await at(c, OCT_1 + 12 * DAY + i * MIN, 'lead');
    callbacks.push((await c.ok('callbacks.create', { kind: 'promised', dueAt: new Date(c.clock.t + DAY).toISOString(), phone: '13905710000', subject: '回电', assigneeId: users.陈回访! })).id);
  }
  for (const [i, id] of callbacks.entries()) {
    await at(c, OCT_1 + 12 * DAY + (10 + i) * MIN, 'officer');
    await c.ok('callbacks.complete', { id, outcome });
    october.push({ kind: 'callback', recordId: id, agent: 'officer' });
  }
  outside.push(await answer(c, OCT_1 + 31 * DAY, 'agent1'));
  // Today: 2026-11-22, October has ended.
  await at(c, '2026-11-22T02:00:00.000Z', 'lead');
  return { c, users, october, outside };
}

/** Full points on every scored item of the built-in scorecard; `failed` names fatal items failed, `less` takes points off. */
export function scoresOf(failed: string[] = [], less: Record<string, number> = {}): ItemScore[] {
  return BUILT_IN_SCORECARD.items.map((i) => ({
    itemId: i.id,
    points: i.fatal ? 0 : i.weight - (less[i.id] ?? 0),
    failed: failed.includes(i.id),
    comment: '',
  }));
}

export const rowCountsOf = (c: TestConsole) => {
  const db = c.core.context.db;
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { samples: n('qa_samples'), reviews: n('qa_reviews'), findings: n('qa_findings'), scorecards: n('scorecard_versions'), outbox: n('outbox'), history: n('history') };
};
