import type { MethodName, ParamsOf, ResultOf } from '../../../shared/api/contract';
import { addLocalDays, BEIJING_MS, type CalendarOverrides, isWorkingDay } from '../../../shared/domain/calendar';
import { shiftInstant } from '../../../shared/domain/attendance';
import type { Role } from '../../../shared/domain/roles';
import type { Rng } from './data';

/**
 * What the quality and attendance demo needs from the small seed (demo/seed.ts): its typed call into
 * the core, its login-as, and its clock. The seed's core reads the clock through `now`, so setting it
 * before a call is how a sign-in lands on a day of last month: the records are made by the real
 * handlers, at the times they would have been.
 */
export interface DemoDriver {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  loginAs(username: string): Promise<void>;
  setNow(ms: number): void;
  /** The demo's "now": nothing happens after it. */
  end: number;
  rng: Rng;
  calendar: CalendarOverrides;
  users: DemoUser[];
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The Beijing calendar day of an instant. */
export const dayOf = (ms: number) => new Date(ms + BEIJING_MS).toISOString().slice(0, 10);
export const monthOf = (ms: number) => dayOf(ms).slice(0, 7);
/** An instant at a Beijing wall-clock time of a day. */
export const instant = (day: string, hhmm: string) => shiftInstant(day, hhmm);

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The working days from `from` to `to`, both included, on the holiday calendar. */
export function workingDays(from: string, to: string, cal: CalendarOverrides): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) if (isWorkingDay(d, cal)) out.push(d);
  return out;
}

/** Office hours as the QA team keeps them: work done "at 3 a.m." would look wrong on every screen. */
const OPEN = '08:40';
const CLOSE = '17:20';

/** The instant itself when inside office hours of a working day, else the next opening. */
export function intoOfficeHours(ms: number, cal: CalendarOverrides): number {
  let day = dayOf(ms);
  for (let i = 0; i < 60; i++) {
    if (isWorkingDay(day, cal)) {
      if (ms < instant(day, OPEN)) return instant(day, OPEN);
      if (ms <= instant(day, CLOSE)) return ms;
    }
    day = addLocalDays(day, 1);
  }
  return ms;
}

/** The latest instant in office hours at or before `ms` (the demo's "now" may be at night or on a Sunday). */
export function lastOfficeMoment(ms: number, cal: CalendarOverrides): number {
  let day = dayOf(ms);
  for (let i = 0; i < 60; i++) {
    if (isWorkingDay(day, cal)) {
      if (ms >= instant(day, CLOSE)) return instant(day, CLOSE);
      if (ms >= instant(day, OPEN)) return ms;
    }
    day = addLocalDays(day, -1);
    ms = instant(day, '23:59');
  }
  return ms;
}

/** Runs timed steps in time order, the clock set to each step's time first. */
export async function runInOrder(d: DemoDriver, steps: { at: number; who: string; run: () => Promise<void> }[]): Promise<void> {
  steps.sort((a, b) => a.at - b.at);
  for (const s of steps) {
    d.setNow(s.at);
    await d.loginAs(s.who);
    await s.run();
  }
}
