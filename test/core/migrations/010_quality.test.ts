import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, dumpTables, insertCall, insertCustomer, insertJournal, insertUser, schemaNames, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

const AT = '2026-11-22T02:00:00.000Z';

/** A version-9 store as a console of the previous version left it: users of every role, signed in, with calls and their journal. */
function workingStoreAtVersion9(): Database.Database {
  const s = storeAt(9);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertUser(s, 'u-lead', 'zhang', '张组长', 'team_lead');
  insertUser(s, 'u-admin', 'admin', '王管理', 'admin');
  insertUser(s, 'u-officer', 'chen', '陈回访', 'callback_officer');
  const session = s.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, locked_at) VALUES (?, ?, ?, ?, ?, ?)');
  session.run('hash-a', 'u-agent', AT, AT, '2026-11-22T06:00:00.000Z', null);
  session.run('hash-b', 'u-lead', AT, AT, '2026-11-22T06:00:00.000Z', '2026-11-22T03:00:00.000Z');
  s.prepare('INSERT INTO login_attempts (username, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?)').run('chen', 2, AT, null);
  insertCustomer(s, 'cust-1', '王先生', '杭州某纺织有限公司', [{ normalized: '13800138000', local: '13800138000', raw: '138 0013 8000' }]);
  insertCall(s, { id: 'call-1', recordNo: 'LD-20261122-A07-0001', answeredAt: AT, callerName: '王先生', organisation: '杭州某纺织有限公司', phone: '13800138000', phoneNormalized: '13800138000', content: '停电报修', customerId: 'cust-1' });
  insertCall(s, { id: 'call-2', recordNo: 'LD-20261122-A07-0002', answeredAt: AT, callerName: '李女士', organisation: '', phone: '0571-86001234', phoneNormalized: '057186001234', content: '查询报告进度', confidential: true });
  insertJournal(s, 1, 'call', 'call-1', 'call.create', { id: 'call-1' });
  return s;
}

const QUALITY_TABLES = ['qa_samples', 'qa_reviews', 'qa_findings', 'scorecard_versions', 'attendance', 'leave_requests'];
const KEPT = ['users', 'sessions', 'login_attempts', 'customers', 'customer_phones', 'history', 'outbox'];

describe('migration 010 (quality and appraisal) on a version-9 store', () => {
  it('adds the QA, scorecard, attendance and leave tables, empty and STRICT, with their indexes', () => {
    db = workingStoreAtVersion9();
    expect(migrate(db, 10)).toBe(10);
    expect(userVersion(db)).toBe(10);
    for (const t of QUALITY_TABLES) {
      expect(schemaSql(db, t), t).toMatch(/STRICT/);
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
    }
    expect(columns(db, 'qa_samples')).toEqual(['id', 'month', 'agent_id', 'agent_name', 'seed', 'rate_percent', 'population', 'items', 'drawn_by', 'drawn_at', 'created_at', 'updated_at', 'version']);
    expect(columns(db, 'attendance')).toEqual(expect.arrayContaining(['user_id', 'day', 'sign_in_at', 'hub_received_at', 'clock_offset_seconds', 'clock_suspect']));
    expect(columns(db, 'qa_findings')).toEqual(expect.arrayContaining(['agent_id', 'status', 'due_at', 'report', 'appeal']));
    expect(schemaNames(db, 'index')).toEqual(
      expect.arrayContaining(['qa_samples_month', 'qa_reviews_agent', 'qa_findings_due', 'attendance_user_day', 'leave_requests_status', 'scorecard_versions_version']),
    );
  });

  it('keeps every call record, each with an empty recording reference, and leaves the other tables as they were', () => {
    db = workingStoreAtVersion9();
    const calls = db.prepare('SELECT * FROM call_records ORDER BY id').all() as Record<string, unknown>[];
    const before = dumpTables(db, KEPT);
    migrate(db, 10);
    const after = db.prepare('SELECT * FROM call_records ORDER BY id').all() as Record<string, unknown>[];
    expect(after).toEqual(calls.map((c) => ({ ...c, recording_ref: '' })));
    // Users are rebuilt for the new role and sessions set aside meanwhile: nobody is logged out or loses a lock.
    expect(dumpTables(db, KEPT)).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_temp_schema WHERE name = 'sessions_kept'").all()).toEqual([]);
  });

  it('admits the quality inspector in users and still refuses a role that does not exist', () => {
    db = workingStoreAtVersion9();
    expect(() => insertUser(db, 'u-qa', 'sun', '孙质检', 'quality_inspector')).toThrow(/CHECK/);
    migrate(db, 10);
    insertUser(db, 'u-qa', 'sun', '孙质检', 'quality_inspector');
    expect(db.prepare("SELECT role FROM users WHERE id = 'u-qa'").get()).toEqual({ role: 'quality_inspector' });
    expect(() => insertUser(db, 'u-x', 'x', 'X', 'supervisor')).toThrow(/CHECK/);
    // Sessions still refer to users: one for a user who does not exist is refused.
    expect(() =>
      db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run('hash-c', 'nobody', AT, AT, AT),
    ).toThrow(/FOREIGN KEY/);
  });

  it('a recording reference is text, NOT NULL', () => {
    db = workingStoreAtVersion9();
    migrate(db, 10);
    expect(() => db.prepare("UPDATE call_records SET recording_ref = NULL WHERE id = 'call-1'").run()).toThrow(/NOT NULL/);
    db.prepare("UPDATE call_records SET recording_ref = 'rec://cti/20261122/0001.wav' WHERE id = 'call-1'").run();
    expect(db.prepare("SELECT recording_ref FROM call_records WHERE id = 'call-1'").get()).toEqual({ recording_ref: 'rec://cti/20261122/0001.wav' });
  });
});
