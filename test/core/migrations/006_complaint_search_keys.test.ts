import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, indexColumns, insertComplaint, insertUser, queryPlan, schemaNames, schemaSql, searchKey, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

/**
 * A version-5 store: two complaints from before 003 (tokenized by 003, keyed by rowid), and one saved at
 * version 5, whose tokens the complaint save wrote under its rowid (here by hand, with a stale token "zz"
 * that its text no longer has).
 */
function complaintsAtVersion5(): Database.Database {
  const s = storeAt(2);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertComplaint(s, { id: 'cmp-1', complaintNo: 'TS-20261120-A07-0001', receivedAt: '2026-11-20T03:00:00.000Z', complainant: '周丽', organisation: '杭州西湖水务有限公司', phone: '0571-8888 1234', problem: '停电未提前通知', channel: 'phone' });
  insertComplaint(s, { id: 'cmp-2', complaintNo: 'TS-20261121-A07-0001', receivedAt: '2026-11-21T03:00:00.000Z', complainant: '李强', organisation: 'ABC Meter Co', phone: '13912345678', problem: '计量故障导致电费翻倍', channel: 'visit', severity: 'major' });
  migrate(s, 5);
  const r3 = insertComplaint(s, { id: 'cmp-3', complaintNo: 'TS-20261122-A07-0001', receivedAt: '2026-11-22T03:00:00.000Z', complainant: '赵敏', organisation: '', phone: '13800138000', problem: '停电抢修太慢', channel: 'phone', status: 'in_handling' });
  s.prepare("UPDATE complaints SET next_deadline = '2026-11-22T03:15:00.000Z' WHERE id = 'cmp-3'").run();
  s.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)').run(r3, '停电 电抢 抢修 修太 太慢 慢 zz');
  return s;
}

const keyOf = (s: Database.Database, id: string) => {
  const r = s.prepare('SELECT rowid AS r, received_at AS at FROM complaints WHERE id = ?').get(id) as { r: number; at: string };
  return searchKey(r.at, r.r);
};
const hits = (s: Database.Database, table: string, match: string) =>
  (s.prepare(`SELECT rowid AS k FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC`).safeIntegers(true).all(match) as { k: bigint }[]).map((x) => x.k);

describe('migration 006 (complaint search keys) on a version-5 store', () => {
  it('rebuilds both complaint search tables keyed by received second and rowid, with new triggers and channel index', () => {
    db = complaintsAtVersion5();
    const deadlines = db.prepare('SELECT id, next_deadline FROM complaints ORDER BY id').all();
    expect(migrate(db, 6)).toBe(6);
    expect(userVersion(db)).toBe(6);
    expect(schemaSql(db, 'complaints_fts')).toMatch(/fts5\(searchable, content='', contentless_delete=1, tokenize='trigram'\)/);
    expect(columns(db, 'complaints_fts')).toEqual(['searchable']);
    expect(schemaSql(db, 'complaints_grams')).toMatch(/contentless_delete=1, detail='none'/);
    expect(schemaNames(db, 'trigger').filter((t) => t.startsWith('complaints_'))).toEqual([
      'complaints_fts_delete',
      'complaints_fts_insert',
      'complaints_fts_update',
      'complaints_grams_delete',
      'complaints_grams_move',
    ]);
    expect(indexColumns(db, 'complaints_channel')).toEqual(['channel', 'received_at', 'id', 'status']);
    expect(queryPlan(db, "SELECT id FROM complaints WHERE channel = ? ORDER BY received_at DESC, id DESC LIMIT 50", 'phone')).not.toMatch(/TEMP B-TREE/);
    // The stored deadlines are not this migration's business.
    expect(db.prepare('SELECT id, next_deadline FROM complaints ORDER BY id').all()).toEqual(deadlines);
  });

  it('finds a Chinese term in every pre-existing complaint, newest first, and drops tokens the text no longer has', () => {
    db = complaintsAtVersion5();
    migrate(db, 6);
    const [k1, k2, k3] = ['cmp-1', 'cmp-2', 'cmp-3'].map((id) => keyOf(db, id));
    expect(db.prepare('SELECT count(*) AS n FROM complaints_fts').get()).toEqual({ n: 3 });
    expect(hits(db, 'complaints_fts', '"停电"')).toEqual([]); // two characters: not a trigram term
    expect(hits(db, 'complaints_fts', '"停电未"')).toEqual([k1]);
    expect(hits(db, 'complaints_fts', '"电费翻倍"')).toEqual([k2]);
    expect(hits(db, 'complaints_fts', '"TS-2026112"')).toEqual([k3, k2, k1]);
    expect(hits(db, 'complaints_fts', '"8888 1234"')).toEqual([k1]);
    expect(hits(db, 'complaints_grams', '"停电"')).toEqual([k3, k1]);
    expect(hits(db, 'complaints_grams', '"电"*')).toEqual([k3, k2, k1]);
    expect(hits(db, 'complaints_grams', '"me"')).toEqual([k2]);
    expect(hits(db, 'complaints_grams', '"zz"')).toEqual([]);
    // A hit maps back to its row through the low 29 bits.
    expect(db.prepare('SELECT id FROM complaints WHERE rowid = ? & 536870911').safeIntegers(true).get(k2!)).toEqual({ id: 'cmp-2' });
  });

  it('keeps the keys right from then on: a new complaint, a moved received time, a deleted row', () => {
    db = complaintsAtVersion5();
    migrate(db, 6);
    const r4 = insertComplaint(db, { id: 'cmp-4', complaintNo: 'TS-20261123-A07-0001', receivedAt: '2026-11-23T03:00:00.000Z', complainant: '郑爽', organisation: '', phone: '', problem: '变压器噪音扰民' });
    const k4 = searchKey('2026-11-23T03:00:00.000Z', r4);
    expect(hits(db, 'complaints_fts', '"变压器噪音"')).toEqual([k4]);
    // The complaint save writes the tokens; moving the received time drops them under the old key.
    db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)').run(k4, '变压 压器 器噪 噪音 音扰 扰民 民');
    expect(hits(db, 'complaints_grams', '"噪音"')).toEqual([k4]);
    db.prepare("UPDATE complaints SET received_at = '2026-11-23T04:00:00.000Z' WHERE id = 'cmp-4'").run();
    expect(hits(db, 'complaints_grams', '"噪音"')).toEqual([]);
    expect(hits(db, 'complaints_fts', '"变压器噪音"')).toEqual([searchKey('2026-11-23T04:00:00.000Z', r4)]);
    db.prepare("DELETE FROM complaints WHERE id = 'cmp-4'").run();
    expect(hits(db, 'complaints_fts', '"变压器噪音"')).toEqual([]);
  });
});
