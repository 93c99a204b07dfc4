import type { BulletinKind } from './bulletin';
import { addLocalDays, startOfLocalDay } from './calendar';

/**
 * The bulletin's periods in Beijing local time: a month (2026-11) or a quarter (2026-Q4), each the
 * instants [from, to), so a call at 23:59:59.999 on the period's last day is in it and one at 00:00:00
 * of the next day is not.
 */
export interface PeriodBounds {
  key: string;
  /** First and last local day. */
  firstDay: string;
  lastDay: string;
  /** 00:00 Beijing of the first day, and of the day after the last, as ISO instants. */
  from: string;
  to: string;
  /** The months the period covers (QA reviews are kept per month). */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthKey = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;

/** Months since year 0 of a period's first month, and how many months it spans. */
function span(kind: BulletinKind, key: string): { first: number; months: number } {
  const year = Number(key.slice(0, 4));
  if (kind === 'monthly') return { first: year * 12 + Number(key.slice(5, 7)) - 1, months: 1 };
  return { first: year * 12 + (Number(key.slice(6, 7)) - 1) * 3, months: 3 };
}

function keyOf(kind: BulletinKind, first: number): string {
  return kind === 'monthly' ? monthKey(first) : `${Math.floor(first / 12)}-Q${Math.floor((first % 12) / 3) + 1}`;
}

export function periodBounds(kind: BulletinKind, key: string): PeriodBounds {
  const { first, months } = span(kind, key);
  const firstDay = `${monthKey(first)}-01`;
  const nextFirst = `${monthKey(first + months)}-01`;
  return {
    key,
    firstDay,
    lastDay: addLocalDays(nextFirst, -1),
    from: startOfLocalDay(firstDay),
    to: startOfLocalDay(nextFirst),
    months: Array.from({ length: months }, (_, i) => monthKey(first + i)),
  };
}

/** The month (or quarter) before. */
export function previousPeriod(kind: BulletinKind, key: string): string {
  const { first, months } = span(kind, key);
  return keyOf(kind, first - months);
}

/** The same month (or quarter) a year before. */
export function samePeriodLastYear(key: string): string {
  return `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;
}

/** The period that contains a local day. */
export function periodOfDay(kind: BulletinKind, day: string): string {
  return kind === 'monthly' ? day.slice(0, 7) : `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every local day of a period, in order. */
export function periodDays(b: PeriodBounds): string[] {
  const out: string[] = [];
  for (let d = b.firstDay; d <= b.lastDay; d = addLocalDays(d, 1)) out.push(d);
  return out;
}
