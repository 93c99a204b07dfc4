import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { complaintsTable } from '../../../electron/core/store/tables';
import { columns, dumpTables, insertComplaint, insertUser, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

/** A version-6 store with two complaints as version 6 wrote them (no confidentiality). */
function complaintsAtVersion6(): Database.Database {
  const s = storeAt(6);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertComplaint(s, { id: 'cmp-1', complaintNo: 'TS-2026-A07-0001', receivedAt: '2026-11-20T03:00:00.000Z', complainant: '周丽', organisation: '杭州西湖水务有限公司', phone: '0571-8888 1234', problem: '检测报告有误' });
  insertComplaint(s, { id: 'cmp-2', complaintNo: 'TS-2026-A07-0002', receivedAt: '2026-11-21T03:00:00.000Z', complainant: '李强', organisation: 'ABC Meter Co', phone: '13912345678', problem: '收费不明' });
  return s;
}

const TABLES = ['complaints', 'call_records', 'customers', 'history', 'outbox'];
const confidentialOf = (s: Database.Database) => s.prepare('SELECT id, confidential FROM complaints ORDER BY id').all();

describe('migration 007 (complaint confidentiality) on a version-6 store', () => {
  it('adds confidential (0 for every existing complaint) and leaves the rest of every row alone', () => {
    db = complaintsAtVersion6();
    const before = dumpTables(db, TABLES);
    expect(columns(db, 'complaints')).not.toContain('confidential');
    expect(migrate(db, 7)).toBe(7);
    expect(userVersion(db)).toBe(7);
    expect(columns(db, 'complaints')).toContain('confidential');
    expect(confidentialOf(db)).toEqual([
      { id: 'cmp-1', confidential: 0 },
      { id: 'cmp-2', confidential: 0 },
    ]);
    const after = dumpTables(db, TABLES);
    const without = (rows: string[]) => rows.map((r) => JSON.stringify({ ...JSON.parse(r), confidential: undefined })).sort();
    expect(without(after.complaints!)).toEqual(without(before.complaints!));
    for (const t of TABLES.filter((t) => t !== 'complaints')) expect(after[t], t).toEqual(before[t]);
  });

  it('reads an old complaint as not confidential and keeps a new flag; the column takes 0 and 1 only', () => {
    db = complaintsAtVersion6();
    migrate(db, 7);
    expect(complaintsTable.get(db, 'cmp-1')?.confidential).toBe(false);
    db.prepare("UPDATE complaints SET confidential = 1 WHERE id = 'cmp-2'").run();
    expect(complaintsTable.get(db, 'cmp-2')?.confidential).toBe(true);
    expect(() => db.prepare("UPDATE complaints SET confidential = 2 WHERE id = 'cmp-2'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE complaints SET confidential = NULL WHERE id = 'cmp-2'").run()).toThrow(/NOT NULL/);
  });
});
