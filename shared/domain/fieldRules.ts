import type { z } from 'zod';
import { requiredText, text } from './fields';
import { FIELD_ISSUE_CODES, type FieldIssue } from './mutation';
import { normalizePhone } from './phone';

/**
 * One rule per field, used by the forms (before sending), the dispatcher (zod schemas), every
 * mutation (the console and the hub run the same definitions) and the workflow steps. A value a rule
 * accepted once is never refused later for the same field: later steps check only what changed, or
 * what they need and can correct on the spot (see recordResult's phone).
 */

/** A number a callback can dial: the same test the customer file and the callback queue use. */
export const isPhone = (raw: string): boolean => normalizePhone(raw).valid;

/**
 * A number shown masked to this role (138****8000, see maskPhone) and sent back as it was shown: the
 * core swaps it for the stored number or leaves the stored one alone, so the schema lets it through.
 */
export const isMaskedPhone = (raw: string): boolean => /^\d{0,3}\*{4,}\d{0,4}$/.test(raw.trim());

/** `echoedMask`: a form's own check, before the core swaps a masked echo for the stored number. */
export function phoneIssue(field: string, raw: string | null | undefined, echoedMask = false): FieldIssue[] {
  const s = (raw ?? '').trim();
  if (!s || isPhone(s) || (echoedMask && isMaskedPhone(s))) return [];
  return [{ field, code: 'invalid_format', message: `"${s}" is not a phone number` }];
}

/** A phone box that may be empty; when filled it must be a phone number. */
export const phoneText = () =>
  text(40).refine((s) => !s || isPhone(s) || isMaskedPhone(s), { message: 'not a phone number', params: { code: 'invalid_format' } });
/** A phone box that must be filled with a phone number. */
export const requiredPhone = () =>
  requiredText(40).refine((s) => !s || isPhone(s) || isMaskedPhone(s), { message: 'not a phone number', params: { code: 'invalid_format' } });

/**
 * The hotline read out in the closing words (请随时拨打热线…): digits, optionally grouped with
 * spaces, hyphens or brackets (12345, 400-888-1234, (0571) 8888 1234).
 */
const HOTLINE = /^[\d\s()+-]{3,30}$/;
export const isHotline = (raw: string): boolean => {
  const s = raw.trim();
  const digits = s.replace(/\D/g, '').length;
  return HOTLINE.test(s) && digits >= 3 && digits <= 20;
};

export function hotlineIssue(field: string, raw: string | null | undefined): FieldIssue[] {
  const s = (raw ?? '').trim();
  if (!s || isHotline(s)) return [];
  return [{ field, code: 'invalid_format', message: 'a hotline is digits, optionally grouped with spaces, hyphens or brackets' }];
}

export const hotlineText = () =>
  requiredText(40).refine((s) => !s || isHotline(s), {
    message: 'a hotline is digits, optionally grouped with spaces, hyphens or brackets',
    params: { code: 'invalid_format' },
  });

/** Clocks of two workstations differ a little: a time a few minutes ahead is still "now". */
export const CLOCK_SLACK_MS = 5 * 60_000;

/** Something that already happened (a complaint's occurrence, the head notified) cannot be in the future. */
export function notInFuture(field: string, iso: string | null | undefined, nowIso: string): FieldIssue[] {
  if (!iso) return [];
  return Date.parse(iso) > Date.parse(nowIso) + CLOCK_SLACK_MS
    ? [{ field, code: 'in_future', message: `${field} cannot be in the future`, params: { now: nowIso } }]
    : [];
}

/** A promise to the customer (the agreed reply time) cannot already be over when it is made. */
export function notInPast(field: string, iso: string | null | undefined, nowIso: string): FieldIssue[] {
  if (!iso) return [];
  return Date.parse(iso) < Date.parse(nowIso) - CLOCK_SLACK_MS
    ? [{ field, code: 'in_past', message: `${field} cannot be in the past`, params: { now: nowIso } }]
    : [];
}

/** A list of names (departments) where each name appears once; the second one is flagged. */
export function duplicateIssues(field: string, names: readonly string[]): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (!name) return;
    if (seen.has(name)) out.push({ field: `${field}.${i}`, code: 'duplicate', message: `"${name}" is listed twice` });
    seen.add(name);
  });
  return out;
}


/**
 * zod issues → field issues the UI places beside a field and words by `code`. The dispatcher and the
 * forms both use it, so a form that checks the contract's schema before sending shows exactly what
 * the core would say, all at once.
 */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(params)';
    const custom = (i as { params?: { code?: string } }).params?.code;
    let code: FieldIssue['code'] = 'invalid_value';
    const params: Record<string, unknown> = {};
    if (custom && (FIELD_ISSUE_CODES as readonly string[]).includes(custom)) code = custom as FieldIssue['code'];
    else if (i.code === 'invalid_type') code = i.input === undefined ? 'required' : 'invalid_value';
    else if (i.code === 'too_big') {
      code = i.origin === 'string' ? 'too_long' : 'out_of_range';
      params.maximum = Number(i.maximum);
    } else if (i.code === 'too_small') {
      // An empty string or an empty list where one entry is needed (a customer with no phone) is "required".
      code = (i.origin === 'string' || i.origin === 'array') && Number(i.minimum) === 1 ? 'required' : 'out_of_range';
      params.minimum = Number(i.minimum);
    } else if (i.code === 'invalid_format') code = 'invalid_format';
    else if (i.code === 'unrecognized_keys') code = 'unknown_field';
    return { field, code, message: i.message, ...(Object.keys(params).length ? { params } : {}) };
  });
}

/** Runs a schema the way the dispatcher does and returns every issue (empty when it passes). */
export function schemaIssues(schema: z.ZodType, value: unknown): FieldIssue[] {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error);
}
