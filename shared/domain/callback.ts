import { z } from 'zod';
import { addCalendarDays, addWorkingDays, BEIJING_MS, type CalendarOverrides } from './calendar';
import { CALLBACK_RESULTS, type CallbackResult } from './complaint';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { normalizePhone } from './phone';
import { isSupervisor } from './roles';

/** 回访 (002 §6.2, 003 §4.2–4.4). */
export const CALLBACK_KINDS = ['complaint', 'satisfaction', 'promised', 'key_account', 'presale', 'aftersale', 'suggestion'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];
/** Kinds a person creates by hand or by import; the others come from events (see callbackTriggers.ts). */
export const MANUAL_CALLBACK_KINDS = ['promised', 'satisfaction', 'key_account', 'presale', 'aftersale'] as const;
export const IMPORTED_CALLBACK_KINDS = ['presale', 'aftersale'] as const;

/** open → done (reached, outcome recorded) | unreachable (attempts used up) | cancelled (by a lead). */
export const CALLBACK_STATUSES = ['open', 'done', 'unreachable', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const CALLBACK_SOURCES = ['call', 'complaint', 'customer', 'callback', 'import', 'manual'] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];
/** How new callbacks reach an officer: by turns, or left unassigned for a team lead. */
export const CALLBACK_ASSIGNMENTS = ['round_robin', 'manual'] as const;
export type CallbackAssignment = (typeof CALLBACK_ASSIGNMENTS)[number];

export type { CallbackResult };
export { CALLBACK_RESULTS };

/** Due rules as settings (complaint and suggestion days are the complaint deadline rules). */
export const CallbackRules = z.strictObject({
  satisfactionDays: z.number().int().min(1).max(60),
  satisfactionWorkingDays: z.boolean(),
  keyAccountMonths: z.number().int().min(1).max(24),
  retryMinutes: z.number().int().min(5).max(7 * 24 * 60),
  maxAttempts: z.number().int().min(1).max(20),
  /** Minutes before due when a callback shows as "due soon". */
  warnMinutes: z.number().int().min(0).max(7 * 24 * 60),
  assignment: z.enum(CALLBACK_ASSIGNMENTS),
});
export type CallbackRules = z.output<typeof CallbackRules>;

export const DEFAULT_CALLBACK_RULES: CallbackRules = {
  satisfactionDays: 3,
  satisfactionWorkingDays: false,
  keyAccountMonths: 2,
  retryMinutes: 120,
  maxAttempts: 3,
  warnMinutes: 4 * 60,
  assignment: 'round_robin',
};

export interface Callback {
  id: string;
  kind: CallbackKind;
  status: CallbackStatus;
  dueAt: string;
  customerId: string | null;
  name: string;
  organisation: string;
  phone: string;
  phoneNormalized: string;
  /** What the callback is about, shown in the queue. */
  subject: string;
  source: CallbackSource;
  sourceId: string | null;
  callId: string | null;
  complaintId: string | null;
  complaintRound: number | null;
  assigneeId: string | null;
  assigneeName: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** When not reached: the earliest time to try again. */
  nextAttemptAt: string | null;
  satisfaction: CallbackResult | null;
  score: number | null;
  accuracy: CallbackResult | null;
  timeliness: CallbackResult | null;
  attitude: CallbackResult | null;
  unsatisfactory: string;
  remainingProblems: string;
  suggestions: string;
  /** Suggestion callbacks: how the suggestion was evaluated, told to the customer. */
  evaluation: string;
  note: string;
  scriptVersionId: string | null;
  doneAt: string | null;
  doneBy: string;
  cancelReason: string;
  importBatch: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

export const CallbackCreateArgs = z.strictObject({
  id: uuid,
  kind: z.enum(CALLBACK_KINDS),
  dueAt: isoTime,
  customerId: uuid.nullable(),
  name: text(LIMITS.name),
  organisation: text(LIMITS.short),
  phone: requiredText(40),
  subject: text(1000),
  source: z.enum(CALLBACK_SOURCES),
  sourceId: z.string().max(LIMITS.id).nullable(),
  callId: uuid.nullable(),
  complaintId: uuid.nullable(),
  complaintRound: z.number().int().min(1).max(100).nullable(),
  assigneeId: uuid.nullable(),
  assigneeName: text(LIMITS.name),
  importBatch: z.string().max(LIMITS.id).nullable(),
  at: isoTime,
});
export type CallbackCreateArgs = z.output<typeof CallbackCreateArgs>;

export const CallbackAssignArgs = z.strictObject({ id: uuid, assigneeId: uuid.nullable(), assigneeName: text(LIMITS.name), at: isoTime });
export type CallbackAssignArgs = z.output<typeof CallbackAssignArgs>;

export const CallbackNotReachedArgs = z.strictObject({ id: uuid, note: text(1000), at: isoTime });
export type CallbackNotReachedArgs = z.output<typeof CallbackNotReachedArgs>;

/** The survey of 002 §6.2(6) and the callback's outcome (docs/callbacks.md). */
export const CallbackOutcome = z.strictObject({
  satisfaction: z.enum(CALLBACK_RESULTS).nullable(),
  score: z.number().int().min(1).max(5).nullable(),
  accuracy: z.enum(CALLBACK_RESULTS).nullable(),
  timeliness: z.enum(CALLBACK_RESULTS).nullable(),
  attitude: z.enum(CALLBACK_RESULTS).nullable(),
  unsatisfactory: text(2000),
  remainingProblems: text(2000),
  suggestions: text(2000),
  evaluation: text(2000),
  note: text(2000),
  scriptVersionId: uuid.nullable(),
});
export type CallbackOutcome = z.output<typeof CallbackOutcome>;

export const CallbackCompleteArgs = z.strictObject({ id: uuid, outcome: CallbackOutcome, at: isoTime });
export type CallbackCompleteArgs = z.output<typeof CallbackCompleteArgs>;

export const CallbackCancelArgs = z.strictObject({ id: uuid, reason: requiredText(500), at: isoTime });
export type CallbackCancelArgs = z.output<typeof CallbackCancelArgs>;

const TRACKED: (keyof Callback & string)[] = [
  'kind', 'status', 'dueAt', 'customerId', 'name', 'organisation', 'phone', 'subject', 'assigneeId', 'assigneeName', 'attempts',
  'nextAttemptAt', 'satisfaction', 'score', 'accuracy', 'timeliness', 'attitude', 'unsatisfactory', 'remainingProblems',
  'suggestions', 'evaluation', 'note', 'doneAt', 'doneBy', 'cancelReason',
];

export function createCallback(prev: Callback | null, a: CallbackCreateArgs, actor: Actor, areaCode: string): MutationResult<Callback> {
  // Callbacks made by events have ids derived from the event, so two workstations that saw the same
  // event create the same callback once; the second create is a no-op, not an error.
  if (prev) return { ok: true, next: prev, changes: [] };
  const n = normalizePhone(a.phone, areaCode);
  if (!n.valid) return refuse('invalid_params', 'invalid phone number', [{ field: 'phone', code: 'invalid_format', message: `"${a.phone}" is not a phone number` }]);
  const next: Callback = {
    id: a.id, kind: a.kind, status: 'open', dueAt: a.dueAt, customerId: a.customerId, name: a.name, organisation: a.organisation,
    phone: a.phone, phoneNormalized: n.normalized, subject: a.subject, source: a.source, sourceId: a.sourceId, callId: a.callId,
    complaintId: a.complaintId, complaintRound: a.complaintRound, assigneeId: a.assigneeId, assigneeName: a.assigneeName,
    attempts: 0, lastAttemptAt: null, nextAttemptAt: null, satisfaction: null, score: null, accuracy: null, timeliness: null,
    attitude: null, unsatisfactory: '', remainingProblems: '', suggestions: '', evaluation: '', note: '', scriptVersionId: null,
    doneAt: null, doneBy: '', cancelReason: '', importBatch: a.importBatch, createdAt: a.at, createdBy: actor.displayName,
    updatedAt: a.at, version: 1,
  };
  return { ok: true, next, changes: diff(null, next, TRACKED) };
}

function step(prev: Callback, patch: Partial<Callback>, at: string): MutationResult<Callback> {
  const next: Callback = { ...prev, ...patch };
  const changes = diff(prev, next, TRACKED);
  if (!changes.length) return { ok: true, next: prev, changes };
  return { ok: true, next: { ...next, updatedAt: at, version: prev.version + 1 }, changes };
}

const openOnly = (prev: Callback | null, id: string): MutationResult<Callback> | null => {
  if (!prev) return refuse('not_found', `callback ${id} does not exist`);
  if (prev.status !== 'open') return refuse('refused', `callback ${id} is ${prev.status}, not open`);
  return null;
};

export function assignCallback(prev: Callback | null, a: CallbackAssignArgs, actor: Actor): MutationResult<Callback> {
  if (!isSupervisor(actor.role)) return refuse('forbidden', 'only a team lead or administrator may assign callbacks');
  const bad = openOnly(prev, a.id);
  if (bad || !prev) return bad ?? refuse('not_found', `callback ${a.id} does not exist`);
  return step(prev, { assigneeId: a.assigneeId, assigneeName: a.assigneeId ? a.assigneeName : '' }, a.at);
}

/** Not reached: count the attempt and schedule the retry; when attempts are used up it becomes unreachable. */
export function callbackNotReached(prev: Callback | null, a: CallbackNotReachedArgs, _actor: Actor, rules: CallbackRules): MutationResult<Callback> {
  const bad = openOnly(prev, a.id);
  if (bad || !prev) return bad ?? refuse('not_found', `callback ${a.id} does not exist`);
  const attempts = prev.attempts + 1;
  const exhausted = attempts >= rules.maxAttempts;
  return step(
    prev,
    {
      attempts,
      lastAttemptAt: a.at,
      nextAttemptAt: exhausted ? null : new Date(Date.parse(a.at) + rules.retryMinutes * 60_000).toISOString(),
      status: exhausted ? 'unreachable' : 'open',
      note: a.note || prev.note,
    },
    a.at,
  );
}

/** The outcome an officer records once the customer is reached. */
export function outcomeIssues(kind: CallbackKind, o: CallbackOutcome): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (kind === 'suggestion') {
    if (!o.evaluation) issues.push({ field: 'outcome.evaluation', code: 'required', message: 'the evaluation told to the customer is required' });
  } else if (!o.satisfaction) issues.push({ field: 'outcome.satisfaction', code: 'required', message: 'satisfaction is required' });
  if (o.satisfaction === 'unsatisfied' && !o.unsatisfactory && !o.remainingProblems)
    issues.push({ field: 'outcome.remainingProblems', code: 'required', message: 'say what the customer is not satisfied with' });
  return issues;
}

export function completeCallback(prev: Callback | null, a: CallbackCompleteArgs, actor: Actor): MutationResult<Callback> {
  const bad = openOnly(prev, a.id);
  if (bad || !prev) return bad ?? refuse('not_found', `callback ${a.id} does not exist`);
  const issues = outcomeIssues(prev.kind, a.outcome);
  if (issues.length) return refuse('invalid_params', 'the callback outcome is incomplete', issues);
  return step(prev, { ...a.outcome, attempts: prev.attempts + 1, lastAttemptAt: a.at, nextAttemptAt: null, status: 'done', doneAt: a.at, doneBy: actor.displayName }, a.at);
}

export function cancelCallback(prev: Callback | null, a: CallbackCancelArgs, actor: Actor): MutationResult<Callback> {
  if (!isSupervisor(actor.role)) return refuse('forbidden', 'only a team lead or administrator may cancel callbacks');
  if (!prev) return refuse('not_found', `callback ${a.id} does not exist`);
  if (prev.status === 'done' || prev.status === 'cancelled') return refuse('refused', `callback ${a.id} is already ${prev.status}`);
  return step(prev, { status: 'cancelled', cancelReason: a.reason }, a.at);
}

/** Due rules. Complaint and suggestion deadlines come from the complaint deadline rules. */
export function satisfactionDueAt(serviceAt: string, r: CallbackRules, o: CalendarOverrides): string {
  return r.satisfactionWorkingDays ? addWorkingDays(serviceAt, r.satisfactionDays, o) : addCalendarDays(serviceAt, r.satisfactionDays);
}

/**
 * Every N months, same day of month (clamped to the month's end), same time of day — counted on the
 * Beijing calendar: 1 January 05:00 in Beijing is still 31 December in UTC, and must not clamp to February.
 */
export function keyAccountDueAt(fromIso: string, months: number): string {
  const d = new Date(Date.parse(fromIso) + BEIJING_MS);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return new Date(d.getTime() - BEIJING_MS).toISOString();
}

export type CallbackUrgency = 'done' | 'overdue' | 'due_soon' | 'waiting_retry' | 'scheduled';

/** How the queue marks a callback: overdue in red, due soon, or waiting for its retry time. */
export function callbackUrgency(c: Pick<Callback, 'status' | 'dueAt' | 'nextAttemptAt'>, now: Date, r: CallbackRules): CallbackUrgency {
  if (c.status !== 'open') return 'done';
  const t = now.getTime();
  if (t > Date.parse(c.dueAt)) return 'overdue';
  if (c.nextAttemptAt && t < Date.parse(c.nextAttemptAt)) return 'waiting_retry';
  if (t >= Date.parse(c.dueAt) - r.warnMinutes * 60_000) return 'due_soon';
  return 'scheduled';
}

/**
 * Round-robin that stays fair across workstations: the officer with the fewest open callbacks, then
 * the one assigned longest ago, then by id so every workstation picks the same one.
 */
export function pickAssignee<O extends { id: string }>(officers: readonly O[], openCount: (id: string) => number, lastAssignedAt: (id: string) => string): O | null {
  if (!officers.length) return null;
  return [...officers].sort((a, b) => openCount(a.id) - openCount(b.id) || lastAssignedAt(a.id).localeCompare(lastAssignedAt(b.id)) || a.id.localeCompare(b.id))[0] ?? null;
}

/**
 * Columns of a pre-/after-sale callback list (003 §4.3–4.4), matched by header name; other columns are
 * ignored. Only the phone is required. A date is YYYY-MM-DD, YYYY/M/D, YYYY-MM-DD HH:mm or an Excel date
 * cell, in Beijing time; rows without one are due at the default time the importer picks.
 */
export const CALLBACK_IMPORT_COLUMNS = {
  name: ['联系人', '客户名称', '客户', '姓名'],
  organisation: ['单位', '单位名称', '公司'],
  phone: ['电话', '联系电话', '手机', '电话号码'],
  dueAt: ['回访日期', '回访时间', '日期'],
  subject: ['事项', '回访事项', '备注', '内容'],
} as const;
export type CallbackImportColumn = keyof typeof CALLBACK_IMPORT_COLUMNS;
