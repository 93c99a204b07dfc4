import type { ComplaintActionName } from '../../../../shared/domain/complaint';
import type { FieldChange } from '../../../../shared/domain/mutation';

/** A `complaint.transition` history entry names no step; its changes tell which one it was. */
export function stepOf(changes: FieldChange[]): ComplaintActionName | null {
  const has = (f: string) => changes.some((c) => c.field === f);
  const after = (f: string) => changes.find((c) => c.field === f)?.after;
  if (has('signoff.approval') || has('approvedAt')) return 'approveClose';
  if (changes.some((c) => c.field.startsWith('signoff.'))) return 'signoff';
  if (after('status') === 'voided') return 'void';
  if (has('callbackResult') || has('callbackAt') || has('round')) return 'recordCallback';
  if (has('callbackAttempts')) return 'callbackNotReached';
  if (has('completedAt') || has('result') || has('investigation')) return 'recordResult';
  if (has('handlerName') || has('departments')) return 'assign';
  if (has('reportedAt')) return 'report';
  if (has('escalatedAt') || has('escalatedTo')) return 'escalate';
  if (has('severity') || has('soothed') || has('headNotifiedTo') || has('headNotifiedAt')) return 'changeSeverity';
  return null;
}
