import type Database from 'better-sqlite3-multiple-ciphers';
import { m001Initial } from './001_initial';
import { m002Complaints } from './002_complaints';
import { m003Tracking } from './003_tracking';
import { m004CallSearch } from './004_call_search';
import { m005Callbacks } from './005_callbacks';
import { m006ComplaintSearchKeys } from './006_complaint_search_keys';
import { m007ComplaintConfidential } from './007_complaint_confidential';
import { m008AuditChain } from './008_audit_chain';
import { m009LoginLocks } from './009_login_locks';
import { m010Quality } from './010_quality';
import { m011Reports } from './011_reports';
import { m012AwaitingReply } from './012_awaiting_reply';
import { m013TrendIndexes } from './013_trend_indexes';
import { m014BulletinFigures } from './014_bulletin_figures';
import type { Migration } from './types';

/** Ordered registry; a migration's version is its position. Never edit a released one: add the next. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Complaints, m003Tracking, m004CallSearch, m005Callbacks, m006ComplaintSearchKeys, m007ComplaintConfidential, m008AuditChain, m009LoginLocks, m010Quality, m011Reports, m012AwaitingReply, m013TrendIndexes, m014BulletinFigures];
export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The data file has schema version ${fileVersion}, but this Hotline Desk understands up to ${appVersion}. ` +
        'It was written by a newer version: install that version (or newer) instead of opening it here.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Runs what is missing, each migration in its own transaction, and refuses a file from the future. */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current, SCHEMA_VERSION);
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  for (const m of MIGRATIONS.slice(current, target)) {
    db.transaction(() => {
      db.exec(m.up);
      m.data?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
