import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, dumpTables, insertUser, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

/** A version-8 store with a user and two open sessions, as a console of the previous version left them. */
function signedInAtVersion8(): Database.Database {
  const s = storeAt(8);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  const at = '2026-11-22T02:00:00.000Z';
  for (const h of ['hash-a', 'hash-b'])
    s.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(h, 'u-agent', at, at, '2026-11-22T06:00:00.000Z');
  return s;
}

describe('migration 009 (login locks) on a version-8 store', () => {
  it('adds the login counters and an unlocked mark to every existing session, leaving the rest alone', () => {
    db = signedInAtVersion8();
    const before = dumpTables(db, ['users']);
    expect(migrate(db, 9)).toBe(9);
    expect(userVersion(db)).toBe(9);
    expect(columns(db, 'login_attempts')).toEqual(['username', 'failures', 'last_failed_at', 'locked_until']);
    expect(schemaSql(db, 'login_attempts')).toMatch(/STRICT/);
    expect(columns(db, 'sessions')).toEqual(['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'locked_at']);
    // Sessions open at the upgrade stay open and unlocked: nobody is logged out by an update.
    expect(db.prepare('SELECT token_hash, locked_at FROM sessions ORDER BY token_hash').all()).toEqual([
      { token_hash: 'hash-a', locked_at: null },
      { token_hash: 'hash-b', locked_at: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM login_attempts').get()).toEqual({ n: 0 });
    expect(dumpTables(db, ['users'])).toEqual(before);
  });

  it('refuses a negative failure count', () => {
    db = signedInAtVersion8();
    migrate(db, 9);
    expect(() => db.prepare("INSERT INTO login_attempts VALUES ('x', -1, '2026-11-22T02:00:00.000Z', NULL)").run()).toThrow(/CHECK/);
  });
});
