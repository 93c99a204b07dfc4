import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, indexColumns, insertCall, insertComplaint, insertCustomer, insertJournal, insertUser, schemaNames, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

function syncedAtVersion4(cursor: string | null): Database.Database {
  const s = storeAt(4);
  s.prepare("INSERT INTO meta (key, value) VALUES ('workstation_code', 'A07')").run();
  if (cursor !== null) s.prepare("INSERT INTO meta (key, value) VALUES ('sync_cursor', ?)").run(cursor);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertCustomer(s, 'cus-1', '周丽', '杭州西湖水务有限公司', [{ raw: '138 0013 8000', normalized: '13800138000', local: '13800138000' }]);
  insertCall(s, {
    id: 'call-1',
    recordNo: 'LD-20261122-A07-0001',
    answeredAt: '2026-11-22T02:00:05.000Z',
    callerName: '周丽',
    organisation: '杭州西湖水务有限公司',
    phone: '138 0013 8000',
    phoneNormalized: '13800138000',
    content: '咨询峰谷电价',
    customerId: 'cus-1',
  });
  insertJournal(s, 1, 'call', 'call-1', 'call.create', { content: '咨询峰谷电价' });
  insertComplaint(s, { id: 'cmp-1', complaintNo: 'TS-20261122-A07-0001', receivedAt: '2026-11-22T03:00:00.000Z', complainant: '周丽', organisation: '', phone: '138 0013 8000', problem: '抄表员态度差' });
  return s;
}

const CALLBACK = {
  id: 'cb-1',
  kind: 'complaint_callback',
  status: 'open',
  due_at: '2026-11-29T01:00:00.000Z',
  customer_id: 'cus-1',
  name: '周丽',
  organisation: '杭州西湖水务有限公司',
  phone: '138 0013 8000',
  phone_normalized: '13800138000',
  subject: '投诉处理结果回访',
  source: 'complaint',
  source_id: 'cmp-1',
  call_id: null,
  complaint_id: 'cmp-1',
  complaint_round: 1,
  assignee_id: null,
  assignee_name: '',
  attempts: 1,
  last_attempt_at: '2026-11-29T01:05:00.000Z',
  next_attempt_at: '2026-11-29T06:00:00.000Z',
  satisfaction: null,
  score: null,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remaining_problems: '',
  suggestions: '',
  evaluation: '',
  note: '无人接听',
  script_version_id: null,
  done_at: null,
  done_by: '',
  cancel_reason: '',
  import_batch: null,
  created_at: '2026-11-22T03:00:00.000Z',
  created_by: 'u-agent',
  updated_at: '2026-11-29T01:05:00.000Z',
  version: 2,
};
const insertCallback = (s: Database.Database, row: Record<string, unknown>) =>
  s.prepare(`INSERT INTO callbacks (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((c) => `@${c}`).join(', ')})`).run(row);

describe('migration 005 (callbacks) on a version-4 store', () => {
  it('adds the callback and script tables (STRICT) with their indexes, and the new call and customer columns with defaults', () => {
    db = syncedAtVersion4('4711');
    expect(migrate(db, 5)).toBe(5);
    expect(userVersion(db)).toBe(5);
    expect(schemaSql(db, 'callbacks')).toMatch(/\) STRICT$/);
    expect(schemaSql(db, 'script_versions')).toMatch(/\) STRICT$/);
    expect(schemaNames(db, 'index').filter((i) => i.startsWith('callbacks_'))).toEqual([
      'callbacks_assignee_queue',
      'callbacks_assignee_status_due',
      'callbacks_complaint',
      'callbacks_customer_kind',
      'callbacks_phone',
      'callbacks_queue',
      'callbacks_status_due',
    ]);
    expect(indexColumns(db, 'callbacks_queue')).toEqual(['status', 'queue_at', 'id']);
    expect(indexColumns(db, 'script_versions_kind')).toEqual(['kind', 'created_at', 'version']);
    expect(columns(db, 'call_records')).toEqual(expect.arrayContaining(['transferred', 'script_version_id']));
    expect(db.prepare("SELECT transferred, script_version_id, content FROM call_records WHERE id = 'call-1'").get()).toEqual({
      transferred: 0,
      script_version_id: null,
      content: '咨询峰谷电价',
    });
    expect(db.prepare("SELECT key_account, name FROM customers WHERE id = 'cus-1'").get()).toEqual({ key_account: 0, name: '周丽' });
    // The search indexes of 004 are left as they were.
    expect(db.prepare("SELECT count(*) AS n FROM calls_fts WHERE calls_fts MATCH '\"峰谷电价\"'").get()).toEqual({ n: 1 });
  });

  it('resets the sync cursor to 0 so that everything is pulled once more, and leaves the rest of meta and the outbox alone', () => {
    db = syncedAtVersion4('4711');
    const outbox = db.prepare('SELECT * FROM outbox').all();
    migrate(db, 5);
    expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'sync_cursor', value: '0' },
      { key: 'tracking.deadline_rules', value: '{"e":15,"r":24}' },
      { key: 'workstation_code', value: 'A07' },
    ]);
    expect(db.prepare('SELECT * FROM outbox').all()).toEqual(outbox);
  });

  it('writes no cursor on a store that never synced', () => {
    db = syncedAtVersion4(null);
    migrate(db, 5);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'sync_cursor'").get()).toBeUndefined();
  });

  it('orders the queue by when a callback can next be worked (queue_at), and refuses an unknown status', () => {
    db = syncedAtVersion4('1');
    migrate(db, 5);
    insertCallback(db, CALLBACK);
    insertCallback(db, { ...CALLBACK, id: 'cb-2', next_attempt_at: null, attempts: 0, last_attempt_at: null });
    expect(db.prepare('SELECT id, queue_at FROM callbacks ORDER BY id').all()).toEqual([
      { id: 'cb-1', queue_at: '2026-11-29T06:00:00.000Z' },
      { id: 'cb-2', queue_at: '2026-11-29T01:00:00.000Z' },
    ]);
    expect(() => insertCallback(db, { ...CALLBACK, id: 'cb-3', status: 'maybe' })).toThrow(/CHECK constraint failed/);
  });
});
