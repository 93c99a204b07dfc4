import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { CallbackDetail, CallbackRow } from '../../../shared/api/types';
import { endOfLocalDay, localDay } from '../../../shared/domain/calendar';
import { type Callback, CallbackCreateArgs, type CallbackOutcome, type CallbackRules, callbackUrgency } from '../../../shared/domain/callback';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Actor } from '../../../shared/domain/mutation';
import { maskPhone } from '../../../shared/domain/phone';
import { isSupervisor, type Role } from '../../../shared/domain/roles';
import type { CoreContext } from '../context';
import { ApiFailure, fieldIssues } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { callbackCounts, type Officer, queuePage, queueWhere } from '../store/callbacks';
import { openConflicts, readHistory } from '../store/journal';
import { activeScript, scriptById } from '../store/scripts';
import { callbacksTable, callRecordsTable, complaintsTable, customersTable, usersTable } from '../store/tables';
import { defaultAssignee } from '../write/callbackTriggers';
import { mutationEnv } from '../write/env';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/** Administrators configure the queue but do not dial: they see numbers masked. */
const DIALLERS: readonly Role[] = ['agent', 'callback_officer', 'team_lead'];

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

function toRow(c: Callback & { complaintNo?: string | null }, now: Date, rules: CallbackRules, role: Role): CallbackRow {
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
    phone: DIALLERS.includes(role) ? c.phone : maskPhone(c.phone),
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

/** A confidential call's content is for its agent and the leads only, as in the call list. */
const seesCall = (call: CallRecord, actor: Actor) => !call.confidential || call.agentId === actor.userId || isSupervisor(actor.role);

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
    const page = queuePage(ctx.db, queueWhere(actor, params, now), params.limit ?? 100, params.offset ?? 0);
    const rules = mutationEnv(ctx).callbacks;
    return { total: page.total, rows: page.rows.map((c) => toRow(c, now, rules, actor.role)) };
  },

  /** Leads count everyone's open callbacks, others their own; `mine` is always the caller's. */
  'callbacks.counts': ({ ctx, session }) => {
    const actor = actorOf(session);
    const now = ctx.now().toISOString();
    return callbackCounts(ctx.db, { now, endOfToday: endOfLocalDay(localDay(now)), userId: actor.userId, everyone: isSupervisor(actor.role) });
  },

  'callbacks.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const callback = loadCallback(ctx, params.id);
    const k = callback.complaintId ? complaintsTable.get(ctx.db, callback.complaintId) : null;
    const call = callback.callId ? callRecordsTable.get(ctx.db, callback.callId) : null;
    const script = (callback.scriptVersionId && scriptById(ctx.db, callback.scriptVersionId)) || activeScript(ctx.db, 'callback');
    return {
      callback,
      history: readHistory(ctx.db, 'callback', callback.id),
      complaint: k ? { id: k.id, complaintNo: k.complaintNo, round: k.round, status: k.status, problem: k.problem, result: k.result } : null,
      call: call
        ? { id: call.id, recordNo: call.recordNo, answeredAt: call.answeredAt, category: call.category, status: call.status, content: seesCall(call, actor) ? call.content : '', agentName: call.agentName, voided: call.voided }
        : null,
      script,
      urgency: callbackUrgency(callback, ctx.now(), mutationEnv(ctx).callbacks),
      conflicts: openConflicts(ctx.db, 'callback', callback.id),
    } satisfies CallbackDetail;
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
        phone: params.phone,
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
