import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo, RestoreResult, StoreStatus } from '../../shared/api/storeTypes';
import type { Actor } from '../../shared/domain/mutation';
import { fsyncPath, openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { checkStore, lockStore, networkFileSystem, StoreProblemError } from '../../shared/node/storeHealth';
import type { Logger } from './context';
import { DB_FILE, type OpenOptions, openDatabase, StoreDamagedError } from './db/open';
import { ApiFailure } from './errors';
import { appendAudit } from './store/audit';
import { backupFolder, backupPath, listBackups, makeBackup } from './store/backups';
import { lastIntegrityCheck } from './store/integrity';
import { getMeta } from './store/settings';

/**
 * Opening, checking and replacing the workstation store (docs/architecture.md, "Integrity and
 * backups"). openCore (index.ts) holds one live store at a time; a restore closes it and opens the
 * restored one in its place.
 */

export interface OpenedStore {
  db: Database.Database;
  status: StoreStatus;
  release(): void;
}

/**
 * Takes the store's process lock, opens it with a quick_check first, and a damaged store read-only
 * (or, when even its first page is unreadable, an empty in-memory stand-in: the dispatcher answers
 * nothing but store.status and store.recover then). A 0-byte or foreign file, a locked, read-only or
 * full store are StoreProblemErrors for the host to show.
 */
export function openCheckedStore(dataDir: string, opts: OpenOptions, log: Logger): OpenedStore {
  const file = path.join(dataDir, DB_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockStore(file);
  const networkDrive = networkFileSystem(dataDir);
  if (networkDrive) log.warn({ store: file, fs: networkDrive }, 'the store is on a network drive; SQLite locking is unreliable there: keep it on a local disk');
  try {
    const db = openDatabase(dataDir, { ...opts, check: true });
    return { db, release: lock.release, status: { state: 'ok', problems: [], checkedAt: lastIntegrityCheck(db), networkDrive, backups: [] } };
  } catch (err) {
    if (!(err instanceof StoreDamagedError)) {
      lock.release();
      throw err;
    }
    log.error({ store: file, problems: err.problems }, 'the store is damaged: opened read-only; restore a backup');
    let db: Database.Database;
    try {
      db = openDatabase(dataDir, { ...opts, readonly: true, check: false });
    } catch {
      db = new Database(':memory:');
    }
    return { db, release: lock.release, status: { state: 'damaged', problems: err.problems, checkedAt: null, networkDrive, backups: listBackups(dataDir) } };
  }
}

/** Writes one row to the audit log (backup, restore); a store not set up yet has no log to write to. */
export function auditStoreAction(db: Database.Database, actor: Actor, action: string, detail: string, at: Date): void {
  if (!getMeta(db, 'workstation')) return;
  db.transaction(() => appendAudit(db, { actor, action, entity: 'store', recordIds: [], customerIds: [], detail, at: at.toISOString() }))();
}

export function manualBackup(db: Database.Database, dataDir: string, actor: Actor, at: Date): BackupInfo {
  const b = makeBackup(db, dataDir, 'manual', at);
  auditStoreAction(db, actor, 'backup', `manual backup ${b.id} (${b.size} bytes)`, at);
  return b;
}

/**
 * Opens a listed backup read-only and runs a fresh quick_check on it; `authorise` then decides with
 * the backup's own users (store.recover) or the session (backups.restore). Returns the open backup.
 */
export async function checkBackup(dataDir: string, id: string, key: Uint8Array | undefined, authorise: (backup: Database.Database) => Promise<Actor>): Promise<{ file: string; actor: Actor }> {
  const file = backupPath(dataDir, id);
  if (!file) throw new ApiFailure('not_found', `no backup named ${id.slice(0, 80)}`);
  let backup: Database.Database;
  try {
    backup = openEncryptedSqlite(file, { key, readonly: true });
  } catch (err) {
    throw new ApiFailure('store_damaged', `the backup ${id} cannot be opened (${(err as Error).message}); choose another`);
  }
  try {
    const problems = checkStore(backup);
    if (problems.length) throw new ApiFailure('store_damaged', `the backup ${id} is damaged too (${problems[0]}); choose another`);
    return { file, actor: await authorise(backup) };
  } finally {
    backup.close();
  }
}

/**
 * Puts a checked backup in the store's place; the store must be closed. The replaced file (and its
 * -wal, which belongs to it and must never be replayed onto the backup) is kept in the backups
 * folder under a name that pruning leaves alone. Copy, fsync, rename: a crash leaves either store.
 */
export function replaceStoreFile(dataDir: string, backupFile: string, at: Date): string | null {
  const file = path.join(dataDir, DB_FILE);
  const restoring = `${file}.restoring`;
  fs.copyFileSync(backupFile, restoring);
  fs.chmodSync(restoring, 0o600);
  fsyncPath(restoring);
  const keptAs = moveStoreAside(dataDir, at);
  fs.renameSync(restoring, file);
  if (process.platform !== 'win32') fsyncPath(dataDir);
  return keptAs;
}

/**
 * Moves the (closed) store and its -wal and -shm into the backups folder as `replaced-<time>.sqlite`,
 * where pruning leaves it alone; the store's place is then empty. Returns the kept name, or null.
 */
export function moveStoreAside(dataDir: string, at: Date): string | null {
  const file = path.join(dataDir, DB_FILE);
  let keptAs: string | null = null;
  if (fs.existsSync(file)) {
    keptAs = `replaced-${at.toISOString().replace(/[-:.]/g, '')}.sqlite`;
    const kept = path.join(backupFolder(dataDir), keptAs);
    fs.mkdirSync(backupFolder(dataDir), { recursive: true, mode: 0o700 });
    fs.renameSync(file, kept);
    for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) fs.renameSync(file + side, kept + side);
  }
  fs.rmSync(`${file}-journal`, { force: true });
  return keptAs;
}

/**
 * Undoes moveStoreAside after a re-sync failed before the fresh store held anything of value: the fresh
 * store (closed) is deleted and the kept file goes back into place, to be opened (damaged) again.
 */
export function putStoreBack(dataDir: string, keptAs: string): void {
  const file = path.join(dataDir, DB_FILE);
  const kept = path.join(backupFolder(dataDir), keptAs);
  for (const side of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + side, { force: true });
  fs.renameSync(kept, file);
  for (const side of ['-wal', '-shm']) if (fs.existsSync(kept + side)) fs.renameSync(kept + side, file + side);
}

export function restoredResult(id: string, keptAs: string | null): RestoreResult {
  return { restored: id, keptAs, reload: true };
}

export { StoreProblemError };
