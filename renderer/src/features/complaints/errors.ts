import type { ApiError } from '../../../../shared/api/envelope';
import { errorText, fieldIssueText } from '../../api/errors';
import { i18n } from '../../i18n';

/** `step.departments` (complaints.transition), `fields.phone` (complaints.edit) → the box's own name. */
const strip = (field: string) => field.replace(/^(step|fields)\./, '');

/** Field path → Chinese message, with the complaint sheet's own wording where the generic one would be vague. */
export function complaintFieldErrors(error: ApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.fields ?? []) {
    const field = strip(issue.field);
    if (field in out) continue;
    const key = `complaint.errors.${field.split('.')[0]}.${issue.code}`;
    out[field] = i18n.exists(key) ? i18n.t(key) : fieldIssueText({ ...issue, field });
  }
  return out;
}

/** The core explains refusals in English for the log; these are the ones a user can meet from the sheet. */
const REFUSALS: [RegExp, string][] = [
  [/needs soothing and the department head notified before it is assigned/, 'graveFirst'],
  [/only major and crisis complaints are reported/, 'onlyGraveReport'],
  [/already reported to management/, 'alreadyReported'],
  [/only a team lead may change the severity/, 'severityLead'],
  [/only the assigned handler or a team lead may record/, 'onlyHandler'],
  [/only the assigned handler signs/, 'handlerSigns'],
  [/only a team lead signs/, 'leadSigns'],
  [/already has a \w+ signature/, 'alreadySigned'],
  [/can no longer be edited/, 'notEditable'],
  [/only the receiving agent, the handler or a team lead may edit/, 'notEditor'],
  [/^cannot \w+ complaint .* while it is/, 'state'],
  [/^role \w+ may not/, 'role'],
];

/** A refusal in Chinese: the specific reason when the core's sentence is a known one, else the text for its code. */
export function refusalText(error: ApiError | null | undefined): string {
  if (!error) return '';
  for (const [re, key] of REFUSALS) if (re.test(error.message ?? '')) return i18n.t(`complaint.refusals.${key}`);
  return errorText(error);
}
