import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION, SchemaTooNewError } from '../../electron/core/db/migrations';
import { DB_FILE, openDatabase } from '../../electron/core/db/open';
import { tmpDir } from '../helpers/core';

describe('migrations', () => {
  it('build the whole schema from an empty file, STRICT, in WAL with foreign keys', () => {
    const db = openDatabase(tmpDir());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['call_records', 'customers', 'history', 'outbox', 'drafts', 'users', 'user_prefs']));
    // FTS5 virtual tables (and the shadow tables SQLite makes for them) cannot be STRICT; every other table is.
    const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    expect(virtual.sort()).toEqual(['calls_fts', 'calls_grams', 'complaints_fts', 'complaints_grams']);
    const ordinary = tables.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
    for (const t of ordinary) expect(t.sql, t.name).toMatch(/STRICT/);
    db.close();
  });

  it('step from every earlier version to the latest', () => {
    for (let from = 0; from < SCHEMA_VERSION; from++) {
      const db = new Database(':memory:');
      migrate(db, from);
      expect(db.pragma('user_version', { simple: true })).toBe(from);
      expect(migrate(db)).toBe(SCHEMA_VERSION);
      db.close();
    }
  });

  it('is idempotent: reopening runs nothing twice', () => {
    const dir = tmpDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a file written by a newer version with a clear message, and leaves it untouched', () => {
    const dir = tmpDir();
    const raw = new Database(path.join(dir, DB_FILE));
    raw.exec('CREATE TABLE future_thing (x INTEGER)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(dir)).toThrow(/newer version/);
    const check = new Database(path.join(dir, DB_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'call_records'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('indexes the screen pop: lookups by number use the phone indexes, not a scan', () => {
    const db = openDatabase(tmpDir());
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x', 'x') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM customer_phones WHERE normalized = ? OR local = ?')).toMatch(/customer_phones_(normalized|local)/);
    expect(plan('SELECT * FROM call_records WHERE phone_normalized = ? AND answered_at >= ?')).toMatch(/call_records_phone/);
    db.close();
  });
});
