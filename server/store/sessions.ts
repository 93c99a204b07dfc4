import type { SessionRow, Sql } from './types';

/** Session queries are the same in both dialects; they need no seq and no writer lock. */
export const sessionOps = (sql: Sql) => ({
  async putSession(tokenHash: string, s: SessionRow & { createdAt: string }): Promise<void> {
    await sql.run('INSERT INTO sessions (token_hash, user_id, workstation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      tokenHash,
      s.userId,
      s.workstation,
      s.createdAt,
      s.expiresAt,
    ]);
  },
  async getSession(tokenHash: string): Promise<SessionRow | null> {
    const r = await sql.get<{ user_id: string; workstation: string; expires_at: string }>(
      'SELECT user_id, workstation, expires_at FROM sessions WHERE token_hash = ?',
      [tokenHash],
    );
    return r ? { userId: r.user_id, workstation: r.workstation, expiresAt: r.expires_at } : null;
  },
  async deleteExpiredSessions(nowIso: string): Promise<void> {
    await sql.run('DELETE FROM sessions WHERE expires_at < ?', [nowIso]);
  },
});
