import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarCovers, isWorkingDay, localDay } from '../../shared/domain/calendar';
import type { Complaint } from '../../shared/domain/complaint';
import { type Calendar, callbackDueAt, complaintClocks, DEFAULT_DEADLINE_RULES, nextDeadline, suggestionReplyBy } from '../../shared/domain/deadlines';

const cal = (over: Partial<Calendar['rules']> = {}, overrides = { holidays: [] as string[], workdays: [] as string[] }): Calendar => ({
  rules: { ...DEFAULT_DEADLINE_RULES, ...over },
  overrides,
});
/** 10:00 Beijing time on a local day. */
const at10 = (day: string) => new Date(Date.parse(`${day}T02:00:00.000Z`)).toISOString();

describe('working days from the Chinese public-holiday calendar', () => {
  it('counts the make-up Saturday after National Day and skips the holiday week', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
    // Handled on the last day before the holiday: Oct 8, 9, 10 (make-up), 12, 13, 14, 15.
    expect(localDay(addWorkingDays(at10('2026-09-30'), 7))).toBe('2026-10-15');
  });

  it('a complaint handled before National Day: calendar-day callback by default, working days when set', () => {
    expect(localDay(callbackDueAt(at10('2026-09-30'), cal()))).toBe('2026-10-07');
    expect(localDay(callbackDueAt(at10('2026-09-30'), cal({ callbackWorkingDays: true })))).toBe('2026-10-15');
  });

  it('a suggestion due over Spring Festival: 7 working days, counting both make-up Saturdays', () => {
    // Feb 13 (Fri), 14 (make-up Sat), [15–23 off], 24, 25, 26, 27, 28 (make-up Sat).
    const due = suggestionReplyBy(at10('2026-02-12'), cal());
    expect(localDay(due)).toBe('2026-02-28');
    expect(due).toBe('2026-02-28T15:59:59.999Z');
  });

  it('administrators correct the calendar: an added holiday is skipped, an added make-up day counts', () => {
    const o = { holidays: ['2026-11-16'], workdays: ['2026-11-21'] };
    expect(isWorkingDay('2026-11-16', o)).toBe(false);
    expect(isWorkingDay('2026-11-21', o)).toBe(true);
    // From Fri Nov 13: Mon 16 is now off; Sat 21 now counts.
    expect(localDay(addWorkingDays(at10('2026-11-13'), 5))).toBe('2026-11-20');
    expect(localDay(addWorkingDays(at10('2026-11-13'), 5, o))).toBe('2026-11-21');
  });

  it('knows which years it covers, so the app can warn about the coming one', () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(calendarCovers(2027)).toBe(false);
    expect(isWorkingDay('2027-10-01')).toBe(true);
    expect(calendarCovers(2027, { holidays: ['2027-10-01'], workdays: [] })).toBe(true);
  });
});

const base = {
  receivedAt: '2026-11-02T01:00:00.000Z',
  severity: 'major',
  status: 'in_handling',
  escalatedAt: null,
  assignedAt: null,
  reportedAt: null,
  agreedReplyBy: '2026-11-05T09:00:00.000Z',
  completedAt: null,
  callbackDueAt: null,
  callbackAt: null,
} as unknown as Complaint;

describe('deadline clocks', () => {
  const kinds = (c: Complaint, now: string) => Object.fromEntries(complaintClocks(c, cal(), new Date(now)).map((k) => [k.kind, k.state]));

  it('run, warn before breach, and stay marked when breached', () => {
    expect(kinds(base, '2026-11-02T01:05:00.000Z')).toEqual({ escalate: 'running', report: 'running', complete: 'running' });
    expect(kinds(base, '2026-11-02T01:11:00.000Z').escalate).toBe('warning');
    expect(kinds(base, '2026-11-02T01:16:00.000Z').escalate).toBe('breached');
    expect(kinds(base, '2026-11-02T21:30:00.000Z').report).toBe('warning');
    expect(kinds(base, '2026-11-03T01:00:01.000Z').report).toBe('breached');
  });

  it('met on time, or met late — a late escalation stays visible after it is done', () => {
    expect(kinds({ ...base, assignedAt: '2026-11-02T01:10:00.000Z' }, '2026-11-04T00:00:00.000Z').escalate).toBe('met');
    expect(kinds({ ...base, escalatedAt: '2026-11-02T01:40:00.000Z' }, '2026-11-04T00:00:00.000Z').escalate).toBe('met_late');
  });

  it('general complaints have no report clock; the callback clock appears once handled', () => {
    const handled = { ...base, severity: 'general', completedAt: '2026-11-03T01:00:00.000Z', callbackDueAt: '2026-11-10T15:59:59.999Z' } as Complaint;
    const clocks = complaintClocks(handled, cal(), new Date('2026-11-04T00:00:00.000Z'));
    expect(clocks.map((k) => k.kind)).toEqual(['escalate', 'complete', 'callback']);
    expect(nextDeadline(clocks)).toBe('2026-11-02T01:15:00.000Z');
  });
});
