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
  /** Demoting or deactivating the last active administrator. */
  'last_admin',
  /** An administrator removing their own administrator rights. */
  'own_admin_rights',
  /** The disk of the workstation (or the hub) is full: nothing was saved. */
  'disk_full',
  /** A request (or a file in it) larger than its budget: a body, a draft store, an import's unpacked size. */
  'payload_too_large',
  /** A request nested deeper than any method needs (shared/api/bounds.ts). */
  'too_deep',
  /** The user's drafts are at their cap in number or in size; saving the record itself still works. */
  'drafts_full',
  /** The store failed its integrity check: nothing is written to it; restore a backup. */
  'store_damaged',
  /** The store file is empty (0 bytes) or not a store of this program: refused, never set up over. */
  'store_unreadable',
  /** The store's folder or file cannot be written (permissions, a read-only disk). */
  'store_read_only',
  /** Another process (a second window or host) has the store open. */
  'store_locked',
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
