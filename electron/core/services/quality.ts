import { v7 as uuidv7 } from 'uuid';
import type { QaAgentSummary, QaItemDetail, QaItemRow, QaMonth, QaRecordView } from '../../../shared/api/qualityTypes';
import type { HistoryEntry } from '../../../shared/api/types';
import { DEFAULT_QUALITY_RULES } from '../../../shared/domain/appraisal';
import { localDay } from '../../../shared/domain/calendar';
import type { Actor, FieldIssue } from '../../../shared/domain/mutation';
import { type QaReview, scoreIssues } from '../../../shared/domain/qaReview';
import { MAX_SAMPLE_ITEMS, monthSeed, pickSample, type QaRecordKind, type QaSample, reviewIdOf, type SampleItem, sampleIdOf } from '../../../shared/domain/quality';
import { isQaRole } from '../../../shared/domain/roles';
import {
  CALL_HIDDEN_FIELDS,
  CALLBACK_HIDDEN_FIELDS,
  COMPLAINT_HIDDEN_FIELDS,
  contactView,
  maskedFields,
  seesCallbackInFull,
  seesCallInFull,
  seesComplaintInFull,
  visibleCall,
  visibleCallback,
  visibleComplaint,
  visibleHistory,
} from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { readHistory } from '../store/journal';
import { displayNames, monthEnded, monthSamples, monthServiceRecords, type ServiceRecord, sampleHolding, serviceRecord } from '../store/quality';
import { listFindings, monthFindingCounts, monthReviews } from '../store/qualityReviews';
import { activeScorecard, scorecardById } from '../store/scorecards';
import { scriptById } from '../store/scripts';
import { requireSettings } from '../store/settings';
import { callbacksTable, callRecordsTable, complaintsTable, qaReviewsTable, qaSamplesTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/**
 * QA sampling and review (质检): the month's draw, records added by hand, a sampled record beside its
 * scorecard, and scoring it with its findings. Sample and review ids derive from the month and the record,
 * so two leads drawing or scoring offline write the same records (docs/quality.md).
 */

const itemKey = (kind: string, recordId: string) => `${kind}:${recordId}`;

function itemRow(s: QaSample, i: SampleItem, review: QaReview | null, findings: number): QaItemRow {
  return {
    sampleId: s.id,
    month: s.month,
    agentId: s.agentId,
    agentName: s.agentName,
    kind: i.kind,
    recordId: i.recordId,
    recordNo: i.recordNo,
    at: i.at,
    manual: i.manual,
    reason: i.reason,
    reviewId: review?.id ?? null,
    score: review?.score ?? null,
    voided: review?.voided ?? false,
    reviewedAt: review?.reviewedAt ?? null,
    reviewerName: review?.reviewerName ?? '',
    findings,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function monthView(ctx: CoreContext, month: string, agentId: string | undefined): QaMonth {
  const samples = monthSamples(ctx.db, month, agentId);
  const reviews = new Map(monthReviews(ctx.db, month).map((r) => [r.id, r]));
  const counts = monthFindingCounts(ctx.db, month);
  const items: QaItemRow[] = [];
  const agents: QaAgentSummary[] = samples.map((s) => {
    const mine = s.items.map((i) => {
      const review = reviews.get(reviewIdOf(month, i.kind, i.recordId)) ?? null;
      return itemRow(s, i, review, review ? (counts.byReview.get(review.id) ?? 0) : 0);
    });
    items.push(...mine.sort((a, b) => a.at.localeCompare(b.at)));
    const scored = mine.filter((r) => r.score !== null);
    return {
      agentId: s.agentId,
      agentName: s.agentName,
      population: s.population,
      sampled: s.items.length,
      reviewed: scored.length,
      averageScore: scored.length ? round1(scored.reduce((sum, r) => sum + (r.score ?? 0), 0) / scored.length) : null,
      fatal: scored.filter((r) => r.voided).length,
      openFindings: counts.unsettledByAgent.get(s.agentId) ?? 0,
    };
  });
  // The month's draw as the first one made it (a later draw keeps the seed it found).
  const drawn = samples.filter((s) => s.drawnAt).sort((a, b) => (a.drawnAt ?? '').localeCompare(b.drawnAt ?? ''))[0];
  return {
    month,
    ratePercent: drawn?.ratePercent ?? (requireSettings(ctx.db).quality ?? DEFAULT_QUALITY_RULES).sampleRatePercent,
    seed: drawn?.seed ?? null,
    drawnAt: drawn?.drawnAt ?? null,
    drawnBy: drawn?.drawnBy ?? '',
    agents,
    items,
  };
}

interface RecordShown {
  record: QaRecordView;
  history: HistoryEntry[];
  script: QaItemDetail['script'];
  recordingRef: string;
  customerId: string | null;
}

/**
 * The record as it was saved, by the same visibility rule and masking as its own detail screen (a
 * confidential call is shown in full to its agent and the leads only), with its history and the script
 * version it was taken with.
 */
function recordShown(ctx: CoreContext, actor: Actor, kind: QaRecordKind, id: string): RecordShown {
  const masking = requireSettings(ctx.db).masking;
  const masked = maskedFields(actor, masking);
  const scriptOf = (sid: string | null) => {
    const s = sid ? scriptById(ctx.db, sid) : null;
    return s ? { id: s.id, kind: s.kind, version: s.version, name: s.name } : null;
  };
  const missing = () => new ApiFailure('not_found', `${kind} ${id} does not exist`, [{ field: 'recordId', code: 'invalid_value', message: 'unknown record' }]);
  if (kind === 'call') {
    const stored = callRecordsTable.get(ctx.db, id);
    if (!stored) throw missing();
    const inFull = seesCallInFull(stored, actor);
    const { record } = contactView(visibleCall(stored, actor), inFull, actor, masking);
    return {
      record: { kind, call: record },
      history: visibleHistory(readHistory(ctx.db, 'call', id), inFull ? [] : CALL_HIDDEN_FIELDS, masked),
      script: scriptOf(stored.scriptVersionId),
      recordingRef: stored.recordingRef ?? '',
      customerId: stored.customerId,
    };
  }
  if (kind === 'complaint') {
    const stored = complaintsTable.get(ctx.db, id);
    if (!stored) throw missing();
    const inFull = seesComplaintInFull(stored, actor);
    const { record } = contactView(visibleComplaint(stored, actor), inFull, actor, masking);
    return {
      record: { kind, complaint: record },
      history: visibleHistory(readHistory(ctx.db, 'complaint', id), inFull ? [] : COMPLAINT_HIDDEN_FIELDS, masked),
      script: null,
      recordingRef: '',
      customerId: stored.customerId,
    };
  }
  const stored = callbacksTable.get(ctx.db, id);
  if (!stored) throw missing();
  const links = { call: stored.callId ? callRecordsTable.get(ctx.db, stored.callId) : null, complaint: stored.complaintId ? complaintsTable.get(ctx.db, stored.complaintId) : null };
  const inFull = seesCallbackInFull(stored, links, actor);
  const { record } = contactView(visibleCallback(stored, links, actor), inFull, actor, masking);
  return {
    record: { kind, callback: record },
    history: visibleHistory(readHistory(ctx.db, 'callback', id), inFull ? [] : CALLBACK_HIDDEN_FIELDS, masked),
    script: scriptOf(stored.scriptVersionId),
    recordingRef: '',
    customerId: stored.customerId,
  };
}

function notSampled(month: string): ApiFailure {
  return new ApiFailure('not_found', `the record is not in the sample of ${month}`, [{ field: 'recordId', code: 'invalid_value', message: 'not in this month’s sample' }]);
}

/**
 * A sampled record beside its scorecard, for whoever may open it: QA roles any; anybody else only their
 * own record, and only once it has been reviewed (before that, a review in progress is not theirs to read).
 */
function itemDetail(ctx: CoreContext, actor: Actor, month: string, kind: QaRecordKind, recordId: string): QaItemDetail & { customerId: string | null } {
  const sample = sampleHolding(ctx.db, month, kind, recordId);
  if (!sample) throw notSampled(month);
  const review = qaReviewsTable.get(ctx.db, reviewIdOf(month, kind, recordId));
  if (!isQaRole(actor.role)) {
    if (sample.agentId !== actor.userId) throw new ApiFailure('forbidden', 'only quality inspectors and team leads open other people’s sampled records');
    if (!review) throw new ApiFailure('not_found', 'this record has not been reviewed yet');
  }
  const item = sample.items.find((i) => i.kind === kind && i.recordId === recordId)!;
  const findings = review ? listFindings(ctx.db, { reviewId: review.id }) : [];
  const shown = recordShown(ctx, actor, kind, recordId);
  const scorecard = review
    ? (scorecardById(ctx.db, review.scorecardId) ?? { ...activeScorecard(ctx.db), id: review.scorecardId, version: review.scorecardVersion, items: review.items })
    : activeScorecard(ctx.db);
  return {
    item: itemRow(sample, item, review, findings.length),
    record: shown.record,
    history: shown.history,
    script: shown.script,
    recordingRef: shown.recordingRef,
    review,
    findings,
    scorecard,
    customerId: shown.customerId,
  };
}

function auditedDetail(ctx: CoreContext, actor: Actor, month: string, kind: QaRecordKind, recordId: string): QaItemDetail {
  const { customerId: _customer, ...detail } = auditedRead(
    ctx,
    actor,
    { action: 'view', entity: kind, detail: 'qa', customersOf: (d) => [d.customerId] },
    () => itemDetail(ctx, actor, month, kind, recordId),
    (d) => [d.item.recordId],
  );
  return detail;
}

/** Sample items of an agent's records, dated and numbered as lists show them. */
const toItem = (r: ServiceRecord, actor: Actor): SampleItem => ({
  kind: r.kind,
  recordId: r.recordId,
  recordNo: r.recordNo.slice(0, 40),
  at: r.at,
  manual: false,
  reason: '',
  addedBy: actor.displayName,
});

export const qualityHandlers: HandlerMap<'qa.month' | 'qa.draw' | 'qa.add' | 'qa.item' | 'qa.review'> = {
  'qa.month': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'qa_sample' },
      () => monthView(ctx, params.month, params.agentId),
      (m) => m.agents.map((a) => sampleIdOf(m.month, a.agentId)),
    );
  },

  /**
   * Each agent's share of the month's calls, complaints and done callbacks, drawn with the month's seed
   * (the same on every workstation, so offline draws converge). Only an ended month: its records are final.
   */
  'qa.draw': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    if (!monthEnded(params.month, now)) {
      throw new ApiFailure('invalid_params', `month ${params.month} has not ended yet`, [{ field: 'month', code: 'in_future', message: 'only a month that has ended can be drawn' }]);
    }
    const settings = requireSettings(ctx.db);
    const rate = params.ratePercent ?? (settings.quality ?? DEFAULT_QUALITY_RULES).sampleRatePercent;
    const seed = monthSeed(params.month, settings.organisationName);
    const byAgent = new Map<string, ServiceRecord[]>();
    for (const r of monthServiceRecords(ctx.db, params.month)) {
      const list = byAgent.get(r.agentId);
      if (list) list.push(r);
      else byAgent.set(r.agentId, [r]);
    }
    const names = displayNames(ctx.db);
    const at = now.toISOString();
    let added = 0;
    writeTx(ctx, () => {
      for (const agentId of [...byAgent.keys()].sort()) {
        const records = byAgent.get(agentId)!;
        const id = sampleIdOf(params.month, agentId);
        const prev = qaSamplesTable.get(ctx.db, id);
        const have = new Set((prev?.items ?? []).map((i) => itemKey(i.kind, i.recordId)));
        // The seed the month was first drawn with reproduces it. A redraw tops the drawn records up to the
        // rate (records synced late, a higher rate) and never beyond: records added by hand are extra. A
        // sample holds at most MAX_SAMPLE_ITEMS records (far above 10% of a full-time agent's month), so a
        // larger draw keeps the first ones picked.
        const picked = pickSample(records, rate, prev?.seed ?? seed);
        const drawnBefore = (prev?.items ?? []).filter((i) => !i.manual).length;
        const picks = picked
          .filter((r) => !have.has(itemKey(r.kind, r.recordId)))
          .slice(0, Math.max(0, Math.min(picked.length - drawnBefore, MAX_SAMPLE_ITEMS - have.size)));
        added += picks.length;
        const agentName = (names.get(agentId) ?? records[0]!.agentName ?? '').slice(0, 100);
        runSyncMutation(
          ctx,
          'qa.draw',
          { id, month: params.month, agentId, agentName, seed: prev?.seed ?? seed, ratePercent: rate, population: records.length, items: picks.map((r) => toItem(r, actor)), at },
          actor,
          { prev },
        );
      }
    });
    const samples = monthSamples(ctx.db, params.month);
    return { month: params.month, seed: samples.find((s) => s.seed)?.seed ?? seed, agents: byAgent.size, sampled: samples.reduce((n, s) => n + s.items.length, 0), added };
  },

  /** A record added by hand (a complaint that went badly), with the reason; it must be of that month and have an agent. */
  'qa.add': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const r = serviceRecord(ctx.db, params.kind, params.recordId);
    if (!r) throw new ApiFailure('not_found', `${params.kind} ${params.recordId} does not exist`, [{ field: 'recordId', code: 'invalid_value', message: 'unknown record' }]);
    const issues: FieldIssue[] = [];
    if (!r.agentId) issues.push({ field: 'recordId', code: 'invalid_value', message: 'the record has no agent to sample' });
    else if (!r.at || localDay(r.at).slice(0, 7) !== params.month) issues.push({ field: 'recordId', code: 'out_of_range', message: `the record is not of ${params.month}` });
    if (issues.length) throw new ApiFailure('invalid_params', 'this record cannot be added to the sample', issues);
    if (sampleHolding(ctx.db, params.month, params.kind, params.recordId))
      throw new ApiFailure('refused', 'this record is in the sample already', [{ field: 'recordId', code: 'duplicate', message: 'already in the sample' }]);
    const names = displayNames(ctx.db);
    const id = sampleIdOf(params.month, r.agentId);
    const item: SampleItem = { ...toItem(r, actor), manual: true, reason: params.reason };
    const at = ctx.now().toISOString();
    const sample = runSyncMutation(ctx, 'qa.add', { id, month: params.month, agentId: r.agentId, agentName: (names.get(r.agentId) ?? r.agentName).slice(0, 100), item, at }, actor);
    return itemRow(sample, item, null, 0);
  },

  'qa.item': ({ ctx, session, params }) => auditedDetail(ctx, actorOf(session), params.month, params.kind, params.recordId),

  /**
   * Scores a sampled record on the given scorecard version, and records its findings, in one transaction:
   * each finding gets its rectification deadline from the settings' working days on the holiday calendar.
   * Every problem with the scores and findings is answered at once, each beside its item.
   */
  'qa.review': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const sample = sampleHolding(ctx.db, params.month, params.kind, params.recordId);
    if (!sample) throw notSampled(params.month);
    if (sample.agentId === actor.userId) throw new ApiFailure('forbidden', 'nobody reviews their own records');
    const card = scorecardById(ctx.db, params.scorecardId);
    if (!card) throw new ApiFailure('invalid_params', `scorecard ${params.scorecardId} does not exist`, [{ field: 'scorecardId', code: 'invalid_value', message: 'unknown scorecard version' }]);
    const issues = scoreIssues(card.items, params.scores);
    params.findings.forEach((f, n) => {
      if (f.itemId !== null && !card.items.some((i) => i.id === f.itemId)) issues.push({ field: `findings.${n}.itemId`, code: 'invalid_value', message: 'not an item of this scorecard' });
    });
    if (issues.length) throw new ApiFailure('invalid_params', 'the scorecard is not filled in correctly', issues);
    const item = sample.items.find((i) => i.kind === params.kind && i.recordId === params.recordId)!;
    const at = ctx.now().toISOString();
    const base = { month: params.month, recordKind: params.kind, recordId: params.recordId, recordNo: item.recordNo, agentId: sample.agentId, agentName: sample.agentName };
    writeTx(ctx, () => {
      const review = runSyncMutation(
        ctx,
        'qa.review',
        { ...base, id: reviewIdOf(params.month, params.kind, params.recordId), scorecardId: card.id, scorecardVersion: card.version, items: card.items, scores: params.scores, comment: params.comment, at },
        actor,
      );
      for (const f of params.findings) {
        const fatal = f.itemId !== null && card.items.some((i) => i.id === f.itemId && i.fatal);
        runSyncMutation(ctx, 'finding.create', { ...base, id: uuidv7(), reviewId: review.id, itemId: f.itemId, text: f.text, fatal, at }, actor);
      }
    });
    return auditedDetail(ctx, actor, params.month, params.kind, params.recordId);
  },
};
