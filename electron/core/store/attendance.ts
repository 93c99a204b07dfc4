import type Database from 'better-sqlite3-multiple-ciphers';
import type { AttendanceDay, AttendanceDayState, AttendanceMonth } from '../../../shared/api/qualityTypes';
import type { Attendance, AttendanceRules, Leave, LeaveStatus } from '../../../shared/domain/attendance';
import { addLocalDays, type CalendarOverrides, isWorkingDay, localDay } from '../../../shared/domain/calendar';
import type { Role } from '../../../shared/domain/roles';
import { stmt } from './stmt';
import { attendanceTable, leaveTable } from './tables';

/** Attendance and leave queries, and the monthly attendance derived from them (docs/quality.md). */

/** Who is expected to sign in: everybody who takes or checks the work; administrators configure the product. */
export const ATTENDING_ROLES: readonly Role[] = ['agent', 'callback_officer', 'quality_inspector', 'team_lead'];

export interface Attendee {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  /** The local day the account was made: days before it are not due. */
  since: string;
}

type UserRow = { id: string; name: string; role: Role; active: number; createdAt: string };
const attendee = (r: UserRow): Attendee => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1, since: localDay(r.createdAt) });

/** Users of the given roles (active ones only unless asked), by name. */
export function usersOfRoles(db: Database.Database, roles: readonly Role[], activeOnly: boolean): Attendee[] {
  const rows = stmt(
    db,
    `SELECT id, display_name AS name, role, active, created_at AS createdAt FROM users
     WHERE role IN (SELECT value FROM json_each(?)) AND (? = 0 OR active = 1) ORDER BY display_name, id`,
  ).all(JSON.stringify(roles), activeOnly ? 1 : 0) as UserRow[];
  return rows.map(attendee);
}

export function attendeeById(db: Database.Database, id: string): Attendee | null {
  const r = stmt(db, 'SELECT id, display_name AS name, role, active, created_at AS createdAt FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r ? attendee(r) : null;
}

/** Sign-ins on the local days `from`..`to`, of one user or (userId null) of everybody. */
export function attendanceInDays(db: Database.Database, userId: string | null, from: string, to: string): Attendance[] {
  const rows = userId
    ? stmt(db, 'SELECT * FROM attendance WHERE user_id = ? AND day BETWEEN ? AND ?').all(userId, from, to)
    : stmt(db, 'SELECT * FROM attendance WHERE day BETWEEN ? AND ?').all(from, to);
  return (rows as Record<string, unknown>[]).map((r) => attendanceTable.fromRow(r));
}

/** Leave of the given states that covers any day of `from`..`to`, of one user or of everybody. */
export function leaveOverlapping(db: Database.Database, userId: string | null, from: string, to: string, statuses: readonly LeaveStatus[]): Leave[] {
  const sql = `SELECT * FROM leave_requests WHERE status IN (SELECT value FROM json_each(?)) AND from_day <= ? AND to_day >= ?`;
  const rows = userId
    ? stmt(db, `${sql} AND user_id = ? ORDER BY from_day`).all(JSON.stringify(statuses), to, from, userId)
    : stmt(db, `${sql} ORDER BY from_day`).all(JSON.stringify(statuses), to, from);
  return (rows as Record<string, unknown>[]).map((r) => leaveTable.fromRow(r));
}

/** Leave requests, newest period first; those waiting for a decision before the rest. */
export function leavePage(db: Database.Database, q: { userId: string | null; status: LeaveStatus | null; limit: number; offset: number }): { rows: Leave[]; total: number } {
  const where = ['(? IS NULL OR user_id = ?)', '(? IS NULL OR status = ?)'];
  const args = [q.userId, q.userId, q.status, q.status];
  const total = (stmt(db, `SELECT count(*) AS n FROM leave_requests WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT * FROM leave_requests WHERE ${where.join(' AND ')} ORDER BY (status = 'requested') DESC, from_day DESC, created_at DESC, id LIMIT ? OFFSET ?`,
  ).all(...args, q.limit, q.offset) as Record<string, unknown>[];
  return { rows: rows.map((r) => leaveTable.fromRow(r)), total };
}

/** The calendar of `from`..`to`: each local day and whether it is a working day (make-up days count, holidays and weekends do not). */
export function calendarDays(from: string, to: string, overrides: CalendarOverrides): { day: string; working: boolean }[] {
  const out: { day: string; working: boolean }[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) out.push({ day: d, working: isWorkingDay(d, overrides) });
  return out;
}

export interface AttendanceSpan {
  /** The period's first and last local day; days after `today` are not counted yet. */
  from: string;
  to: string;
  today: string;
  rules: AttendanceRules;
  overrides: CalendarOverrides;
}

function dayState(working: boolean, record: Attendance | null, onLeave: boolean, isToday: boolean): AttendanceDayState {
  // A sign-in on a rest day (overtime) is shown, but neither due nor counted, so the rate cannot pass 100.
  if (!working) return 'rest';
  if (record) {
    const late = record.lateMinutes > 0;
    const early = (record.earlyMinutes ?? 0) > 0;
    return late && early ? 'late_early' : late ? 'late' : early ? 'early' : 'present';
  }
  if (onLeave) return 'leave';
  return isToday ? 'upcoming' : 'absent';
}

/**
 * Attendance of each user over a span, from two queries (the span's sign-ins and approved leave) and
 * one pass over the calendar: never a query per user or per day. Days before a user's account existed
 * are not listed (nobody is absent before they were hired).
 */
export function attendanceSummaries(db: Database.Database, users: readonly Attendee[], span: AttendanceSpan, label: string): AttendanceMonth[] {
  const last = span.to < span.today ? span.to : span.today;
  const calendar = span.from <= last ? calendarDays(span.from, last, span.overrides) : [];
  const single = users.length === 1 ? users[0]!.id : null;
  const records = new Map<string, Attendance>();
  for (const a of calendar.length ? attendanceInDays(db, single, span.from, last) : []) records.set(`${a.userId}:${a.day}`, a);
  const leaves = new Map<string, Leave[]>();
  for (const l of calendar.length ? leaveOverlapping(db, single, span.from, last, ['approved']) : []) leaves.set(l.userId, [...(leaves.get(l.userId) ?? []), l]);
  return users.map((u) => {
    const days: AttendanceDay[] = [];
    const n = { due: 0, present: 0, late: 0, early: 0, absent: 0, leave: 0, suspect: 0 };
    const mine = leaves.get(u.id) ?? [];
    for (const { day, working } of calendar) {
      if (day < u.since) continue;
      const record = records.get(`${u.id}:${day}`) ?? null;
      const leave = mine.find((l) => l.fromDay <= day && day <= l.toDay) ?? null;
      const state = dayState(working, record, !!leave, day === span.today);
      if (record?.clockSuspect) n.suspect++;
      if (state === 'leave') n.leave++;
      else if (state === 'absent') {
        n.absent++;
        n.due++;
      } else if (state !== 'rest' && state !== 'upcoming') {
        n.due++;
        n.present++;
        if (state === 'late' || state === 'late_early') n.late++;
        if (state === 'early' || state === 'late_early') n.early++;
      }
      days.push({ day, working, state, record, leave: leave ? { id: leave.id, type: leave.type } : null });
    }
    const rate = n.due > 0 ? Math.round((n.present / n.due) * 1000) / 10 : null;
    const flag = rate === null ? null : rate < span.rules.flagBelowPercent ? 'low' : rate >= span.rules.commendAbovePercent ? 'commended' : null;
    return {
      userId: u.id,
      userName: u.name,
      month: label,
      dueDays: n.due,
      presentDays: n.present,
      lateDays: n.late,
      earlyDays: n.early,
      absentDays: n.absent,
      leaveDays: n.leave,
      rate,
      flag,
      clockSuspect: n.suspect,
      days,
    };
  });
}
