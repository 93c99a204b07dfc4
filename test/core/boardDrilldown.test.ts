import { afterEach, describe, expect, it } from 'vitest';
import type { ParamsOf } from '../../shared/api/contract';
import type { BoardSummary } from '../../shared/api/types';
import type { CallbackOutcome } from '../../shared/domain/callback';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * Every number on the team-lead board equals the total of the list its click-through opens: the params
 * below are the ones the renderer sends (BoardPage → hash query → CallList / CallbackQueue).
 */

let c: TestConsole;
afterEach(() => c?.close());

const MIN = 60_000;

const outcome: CallbackOutcome = {
  satisfaction: 'satisfied',
  score: 5,
  accuracy: 'satisfied',
  timeliness: 'satisfied',
  attitude: 'satisfied',
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
};

/** As CallList sends them for #/records?from=…[&late=1|&rated=1] (first page, voided excluded). */
const callParams = (from: string, extra: Partial<ParamsOf<'calls.list'>> = {}): ParamsOf<'calls.list'> => ({ from, includeVoided: false, ...extra, limit: 50, offset: 0 });
/** As CallbackQueue sends them for #/callbacks?scope=all&dueBy=… or &overdue=1 (status filter at its default). */
const queueParams = (extra: Partial<ParamsOf<'callbacks.queue'>>): ParamsOf<'callbacks.queue'> => ({ scope: 'all', status: 'open', ...extra, limit: 50, offset: 0 });

interface CallSpec {
  late?: boolean;
  score?: number;
  voided?: boolean;
  content?: string;
}

/** A call answered now by agent1: rung 40 s before (late) or 5 s before, ended with an optional score. */
async function takeCall(spec: CallSpec) {
  const rangAt = new Date(c.clock.t - (spec.late ? 40_000 : 5_000)).toISOString();
  const call = await c.ok('calls.answer', { phone: '13912345678', rangAt });
  await c.ok('calls.save', {
    id: call.id,
    fields: { content: spec.content ?? '询问检测进度', category: 'query', ...(spec.score ? { satisfaction: spec.score } : {}) },
    end: true,
  });
  if (spec.voided) await c.ok('calls.void', { id: call.id, reason: '误录' });
  c.clock.advance(MIN);
  return call;
}

async function at(iso: string, user = 'agent1') {
  c.clock.t = Date.parse(iso);
  await c.login(user, PASSWORD); // sessions expire over the jumps between days
}

/** The board, with each number checked against its list; returned for the exact expectations. */
async function boardMatchingItsLists(): Promise<BoardSummary> {
  const b = await c.ok('board.summary', {});
  const total = async <M extends 'calls.list' | 'callbacks.queue'>(m: M, p: ParamsOf<M>) => (await c.ok(m, p)).total;
  expect(await total('calls.list', callParams(b.dayStart)), '今日来电').toBe(b.callsToday);
  expect(await total('calls.list', callParams(b.dayStart, { answeredLate: true })), '今日超时接听').toBe(b.answeredLateToday);
  expect(await total('calls.list', callParams(b.monthStart, { rated: true })), '本月满意度').toBe(b.satisfaction.calls);
  expect(await total('callbacks.queue', queueParams({ dueBy: b.dayEnd })), '今日到期回访').toBe(b.callbacksDue);
  expect(await total('callbacks.queue', queueParams({ overdue: true })), '回访逾期').toBe(b.callbacksOverdue);
  return b;
}

describe('team-lead board drill-downs', () => {
  it('counts exactly what each click-through lists: calls today, late, rated this month, callbacks due and overdue', async () => {
    c = await seededConsole();
    // Last month (Beijing 10-31 18:00): rated, outside this month.
    await at('2026-10-31T10:00:00.000Z');
    await takeCall({ late: true, score: 1 });
    // Yesterday, up to one minute before Beijing midnight.
    await at('2026-11-22T02:00:00.000Z');
    await takeCall({ score: 4 });
    await at('2026-11-22T15:59:00.000Z');
    await takeCall({ late: true, score: 2 });
    // Today: from 00:00:30 Beijing time.
    await at('2026-11-22T16:00:30.000Z');
    await takeCall({});
    await at('2026-11-23T01:00:00.000Z');
    await takeCall({ score: 5, content: '色牢度复检的进度' });
    await takeCall({ late: true, score: 3, content: '色牢度报告何时出具' });
    await takeCall({ late: true, content: '色牢度检测费用' });
    await takeCall({ late: true, score: 4, voided: true, content: '色牢度' });
    await takeCall({ voided: true });

    // Callbacks, created by the lead at 10:00 Beijing time; "now" below is 2026-11-23T02:00Z.
    await at('2026-11-23T02:00:00.000Z', 'lead');
    const officer = (await c.ok('users.directory', {})).find((u) => u.displayName === '陈回访')!.id;
    const cb = (kind: 'promised' | 'satisfaction' | 'key_account' | 'presale' | 'aftersale', dueAt: string, assigneeId: string | null = null) =>
      c.ok('callbacks.create', { kind, dueAt, phone: '13800138000', assigneeId });
    await cb('promised', '2026-11-23T06:00:00.000Z', officer); // today 14:00: due
    await cb('satisfaction', '2026-11-22T03:00:00.000Z'); // yesterday: overdue
    await cb('key_account', '2026-11-23T01:00:00.000Z', officer); // today 09:00, passed: overdue
    await cb('aftersale', '2026-11-23T15:59:59.999Z'); // today 23:59:59.999: due, the last instant of the day
    await cb('presale', '2026-11-23T16:00:00.000Z'); // tomorrow 00:00: not today
    await cb('presale', '2026-11-30T02:00:00.000Z', officer); // next week
    const done = await cb('promised', '2026-11-23T04:00:00.000Z', officer);
    await c.ok('callbacks.complete', { id: done.id, outcome });
    const cancelled = await cb('promised', '2026-11-22T04:00:00.000Z');
    await c.ok('callbacks.cancel', { id: cancelled.id, reason: '客户已自行处理' });

    const b = await boardMatchingItsLists();
    expect(b).toMatchObject({
      dayStart: '2026-11-22T16:00:00.000Z',
      dayEnd: '2026-11-23T15:59:59.999Z',
      monthStart: '2026-10-31T16:00:00.000Z',
      callsToday: 4,
      answeredLateToday: 2,
      callbacksDue: 4,
      callbacksOverdue: 2,
      satisfaction: { calls: 4, average: 3.5 },
    });
    // The lists hold the rows counted, not merely as many.
    const late = await c.ok('calls.list', callParams(b.dayStart, { answeredLate: true }));
    expect(late.rows.every((r) => r.answeredLate && !r.voided && r.answeredAt >= b.dayStart)).toBe(true);
    const overdue = await c.ok('callbacks.queue', queueParams({ overdue: true }));
    expect(overdue.rows.map((r) => r.kind)).toEqual(['satisfaction', 'key_account']);
    const due = await c.ok('callbacks.queue', queueParams({ dueBy: b.dayEnd }));
    expect(due.rows.map((r) => r.kind)).toEqual(['satisfaction', 'key_account', 'promised', 'aftersale']);

    // The new filters apply on the search plan too (the full-text index drives, filterSql narrows).
    const search = (extra: Partial<ParamsOf<'calls.list'>>) => c.ok('calls.list', callParams(b.dayStart, { q: '色牢度', ...extra }));
    expect((await search({})).total).toBe(3);
    expect((await search({ answeredLate: true })).total).toBe(2);
    expect((await search({ rated: true })).total).toBe(2);
    expect((await search({ answeredLate: true, rated: true })).total).toBe(1);
    expect((await search({ answeredLate: false, rated: false })).total).toBe(0);
    expect((await c.ok('calls.list', { answeredLate: false, rated: false, includeVoided: true })).total).toBe(2);

    // Later the same day: the 14:00 promise is overdue and still due today.
    await at('2026-11-23T07:00:00.000Z', 'lead');
    expect(await boardMatchingItsLists()).toMatchObject({ callsToday: 4, callbacksDue: 4, callbacksOverdue: 3 });

    // After midnight: a new day (no calls yet), and tomorrow's callbacks fall due.
    await at('2026-11-23T16:30:00.000Z', 'lead');
    expect(await boardMatchingItsLists()).toMatchObject({
      dayStart: '2026-11-23T16:00:00.000Z',
      callsToday: 0,
      answeredLateToday: 0,
      callbacksDue: 5,
      callbacksOverdue: 5,
      satisfaction: { calls: 4 },
    });
  });

  it('a due-by bound with an offset means the same instant', async () => {
    c = await seededConsole();
    await c.login('lead', PASSWORD);
    await c.ok('callbacks.create', { kind: 'promised', dueAt: '2026-11-22T15:00:00.000Z', phone: '13800138000', assigneeId: null });
    const total = async (dueBy: string) => (await c.ok('callbacks.queue', queueParams({ dueBy }))).total;
    expect(await total('2026-11-22T23:00:00+08:00')).toBe(1);
    expect(await total('2026-11-22T22:59:59+08:00')).toBe(0);
  });
});
