import type Database from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../shared/domain/roles';
import { stmt } from './stmt';

/** Consecutive failures that lock a username; the hub stops at the same number. */
export const LOGIN_LOCK_AFTER = 10;
/** A typo or two in a row costs nothing; the back-off starts with the failure after these. */
export const LOGIN_FREE_FAILURES = 2;
/** The back-off doubles from 1 s and stops growing here, so a wait never exceeds a minute. */
export const LOGIN_BACKOFF_MAX_MS = 60_000;

export type LoginGate = { kind: 'open' } | { kind: 'throttled'; retryAfterMs: number } | { kind: 'locked'; until: string };

interface AttemptRow {
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

const keyOf = (username: string) => username.trim().toLowerCase();

/** Nothing after the first LOGIN_FREE_FAILURES failures, then 1 s, 2 s, 4 s … up to LOGIN_BACKOFF_MAX_MS. */
export const backoffMs = (failures: number): number =>
  failures <= LOGIN_FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (failures - LOGIN_FREE_FAILURES - 1), LOGIN_BACKOFF_MAX_MS);

/**
 * May this username try a password now? Asked before the password is verified, so that a locked or
 * throttled attempt answers at once whether the password was right or not. An expired lock is dropped.
 */
export function loginGate(db: Database.Database, username: string, now: Date): LoginGate {
  const row = stmt(db, 'SELECT failures, last_failed_at, locked_until FROM login_attempts WHERE username = ?').get(keyOf(username)) as AttemptRow | undefined;
  if (!row) return { kind: 'open' };
  if (row.locked_until) {
    if (Date.parse(row.locked_until) > now.getTime()) return { kind: 'locked', until: row.locked_until };
    clearLoginFailures(db, username);
    return { kind: 'open' };
  }
  const wait = Date.parse(row.last_failed_at) + backoffMs(row.failures) - now.getTime();
  return wait > 0 ? { kind: 'throttled', retryAfterMs: wait } : { kind: 'open' };
}

/** Counts one failure; the LOGIN_LOCK_AFTER-th locks the username until `now + lockMs`. Returns the new state. */
export function recordLoginFailure(db: Database.Database, username: string, now: Date, lockMs: number): { failures: number; lockedUntil: string | null } {
  const prev = stmt(db, 'SELECT failures FROM login_attempts WHERE username = ?').get(keyOf(username)) as { failures: number } | undefined;
  const failures = (prev?.failures ?? 0) + 1;
  const lockedUntil = failures >= LOGIN_LOCK_AFTER ? new Date(now.getTime() + lockMs).toISOString() : null;
  stmt(
    db,
    `INSERT INTO login_attempts (username, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
  ).run(keyOf(username), failures, now.toISOString(), lockedUntil);
  return { failures, lockedUntil };
}

/** A successful login, an unlock by a lead, or an expired lock starts the count again. Returns whether there was one. */
export function clearLoginFailures(db: Database.Database, username: string): boolean {
  return stmt(db, 'DELETE FROM login_attempts WHERE username = ?').run(keyOf(username)).changes > 0;
}

export function loginLockOf(db: Database.Database, username: string): { failures: number; lockedUntil: string | null } | null {
  const row = stmt(db, 'SELECT failures, locked_until FROM login_attempts WHERE username = ?').get(keyOf(username)) as
    | { failures: number; locked_until: string | null }
    | undefined;
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : null;
}

export interface LockedLoginRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  failures: number;
  lockedUntil: string | null;
}

/**
 * Active users whose login is locked now, or in back-off (failures past the free ones, so every further
 * try waits): what a lead may lift from the board. An expired lock is left out, as loginGate drops it
 * at the next try. Locks first, then the most failures. ISO times compare as text.
 */
export function lockedLogins(db: Database.Database, now: Date): LockedLoginRow[] {
  return stmt(
    db,
    `SELECT u.id, u.username, u.display_name AS displayName, u.role, a.failures, a.locked_until AS lockedUntil
     FROM login_attempts a JOIN users u ON lower(u.username) = a.username
     WHERE u.active = 1 AND (a.locked_until > ? OR (a.locked_until IS NULL AND a.failures > ?))
     ORDER BY a.locked_until IS NULL, a.failures DESC, u.username`,
  ).all(now.toISOString(), LOGIN_FREE_FAILURES) as LockedLoginRow[];
}
