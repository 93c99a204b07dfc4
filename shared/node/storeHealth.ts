import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';

/*
 * The health of a SQLite store file, shared by the workstation core and the SQLite hub: the checks
 * at start and once a day, consistent encrypted copies, the machine's errors (full disk, read-only
 * folder, a store held by another process, a network drive) told apart from our own bugs, and a
 * 0-byte or foreign file told apart from "no store yet". docs/architecture.md, "Integrity and backups".
 */

/** What is wrong with the machine or the file, as an error code of the API (shared/api/envelope.ts). */
export type StoreProblem = 'store_damaged' | 'store_unreadable' | 'disk_full' | 'store_read_only' | 'store_locked';

/** The store cannot be opened or written for a reason the user can act on; `message` names the path. */
export class StoreProblemError extends Error {
  constructor(
    readonly problem: StoreProblem,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'StoreProblemError';
  }
}

const MESSAGES: Record<StoreProblem, string> = {
  store_damaged: 'the store file is damaged; nothing more is written to it: restore a backup',
  store_unreadable: 'the store file is empty or not a store of this program',
  disk_full: 'the disk holding the store is full; free some space and save again',
  store_read_only: 'the store cannot be written: its folder or file is read-only for this user',
  store_locked: 'the store is in use by another program on this machine (a second window or host?)',
};

/**
 * The machine's errors behind a SQLite or file-system exception, or null for anything else (which
 * stays `internal`: a bug of ours). better-sqlite3 gives SqliteError.code such as SQLITE_FULL or
 * SQLITE_READONLY_DIRECTORY; Node gives errno codes.
 */
export function classifyStoreError(err: unknown): StoreProblem | null {
  if (err instanceof StoreProblemError) return err.problem;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'store_read_only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'store_locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'store_damaged';
  // A write that the disk refused part-way (ENOSPC on some file systems surfaces as an I/O error).
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_SHMSIZE') return 'disk_full';
  return null;
}

export function storeProblemMessage(problem: StoreProblem, file?: string): string {
  return file ? `${MESSAGES[problem]} (${file})` : MESSAGES[problem];
}

/** At most this many problem lines are kept from a check (a badly damaged file lists thousands). */
const MAX_PROBLEM_LINES = 20;

/**
 * `PRAGMA quick_check` (about a second per GB: pages, b-trees, no index-content match) or the full
 * `integrity_check`. Returns the problems, [] when the file is sound. A page whose HMAC fails (an
 * encrypted store with flipped bytes) makes SQLite throw instead of report: that is a problem too.
 */
export function checkStore(db: Database.Database, full = false): string[] {
  try {
    const rows = db.pragma(`${full ? 'integrity_check' : 'quick_check'}(${MAX_PROBLEM_LINES})`) as Record<string, string>[];
    const lines = rows.map((r) => String(Object.values(r)[0]));
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (err) {
    const problem = classifyStoreError(err);
    if (problem && problem !== 'store_damaged') throw err;
    return [`${(err as { code?: string }).code ?? 'error'}: ${(err as Error).message}`];
  }
}

/** Is the file a 0-byte or otherwise foreign file that must be refused rather than set up over? */
export function refuseForeignFile(file: string): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  // A store is whole pages (512 bytes at least, 4096 for ours); anything shorter is not one.
  if (size < 512)
    throw new StoreProblemError('store_unreadable', `the store file ${file} is ${size === 0 ? 'empty (0 bytes)' : `only ${size} bytes`}: it is not a store and is left untouched; restore a backup or move it away`, file);
}

/** An opened file that has tables but no schema version of ours was made by another program. */
export function refuseForeignSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
  if (version === 0 && tables > 0)
    throw new StoreProblemError('store_unreadable', `the file ${file} is a SQLite database of another program (tables but no schema version of ours); it is left untouched`, file);
}

/**
 * A consistent copy of the open store into `target` with `VACUUM INTO`: one read transaction, so
 * saves made meanwhile wait for nothing and are simply not in the copy. On an encrypted connection
 * SQLite3 Multiple Ciphers writes the copy encrypted with the same key and cipher (checked by
 * test/core/backups.test.ts: no plaintext header, no plaintext text). Written to `<target>.partial`
 * first and renamed, so a crash or a full disk never leaves a half copy under a backup's name.
 */
export function copyStoreTo(db: Database.Database, target: string): number {
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fs.chmodSync(partial, 0o600);
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return fs.statSync(target).size;
}

/** statfs magic numbers of network file systems (Linux): NFS, SMB/CIFS (three), AFS, Ceph, FUSE (sshfs and the like). */
const NETWORK_FS = new Map<number, string>([
  [0x6969, 'nfs'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x517b, 'smb'],
  [0x5346414f, 'afs'],
  [0x00c36400, 'ceph'],
  [0x65735546, 'fuse'],
]);

/**
 * The network file system the folder lives on, or null. SQLite's locking is unreliable over NFS and
 * SMB, so a store there is warned about (not refused: some sites have no choice). Cheap on Linux
 * (statfs); elsewhere null. Windows mapped drives are not detected.
 */
export function networkFileSystem(dir: string): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const type = fs.statfsSync(dir).type >>> 0;
    return NETWORK_FS.get(type) ?? null;
  } catch {
    return null;
  }
}

/**
 * One process per store: `<dir>/<name>.lock` holds the pid of the process that has it open. A
 * second browser host on the same data folder would otherwise run beside the first (WAL lets two
 * processes write) and each would think it owns the outbox and the timers. A lock whose process is
 * gone is taken over; the same process may open the store again (tests do).
 */
export function lockStore(file: string): { release(): void } {
  const lockFile = `${file}.lock`;
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: 'wx', mode: 0o600 });
      return { release: () => releaseLock(lockFile, mine) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new StoreProblemError('store_read_only', storeProblemMessage('store_read_only', path.dirname(file)), file);
        if (code === 'ENOSPC') throw new StoreProblemError('disk_full', storeProblemMessage('disk_full', path.dirname(file)), file);
        throw err;
      }
    }
    const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    if (holder === process.pid) return { release() {} };
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder))
      throw new StoreProblemError('store_locked', `the store ${file} is in use by another process (pid ${holder}): close the other window or host first`, file);
    fs.rmSync(lockFile, { force: true });
  }
  throw new StoreProblemError('store_locked', `the store ${file} is being opened by another process at the same moment`, file);
}

function releaseLock(lockFile: string, mine: string): void {
  try {
    if (fs.readFileSync(lockFile, 'utf8') === mine) fs.rmSync(lockFile, { force: true });
  } catch {
    // already gone
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
