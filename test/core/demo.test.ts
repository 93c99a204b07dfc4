import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { searchText, storedNextDeadline, deadlineRulesOf } from '../../electron/core/store/complaintIndex';
import { callRecordsTable, complaintsTable, customersTable } from '../../electron/core/store/tables';
import { mutationDef, mutationEnvFrom, type SyncMutationName } from '../../shared/domain/mutations';
import { readSettings } from '../../electron/core/store/settings';
import { openTestConsole, type TestClock, type TestConsole, tmpDir } from '../helpers/core';

const NOW = Date.parse('2026-11-22T02:00:00.000Z');
let c: TestConsole;
let out: Awaited<ReturnType<typeof bulkDemo>>;

beforeAll(async () => {
  const dir = tmpDir('hd-bulk-');
  out = await bulkDemo({ dataDir: dir, customers: 400, calls: 600, complaints: 500, days: 60, now: NOW, seed: 7 });
  c = openTestConsole(dir);
  (c.clock as TestClock).t = NOW;
  await c.login('lead', DEMO_PASSWORD);
});
afterAll(() => c?.close());

const count = (sql: string, ...args: unknown[]) => (c.core.context.db.prepare(sql).get(...args) as { n: number }).n;

describe('bulk demo data', () => {
  it('writes what it says, with a realistic spread', () => {
    expect(out).toMatchObject({ customers: 400, calls: 600, complaints: 500 });
    expect(count('SELECT count(*) AS n FROM customers')).toBe(400);
    expect(count('SELECT count(*) AS n FROM call_records')).toBe(600);
    expect(count('SELECT count(*) AS n FROM complaints')).toBe(500);
    const db = c.core.context.db;
    const spread = (sql: string) => Object.fromEntries((db.prepare(sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    const statuses = spread('SELECT status AS k, count(*) AS n FROM complaints GROUP BY k');
    for (const s of ['registered', 'in_handling', 'handled', 'closed', 'voided']) expect(statuses[s], s).toBeGreaterThan(0);
    expect(statuses.closed).toBeGreaterThan(250);
    const severities = spread('SELECT severity AS k, count(*) AS n FROM complaints GROUP BY k');
    expect(Object.keys(severities).sort()).toEqual(['crisis', 'general', 'major']);
    expect(severities.general).toBeGreaterThan(severities.major! + severities.crisis!);
    expect(Object.keys(spread('SELECT category AS k, count(*) AS n FROM call_records GROUP BY k')).sort()).toEqual(['complaint', 'consultation', 'other', 'query', 'suggestion']);
    expect(count("SELECT count(*) AS n FROM complaints WHERE round = 2")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM call_records WHERE status = 'replied'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM customer_phones WHERE normalized GLOB '1[3-9]?????????'")).toBeGreaterThan(200);
    // Every mutation has its history entry and its outbox entry, with the same id.
    const records = "entity IN ('call', 'customer', 'complaint')";
    expect(count(`SELECT count(*) AS n FROM history WHERE ${records}`)).toBe(out.history);
    expect(count(`SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND ${records}`)).toBe(out.history);
    expect(count("SELECT count(*) AS n FROM history h LEFT JOIN outbox o ON h.id = o.client_id || ':' || o.mutation_id WHERE o.name IS NULL OR o.name != h.action")).toBe(0);
  });

  it('leaves every record equal to replaying its outbox through the domain rules', () => {
    const db = c.core.context.db;
    const env = mutationEnvFrom(readSettings(db)!);
    const users = new Map((db.prepare('SELECT id, role, display_name FROM users').all() as { id: string; role: 'agent'; display_name: string }[]).map((u) => [u.id, { userId: u.id, role: u.role, displayName: u.display_name }]));
    const tables = { complaint: complaintsTable, call: callRecordsTable, customer: customersTable } as const;
    for (const [entity, table] of Object.entries(tables)) {
      const ids = db.prepare(`SELECT id FROM ${table.name} ORDER BY random() LIMIT 40`).pluck().all() as string[];
      for (const id of ids) {
        const entries = db.prepare('SELECT name, args, actor_id FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY created_at, mutation_id').all(entity, id) as { name: SyncMutationName; args: string; actor_id: string }[];
        let rec: unknown = null;
        for (const e of entries) {
          const res = mutationDef(e.name).apply(rec, JSON.parse(e.args), users.get(e.actor_id)!, env);
          expect(res.ok, `${e.name} on ${id}`).toBe(true);
          if (res.ok) rec = res.next;
        }
        expect(rec, `${entity} ${id}`).toEqual((table as typeof complaintsTable).get(db, id));
      }
    }
  });

  it('keeps the tracking index: stored next deadlines and both search indexes match the rows', async () => {
    const db = c.core.context.db;
    const rules = deadlineRulesOf(db);
    const rows = db.prepare('SELECT * FROM complaints').all() as Record<string, unknown>[];
    for (const r of rows) expect(r.next_deadline ?? null).toBe(storedNextDeadline(complaintsTable.fromRow(r), rules));
    for (const term of ['退款', '检测结果', '复检', '态']) {
      const expected = rows.filter((r) => r.status !== 'voided' && searchText(complaintsTable.fromRow(r)).includes(term)).length;
      expect(expected, term).toBeGreaterThan(0);
      expect((await c.ok('tracking.query', { q: term, limit: 1 })).total, term).toBe(expected);
    }
    const indexes = (d: Database.Database) => d.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all();
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(indexes(db)).toEqual(indexes(fresh));
    fresh.close();
  });

  it('reads back through the core: tracking sheet, board, call list, screen pop; new records continue the numbering', async () => {
    const db = c.core.context.db;
    const open = await c.ok('tracking.query', { sort: 'nextDeadline', dir: 'asc', status: ['registered', 'in_handling', 'handled', 'awaiting_approval'], limit: 20 });
    expect(open.total).toBe(count("SELECT count(*) AS n FROM complaints WHERE status IN ('registered','in_handling','handled','awaiting_approval')"));
    expect(open.rows.map((r) => r.nextDeadline)).toEqual([...open.rows.map((r) => r.nextDeadline)].sort());
    const overdue = await c.ok('tracking.query', { overdue: true });
    expect(overdue.total).toBeGreaterThan(0);
    for (const r of overdue.rows) expect(r.overdue.length).toBeGreaterThan(0);
    const board = await c.ok('board.summary', {});
    expect(board.overdueComplaints).toBeGreaterThan(0);
    expect(board.openBySeverity.general).toBeGreaterThan(0);

    const detail = await c.ok('complaints.get', { id: open.rows[0]!.id });
    expect(detail.history[0]!.action).toBe('complaint.register');
    expect(detail.history.length).toBe(count('SELECT count(*) AS n FROM outbox WHERE entity_id = ?', open.rows[0]!.id));

    const calls = await c.ok('calls.list', { limit: 10 });
    expect(calls.total).toBe(600);
    expect(calls.rows[0]!.answeredAt >= calls.rows[9]!.answeredAt).toBe(true);
    const known = db.prepare('SELECT c.id, c.name, p.normalized FROM customers c JOIN customer_phones p ON p.customer_id = c.id LIMIT 1').get() as { id: string; name: string; normalized: string };
    const pop = await c.ok('customers.lookup', { phone: known.normalized });
    expect(pop.matches.map((m) => m.customer.id)).toContain(known.id);
    expect((await c.ok('calls.list', { q: known.name, limit: 5 })).total).toBeGreaterThanOrEqual(0);

    await c.login('agent', DEMO_PASSWORD);
    const before = db.prepare("SELECT max(complaint_no) FROM complaints WHERE complaint_no LIKE 'TS-2026-%'").pluck().get() as string;
    const fresh = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13800138000', problem: '要求退款', type: 'fee', severity: 'general' });
    expect(fresh.complaintNo > before).toBe(true);
    const call = await c.ok('calls.answer', { phone: '13800138000' });
    expect(count('SELECT count(*) AS n FROM call_records WHERE record_no = ?', call.recordNo)).toBe(1);
  });
});
