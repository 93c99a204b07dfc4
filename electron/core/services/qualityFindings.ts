import type { FindingRow, TeachingCaseRow } from '../../../shared/api/qualityTypes';
import type { Actor } from '../../../shared/domain/mutation';
import { findingOverdue, type QaFinding } from '../../../shared/domain/qaReview';
import { isQaRole } from '../../../shared/domain/roles';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { listFindings, listReviews, teachingCases } from '../store/qualityReviews';
import { qaFindingsTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';

/**
 * Reviews, teaching cases and findings after the score: the agent's improvement report (整改报告) or appeal
 * (申诉), the lead's decision. An agent reads only their own reviews and findings; the team's need a QA
 * role. Only the finding's agent answers it and nobody decides their own (the domain rule, which the hub
 * applies to pushes too).
 */

/** 'team' is for quality inspectors and team leads; 'mine' is anybody's own. */
function scopeAgent(actor: Actor, scope: 'mine' | 'team'): string | undefined {
  if (scope === 'mine') return actor.userId;
  if (!isQaRole(actor.role)) throw new ApiFailure('forbidden', 'only quality inspectors and team leads read the team’s reviews and findings');
  return undefined;
}

const rowOf = (f: QaFinding, now: Date): FindingRow => ({ ...f, overdue: findingOverdue(f, now) });

function loadFinding(ctx: CoreContext, id: string): QaFinding {
  const f = qaFindingsTable.get(ctx.db, id);
  if (!f) throw new ApiFailure('not_found', `finding ${id} does not exist`);
  return f;
}

/**
 * A decision the finding's state does not allow (approving a finding with no report, upholding one not
 * appealed) is refused by the domain without a field; the screen shows it beside the decision chosen.
 */
function besideField<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ApiFailure && e.code === 'refused' && !e.fields?.length) throw new ApiFailure('refused', e.message, [{ field, code: 'invalid_value', message: e.message }]);
    throw e;
  }
}

export const qualityFindingHandlers: HandlerMap<
  'qa.reviews' | 'qa.markCase' | 'qa.cases' | 'findings.list' | 'findings.report' | 'findings.appeal' | 'findings.decide'
> = {
  'qa.reviews': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const agentId = scopeAgent(actor, params.scope);
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'qa_review', detail: params.scope },
      () => listReviews(ctx.db, { ...(agentId ? { agentId } : {}), ...(params.month ? { month: params.month } : {}) }),
      (rows) => rows.map((r) => r.id),
    );
  },

  'qa.markCase': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'qa.markCase', { id: params.reviewId, teachingCase: params.teachingCase, note: params.note, at: ctx.now().toISOString() }, actorOf(session)),

  /** Teaching cases are for everybody to learn from; whose they were is shown only to QA roles, so a bad example shames nobody. */
  'qa.cases': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const named = isQaRole(actor.role);
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'qa_review', detail: 'cases' },
      () =>
        teachingCases(ctx.db, params.teachingCase).map(
          (r): TeachingCaseRow => ({
            reviewId: r.id,
            teachingCase: r.teachingCase!,
            note: r.caseNote,
            recordKind: r.recordKind,
            recordId: r.recordId,
            recordNo: r.recordNo,
            agentName: named ? r.agentName : '',
            score: r.score,
            voided: r.voided,
            reviewedAt: r.reviewedAt,
          }),
        ),
      (rows) => rows.map((r) => r.reviewId),
    );
  },

  'findings.list': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const agentId = scopeAgent(actor, params.scope);
    const now = ctx.now();
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'qa_finding', detail: params.scope },
      () =>
        listFindings(ctx.db, {
          ...(agentId ? { agentId } : {}),
          ...(params.status ? { status: params.status } : {}),
          ...(params.overdue ? { overdueAt: now.toISOString() } : {}),
        }).map((f) => rowOf(f, now)),
      (rows) => rows.map((r) => r.id),
    );
  },

  'findings.report': ({ ctx, session, params }) => {
    loadFinding(ctx, params.id);
    const f = runSyncMutation(ctx, 'finding.report', { id: params.id, report: params.report, at: ctx.now().toISOString() }, actorOf(session));
    return rowOf(f, ctx.now());
  },

  'findings.appeal': ({ ctx, session, params }) => {
    loadFinding(ctx, params.id);
    const f = runSyncMutation(ctx, 'finding.appeal', { id: params.id, reason: params.reason, at: ctx.now().toISOString() }, actorOf(session));
    return rowOf(f, ctx.now());
  },

  'findings.decide': ({ ctx, session, params }) => {
    loadFinding(ctx, params.id);
    const at = ctx.now().toISOString();
    const f = besideField('decision', () => runSyncMutation(ctx, 'finding.decide', { id: params.id, decision: params.decision, reason: params.reason, at }, actorOf(session)));
    return rowOf(f, ctx.now());
  },
};
