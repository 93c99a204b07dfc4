import { type Shift, shiftEndInstant, shiftInstant } from './attendance';
import { addLocalDays, type CalendarOverrides, isWorkingDay, localDay, NO_OVERRIDES } from './calendar';

/**
 * Which shift a handover hands over and which shift takes it (交接班, docs/reports.md). A shift on a day is
 * a span of time; a night shift's span ends the next day.
 */
export interface ShiftSpan {
  shift: Shift;
  /** The local day of the shift's start. */
  day: string;
  startsAt: number;
  endsAt: number;
}

export const spanOf = (shift: Shift, day: string): ShiftSpan => ({ shift, day, startsAt: shiftInstant(day, shift.start), endsAt: shiftEndInstant(day, shift) });

/** Every shift of the settings on the days around an instant (yesterday's night shift reaches into today). */
function spansAround(shifts: readonly Shift[], now: number, fromOffset: number, days: number): ShiftSpan[] {
  const today = localDay(new Date(now).toISOString());
  const out: ShiftSpan[] = [];
  for (let d = fromOffset; d < fromOffset + days; d++) for (const s of shifts) out.push(spanOf(s, addLocalDays(today, d)));
  return out;
}

/** How long before its start and after its end a signed-in shift is still the one handed over. */
const SIGNED_IN_REACH_MS = 6 * 3600_000;
const distance = (s: ShiftSpan, t: number) => (t < s.startsAt ? s.startsAt - t : t > s.endsAt ? t - s.endsAt : 0);

/**
 * The shift being handed over: the one the person signed into (`signedIn`, today's or last night's) while
 * it runs or within six hours of it; otherwise the shift under way now (the latest started when two overlap), or the
 * one nearest in time — a handover written ten minutes after the end belongs to the shift just ended.
 */
export function currentShift(shifts: readonly Shift[], now: number, signedIn: ShiftSpan[] = []): ShiftSpan {
  // A sign-in counts while its shift runs and for a while after it ends; yesterday's day shift does not
  // make this morning's handover yesterday's.
  const near = signedIn.filter((s) => distance(s, now) <= SIGNED_IN_REACH_MS);
  const pool = near.length ? near : spansAround(shifts, now, -1, 3);
  const running = pool.filter((s) => distance(s, now) === 0).sort((a, b) => b.startsAt - a.startsAt);
  if (running[0]) return running[0];
  return pool.reduce((best, s) => (distance(s, now) < distance(best, now) ? s : best));
}

/**
 * The shift that takes over: the first of the settings' shifts to start after the current one did, on a
 * working day (a Friday evening hands over to Monday's first shift).
 */
export function nextShift(shifts: readonly Shift[], current: ShiftSpan, overrides: CalendarOverrides = NO_OVERRIDES): ShiftSpan {
  // Three weeks of days covers the longest holiday of the calendar.
  const later = spansAround(shifts, current.startsAt, 0, 21)
    .filter((s) => s.startsAt > current.startsAt && isWorkingDay(s.day, overrides))
    .sort((a, b) => a.startsAt - b.startsAt);
  return later[0] ?? spanOf(current.shift, addLocalDays(current.day, 1));
}
