import { addLocalDays } from '../../../shared/domain/calendar';
import type { LeaveType, Shift } from '../../../shared/domain/attendance';
import { type DemoDriver, dayOf, instant, lastOfficeMoment, MIN, runInOrder, workingDays } from './timeline';

/**
 * Demo attendance and leave (考勤): every member of the team signs in and out on each working day of
 * last month and of this month so far, through attendance.signIn / signOut with the clock set to the
 * moment, so lateness and early leave are derived by the real rules. A few sign-ins are late, a few
 * departures early, a few days missed (the team view flags the one below 90%); leave is approved,
 * refused, cancelled and pending, so the lead's approvals list has something in each state. A sign-in
 * whose clock was far from the hub's can only come from a hub, so the demo has none.
 */

export interface AttendanceDemoCounts {
  signIns: number;
  leaves: number;
}

/** Who keeps attendance: everybody but the administrator. */
const STAFF = ['agent', 'agent2', 'officer', 'lead', 'zhijian'];

/** Days off without leave in last month, by working-day index: the officer's three make a low rate. */
const ABSENT: Record<string, number[]> = { officer: [3, 10, 19], agent2: [7], zhijian: [13] };
/** Late on purpose (by working-day index of last month), besides the random ones. */
const LATE: Record<string, number[]> = { agent: [2], agent2: [9], officer: [6] };
const EARLY: Record<string, number[]> = { agent2: [11], lead: [16] };

interface LeavePlan {
  who: string;
  type: LeaveType;
  from: string;
  to: string;
  reason: string;
  requestAt: number;
  /** approve / refuse (with the reason) by the lead, or cancel by the requester; none: pending. */
  outcome?: { at: number; approve?: boolean; refuse?: string; cancel?: boolean };
}

export async function seedAttendance(d: DemoDriver, fromMonth: string): Promise<AttendanceDemoCounts> {
  const today = dayOf(d.end);
  d.setNow(d.end);
  await d.loginAs('lead');
  const settings = await d.call('settings.get', {});
  const shifts: Shift[] = settings.attendance.shifts;
  const shiftOf = (id: string) => shifts.find((s) => s.id === id) ?? shifts[0]!;
  const lastMonthDays = workingDays(`${fromMonth}-01`, `${fromMonth}-31`, d.calendar).filter((x) => x.startsWith(fromMonth));
  if (!lastMonthDays.length) return { signIns: 0, leaves: 0 };
  const wd = (i: number) => lastMonthDays[Math.min(i, lastMonthDays.length - 1)]!;
  const latest = lastOfficeMoment(d.end, d.calendar);
  const upcoming = workingDays(addLocalDays(today, 1), addLocalDays(today, 40), d.calendar);

  const leaves: LeavePlan[] = [
    { who: 'agent', type: 'sick', from: wd(5), to: wd(6), reason: '发烧就医,附医院病假条', requestAt: instant(wd(5), '07:50'), outcome: { at: instant(wd(5), '09:05'), approve: true } },
    { who: 'agent2', type: 'annual', from: wd(14), to: wd(15), reason: '年休假,回老家探亲', requestAt: instant(wd(9), '10:20'), outcome: { at: instant(wd(9), '11:02'), approve: true } },
    {
      who: 'officer', type: 'personal', from: wd(17), to: wd(17), reason: '家中有事需处理', requestAt: instant(wd(15), '11:00'),
      outcome: { at: instant(wd(15), '15:30'), refuse: '月底回访任务集中,请改到下月上旬再休' },
    },
    { who: 'zhijian', type: 'personal', from: wd(12), to: wd(12), reason: '办理房产过户手续', requestAt: instant(wd(8), '16:00'), outcome: { at: instant(wd(9), '09:10'), cancel: true } },
  ];
  // Waiting for the lead: requested in the last office hours before now, for days ahead.
  if (upcoming.length >= 8) {
    leaves.push({ who: 'agent', type: 'annual', from: upcoming[5]!, to: upcoming[6]!, reason: '年休假,家人结婚', requestAt: latest - 90 * MIN });
    leaves.push({ who: 'agent2', type: 'personal', from: upcoming[2]!, to: upcoming[2]!, reason: '孩子学校家长会', requestAt: latest - 40 * MIN });
  }
  const onLeave = new Set<string>();
  for (const l of leaves) if (l.outcome?.approve) for (let x = l.from; x <= l.to; x = addLocalDays(x, 1)) onLeave.add(`${l.who}:${x}`);

  const steps: { at: number; who: string; run: () => Promise<void> }[] = [];
  const idOf = new Map<LeavePlan, string>();
  for (const l of leaves) {
    steps.push({
      at: l.requestAt,
      who: l.who,
      run: async () => {
        idOf.set(l, (await d.call('leave.request', { type: l.type, fromDay: l.from, toDay: l.to, reason: l.reason })).id);
      },
    });
    const next = l.outcome;
    if (!next) continue;
    if (next.cancel) steps.push({ at: next.at, who: l.who, run: async () => void (await d.call('leave.cancel', { id: idOf.get(l)! })) });
    else steps.push({ at: next.at, who: 'lead', run: async () => void (await d.call('leave.decide', { id: idOf.get(l)!, approve: !!next.approve, reason: next.refuse ?? '' })) });
  }

  let signIns = 0;
  const r = d.rng;
  const days = workingDays(`${fromMonth}-01`, today, d.calendar);
  const firstThisMonth = days.find((x) => !x.startsWith(fromMonth));
  for (const who of STAFF) {
    for (const day of days) {
      const index = lastMonthDays.indexOf(day);
      if (onLeave.has(`${who}:${day}`) || ABSENT[who]?.includes(index)) continue;
      // 赵文静 works the evening shift on Tuesdays and Thursdays.
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const shift = shiftOf(who === 'agent2' && (weekday === 2 || weekday === 4) ? 'evening' : 'day');
      const start = instant(day, shift.start);
      const end = shift.end > shift.start ? instant(day, shift.end) : instant(addLocalDays(day, 1), shift.end);
      // 李晓梅 is late on the first working day of this month as well: her own calendar shows it.
      const late = LATE[who]?.includes(index) || (who === 'agent' && day === firstThisMonth) || r.chance(0.05);
      const early = EARLY[who]?.includes(index) || r.chance(0.03);
      const inAt = late ? start + (shift.graceMinutes + r.int(3, 35)) * MIN : start - r.int(2, 22) * MIN;
      const outAt = early ? end - (shift.graceMinutes + r.int(15, 55)) * MIN : end + r.int(1, 35) * MIN;
      if (inAt >= d.end) continue;
      signIns++;
      steps.push({ at: inAt, who, run: async () => void (await d.call('attendance.signIn', { shiftId: shift.id })) });
      if (outAt < d.end) steps.push({ at: outAt, who, run: async () => void (await d.call('attendance.signOut', {})) });
    }
  }
  await runInOrder(d, steps.filter((s) => s.at < d.end));
  return { signIns, leaves: leaves.filter((l) => l.requestAt < d.end).length };
}
