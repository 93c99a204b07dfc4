import type { Role } from './roles';

/** Who performs a mutation. The hub re-derives it from the authenticated user, never from args. */
export interface Actor {
  userId: string;
  role: Role;
  displayName: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What is wrong with one field; the UI words it by code (renderer/src/i18n, errors.fields).
 * `duplicate`: the value is already used (a username, a department listed twice); `in_use`: records
 * still use what is being removed; `in_future` / `in_past`: a date on the wrong side of now;
 * `mismatch`: two boxes that must agree do not (password and its confirmation).
 */
export const FIELD_ISSUE_CODES = [
  'required',
  'too_long',
  'invalid_format',
  'out_of_range',
  'invalid_value',
  'unknown_field',
  'duplicate',
  'in_use',
  'in_future',
  'in_past',
  'mismatch',
  /** A file over a size cap (an import's unpacked size); `params.maximum` in bytes. */
  'too_large',
] as const;

export interface FieldIssue {
  field: string;
  code: (typeof FIELD_ISSUE_CODES)[number];
  message: string;
  params?: Record<string, unknown>;
}

/** `last_admin` / `own_admin_rights`: why an administrator cannot be demoted or deactivated, so the UI can say so. */
export type RefusalCode = 'refused' | 'forbidden' | 'not_found' | 'conflict' | 'invalid_params' | 'last_admin' | 'own_admin_rights';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** English, for logs and the API; the UI translates `code`/`fields`. */
  reason: string;
  fields?: FieldIssue[];
}

export interface Applied<T> {
  ok: true;
  next: T;
  changes: FieldChange[];
}

export type MutationResult<T> = Applied<T> | Refusal;

export const refuse = (code: RefusalCode, reason: string, fields?: FieldIssue[]): Refusal =>
  fields ? { ok: false, code, reason, fields } : { ok: false, code, reason };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields whose value differs; the history row stores exactly these, before and after. */
export function diff<T extends object>(prev: T | null, next: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const before = prev ? prev[field] : null;
    const after = next[field];
    if (!same(before, after)) out.push({ field, before: before ?? null, after: after ?? null });
  }
  return out;
}

/** The entries of a patch that differ from the record: only these travel (last writer wins per field). */
export function changedFields<T extends object>(prev: T, patch: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as [keyof T, T[keyof T]][]) {
    if (!same(prev[k], v)) out[k] = v;
  }
  return out;
}
