import { localDay } from '../../../../shared/domain/calendar';

/**
 * The Beijing days a drill-down's [from, to) covers, for the tag that shows it: 2026-11-23 for one day,
 * 2026-11-01 – 2026-11-30 for a month; an open end shows as … .
 */
export function rangeText(from: string | null | undefined, to: string | null | undefined): string {
  const first = from ? localDay(from) : '…';
  const last = to ? localDay(new Date(Date.parse(to) - 1).toISOString()) : '…';
  return first === last ? first : `${first} – ${last}`;
}
