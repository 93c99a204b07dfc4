import { localDay } from './calendar';

/**
 * Human record numbers. The workstation code is part of the number so that two workstations
 * working offline on the same day can never hand out the same one.
 */
export const WORKSTATION_CODE = /^[A-Z][A-Z0-9]{1,5}$/;

export function dayStamp(iso: string): string {
  // Record numbers follow the call centre's local day, not the computer's time zone.
  return localDay(iso).replace(/-/g, '');
}

export function callRecordNo(workstation: string, atIso: string, seq: number): string {
  return `LD-${dayStamp(atIso)}-${workstation}-${String(seq).padStart(4, '0')}`;
}

export function serialCounterKey(prefix: string, workstation: string, atIso: string): string {
  return `${prefix}-${dayStamp(atIso)}-${workstation}`;
}
