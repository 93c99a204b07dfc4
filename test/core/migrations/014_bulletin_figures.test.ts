import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { dumpTables, insertCall, insertComplaint, insertCustomer, insertUser, queryPlan, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

const RANGE = ['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'];
const RESPONSE_MS = "CAST(round((unixepoch(answered_at, 'subsec') - unixepoch(rang_at, 'subsec')) * 1000) AS INTEGER)";
const HANDLING_MS = "CAST(round((unixepoch(completed_at, 'subsec') - unixepoch(received_at, 'subsec')) * 1000) AS INTEGER)";
const PASSED_ON = 'coalesce(escalated_at, assigned_at)';

/**
 * The bulletin's figures as store/bulletinFigures.ts reads them, each over one period's range. The store
 * names the index (a store's statistics once made SQLite skip-scan another); the plan shows that the index
 * covers the read, the durations included, so no table row is visited.
 */
const FIGURES = {
  call_records_figures: [
    `SELECT date(answered_at, '+8 hours') AS day, coalesce(category, 'none') AS category, count(*) AS n, sum(answered_late), sum(answered_on_spot = 1), sum(${RESPONSE_MS})
     FROM call_records INDEXED BY call_records_figures WHERE answered_at >= ? AND answered_at < ? AND voided = 0 GROUP BY day, category`,
    `SELECT ${RESPONSE_MS} AS d FROM call_records INDEXED BY call_records_figures WHERE answered_at >= ? AND answered_at < ? AND voided = 0 ORDER BY d LIMIT 1 OFFSET 0`,
  ],
  complaints_figures: [
    `SELECT date(received_at, '+8 hours') AS day, severity, type, channel, count(*),
       sum(${PASSED_ON} IS NOT NULL AND unixepoch(${PASSED_ON}, 'subsec') <= unixepoch(received_at, 'subsec') + 900),
       sum(severity != 'general' AND reported_at IS NOT NULL AND unixepoch(reported_at, 'subsec') <= unixepoch(received_at, 'subsec') + 86400)
     FROM complaints INDEXED BY complaints_figures WHERE received_at >= ? AND received_at < ? AND status != 'voided' GROUP BY day, severity, type, channel`,
  ],
  complaints_handling: [
    `SELECT count(*), total(${HANDLING_MS}) FROM complaints INDEXED BY complaints_handling WHERE completed_at >= ? AND completed_at < ? AND status != 'voided'`,
    `SELECT ${HANDLING_MS} AS d FROM complaints INDEXED BY complaints_handling WHERE completed_at >= ? AND completed_at < ? AND status != 'voided' ORDER BY d LIMIT 1 OFFSET 0`,
  ],
};

describe('migration 014 (the bulletin’s figures) on a version-13 store', () => {
  it('adds covering indexes that every figure reads a range of, with the durations as indexed expressions, and changes no row', () => {
    db = storeAt(13);
    insertUser(db, 'u-agent', 'lixm', '李晓梅');
    insertCustomer(db, 'cu1', '周丽', '宏达纺织', [{ normalized: '13800138000', local: '13800138000', raw: '13800138000' }]);
    insertCall(db, { id: 'c1', recordNo: 'LD-20261130-A07-0001', answeredAt: '2026-11-30T15:59:59.000Z', callerName: '孙先生', organisation: '', phone: '13912345678', phoneNormalized: '13912345678', content: '询问检测进度' });
    db.prepare("UPDATE call_records SET rang_at = '2026-11-30T15:59:51.250Z' WHERE id = 'c1'").run();
    insertComplaint(db, { id: 'k1', complaintNo: 'TS-2026-A07-0001', receivedAt: '2026-11-20T02:00:00.000Z', complainant: '周丽', organisation: '', phone: '13800138000', problem: '对检测结果有疑问', completedAt: '2026-11-24T02:00:00.500Z' });
    const tables = ['users', 'customers', 'call_records', 'complaints'];
    const before = dumpTables(db, tables);
    expect(migrate(db, 14)).toBe(14);
    expect(userVersion(db)).toBe(14);
    for (const [index, sqls] of Object.entries(FIGURES)) for (const sql of sqls) expect(queryPlan(db, sql, ...RANGE), index).toContain(`USING COVERING INDEX ${index}`);
    expect(db.prepare(FIGURES.call_records_figures[1]!).pluck().get(...RANGE)).toBe(7750);
    expect(db.prepare(FIGURES.complaints_handling[1]!).pluck().get(...RANGE)).toBe(4 * 86_400_000 + 500);
    expect(queryPlan(db, 'SELECT id FROM customers WHERE key_account = 1')).toContain('customers_key_accounts');
    expect(dumpTables(db, tables)).toEqual(before);
  });
});
