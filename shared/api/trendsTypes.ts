import type { CallbackResult, Severity } from '../domain/complaint';

export type TrendSpan = '30d' | '12m';

/**
 * One bucket of a trend: a Beijing day (`2026-11-23`) or month (`2026-11`), with the instants that
 * bound it, [from, to). A point's drill-down lists records with these very bounds.
 */
export interface TrendPoint {
  key: string;
  from: string;
  to: string;
  /** Calls answered in the bucket with a satisfaction score (1–5), not voided: how many and their average (2 decimals). */
  rated: { calls: number; average: number | null };
  /** Callbacks done (reached) in the bucket, by the satisfaction the customer gave. */
  callbacks: Record<CallbackResult, number>;
  /** Complaints received in the bucket, not voided, by severity. */
  complaints: Record<Severity, number>;
  /**
   * Complaints (not voided) whose agreed reply deadline fell in the bucket: met (completed by it) or missed
   * (completed after it, or not completed and already past). Those still due are neither. `rate` is
   * met / (met + missed) as a percentage with one decimal, null when none is decided.
   */
  replyDue: { met: number; missed: number; rate: number | null };
}

/** The board's trends: 30 Beijing days ending today, or 12 months ending this month; oldest first. */
export interface BoardTrends {
  span: TrendSpan;
  asOf: string;
  points: TrendPoint[];
}
