import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type EncryptedOpenOptions, openEncryptedSqlite, storeFileState } from '../../../shared/node/encryptedSqlite';
import { checkStore, refuseForeignFile, refuseForeignSchema, StoreProblemError } from '../../../shared/node/storeHealth';
import { makeBackup } from '../store/backups';
import { migrate, SCHEMA_VERSION } from './migrations';

export interface OpenOptions {
  /** Electron passes the Electron-ABI build of better-sqlite3-multiple-ciphers here (docs/electron.md). */
  nativeBinding?: string | undefined;
  readonly?: boolean | undefined;
  /**
   * The 32-byte store key (docs/security-encryption.md). Every host passes one; without it the store
   * is plaintext, which only tests of earlier versions use. A plaintext store opened with a key is
   * encrypted once, in place; an encrypted store with a wrong or no key is a StoreKeyError.
   */
  key?: Uint8Array | undefined;
  /** Progress of that one-time encryption. */
  onProgress?: ((message: string) => void) | undefined;
  /**
   * Run `quick_check` before anything is written (openCore does): a damaged store is a
   * StoreDamagedError and is neither migrated nor written to.
   */
  check?: boolean | undefined;
  /** The clock for the name of the backup made before a migration. */
  now?: (() => Date) | undefined;
}

export const DB_FILE = 'hotline.sqlite';

/** quick_check found problems; the store was closed untouched. */
export class StoreDamagedError extends StoreProblemError {
  constructor(
    file: string,
    readonly problems: string[],
  ) {
    super('store_damaged', `the store ${file} is damaged (${problems[0] ?? 'check failed'}); nothing is written to it`, file);
  }
}

/**
 * A new store is made under a temporary name and renamed into place once its schema is written, so
 * the store's own name never holds a 0-byte file of ours: a 0-byte or foreign file there is refused
 * (store_unreadable), never taken for "no store yet" and set up over.
 */
function createStore(file: string, encrypted: EncryptedOpenOptions): void {
  const tmp = `${file}.new`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  const db = openEncryptedSqlite(tmp, encrypted);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
  } finally {
    db.close();
  }
  fs.renameSync(tmp, file);
}

/** A plaintext SQLite file of another program must be refused before it is encrypted in place. */
function refuseForeignPlaintext(file: string, opts: EncryptedOpenOptions): void {
  if (storeFileState(file) !== 'plaintext') return;
  const db = openEncryptedSqlite(file, { nativeBinding: opts.nativeBinding, readonly: true });
  try {
    refuseForeignSchema(db, file);
  } finally {
    db.close();
  }
}

/**
 * One connection per process, WAL, foreign keys on; synchronous=FULL so a saved record survives a
 * power cut. Tests read a workstation's raw store with `openDatabase(dir, { key })` (test/helpers/storeKey.ts).
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Database.Database {
  const file = path.join(dataDir, DB_FILE);
  const encrypted: EncryptedOpenOptions = { key: opts.key, nativeBinding: opts.nativeBinding, readonly: opts.readonly, onProgress: opts.onProgress };
  refuseForeignFile(file);
  refuseForeignPlaintext(file, encrypted);
  if (!opts.readonly && storeFileState(file) === 'missing') createStore(file, encrypted);
  const db = openEncryptedSqlite(file, encrypted);
  try {
    refuseForeignSchema(db, file);
    if (opts.check) {
      const problems = checkStore(db);
      if (problems.length) throw new StoreDamagedError(file, problems);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      const version = db.pragma('user_version', { simple: true }) as number;
      // A copy before the schema changes: a migration that goes wrong on a real store can be undone.
      if (version > 0 && version < SCHEMA_VERSION) makeBackup(db, dataDir, 'pre_migration', (opts.now ?? (() => new Date()))(), version + 1);
      migrate(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
