import { type CallbackOutcome, pickAssignee } from '../../../shared/domain/callback';
import {
  type CallbackDraft,
  callbacksAfterCallback,
  callbacksForCall,
  callbacksForComplaint,
  callbacksForCustomer,
  type TriggerEnv,
} from '../../../shared/domain/callbackTriggers';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Callback } from '../../../shared/domain/callback';
import type { Complaint, ComplaintAction } from '../../../shared/domain/complaint';
import type { Customer } from '../../../shared/domain/customer';
import type { Actor } from '../../../shared/domain/mutation';
import type { CoreContext } from '../context';
import { type Officer, officerLoads, openCallbackIdsOfComplaint, openComplaintCallback } from '../store/callbacks';
import { callbacksTable, customersTable } from '../store/tables';
import { mutationEnv } from './env';
import type { MutationEvent, RunSync, Trigger } from './triggers';

/**
 * The events that create or settle callbacks (docs/callbacks.md; the rules themselves are pure, in
 * shared/domain/callbackTriggers.ts). They run inside the triggering mutation's transaction, so a call
 * record is never saved as "replied" without its satisfaction callback, nor the other way round.
 */

/**
 * Round-robin among active callback officers: the fewest open callbacks, then the longest since their
 * last one. Read inside the caller's transaction, so a batch (an import) spreads over the officers as it goes.
 */
export function nextOfficer(ctx: CoreContext): Officer | null {
  const rows = officerLoads(ctx.db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const o = pickAssignee(rows, (id) => byId.get(id)?.open ?? 0, (id) => byId.get(id)?.last ?? '');
  return o ? { id: o.id, name: o.name } : null;
}

/** The assignee a new callback gets when nobody chose one: round-robin, or nobody when a lead assigns by hand. */
export function defaultAssignee(ctx: CoreContext): Officer | null {
  return mutationEnv(ctx).callbacks.assignment === 'round_robin' ? nextOfficer(ctx) : null;
}

function triggerEnv(ctx: CoreContext): TriggerEnv {
  const env = mutationEnv(ctx);
  return { callbacks: env.callbacks, calendar: env.complaints.calendar };
}

/** Creates a triggered callback unless this workstation already has it (its id comes from the event). */
function createOnce(ctx: CoreContext, run: RunSync, actor: Actor, draft: CallbackDraft): void {
  if (callbacksTable.get(ctx.db, draft.id)) return;
  const who = defaultAssignee(ctx);
  const at = ctx.now().toISOString();
  run('callback.create', { ...draft, assigneeId: who?.id ?? null, assigneeName: who?.name ?? '', at }, actor);
}

const creating =
  (drafts: (ctx: CoreContext, e: MutationEvent) => CallbackDraft[]): Trigger =>
  (ctx, e, run) => {
    for (const d of drafts(ctx, e)) createOnce(ctx, run, e.actor, d);
  };

/**
 * A callback recorded on the complaint sheet itself (not from the queue) settles the queue's callback
 * for that round too, and a voided complaint needs no callback: the queue never shows stale work.
 */
const mirrorComplaintStep: Trigger = (ctx, e, run) => {
  if (e.name !== 'complaint.transition' || e.origin === 'callback' || !e.prev) return;
  const prev = e.prev as Complaint;
  const step = (e.args as { step: ComplaintAction }).step;
  const at = ctx.now().toISOString();
  if (step.action === 'void') {
    for (const id of openCallbackIdsOfComplaint(ctx.db, prev.id)) run('callback.cancel', { id, reason: '投诉已作废', at }, e.actor);
    return;
  }
  if (step.action !== 'recordCallback' && step.action !== 'callbackNotReached') return;
  const cb = openComplaintCallback(ctx.db, prev.id, prev.round);
  if (!cb) return;
  if (step.action === 'callbackNotReached') {
    run('callback.notReached', { id: cb.id, note: step.note, at }, e.actor);
    return;
  }
  const outcome: CallbackOutcome = {
    satisfaction: step.result,
    score: null,
    accuracy: null,
    timeliness: null,
    attitude: null,
    // The sheet's step carries one note; an unsatisfied outcome must say what about, so point at the sheet.
    unsatisfactory: step.result === 'unsatisfied' ? step.note || '见投诉处理单' : '',
    remainingProblems: '',
    suggestions: '',
    evaluation: '',
    note: step.note,
    scriptVersionId: null,
  };
  run('callback.complete', { id: cb.id, outcome, at }, e.actor);
};

export const CALLBACK_TRIGGERS = {
  call: [creating((ctx, e) => callbacksForCall(e.prev as CallRecord | null, e.next as CallRecord, triggerEnv(ctx)))],
  customer: [
    creating((ctx, e) => callbacksForCustomer(e.prev as Customer | null, e.next as Customer, triggerEnv(ctx), ctx.now().toISOString())),
  ],
  // The mirror runs first, as it always has: settling this round's callback before a new one is drafted.
  complaint: [mirrorComplaintStep, creating((ctx, e) => callbacksForComplaint(e.prev as Complaint | null, e.next as Complaint, triggerEnv(ctx)))],
  callback: [
    creating((ctx, e) => {
      const cb = e.next as Callback;
      const customer = cb.customerId ? customersTable.get(ctx.db, cb.customerId) : null;
      return callbacksAfterCallback(e.prev as Callback | null, cb, triggerEnv(ctx), customer);
    }),
  ],
} satisfies Record<string, Trigger[]>;
