/**
 * Human record numbers. The workstation code is part of the number so that two workstations
 * working offline on the same day can never hand out the same one.
 */
export const WORKSTATION_CODE = /^[A-Z][A-Z0-9]{1,5}$/;

export function dayStamp(iso: string): string {
  // Record numbers follow the call centre's local day (China Standard Time, UTC+8, no DST).
  const t = new Date(Date.parse(iso) + 8 * 3600_000);
  return t.toISOString().slice(0, 10).replace(/-/g, '');
}

export function callRecordNo(workstation: string, atIso: string, seq: number): string {
  return `LD-${dayStamp(atIso)}-${workstation}-${String(seq).padStart(4, '0')}`;
}

export function serialCounterKey(prefix: string, workstation: string, atIso: string): string {
  return `${prefix}-${dayStamp(atIso)}-${workstation}`;
}
