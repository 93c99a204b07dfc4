import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { type CallRow, dumpTables, indexColumns, insertCall, insertComplaint, insertCustomer, insertJournal, insertUser, queryPlan, schemaNames, schemaSql, searchKey, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

const CALLS: CallRow[] = [
  {
    id: 'call-1',
    recordNo: 'LD-20261121-A07-0001',
    answeredAt: '2026-11-21T01:00:00.000Z',
    callerName: '周丽',
    organisation: '杭州西湖水务有限公司',
    phone: '0571-8888 1234',
    phoneNormalized: '057188881234',
    content: '文三路小区停电抢修进度查询',
    customerId: 'cus-1',
    reportNo: 'BX-0001',
  },
  {
    id: 'call-2',
    recordNo: 'LD-20261122-A07-0001',
    answeredAt: '2026-11-22T02:00:05.000Z',
    callerName: '李强',
    organisation: 'ABC Meter Co',
    phone: '139 1234 5678',
    phoneNormalized: '13912345678',
    content: '电表读数异常，怀疑计量故障',
    replyContent: '已安排校表',
    suggestions: '希望短信通知停电计划',
  },
  // Answered in the same second as call-2: the rowid in the low bits keeps their keys apart.
  {
    id: 'call-3',
    recordNo: 'LD-20261122-A07-0002',
    answeredAt: '2026-11-22T02:00:05.000Z',
    callerName: '赵敏',
    organisation: '',
    phone: '13800138000',
    phoneNormalized: '13800138000',
    content: '举报窃电行为，请保密',
    confidential: true,
  },
];

function callsAtVersion3(): Database.Database {
  const s = storeAt(3);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertCustomer(s, 'cus-1', '周丽', '杭州西湖水务有限公司', [{ raw: '0571-8888 1234', normalized: '057188881234', local: '88881234' }]);
  for (const c of CALLS) insertCall(s, c);
  insertJournal(s, 1, 'call', 'call-1', 'call.create', { content: '文三路小区停电' });
  insertComplaint(s, { id: 'cmp-1', complaintNo: 'TS-20261122-A07-0001', receivedAt: '2026-11-22T03:00:00.000Z', complainant: '周丽', organisation: '', phone: '0571-8888 1234', problem: '抢修太慢', channel: 'visit' });
  return s;
}

const keyOf = (s: Database.Database, id: string) => {
  const r = s.prepare('SELECT rowid AS r, answered_at AS at FROM call_records WHERE id = ?').get(id) as { r: number; at: string };
  return searchKey(r.at, r.r);
};
/** Hits newest first, as the call list reads them. */
const hits = (s: Database.Database, table: string, match: string) =>
  (s.prepare(`SELECT rowid AS k FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC`).safeIntegers(true).all(match) as { k: bigint }[]).map((x) => x.k);

describe('migration 004 (call search) on a version-3 store', () => {
  it('adds the two call search tables, their triggers and the new indexes; existing rows keep their values', () => {
    db = callsAtVersion3();
    const before = dumpTables(db, ['call_records', 'customers', 'customer_phones', 'history', 'outbox', 'complaints']);
    expect(migrate(db, 4)).toBe(4);
    expect(userVersion(db)).toBe(4);
    expect(dumpTables(db, ['call_records', 'customers', 'customer_phones', 'history', 'outbox', 'complaints'])).toEqual(before);
    expect(schemaSql(db, 'calls_fts')).toMatch(/fts5\(shown, hidden, content='', contentless_delete=1, tokenize='trigram'\)/);
    expect(schemaSql(db, 'calls_grams')).toMatch(/detail='column', prefix='1'/);
    expect(schemaNames(db, 'trigger')).toEqual(expect.arrayContaining(['call_records_fts_insert', 'call_records_fts_update', 'call_records_fts_delete']));
    expect(indexColumns(db, 'customer_phones_last4')).toEqual(['<expr>']);
    expect(indexColumns(db, 'complaints_next_deadline_desc')).toEqual(['<expr>', 'next_deadline DESC', 'id DESC']);
    expect(indexColumns(db, 'complaints_channel')).toEqual(['channel', 'status', 'received_at']);
  });

  it('indexes every existing call under its search key: a Chinese term finds the old rows, newest first', () => {
    db = callsAtVersion3();
    migrate(db, 4);
    const [k1, k2, k3] = ['call-1', 'call-2', 'call-3'].map((id) => keyOf(db, id));
    expect(k3! - k2!).toBe(1n); // same second, next rowid
    expect(db.prepare('SELECT count(*) AS n FROM calls_fts').get()).toEqual({ n: 3 });
    expect(hits(db, 'calls_fts', '"停电抢修"')).toEqual([k1]);
    expect(hits(db, 'calls_fts', '"水务有限"')).toEqual([k1]); // shown: the organisation
    expect(hits(db, 'calls_fts', '"停电计划"')).toEqual([k2]); // hidden: the suggestions
    expect(hits(db, 'calls_fts', 'shown : "停电计划"')).toEqual([]);
    expect(hits(db, 'calls_fts', '"窃电行为"')).toEqual([k3]);
    expect(hits(db, 'calls_fts', 'shown : "窃电行为"')).toEqual([]); // a confidential call's content is only in hidden
    expect(hits(db, 'calls_fts', '"88881234"')).toEqual([k1]);

    expect(hits(db, 'calls_grams', '"停电"')).toEqual([k2, k1]);
    expect(hits(db, 'calls_grams', '"电"*')).toEqual([k3, k2, k1]);
    expect(hits(db, 'calls_grams', 'shown : "周丽"')).toEqual([k1]);
    expect(hits(db, 'calls_grams', '"me"')).toEqual([k2]); // Latin letters lower-cased
    // A hit maps back to its row through the low 29 bits, no lookup table.
    const row = db.prepare('SELECT id FROM call_records WHERE rowid = ? & 536870911').safeIntegers(true).get(k1!);
    expect(row).toEqual({ id: 'call-1' });
  });

  it('finds a caller by the last four digits through the index', () => {
    db = callsAtVersion3();
    migrate(db, 4);
    const sql = 'SELECT customer_id FROM customer_phones WHERE substr(normalized, -4) = ?';
    expect(db.prepare(sql).all('1234')).toEqual([{ customer_id: 'cus-1' }]);
    expect(queryPlan(db, sql, '1234')).toMatch(/customer_phones_last4/);
  });

  it('keeps the trigram index by trigger from then on: a new call, a changed content, a new answered time', () => {
    db = callsAtVersion3();
    migrate(db, 4);
    const rowid = insertCall(db, { ...CALLS[0]!, id: 'call-4', recordNo: 'LD-20261122-A07-0003', answeredAt: '2026-11-22T06:00:00.000Z', content: '变压器噪音扰民' });
    const k4 = searchKey('2026-11-22T06:00:00.000Z', rowid);
    expect(hits(db, 'calls_fts', '"变压器噪音"')).toEqual([k4]);
    db.prepare("UPDATE call_records SET content = '线路老化需要更换' WHERE id = 'call-4'").run();
    expect(hits(db, 'calls_fts', '"变压器噪音"')).toEqual([]);
    expect(hits(db, 'calls_fts', '"线路老化"')).toEqual([k4]);
    db.prepare("UPDATE call_records SET answered_at = '2026-11-22T07:00:00.000Z' WHERE id = 'call-4'").run();
    expect(hits(db, 'calls_fts', '"线路老化"')).toEqual([searchKey('2026-11-22T07:00:00.000Z', rowid)]);
  });
});
