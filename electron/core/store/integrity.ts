import type Database from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo } from '../../../shared/api/storeTypes';
import { checkStore } from '../../../shared/node/storeHealth';
import { lastBackupAt, makeBackup } from './backups';
import { getMeta, setMeta } from './settings';

/**
 * The store's daily care, between calls like the search-index merging (store/ftsMerge.ts): once a
 * day, when nobody has used the console for ten minutes, a full `integrity_check`, and at the next
 * idle turn after a check that passed, the daily backup. The backup therefore is of a store just
 * found sound: the "latest good backup" a restore offers. A failed check marks the store damaged (the
 * core then writes nothing more, index.ts). Both run on the core's thread and hold it: on a 1.3 GB
 * demo store (200 000 calls) the check took 37 s and the copy 22 s, hence one of them per turn and
 * the long idle wait (an incoming call would wait for them).
 */

const CHECK_META = 'integrity_checked_at';
const DAY_MS = 24 * 3600_000;
/** How often the timer looks; the work itself runs at most once a day. */
const LOOK_EVERY_MS = 5 * 60_000;
/** No request for this long counts as idle (the check of a 1 GB store takes seconds). */
export const IDLE_AFTER_MS = 10 * 60_000;

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

/** One turn: the full check if a day has passed since the last, else the daily backup if one is due after it. */
export function dailyCare(db: Database.Database, o: Omit<DailyCareOptions, 'idle'>): 'damaged' | 'checked' | 'backed_up' | 'nothing' {
  const now = o.now();
  const checked = lastIntegrityCheck(db);
  if (!checked || now.getTime() - Date.parse(checked) >= DAY_MS) {
    const problems = checkStore(db, true);
    if (problems.length) {
      o.onDamaged(problems);
      return 'damaged';
    }
    setMeta(db, CHECK_META, now.toISOString());
    return 'checked';
  }
  const backed = lastBackupAt(o.dataDir, 'daily');
  if (backed && now.getTime() - Date.parse(backed) < DAY_MS) return 'nothing';
  o.onBackup(makeBackup(db, o.dataDir, 'daily', now));
  return 'backed_up';
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
