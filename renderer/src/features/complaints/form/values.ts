import type { ParamsOf } from '../../../../../shared/api/contract';
import type { CallRecord, Complaint } from '../../../../../shared/api/types';
import type { ComplaintChannel, ComplaintFields, ComplaintType, Severity } from '../../../../../shared/domain/complaint';

/** What the complaint form edits: the descriptive boxes of annex 2 (the workflow has its own steps). */
export interface SheetValues {
  channel: ComplaintChannel;
  complainant: string;
  organisation: string;
  address: string;
  phone: string;
  customerId: string | null;
  reportNo: string;
  problem: string;
  occurredAt: string | null;
  severity: Severity;
  type: ComplaintType;
  soothed: boolean;
  headNotifiedTo: string;
  headNotifiedAt: string | null;
  involveQualityDept: boolean;
  involveChiefEngineer: boolean;
  agreedReplyBy: string | null;
  rectificationDept: string;
  rectificationNote: string;
  /** 客户保密: a complaint from a confidential call is confidential whatever this box says (the core decides). */
  confidential: boolean;
}

/** Fields saved with complaints.edit; severity moves only through the 调整级别 step. */
export const EDITABLE: (keyof SheetValues & keyof ComplaintFields)[] = [
  'channel',
  'complainant',
  'organisation',
  'address',
  'phone',
  'customerId',
  'reportNo',
  'problem',
  'occurredAt',
  'type',
  'soothed',
  'headNotifiedTo',
  'headNotifiedAt',
  'involveQualityDept',
  'involveChiefEngineer',
  'agreedReplyBy',
  'rectificationDept',
  'rectificationNote',
  'confidential',
];

export function blankValues(channel: ComplaintChannel = 'phone'): SheetValues {
  return {
    channel,
    complainant: '',
    organisation: '',
    address: '',
    phone: '',
    customerId: null,
    reportNo: '',
    problem: '',
    occurredAt: null,
    severity: 'general',
    type: 'result_doubt',
    soothed: false,
    headNotifiedTo: '',
    headNotifiedAt: null,
    involveQualityDept: false,
    involveChiefEngineer: false,
    agreedReplyBy: null,
    rectificationDept: '',
    rectificationNote: '',
    confidential: false,
  };
}

/** The call-record form's boxes (possibly not yet saved) as the start of a complaint sheet. */
export type CallBoxes = Pick<CallRecord, 'callerName' | 'organisation' | 'address' | 'phone' | 'reportNo' | 'content' | 'customerId'> &
  Partial<Pick<CallRecord, 'confidential'>>;

export function fromCall(v: CallBoxes): SheetValues {
  return {
    ...blankValues('phone'),
    complainant: v.callerName,
    organisation: v.organisation,
    address: v.address,
    phone: v.phone,
    reportNo: v.reportNo,
    problem: v.content,
    customerId: v.customerId,
    confidential: v.confidential ?? false,
  };
}

export function fromComplaint(c: Complaint): SheetValues {
  const out = blankValues(c.channel);
  for (const k of Object.keys(out) as (keyof SheetValues)[]) (out as unknown as Record<string, unknown>)[k] = c[k];
  out.confidential = c.confidential ?? false;
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the boxes this user changed, so a save never overwrites someone else's edit of another box. */
export function changedFields(v: SheetValues, c: Complaint): Partial<ComplaintFields> {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE) if (!same(v[k], c[k])) out[k] = typeof v[k] === 'string' ? (v[k] as string).trim() : v[k];
  return out as Partial<ComplaintFields>;
}

/** complaints.register params: text trimmed, empty optional boxes left out. */
export function registerParams(v: SheetValues, callId: string | null): ParamsOf<'complaints.register'> {
  const trim = (s: string) => s.trim();
  return {
    channel: v.channel,
    complainant: trim(v.complainant),
    organisation: trim(v.organisation),
    address: trim(v.address),
    phone: trim(v.phone),
    customerId: v.customerId,
    reportNo: trim(v.reportNo),
    problem: trim(v.problem),
    occurredAt: v.occurredAt,
    severity: v.severity,
    type: v.type,
    soothed: v.soothed,
    headNotifiedTo: trim(v.headNotifiedTo),
    headNotifiedAt: v.headNotifiedAt,
    involveQualityDept: v.involveQualityDept,
    involveChiefEngineer: v.involveChiefEngineer,
    agreedReplyBy: v.agreedReplyBy,
    rectificationDept: trim(v.rectificationDept),
    rectificationNote: trim(v.rectificationNote),
    confidential: v.confidential,
    callId,
  };
}

export const isGrave = (s: Severity) => s !== 'general';
