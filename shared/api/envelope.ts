import type { FieldIssue } from '../domain/mutation';

export const ERROR_CODES = [
  'invalid_params',
  'unknown_method',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'not_found',
  'refused',
  'conflict',
  'setup_required',
  'already_initialized',
  'invalid_credentials',
  'login_throttled',
  'login_locked',
  'session_locked',
  'setup_code_required',
  'setup_code_invalid',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** English, for logs and API clients. The UI shows a Chinese text chosen by `code` and `fields`. */
  message: string;
  fields?: FieldIssue[];
  /** Facts the UI words the message with: `retryAfterSeconds` (login_throttled), `lockedUntil` (login_locked). */
  details?: { retryAfterSeconds?: number; lockedUntil?: string };
}

export type Envelope<R> = { ok: true; result: R } | { ok: false; error: ApiError };
