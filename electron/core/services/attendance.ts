import { v7 as uuidv7 } from 'uuid';
import type { AttendanceMonth } from '../../../shared/api/qualityTypes';
import { type Attendance, attendanceIdOf, leavePeriodIssues, type Shift, shiftEndInstant } from '../../../shared/domain/attendance';
import { addLocalDays, BEIJING_MS, isWorkingDay, localDay } from '../../../shared/domain/calendar';
import type { Actor, FieldIssue } from '../../../shared/domain/mutation';
import { LEAD_ROLES } from '../../../shared/domain/roles';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { ATTENDING_ROLES, type Attendee, attendanceSummaries, attendeeById, leaveOverlapping, leavePage, usersOfRoles } from '../store/attendance';
import { getMeta, requireSettings } from '../store/settings';
import { attendanceTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';

/**
 * Sign-in and sign-out (考勤), the monthly attendance, and leave (docs/quality.md). Sign-in is a local
 * mutation like any other: it works offline by the workstation's clock, and the hub stamps its own
 * receipt time when the change reaches it.
 */

/** Before this local hour a night shift's sign-in or sign-out belongs to the shift that began the day before. */
const NIGHT_SHIFT_CUTOFF_HOUR = 6;
const isNightShift = (s: Pick<Shift, 'start' | 'end'>) => s.end < s.start;
const localMinutes = (now: Date) => {
  const t = new Date(now.getTime() + BEIJING_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
};
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function rulesOf(ctx: CoreContext) {
  const s = requireSettings(ctx.db);
  return { rules: s.attendance, overrides: s.calendar };
}

/** The shift whose start is nearest to now, around the clock (a 22:00 shift is near at 23:30). */
function nearestShift(shifts: readonly Shift[], now: Date): Shift {
  const m = localMinutes(now);
  const distance = (s: Shift) => {
    const d = Math.abs(minutesOf(s.start) - m);
    return Math.min(d, 1440 - d);
  };
  return shifts.reduce((best, s) => (distance(s) < distance(best) ? s : best));
}

/** How long after a night shift's end a sign-out still closes it (and the screen still shows it). */
const NIGHT_SIGN_OUT_WINDOW_MS = 6 * 3600_000;

/** The user's night shift that began yesterday and is not signed out, while it can still be. */
function openNightShift(ctx: CoreContext, userId: string, now: Date): Attendance | null {
  const prev = attendanceTable.get(ctx.db, attendanceIdOf(userId, addLocalDays(localDay(now.toISOString()), -1)));
  if (!prev || prev.signOutAt || !isNightShift(prev.shift)) return null;
  return now.getTime() < shiftEndInstant(prev.day, prev.shift) + NIGHT_SIGN_OUT_WINDOW_MS ? prev : null;
}

/**
 * The record sign-out closes and the screen shows: last night's open shift until it ends, and after its
 * end as long as today has no sign-in of its own; otherwise today's.
 */
function currentRecord(ctx: CoreContext, userId: string, now: Date): Attendance | null {
  const today = attendanceTable.get(ctx.db, attendanceIdOf(userId, localDay(now.toISOString())));
  const night = openNightShift(ctx, userId, now);
  return night && (!today || now.getTime() < shiftEndInstant(night.day, night.shift)) ? night : today;
}

function monthSpan(ctx: CoreContext, month: string) {
  const { rules, overrides } = rulesOf(ctx);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return { from: `${month}-01`, to, today: localDay(ctx.now().toISOString()), rules, overrides };
}

function monthOf(ctx: CoreContext, users: Attendee[], month: string): AttendanceMonth[] {
  return attendanceSummaries(ctx.db, users, monthSpan(ctx, month), month);
}

function requireSelf(ctx: CoreContext, actor: Actor): Attendee {
  const me = attendeeById(ctx.db, actor.userId);
  if (!me) throw new ApiFailure('not_found', 'the signed-in user no longer exists');
  return me;
}

/** A calendar day that does not exist (2026-02-30) passes the format check; it is refused beside its field. */
function dayIssues(field: string, day: string): FieldIssue[] {
  const real = !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && addLocalDays(day, 0) === day;
  return real ? [] : [{ field, code: 'invalid_format', message: 'not a calendar day' }];
}

const byRate = (a: AttendanceMonth, b: AttendanceMonth) =>
  (a.rate ?? Number.POSITIVE_INFINITY) - (b.rate ?? Number.POSITIVE_INFINITY) || a.userName.localeCompare(b.userName, 'zh-CN');

export const attendanceHandlers: HandlerMap<
  | 'attendance.today'
  | 'attendance.signIn'
  | 'attendance.signOut'
  | 'attendance.mine'
  | 'attendance.team'
  | 'leave.request'
  | 'leave.cancel'
  | 'leave.list'
  | 'leave.decide'
> = {
  'attendance.today': ({ ctx, session }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const { rules, overrides } = rulesOf(ctx);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'attendance' },
      () => {
        const record = currentRecord(ctx, actor.userId, now);
        const day = record?.day ?? localDay(now.toISOString());
        return { day, working: isWorkingDay(day, overrides), record, shifts: rules.shifts, suggestedShiftId: nearestShift(rules.shifts, now).id };
      },
      (r) => (r.record ? [r.record.id] : []),
    );
  },

  'attendance.signIn': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const shift = rulesOf(ctx).rules.shifts.find((s) => s.id === params.shiftId);
    if (!shift) throw new ApiFailure('invalid_params', `no shift ${params.shiftId}`, [{ field: 'shiftId', code: 'invalid_value', message: 'not a shift of the settings' }]);
    // The shift day is the local day of now, except that a night shift signed into after midnight began the day before.
    const today = localDay(now.toISOString());
    const day = isNightShift(shift) && localMinutes(now) < NIGHT_SHIFT_CUTOFF_HOUR * 60 ? addLocalDays(today, -1) : today;
    const id = attendanceIdOf(actor.userId, day);
    if (attendanceTable.get(ctx.db, id)) throw new ApiFailure('refused', `already signed in on ${day}`, [{ field: 'shiftId', code: 'duplicate', message: 'already signed in today' }]);
    const workstation = getMeta(ctx.db, 'workstation') ?? 'WS';
    return runSyncMutation(ctx, 'attendance.signIn', { id, day, shift, workstation, note: params.note ?? '', at: now.toISOString() }, actor);
  },

  'attendance.signOut': ({ ctx, session }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const record = currentRecord(ctx, actor.userId, now);
    if (!record) throw new ApiFailure('not_found', 'not signed in today');
    return runSyncMutation(ctx, 'attendance.signOut', { id: record.id, at: now.toISOString() }, actor, { prev: record });
  },

  'attendance.mine': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'attendance', detail: params.month },
      () => monthOf(ctx, [requireSelf(ctx, actor)], params.month)[0]!,
      (m) => [m.userId],
    );
  },

  'attendance.team': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'attendance', detail: params.month },
      () => monthOf(ctx, usersOfRoles(ctx.db, ATTENDING_ROLES, true), params.month).sort(byRate),
      (rows) => rows.map((m) => m.userId),
    );
  },

  'leave.request': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const issues = [...dayIssues('fromDay', params.fromDay), ...dayIssues('toDay', params.toDay)];
    if (!issues.length) issues.push(...leavePeriodIssues(params.fromDay, params.toDay));
    if (!issues.length) {
      const clash = leaveOverlapping(ctx.db, actor.userId, params.fromDay, params.toDay, ['requested', 'approved'])[0];
      if (clash) issues.push({ field: 'fromDay', code: 'duplicate', message: `overlaps the leave of ${clash.fromDay} to ${clash.toDay}`, params: { fromDay: clash.fromDay, toDay: clash.toDay } });
    }
    if (issues.length) throw new ApiFailure('invalid_params', 'invalid leave period', issues);
    const at = ctx.now().toISOString();
    return runSyncMutation(ctx, 'leave.request', { id: uuidv7(), type: params.type, fromDay: params.fromDay, toDay: params.toDay, reason: params.reason, at }, actor);
  },

  // The domain rule refuses anybody but the requester, and anything but a pending request.
  'leave.cancel': ({ ctx, session, params }) => runSyncMutation(ctx, 'leave.cancel', { id: params.id, at: ctx.now().toISOString() }, actorOf(session)),

  'leave.list': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    if (params.scope === 'team' && !LEAD_ROLES.includes(actor.role)) throw new ApiFailure('forbidden', 'only a team lead sees the team’s leave');
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'leave', detail: params.scope },
      () =>
        leavePage(ctx.db, {
          userId: params.scope === 'mine' ? actor.userId : null,
          status: params.status ?? null,
          limit: params.limit ?? 100,
          offset: params.offset ?? 0,
        }),
      (p) => p.rows.map((l) => l.id),
    );
  },

  // Only a team lead, never on their own leave, and refusing needs a reason: the domain rule says which.
  'leave.decide': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'leave.decide', { id: params.id, approve: params.approve, reason: params.reason, at: ctx.now().toISOString() }, actorOf(session)),
};
