import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';
import { ApiFailure } from '../errors';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../../shared/domain/settings';

export function getMeta(db: Database.Database, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * The organisation settings, parsed once and kept per connection: every mutation reads them (its
 * rules), and parsing the row on each one cost more than the rest of a lookup. `writeSettings` is the
 * only writer of the row (local updates, set-up, join, pulled changes); it drops the copy. A write inside
 * a transaction that has not ended might still be rolled back, so until it ends the row is read afresh
 * and nothing is kept. The object handed out is frozen: callers share it.
 */
const settingsCache = new WeakMap<Database.Database, { value: OrganisationSettings | null }>();
const writtenInOpenTx = new WeakSet<Database.Database>();

function parseSettings(db: Database.Database): OrganisationSettings | null {
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'organisation'").get() as { value: string } | undefined;
  // Cloned so that freezing it leaves the shared defaults alone.
  return row ? deepFreeze(structuredClone({ ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as OrganisationSettings) })) : null;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export function readSettings(db: Database.Database): OrganisationSettings | null {
  if (writtenInOpenTx.has(db)) {
    if (db.inTransaction) return parseSettings(db);
    writtenInOpenTx.delete(db);
  } else {
    const hit = settingsCache.get(db);
    if (hit) return hit.value;
  }
  const value = parseSettings(db);
  settingsCache.set(db, { value });
  return value;
}

export function writeSettings(db: Database.Database, s: OrganisationSettings, at: string): void {
  stmt(
    db,
    "INSERT INTO settings (key, value, updated_at) VALUES ('organisation', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  ).run(JSON.stringify(s), at);
  settingsCache.delete(db);
  if (db.inTransaction) writtenInOpenTx.add(db);
}

/** Next number in a per-workstation daily series; runs inside the caller's transaction. */
export function nextSerial(db: Database.Database, key: string): number {
  const row = stmt(db, 'INSERT INTO serials (key, last) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET last = last + 1 RETURNING last').get(key) as {
    last: number;
  };
  return row.last;
}

/** The settings, or the refusal every method gives before first-run set-up. */
export function requireSettings(db: Database.Database): OrganisationSettings {
  const s = readSettings(db);
  if (!s) throw new ApiFailure('setup_required', 'this workstation has not been set up yet');
  return s;
}
