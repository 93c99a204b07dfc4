import type { AppraisalPeriod } from '../../../../shared/domain/appraisal';
import { localDay } from '../../../../shared/domain/calendar';

/** The appraisal's periods as the contract names them: 2026-11, 2026-Q4, 2026. */
export interface PeriodChoice {
  period: AppraisalPeriod;
  key: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The call centre's month (Beijing) before the one `nowIso` falls in: the appraisal a lead reads first. */
export function lastMonthKey(nowIso: string = new Date().toISOString()): string {
  const day = localDay(nowIso);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The month a key's period starts in, so that switching month → quarter → year stays around the same time. */
export function anchorMonth(choice: PeriodChoice): { year: number; month: number } {
  const year = Number(choice.key.slice(0, 4));
  if (choice.period === 'month') return { year, month: Number(choice.key.slice(5, 7)) };
  if (choice.period === 'quarter') return { year, month: (Number(choice.key.slice(6)) - 1) * 3 + 1 };
  return { year, month: 1 };
}

export function keyOf(period: AppraisalPeriod, year: number, month: number): string {
  if (period === 'month') return `${year}-${pad(month)}`;
  if (period === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return String(year);
}

/** Switching the kind of period keeps the time the user was looking at (2026-11 → 2026-Q4 → 2026). */
export function switchPeriod(choice: PeriodChoice, period: AppraisalPeriod): PeriodChoice {
  const { year, month } = anchorMonth(choice);
  return { period, key: keyOf(period, year, month) };
}

export const DEFAULT_PERIOD = (): PeriodChoice => ({ period: 'month', key: lastMonthKey() });
