import { z } from 'zod';
import type { CallRecord } from './callRecord';
import { maskPhone } from './phone';
import { isSupervisor, ROLES, type Role } from './roles';

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

/**
 * Who sees every confidential record in full: the leads. The store turns this and the reader fields below
 * into SQL conditions (a search must not match hidden text it would then blank), so they are data.
 */
export const seesEveryConfidential = (viewer: Viewer): boolean => isSupervisor(viewer.role);
/** The people who work on a confidential call: its own agent. */
export const CALL_READER_FIELDS = ['agentId'] as const;
/** The people who work on a confidential complaint: who received it, who handles it. */
export const COMPLAINT_READER_FIELDS = ['receivingAgentId', 'handlerId'] as const;

/** The call's own agent, and the leads. */
export function seesCallInFull(call: Pick<CallRecord, 'confidential' | 'agentId'>, viewer: Viewer): boolean {
  return !call.confidential || CALL_READER_FIELDS.some((f) => call[f] === viewer.userId) || seesEveryConfidential(viewer);
}

/** Who received it, who handles it, and the leads. */
export function seesComplaintInFull(
  c: { confidential?: boolean; receivingAgentId: string; handlerId: string | null },
  viewer: Viewer,
): boolean {
  return !c.confidential || COMPLAINT_READER_FIELDS.some((f) => c[f] === viewer.userId) || seesEveryConfidential(viewer);
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

/** A complaint registered from a confidential call is confidential too: the call's customer asked for it. */
export function inheritsConfidential(call: Pick<CallRecord, 'confidential'> | null, asked: boolean | undefined): boolean {
  return (call?.confidential ?? false) || (asked ?? false);
}

// ---- callbacks ------------------------------------------------------------------------------------

/** What a callback hides when the call or complaint behind it is confidential and the viewer may not see that. */
export const CALLBACK_HIDDEN_FIELDS = [
  'phone',
  'phoneNormalized',
  'subject',
  'note',
  'unsatisfactory',
  'remainingProblems',
  'suggestions',
  'evaluation',
] as const;

/** The confidential records a callback was made from, as far as the viewer may see them in full. */
export interface CallbackLinks {
  call?: Pick<CallRecord, 'confidential' | 'agentId'> | null;
  complaint?: { confidential?: boolean; receivingAgentId: string; handlerId: string | null } | null;
}

/**
 * A callback is worked by its assignee, who must dial and read what it is about; the leads see every one.
 * Anyone else sees it in full unless the call or complaint behind it is one they may not see in full.
 */
export function seesCallbackInFull(cb: { assigneeId: string | null }, links: CallbackLinks, viewer: Viewer): boolean {
  if (cb.assigneeId === viewer.userId || isSupervisor(viewer.role)) return true;
  return (!links.call || seesCallInFull(links.call, viewer)) && (!links.complaint || seesComplaintInFull(links.complaint, viewer));
}

export function visibleCallback<T extends { assigneeId: string | null }>(cb: T, links: CallbackLinks, viewer: Viewer): T {
  return seesCallbackInFull(cb, links, viewer) ? cb : redact(cb, CALLBACK_HIDDEN_FIELDS);
}

// ---- history --------------------------------------------------------------------------------------

/**
 * A record's history as this viewer may see it: changes of hidden fields blanked when the record is not
 * theirs to see in full, and changes of masked contact fields masked as the record itself is.
 */
export function visibleHistory<E extends { changes: { field: string; before: unknown; after: unknown }[] }>(
  entries: E[],
  hidden: readonly string[],
  masked: readonly RevealableField[] = [],
): E[] {
  const maskFields = maskedColumns(masked);
  return entries.map((e) => ({
    ...e,
    changes: visibleChanges(e.changes, hidden).map((c) => (maskFields.has(c.field) ? { ...c, before: maskValue(c.field, c.before), after: maskValue(c.field, c.after) } : c)),
  }));
}

// ---- masking by role ------------------------------------------------------------------------------

/** Contact data that is masked by role (a setting) and can be revealed, one value at a time, with an audit row. */
export const REVEALABLE_FIELDS = ['phone', 'address'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** Per contact field, the roles that see it in full; everybody else sees it masked. */
export const MaskingRules = z.strictObject({
  phone: z.array(z.enum(ROLES)).max(ROLES.length),
  address: z.array(z.enum(ROLES)).max(ROLES.length),
});
export type MaskingRules = z.output<typeof MaskingRules>;

/**
 * The agent on a call needs the caller's number and address, officers dial, leads follow up; the
 * administrator configures the centre and does not need them: masked unless revealed.
 */
export const DEFAULT_MASKING: MaskingRules = {
  phone: ['agent', 'callback_officer', 'team_lead'],
  address: ['agent', 'callback_officer', 'team_lead'],
};

/** Keeps the region, hides the street: "浙江省杭州市西湖区文三路 90 号" → "浙江省杭州市****". */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length === 0) return '';
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

export function seesInClear(field: RevealableField, viewer: Viewer, rules: MaskingRules = DEFAULT_MASKING): boolean {
  return rules[field].includes(viewer.role);
}

/** The fields that a viewer sees masked. */
export function maskedFields(viewer: Viewer, rules: MaskingRules = DEFAULT_MASKING): RevealableField[] {
  return REVEALABLE_FIELDS.filter((f) => !seesInClear(f, viewer, rules));
}

/** The record fields each contact field covers: a normalised number is the number. */
const COLUMNS: Record<RevealableField, readonly string[]> = { phone: ['phone', 'phoneNormalized'], address: ['address'] };
const maskedColumns = (masked: readonly RevealableField[]) => new Set(masked.flatMap((f) => COLUMNS[f]));

function maskValue(field: string, v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  return field === 'address' ? maskAddress(v) : maskPhone(v);
}

/** A number or address as the viewer may see it on a screen or in an export. */
export function maskContact(field: RevealableField, value: string, viewer: Viewer, rules: MaskingRules = DEFAULT_MASKING): string {
  return seesInClear(field, viewer, rules) || value === '' ? value : maskValue(field, value) as string;
}

/**
 * A record with its contact fields masked for this viewer. A customer's numbers are a list: each number in
 * it (as typed, normalised, local) is masked.
 */
export function maskRecord<T extends object>(record: T, viewer: Viewer, rules: MaskingRules = DEFAULT_MASKING): T {
  const masked = maskedFields(viewer, rules);
  if (!masked.length) return record;
  const out = { ...record } as Record<string, unknown>;
  for (const f of maskedColumns(masked)) if (typeof out[f] === 'string') out[f] = maskValue(f, out[f]);
  if (masked.includes('phone') && Array.isArray(out.phones))
    out.phones = out.phones.map((p) => (p && typeof p === 'object' ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, maskValue('phone', v)])) : p));
  return out as T;
}

/**
 * A form saved by a viewer who was shown masked values sends them back unchanged: those are not edits,
 * and writing them would replace the number with its mask. Drops each field that equals the mask of
 * the stored value.
 */
export function withoutEchoedMasks<P extends Record<string, unknown>>(stored: Record<string, unknown>, patch: P): P {
  const out = { ...patch } as Record<string, unknown>;
  for (const f of ['phone', 'address'] as const) {
    const was = stored[f];
    if (typeof was === 'string' && was !== '' && out[f] === maskValue(f, was) && out[f] !== was) delete out[f];
  }
  return out as P;
}

/**
 * A record as a screen shows it: the record already passed through its visibility rule (`inFull` says
 * whether it was shown in full), then its contact fields masked for the viewer's role. `masked` names the
 * fields the viewer may reveal (records.reveal): none on a record they may not see in full.
 */
export function contactView<T extends object>(
  record: T,
  inFull: boolean,
  viewer: Viewer,
  rules: MaskingRules = DEFAULT_MASKING,
): { record: T; masked: RevealableField[] } {
  const r = record as Record<string, unknown>;
  const present = (f: RevealableField) => (f === 'phone' && Array.isArray(r.phones) ? r.phones.length > 0 : typeof r[f] === 'string' && r[f] !== '');
  return { record: maskRecord(record, viewer, rules), masked: inFull ? maskedFields(viewer, rules).filter(present) : [] };
}
