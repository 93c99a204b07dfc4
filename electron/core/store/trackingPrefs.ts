import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_TRACKING_VIEW, TrackingView } from '../../../shared/domain/tracking';

/** Each user's saved tracking-sheet view (filters, sort), kept per user on this workstation. */
const PREFS_KEY = 'tracking.view';

export function savedTrackingView(db: Database.Database, userId: string): TrackingView {
  const row = db.prepare('SELECT value FROM user_prefs WHERE user_id = ? AND key = ?').get(userId, PREFS_KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_TRACKING_VIEW;
  // A view saved by another version may not parse any more: fall back rather than fail the sheet.
  const parsed = TrackingView.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_TRACKING_VIEW;
}

export function saveTrackingView(db: Database.Database, userId: string, view: TrackingView, now: Date): void {
  db.prepare(
    'INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(userId, PREFS_KEY, JSON.stringify(view), now.toISOString());
}
