import type { ApiError } from '../../../shared/api/envelope';
import type { FieldIssue } from '../../../shared/domain/mutation';
import { i18n } from '../i18n';

/**
 * Turns API errors into the words an agent reads. The core's `message` is English for logs; the UI
 * picks its text from `code` (and `fields`), in the current language (Chinese by default).
 */
export function errorText(error: ApiError | undefined | null): string {
  if (!error) return '';
  // The core reports an unreachable hub as a refusal with its English reason; the user needs the words for it.
  if (error.code === 'refused' && /hub cannot be reached|unreachable/i.test(error.message ?? '')) return i18n.t('errors.codes.hub_unreachable');
  const key = `errors.codes.${error.code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.codes.internal');
}

function num(params: Record<string, unknown> | undefined, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = params?.[n];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

/** `phones.0` → `phones`, `admin.password` → `password`: the part a message is written for. */
function subject(field: string): string {
  const parts = field.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? field;
}

export function fieldIssueText(issue: FieldIssue): string {
  const specific = `errors.specific.${subject(issue.field)}.${issue.code}`;
  const count = num(issue.params, 'count');
  if (i18n.exists(specific)) return i18n.t(specific, { count });
  const max = num(issue.params, 'maximum', 'max');
  const min = num(issue.params, 'minimum', 'min');
  if (issue.code === 'too_long' && max !== undefined) return i18n.t('errors.fields.too_long_max', { max });
  // The core reports a number outside its bounds as out_of_range with the bound it broke.
  if (issue.code === 'out_of_range' && min !== undefined) return i18n.t('errors.fields.min_value', { min });
  if (issue.code === 'out_of_range' && max !== undefined) return i18n.t('errors.fields.max_value', { max });
  const generic = `errors.fields.${issue.code}`;
  return i18n.exists(generic) ? i18n.t(generic, { count }) : i18n.t('errors.fields.invalid_value');
}

/** Field path → message, first issue per field wins (it is usually the most basic one). */
export function fieldErrors(error: ApiError | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.fields ?? []) {
    if (!(issue.field in out)) out[issue.field] = fieldIssueText(issue);
  }
  return out;
}

/** Drop a prefix from field paths, e.g. `fields.content` → `content` for `calls.save`. */
export function stripPrefix(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k] = v;
  return out;
}
