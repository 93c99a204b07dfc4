import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../shared/domain/mutation';
import type { User } from '../../../shared/domain/users';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { stmt } from './stmt';
import { usersTable } from './tables';

/** Idle timeout covers a lunch break; the absolute limit covers the longest shift. */
export const SESSION_IDLE_MS = 4 * 3600_000;
export const SESSION_MAX_MS = 13 * 3600_000;
/**
 * The idle expiry is written forward at most this often. Every API call resolves the session, and a
 * write per call is a durable commit (an fsync) before every read; a minute of slack on a 4 h timeout
 * is invisible. The checks themselves use the stored expiry and the absolute limit exactly.
 */
export const SESSION_SLIDE_MS = 60_000;

export interface Session {
  tokenHash: string;
  user: User;
  actor: Actor;
  expiresAt: string;
  /** The console locked itself after idle time; only the password (auth.unlock) opens it again. */
  locked: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSession(ctx: CoreContext, user: User): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  ctx.db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashToken(token), user.id, now.toISOString(), now.toISOString(), expiresAt);
  return { token, expiresAt };
}

/**
 * Resolves the session and slides its idle expiry; throws unauthenticated / session_expired. The slide
 * is written only when it moves the expiry by more than SESSION_SLIDE_MS, so a burst of calls writes
 * the sessions row once a minute, not once a call. The expiry returned is the one stored (and checked).
 */
export function resolveSession(ctx: CoreContext, token: string | null): Session {
  if (!token) throw new ApiFailure('unauthenticated', 'log in first');
  const tokenHash = hashToken(token);
  const row = stmt(ctx.db, 'SELECT user_id, created_at, expires_at, locked_at FROM sessions WHERE token_hash = ?').get(tokenHash) as
    | { user_id: string; created_at: string; expires_at: string; locked_at: string | null }
    | undefined;
  if (!row) throw new ApiFailure('unauthenticated', 'log in first');
  const now = ctx.now().getTime();
  const user = usersTable.get(ctx.db, row.user_id);
  const storedExpiry = Date.parse(row.expires_at);
  const cap = Date.parse(row.created_at) + SESSION_MAX_MS;
  const expired = storedExpiry <= now || cap <= now;
  if (expired || !user?.active) {
    stmt(ctx.db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    throw new ApiFailure('session_expired', user?.active === false ? 'this account has been deactivated' : 'the session has expired; log in again');
  }
  let expiresAt = row.expires_at;
  const slid = Math.min(now + SESSION_IDLE_MS, cap);
  if (slid - storedExpiry >= SESSION_SLIDE_MS) {
    expiresAt = new Date(slid).toISOString();
    stmt(ctx.db, 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(new Date(now).toISOString(), expiresAt, tokenHash);
  }
  const { passwordHash: _h, version: _v, ...publicUser } = user;
  return {
    tokenHash,
    user: publicUser,
    actor: { userId: user.id, role: user.role, displayName: user.displayName },
    expiresAt,
    locked: row.locked_at !== null,
  };
}

/** Locks (at = the time) or unlocks (null) a session; the session itself, and its expiry, stay. */
export function setSessionLocked(ctx: CoreContext, session: Session, at: string | null): void {
  stmt(ctx.db, 'UPDATE sessions SET locked_at = ? WHERE token_hash = ?').run(at, session.tokenHash);
}

export function endSession(ctx: CoreContext, session: Session): void {
  ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(session.tokenHash);
}

/** A deactivated user or a changed password ends every session of that user. */
export function endSessionsOf(ctx: CoreContext, userId: string): void {
  ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
}
