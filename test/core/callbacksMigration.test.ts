import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../electron/core/db/migrations';

describe('migration 005 (callbacks and scripts) on an existing store', () => {
  it('adds the new columns with their defaults and pulls everything once more', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    db.prepare("INSERT INTO meta (key, value) VALUES ('sync_cursor', '4711')").run();
    db.prepare(
      `INSERT INTO customers (id, name, organisation, address, phones, service_requirements, notes, created_at, updated_at, created_by, version)
       VALUES ('c1', '周丽', '', '', '[]', '', '', '2026-11-22T02:00:00.000Z', '2026-11-22T02:00:00.000Z', 'u', 1)`,
    ).run();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'sync_cursor'").get()).toEqual({ value: '0' });
    expect(db.prepare("SELECT key_account FROM customers WHERE id = 'c1'").get()).toEqual({ key_account: 0 });
    const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('call_records')).toEqual(expect.arrayContaining(['transferred', 'script_version_id']));
    expect(cols('callbacks')).toEqual(expect.arrayContaining(['due_at', 'next_attempt_at', 'import_batch']));
    expect(cols('script_versions')).toEqual(expect.arrayContaining(['kind', 'version', 'steps', 'specials']));
    db.close();
  });

  it('the queue reads its order from an index, not a sort of every callback', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM callbacks WHERE status = 'open' ORDER BY queue_at, id LIMIT 100").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/callbacks_queue/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
