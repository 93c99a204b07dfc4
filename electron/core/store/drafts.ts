import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';

export interface Draft {
  key: string;
  payload: unknown;
  savedAt: string;
}

export function readDraft(db: Database.Database, userId: string, key: string): Draft | null {
  const row = stmt(db, 'SELECT key, payload, saved_at FROM drafts WHERE user_id = ? AND key = ?').get(userId, key) as
    | { key: string; payload: string; saved_at: string }
    | undefined;
  return row ? { key: row.key, payload: JSON.parse(row.payload) as unknown, savedAt: row.saved_at } : null;
}

/** `payload` is the JSON text as the size check measured it. */
export function writeDraft(db: Database.Database, userId: string, key: string, payload: string, savedAt: string): void {
  stmt(
    db,
    `INSERT INTO drafts (key, user_id, payload, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(user_id, key) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at`,
  ).run(key, userId, payload, savedAt);
}

/** The user's other drafts (all but `exceptKey`): how many, and their payload bytes, for the per-user caps. */
export function draftUsage(db: Database.Database, userId: string, exceptKey: string): { count: number; bytes: number } {
  return stmt(db, 'SELECT count(*) AS count, coalesce(sum(length(CAST(payload AS BLOB))), 0) AS bytes FROM drafts WHERE user_id = ? AND key <> ?').get(
    userId,
    exceptKey,
  ) as { count: number; bytes: number };
}

export function deleteDraft(db: Database.Database, userId: string, key: string): boolean {
  return stmt(db, 'DELETE FROM drafts WHERE user_id = ? AND key = ?').run(userId, key).changes > 0;
}
