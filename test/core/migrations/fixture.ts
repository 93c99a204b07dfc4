import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../electron/core/db/migrations';

/**
 * Stores at an old schema version, filled with plain SQL as that version wrote them, for the migration
 * fixture tests. Rows are written column by column (never through the store code, which follows the
 * newest schema) so that each test sees exactly what an old workstation had on disk.
 */

/** A fresh SQLite file, migrated by the real runner up to `version`. */
export function storeAt(version: number): Database.Database {
  // Not test/helpers/core's tmpDir: that module loads the whole core, and these tests need only the runner.
  const db = new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hd-migration-')), 'hotline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

export const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

const insert = (db: Database.Database, table: string, row: Record<string, unknown>) => {
  const cols = Object.keys(row);
  return db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
};

// ---- schema introspection ----------------------------------------------------------------------

export const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
export const indexColumns = (db: Database.Database, index: string) =>
  (db.prepare(`PRAGMA index_xinfo(${index})`).all() as { name: string | null; desc: number; key: number }[]).filter((c) => c.key).map((c) => `${c.name ?? '<expr>'}${c.desc ? ' DESC' : ''}`);
export const schemaNames = (db: Database.Database, type: 'table' | 'index' | 'trigger') =>
  (db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
export const schemaSql = (db: Database.Database, name: string) => (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string } | undefined)?.sql;
/** Every row of every ordinary table, to show that a migration left the old data alone. */
export const dumpTables = (db: Database.Database, tables: string[]) =>
  Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM ${t}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
export const queryPlan = (db: Database.Database, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

// ---- rows as version 1 wrote them ----------------------------------------------------------------

const T0 = '2026-11-22T02:00:00.000Z';

export function insertUser(db: Database.Database, id: string, username: string, displayName: string, role = 'agent') {
  insert(db, 'users', { id, username, display_name: displayName, role, password_hash: 'scrypt$x', active: 1, created_at: T0, updated_at: T0, version: 1 });
}

/** A customer with its numbers, and the screen-pop rows (full and local number) for each. */
export function insertCustomer(db: Database.Database, id: string, name: string, organisation: string, phones: { normalized: string; local: string; raw: string }[]) {
  insert(db, 'customers', {
    id,
    name,
    organisation,
    address: '浙江省杭州市西湖区文三路 90 号',
    phones: JSON.stringify(phones.map((p) => ({ number: p.raw, label: '办公' }))),
    service_requirements: '',
    notes: '',
    created_at: T0,
    updated_at: T0,
    created_by: 'u-agent',
    version: 1,
  });
  for (const p of phones) insert(db, 'customer_phones', { customer_id: id, normalized: p.normalized, local: p.local });
}

export interface CallRow {
  id: string;
  recordNo: string;
  answeredAt: string;
  callerName: string;
  organisation: string;
  phone: string;
  phoneNormalized: string;
  content: string;
  customerId?: string | null;
  reportNo?: string;
  replyContent?: string;
  suggestions?: string;
  confidential?: boolean;
  status?: string;
}

/** A call record with the columns of version 1 (005 added transferred and script_version_id). */
export function insertCall(db: Database.Database, c: CallRow): number {
  const r = insert(db, 'call_records', {
    id: c.id,
    record_no: c.recordNo,
    workstation: 'A07',
    rang_at: c.answeredAt,
    answered_at: c.answeredAt,
    answered_late: 0,
    ended_at: null,
    duration_sec: null,
    caller_name: c.callerName,
    organisation: c.organisation,
    phone: c.phone,
    phone_normalized: c.phoneNormalized,
    address: '',
    customer_id: c.customerId ?? null,
    category: 'consult',
    report_no: c.reportNo ?? '',
    content: c.content,
    special_situations: '[]',
    answered_on_spot: 1,
    departments_coordinated: '["营销部"]',
    promised_reply_by: null,
    reply_content: c.replyContent ?? '',
    replied_at: null,
    replied_by: '',
    solutions: '[]',
    chosen_solution: null,
    satisfaction: null,
    suggestions: c.suggestions ?? '',
    agent_id: 'u-agent',
    agent_name: '王芳',
    confidential: c.confidential ? 1 : 0,
    status: c.status ?? 'open',
    closed_at: null,
    voided: 0,
    void_reason: '',
    voided_at: null,
    voided_by: null,
    created_at: c.answeredAt,
    updated_at: c.answeredAt,
    version: 1,
  });
  return Number(r.lastInsertRowid);
}

/** An entry of the append-only history and the outbox entry written with it, as every mutation writes both. */
export function insertJournal(db: Database.Database, n: number, entity: string, entityId: string, name: string, args: unknown) {
  insert(db, 'history', {
    id: `h-${n}`,
    entity,
    entity_id: entityId,
    at: T0,
    actor_id: 'u-agent',
    actor_name: '王芳',
    action: name,
    changes: JSON.stringify([{ field: 'content', before: null, after: '停电报修' }]),
  });
  insert(db, 'outbox', {
    client_id: 'client-1',
    mutation_id: n,
    name,
    entity,
    entity_id: entityId,
    args: JSON.stringify(args),
    base: null,
    actor_id: 'u-agent',
    created_at: T0,
    state: 'pending',
  });
}

// ---- rows as version 2 wrote them ----------------------------------------------------------------

export interface ComplaintRow {
  id: string;
  complaintNo: string;
  receivedAt: string;
  complainant: string;
  organisation: string;
  phone: string;
  problem: string;
  severity?: 'general' | 'major' | 'crisis';
  status?: string;
  channel?: string;
  result?: string;
  escalatedAt?: string | null;
  assignedAt?: string | null;
  reportedAt?: string | null;
  agreedReplyBy?: string | null;
  completedAt?: string | null;
  callbackDueAt?: string | null;
  callbackAt?: string | null;
}

/** A complaint with the columns of version 2 (003 added next_deadline). */
export function insertComplaint(db: Database.Database, c: ComplaintRow): number {
  const r = insert(db, 'complaints', {
    id: c.id,
    complaint_no: c.complaintNo,
    workstation: 'A07',
    received_at: c.receivedAt,
    channel: c.channel ?? 'phone',
    complainant: c.complainant,
    organisation: c.organisation,
    address: '',
    phone: c.phone,
    phone_normalized: c.phone.replace(/\D/g, ''),
    customer_id: null,
    call_id: null,
    report_no: '',
    problem: c.problem,
    occurred_at: null,
    severity: c.severity ?? 'general',
    type: 'attitude',
    receiving_agent_id: 'u-agent',
    receiving_agent_name: '王芳',
    repeat_index: 0,
    soothed: 1,
    head_notified_to: '',
    head_notified_at: null,
    involve_quality_dept: 0,
    involve_chief_engineer: 0,
    agreed_reply_by: c.agreedReplyBy ?? null,
    escalated_at: c.escalatedAt ?? null,
    escalated_to: '',
    reported_at: c.reportedAt ?? null,
    report_note: '',
    round: 1,
    departments: '["客服中心"]',
    handler_id: null,
    handler_name: '',
    assigned_at: c.assignedAt ?? null,
    investigation: '',
    solutions: '[]',
    chosen_solution: null,
    result: c.result ?? '',
    reply_to_customer: '',
    completed_at: c.completedAt ?? null,
    callback_due_at: c.callbackDueAt ?? null,
    callback_attempts: 0,
    callback_at: c.callbackAt ?? null,
    callback_by: '',
    callback_result: null,
    callback_note: '',
    rectification_dept: '',
    rectification_note: '',
    approved_by: null,
    approved_at: null,
    closed_at: c.status === 'closed' ? c.receivedAt : null,
    status: c.status ?? 'registered',
    void_reason: '',
    rounds: '[]',
    signoffs: '[]',
    created_at: c.receivedAt,
    updated_at: c.receivedAt,
    version: 1,
  });
  return Number(r.lastInsertRowid);
}

/** The search key of migrations 004 and 006: the second in the high bits, the rowid in the low 29. */
export const searchKey = (iso: string, rowid: number) => (BigInt(Math.floor(Date.parse(iso) / 1000)) << 29n) | BigInt(rowid);
