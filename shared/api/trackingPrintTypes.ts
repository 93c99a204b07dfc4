import type { TrackingRow } from '../domain/tracking';

/** Annex 3 printed in full, step 1: the view's complaints in the sheet's order, as opaque keys. */
export interface TrackingPrintKeys {
  keys: number[];
  /** When the view was read. */
  asOf: string;
}

/** Step 2, a chunk of keys at a time: their rows, in the order asked (a key no longer found is left out). */
export interface TrackingPrintRows {
  rows: TrackingRow[];
  asOf: string;
}
