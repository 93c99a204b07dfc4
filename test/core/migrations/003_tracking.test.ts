import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { columns, dumpTables, indexColumns, insertCall, insertComplaint, insertUser, schemaNames, schemaSql, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

const ORG = '杭州西湖水务有限公司';
const PHONE = '0571-8888 1234';

/** A version-2 store with complaints in every state the stored deadline distinguishes. */
function complaintsAtVersion2(): Database.Database {
  const s = storeAt(2);
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertCall(s, { id: 'call-1', recordNo: 'LD-20261122-A07-0001', answeredAt: '2026-11-22T02:55:00.000Z', callerName: '周丽', organisation: ORG, phone: PHONE, phoneNormalized: '057188881234', content: '投诉抢修人员' });
  // Nothing done yet: the escalation clock runs.
  insertComplaint(s, { id: 'cmp-1', complaintNo: 'TS-20261122-A07-0001', receivedAt: '2026-11-22T03:00:00.000Z', complainant: '周丽', organisation: ORG, phone: PHONE, problem: '抢修人员态度恶劣，拒绝说明停电原因' });
  // Major, escalated: the report clock (received + 24 h) comes before the agreed completion.
  insertComplaint(s, {
    id: 'cmp-2',
    complaintNo: 'TS-20261122-A07-0002',
    receivedAt: '2026-11-22T04:00:00.000Z',
    complainant: '李强',
    organisation: 'ABC Meter Co',
    phone: '13912345678',
    problem: '电表计量不准，电费翻倍',
    severity: 'major',
    status: 'in_handling',
    escalatedAt: '2026-11-22T04:05:00.000Z',
    agreedReplyBy: '2026-11-25T09:00:00.000Z',
  });
  // Assigned (which stops the escalation clock) and completed: only the callback runs.
  insertComplaint(s, {
    id: 'cmp-3',
    complaintNo: 'TS-20261122-A07-0003',
    receivedAt: '2026-11-22T05:00:00.000Z',
    complainant: '赵敏',
    organisation: '',
    phone: '13800138000',
    problem: '营业厅排队时间过长',
    status: 'handled',
    assignedAt: '2026-11-22T05:10:00.000Z',
    agreedReplyBy: '2026-11-23T09:00:00.000Z',
    completedAt: '2026-11-23T08:00:00.000Z',
    callbackDueAt: '2026-11-30T15:59:59.999Z',
    result: '已向客户道歉并调整窗口',
  });
  // Closed and voided: no deadline; everything done: no deadline either.
  insertComplaint(s, { id: 'cmp-4', complaintNo: 'TS-20261122-A07-0004', receivedAt: '2026-11-22T06:00:00.000Z', complainant: '孙丽', organisation: '', phone: '', problem: '停电通知未送达', status: 'closed' });
  insertComplaint(s, { id: 'cmp-5', complaintNo: 'TS-20261122-A07-0005', receivedAt: '2026-11-22T07:00:00.000Z', complainant: '钱进', organisation: '', phone: '', problem: '重复登记', status: 'voided' });
  insertComplaint(s, {
    id: 'cmp-6',
    complaintNo: 'TS-20261122-A07-0006',
    receivedAt: '2026-11-22T08:00:00.000Z',
    complainant: '吴刚',
    organisation: '',
    phone: '',
    problem: '路灯不亮',
    status: 'awaiting_approval',
    escalatedAt: '2026-11-22T08:10:00.000Z',
  });
  return s;
}

const deadlines = (s: Database.Database) =>
  Object.fromEntries((s.prepare('SELECT id, next_deadline FROM complaints ORDER BY id').all() as { id: string; next_deadline: string | null }[]).map((r) => [r.id, r.next_deadline]));
const rowidOf = (s: Database.Database, id: string) => (s.prepare('SELECT rowid AS r FROM complaints WHERE id = ?').get(id) as { r: number }).r;
const hits = (s: Database.Database, table: string, match: string) =>
  (s.prepare(`SELECT rowid AS r FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(match) as { r: number }[]).map((x) => x.r);

describe('migration 003 (tracking) on a version-2 store', () => {
  it('adds next_deadline, the sheet indexes, the search tables and user_prefs; other tables keep their rows', () => {
    db = complaintsAtVersion2();
    const before = dumpTables(db, ['users', 'call_records']);
    expect(migrate(db, 3)).toBe(3);
    expect(userVersion(db)).toBe(3);
    expect(dumpTables(db, ['users', 'call_records'])).toEqual(before);
    expect(columns(db, 'complaints')).toContain('next_deadline');
    for (const i of ['complaints_next_deadline', 'complaints_severity', 'complaints_open_deadline', 'complaints_completed', 'complaints_callback_due', 'complaints_closed']) {
      expect(schemaNames(db, 'index')).toContain(i);
    }
    expect(indexColumns(db, 'complaints_next_deadline')).toEqual(['<expr>', 'next_deadline', 'id']);
    expect(indexColumns(db, 'complaints_open_deadline')).toEqual(['status', 'next_deadline']);
    expect(schemaSql(db, 'complaints_fts')).toMatch(/tokenize='trigram'/);
    expect(schemaSql(db, 'complaints_grams')).toMatch(/content=''/);
    expect(schemaNames(db, 'trigger')).toEqual(['complaints_fts_delete', 'complaints_fts_insert', 'complaints_fts_update']);
    expect(schemaSql(db, 'user_prefs')).toMatch(/\) STRICT$/);
    expect(columns(db, 'user_prefs')).toEqual(['user_id', 'key', 'value', 'updated_at']);
  });

  it('stores the soonest running deadline of every existing complaint under the default rules', () => {
    db = complaintsAtVersion2();
    migrate(db, 3);
    expect(deadlines(db)).toEqual({
      'cmp-1': '2026-11-22T03:15:00.000Z',
      'cmp-2': '2026-11-23T04:00:00.000Z',
      'cmp-3': '2026-11-30T15:59:59.999Z',
      'cmp-4': null,
      'cmp-5': null,
      'cmp-6': null,
    });
    // The rules the deadlines were computed with, so that a later change of rules recomputes them once.
    expect(db.prepare("SELECT value FROM meta WHERE key = 'tracking.deadline_rules'").get()).toEqual({ value: '{"e":15,"r":24}' });
  });

  it('uses the deadline rules of the organisation settings when the store has them', () => {
    db = complaintsAtVersion2();
    const rules = { escalateMinutes: 30, reportHours: 12, callbackDays: 7, callbackWorkingDays: false, suggestionDays: 7, suggestionWorkingDays: true, warnEscalateMinutes: 5, warnReportMinutes: 240, warnCompleteMinutes: 240, warnCallbackMinutes: 1440 };
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('organisation', ?, '2026-11-01T00:00:00.000Z')").run(JSON.stringify({ deadlineRules: rules }));
    migrate(db, 3);
    expect(deadlines(db)).toMatchObject({ 'cmp-1': '2026-11-22T03:30:00.000Z', 'cmp-2': '2026-11-22T16:00:00.000Z', 'cmp-3': '2026-11-30T15:59:59.999Z', 'cmp-4': null });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'tracking.deadline_rules'").get()).toEqual({ value: '{"e":30,"r":12}' });
  });

  it('indexes the existing complaints for search: trigrams for long terms, two-character tokens (by rowid) for short ones', () => {
    db = complaintsAtVersion2();
    migrate(db, 3);
    const [c1, c2, c3, c4] = ['cmp-1', 'cmp-2', 'cmp-3', 'cmp-4'].map((id) => rowidOf(db, id));
    expect(hits(db, 'complaints_fts', '"态度恶劣"')).toEqual([c1]);
    expect(hits(db, 'complaints_fts', '"停电原因"')).toEqual([c1]);
    expect(hits(db, 'complaints_fts', '"调整窗口"')).toEqual([c3]); // the result is searchable too
    expect(hits(db, 'complaints_grams', '"停电"')).toEqual([c1, c4]);
    expect(hits(db, 'complaints_grams', '"电"*')).toEqual([c1, c2, c4]);
    expect(hits(db, 'complaints_grams', '"me"')).toEqual([c2]); // Latin letters lower-cased
    expect(hits(db, 'complaints_grams', '"1234"')).toEqual([]); // tokens are two characters long
    expect(hits(db, 'complaints_grams', '"88"')).toEqual([c1]);

    // From here on the triggers keep the trigram index (the complaint save writes the tokens).
    const c7 = insertComplaint(db, { id: 'cmp-7', complaintNo: 'TS-20261122-A07-0007', receivedAt: '2026-11-22T09:00:00.000Z', complainant: '郑爽', organisation: '', phone: '', problem: '变压器噪音扰民' });
    expect(hits(db, 'complaints_fts', '"变压器噪音"')).toEqual([c7]);
  });

  it('fails, and leaves the store at version 2, when a complaint row cannot be read', () => {
    db = complaintsAtVersion2();
    db.prepare("UPDATE complaints SET departments = '{' WHERE id = 'cmp-2'").run();
    expect(() => migrate(db, 3)).toThrow(SyntaxError);
    expect(userVersion(db)).toBe(2);
    expect(columns(db, 'complaints')).not.toContain('next_deadline');
  });
});
