import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { dumpTables, insertCall, insertComplaint, insertUser, queryPlan, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

/** The board's trend series as store/trends.ts runs them: the buckets' bounds joined to a range of one column. */
const BUCKETS = "WITH b(k, lo, hi) AS (VALUES ('2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'), ('2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z')) ";
const SERIES = {
  call_records_rated: 'SELECT b.k, count(*), avg(r.satisfaction) FROM b JOIN call_records r ON r.answered_at >= b.lo AND r.answered_at < b.hi WHERE r.voided = 0 AND r.satisfaction IS NOT NULL GROUP BY b.k',
  callbacks_done: "SELECT b.k, c.satisfaction, count(*) FROM b JOIN callbacks c ON c.done_at >= b.lo AND c.done_at < b.hi WHERE c.status = 'done' AND c.satisfaction IS NOT NULL GROUP BY b.k, c.satisfaction",
  complaints_received_severity: "SELECT b.k, c.severity, count(*) FROM b JOIN complaints c ON c.received_at >= b.lo AND c.received_at < b.hi WHERE c.status != 'voided' GROUP BY b.k, c.severity",
  complaints_reply_due:
    "SELECT b.k, sum(completed_at IS NOT NULL AND unixepoch(completed_at, 'subsec') <= unixepoch(agreed_reply_by, 'subsec')) FROM b JOIN complaints c ON c.agreed_reply_by >= b.lo AND c.agreed_reply_by < b.hi WHERE c.status != 'voided' GROUP BY b.k",
};

describe('migration 013 (the board trends’ indexes) on a version-12 store', () => {
  it('adds a covering index that each trend series reads a range of, and changes no row', () => {
    db = storeAt(12);
    insertUser(db, 'u-agent', 'lixm', '李晓梅');
    insertCall(db, { id: 'c1', recordNo: 'LD-20261130-A07-0001', answeredAt: '2026-11-30T15:59:59.000Z', callerName: '孙先生', organisation: '', phone: '13912345678', phoneNormalized: '13912345678', content: '询问检测进度' });
    db.prepare("UPDATE call_records SET satisfaction = 4 WHERE id = 'c1'").run();
    insertComplaint(db, { id: 'k1', complaintNo: 'TS-2026-A07-0001', receivedAt: '2026-11-20T02:00:00.000Z', complainant: '周丽', organisation: '', phone: '13800138000', problem: '对检测结果有疑问', agreedReplyBy: '2026-11-25T02:00:00.000Z', completedAt: '2026-11-24T02:00:00.000Z' });
    const tables = ['users', 'call_records', 'complaints', 'callbacks'];
    const before = dumpTables(db, tables);
    expect(migrate(db, 13)).toBe(13);
    expect(userVersion(db)).toBe(13);
    expect(schemaSql(db, 'call_records_rated')).toMatch(/WHERE satisfaction IS NOT NULL AND voided = 0/);
    expect(schemaSql(db, 'complaints_reply_due')).toMatch(/WHERE agreed_reply_by IS NOT NULL/);
    for (const [index, sql] of Object.entries(SERIES)) expect(queryPlan(db, BUCKETS + sql), index).toContain(`USING COVERING INDEX ${index}`);
    expect(dumpTables(db, tables)).toEqual(before);
  });
});
