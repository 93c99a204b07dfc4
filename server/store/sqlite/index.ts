import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedSqlite } from '../../../shared/node/encryptedSqlite';
import { checkStore, refuseForeignFile, refuseForeignSchema, StoreProblemError } from '../../../shared/node/storeHealth';
import { audienceOps } from '../audience';
import { pullRows, storeOps } from '../ops';
import { sessionOps } from '../sessions';
import type { HubStore, Sql } from '../types';
import { m001Initial } from './001_initial';
import { m003SetupCode } from './003_setup_code';
import { m004AuditRows } from './004_audit_rows';
import { m006RecordNumbers } from './006_record_numbers';
import { m007Roles } from './007_roles';

export const SQLITE_MIGRATIONS = [m001Initial, m003SetupCode, m004AuditRows, m006RecordNumbers, m007Roles] as const;
/** Migrations run by version, not by position in the list: a number may be missing while another change of the release is pending. */
const LATEST = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;
export const HUB_DB_FILE = 'hub.sqlite';

/** Runs what is missing, each migration in its own transaction; refuses a file from a newer hub. */
function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST) throw new Error(`hub database has schema ${current}, this hub understands up to ${LATEST}: run a newer hub`);
  for (const m of SQLITE_MIGRATIONS.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.up);
      // Foreign keys are off while migrating (a table rebuild drops a parent); they must hold before the commit.
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`hub migration ${m.version} (${m.name}) left ${broken.length} broken references`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * A promise queue. better-sqlite3 is synchronous, but a transaction body is async (the push logic
 * is shared with PostgreSQL), so without this another request could run on the same connection
 * between two awaits and see, or interleave with, uncommitted rows.
 */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function sqlOf(db: Database.Database): Sql {
  return {
    dialect: 'sqlite',
    all: async <T>(q: string, p: readonly unknown[] = []) => db.prepare(q).all(...p) as T[],
    get: async <T>(q: string, p: readonly unknown[] = []) => db.prepare(q).get(...p) as T | undefined,
    run: async (q: string, p: readonly unknown[] = []) => db.prepare(q).run(...p).changes,
  };
}

export interface SqliteStoreOptions {
  /** 32 bytes: the file is SQLCipher-encrypted like a workstation store (shared/node/encryptedSqlite.ts). */
  key?: Uint8Array | undefined;
  onProgress?: ((message: string) => void) | undefined;
}

/** The hub's file in dataDir, encrypted when a key is given (a plaintext file from an earlier hub is encrypted once). */
export function openSqliteStore(dataDir: string, opts: SqliteStoreOptions = {}): HubStore {
  const file = path.join(dataDir, HUB_DB_FILE);
  // The same start-up check as a workstation's store: a 0-byte or foreign file, or a damaged one, is refused.
  refuseForeignFile(file);
  const db = openEncryptedSqlite(file, { key: opts.key, onProgress: opts.onProgress });
  try {
    refuseForeignSchema(db, file);
    const problems = checkStore(db);
    if (problems.length)
      throw new StoreProblemError('store_damaged', `the hub store ${file} is damaged (${problems[0]}); restore the latest backup (docs/hub.md, "Backups")`, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // The driver turns foreign keys on by default; migrating needs them off (see migrate).
    db.pragma('foreign_keys = OFF');
    migrate(db);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  const sql = sqlOf(db);
  const lock = new Mutex();
  const sessions = sessionOps(sql);
  const audience = audienceOps(sql);
  return {
    kind: 'sqlite',
    write: (fn) =>
      lock.run(async () => {
        const tx = storeOps(sql, { writing: true });
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          db.exec('COMMIT');
          return { result, seqAfter: tx.lastSeq };
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      }),
    read: (fn) => lock.run(() => fn(storeOps(sql, { writing: false }))),
    pull: (cursor, limit) => lock.run(() => pullRows(sql, cursor, limit)),
    workstationUsers: (w) => lock.run(() => audience.workstationUsers(w)),
    rowsOf: (entity, ids, confidentialOnly) => lock.run(() => audience.rowsOf(entity, ids, confidentialOnly)),
    historyOf: (entity, id) => lock.run(() => audience.historyOf(entity, id)),
    putSession: (h, s) => lock.run(() => sessions.putSession(h, s)),
    getSession: (h) => lock.run(() => sessions.getSession(h)),
    deleteExpiredSessions: (now) => lock.run(() => sessions.deleteExpiredSessions(now)),
    close: () => lock.run(async () => void db.close()),
  };
}
