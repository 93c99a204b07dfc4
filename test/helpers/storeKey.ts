import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { DB_FILE, openDatabase } from '../../electron/core/db/open';
import { STORE_KEY_BYTES } from '../../shared/node/encryptedSqlite';

/** A fresh random store key, as the hosts make at first start. */
export const newStoreKey = (): Buffer => randomBytes(STORE_KEY_BYTES);

/** The workstation store file in a console's data folder (its raw bytes: fs.readFileSync). */
export const storeFile = (dir: string) => path.join(dir, DB_FILE);

/**
 * A workstation's store opened directly with its key, read-only, to look at what is really stored
 * (e.g. after a sync). Use it while that console is open or after it closed; close it yourself.
 */
export function openStoreWithKey(dir: string, key: Uint8Array): Database.Database {
  return openDatabase(dir, { key, readonly: true });
}
