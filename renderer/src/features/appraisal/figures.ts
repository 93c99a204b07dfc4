import type { TFunction } from 'i18next';
import { APPRAISAL_PARTS, type AppraisalFigures, type AppraisalPart, type AppraisalWeights } from '../../../../shared/domain/appraisal';
import type { Role } from '../../../../shared/domain/roles';

/** One decimal at most: 92.5, 100. */
export const num1 = (n: number): string => String(Math.round(n * 10) / 10);

export const lateShare = (f: AppraisalFigures): string => (f.callsHandled > 0 ? `${num1((f.callsLate / f.callsHandled) * 100)}%` : '—');

/** What happened for one part, in words: the figure behind the part's score (a callback officer's volume is callbacks). */
export function partFigure(part: AppraisalPart, f: AppraisalFigures, t: TFunction, role?: Role): string {
  switch (part) {
    case 'serviceStandard':
      return f.qaAverage === null ? t('appraisal.figures.noQa') : t('appraisal.figures.qa', { avg: num1(f.qaAverage), n: f.qaReviews });
    case 'volume':
      return role === 'callback_officer' ? t('appraisal.figures.callbacksDue', { n: f.callbacksDue }) : t('appraisal.figures.callsHandled', { n: f.callsHandled });
    case 'timeliness':
      return f.callsHandled === 0 ? t('appraisal.figures.noCalls') : t('appraisal.figures.late', { n: f.callsLate, share: lateShare(f) });
    case 'complaints':
      return t('appraisal.figures.complaints', { n: f.complaints });
    case 'callbacks':
      return f.callbacksDue === 0 ? t('appraisal.figures.noCallbacks') : t('appraisal.figures.callbacks', { done: f.callbacksOnTime, due: f.callbacksDue });
    case 'satisfaction':
      return f.satisfactionAverage === null ? t('appraisal.figures.noSatisfaction') : t('appraisal.figures.satisfaction', { avg: num1(f.satisfactionAverage) });
    case 'attendance':
      return f.attendanceRate === null ? t('appraisal.figures.noAttendance') : t('appraisal.figures.attendance', { rate: num1(f.attendanceRate) });
  }
}

/**
 * Each part's share of the total as the core weighs it (shared/domain/appraisal.ts appraisalTotal): a part
 * with nothing to measure is left out and the others are reweighted. Null for a part left out.
 */
export function effectiveShares(scores: Record<AppraisalPart, number | null>, w: AppraisalWeights): Record<AppraisalPart, number | null> {
  const counted = APPRAISAL_PARTS.filter((p) => scores[p] !== null);
  const sum = counted.reduce((s, p) => s + w[p], 0);
  const out = {} as Record<AppraisalPart, number | null>;
  for (const p of APPRAISAL_PARTS) out[p] = scores[p] === null || sum === 0 ? null : (w[p] / sum) * 100;
  return out;
}

/** The attendance rate against the settings' thresholds: red below the flag, green at or above the commendation. */
export function attendanceFlag(rate: number | null, flagBelow: number, commendAbove: number): 'low' | 'commended' | null {
  if (rate === null) return null;
  if (rate < flagBelow) return 'low';
  if (rate >= commendAbove) return 'commended';
  return null;
}
