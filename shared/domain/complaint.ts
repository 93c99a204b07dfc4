import { z } from 'zod';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { phoneText } from './fieldRules';

export const COMPLAINT_CHANNELS = ['phone', 'visit', 'fax', 'letter', 'email', 'online', 'other'] as const;
export const SEVERITIES = ['general', 'major', 'crisis'] as const;
export const COMPLAINT_TYPES = ['result_doubt', 'attitude', 'timeliness', 'fee', 'other'] as const;
export const COMPLAINT_STATUSES = ['registered', 'in_handling', 'handled', 'awaiting_approval', 'closed', 'voided'] as const;
export const CALLBACK_RESULTS = ['satisfied', 'fairly_satisfied', 'unsatisfied'] as const;
export const SIGNOFF_KINDS = ['handler', 'department', 'cs_head', 'approval'] as const;

export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];
export type SignoffKind = (typeof SIGNOFF_KINDS)[number];

/** One handling round, kept readable after an unsatisfied callback reopens the complaint. */
export interface HandlingRound {
  round: number;
  departments: string[];
  handlerId: string | null;
  handlerName: string;
  investigation: string;
  solutions: string[];
  chosenSolution: number | null;
  result: string;
  replyToCustomer: string;
  completedAt: string | null;
  callbackAt: string | null;
  callbackBy: string;
  callbackResult: CallbackResult | null;
  callbackNote: string;
}

/** Append-only: a signature on the sheet (handler, responsible department, customer-service head, approval). */
export interface Signoff {
  kind: SignoffKind;
  round: number;
  userId: string;
  name: string;
  role: string;
  opinion: string;
  at: string;
}

/** Annex 2, 客户投诉处理单. */
export interface Complaint {
  id: string;
  complaintNo: string;
  workstation: string;
  receivedAt: string;
  channel: ComplaintChannel;
  complainant: string;
  organisation: string;
  address: string;
  phone: string;
  phoneNormalized: string;
  customerId: string | null;
  callId: string | null;
  reportNo: string;
  problem: string;
  occurredAt: string | null;
  severity: Severity;
  type: ComplaintType;
  receivingAgentId: string;
  receivingAgentName: string;
  /**
   * 客户保密: the customer asked that the complaint stay confidential (or it came from a confidential call).
   * Who sees it in full: shared/domain/visibility.ts. Absent on complaints from before it existed (false).
   */
  confidential?: boolean;
  /** 第N次投诉: how many complaints this customer (or number) had made before, plus one. */
  repeatIndex: number;
  soothed: boolean;
  headNotifiedTo: string;
  headNotifiedAt: string | null;
  involveQualityDept: boolean;
  involveChiefEngineer: boolean;
  agreedReplyBy: string | null;
  escalatedAt: string | null;
  escalatedTo: string;
  reportedAt: string | null;
  reportNote: string;
  round: number;
  departments: string[];
  handlerId: string | null;
  handlerName: string;
  assignedAt: string | null;
  investigation: string;
  solutions: string[];
  chosenSolution: number | null;
  result: string;
  replyToCustomer: string;
  completedAt: string | null;
  callbackDueAt: string | null;
  callbackAttempts: number;
  callbackAt: string | null;
  callbackBy: string;
  callbackResult: CallbackResult | null;
  callbackNote: string;
  rectificationDept: string;
  rectificationNote: string;
  approvedBy: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  status: ComplaintStatus;
  voidReason: string;
  rounds: HandlingRound[];
  signoffs: Signoff[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Descriptive fields: last writer wins per field (docs/sync.md). */
export const ComplaintFields = z.strictObject({
  channel: z.enum(COMPLAINT_CHANNELS),
  complainant: requiredText(LIMITS.name),
  organisation: text(LIMITS.short),
  address: text(LIMITS.short),
  phone: phoneText(),
  customerId: uuid.nullable(),
  reportNo: text(LIMITS.id),
  problem: requiredText(LIMITS.text),
  occurredAt: isoTime.nullable(),
  type: z.enum(COMPLAINT_TYPES),
  soothed: z.boolean(),
  headNotifiedTo: text(LIMITS.name),
  headNotifiedAt: isoTime.nullable(),
  involveQualityDept: z.boolean(),
  involveChiefEngineer: z.boolean(),
  agreedReplyBy: isoTime.nullable(),
  investigation: text(LIMITS.text),
  solutions: z.array(text(500)).max(3),
  chosenSolution: z.number().int().min(0).max(2).nullable(),
  result: text(LIMITS.text),
  replyToCustomer: text(LIMITS.text),
  rectificationDept: text(LIMITS.name),
  rectificationNote: text(2000),
  /** 客户保密; a complaint registered from a confidential call is confidential whatever this says. */
  confidential: z.boolean(),
});
export type ComplaintFields = z.output<typeof ComplaintFields>;
export const COMPLAINT_EDITABLE = Object.keys(ComplaintFields.shape) as (keyof ComplaintFields & string)[];

export const ComplaintRegisterArgs = ComplaintFields.partial()
  .extend({
    id: uuid,
    complaintNo: z.string().regex(/^TS-\d{4}-[A-Z0-9]{2,6}-\d{4,}$/),
    workstation: z.string().max(6),
    channel: z.enum(COMPLAINT_CHANNELS),
    complainant: requiredText(LIMITS.name),
    problem: requiredText(LIMITS.text),
    severity: z.enum(SEVERITIES),
    type: z.enum(COMPLAINT_TYPES),
    callId: uuid.nullable(),
    repeatIndex: z.number().int().min(1).max(100_000),
    receivedAt: isoTime,
    at: isoTime,
  })
  .strict();
export type ComplaintRegisterArgs = z.output<typeof ComplaintRegisterArgs>;

export const ComplaintEditArgs = z.strictObject({ id: uuid, fields: ComplaintFields.partial(), at: isoTime });
export type ComplaintEditArgs = z.output<typeof ComplaintEditArgs>;

/** Workflow actions: each is a named mutation `complaint.<action>`. */
export const ComplaintAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), departments: z.array(requiredText(LIMITS.name)).min(1).max(10), handlerId: uuid, handlerName: requiredText(LIMITS.name) }),
  z.strictObject({ action: z.literal('escalate'), to: requiredText(LIMITS.name), note: text(1000) }),
  z.strictObject({ action: z.literal('report'), note: requiredText(1000) }),
  z.strictObject({
    action: z.literal('changeSeverity'),
    severity: z.enum(SEVERITIES),
    soothed: z.boolean().optional(),
    headNotifiedTo: text(LIMITS.name).optional(),
    headNotifiedAt: isoTime.nullable().optional(),
  }),
  z.strictObject({
    action: z.literal('recordResult'),
    investigation: requiredText(LIMITS.text),
    result: requiredText(LIMITS.text),
    replyToCustomer: requiredText(LIMITS.text),
    solutions: z.array(text(500)).max(3).optional(),
    chosenSolution: z.number().int().min(0).max(2).nullable().optional(),
    /** A number corrected on the spot: the callback after the result dials it (a stored bad one is refused here, in red). */
    phone: phoneText().optional(),
  }),
  z.strictObject({ action: z.literal('callbackNotReached'), note: text(1000) }),
  z.strictObject({ action: z.literal('recordCallback'), result: z.enum(CALLBACK_RESULTS), note: text(2000) }),
  z.strictObject({ action: z.literal('signoff'), kind: z.enum(['handler', 'department', 'cs_head']), opinion: requiredText(1000) }),
  z.strictObject({ action: z.literal('approveClose'), opinion: requiredText(1000) }),
  z.strictObject({ action: z.literal('void'), reason: requiredText(500) }),
]);
export type ComplaintAction = z.output<typeof ComplaintAction>;
export type ComplaintActionName = ComplaintAction['action'];

export const ComplaintTransitionArgs = z.strictObject({ id: uuid, step: ComplaintAction, at: isoTime });
export type ComplaintTransitionArgs = z.output<typeof ComplaintTransitionArgs>;

export function complaintNo(year: number, workstation: string, seq: number): string {
  return `TS-${year}-${workstation}-${String(seq).padStart(4, '0')}`;
}
