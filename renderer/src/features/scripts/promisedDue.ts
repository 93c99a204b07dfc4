import { addLocalDays, BEIJING_MS, type CalendarOverrides, isWorkingDay, localDay, NO_OVERRIDES } from '../../../../shared/domain/calendar';

const HOUR = 3600_000;
/** Office hours of the call centre's back offices, who must have an answer before the agent calls back. */
const OPEN_MIN = 8 * 60 + 30;
const CLOSE_MIN = 17 * 60 + 30;
const NEXT_MORNING_MIN = 9 * 60;

const minuteOfDay = (ms: number) => Math.floor(((ms + BEIJING_MS) % (24 * HOUR)) / 60_000);
const atMinute = (day: string, min: number) => Date.parse(`${day}T00:00:00Z`) - BEIJING_MS + min * 60_000;

/**
 * The default time an agent promises to call back: `hours` from now, rounded up to five minutes, inside
 * office hours on a working day (Beijing time, holidays from the calendar). Past closing time or on a
 * day off it becomes 09:00 of the next working day. The agent can change it; this only saves typing.
 */
export function defaultPromisedDue(now: Date, overrides: CalendarOverrides = NO_OVERRIDES, hours = 2): string {
  let t = Math.ceil((now.getTime() + hours * HOUR) / 300_000) * 300_000;
  let day = localDay(new Date(t).toISOString());
  for (let i = 0; i < 60; i++) {
    const min = minuteOfDay(t);
    if (isWorkingDay(day, overrides) && min >= OPEN_MIN && min <= CLOSE_MIN) break;
    if (isWorkingDay(day, overrides) && min < OPEN_MIN) {
      t = atMinute(day, NEXT_MORNING_MIN);
      break;
    }
    day = addLocalDays(day, 1);
    t = atMinute(day, NEXT_MORNING_MIN);
    if (isWorkingDay(day, overrides)) break;
  }
  return new Date(t).toISOString();
}
