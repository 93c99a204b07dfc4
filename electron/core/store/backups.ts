import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo, BackupKind } from '../../../shared/api/storeTypes';
import { makePrivateDir } from '../../../shared/node/encryptedSqlite';
import { copyStoreTo } from '../../../shared/node/storeHealth';
import { getMeta, setMeta } from './settings';

/**
 * Local backups of the workstation store in `<dataDir>/backups/` (0700, files 0600): consistent,
 * encrypted copies made with VACUUM INTO (shared/node/storeHealth.ts) daily, before each migration,
 * before a restore and on demand. The file name carries the time and the kind, so listing needs no
 * table (a backup must be listable when the store itself is damaged).
 */

export const BACKUP_DIR = 'backups';
export const DEFAULT_BACKUP_KEEP = 7;
export const MAX_BACKUP_KEEP = 60;
const KEEP_META = 'backup_keep';

/** hotline-20261122T020000123Z-daily.sqlite, hotline-…-pre_migration-10.sqlite */
export const BACKUP_NAME = /^hotline-(\d{8}T\d{9}Z)-(daily|manual|before_restore|pre_migration-(\d{1,4}))\.sqlite$/;

export const backupFolder = (dataDir: string) => path.join(dataDir, BACKUP_DIR);

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : s;
}

/** Newest first. Unknown files in the folder (a `.partial` of a copy under way) are not listed. */
export function listBackups(dataDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupFolder(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: BackupInfo[] = [];
  for (const id of names) {
    const m = BACKUP_NAME.exec(id);
    if (!m) continue;
    const kind: BackupKind = m[3] ? 'pre_migration' : (m[2] as BackupKind);
    let size = 0;
    try {
      size = fs.statSync(path.join(backupFolder(dataDir), id)).size;
    } catch {
      continue;
    }
    out.push({ id, at: parseStamp(m[1]!), size, kind, migration: m[3] ? Number(m[3]) : null });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

export function backupKeep(db: Database.Database): number {
  const v = Number(getMeta(db, KEEP_META));
  return Number.isInteger(v) && v >= 1 && v <= MAX_BACKUP_KEEP ? v : DEFAULT_BACKUP_KEEP;
}

export function setBackupKeep(db: Database.Database, keep: number): void {
  setMeta(db, KEEP_META, String(keep));
}

/** A consistent encrypted copy of the open store, then the oldest beyond `keep` are deleted. */
export function makeBackup(db: Database.Database, dataDir: string, kind: BackupKind, at: Date, migration?: number): BackupInfo {
  const folder = backupFolder(dataDir);
  makePrivateDir(folder);
  const suffix = kind === 'pre_migration' ? `pre_migration-${migration ?? 0}` : kind;
  const id = `hotline-${stamp(at)}-${suffix}.sqlite`;
  const size = copyStoreTo(db, path.join(folder, id));
  pruneBackups(dataDir, backupKeep(db));
  return { id, at: at.toISOString(), size, kind, migration: kind === 'pre_migration' ? (migration ?? 0) : null };
}

export function pruneBackups(dataDir: string, keep: number): string[] {
  const gone = listBackups(dataDir).slice(keep);
  for (const b of gone) fs.rmSync(path.join(backupFolder(dataDir), b.id), { force: true });
  return gone.map((b) => b.id);
}

/** The path of a listed backup, or null: an id is only ever a name from listBackups, never a path. */
export function backupPath(dataDir: string, id: string): string | null {
  if (!BACKUP_NAME.test(id)) return null;
  const p = path.join(backupFolder(dataDir), id);
  return fs.existsSync(p) ? p : null;
}

export function lastBackupAt(dataDir: string, kind: BackupKind): string | null {
  return listBackups(dataDir).find((b) => b.kind === kind)?.at ?? null;
}
