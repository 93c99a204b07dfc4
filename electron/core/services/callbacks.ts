import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { CallbackDetail, CallbackRow } from '../../../shared/api/types';
import { endOfLocalDay, localDay } from '../../../shared/domain/calendar';
import { type Callback, CallbackCreateArgs, type CallbackOutcome, type CallbackRules, callbackUrgency } from '../../../shared/domain/callback';
import type { Actor } from '../../../shared/domain/mutation';
import { maskPhone } from '../../../shared/domain/phone';
import { isSupervisor } from '../../../shared/domain/roles';
import {
  CALLBACK_HIDDEN_FIELDS,
  type CallbackLinks,
  contactView,
  maskContact,
  maskedFields,
  type MaskingRules,
  seesCallbackInFull,
  seesComplaintInFull,
  visibleCall,
  visibleCallback,
  visibleHistory,
} from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure, fieldIssues } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { callbackCounts, type Officer, queuePage, queueWhere } from '../store/callbacks';
import { openConflicts, readHistory } from '../store/journal';
import { activeScript, scriptById } from '../store/scripts';
import { requireSettings } from '../store/settings';
import { callbacksTable, callRecordsTable, complaintsTable, customersTable, usersTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { defaultAssignee } from '../write/callbackTriggers';
import { mutationEnv } from '../write/env';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

export function loadCallback(ctx: CoreContext, id: string): Callback {
  const c = callbacksTable.get(ctx.db, id);
  if (!c) throw new ApiFailure('not_found', `callback ${id} does not exist`);
  return c;
}

/** Someone to hand a callback to: any active user (a dialect speaker may be an agent, 002 §6.1(7)). */
function assignable(ctx: CoreContext, id: string): Officer {
  const u = usersTable.get(ctx.db, id);
  if (!u?.active) throw new ApiFailure('invalid_params', `user ${id} is not an active user`, [{ field: 'assigneeId', code: 'invalid_value', message: 'unknown or inactive user' }]);
  return { id: u.id, name: u.displayName };
}

/** Mutation args built from looser API params are checked against the synced schema before anything is written. */
function checked<S extends z.ZodType>(schema: S, args: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new ApiFailure('invalid_params', 'invalid callback', fieldIssues(parsed.error));
  return parsed.data;
}

/** The call and complaint a callback was made from, loaded only when the viewer's rule depends on them. */
function linksOf(ctx: CoreContext, cb: Callback, actor: Actor): CallbackLinks {
  if (cb.assigneeId === actor.userId || isSupervisor(actor.role)) return {};
  return {
    call: cb.callId ? callRecordsTable.get(ctx.db, cb.callId) : null,
    complaint: cb.complaintId ? complaintsTable.get(ctx.db, cb.complaintId) : null,
  };
}

/**
 * A queue row as this user may see it: the visibility rule (a callback from a confidential call or complaint
 * of others loses its number and subject), then the number masked by role (the settings' masking; by
 * default administrators configure the queue but do not dial).
 */
function toRow(ctx: CoreContext, stored: Callback & { complaintNo?: string | null }, now: Date, rules: CallbackRules, actor: Actor, masking: MaskingRules): CallbackRow {
  const c = visibleCallback(stored, linksOf(ctx, stored, actor), actor);
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    urgency: callbackUrgency(c, now, rules),
    dueAt: c.dueAt,
    nextAttemptAt: c.nextAttemptAt,
    attempts: c.attempts,
    name: c.name,
    organisation: c.organisation,
    phone: maskContact('phone', c.phone, actor, masking),
    subject: c.subject,
    assigneeId: c.assigneeId,
    assigneeName: c.assigneeName,
    complaintId: c.complaintId,
    complaintNo: c.complaintNo ?? null,
    callId: c.callId,
    satisfaction: c.satisfaction,
    doneAt: c.doneAt,
  };
}

/** Not reached / reached on a complaint callback moves the complaint too, when it still waits for this round's callback. */
function complaintAwaiting(ctx: CoreContext, cb: Callback) {
  if (cb.kind !== 'complaint' || !cb.complaintId) return null;
  const k = complaintsTable.get(ctx.db, cb.complaintId);
  return k && k.status === 'handled' && k.round === cb.complaintRound ? k : null;
}

export const callbackHandlers: HandlerMap<
  | 'callbacks.queue'
  | 'callbacks.counts'
  | 'callbacks.get'
  | 'callbacks.create'
  | 'callbacks.assign'
  | 'callbacks.notReached'
  | 'callbacks.complete'
  | 'callbacks.cancel'
> = {
  'callbacks.queue': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const rules = mutationEnv(ctx).callbacks;
    const { masking } = requireSettings(ctx.db);
    return auditedRead(
      ctx,
      actor,
      { action: params.q?.trim() ? 'search' : 'list', entity: 'callback' },
      () => {
        const page = queuePage(ctx.db, queueWhere(actor, params, now), params.limit ?? 100, params.offset ?? 0);
        return { total: page.total, rows: page.rows.map((c) => toRow(ctx, c, now, rules, actor, masking)) };
      },
      (p) => p.rows.map((r) => r.id),
    );
  },

  /** Leads count everyone's open callbacks, others their own; `mine` is always the caller's. */
  'callbacks.counts': ({ ctx, session }) => {
    const actor = actorOf(session);
    const now = ctx.now().toISOString();
    return callbackCounts(ctx.db, { now, endOfToday: endOfLocalDay(localDay(now)), userId: actor.userId, everyone: isSupervisor(actor.role) });
  },

  /**
   * The callback screen (and its print): the callback by the callback rule, the call behind it by the call
   * rule; the complaint behind it to whoever sees the complaint in full, and to the callback's assignee,
   * who must read what the complaint was about before dialling.
   */
  'callbacks.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { masking } = requireSettings(ctx.db);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'callback' },
      () => {
        const stored = loadCallback(ctx, params.id);
        const k = stored.complaintId ? complaintsTable.get(ctx.db, stored.complaintId) : null;
        const callRecord = stored.callId ? callRecordsTable.get(ctx.db, stored.callId) : null;
        const inFull = seesCallbackInFull(stored, { call: callRecord, complaint: k }, actor);
        const { record: callback, masked } = contactView(visibleCallback(stored, { call: callRecord, complaint: k }, actor), inFull, actor, masking);
        const readsComplaint = k && (seesComplaintInFull(k, actor) || stored.assigneeId === actor.userId);
        const call = callRecord ? visibleCall(callRecord, actor) : null;
        const script = (stored.scriptVersionId && scriptById(ctx.db, stored.scriptVersionId)) || activeScript(ctx.db, 'callback');
        return {
          callback,
          history: visibleHistory(readHistory(ctx.db, 'callback', stored.id), inFull ? [] : CALLBACK_HIDDEN_FIELDS, maskedFields(actor, masking)),
          complaint: k
            ? { id: k.id, complaintNo: k.complaintNo, round: k.round, status: k.status, problem: readsComplaint ? k.problem : '', result: readsComplaint ? k.result : '' }
            : null,
          call: call
            ? { id: call.id, recordNo: call.recordNo, answeredAt: call.answeredAt, category: call.category, status: call.status, content: call.content, agentName: call.agentName, voided: call.voided, confidential: call.confidential }
            : null,
          script,
          urgency: callbackUrgency(stored, ctx.now(), mutationEnv(ctx).callbacks),
          conflicts: inFull ? openConflicts(ctx.db, 'callback', stored.id) : [],
          masked,
        } satisfies CallbackDetail;
      },
      (d) => [d.callback.id],
    );
  },

  /** By hand: a promised callback from the call screen, or any other kind a person schedules. */
  'callbacks.create': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const call = params.callId ? callRecordsTable.get(ctx.db, params.callId) : null;
    if (params.callId && !call) throw new ApiFailure('not_found', `call record ${params.callId} does not exist`, [{ field: 'callId', code: 'invalid_value', message: 'unknown call' }]);
    const customerId = params.customerId ?? call?.customerId ?? null;
    const customer = customerId ? customersTable.get(ctx.db, customerId) : null;
    if (customerId && !customer) throw new ApiFailure('not_found', `customer ${customerId} does not exist`, [{ field: 'customerId', code: 'invalid_value', message: 'unknown customer' }]);
    return writeTx(ctx, () => {
      const who = params.assigneeId === undefined ? defaultAssignee(ctx) : params.assigneeId === null ? null : assignable(ctx, params.assigneeId);
      const args = checked(CallbackCreateArgs, {
        id: uuidv7(),
        kind: params.kind,
        dueAt: params.dueAt,
        customerId: customer?.id ?? null,
        name: params.name ?? call?.callerName ?? customer?.name ?? '',
        organisation: params.organisation ?? call?.organisation ?? customer?.organisation ?? '',
        // A promised callback from the call screen: a masked number sent back as it was shown is the call's own.
        phone: call && params.phone === maskPhone(call.phone) ? call.phone : params.phone,
        subject: params.subject ?? '',
        source: call ? 'call' : 'manual',
        sourceId: call?.id ?? null,
        callId: call?.id ?? null,
        complaintId: null,
        complaintRound: null,
        assigneeId: who?.id ?? null,
        assigneeName: who?.name ?? '',
        importBatch: null,
        at,
      });
      return runSyncMutation(ctx, 'callback.create', args, actor);
    });
  },

  'callbacks.assign': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    loadCallback(ctx, params.id);
    const who = params.assigneeId ? assignable(ctx, params.assigneeId) : null;
    const at = ctx.now().toISOString();
    return runSyncMutation(ctx, 'callback.assign', { id: params.id, assigneeId: who?.id ?? null, assigneeName: who?.name ?? '', at }, actor);
  },

  /** Not reached: the attempt is counted and the retry scheduled; a complaint callback counts it on the sheet too. */
  'callbacks.notReached': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const note = params.note?.trim() ?? '';
    return writeTx(ctx, () => {
      const prev = loadCallback(ctx, params.id);
      const k = complaintAwaiting(ctx, prev);
      const next = runSyncMutation(ctx, 'callback.notReached', { id: prev.id, note, at }, actor);
      if (k) {
        const step = { action: 'callbackNotReached' as const, note };
        runSyncMutation(ctx, 'complaint.transition', { id: k.id, step, at }, actor, { origin: 'callback' });
      }
      return next;
    });
  },

  /**
   * Reached: the outcome, the script version shown, and for a complaint callback the complaint's
   * callback step in the same transaction — "not satisfied" reopens it in a new round (003 §4.2).
   */
  'callbacks.complete': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    return writeTx(ctx, () => {
      const prev = loadCallback(ctx, params.id);
      const k = complaintAwaiting(ctx, prev);
      const outcome: CallbackOutcome = { ...params.outcome, scriptVersionId: params.outcome.scriptVersionId ?? activeScript(ctx.db, 'callback').id };
      const done = runSyncMutation(ctx, 'callback.complete', { id: prev.id, outcome, at }, actor, { prev });
      if (k && outcome.satisfaction) {
        const note = [outcome.unsatisfactory, outcome.remainingProblems, outcome.note].filter(Boolean).join('；').slice(0, 2000);
        const step = { action: 'recordCallback' as const, result: outcome.satisfaction, note };
        runSyncMutation(ctx, 'complaint.transition', { id: k.id, step, at }, actor, { origin: 'callback' });
      }
      return done;
    });
  },

  'callbacks.cancel': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    loadCallback(ctx, params.id);
    return runSyncMutation(ctx, 'callback.cancel', { id: params.id, reason: params.reason, at: ctx.now().toISOString() }, actor);
  },
};
