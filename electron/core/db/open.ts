import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type EncryptedOpenOptions, openEncryptedSqlite } from '../../../shared/node/encryptedSqlite';
import { migrate } from './migrations';

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
}

export const DB_FILE = 'hotline.sqlite';

/**
 * One connection per process, WAL, foreign keys on; synchronous=FULL so a saved record survives a
 * power cut. Tests read a workstation's raw store with `openDatabase(dir, { key })` (test/helpers/storeKey.ts).
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Database.Database {
  const encrypted: EncryptedOpenOptions = { key: opts.key, nativeBinding: opts.nativeBinding, readonly: opts.readonly, onProgress: opts.onProgress };
  const db = openEncryptedSqlite(path.join(dataDir, DB_FILE), encrypted);
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
