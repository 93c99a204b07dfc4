import { describe, expect, it } from 'vitest';
import { NO_OVERRIDES } from '../../shared/domain/calendar';
import {
  type Callback,
  type CallbackCreateArgs,
  type CallbackOutcome,
  type CallbackRules,
  callbackNotReached,
  callbackUrgency,
  completeCallback,
  createCallback,
  DEFAULT_CALLBACK_RULES,
  keyAccountDueAt,
  pickAssignee,
  satisfactionDueAt,
} from '../../shared/domain/callback';
import { type Calendar, callbackDueAt, DEFAULT_DEADLINE_RULES, suggestionReplyBy } from '../../shared/domain/deadlines';
import type { Actor } from '../../shared/domain/mutation';

const officer: Actor = { userId: 'u-officer', role: 'callback_officer', displayName: '陈回访' };
const cal: Calendar = { rules: DEFAULT_DEADLINE_RULES, overrides: NO_OVERRIDES };
/** End of a Beijing day, as the deadline helpers return it. */
const endOf = (day: string) => new Date(Date.parse(`${day}T23:59:59.999Z`) - 8 * 3600_000).toISOString();

const createArgs: CallbackCreateArgs = {
  id: '01a20584-06f7-7129-91b2-27fa7cfc5475',
  kind: 'satisfaction',
  dueAt: '2026-11-25T15:59:59.999Z',
  customerId: null,
  name: '周丽',
  organisation: '宏达纺织',
  phone: '0571-88881234',
  subject: '',
  source: 'call',
  sourceId: null,
  callId: null,
  complaintId: null,
  complaintRound: null,
  assigneeId: 'u-officer',
  assigneeName: '陈回访',
  importBatch: null,
  at: '2026-11-22T02:00:00.000Z',
};

function open(over: Partial<CallbackCreateArgs> = {}): Callback {
  const r = createCallback(null, { ...createArgs, ...over }, officer, '0571');
  if (!r.ok) throw new Error(r.reason);
  return r.next;
}

const outcome = (over: Partial<CallbackOutcome> = {}): CallbackOutcome => ({
  satisfaction: 'satisfied',
  score: 5,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
  ...over,
});

describe('callback due rules', () => {
  it('satisfaction: 3 calendar days after the service by default, the end of that Beijing day', () => {
    // 10:00 on 22 November in Beijing.
    expect(satisfactionDueAt('2026-11-22T02:00:00.000Z', DEFAULT_CALLBACK_RULES, NO_OVERRIDES)).toBe(endOf('2026-11-25'));
    // 23:30 on 22 November in Beijing is still the 22nd there, though the 22nd in UTC too: count from the Beijing day.
    expect(satisfactionDueAt('2026-11-22T15:30:00.000Z', DEFAULT_CALLBACK_RULES, NO_OVERRIDES)).toBe(endOf('2026-11-25'));
    expect(satisfactionDueAt('2026-11-22T16:30:00.000Z', DEFAULT_CALLBACK_RULES, NO_OVERRIDES)).toBe(endOf('2026-11-26'));
  });

  it('satisfaction in working days skips National Day 2026 (1–7 October) and counts the make-up Saturday', () => {
    const working: CallbackRules = { ...DEFAULT_CALLBACK_RULES, satisfactionWorkingDays: true };
    // Served on 30 September: 8 October (1), 9 October (2), Saturday 10 October, a make-up working day (3).
    expect(satisfactionDueAt('2026-09-30T02:00:00.000Z', working, NO_OVERRIDES)).toBe(endOf('2026-10-10'));
    expect(satisfactionDueAt('2026-09-30T02:00:00.000Z', DEFAULT_CALLBACK_RULES, NO_OVERRIDES)).toBe(endOf('2026-10-03'));
    // An administrator's calendar correction is honoured: 8 October declared a day off moves it to the 12th.
    expect(satisfactionDueAt('2026-09-30T02:00:00.000Z', working, { holidays: ['2026-10-08'], workdays: [] })).toBe(endOf('2026-10-12'));
  });

  it('suggestion: evaluated and the customer told within 7 working days (001 §3.2)', () => {
    // 29 Sep: 30 Sep (1), 8 Oct (2), 9 Oct (3), 10 Oct make-up (4), 12 Oct (5), 13 Oct (6), 14 Oct (7).
    expect(suggestionReplyBy('2026-09-29T02:00:00.000Z', cal)).toBe(endOf('2026-10-14'));
    expect(suggestionReplyBy('2026-11-20T02:00:00.000Z', cal)).toBe(endOf('2026-12-01'));
  });

  it('complaint: within 7 calendar days after handling (002 §4.2(5)), working days when the rules say so', () => {
    expect(callbackDueAt('2026-11-22T02:00:00.000Z', cal)).toBe(endOf('2026-11-29'));
    expect(callbackDueAt('2026-09-30T02:00:00.000Z', { ...cal, rules: { ...cal.rules, callbackWorkingDays: true } })).toBe(endOf('2026-10-15'));
  });

  it('key account: every two months on the same day and time, clamped to the end of a shorter month', () => {
    expect(keyAccountDueAt('2026-11-22T02:00:00.000Z', 2)).toBe('2027-01-22T02:00:00.000Z');
    expect(keyAccountDueAt('2026-12-31T02:00:00.000Z', 2)).toBe('2027-02-28T02:00:00.000Z');
    expect(keyAccountDueAt('2027-12-31T02:00:00.000Z', 2)).toBe('2028-02-29T02:00:00.000Z');
    expect(keyAccountDueAt('2026-08-31T02:00:00.000Z', 1)).toBe('2026-09-30T02:00:00.000Z');
    // 05:00 on 1 January in Beijing is 31 December in UTC: counted on the Beijing calendar, it is 1 March.
    expect(keyAccountDueAt('2026-12-31T21:00:00.000Z', 2)).toBe('2027-02-28T21:00:00.000Z');
    // 01:00 on 31 December in Beijing (30 December in UTC) clamps to 28 February in Beijing, not 1 March.
    expect(keyAccountDueAt('2026-12-30T17:00:00.000Z', 2)).toBe('2027-02-27T17:00:00.000Z');
  });
});

describe('urgency in the queue', () => {
  const c = open({ dueAt: '2026-11-25T10:00:00.000Z' });
  const at = (iso: string) => callbackUrgency(c, new Date(iso), DEFAULT_CALLBACK_RULES);

  it('is scheduled, then due soon within the warning time, then overdue after the due time', () => {
    expect(at('2026-11-24T10:00:00.000Z')).toBe('scheduled');
    expect(at('2026-11-25T06:00:00.000Z')).toBe('due_soon');
    expect(at('2026-11-25T10:00:00.000Z')).toBe('due_soon');
    expect(at('2026-11-25T10:00:00.001Z')).toBe('overdue');
  });

  it('waits for a scheduled retry, unless the callback is overdue already; closed ones are done', () => {
    const retry = { ...c, nextAttemptAt: '2026-11-24T12:00:00.000Z' };
    expect(callbackUrgency(retry, new Date('2026-11-24T11:00:00.000Z'), DEFAULT_CALLBACK_RULES)).toBe('waiting_retry');
    expect(callbackUrgency(retry, new Date('2026-11-24T12:00:00.000Z'), DEFAULT_CALLBACK_RULES)).toBe('scheduled');
    const late = { ...c, nextAttemptAt: '2026-11-26T12:00:00.000Z' };
    expect(callbackUrgency(late, new Date('2026-11-26T11:00:00.000Z'), DEFAULT_CALLBACK_RULES)).toBe('overdue');
    for (const status of ['done', 'unreachable', 'cancelled'] as const)
      expect(callbackUrgency({ ...c, status }, new Date('2027-01-01T00:00:00.000Z'), DEFAULT_CALLBACK_RULES)).toBe('done');
  });
});

describe('round-robin assignment', () => {
  const officers = [{ id: 'c' }, { id: 'a' }, { id: 'b' }];

  it('gives the next callback to the officer with the fewest open, then the one waiting longest, then by id', () => {
    const open = new Map([['a', 2], ['b', 1], ['c', 1]]);
    const last = new Map([['a', '2026-11-22T01:00'], ['b', '2026-11-22T03:00'], ['c', '2026-11-22T02:00']]);
    expect(pickAssignee(officers, (id) => open.get(id)!, (id) => last.get(id)!)?.id).toBe('c');
    last.set('c', '2026-11-22T03:00');
    expect(pickAssignee(officers, (id) => open.get(id)!, (id) => last.get(id)!)?.id).toBe('b');
    expect(pickAssignee([], () => 0, () => '')).toBeNull();
  });

  it('spreads a batch evenly: nine callbacks over three officers, three each, in turn', () => {
    const open = new Map(officers.map((o) => [o.id, 0]));
    const last = new Map(officers.map((o) => [o.id, '']));
    const picks: string[] = [];
    for (let i = 0; i < 9; i++) {
      const o = pickAssignee(officers, (id) => open.get(id)!, (id) => last.get(id)!)!;
      picks.push(o.id);
      open.set(o.id, open.get(o.id)! + 1);
      last.set(o.id, `2026-11-22T02:00:0${i}`);
    }
    expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });
});

describe('outcome and attempts', () => {
  it('refuses an outcome without satisfaction, and "not satisfied" without saying what about', () => {
    const c = open();
    const none = completeCallback(c, { id: c.id, outcome: outcome({ satisfaction: null }), at: '2026-11-23T02:00:00.000Z' }, officer);
    expect(none).toMatchObject({ ok: false, code: 'invalid_params', fields: [{ field: 'outcome.satisfaction', code: 'required' }] });
    const vague = completeCallback(c, { id: c.id, outcome: outcome({ satisfaction: 'unsatisfied' }), at: '2026-11-23T02:00:00.000Z' }, officer);
    expect(vague).toMatchObject({ ok: false, fields: [{ field: 'outcome.remainingProblems', code: 'required' }] });
    const said = completeCallback(
      c,
      { id: c.id, outcome: outcome({ satisfaction: 'unsatisfied', remainingProblems: '报告仍未寄到' }), at: '2026-11-23T02:00:00.000Z' },
      officer,
    );
    expect(said.ok && said.next).toMatchObject({ status: 'done', satisfaction: 'unsatisfied', attempts: 1, doneBy: '陈回访' });
  });

  it('a suggestion callback records how the suggestion was evaluated, not a satisfaction', () => {
    const c = open({ kind: 'suggestion' });
    const bare = completeCallback(c, { id: c.id, outcome: outcome({ satisfaction: null }), at: '2026-11-23T02:00:00.000Z' }, officer);
    expect(bare).toMatchObject({ ok: false, fields: [{ field: 'outcome.evaluation', code: 'required' }] });
    const told = completeCallback(c, { id: c.id, outcome: outcome({ satisfaction: null, evaluation: '建议已采纳,下月起提供加急服务' }), at: '2026-11-23T02:00:00.000Z' }, officer);
    expect(told.ok).toBe(true);
  });

  it('not reached: counts the attempt and schedules the retry; the last allowed attempt makes it unreachable', () => {
    const rules = { ...DEFAULT_CALLBACK_RULES, retryMinutes: 120, maxAttempts: 3 };
    let c = open();
    const times = ['2026-11-23T02:00:00.000Z', '2026-11-23T05:00:00.000Z', '2026-11-24T02:00:00.000Z'];
    for (const [i, at] of times.entries()) {
      const r = callbackNotReached(c, { id: c.id, note: '无人接听', at }, officer, rules);
      if (!r.ok) throw new Error(r.reason);
      c = r.next;
      expect(c.attempts).toBe(i + 1);
      expect(c.lastAttemptAt).toBe(at);
    }
    expect(c).toMatchObject({ status: 'unreachable', nextAttemptAt: null });
    expect(callbackNotReached(c, { id: c.id, note: '', at: '2026-11-25T02:00:00.000Z' }, officer, rules)).toMatchObject({ ok: false, code: 'refused' });
    const once = callbackNotReached(open(), { id: c.id, note: '', at: times[0]! }, officer, rules);
    expect(once.ok && once.next).toMatchObject({ status: 'open', attempts: 1, nextAttemptAt: '2026-11-23T04:00:00.000Z' });
  });

  it('creating a callback that exists already is a no-op (ids come from the event)', () => {
    const c = open();
    const again = createCallback(c, { ...createArgs, assigneeId: 'u-other', assigneeName: '别人' }, officer, '0571');
    expect(again).toEqual({ ok: true, next: c, changes: [] });
    expect(createCallback(null, { ...createArgs, phone: '12' }, officer, '0571')).toMatchObject({ ok: false, fields: [{ field: 'phone' }] });
  });
});
