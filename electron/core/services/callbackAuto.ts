import type { Callback, CallbackOutcome } from '../../../shared/domain/callback';
import { pickAssignee } from '../../../shared/domain/callback';
import {
  type CallbackDraft,
  callbacksAfterCallback,
  callbacksForCall,
  callbacksForComplaint,
  callbacksForCustomer,
  type TriggerEnv,
} from '../../../shared/domain/callbackTriggers';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Complaint, ComplaintAction } from '../../../shared/domain/complaint';
import type { Customer } from '../../../shared/domain/customer';
import type { Actor } from '../../../shared/domain/mutation';
import type { CoreContext } from '../context';
import { mutationEnv, runSyncMutation } from '../mutate';
import { stmt } from '../store/stmt';
import { callbacksTable, customersTable } from '../store/tables';
import { ENTITY_STORES } from '../store/entities';

/**
 * The one place where events create callbacks (PRODUCT §5; rules in shared/domain/callbackTriggers.ts).
 * A triggering mutation and the callbacks it calls for are written in one local transaction, so a call
 * record is never saved as "replied" without its satisfaction callback, nor the other way round.
 */

export interface Officer {
  id: string;
  name: string;
}

/**
 * Round-robin among active callback officers: the fewest open callbacks, then the longest since their
 * last one. Read from the callbacks table inside the caller's transaction, so a batch (an import)
 * spreads over the officers as it goes.
 */
export function nextOfficer(ctx: CoreContext): Officer | null {
  const rows = stmt(
    ctx.db,
    `SELECT u.id, u.display_name AS name,
       (SELECT count(*) FROM callbacks c WHERE c.assignee_id = u.id AND c.status = 'open') AS open,
       (SELECT coalesce(max(c.created_at), '') FROM callbacks c WHERE c.assignee_id = u.id) AS last
     FROM users u WHERE u.role = 'callback_officer' AND u.active = 1`,
  ).all() as (Officer & { open: number; last: string })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const o = pickAssignee(rows, (id) => byId.get(id)?.open ?? 0, (id) => byId.get(id)?.last ?? '');
  return o ? { id: o.id, name: o.name } : null;
}

/** The assignee a new callback gets when nobody chose one: round-robin, or nobody when a lead assigns by hand. */
export function defaultAssignee(ctx: CoreContext): Officer | null {
  return mutationEnv(ctx).callbacks.assignment === 'round_robin' ? nextOfficer(ctx) : null;
}

export function triggerEnv(ctx: CoreContext): TriggerEnv {
  const env = mutationEnv(ctx);
  return { callbacks: env.callbacks, calendar: env.complaints.calendar };
}

/** Creates a triggered callback unless this workstation already has it (its id comes from the event). */
function createOnce(ctx: CoreContext, actor: Actor, draft: CallbackDraft, created: string[]): void {
  if (callbacksTable.get(ctx.db, draft.id)) return;
  const who = defaultAssignee(ctx);
  const at = ctx.now().toISOString();
  runSyncMutation(ctx, 'callback.create', { ...draft, assigneeId: who?.id ?? null, assigneeName: who?.name ?? '', at }, actor);
  created.push(draft.id);
}

const openComplaintCallback = (ctx: CoreContext, complaintId: string, round: number): Callback | null => {
  const row = stmt(
    ctx.db,
    "SELECT * FROM callbacks WHERE complaint_id = ? AND complaint_round = ? AND kind = 'complaint' AND status = 'open' ORDER BY created_at LIMIT 1",
  ).get(complaintId, round) as Record<string, unknown> | undefined;
  return row ? callbacksTable.fromRow(row) : null;
};

/**
 * A callback recorded on the complaint sheet itself (not from the queue) settles the queue's callback
 * for that round too, and a voided complaint needs no callback: the queue never shows stale work.
 */
function mirrorComplaintStep(ctx: CoreContext, actor: Actor, prev: Complaint, step: ComplaintAction, touched: string[]): void {
  const at = ctx.now().toISOString();
  if (step.action === 'void') {
    const open = stmt(ctx.db, "SELECT id FROM callbacks WHERE complaint_id = ? AND status = 'open'").all(prev.id) as { id: string }[];
    for (const { id } of open) {
      runSyncMutation(ctx, 'callback.cancel', { id, reason: '投诉已作废', at }, actor);
      touched.push(id);
    }
    return;
  }
  if (step.action !== 'recordCallback' && step.action !== 'callbackNotReached') return;
  const cb = openComplaintCallback(ctx, prev.id, prev.round);
  if (!cb) return;
  touched.push(cb.id);
  if (step.action === 'callbackNotReached') {
    runSyncMutation(ctx, 'callback.notReached', { id: cb.id, note: step.note, at }, actor);
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
  runSyncMutation(ctx, 'callback.complete', { id: cb.id, outcome, at }, actor);
}

export type TriggerSpec =
  | { entity: 'call'; id: string }
  | { entity: 'customer'; id: string }
  | { entity: 'callback'; id: string }
  /** `mirror: false` when the callback service itself moves the complaint (it has settled the callback already). */
  | { entity: 'complaint'; id: string; step?: ComplaintAction; mirror?: boolean };

type RecordFor<S extends TriggerSpec> = S['entity'] extends 'call'
  ? CallRecord
  : S['entity'] extends 'customer'
    ? Customer
    : S['entity'] extends 'callback'
      ? Callback
      : Complaint;

function draftsFor(ctx: CoreContext, spec: TriggerSpec, prev: unknown, next: unknown): CallbackDraft[] {
  const env = triggerEnv(ctx);
  switch (spec.entity) {
    case 'call':
      return callbacksForCall(prev as CallRecord | null, next as CallRecord, env);
    case 'customer':
      return callbacksForCustomer(prev as Customer | null, next as Customer, env, ctx.now().toISOString());
    case 'complaint':
      return callbacksForComplaint(prev as Complaint | null, next as Complaint, env);
    case 'callback': {
      const cb = next as Callback;
      const customer = cb.customerId ? customersTable.get(ctx.db, cb.customerId) : null;
      return callbacksAfterCallback(prev as Callback | null, cb, env, customer);
    }
  }
}

/**
 * Runs a mutation and creates the callbacks it calls for, in one transaction (nested in the caller's,
 * if any). Tells the UI about the callbacks it touched once everything is committed.
 */
export function withCallbacks<S extends TriggerSpec>(
  ctx: CoreContext,
  actor: Actor,
  spec: S,
  run: (prev: RecordFor<S> | null) => RecordFor<S>,
): RecordFor<S> {
  const touched: string[] = [];
  const store = ENTITY_STORES[spec.entity] as { load: (db: CoreContext['db'], id: string) => unknown };
  const next = ctx.db.transaction(() => {
    // Handed to `run`, which may pass it on to runSyncMutation instead of reading the record again.
    const prev = store.load(ctx.db, spec.id) as RecordFor<S> | null;
    const result = run(prev);
    if (spec.entity === 'complaint' && spec.step && spec.mirror !== false && prev) mirrorComplaintStep(ctx, actor, prev as Complaint, spec.step, touched);
    for (const d of draftsFor(ctx, spec, prev, result)) createOnce(ctx, actor, d, touched);
    return result;
  })();
  if (touched.length) ctx.emit('records.changed', { entity: 'callback', ids: touched });
  return next;
}
