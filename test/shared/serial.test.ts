import { describe, expect, it } from 'vitest';
import { callRecordNo, dayStamp } from '../../shared/domain/serial';

describe('record numbers', () => {
  it('carry the local (UTC+8) day, the workstation and a padded sequence', () => {
    expect(callRecordNo('A07', '2026-11-22T02:00:00.000Z', 7)).toBe('LD-20261122-A07-0007');
  });

  it('roll over at midnight Beijing time, not UTC', () => {
    expect(dayStamp('2026-11-22T15:59:59.000Z')).toBe('20261122');
    expect(dayStamp('2026-11-22T16:00:00.000Z')).toBe('20261123');
  });

  it('differ between workstations for the same day and sequence', () => {
    expect(callRecordNo('A07', '2026-11-22T02:00:00Z', 1)).not.toBe(callRecordNo('B02', '2026-11-22T02:00:00Z', 1));
  });
});
