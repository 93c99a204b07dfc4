import type { CallRecord } from '../../../../../shared/api/types';
import {
  CALL_CATEGORIES,
  type CallCategory,
  type CallRecordFields,
  type CallRecordPatch,
  EDITABLE_FIELDS,
  SPECIAL_SITUATIONS,
  type SpecialSituation,
} from '../../../../../shared/domain/callRecord';

/**
 * What the call-record form edits: exactly CallRecordFields, except that the three solution lines
 * always exist so each has a stable input (and a stable error slot `solutions.N`).
 */
export type FormValues = Omit<CallRecordFields, 'solutions'> & { solutions: [string, string, string] };

export const SOLUTION_SLOTS = 3;

function pad3(list: readonly string[]): [string, string, string] {
  return [list[0] ?? '', list[1] ?? '', list[2] ?? ''];
}

export function fromRecord(r: CallRecord): FormValues {
  return {
    callerName: r.callerName,
    organisation: r.organisation,
    phone: r.phone,
    address: r.address,
    customerId: r.customerId,
    category: r.category,
    reportNo: r.reportNo,
    content: r.content,
    specialSituations: [...r.specialSituations],
    answeredOnSpot: r.answeredOnSpot,
    departmentsCoordinated: [...r.departmentsCoordinated],
    promisedReplyBy: r.promisedReplyBy,
    replyContent: r.replyContent,
    repliedAt: r.repliedAt,
    repliedBy: r.repliedBy,
    solutions: pad3(r.solutions),
    chosenSolution: r.chosenSolution,
    satisfaction: r.satisfaction,
    suggestions: r.suggestions,
    confidential: r.confidential,
    transferred: r.transferred ?? false,
    recordingRef: r.recordingRef ?? '',
  };
}

/** Trailing empty solution lines are dropped; inner ones are kept so indices (and the choice) stay put. */
export function toFields(v: FormValues): CallRecordFields {
  const solutions = [...v.solutions];
  while (solutions.length && !solutions[solutions.length - 1]?.trim()) solutions.pop();
  return { ...v, solutions };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what the agent changed is sent, so a save never overwrites someone else's edit of another field. */
export function changedFields(v: FormValues, r: CallRecord): CallRecordPatch {
  const next = toFields(v);
  const base = toFields(fromRecord(r));
  const patch: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS) if (!same(next[k], base[k])) patch[k] = next[k];
  return patch as CallRecordPatch;
}

export function isDirty(v: FormValues, r: CallRecord): boolean {
  return Object.keys(changedFields(v, r)).length > 0;
}

const str = (x: unknown): x is string => typeof x === 'string';
const strOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';

/**
 * A draft is whatever an earlier session wrote: possibly from an older version or half-corrupted.
 * Take only values of the right shape over the record, never trust the payload wholesale.
 */
export function mergeDraft(base: FormValues, payload: unknown): FormValues {
  if (!payload || typeof payload !== 'object') return base;
  const p = payload as Record<string, unknown>;
  const out: FormValues = { ...base, solutions: [...base.solutions] as FormValues['solutions'] };
  for (const k of ['callerName', 'organisation', 'phone', 'address', 'reportNo', 'content', 'replyContent', 'repliedBy', 'suggestions'] as const)
    if (str(p[k])) out[k] = p[k];
  for (const k of ['customerId', 'promisedReplyBy', 'repliedAt'] as const) if (strOrNull(p[k])) out[k] = p[k];
  if (p.category === null || (CALL_CATEGORIES as readonly unknown[]).includes(p.category)) out.category = p.category as CallCategory | null;
  if (Array.isArray(p.specialSituations))
    out.specialSituations = p.specialSituations.filter((s): s is SpecialSituation => (SPECIAL_SITUATIONS as readonly unknown[]).includes(s));
  if (p.answeredOnSpot === null || typeof p.answeredOnSpot === 'boolean') out.answeredOnSpot = p.answeredOnSpot;
  if (Array.isArray(p.departmentsCoordinated)) out.departmentsCoordinated = p.departmentsCoordinated.filter(str);
  if (Array.isArray(p.solutions)) out.solutions = pad3(p.solutions.filter(str));
  if (p.chosenSolution === null || (typeof p.chosenSolution === 'number' && p.chosenSolution >= 0 && p.chosenSolution < SOLUTION_SLOTS))
    out.chosenSolution = p.chosenSolution as number | null;
  if (p.satisfaction === null || (typeof p.satisfaction === 'number' && p.satisfaction >= 1 && p.satisfaction <= 5))
    out.satisfaction = p.satisfaction as number | null;
  if (typeof p.confidential === 'boolean') out.confidential = p.confidential;
  if (typeof p.transferred === 'boolean') out.transferred = p.transferred;
  return out;
}

/** Draft payloads are plain JSON objects (the contract's `payload: Record<string, unknown>`). */
export function draftPayload(v: FormValues): Record<string, unknown> {
  return { ...v, solutions: [...v.solutions] };
}

export const draftKey = (id: string) => `call:${id}`;
