import chineseDays from 'chinese-days';
import { z } from 'zod';

// The package ships CommonJS for Node and ESM for bundlers; only its default export is the same in both.
const { getHolidaysInRange, isWorkday } = chineseDays;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** China Standard Time has no daylight saving: local wall-clock time is UTC + 8 h all year. */
export const BEIJING_MS = 8 * 3600_000;

/**
 * Corrections an administrator makes to the public-holiday calendar: `chinese-days` knows only the
 * years the State Council has announced, and reports any later day by weekday alone.
 */
export const CalendarOverrides = z.strictObject({
  holidays: z.array(z.string().regex(DAY)).max(400),
  workdays: z.array(z.string().regex(DAY)).max(400),
});
export type CalendarOverrides = z.output<typeof CalendarOverrides>;
export const NO_OVERRIDES: CalendarOverrides = { holidays: [], workdays: [] };

/** The call centre's calendar day (China Standard Time) of an instant. */
export function localDay(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 10);
}

/** Beijing wall-clock time `YYYY-MM-DD HH:mm` of an instant ('' for none): sheets, exports and prints. */
export function beijingTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar day `n` days after (or before, when negative) a `YYYY-MM-DD` day. */
export function addLocalDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Start of a local day (00:00 Beijing time) as an ISO instant. */
export function startOfLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - BEIJING_MS).toISOString();
}

/** Start of the local month (the 1st, 00:00 Beijing time) that contains this day. */
export function startOfLocalMonth(day: string): string {
  return startOfLocalDay(`${day.slice(0, 7)}-01`);
}

/** End of a local day (23:59:59.999 Beijing time) as an ISO instant. */
export function endOfLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - BEIJING_MS).toISOString();
}

export function isWorkingDay(day: string, o: CalendarOverrides = NO_OVERRIDES): boolean {
  if (o.holidays.includes(day)) return false;
  if (o.workdays.includes(day)) return true;
  return isWorkday(day);
}

/**
 * "Within N working days after X": the end of the N-th working day after X's local day.
 * Days off (weekends, public holidays) are skipped; make-up working days count.
 */
export function addWorkingDays(fromIso: string, n: number, o: CalendarOverrides = NO_OVERRIDES): string {
  let day = localDay(fromIso);
  let counted = 0;
  while (counted < n) {
    day = addLocalDays(day, 1);
    if (isWorkingDay(day, o)) counted++;
  }
  return endOfLocalDay(day);
}

/** "Within N days after X" in calendar days: the end of the N-th day after X's local day. */
export function addCalendarDays(fromIso: string, n: number): string {
  return endOfLocalDay(addLocalDays(localDay(fromIso), n));
}

/** Does the calendar know `year`'s public holidays (from the package or from an administrator)? */
export function calendarCovers(year: number, o: CalendarOverrides = NO_OVERRIDES): boolean {
  if (o.holidays.some((d) => d.startsWith(`${year}-`))) return true;
  try {
    return getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
  } catch {
    return false;
  }
}
