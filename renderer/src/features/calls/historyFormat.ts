import type { FieldChange } from '../../../../shared/domain/mutation';
import { fmtDateTime, fmtDuration } from '../../components/format';
import { i18n } from '../../i18n';

const TIME_FIELDS = new Set(['rangAt', 'answeredAt', 'endedAt', 'closedAt', 'promisedReplyBy', 'repliedAt', 'voidedAt']);
const BOOL_FIELDS = new Set(['answeredOnSpot', 'confidential', 'transferred', 'keyAccount', 'voided']);

/** The label a reviewer reads for a field (Chinese on the paper form), falling back to its code name. */
export function fieldLabel(field: string): string {
  const key = `fields.${field}`;
  return i18n.exists(key) ? i18n.t(key) : field;
}

function enumLabel(group: string, v: unknown): string {
  const key = `${group}.${String(v)}`;
  return i18n.exists(key) ? i18n.t(key) : String(v);
}

/** A history value as words: categories and statuses by name, times local, lists joined. */
export function formatValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return i18n.t('detail.empty');
  if (TIME_FIELDS.has(field) && typeof v === 'string') return fmtDateTime(v);
  if (BOOL_FIELDS.has(field) && typeof v === 'boolean') return i18n.t(v ? 'common.yes' : 'common.no');
  switch (field) {
    case 'category':
      return enumLabel('categories', v);
    case 'status':
      return enumLabel('statuses', v);
    case 'specialSituations':
      return Array.isArray(v) ? v.map((s) => enumLabel('situations', s)).join('、') : String(v);
    case 'departmentsCoordinated':
      return Array.isArray(v) ? v.join('、') : String(v);
    case 'solutions':
      return Array.isArray(v) ? v.map((s, i) => `${i + 1}. ${String(s)}`).join(';') : String(v);
    case 'chosenSolution':
      return typeof v === 'number' ? i18n.t('calls.solutionN', { n: v + 1 }) : String(v);
    case 'customerId':
      // The id means nothing to a reader; whether a customer file is linked does.
      return i18n.t('calls.linkedCustomer');
    case 'durationSec':
      return typeof v === 'number' ? fmtDuration(v) : String(v);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** The core names actions after its mutations (`call.update`); the verb is what a reader needs. */
export function actionVerb(action: string): string {
  return action.split('.').pop() ?? action;
}

export function actionLabel(action: string): string {
  const key = `detail.actions.${actionVerb(action)}`;
  return i18n.exists(key) ? i18n.t(key) : action;
}

export interface ChangeLine {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Changes in a stable, readable form; bookkeeping fields (versions, timestamps of the row) are left out. */
export function changeLines(changes: FieldChange[], created = false): ChangeLine[] {
  const empty = i18n.t('detail.empty');
  return (
    changes
      .filter((c) => !['version', 'updatedAt', 'phoneNormalized', 'voidedBy'].includes(c.field))
      // "not voided", "not confidential" on a new record are defaults, not information.
      .filter((c) => !created || c.after !== false)
      .map((c) => ({ field: c.field, label: fieldLabel(c.field), before: formatValue(c.field, c.before), after: formatValue(c.field, c.after) }))
      // A new record "changes" every empty box from nothing to empty; only what it was created with matters.
      .filter((l) => !created || l.after !== empty)
  );
}
