import { z } from 'zod';

/** QA rules and the agent appraisal (绩效, 001 §3.3, 004). docs/quality.md gives the formula. */

export const QualityRules = z.strictObject({
  /** Share of each agent's service records drawn each month (001 §3.1: 10%). */
  sampleRatePercent: z.number().int().min(1).max(100),
  /** Working days an agent has to rectify a finding (001 §3: 3 working days). */
  rectifyWorkingDays: z.number().int().min(1).max(30),
});
export type QualityRules = z.output<typeof QualityRules>;
export const DEFAULT_QUALITY_RULES: QualityRules = { sampleRatePercent: 10, rectifyWorkingDays: 3 };

/** The parts of an agent's scorecard, each scored 0–100 before weighting. */
export const APPRAISAL_PARTS = ['serviceStandard', 'volume', 'timeliness', 'complaints', 'callbacks', 'satisfaction', 'attendance'] as const;
export type AppraisalPart = (typeof APPRAISAL_PARTS)[number];

/** The service-standard part (the QA score) weighs at least this share of the total (001 §3.3). */
export const MIN_SERVICE_STANDARD_SHARE = 0.2;

const Weight = z.number().int().min(0).max(100);
export const AppraisalWeights = z
  .strictObject({
    serviceStandard: Weight,
    volume: Weight,
    timeliness: Weight,
    complaints: Weight,
    callbacks: Weight,
    satisfaction: Weight,
    attendance: Weight,
  })
  .superRefine((w, ctx) => {
    const total = APPRAISAL_PARTS.reduce((s, p) => s + w[p], 0);
    if (total === 0) ctx.addIssue({ code: 'custom', path: ['serviceStandard'], message: 'the weights add up to 0', params: { code: 'out_of_range' } });
    else if (w.serviceStandard / total < MIN_SERVICE_STANDARD_SHARE) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceStandard'],
        message: `service standards must weigh at least 20% of the total (now ${Math.round((w.serviceStandard / total) * 1000) / 10}%)`,
        params: { code: 'out_of_range', minimum: 20, share: Math.round((w.serviceStandard / total) * 1000) / 10 },
      });
    }
  });
export type AppraisalWeights = z.output<typeof AppraisalWeights>;

export const DEFAULT_APPRAISAL_WEIGHTS: AppraisalWeights = {
  serviceStandard: 25,
  volume: 15,
  timeliness: 10,
  complaints: 15,
  callbacks: 10,
  satisfaction: 15,
  attendance: 10,
};

/** What the appraisal counts for one agent over a period. */
export interface AppraisalFigures {
  callsHandled: number;
  callsLate: number;
  /** Complaints about the agent: of type attitude or timeliness, made about a call the agent took. */
  complaints: number;
  callbacksDue: number;
  callbacksOnTime: number;
  qaReviews: number;
  /** Average QA score, voided reviews counting 0; null without reviews. */
  qaAverage: number | null;
  fatalErrors: number;
  /** Average satisfaction 0–100 (a call's 1–5 and a callback's score, ×20); null without any. */
  satisfactionAverage: number | null;
  /** 0–100; null when the agent had no working day to attend. */
  attendanceRate: number | null;
}

export type AppraisalScores = Record<AppraisalPart, number | null>;

/**
 * What a person's volume counts: calls for those who answer the hotline, callbacks due for callback
 * officers (who take no calls, and would otherwise all score 0).
 */
export function workloadOf(role: string, f: Pick<AppraisalFigures, 'callsHandled' | 'callbacksDue'>): number {
  return role === 'callback_officer' ? f.callbacksDue : f.callsHandled;
}

/**
 * Each part on 0–100: QA average; volume (`workload`) against the busiest person of the same role; on-time answers;
 * 100 less 20 per complaint about the agent; callbacks on time; satisfaction; attendance. A part with
 * nothing to measure (no reviews yet, no callbacks due) is left out and the others are reweighted, so
 * an agent is neither rewarded nor punished for what did not happen.
 */
export function appraisalScores(f: AppraisalFigures, busiest: number, workload: number = f.callsHandled): AppraisalScores {
  const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);
  return {
    serviceStandard: f.qaAverage,
    volume: busiest > 0 ? pct(workload, busiest) : null,
    timeliness: f.callsHandled > 0 ? pct(f.callsHandled - f.callsLate, f.callsHandled) : null,
    complaints: Math.max(0, 100 - 20 * f.complaints),
    callbacks: pct(f.callbacksOnTime, f.callbacksDue),
    satisfaction: f.satisfactionAverage,
    attendance: f.attendanceRate,
  };
}

export function appraisalTotal(scores: AppraisalScores, w: AppraisalWeights): number {
  let sum = 0;
  let weight = 0;
  for (const p of APPRAISAL_PARTS) {
    const s = scores[p];
    if (s === null) continue;
    sum += s * w[p];
    weight += w[p];
  }
  return weight > 0 ? Math.round((sum / weight) * 10) / 10 : 0;
}

export const APPRAISAL_PERIODS = ['month', 'quarter', 'year'] as const;
export type AppraisalPeriod = (typeof APPRAISAL_PERIODS)[number];
/** 2026-11, 2026-Q4 or 2026. */
export const PeriodKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { message: 'invalid period' });

/** The local days a period covers, first and last inclusive. */
export function periodDays(period: AppraisalPeriod, key: string): { from: string; to: string } | null {
  const y = Number(key.slice(0, 4));
  const last = (yy: number, m: number) => new Date(Date.UTC(yy, m, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period === 'year' && /^\d{4}$/.test(key)) return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (period === 'quarter' && /^\d{4}-Q[1-4]$/.test(key)) {
    const q = Number(key.slice(6));
    const m0 = (q - 1) * 3 + 1;
    return { from: `${y}-${pad(m0)}-01`, to: `${y}-${pad(m0 + 2)}-${pad(last(y, m0 + 2))}` };
  }
  if (period === 'month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(key)) {
    const m = Number(key.slice(5));
    return { from: `${key}-01`, to: `${key}-${pad(last(y, m))}` };
  }
  return null;
}
