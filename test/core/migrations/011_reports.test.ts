import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, dumpTables, insertUser, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

describe('migration 011 (reports) on a version-10 store', () => {
  it('adds the bulletin, bulletin version and handover tables, empty and STRICT, and leaves the rest alone', () => {
    db = storeAt(10);
    insertUser(db, 'u-lead', 'zhanglj', '张丽娟');
    const before = dumpTables(db, ['users', 'call_records', 'qa_reviews']);
    expect(migrate(db, 11)).toBe(11);
    expect(userVersion(db)).toBe(11);
    for (const t of ['bulletins', 'bulletin_versions', 'handovers']) {
      expect(schemaSql(db, t)).toMatch(/STRICT/);
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }
    expect(columns(db, 'bulletins')).toEqual(['id', 'kind', 'period_key', 'narrative', 'published_version', 'dirty', 'edited_by', 'created_at', 'updated_at', 'version']);
    expect(columns(db, 'bulletin_versions')).toContain('figures');
    expect(columns(db, 'handovers')).toContain('acknowledged_at');
    expect(dumpTables(db, ['users', 'call_records', 'qa_reviews'])).toEqual(before);
  });
});
