import { z } from 'zod';
import { TrackingView } from '../../../../shared/domain/tracking';

/**
 * What the full print of annex 3 prints: the sheet's view (filters and sort, not the screen's columns) and
 * the board's drill-down, if the sheet was opened from one. Carried in the print route itself
 * (`#/print/tracking/<spec>`) so that a reload of the print view prints the same rows.
 */
const BoardList = z.enum(['escalation_overdue', 'unreported_major', 'callback_month']);
export const TrackingPrintSpec = z.strictObject({ view: TrackingView, list: BoardList.optional() });
export type TrackingPrintSpec = z.output<typeof TrackingPrintSpec>;

/** The print route's hash for a view; the column choice is the screen's alone and is left out. */
export function trackingPrintHash(view: TrackingView, list?: TrackingPrintSpec['list']): string {
  const { columns: _columns, ...query } = view;
  const spec: TrackingPrintSpec = list ? { view: query, list } : { view: query };
  return `/print/tracking/${encodeURIComponent(JSON.stringify(spec))}`;
}

/** The route's id part (already URI-decoded by parsePrintHash) → the spec; anything malformed is null. */
export function parseTrackingPrintSpec(id: string): TrackingPrintSpec | null {
  try {
    const parsed = TrackingPrintSpec.safeParse(JSON.parse(id));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
