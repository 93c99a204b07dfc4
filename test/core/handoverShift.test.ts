import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_RULES, type Shift } from '../../shared/domain/attendance';
import { currentShift, nextShift, spanOf } from '../../shared/domain/handoverShift';

/** Which shift a handover hands over and which takes it, on the Beijing clock (UTC+8). */

const SHIFTS = DEFAULT_ATTENDANCE_RULES.shifts; // 白班 08:30–17:30, 晚班 13:00–21:00
const NIGHT: Shift[] = [
  { id: 'day', name: '白班', start: '08:00', end: '20:00', graceMinutes: 5 },
  { id: 'night', name: '夜班', start: '20:00', end: '08:00', graceMinutes: 5 },
];
const at = (beijing: string) => Date.parse(`${beijing}+08:00`);
const local = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the shift handed over', () => {
  it('is the shift under way; of two that overlap, the later started; after the end, the one just ended', () => {
    expect(currentShift(SHIFTS, at('2026-11-23T10:00:00'))).toMatchObject({ shift: { id: 'day' }, day: '2026-11-23' });
    expect(currentShift(SHIFTS, at('2026-11-23T15:00:00')).shift.id).toBe('evening');
    expect(currentShift(SHIFTS, at('2026-11-23T21:10:00'))).toMatchObject({ shift: { id: 'evening' }, day: '2026-11-23' });
    expect(currentShift(SHIFTS, at('2026-11-23T07:50:00'))).toMatchObject({ shift: { id: 'day' }, day: '2026-11-23' });
  });

  it('is the one signed into, even while a later shift has begun', () => {
    const signed = [spanOf(SHIFTS[0]!, '2026-11-23')];
    expect(currentShift(SHIFTS, at('2026-11-23T17:35:00'), signed)).toMatchObject({ shift: { id: 'day' }, day: '2026-11-23' });
  });

  it('a sign-in of yesterday’s day shift does not make the next morning’s handover yesterday’s', () => {
    const yesterday = [spanOf(SHIFTS[0]!, '2026-11-23')];
    expect(currentShift(SHIFTS, at('2026-11-24T07:10:00'), yesterday)).toMatchObject({ shift: { id: 'day' }, day: '2026-11-24' });
    expect(currentShift(SHIFTS, at('2026-11-23T22:00:00'), yesterday)).toMatchObject({ shift: { id: 'day' }, day: '2026-11-23' });
  });

  it('a night shift after midnight belongs to the day it began', () => {
    expect(currentShift(NIGHT, at('2026-11-24T03:00:00'))).toMatchObject({ shift: { id: 'night' }, day: '2026-11-23' });
  });
});

describe('the shift that takes over', () => {
  it('is the next to start, that day or the next working day', () => {
    const day = currentShift(SHIFTS, at('2026-11-23T10:00:00'));
    expect(local(nextShift(SHIFTS, day).endsAt)).toBe('2026-11-23 21:00');
    const evening = currentShift(SHIFTS, at('2026-11-23T20:50:00'));
    expect(nextShift(SHIFTS, evening)).toMatchObject({ shift: { id: 'day' }, day: '2026-11-24' });
    const night = currentShift(NIGHT, at('2026-11-24T03:00:00'));
    expect(local(nextShift(NIGHT, night).endsAt)).toBe('2026-11-24 20:00');
  });

  it('skips rest days and holidays: Friday evening hands over to Monday, a holiday Monday to Tuesday', () => {
    const friday = currentShift(SHIFTS, at('2026-11-27T20:00:00'));
    expect(nextShift(SHIFTS, friday)).toMatchObject({ shift: { id: 'day' }, day: '2026-11-30' });
    expect(nextShift(SHIFTS, friday, { holidays: ['2026-11-30'], workdays: [] })).toMatchObject({ day: '2026-12-01' });
    // A make-up working Saturday takes over on Saturday.
    expect(nextShift(SHIFTS, friday, { holidays: [], workdays: ['2026-11-28'] })).toMatchObject({ day: '2026-11-28' });
  });
});
