import { z } from 'zod';
import { addWorkingDays, type CalendarOverrides } from './calendar';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { MonthKey, QA_RECORD_KINDS, reviewIdOf } from './quality';
import { isQaRole, SCORECARD_PUBLISHERS } from './roles';

/**
 * Scorecards, reviews and findings (质检评分, 整改, 申诉). docs/quality.md describes the rules.
 */

export const ScorecardItem = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, { message: 'invalid item id' }),
  label: requiredText(50),
  /** Points of a scored item; a fatal item (红线) has none: failing it voids the whole score. */
  weight: z.number().int().min(0).max(100),
  fatal: z.boolean(),
  guidance: text(500),
});
export type ScorecardItem = z.output<typeof ScorecardItem>;

/** Scored items' points add up to 100; ids are unique; fatal items carry no points. */
export function scorecardIssues(items: readonly ScorecardItem[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) out.push({ field: `items.${i}.id`, code: 'duplicate', message: 'item id used twice' });
    seen.add(it.id);
    if (it.fatal && it.weight !== 0) out.push({ field: `items.${i}.weight`, code: 'invalid_value', message: 'a fatal item carries no points' });
  });
  const total = items.filter((i) => !i.fatal).reduce((s, i) => s + i.weight, 0);
  if (total !== 100) out.push({ field: 'items', code: 'out_of_range', message: `scored items must add up to 100 points (now ${total})`, params: { total } });
  return out;
}

export const ScorecardItems = z
  .array(ScorecardItem)
  .min(1)
  .max(30)
  .superRefine((items, ctx) => {
    for (const i of scorecardIssues(items)) ctx.addIssue({ code: 'custom', path: i.field === 'items' ? [] : i.field.split('.').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: i.message, params: { code: i.code, ...i.params } });
  });

export interface ScorecardVersion {
  id: string;
  version: number;
  name: string;
  items: ScorecardItem[];
  note: string;
  createdAt: string;
  createdBy: string;
  builtIn: boolean;
}

export const ScorecardPublishArgs = z.strictObject({
  id: uuid,
  version: z.number().int().min(1).max(100_000),
  name: requiredText(LIMITS.name),
  items: ScorecardItems,
  note: text(500),
  at: isoTime,
});
export type ScorecardPublishArgs = z.output<typeof ScorecardPublishArgs>;

export function publishScorecard(prev: ScorecardVersion | null, a: ScorecardPublishArgs, actor: Actor): MutationResult<ScorecardVersion> {
  if (!SCORECARD_PUBLISHERS.includes(actor.role)) return refuse('forbidden', 'only a team lead or administrator may publish a scorecard');
  // A version is immutable once published: a replay changes nothing.
  if (prev) return { ok: true, next: prev, changes: [] };
  const next: ScorecardVersion = { id: a.id, version: a.version, name: a.name, items: a.items, note: a.note, createdAt: a.at, createdBy: actor.displayName, builtIn: false };
  return { ok: true, next, changes: [{ field: 'version', before: null, after: a.version }] };
}

export const ItemScore = z.strictObject({
  itemId: z.string().max(30),
  /** Points given on a scored item (0..its weight); on a fatal item, 0. */
  points: z.number().int().min(0).max(100),
  /** A fatal item failed (红线). */
  failed: z.boolean(),
  comment: text(500),
});
export type ItemScore = z.output<typeof ItemScore>;

export const TEACHING_CASES = ['good', 'bad'] as const;
export type TeachingCase = (typeof TEACHING_CASES)[number];

export interface QaReview {
  id: string;
  month: string;
  recordKind: (typeof QA_RECORD_KINDS)[number];
  recordId: string;
  recordNo: string;
  agentId: string;
  agentName: string;
  scorecardId: string;
  scorecardVersion: number;
  /** The scorecard's items as they were when scored: later versions do not change this review. */
  items: ScorecardItem[];
  scores: ItemScore[];
  /** 0–100; 0 when a fatal item failed (voided). */
  score: number;
  voided: boolean;
  comment: string;
  reviewerId: string;
  reviewerName: string;
  reviewedAt: string;
  teachingCase: TeachingCase | null;
  caseNote: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const QaReviewArgs = z.strictObject({
  id: uuid,
  month: MonthKey,
  recordKind: z.enum(QA_RECORD_KINDS),
  recordId: uuid,
  recordNo: text(40),
  agentId: uuid,
  agentName: text(LIMITS.name),
  scorecardId: uuid,
  scorecardVersion: z.number().int().min(1),
  items: z.array(ScorecardItem).min(1).max(30),
  scores: z.array(ItemScore).max(30),
  comment: text(2000),
  at: isoTime,
});
export type QaReviewArgs = z.output<typeof QaReviewArgs>;

/** Every item scored once, within its points: the issues, each beside its item. */
export function scoreIssues(items: readonly ScorecardItem[], scores: readonly ItemScore[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const byId = new Map(scores.map((s) => [s.itemId, s]));
  items.forEach((it) => {
    const s = byId.get(it.id);
    if (!s) out.push({ field: `scores.${it.id}`, code: 'required', message: 'not scored' });
    else if (!it.fatal && s.points > it.weight) out.push({ field: `scores.${it.id}`, code: 'out_of_range', message: `at most ${it.weight} points`, params: { maximum: it.weight } });
    else if (it.fatal && s.points !== 0) out.push({ field: `scores.${it.id}`, code: 'invalid_value', message: 'a fatal item carries no points' });
    else if (!it.fatal && s.failed) out.push({ field: `scores.${it.id}`, code: 'invalid_value', message: 'only a fatal item can be failed' });
  });
  for (const s of scores) if (!items.some((i) => i.id === s.itemId)) out.push({ field: `scores.${s.itemId}`, code: 'unknown_field', message: 'not an item of this scorecard' });
  // An item scored twice would count its points twice.
  const seen = new Set<string>();
  for (const s of scores) {
    if (seen.has(s.itemId)) out.push({ field: `scores.${s.itemId}`, code: 'duplicate', message: 'scored twice' });
    seen.add(s.itemId);
  }
  return out;
}

/** The review's score: the points given, unless a fatal item failed, which voids it (0). */
export function reviewScore(items: readonly ScorecardItem[], scores: readonly ItemScore[]): { score: number; voided: boolean } {
  const voided = scores.some((s) => s.failed && items.some((i) => i.id === s.itemId && i.fatal));
  if (voided) return { score: 0, voided: true };
  return { score: scores.reduce((sum, s) => sum + (items.find((i) => i.id === s.itemId && !i.fatal) ? s.points : 0), 0), voided: false };
}

const REVIEW_TRACKED: (keyof QaReview & string)[] = ['scorecardVersion', 'scores', 'score', 'voided', 'comment', 'reviewerName', 'teachingCase', 'caseNote'];

/** Scores a sampled record, or rescores it (a correction keeps the history of the first score). */
export function reviewRecord(prev: QaReview | null, a: QaReviewArgs, actor: Actor): MutationResult<QaReview> {
  if (!isQaRole(actor.role)) return refuse('forbidden', 'only a quality inspector or team lead may review');
  if (a.agentId === actor.userId) return refuse('forbidden', 'nobody reviews their own records');
  if (a.id !== reviewIdOf(a.month, a.recordKind, a.recordId)) return refuse('invalid_params', 'review id does not match its record', [{ field: 'id', code: 'invalid_value', message: 'id must derive from month and record' }]);
  const issues = scoreIssues(a.items, a.scores);
  if (issues.length) return refuse('invalid_params', 'the scorecard is not filled in correctly', issues);
  const { score, voided } = reviewScore(a.items, a.scores);
  const next: QaReview = {
    id: a.id, month: a.month, recordKind: a.recordKind, recordId: a.recordId, recordNo: a.recordNo, agentId: a.agentId, agentName: a.agentName,
    scorecardId: a.scorecardId, scorecardVersion: a.scorecardVersion, items: a.items, scores: a.scores, score, voided, comment: a.comment,
    reviewerId: actor.userId, reviewerName: actor.displayName, reviewedAt: a.at,
    teachingCase: prev?.teachingCase ?? null, caseNote: prev?.caseNote ?? '',
    createdAt: prev?.createdAt ?? a.at, updatedAt: a.at, version: (prev?.version ?? 0) + 1,
  };
  return { ok: true, next, changes: diff(prev, next, REVIEW_TRACKED) };
}

export const QaMarkCaseArgs = z.strictObject({ id: uuid, teachingCase: z.enum(TEACHING_CASES).nullable(), note: text(1000), at: isoTime });
export type QaMarkCaseArgs = z.output<typeof QaMarkCaseArgs>;

export function markTeachingCase(prev: QaReview | null, a: QaMarkCaseArgs, actor: Actor): MutationResult<QaReview> {
  if (!isQaRole(actor.role)) return refuse('forbidden', 'only a quality inspector or team lead may mark teaching cases');
  if (!prev) return refuse('not_found', `review ${a.id} does not exist`);
  const next: QaReview = { ...prev, teachingCase: a.teachingCase, caseNote: a.note, updatedAt: a.at, version: prev.version + 1 };
  return { ok: true, next, changes: diff(prev, next, REVIEW_TRACKED) };
}

/**
 * open → reported (improvement report) → closed (approved) | back to open (report rejected);
 * open → appealed (申诉) → withdrawn (appeal upheld) | back to open (appeal rejected, the clock restarts).
 */
export const FINDING_STATUSES = ['open', 'reported', 'appealed', 'closed', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_DECISIONS = ['approve', 'reject', 'uphold'] as const;
export type FindingDecision = (typeof FINDING_DECISIONS)[number];

export interface QaFinding {
  id: string;
  reviewId: string;
  month: string;
  recordKind: (typeof QA_RECORD_KINDS)[number];
  recordId: string;
  recordNo: string;
  agentId: string;
  agentName: string;
  /** The scorecard item the finding is about, or null for a general one. */
  itemId: string | null;
  text: string;
  fatal: boolean;
  status: FindingStatus;
  /** Rectification due: N working days after the finding (settings), on the holiday calendar. */
  dueAt: string;
  report: string;
  reportedAt: string | null;
  appeal: string;
  appealedAt: string | null;
  /** The lead's reason when rejecting a report or an appeal, or upholding an appeal. */
  decisionReason: string;
  decidedBy: string;
  decidedAt: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What a finding's deadline reads from settings. */
export interface FindingEnv {
  rectifyWorkingDays: number;
  calendar: CalendarOverrides;
}

export const FindingCreateArgs = z.strictObject({
  id: uuid,
  reviewId: uuid,
  month: MonthKey,
  recordKind: z.enum(QA_RECORD_KINDS),
  recordId: uuid,
  recordNo: text(40),
  agentId: uuid,
  agentName: text(LIMITS.name),
  itemId: z.string().max(30).nullable(),
  text: requiredText(1000),
  fatal: z.boolean(),
  at: isoTime,
});
export type FindingCreateArgs = z.output<typeof FindingCreateArgs>;

export const FindingReportArgs = z.strictObject({ id: uuid, report: requiredText(2000), at: isoTime });
export type FindingReportArgs = z.output<typeof FindingReportArgs>;
export const FindingAppealArgs = z.strictObject({ id: uuid, reason: requiredText(2000), at: isoTime });
export type FindingAppealArgs = z.output<typeof FindingAppealArgs>;
export const FindingDecideArgs = z.strictObject({ id: uuid, decision: z.enum(FINDING_DECISIONS), reason: text(1000), at: isoTime });
export type FindingDecideArgs = z.output<typeof FindingDecideArgs>;

const FINDING_TRACKED: (keyof QaFinding & string)[] = ['status', 'dueAt', 'report', 'appeal', 'decisionReason', 'decidedBy', 'closedAt'];

export function createFinding(prev: QaFinding | null, a: FindingCreateArgs, actor: Actor, env: FindingEnv): MutationResult<QaFinding> {
  if (!isQaRole(actor.role)) return refuse('forbidden', 'only a quality inspector or team lead may record a finding');
  if (prev) return refuse('refused', `finding ${a.id} already exists`);
  if (a.agentId === actor.userId) return refuse('forbidden', 'nobody records findings on their own records');
  const next: QaFinding = {
    id: a.id, reviewId: a.reviewId, month: a.month, recordKind: a.recordKind, recordId: a.recordId, recordNo: a.recordNo,
    agentId: a.agentId, agentName: a.agentName, itemId: a.itemId, text: a.text, fatal: a.fatal, status: 'open',
    dueAt: addWorkingDays(a.at, env.rectifyWorkingDays, env.calendar),
    report: '', reportedAt: null, appeal: '', appealedAt: null, decisionReason: '', decidedBy: '', decidedAt: null, closedAt: null,
    createdBy: actor.displayName, createdAt: a.at, updatedAt: a.at, version: 1,
  };
  return { ok: true, next, changes: diff(null, next, FINDING_TRACKED) };
}

function ownFinding(prev: QaFinding | null, id: string, actor: Actor): MutationResult<QaFinding> | null {
  if (!prev) return refuse('not_found', `finding ${id} does not exist`);
  if (prev.agentId !== actor.userId) return refuse('forbidden', 'only the agent the finding is about may answer it');
  if (prev.status !== 'open') return refuse('refused', `finding is ${prev.status}, not open`);
  return null;
}

export function reportFinding(prev: QaFinding | null, a: FindingReportArgs, actor: Actor): MutationResult<QaFinding> {
  const no = ownFinding(prev, a.id, actor);
  if (no || !prev) return no ?? refuse('not_found', `finding ${a.id} does not exist`);
  const next: QaFinding = { ...prev, status: 'reported', report: a.report, reportedAt: a.at, updatedAt: a.at, version: prev.version + 1 };
  return { ok: true, next, changes: diff(prev, next, FINDING_TRACKED) };
}

export function appealFinding(prev: QaFinding | null, a: FindingAppealArgs, actor: Actor): MutationResult<QaFinding> {
  const no = ownFinding(prev, a.id, actor);
  if (no || !prev) return no ?? refuse('not_found', `finding ${a.id} does not exist`);
  const next: QaFinding = { ...prev, status: 'appealed', appeal: a.reason, appealedAt: a.at, updatedAt: a.at, version: prev.version + 1 };
  return { ok: true, next, changes: diff(prev, next, FINDING_TRACKED) };
}

/** The lead's decision: approve a report (closed), reject a report or an appeal (open again), or uphold an appeal (withdrawn). */
export function decideFinding(prev: QaFinding | null, a: FindingDecideArgs, actor: Actor, env: FindingEnv): MutationResult<QaFinding> {
  if (!isQaRole(actor.role)) return refuse('forbidden', 'only a quality inspector or team lead may decide a finding');
  if (!prev) return refuse('not_found', `finding ${a.id} does not exist`);
  if (prev.agentId === actor.userId) return refuse('forbidden', 'nobody decides their own finding');
  const needsReason = a.decision !== 'approve';
  if (needsReason && !a.reason) return refuse('invalid_params', 'a reason is required', [{ field: 'reason', code: 'required', message: 'required' }]);
  const at = { updatedAt: a.at, decidedBy: actor.displayName, decidedAt: a.at, decisionReason: a.reason, version: prev.version + 1 };
  let next: QaFinding;
  if (a.decision === 'approve') {
    if (prev.status !== 'reported') return refuse('refused', 'only a finding with an improvement report can be closed');
    next = { ...prev, ...at, status: 'closed', closedAt: a.at };
  } else if (a.decision === 'uphold') {
    if (prev.status !== 'appealed') return refuse('refused', 'only an appealed finding can be withdrawn');
    next = { ...prev, ...at, status: 'withdrawn', closedAt: a.at };
  } else {
    if (prev.status !== 'reported' && prev.status !== 'appealed') return refuse('refused', 'only a report or an appeal can be rejected');
    // A rejected appeal restarts the clock: the agent had no reason to rectify while it was pending.
    const dueAt = prev.status === 'appealed' ? addWorkingDays(a.at, env.rectifyWorkingDays, env.calendar) : prev.dueAt;
    next = { ...prev, ...at, status: 'open', dueAt };
  }
  return { ok: true, next, changes: diff(prev, next, FINDING_TRACKED) };
}

/** Overdue for rectification: still open past its due time (a report waiting for the lead is not the agent's delay). */
export function findingOverdue(f: Pick<QaFinding, 'status' | 'dueAt'>, now: Date): boolean {
  return f.status === 'open' && Date.parse(f.dueAt) < now.getTime();
}
