import type Database from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo } from '../../../shared/api/storeTypes';
import { checkStore } from '../../../shared/node/storeHealth';
import { lastBackupAt, makeBackup } from './backups';
import { getMeta, setMeta } from './settings';

/**
 * The store's daily care, between calls like the search-index merging (store/ftsMerge.ts): once a
 * day, when nobody has used the console for a minute, a full `integrity_check`, and right after a
 * check that passed, the daily backup. The backup therefore is always of a store that was just found
 * sound: the "latest good backup" a restore offers. A failed check marks the store damaged (the core
 * then writes nothing more, index.ts).
 */

const CHECK_META = 'integrity_checked_at';
const DAY_MS = 24 * 3600_000;
/** How often the timer looks; the work itself runs at most once a day. */
const LOOK_EVERY_MS = 5 * 60_000;
/** No request for this long counts as idle (the check of a 1 GB store takes seconds). */
export const IDLE_AFTER_MS = 60_000;

export const lastIntegrityCheck = (db: Database.Database): string | null => getMeta(db, CHECK_META);

export interface DailyCareOptions {
  dataDir: string;
  now: () => Date;
  /** No request is running and none came for IDLE_AFTER_MS. */
  idle: () => boolean;
  onDamaged: (problems: string[]) => void;
  onBackup: (b: BackupInfo) => void;
  onError: (err: unknown) => void;
}

/** One round: the full check if a day has passed, then the daily backup if a day has passed. */
export function dailyCare(db: Database.Database, o: Omit<DailyCareOptions, 'idle'>): 'damaged' | 'done' {
  const now = o.now();
  const checked = lastIntegrityCheck(db);
  if (!checked || now.getTime() - Date.parse(checked) >= DAY_MS) {
    const problems = checkStore(db, true);
    if (problems.length) {
      o.onDamaged(problems);
      return 'damaged';
    }
    setMeta(db, CHECK_META, now.toISOString());
  }
  const backed = lastBackupAt(o.dataDir, 'daily');
  if (!backed || now.getTime() - Date.parse(backed) >= DAY_MS) o.onBackup(makeBackup(db, o.dataDir, 'daily', now));
  return 'done';
}

export function startDailyCare(db: Database.Database, o: DailyCareOptions): { stop(): void } {
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction || !o.idle()) return;
    try {
      if (dailyCare(db, o) === 'damaged') clearInterval(timer);
    } catch (err) {
      o.onError(err);
    }
  }, LOOK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
