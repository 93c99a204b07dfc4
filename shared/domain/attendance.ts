import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { BEIJING_MS, type CalendarOverrides, isWorkingDay, addLocalDays } from './calendar';
import { isoTime, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { LEAD_ROLES } from './roles';

/** Attendance and leave (考勤, 004). docs/quality.md describes the rules. */

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid time' });
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid date' });

export const Shift = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/, { message: 'invalid shift id' }),
  name: requiredText(20),
  start: HHMM,
  /** Earlier than `start` for a night shift: it ends the next day. */
  end: HHMM,
  /** Minutes after the start before a sign-in counts as late (and before the end for leaving early). */
  graceMinutes: z.number().int().min(0).max(120),
});
export type Shift = z.output<typeof Shift>;

export const AttendanceRules = z
  .strictObject({
    shifts: z.array(Shift).min(1).max(10),
    /** A monthly attendance rate below this is flagged for the lead (004: below 90% is penalised). */
    flagBelowPercent: z.number().int().min(0).max(100),
    /** At or above this the agent is commended (004: above 95% is rewarded). */
    commendAbovePercent: z.number().int().min(0).max(100),
    /** A sign-in from a workstation whose clock is further than this from the hub's is flagged. */
    clockSkewMinutes: z.number().int().min(1).max(1440),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.shifts.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['shifts', i, 'id'], message: 'shift id used twice', params: { code: 'duplicate' } });
      seen.add(s.id);
    });
    if (r.commendAbovePercent < r.flagBelowPercent) {
      ctx.addIssue({ code: 'custom', path: ['commendAbovePercent'], message: 'must not be below the flag threshold', params: { code: 'out_of_range' } });
    }
  });
export type AttendanceRules = z.output<typeof AttendanceRules>;

export const DEFAULT_ATTENDANCE_RULES: AttendanceRules = {
  shifts: [
    { id: 'day', name: '白班', start: '08:30', end: '17:30', graceMinutes: 5 },
    { id: 'evening', name: '晚班', start: '13:00', end: '21:00', graceMinutes: 5 },
  ],
  flagBelowPercent: 90,
  commendAbovePercent: 95,
  clockSkewMinutes: 5,
};

/** The instant a shift's HH:mm is on a local (Beijing) day; a night shift's end falls on the next day. */
export function shiftInstant(day: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.parse(`${day}T00:00:00Z`) - BEIJING_MS + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}
export function shiftEndInstant(day: string, s: Pick<Shift, 'start' | 'end'>): number {
  return s.end > s.start ? shiftInstant(day, s.end) : shiftInstant(addLocalDays(day, 1), s.end);
}

export interface Attendance {
  id: string;
  userId: string;
  userName: string;
  /** The local day of the shift's start. */
  day: string;
  shift: Shift;
  workstation: string;
  /** By the workstation's clock. */
  signInAt: string;
  signOutAt: string | null;
  /** Minutes late past the grace, 0 when on time. */
  lateMinutes: number;
  /** Minutes left before the end less the grace, 0 when not early; null until signed out. */
  earlyMinutes: number | null;
  /** When the hub received the sign-in, by the hub's clock; null until it has. */
  hubReceivedAt: string | null;
  /** The workstation's clock minus the hub's, measured at the push; null until then. */
  clockOffsetSeconds: number | null;
  /** The clock was further off than the settings allow: shown to the lead. */
  clockSuspect: boolean;
  note: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const ATTENDANCE_NAMESPACE = '8c7d1b0e-52f4-4a67-bb0b-0d3f2e9b6a11';
export const attendanceIdOf = (userId: string, day: string) => uuidv5(`attendance:${userId}:${day}`, ATTENDANCE_NAMESPACE);

/** What sign-in reads besides its args: the hub's clock when the hub applies it, nothing on the console. */
export interface ClockEnv {
  /** The hub's time of receipt; null on the console. */
  receivedAt: string | null;
  /** Workstation clock minus hub clock at the push, in ms; null on the console. */
  offsetMs: number | null;
  skewMinutes: number;
}

export const SignInArgs = z.strictObject({ id: uuid, day: Day, shift: Shift, workstation: z.string().max(6), note: text(500), at: isoTime });
export type SignInArgs = z.output<typeof SignInArgs>;
export const SignOutArgs = z.strictObject({ id: uuid, at: isoTime });
export type SignOutArgs = z.output<typeof SignOutArgs>;

const ATT_TRACKED: (keyof Attendance & string)[] = ['signInAt', 'signOutAt', 'lateMinutes', 'earlyMinutes', 'hubReceivedAt', 'clockOffsetSeconds', 'clockSuspect'];

function clockStamp(env: ClockEnv): Pick<Attendance, 'hubReceivedAt' | 'clockOffsetSeconds' | 'clockSuspect'> {
  if (env.receivedAt === null || env.offsetMs === null) return { hubReceivedAt: null, clockOffsetSeconds: null, clockSuspect: false };
  return { hubReceivedAt: env.receivedAt, clockOffsetSeconds: Math.round(env.offsetMs / 1000), clockSuspect: Math.abs(env.offsetMs) > env.skewMinutes * 60_000 };
}

export function signIn(prev: Attendance | null, a: SignInArgs, actor: Actor, env: ClockEnv): MutationResult<Attendance> {
  if (a.id !== attendanceIdOf(actor.userId, a.day)) return refuse('invalid_params', 'attendance id does not match the user and day', [{ field: 'id', code: 'invalid_value', message: 'id must derive from user and day' }]);
  if (prev) return refuse('refused', `already signed in on ${a.day}`, [{ field: 'day', code: 'duplicate', message: 'already signed in' }]);
  const start = shiftInstant(a.day, a.shift.start);
  const at = Date.parse(a.at);
  // A sign-in more than a day away from its shift is not a sign-in for that shift.
  if (Math.abs(at - start) > 24 * 3600_000) return refuse('invalid_params', 'the sign-in time is not on the shift day', [{ field: 'day', code: 'out_of_range', message: 'not the shift day' }]);
  const lateMinutes = Math.max(0, Math.floor((at - start) / 60_000) - a.shift.graceMinutes);
  const next: Attendance = {
    id: a.id, userId: actor.userId, userName: actor.displayName, day: a.day, shift: a.shift, workstation: a.workstation,
    signInAt: a.at, signOutAt: null, lateMinutes, earlyMinutes: null, ...clockStamp(env), note: a.note,
    createdAt: a.at, updatedAt: a.at, version: 1,
  };
  return { ok: true, next, changes: diff(null, next, ATT_TRACKED) };
}

export function signOut(prev: Attendance | null, a: SignOutArgs, actor: Actor, env: ClockEnv): MutationResult<Attendance> {
  if (!prev) return refuse('not_found', 'not signed in');
  if (prev.userId !== actor.userId) return refuse('forbidden', 'only the user may sign themselves out');
  if (prev.signOutAt) return refuse('refused', 'already signed out');
  if (Date.parse(a.at) < Date.parse(prev.signInAt)) return refuse('invalid_params', 'signing out before signing in', [{ field: 'at', code: 'in_past', message: 'before the sign-in' }]);
  const end = shiftEndInstant(prev.day, prev.shift);
  const earlyMinutes = Math.max(0, Math.floor((end - Date.parse(a.at)) / 60_000) - prev.shift.graceMinutes);
  const stamp = clockStamp(env);
  const next: Attendance = {
    ...prev, signOutAt: a.at, earlyMinutes,
    // A suspect clock at either end stays suspect.
    clockSuspect: prev.clockSuspect || stamp.clockSuspect,
    clockOffsetSeconds: stamp.clockOffsetSeconds ?? prev.clockOffsetSeconds,
    updatedAt: a.at, version: prev.version + 1,
  };
  return { ok: true, next, changes: diff(prev, next, ATT_TRACKED) };
}

/** The hub's stamp on a sign-in it receives (the console's copy has none until the pull brings it). */
export function stampReceipt(prev: Attendance, env: ClockEnv): Attendance {
  return prev.hubReceivedAt ? prev : { ...prev, ...clockStamp(env) };
}

export const LEAVE_TYPES = ['personal', 'sick', 'marriage', 'bereavement', 'maternity', 'annual'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const LEAVE_STATUSES = ['requested', 'approved', 'refused', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export interface Leave {
  id: string;
  userId: string;
  userName: string;
  type: LeaveType;
  fromDay: string;
  toDay: string;
  /** Working days in the period, on the holiday calendar. */
  workingDays: number;
  reason: string;
  status: LeaveStatus;
  decidedBy: string;
  decidedAt: string | null;
  refuseReason: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const LeaveRequestArgs = z.strictObject({ id: uuid, type: z.enum(LEAVE_TYPES), fromDay: Day, toDay: Day, reason: requiredText(500), at: isoTime });
export type LeaveRequestArgs = z.output<typeof LeaveRequestArgs>;
export const LeaveCancelArgs = z.strictObject({ id: uuid, at: isoTime });
export type LeaveCancelArgs = z.output<typeof LeaveCancelArgs>;
export const LeaveDecideArgs = z.strictObject({ id: uuid, approve: z.boolean(), reason: text(500), at: isoTime });
export type LeaveDecideArgs = z.output<typeof LeaveDecideArgs>;

/** The longest leave one request covers (maternity leave is 98 days and more with extensions). */
export const MAX_LEAVE_DAYS = 190;

export function workingDaysBetween(fromDay: string, toDay: string, o: CalendarOverrides): number {
  let n = 0;
  for (let d = fromDay; d <= toDay; d = addLocalDays(d, 1)) if (isWorkingDay(d, o)) n++;
  return n;
}

export function leavePeriodIssues(fromDay: string, toDay: string): FieldIssue[] {
  if (toDay < fromDay) return [{ field: 'toDay', code: 'out_of_range', message: 'ends before it starts' }];
  const span = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_LEAVE_DAYS) return [{ field: 'toDay', code: 'out_of_range', message: `at most ${MAX_LEAVE_DAYS} days`, params: { maximum: MAX_LEAVE_DAYS } }];
  return [];
}

const LEAVE_TRACKED: (keyof Leave & string)[] = ['type', 'fromDay', 'toDay', 'workingDays', 'reason', 'status', 'decidedBy', 'refuseReason'];

export function requestLeave(prev: Leave | null, a: LeaveRequestArgs, actor: Actor, calendar: CalendarOverrides): MutationResult<Leave> {
  if (prev) return refuse('refused', `leave ${a.id} already exists`);
  const issues = leavePeriodIssues(a.fromDay, a.toDay);
  if (issues.length) return refuse('invalid_params', 'invalid leave period', issues);
  const next: Leave = {
    id: a.id, userId: actor.userId, userName: actor.displayName, type: a.type, fromDay: a.fromDay, toDay: a.toDay,
    workingDays: workingDaysBetween(a.fromDay, a.toDay, calendar), reason: a.reason, status: 'requested',
    decidedBy: '', decidedAt: null, refuseReason: '', createdAt: a.at, updatedAt: a.at, version: 1,
  };
  return { ok: true, next, changes: diff(null, next, LEAVE_TRACKED) };
}

export function cancelLeave(prev: Leave | null, a: LeaveCancelArgs, actor: Actor): MutationResult<Leave> {
  if (!prev) return refuse('not_found', `leave ${a.id} does not exist`);
  if (prev.userId !== actor.userId) return refuse('forbidden', 'only the requester may cancel a leave request');
  if (prev.status !== 'requested') return refuse('refused', `leave is ${prev.status}; only a pending request can be cancelled`);
  const next: Leave = { ...prev, status: 'cancelled', updatedAt: a.at, version: prev.version + 1 };
  return { ok: true, next, changes: diff(prev, next, LEAVE_TRACKED) };
}

export function decideLeave(prev: Leave | null, a: LeaveDecideArgs, actor: Actor): MutationResult<Leave> {
  if (!LEAD_ROLES.includes(actor.role)) return refuse('forbidden', 'only a team lead may decide leave');
  if (!prev) return refuse('not_found', `leave ${a.id} does not exist`);
  if (prev.userId === actor.userId) return refuse('forbidden', 'nobody approves their own leave');
  if (prev.status !== 'requested') return refuse('refused', `leave is ${prev.status}, not waiting for a decision`);
  if (!a.approve && !a.reason) return refuse('invalid_params', 'a reason is required to refuse leave', [{ field: 'reason', code: 'required', message: 'required' }]);
  const next: Leave = {
    ...prev, status: a.approve ? 'approved' : 'refused', decidedBy: actor.displayName, decidedAt: a.at,
    refuseReason: a.approve ? '' : a.reason, updatedAt: a.at, version: prev.version + 1,
  };
  return { ok: true, next, changes: diff(prev, next, LEAVE_TRACKED) };
}

