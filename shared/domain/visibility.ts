import type { CallRecord } from './callRecord';
import { maskPhone } from './phone';
import { isSupervisor, type Role } from './roles';

/**
 * Who may see what: one rule per record type, used by every read path of the console (get, list,
 * search, lookup, board, tracking, exports, prints) and by the hub's pull. A record marked
 * confidential (客户保密) is shown in full to the people who work on it and to team leads and
 * administrators; everybody else sees it with its hidden fields blanked (numbers masked), so that the
 * record's existence and its shown fields (number, caller, organisation) still let them route work.
 */
export interface Viewer {
  userId: string;
  role: Role;
}

/** What the call list shows of every record, confidential or not. */
export const CALL_SHOWN_FIELDS = ['recordNo', 'callerName', 'organisation', 'reportNo'] as const;
/** What a confidential call hides from users who may not see it. */
export const CALL_HIDDEN_FIELDS = ['phone', 'phoneNormalized', 'address', 'content', 'replyContent', 'suggestions', 'solutions'] as const;

/** What a confidential complaint hides: the customer's contact data and what the complaint is about. */
export const COMPLAINT_HIDDEN_FIELDS = [
  'phone',
  'phoneNormalized',
  'address',
  'problem',
  'investigation',
  'solutions',
  'result',
  'replyToCustomer',
  'callbackNote',
  'rectificationNote',
  'reportNote',
] as const;

export type CallHiddenField = (typeof CALL_HIDDEN_FIELDS)[number];
export type ComplaintHiddenField = (typeof COMPLAINT_HIDDEN_FIELDS)[number];

/** The call's own agent, and the leads. */
export function seesCallInFull(call: Pick<CallRecord, 'confidential' | 'agentId'>, viewer: Viewer): boolean {
  return !call.confidential || call.agentId === viewer.userId || isSupervisor(viewer.role);
}

/** Who received it, who handles it, and the leads. */
export function seesComplaintInFull(
  c: { confidential?: boolean; receivingAgentId: string; handlerId: string | null },
  viewer: Viewer,
): boolean {
  return !c.confidential || c.receivingAgentId === viewer.userId || c.handlerId === viewer.userId || isSupervisor(viewer.role);
}

const blank = (v: unknown): unknown => {
  if (Array.isArray(v)) return [];
  if (typeof v === 'string') return '';
  return v === null || v === undefined ? v : null;
};

function redact<T extends object>(record: T, fields: readonly string[]): T {
  const out = { ...record } as Record<string, unknown>;
  for (const f of fields) {
    if (!(f in out)) continue;
    out[f] = f === 'phone' ? maskPhone(String(out[f] ?? '')) : blank(out[f]);
  }
  return out as T;
}

/** The call as this viewer may see it: itself, or with its hidden fields blanked and the number masked. */
export function visibleCall<T extends Pick<CallRecord, 'confidential' | 'agentId'>>(call: T, viewer: Viewer): T {
  return seesCallInFull(call, viewer) ? call : redact(call, CALL_HIDDEN_FIELDS);
}

/** The complaint as this viewer may see it. Handling rounds carry the same texts, so they go too. */
export function visibleComplaint<T extends { confidential?: boolean; receivingAgentId: string; handlerId: string | null }>(c: T, viewer: Viewer): T {
  if (seesComplaintInFull(c, viewer)) return c;
  const out = redact(c, COMPLAINT_HIDDEN_FIELDS) as T & { rounds?: unknown[] };
  if (Array.isArray(out.rounds)) out.rounds = out.rounds.map((r) => redact(r as object, COMPLAINT_HIDDEN_FIELDS));
  return out;
}

/** A history entry's changes of hidden fields say what the field held: they are hidden with the field. */
export function visibleChanges<C extends { field: string; before: unknown; after: unknown }>(
  changes: C[],
  hidden: readonly string[],
): C[] {
  return changes.map((c) => (hidden.includes(c.field) ? { ...c, before: blank(c.before), after: blank(c.after) } : c));
}
