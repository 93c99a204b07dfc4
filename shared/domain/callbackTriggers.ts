import { v5 as uuidv5 } from 'uuid';
import type { CallRecord } from './callRecord';
import { type Callback, type CallbackCreateArgs, type CallbackRules, keyAccountDueAt, satisfactionDueAt } from './callback';
import { localDay } from './calendar';
import type { Complaint } from './complaint';
import type { Customer } from './customer';
import { isPhone } from './fieldRules';
import { type Calendar, callbackDueAt, suggestionReplyBy } from './deadlines';

/**
 * The events that call for a callback, as pure functions of a record before and after a
 * mutation. Ids are derived from the event so that every workstation that applies the same change
 * proposes the same callback, and creating it twice is a no-op.
 */
const NAMESPACE = '3b0f6c9e-7a51-4d8e-9c2b-5e1f0a7d4c63';
export const triggerId = (key: string): string => uuidv5(key, NAMESPACE);

export interface TriggerEnv {
  callbacks: CallbackRules;
  calendar: Calendar;
}

/** A callback to create; the core fills in the assignee (round-robin or none) and the time. */
export type CallbackDraft = Omit<CallbackCreateArgs, 'assigneeId' | 'assigneeName' | 'at'>;

const fromCall = (c: CallRecord) => ({
  customerId: c.customerId,
  name: c.callerName,
  organisation: c.organisation,
  phone: c.phone,
  callId: c.id,
  complaintId: null,
  complaintRound: null,
  importBatch: null,
});

/** A reply delivered after the call is a service: satisfaction callback. A suggestion: evaluate and tell. */
export function callbacksForCall(prev: CallRecord | null, next: CallRecord, env: TriggerEnv): CallbackDraft[] {
  // A number nobody can dial (stored before the phone rule existed) makes no callback rather than blocking the save.
  if (next.voided || !isPhone(next.phone)) return [];
  const out: CallbackDraft[] = [];
  if (next.status === 'replied' && prev?.status !== 'replied' && next.repliedAt) {
    out.push({
      ...fromCall(next),
      id: triggerId(`satisfaction:call:${next.id}`),
      kind: 'satisfaction',
      dueAt: satisfactionDueAt(next.repliedAt, env.callbacks, env.calendar.overrides),
      subject: `来电 ${next.recordNo} 已答复,回访满意度`,
      source: 'call',
      sourceId: next.id,
    });
  }
  if (next.category === 'suggestion' && prev?.category !== 'suggestion') {
    out.push({
      ...fromCall(next),
      id: triggerId(`suggestion:call:${next.id}`),
      kind: 'suggestion',
      dueAt: suggestionReplyBy(next.answeredAt, env.calendar),
      subject: `来电 ${next.recordNo} 的建议:评估并告知客户`,
      source: 'call',
      sourceId: next.id,
    });
  }
  return out;
}

/** Handled (each round): complaint callback within the callback deadline (7 days by default). */
export function callbacksForComplaint(prev: Complaint | null, next: Complaint, env: TriggerEnv): CallbackDraft[] {
  if (next.status !== 'handled') return [];
  if (prev && prev.status === 'handled' && prev.round === next.round) return [];
  // Registered with an address only: nobody can be dialled, the callback is recorded on the sheet itself.
  if (!isPhone(next.phone)) return [];
  const handledAt = next.completedAt ?? next.receivedAt;
  return [
    {
      id: triggerId(`complaint:${next.id}:${next.round}`),
      kind: 'complaint',
      dueAt: next.callbackDueAt ?? callbackDueAt(handledAt, env.calendar),
      customerId: next.customerId,
      name: next.complainant,
      organisation: next.organisation,
      phone: next.phone,
      subject: `投诉 ${next.complaintNo}${next.round > 1 ? ` 第${next.round}轮` : ''} 处理完毕回访`,
      source: 'complaint',
      sourceId: next.id,
      callId: next.callId,
      complaintId: next.id,
      complaintRound: next.round,
      importBatch: null,
    },
  ];
}

const keyAccountDraft = (c: Customer, id: string, dueAt: string): CallbackDraft | null => {
  const phone = c.phones[0]?.raw;
  if (!phone) return null;
  return {
    id,
    kind: 'key_account',
    dueAt,
    customerId: c.id,
    name: c.name,
    organisation: c.organisation,
    phone,
    subject: '重要协议客户定期回访',
    source: 'customer',
    sourceId: c.id,
    callId: null,
    complaintId: null,
    complaintRound: null,
    importBatch: null,
  };
};

/** Marked as a key account: the first periodic callback, one interval from now. */
export function callbacksForCustomer(prev: Customer | null, next: Customer, env: TriggerEnv, nowIso: string): CallbackDraft[] {
  if (!next.keyAccount || prev?.keyAccount) return [];
  const d = keyAccountDraft(next, triggerId(`key_account:${next.id}:marked:${localDay(nowIso)}`), keyAccountDueAt(nowIso, env.callbacks.keyAccountMonths));
  return d ? [d] : [];
}

/**
 * After a callback is done: a key account gets its next periodic callback; suggestions the customer
 * made must be evaluated and the customer told within the suggestion deadline (001 §3.2).
 */
export function callbacksAfterCallback(prev: Callback | null, next: Callback, env: TriggerEnv, customer: Customer | null): CallbackDraft[] {
  if (next.status !== 'done' || prev?.status === 'done' || !next.doneAt) return [];
  const out: CallbackDraft[] = [];
  if (next.kind === 'key_account' && customer?.keyAccount) {
    const d = keyAccountDraft(customer, triggerId(`key_account:after:${next.id}`), keyAccountDueAt(next.doneAt, env.callbacks.keyAccountMonths));
    if (d) out.push(d);
  }
  if (next.kind !== 'suggestion' && next.suggestions) {
    out.push({
      id: triggerId(`suggestion:callback:${next.id}`),
      kind: 'suggestion',
      dueAt: suggestionReplyBy(next.doneAt, env.calendar),
      customerId: next.customerId,
      name: next.name,
      organisation: next.organisation,
      phone: next.phone,
      subject: `回访建议:${next.suggestions.slice(0, 60)}`,
      source: 'callback',
      sourceId: next.id,
      callId: next.callId,
      complaintId: next.complaintId,
      complaintRound: next.complaintRound,
      importBatch: null,
    });
  }
  return out;
}
