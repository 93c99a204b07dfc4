import { z } from 'zod';
import { addCalendarDays, addWorkingDays, type CalendarOverrides } from './calendar';
import type { Complaint } from './complaint';

/** Deadline rules are settings; the defaults follow the seeds. */
export const DeadlineRules = z.strictObject({
  escalateMinutes: z.number().int().min(1).max(24 * 60),
  reportHours: z.number().int().min(1).max(24 * 14),
  callbackDays: z.number().int().min(1).max(60),
  callbackWorkingDays: z.boolean(),
  suggestionDays: z.number().int().min(1).max(60),
  suggestionWorkingDays: z.boolean(),
  warnEscalateMinutes: z.number().int().min(0).max(24 * 60),
  warnReportMinutes: z.number().int().min(0).max(24 * 60),
  warnCompleteMinutes: z.number().int().min(0).max(7 * 24 * 60),
  warnCallbackMinutes: z.number().int().min(0).max(14 * 24 * 60),
});
export type DeadlineRules = z.output<typeof DeadlineRules>;

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  escalateMinutes: 15,
  reportHours: 24,
  callbackDays: 7,
  callbackWorkingDays: false,
  suggestionDays: 7,
  suggestionWorkingDays: true,
  warnEscalateMinutes: 5,
  warnReportMinutes: 240,
  warnCompleteMinutes: 240,
  warnCallbackMinutes: 24 * 60,
};

export interface Calendar {
  rules: DeadlineRules;
  overrides: CalendarOverrides;
}

const plusDays = (fromIso: string, n: number, working: boolean, o: CalendarOverrides) =>
  working ? addWorkingDays(fromIso, n, o) : addCalendarDays(fromIso, n);

export function callbackDueAt(handledAt: string, cal: Calendar): string {
  return plusDays(handledAt, cal.rules.callbackDays, cal.rules.callbackWorkingDays, cal.overrides);
}

/** A suggestion must be evaluated and the customer told within 7 working days (001 §3.2). */
export function suggestionReplyBy(receivedAt: string, cal: Calendar): string {
  return plusDays(receivedAt, cal.rules.suggestionDays, cal.rules.suggestionWorkingDays, cal.overrides);
}

export const CLOCK_KINDS = ['escalate', 'report', 'complete', 'callback'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_STATES = ['running', 'warning', 'breached', 'met', 'met_late'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export interface Clock {
  kind: ClockKind;
  dueAt: string;
  warnAt: string;
  doneAt: string | null;
  state: ClockState;
}

function clock(kind: ClockKind, dueAt: string, warnMinutes: number, doneAt: string | null, now: Date): Clock {
  const due = Date.parse(dueAt);
  const warnAt = new Date(due - warnMinutes * 60_000).toISOString();
  let state: ClockState;
  if (doneAt) state = Date.parse(doneAt) <= due ? 'met' : 'met_late';
  else if (now.getTime() > due) state = 'breached';
  else if (now.getTime() >= Date.parse(warnAt)) state = 'warning';
  else state = 'running';
  return { kind, dueAt, warnAt, doneAt, state };
}

/**
 * Every deadline of a complaint as a clock: running, warning before breach, breached, or met (on time
 * or late — a breach stays visible after the work is done).
 */
export function complaintClocks(c: Complaint, cal: Calendar, now: Date): Clock[] {
  if (c.status === 'voided') return [];
  const r = cal.rules;
  const received = Date.parse(c.receivedAt);
  const out: Clock[] = [];
  const escalateDue = new Date(received + r.escalateMinutes * 60_000).toISOString();
  out.push(clock('escalate', escalateDue, r.warnEscalateMinutes, c.escalatedAt ?? c.assignedAt, now));
  if (c.severity !== 'general') {
    out.push(clock('report', new Date(received + r.reportHours * 3600_000).toISOString(), r.warnReportMinutes, c.reportedAt, now));
  }
  if (c.agreedReplyBy) out.push(clock('complete', c.agreedReplyBy, r.warnCompleteMinutes, c.completedAt, now));
  if (c.callbackDueAt) out.push(clock('callback', c.callbackDueAt, r.warnCallbackMinutes, c.callbackAt, now));
  return out;
}

/** The soonest running clock, for "sort by next deadline"; null when nothing is running. */
export function nextDeadline(clocks: Clock[]): string | null {
  const open = clocks.filter((k) => !k.doneAt).map((k) => k.dueAt).sort();
  return open[0] ?? null;
}
