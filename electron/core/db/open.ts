import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from './migrations';

export interface OpenOptions {
  /** Electron passes the Electron-ABI build of better-sqlite3 here (docs/electron.md). */
  nativeBinding?: string;
  readonly?: boolean;
}

export const DB_FILE = 'hotline.sqlite';

/** One connection per process, WAL, foreign keys on; synchronous=FULL so a saved record survives a power cut. */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DB_FILE), opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
