import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { dumpTables, insertUser, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

describe('migration 012 (calls awaiting a reply) on a version-11 store', () => {
  it('adds a partial index that the handover’s query of every awaiting call uses, and changes no row', () => {
    db = storeAt(11);
    insertUser(db, 'u-agent', 'lixm', '李晓梅');
    const before = dumpTables(db, ['users', 'call_records', 'handovers']);
    expect(migrate(db, 12)).toBe(12);
    expect(userVersion(db)).toBe(12);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'call_records_awaiting_reply'").get() as { sql: string }).sql;
    expect(sql).toMatch(/WHERE status = 'awaiting_reply' AND voided = 0/);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM call_records WHERE status = 'awaiting_reply' AND voided = 0 ORDER BY promised_reply_by IS NULL, promised_reply_by, answered_at LIMIT 501")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('call_records_awaiting_reply');
    expect(dumpTables(db, ['users', 'call_records', 'handovers'])).toEqual(before);
  });
});
