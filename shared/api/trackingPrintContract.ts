import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../domain/roles';
import { TrackingView } from '../domain/tracking';
import { def } from './methodDef';
import type * as P from './trackingPrintTypes';

/** The board's drill-downs, as tracking.query takes them. */
const BoardList = z.enum(['escalation_overdue', 'unreported_major', 'callback_month']);

/** Rows per tracking.printRows request. */
export const PRINT_CHUNK_MAX = 500;

/**
 * Annex 3 printed in full (features/print/TrackingPrintView.tsx): every row of the sheet's view, not only
 * the page on screen. The keys fix the rows and their order once; the renderer then fetches the rows a
 * chunk at a time, with its progress bar, and prints them a volume at a time.
 */
export const TRACKING_PRINT_API = {
  'tracking.printKeys': def<P.TrackingPrintKeys>()(TrackingView.extend({ list: BoardList.optional() }).strict(), SUPERVISOR_ROLES),
  'tracking.printRows': def<P.TrackingPrintRows>()(
    z.strictObject({ keys: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(PRINT_CHUNK_MAX) }),
    SUPERVISOR_ROLES,
  ),
} as const;
