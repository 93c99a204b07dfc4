import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDay, startOfLocalDay, startOfLocalMonth } from '../../shared/domain/calendar';

/** The board's "today" and "this month" are Beijing days, whatever the machine's time zone. */
describe('Beijing day and month bounds', () => {
  it('a day runs from 16:00 UTC the evening before to 15:59:59.999 UTC', () => {
    expect(startOfLocalDay('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
    expect(endOfLocalDay('2026-11-23')).toBe('2026-11-23T15:59:59.999Z');
  });

  it('an instant just after Beijing midnight belongs to the new day and, on the 1st, the new month', () => {
    const at = '2026-11-30T16:00:00.001Z'; // 1 December 00:00:00.001 in Beijing
    expect(localDay(at)).toBe('2026-12-01');
    expect(startOfLocalMonth(localDay(at))).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfLocalMonth(localDay('2026-11-30T15:59:59.999Z'))).toBe('2026-10-31T16:00:00.000Z');
  });

  it('January starts on 31 December in UTC', () => {
    expect(startOfLocalMonth('2027-01-15')).toBe('2026-12-31T16:00:00.000Z');
  });
});
