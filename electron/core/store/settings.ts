import type Database from 'better-sqlite3';
import { stmt } from './stmt';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../../shared/domain/settings';

export function getMeta(db: Database.Database, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function readSettings(db: Database.Database): OrganisationSettings | null {
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'organisation'").get() as { value: string } | undefined;
  return row ? { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as OrganisationSettings) } : null;
}

export function writeSettings(db: Database.Database, s: OrganisationSettings, at: string): void {
  stmt(db, 
    "INSERT INTO settings (key, value, updated_at) VALUES ('organisation', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  ).run(JSON.stringify(s), at);
}

/** Next number in a per-workstation daily series; runs inside the caller's transaction. */
export function nextSerial(db: Database.Database, key: string): number {
  const row = db
    .prepare('INSERT INTO serials (key, last) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET last = last + 1 RETURNING last')
    .get(key) as { last: number };
  return row.last;
}
