import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir, openEncryptedSqlite } from '../../../shared/node/encryptedSqlite';
import { checkStore, copyStoreTo, refuseForeignFile, StoreProblemError } from '../../../shared/node/storeHealth';
import { HUB_DB_FILE } from './index';

/**
 * `npm run hub -- --backup DIR`: a consistent copy of the SQLite hub's store, made with VACUUM INTO on
 * a read-only connection of its own, so it runs beside a running hub (WAL: the copy is one read
 * transaction, pushes go on meanwhile and are simply not in it). The copy is encrypted with the
 * store's key (SQLite3 Multiple Ciphers encrypts VACUUM INTO output), 0600 in a 0700 folder, and is
 * checked with quick_check before it is reported. The key itself is not copied: keep it elsewhere.
 */
export interface HubBackup {
  file: string;
  size: number;
}

export function backupHubStore(dataDir: string, key: Uint8Array | undefined, targetDir: string, at = new Date()): HubBackup {
  const source = path.join(dataDir, HUB_DB_FILE);
  if (!fs.existsSync(source)) throw new StoreProblemError('store_unreadable', `there is no hub store at ${source}`, source);
  refuseForeignFile(source);
  const db = openEncryptedSqlite(source, { key, readonly: true });
  let size: number;
  const target = path.join(path.resolve(targetDir), `hub-${at.toISOString().replace(/[-:.]/g, '')}.sqlite`);
  try {
    const problems = checkStore(db);
    if (problems.length) throw new StoreProblemError('store_damaged', `the hub store ${source} is damaged (${problems[0]}); no backup was made of it`, source);
    makePrivateDir(path.resolve(targetDir));
    size = copyStoreTo(db, target);
  } finally {
    db.close();
  }
  const copy = openEncryptedSqlite(target, { key, readonly: true });
  try {
    const problems = checkStore(copy);
    if (problems.length) throw new StoreProblemError('store_damaged', `the backup ${target} fails its check (${problems[0]})`, target);
  } finally {
    copy.close();
  }
  return { file: target, size };
}
