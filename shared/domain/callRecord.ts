import { z } from 'zod';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { phoneIssue } from './fieldRules';
import { normalizePhone } from './phone';
import { isSupervisor } from './roles';

export const CALL_CATEGORIES = ['consultation', 'query', 'complaint', 'suggestion', 'other'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

export const SPECIAL_SITUATIONS = ['emotional', 'dialect', 'beyond_ability', 'phone_fault', 'result_query'] as const;
export type SpecialSituation = (typeof SPECIAL_SITUATIONS)[number];

export const CALL_STATUSES = ['open', 'awaiting_reply', 'replied', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Annex 1, 客户来电记录单. */
export interface CallRecord {
  id: string;
  recordNo: string;
  workstation: string;
  rangAt: string;
  answeredAt: string;
  answeredLate: boolean;
  endedAt: string | null;
  durationSec: number | null;
  callerName: string;
  organisation: string;
  phone: string;
  phoneNormalized: string;
  address: string;
  customerId: string | null;
  category: CallCategory | null;
  reportNo: string;
  content: string;
  specialSituations: SpecialSituation[];
  answeredOnSpot: boolean | null;
  departmentsCoordinated: string[];
  promisedReplyBy: string | null;
  replyContent: string;
  repliedAt: string | null;
  repliedBy: string;
  solutions: string[];
  chosenSolution: number | null;
  satisfaction: number | null;
  suggestions: string;
  agentId: string;
  agentName: string;
  confidential: boolean;
  /** Marked by the phone-fault situation's action: the call was handed to another line or colleague. */
  transferred: boolean;
  /** The call recording's reference (a file name or the CTI's id), for the QA reviewer; '' when none. */
  recordingRef: string;
  /** The script version the panel showed for this call; versions never change once published. */
  scriptVersionId: string | null;
  status: CallStatus;
  closedAt: string | null;
  voided: boolean;
  voidReason: string;
  voidedAt: string | null;
  voidedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The fields an agent edits on the form. Everything else is set by the workflow. */
export const CallRecordFields = z.strictObject({
  callerName: text(LIMITS.name),
  organisation: text(LIMITS.short),
  phone: text(40),
  address: text(LIMITS.short),
  customerId: uuid.nullable(),
  category: z.enum(CALL_CATEGORIES).nullable(),
  reportNo: text(LIMITS.id),
  content: text(LIMITS.text),
  specialSituations: z.array(z.enum(SPECIAL_SITUATIONS)).max(SPECIAL_SITUATIONS.length),
  answeredOnSpot: z.boolean().nullable(),
  departmentsCoordinated: z.array(requiredText(LIMITS.name)).max(20),
  promisedReplyBy: isoTime.nullable(),
  replyContent: text(LIMITS.text),
  repliedAt: isoTime.nullable(),
  repliedBy: text(LIMITS.name),
  solutions: z.array(text(500)).max(3),
  chosenSolution: z.number().int().min(0).max(2).nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  suggestions: text(2000),
  confidential: z.boolean(),
  transferred: z.boolean(),
  recordingRef: text(LIMITS.short),
});
export type CallRecordFields = z.output<typeof CallRecordFields>;
export const CallRecordPatch = CallRecordFields.partial();
export type CallRecordPatch = z.output<typeof CallRecordPatch>;
export const EDITABLE_FIELDS = Object.keys(CallRecordFields.shape) as (keyof CallRecordFields & string)[];

/** Fields whose history matters to a reviewer; `version`/`updatedAt` churn is left out. */
const TRACKED: (keyof CallRecord & string)[] = [
  ...EDITABLE_FIELDS,
  'endedAt',
  'durationSec',
  'status',
  'closedAt',
  'voided',
  'voidReason',
];

export const CallCreateArgs = z.strictObject({
  id: uuid,
  recordNo: z.string().regex(/^LD-\d{8}-[A-Z0-9]{2,6}-\d{4,}$/),
  workstation: z.string().max(6),
  phone: requiredText(40),
  rangAt: isoTime,
  answeredAt: isoTime,
  customerId: uuid.nullable(),
  callerName: text(LIMITS.name),
  organisation: text(LIMITS.short),
  address: text(LIMITS.short),
  /**
   * The receiving agent when it is not the actor: records made on a standalone workstation keep their
   * agent when a supervisor's client pushes them after joining a hub.
   */
  agent: z.strictObject({ id: uuid, name: requiredText(LIMITS.name) }).optional(),
  scriptVersionId: uuid.nullable().optional(),
  /** Given by the CTI when it records the call. */
  recordingRef: text(LIMITS.short).optional(),
});
export type CallCreateArgs = z.output<typeof CallCreateArgs>;

export const CallUpdateArgs = z.strictObject({
  id: uuid,
  fields: CallRecordPatch,
  end: z.boolean().optional(),
  close: z.boolean().optional(),
  at: isoTime,
});
export type CallUpdateArgs = z.output<typeof CallUpdateArgs>;

export const CallVoidArgs = z.strictObject({ id: uuid, reason: requiredText(500), at: isoTime });
export type CallVoidArgs = z.output<typeof CallVoidArgs>;

export interface CallRules {
  answerWithinSeconds: number;
  areaCode: string;
}

export function createCallRecord(args: CallCreateArgs, actor: Actor, rules: CallRules): MutationResult<CallRecord> {
  if (args.agent && args.agent.id !== actor.userId && !isSupervisor(actor.role))
    return refuse('forbidden', 'only a team lead or administrator may record a call for another agent');
  const phone = normalizePhone(args.phone, rules.areaCode);
  const rang = Date.parse(args.rangAt);
  const answered = Date.parse(args.answeredAt);
  if (answered < rang) return refuse('invalid_params', 'answeredAt is before rangAt', [issue('answeredAt', 'out_of_range', 'must not be before the ring')]);
  const next: CallRecord = {
    id: args.id,
    recordNo: args.recordNo,
    workstation: args.workstation,
    rangAt: args.rangAt,
    answeredAt: args.answeredAt,
    answeredLate: answered - rang > rules.answerWithinSeconds * 1000,
    endedAt: null,
    durationSec: null,
    callerName: args.callerName,
    organisation: args.organisation,
    phone: args.phone,
    phoneNormalized: phone.normalized,
    address: args.address,
    customerId: args.customerId,
    category: null,
    reportNo: '',
    content: '',
    specialSituations: [],
    answeredOnSpot: null,
    departmentsCoordinated: [],
    promisedReplyBy: null,
    replyContent: '',
    repliedAt: null,
    repliedBy: '',
    solutions: [],
    chosenSolution: null,
    satisfaction: null,
    suggestions: '',
    agentId: args.agent?.id ?? actor.userId,
    agentName: args.agent?.name ?? actor.displayName,
    confidential: false,
    transferred: false,
    recordingRef: args.recordingRef ?? '',
    scriptVersionId: args.scriptVersionId ?? null,
    status: 'open',
    closedAt: null,
    voided: false,
    voidReason: '',
    voidedAt: null,
    voidedBy: null,
    createdAt: args.answeredAt,
    updatedAt: args.answeredAt,
    version: 1,
  };
  return { ok: true, next, changes: diff(null, next, TRACKED) };
}

function issue(field: string, code: FieldIssue['code'], message: string): FieldIssue {
  return { field, code, message };
}

function mayEdit(record: CallRecord, actor: Actor): boolean {
  return isSupervisor(actor.role) || record.agentId === actor.userId;
}

/** Status follows from what the sheet says, so the list and the form can never disagree. */
export function deriveStatus(r: CallRecord): CallStatus {
  if (r.closedAt) return 'closed';
  if (!r.endedAt) return 'open';
  if (r.answeredOnSpot === false) return r.repliedAt ? 'replied' : 'awaiting_reply';
  return 'closed';
}

/** What a finished sheet must contain; checked when the call ends and on every later save. */
export function completenessIssues(r: CallRecord): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!r.category) out.push(issue('category', 'required', 'choose the call category'));
  if (!r.content) out.push(issue('content', 'required', 'record what the call was about'));
  if (r.answeredOnSpot === false && !r.promisedReplyBy)
    out.push(issue('promisedReplyBy', 'required', 'a consultation not answered on the spot needs a promised reply time'));
  if (r.promisedReplyBy && Date.parse(r.promisedReplyBy) < Date.parse(r.answeredAt))
    out.push(issue('promisedReplyBy', 'out_of_range', 'the promised reply must be after the call'));
  if (r.repliedAt && !r.replyContent) out.push(issue('replyContent', 'required', 'record what was replied'));
  if (r.chosenSolution !== null && r.chosenSolution >= r.solutions.length)
    out.push(issue('chosenSolution', 'out_of_range', 'the chosen solution must be one of those offered'));
  return out;
}

export function updateCallRecord(prev: CallRecord | null, args: CallUpdateArgs, actor: Actor, rules: CallRules): MutationResult<CallRecord> {
  if (!prev) return refuse('not_found', `call record ${args.id} does not exist`);
  if (prev.voided) return refuse('refused', `call record ${prev.recordNo} is voided and cannot be edited`);
  if (!mayEdit(prev, actor)) return refuse('forbidden', 'only the receiving agent or a team lead may edit this call record');
  const next: CallRecord = { ...prev, ...args.fields };
  if (args.fields.phone !== undefined) next.phoneNormalized = normalizePhone(next.phone, rules.areaCode).normalized;
  if (args.end && !next.endedAt) {
    // A skewed client clock must not end a call before it was answered.
    next.endedAt = new Date(Math.max(Date.parse(args.at), Date.parse(prev.answeredAt))).toISOString();
    next.durationSec = Math.round((Date.parse(next.endedAt) - Date.parse(prev.rangAt)) / 1000);
  }
  if (args.close && !next.closedAt) {
    if (!next.endedAt) return refuse('refused', 'end the call before closing its record');
    next.closedAt = args.at;
  }
  // The number the line reported is kept as it came; a number the agent typed must be one a callback can dial.
  const typedPhone = args.fields.phone !== undefined && args.fields.phone !== prev.phone ? phoneIssue('phone', next.phone) : [];
  const issues = [...typedPhone, ...(next.endedAt ? completenessIssues(next) : [])];
  if (issues.length) return refuse('invalid_params', 'the call record is incomplete', issues);
  next.status = deriveStatus(next);
  const changes = diff(prev, next, TRACKED);
  if (changes.length === 0) return { ok: true, next: prev, changes };
  next.updatedAt = args.at;
  next.version = prev.version + 1;
  return { ok: true, next, changes };
}

export function voidCallRecord(prev: CallRecord | null, args: CallVoidArgs, actor: Actor): MutationResult<CallRecord> {
  if (!prev) return refuse('not_found', `call record ${args.id} does not exist`);
  if (prev.voided) return refuse('refused', `call record ${prev.recordNo} is already voided`);
  if (!mayEdit(prev, actor)) return refuse('forbidden', 'only the receiving agent or a team lead may void this call record');
  const next: CallRecord = {
    ...prev,
    voided: true,
    voidReason: args.reason,
    voidedAt: args.at,
    voidedBy: actor.userId,
    updatedAt: args.at,
    version: prev.version + 1,
  };
  return { ok: true, next, changes: diff(prev, next, TRACKED) };
}
