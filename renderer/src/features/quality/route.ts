import { QA_RECORD_KINDS, type QaRecordKind } from '../../../../shared/domain/quality';

export interface ReviewTarget {
  month: string;
  kind: QaRecordKind;
  recordId: string;
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** #/…/review?month=2026-10&kind=call&id=<uuid>: the record to review; null when the query does not name one. */
export function reviewTargetOf(query: string): ReviewTarget | null {
  const q = new URLSearchParams(query);
  const month = q.get('month') ?? '';
  const kind = q.get('kind') as QaRecordKind;
  const recordId = q.get('id') ?? '';
  if (!MONTH.test(month) || !QA_RECORD_KINDS.includes(kind) || !recordId) return null;
  return { month, kind, recordId };
}
