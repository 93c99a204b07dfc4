import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, indexColumns, insertCall, insertCustomer, insertJournal, insertUser, queryPlan, schemaNames, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

describe('migration 001 (initial) on an empty file', () => {
  it('creates the first schema, every table STRICT, at user_version 1', () => {
    db = storeAt(0);
    expect(userVersion(db)).toBe(0);
    expect(schemaNames(db, 'table')).toEqual([]);
    expect(migrate(db, 1)).toBe(1);
    expect(schemaNames(db, 'table')).toEqual(
      ['audit_log', 'call_records', 'customer_phones', 'customers', 'drafts', 'history', 'meta', 'outbox', 'serials', 'sessions', 'settings', 'sync_base', 'sync_clients', 'sync_conflicts', 'users'].sort(),
    );
    for (const t of schemaNames(db, 'table')) expect(schemaSql(db, t), t).toMatch(/\) STRICT/);
    expect(schemaNames(db, 'index').filter((i) => !i.startsWith('sqlite_autoindex'))).toEqual(
      [
        'audit_log_at',
        'call_records_agent',
        'call_records_answered',
        'call_records_customer',
        'call_records_phone',
        'customer_phones_local',
        'customer_phones_normalized',
        'customers_name',
        'customers_organisation',
        'history_entity',
        'outbox_entity',
        'outbox_pending',
        'sync_conflicts_entity',
      ].sort(),
    );
    expect(indexColumns(db, 'call_records_phone')).toEqual(['phone_normalized', 'answered_at']);
    expect(schemaNames(db, 'trigger')).toEqual([]);
    // 005 adds these; 001 has none of them.
    expect(columns(db, 'call_records')).not.toContain('transferred');
    expect(columns(db, 'customers')).not.toContain('key_account');
  });

  it('takes the rows a version-1 workstation writes, and refuses a wrong type or role (STRICT, CHECK)', () => {
    db = storeAt(1);
    insertUser(db, 'u-agent', 'wangfang', '王芳');
    insertCustomer(db, 'cus-1', '周丽', '杭州西湖水务有限公司', [{ raw: '0571-8888 1234', normalized: '057188881234', local: '88881234' }]);
    insertCall(db, {
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
    insertJournal(db, 1, 'call', 'call-1', 'call.create', { content: '文三路小区停电' });
    expect(db.prepare("SELECT content FROM call_records WHERE id = 'call-1'").get()).toEqual({ content: '文三路小区停电，请尽快派人抢修' });
    expect(db.prepare("SELECT state FROM outbox WHERE client_id = 'client-1' AND mutation_id = 1").get()).toEqual({ state: 'pending' });
    // The screen pop finds the customer by its local number through the index, not a scan.
    expect(db.prepare("SELECT customer_id FROM customer_phones WHERE local = '88881234'").get()).toEqual({ customer_id: 'cus-1' });
    expect(queryPlan(db, 'SELECT * FROM customer_phones WHERE local = ?', 'x')).toMatch(/customer_phones_local/);

    expect(() => db.prepare("UPDATE call_records SET duration_sec = 'long' WHERE id = 'call-1'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insertUser(db, 'u-x', 'x', 'X', 'boss')).toThrow(/CHECK constraint failed/);
    // Foreign keys hold: a call cannot point at a customer that does not exist.
    expect(() => db.prepare("UPDATE call_records SET customer_id = 'nobody' WHERE id = 'call-1'").run()).toThrow(/FOREIGN KEY/);
  });
});
