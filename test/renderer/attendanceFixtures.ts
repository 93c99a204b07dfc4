import type { Attendance, AttendanceDay, AttendanceMonth, AttendanceToday, LeaveRow } from '../../shared/api/qualityTypes';
import { DEFAULT_ATTENDANCE_RULES } from '../../shared/domain/attendance';

/** Attendance answers as the core gives them, for the renderer tests of 考勤. */

export const SHIFTS = DEFAULT_ATTENDANCE_RULES.shifts;
export const DAY_SHIFT = SHIFTS[0] as (typeof SHIFTS)[number];

export function attendance(over: Partial<Attendance> = {}): Attendance {
  return {
    id: '0195f3a2-7b1c-5000-8000-0000000000a1',
    userId: 'user-1',
    userName: '王小明',
    day: '2026-11-20',
    shift: DAY_SHIFT,
    workstation: 'A07',
    signInAt: '2026-11-20T00:42:00.000Z',
    signOutAt: null,
    lateMinutes: 7,
    earlyMinutes: null,
    hubReceivedAt: null,
    clockOffsetSeconds: null,
    clockSuspect: false,
    note: '',
    createdAt: '2026-11-20T00:42:00.000Z',
    updatedAt: '2026-11-20T00:42:00.000Z',
    version: 1,
    ...over,
  };
}

export function today(over: Partial<AttendanceToday> = {}): AttendanceToday {
  return { day: '2026-11-20', working: true, record: null, shifts: SHIFTS, suggestedShiftId: 'evening', ...over };
}

export function month(over: Partial<AttendanceMonth> = {}): AttendanceMonth {
  const days: AttendanceDay[] = [
    { day: '2026-11-02', working: true, state: 'present', record: attendance({ day: '2026-11-02', lateMinutes: 0, signOutAt: '2026-11-02T09:31:00.000Z', earlyMinutes: 0 }), leave: null },
    { day: '2026-11-03', working: true, state: 'late', record: attendance({ day: '2026-11-03', clockSuspect: true, clockOffsetSeconds: 540 }), leave: null },
    { day: '2026-11-04', working: true, state: 'absent', record: null, leave: null },
    { day: '2026-11-05', working: true, state: 'leave', record: null, leave: { id: 'l-1', type: 'sick' } },
    { day: '2026-11-07', working: false, state: 'rest', record: null, leave: null },
  ];
  return {
    userId: 'user-1',
    userName: '王小明',
    month: '2026-11',
    dueDays: 3,
    presentDays: 2,
    lateDays: 1,
    earlyDays: 0,
    absentDays: 1,
    leaveDays: 1,
    rate: 66.7,
    flag: 'low',
    clockSuspect: 1,
    days,
    ...over,
  };
}

export function leave(over: Partial<LeaveRow> = {}): LeaveRow {
  return {
    id: '0195f3a2-7b1c-7000-8000-0000000000b1',
    userId: 'user-1',
    userName: '王小明',
    type: 'personal',
    fromDay: '2026-11-24',
    toDay: '2026-11-25',
    workingDays: 2,
    reason: '家中有事',
    status: 'requested',
    decidedBy: '',
    decidedAt: null,
    refuseReason: '',
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 1,
    ...over,
  };
}
