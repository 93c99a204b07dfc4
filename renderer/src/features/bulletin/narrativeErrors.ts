import type { ApiError } from '../../../../shared/api/envelope';
import { fieldErrors, stripPrefix } from '../../api/errors';
import { i18n } from '../../i18n';
import type { Errors } from './fieldBox';

/** The value at a dotted path (`narrative.improvementPlan.0.dueDay`) of the params sent. */
function at(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/**
 * The core's (or the form's own) issues about the narrative, as messages keyed by the path inside it.
 * A box left empty reads 此项必填 even where the schema checks a format (a due day), since "format" says
 * nothing to whoever left it empty; a picked complaint that is gone, or picked twice, says so.
 */
export function narrativeErrors(error: ApiError, params: unknown): Errors {
  const fields = (error.fields ?? [])
    .filter((f) => f.field.startsWith('narrative.'))
    .map((f) => (at(params, f.field) === '' && f.code !== 'required' ? { ...f, code: 'required' as const } : f));
  const out = stripPrefix(fieldErrors({ ...error, fields }), 'narrative');
  for (const f of fields) {
    const key = `bulletin.errors.complaintId.${f.code}`;
    if (f.field.endsWith('.complaintId') && i18n.exists(key)) out[f.field.slice('narrative.'.length)] = i18n.t(key);
  }
  return out;
}
