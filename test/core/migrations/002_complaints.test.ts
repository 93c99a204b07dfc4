import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, dumpTables, indexColumns, insertCall, insertComplaint, insertCustomer, insertJournal, insertUser, schemaNames, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

const V1_TABLES = ['users', 'customers', 'customer_phones', 'call_records', 'history', 'outbox'];

/** A version-1 workstation after a morning's work: an agent, a customer with two numbers, two calls and their journal. */
function morningAtVersion1(): Database.Database {
  const s = storeAt(1);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertCustomer(s, 'cus-1', '周丽', '杭州西湖水务有限公司', [
    { raw: '0571-8888 1234', normalized: '057188881234', local: '88881234' },
    { raw: '138 0013 8000', normalized: '13800138000', local: '13800138000' },
  ]);
  insertCall(s, {
    id: 'call-1',
    recordNo: 'LD-20261122-A07-0001',
    answeredAt: '2026-11-22T02:00:05.000Z',
    callerName: '周丽',
    organisation: '杭州西湖水务有限公司',
    phone: '0571-8888 1234',
    phoneNormalized: '057188881234',
    content: '文三路小区停电，请尽快派人抢修',
    customerId: 'cus-1',
  });
  insertCall(s, {
    id: 'call-2',
    recordNo: 'LD-20261122-A07-0002',
    answeredAt: '2026-11-22T02:10:00.000Z',
    callerName: '李强',
    organisation: '',
    phone: '13912345678',
    phoneNormalized: '13912345678',
    content: '电费账单金额有疑问',
  });
  insertJournal(s, 1, 'call', 'call-1', 'call.create', { content: '文三路小区停电' });
  insertJournal(s, 2, 'call', 'call-2', 'call.create', { content: '电费账单' });
  return s;
}

describe('migration 002 (complaints) on a version-1 store', () => {
  it('adds the complaints table with its indexes and leaves every existing row as it was', () => {
    db = morningAtVersion1();
    const before = dumpTables(db, V1_TABLES);
    expect(migrate(db, 2)).toBe(2);
    expect(userVersion(db)).toBe(2);
    expect(dumpTables(db, V1_TABLES)).toEqual(before);

    expect(schemaSql(db, 'complaints')).toMatch(/\) STRICT$/);
    expect(columns(db, 'complaints')).toEqual(
      expect.arrayContaining(['complaint_no', 'received_at', 'channel', 'severity', 'rounds', 'signoffs', 'callback_due_at', 'handler_id', 'status', 'version']),
    );
    // next_deadline comes with 003.
    expect(columns(db, 'complaints')).not.toContain('next_deadline');
    expect(schemaNames(db, 'index').filter((i) => i.startsWith('complaints_'))).toEqual([
      'complaints_customer',
      'complaints_handler',
      'complaints_phone',
      'complaints_received',
      'complaints_status',
    ]);
    expect(indexColumns(db, 'complaints_status')).toEqual(['status', 'received_at']);
    expect(schemaNames(db, 'table')).not.toContain('complaints_fts');
  });

  it('takes a version-2 complaint in Chinese, refuses an unknown severity and a duplicate number', () => {
    db = morningAtVersion1();
    migrate(db, 2);
    const c = { id: 'cmp-1', complaintNo: 'TS-20261122-A07-0001', receivedAt: '2026-11-22T03:00:00.000Z', complainant: '周丽', organisation: '杭州西湖水务有限公司', phone: '0571-8888 1234', problem: '抢修人员态度恶劣' };
    insertComplaint(db, c);
    expect(db.prepare("SELECT problem, severity, status FROM complaints WHERE id = 'cmp-1'").get()).toEqual({ problem: '抢修人员态度恶劣', severity: 'general', status: 'registered' });
    expect(() => insertComplaint(db, { ...c, id: 'cmp-2', complaintNo: 'TS-2', severity: 'huge' as 'major' })).toThrow(/CHECK constraint failed/);
    expect(() => insertComplaint(db, { ...c, id: 'cmp-3' })).toThrow(/UNIQUE constraint failed: complaints.complaint_no/);
  });
});
