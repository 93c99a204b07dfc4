import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { COUNT_CAP, pageSql, planOf, SEARCH_COUNT_CAP, searchWalkSql, whereOf } from '../../electron/core/store/tracking';
import { bigramTokens, searchText } from '../../electron/core/store/complaintIndex';
import { ENTITY_STORES } from '../../electron/core/store/entities';
import { complaintsTable } from '../../electron/core/store/tables';
import type { Complaint } from '../../shared/domain/complaint';
import type { TrackingView } from '../../shared/domain/tracking';
import { openTestConsole, PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

const BASE = {
  channel: 'phone' as const,
  organisation: '杭州宏达纺织有限公司',
  phone: '0571-88881234',
  type: 'result_doubt' as const,
  severity: 'general' as const,
};

/** Five complaints, registered a minute apart by an agent; returns them in order with the user ids. */
async function fixture() {
  c = await seededConsole();
  const users = Object.fromEntries((await c.ok('users.directory', {})).map((u) => [u.displayName, u.id]));
  await c.login('agent1', PASSWORD);
  const specs = [
    { complainant: '周丽', problem: '认为色牢度检测结果偏低,要求复检' },
    { complainant: '王强', problem: '要求退款,报告出具超过约定时间', organisation: '宁波服装厂' },
    { complainant: '李娜', problem: '前台接待人员态度不好', severity: 'major' as const, channel: 'visit' as const, soothed: true, headNotifiedTo: '孙部长', headNotifiedAt: '2026-11-22T02:01:00.000Z' },
    { complainant: '赵敏', problem: '对检测收费有异议,投诉多收费', phone: '13912345678' },
    { complainant: 'Smith', problem: 'Complaint about GB18401 test', organisation: 'ACME Ltd' },
  ];
  const out = [];
  for (const s of specs) {
    out.push(await c.ok('complaints.register', { ...BASE, ...s }));
    c.clock.advance(60_000);
  }
  await c.login('lead', PASSWORD);
  return { complaints: out, users };
}

const nos = (rows: { complaintNo: string }[]) => rows.map((r) => r.complaintNo.slice(-1)).join('');

describe('tracking sheet (annex 3) through the core', () => {
  it('searches Chinese substrings of one, two and more characters, Latin in any case, and combines terms', async () => {
    await fixture();
    const q = async (text: string) => nos((await c.ok('tracking.query', { q: text, sort: 'complaintNo', dir: 'asc' })).rows);
    expect(await q('投诉')).toBe('4');
    expect(await q('退款')).toBe('2');
    expect(await q('态度')).toBe('3');
    expect(await q('检测结果')).toBe('1');
    expect(await q('复')).toBe('1'); // one character, in the middle of a word
    expect(await q('检')).toBe('14'); // one character at the end of a run is found too
    expect(await q('收费')).toBe('4');
    expect(await q('complaint')).toBe('5'); // trigram, case-insensitive
    expect(await q('gb')).toBe('5');
    expect(await q('宁波')).toBe('2'); // organisation
    expect(await q('5678')).toBe('4'); // phone
    expect(await q('TS-2026-A07-0003')).toBe('3'); // complaint no.
    expect(await q('检测 收费')).toBe('4'); // every term must match
    expect(await q('退款 态度')).toBe('');
    expect(await q('%')).toBe(''); // punctuation falls back to LIKE, escaped
    expect(await q('"')).toBe('');
  });

  it('filters by status, severity, channel, handler, department, date range and overdue; sorts with empty cells last; pages', async () => {
    const { complaints, users } = await fixture();
    const t0 = complaints[0]!.receivedAt;
    await c.ok('complaints.transition', {
      id: complaints[1]!.id,
      step: { action: 'assign', departments: ['市场部'], handlerId: users['赵建国']!, handlerName: '赵建国' },
    });
    expect(nos((await c.ok('tracking.query', { severity: ['major'] })).rows)).toBe('3');
    expect(nos((await c.ok('tracking.query', { channel: 'visit' })).rows)).toBe('3');
    expect(nos((await c.ok('tracking.query', { status: ['in_handling'] })).rows)).toBe('2');
    expect(nos((await c.ok('tracking.query', { handlerId: users['赵建国']! })).rows)).toBe('2');
    expect(nos((await c.ok('tracking.query', { department: '市场部' })).rows)).toBe('2');
    expect(nos((await c.ok('tracking.query', { department: '市场' })).rows)).toBe(''); // a department is matched whole
    const range = await c.ok('tracking.query', { from: new Date(Date.parse(t0) + 60_000).toISOString(), to: new Date(Date.parse(t0) + 180_000).toISOString(), sort: 'receivedAt', dir: 'asc' });
    expect(nos(range.rows)).toBe('23');

    // 5 minutes after the last registration: the escalation clocks (15 min) of 1 and 2 are still running.
    expect((await c.ok('tracking.query', { overdue: true })).total).toBe(0);
    c.clock.advance(12 * 60_000); // now 1 is 16 min old: breached; 2 was assigned (escalation met)
    const overdue = await c.ok('tracking.query', { overdue: true, sort: 'nextDeadline', dir: 'asc' });
    expect(nos(overdue.rows)).toBe('1');
    expect(overdue.rows[0]!.overdue).toEqual(['escalate']);
    c.clock.advance(10 * 60_000);
    const all = await c.ok('tracking.query', { sort: 'nextDeadline', dir: 'asc' });
    // 2 has nothing running (no agreed reply time, assigned): its next deadline is empty and sorts last.
    expect(nos(all.rows)).toBe('13452');
    expect(all.rows.at(-1)!.nextDeadline).toBeNull();
    expect(nos((await c.ok('tracking.query', { sort: 'nextDeadline', dir: 'desc' })).rows)).toBe('54312');
    expect(nos((await c.ok('tracking.query', { overdue: true, severity: ['major'] })).rows)).toBe('3');
    expect(nos((await c.ok('tracking.query', { sort: 'severity', dir: 'desc' })).rows)).toBe('35421');

    const page = await c.ok('tracking.query', { sort: 'complaintNo', dir: 'asc', limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(nos(page.rows)).toBe('34');

    // Every sortable column sorts.
    for (const sort of ['complainant', 'phone', 'departments', 'handlerName', 'status', 'result', 'completedAt', 'callbackDueAt', 'callbackAt', 'callbackResult', 'rectification', 'closedAt', 'daysOpen'] as const) {
      for (const dir of ['asc', 'desc'] as const) expect((await c.ok('tracking.query', { sort, dir })).rows, `${sort} ${dir}`).toHaveLength(5);
    }

    // Voided complaints leave the sheet unless asked for.
    await c.ok('complaints.transition', { id: complaints[4]!.id, step: { action: 'void', reason: '重复登记' } });
    expect((await c.ok('tracking.query', {})).total).toBe(4);
    expect(nos((await c.ok('tracking.query', { status: ['voided'] })).rows)).toBe('5');
  });

  it('counts days open by Beijing calendar day and keeps the stored next deadline in step with every save, local or pulled', async () => {
    const { complaints } = await fixture();
    c.clock.advance(3 * 86_400_000);
    await c.login('lead', PASSWORD);
    const row = (await c.ok('tracking.query', { q: '复检' })).rows[0]!;
    expect(row.daysOpen).toBe(3);
    const db = c.core.context.db;
    const stored = () => (db.prepare('SELECT next_deadline AS d FROM complaints WHERE id = ?').get(complaints[0]!.id) as { d: string | null }).d;
    expect(stored()).toBe(new Date(Date.parse(complaints[0]!.receivedAt) + 15 * 60_000).toISOString());
    // An agreed reply time already past is refused beside its field and changes nothing (issue 14);
    // a later one is saved, and the earlier, breached escalation deadline stays the next one.
    const refused = await c.call('complaints.edit', { id: complaints[0]!.id, fields: { agreedReplyBy: '2026-11-20T00:00:00.000Z' } });
    expect(refused.ok ? null : refused.error.fields?.map((f) => [f.field, f.code])).toEqual([['agreedReplyBy', 'in_past']]);
    const escalateBy = new Date(Date.parse(complaints[0]!.receivedAt) + 15 * 60_000).toISOString();
    expect(stored()).toBe(escalateBy);
    await c.ok('complaints.edit', { id: complaints[0]!.id, fields: { agreedReplyBy: new Date(c.clock.t + 86_400_000).toISOString() } });
    expect(stored()).toBe(escalateBy);

    // A row arriving from the hub goes through the same save: search and deadline follow it.
    const pulled: Complaint = { ...complaintsTable.get(db, complaints[0]!.id)!, problem: '样品丢失,要求赔偿', agreedReplyBy: null, escalatedAt: complaints[0]!.receivedAt };
    db.transaction(() => ENTITY_STORES.complaint.save(db, pulled))();
    expect(nos((await c.ok('tracking.query', { q: '赔偿' })).rows)).toBe('1');
    expect(nos((await c.ok('tracking.query', { q: '丢失' })).rows)).toBe('1');
    expect(nos((await c.ok('tracking.query', { q: '复检' })).rows)).toBe('');
    expect(nos((await c.ok('tracking.query', { q: '色牢度' })).rows)).toBe('');
    expect(stored()).toBeNull();

    // Changing the deadline rules moves the stored deadlines of open complaints on the next read.
    await c.login('admin', PASSWORD);
    const settings = await c.ok('settings.get', {});
    await c.ok('settings.update', { deadlineRules: { ...settings.deadlineRules, escalateMinutes: 30 } });
    await c.login('lead', PASSWORD);
    await c.ok('tracking.query', {});
    const second = (db.prepare('SELECT next_deadline AS d FROM complaints WHERE id = ?').get(complaints[2]!.id) as { d: string }).d;
    expect(second).toBe(new Date(Date.parse(complaints[2]!.receivedAt) + 30 * 60_000).toISOString());
  });

  it('keeps each user’s view, and only leads and administrators see the sheet', async () => {
    await fixture();
    expect(await c.ok('tracking.prefs.get', {})).toEqual({ sort: 'receivedAt', dir: 'desc' });
    const view = { q: '投诉', severity: ['major' as const], overdue: true, sort: 'nextDeadline' as const, dir: 'asc' as const };
    await c.ok('tracking.prefs.save', { view });
    expect(await c.ok('tracking.prefs.get', {})).toEqual(view);
    await c.login('admin', PASSWORD);
    expect(await c.ok('tracking.prefs.get', {})).toEqual({ sort: 'receivedAt', dir: 'desc' });
    for (const who of ['agent1', 'officer']) {
      await c.login(who, PASSWORD);
      for (const m of ['tracking.query', 'tracking.export', 'board.summary', 'tracking.prefs.get'] as const) {
        expect(await c.call(m, (m === 'tracking.export' ? { format: 'csv' } : {}) as never), `${who} ${m}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
  });

  it('exports the current view to CSV and .xlsx (read back with exceljs), and audits every export', async () => {
    const { complaints } = await fixture();
    await c.ok('complaints.edit', { id: complaints[3]!.id, fields: { problem: '=HYPERLINK("http://x"),"收费"\n第二行' } });
    const view = { sort: 'complaintNo' as const, dir: 'asc' as const, severity: ['general' as const] };
    const csv = await c.ok('tracking.export', { ...view, format: 'csv' });
    expect(csv.filename).toMatch(/^客户投诉及处理跟踪表-\d{12}\.csv$/);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF投诉编号,登记时间,客户,')).toBe(true);
    expect(csv.rows).toBe(4);
    expect(text).toContain(`"'=HYPERLINK(""http://x""),""收费""\n第二行"`);
    expect(text).toContain('TS-2026-A07-0001,2026-11-22 10:00,周丽,');

    const xlsx = await c.ok('tracking.export', { ...view, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).value).toBe('投诉编号');
    expect(ws.getColumn(6).width).toBe(40);
    expect(ws.rowCount).toBe(5);
    const page = await c.ok('tracking.query', view);
    page.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.complaintNo);
      const when = row.getCell(2).value as Date;
      expect(when).toBeInstanceOf(Date);
      // A date cell holds Beijing wall-clock time.
      expect(when.getTime()).toBe(Date.parse(r.receivedAt) + 8 * 3600_000);
      expect(row.getCell(3).value).toBe(r.complainant);
    });

    const audits = c.core.context.db.prepare("SELECT * FROM audit_log WHERE action = 'export' ORDER BY at").all() as Record<string, string>[];
    expect(audits).toHaveLength(2);
    const lead = (await c.ok('auth.session', {})).user.id;
    expect(audits.map((a) => [a.actor_id, a.entity, JSON.parse(a.record_ids!)[0]])).toEqual([
      [lead, 'tracking_sheet', csv.filename],
      [lead, 'tracking_sheet', xlsx.filename],
    ]);
    expect(JSON.parse(audits[0]!.detail!)).toEqual({ format: 'csv', rows: 4, view });
  });

  it('summarises the team-lead board, and each number equals the list behind it', async () => {
    const { complaints, users } = await fixture();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678', rangAt: new Date(c.clock.t - 30_000).toISOString() });
    await c.ok('calls.save', { id: call.id, fields: { content: '咨询', category: 'consultation', satisfaction: 4 }, end: true });
    await c.login('lead', PASSWORD);
    await c.ok('complaints.transition', {
      id: complaints[0]!.id,
      step: { action: 'assign', departments: ['质量技术部'], handlerId: users['赵建国']!, handlerName: '赵建国' },
    });
    await c.ok('complaints.transition', { id: complaints[0]!.id, step: { action: 'recordResult', investigation: '复核', result: '结果无误', replyToCustomer: '已答复' } });
    c.clock.advance(20 * 60_000);
    const b = await c.ok('board.summary', {});
    expect(b).toMatchObject({
      callsToday: 1,
      answeredLateToday: 1,
      openBySeverity: { general: 4, major: 1, crisis: 0 },
      escalationsOverdue: 4,
      majorNotReported: 1,
      callbacksDue: 0,
      callbacksOverdue: 0,
      satisfaction: { calls: 1, average: 4 },
    });
    for (const [list, n] of [
      ['escalation_overdue', b.escalationsOverdue],
      ['unreported_major', b.majorNotReported],
    ] as const) {
      expect((await c.ok('tracking.query', { list })).total, list).toBe(n);
    }
    expect((await c.ok('tracking.query', { overdue: true, status: ['registered', 'in_handling', 'handled', 'awaiting_approval'] })).total).toBe(b.overdueComplaints);
    c.clock.advance(8 * 86_400_000);
    await c.login('lead', PASSWORD);
    const later = await c.ok('board.summary', {});
    // The complaint's callback waits in the queue; the board counts the queue (test/core/boardDrilldown.test.ts).
    expect(later.callbacksOverdue).toBe(1);
    const overdue = await c.ok('callbacks.queue', { scope: 'all', overdue: true });
    expect(overdue.rows.map((r) => r.complaintNo)).toEqual([complaints[0]!.complaintNo]);
  });
});

/** A complaint as the store holds it (registered at 10:00 Beijing time, 2026-11-22). */
function complaintRow(over: Partial<Complaint> = {}): Complaint {
  return {
    ...({} as Complaint),
    id: '01a20584-06f7-7129-91b2-27fa7cfc5475',
    complaintNo: 'TS-2026-A07-0001',
    workstation: 'A07',
    receivedAt: '2026-11-22T02:00:00.000Z',
    channel: 'phone',
    complainant: '周丽',
    organisation: '宏达',
    address: '',
    phone: '13800138000',
    phoneNormalized: '13800138000',
    customerId: null,
    callId: null,
    reportNo: '',
    problem: '要求退款并投诉报告延误',
    occurredAt: null,
    severity: 'major',
    type: 'fee',
    receivingAgentId: 'u1',
    receivingAgentName: '李晓梅',
    repeatIndex: 1,
    soothed: false,
    headNotifiedTo: '',
    headNotifiedAt: null,
    involveQualityDept: false,
    involveChiefEngineer: false,
    agreedReplyBy: null,
    escalatedAt: null,
    escalatedTo: '',
    reportedAt: null,
    reportNote: '',
    round: 1,
    departments: [],
    handlerId: null,
    handlerName: '',
    assignedAt: null,
    investigation: '',
    solutions: [],
    chosenSolution: null,
    result: '',
    replyToCustomer: '',
    completedAt: null,
    callbackDueAt: null,
    callbackAttempts: 0,
    callbackAt: null,
    callbackBy: '',
    callbackResult: null,
    callbackNote: '',
    rectificationDept: '',
    rectificationNote: '',
    approvedBy: null,
    approvedAt: null,
    closedAt: null,
    status: 'registered',
    voidReason: '',
    rounds: [],
    signoffs: [],
    createdAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    version: 1,
    ...over,
  };
}

/** A complaint written to a store at an old schema version: only the columns that version has (later ones, e.g. 007's confidential, left out). */
function upsertAtOldVersion(db: Database.Database, c: Complaint) {
  const have = new Set(db.prepare("SELECT name FROM pragma_table_info('complaints')").pluck().all() as string[]);
  const row = Object.fromEntries(Object.entries(complaintsTable.toRow(c)).filter(([k]) => have.has(k)));
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO complaints (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(row);
}

describe('migration 003 on a store with complaints', () => {
  it('fills the next deadline and both search indexes for complaints written before it', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    const c0 = complaintRow();
    upsertAtOldVersion(db, c0);
    migrate(db);
    expect(db.prepare('SELECT next_deadline AS d FROM complaints').get()).toEqual({ d: '2026-11-22T02:15:00.000Z' });
    expect(db.prepare("SELECT rowid FROM complaints_grams WHERE complaints_grams MATCH '\"退款\"'").all()).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH '\"报告延误\"'").all()).toHaveLength(1);
    db.close();
  });

  it('answers the sheet from indexes: next-deadline sort, overdue, severity and both text indexes', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM complaints WHERE status != 'voided' ORDER BY (next_deadline IS NULL) ASC, next_deadline ASC, id ASC LIMIT 100")).toMatch(
      /complaints_next_deadline/,
    );
    expect(plan("SELECT * FROM complaints WHERE status != 'voided' ORDER BY (next_deadline IS NULL) ASC, next_deadline ASC, id ASC LIMIT 100")).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT count(*) FROM complaints WHERE next_deadline < ?', 'x')).toMatch(/complaints_(next_deadline|open_deadline)/);
    expect(plan('SELECT * FROM complaints WHERE severity IN (?) ORDER BY received_at DESC LIMIT 100', 'major')).toMatch(/complaints_(severity|received)/);
    expect(plan("SELECT * FROM complaints WHERE rowid IN (SELECT rowid FROM complaints_grams WHERE complaints_grams MATCH '\"退款\"')")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan("SELECT * FROM complaints WHERE rowid IN (SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH '\"检测结果\"')")).toMatch(/VIRTUAL TABLE INDEX/);
    db.close();
  });

  it('cuts text into two-character tokens plus each run’s last character', () => {
    expect(bigramTokens('投诉退款')).toBe('投诉 诉退 退款 款');
    expect(bigramTokens('GB 18401,A类')).toBe('gb b 18 84 40 01 1 a类 类');
    expect(bigramTokens('')).toBe('');
  });
});

describe('migration 006 on a version-5 store', () => {
  it('keys both search indexes by received second and rowid, and keeps them in step with saves, moves and deletes', () => {
    const db = new Database(':memory:');
    migrate(db, 5);
    // Three complaints as a version-5 store holds them: trigram rows by trigger, tokens under the rowid.
    const specs = [
      { id: '01a20584-06f7-7129-91b2-27fa7cfc5001', complaintNo: 'TS-2026-A07-0001', receivedAt: '2026-11-22T02:00:00.000Z', problem: '要求退款并投诉报告延误' },
      { id: '01a20584-06f7-7129-91b2-27fa7cfc5002', complaintNo: 'TS-2026-A07-0002', receivedAt: '2026-03-01T08:30:00.250Z', problem: '要求退款,报告太慢' },
      { id: '01a20584-06f7-7129-91b2-27fa7cfc5003', complaintNo: 'TS-2026-A07-0003', receivedAt: '2026-07-15T00:00:00.000Z', problem: '态度不好' },
    ];
    for (const sp of specs) {
      const c = complaintRow(sp);
      upsertAtOldVersion(db, c);
      const { rowid } = db.prepare('SELECT rowid FROM complaints WHERE id = ?').get(c.id) as { rowid: number };
      db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)').run(rowid, bigramTokens(searchText(c)));
    }
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    const keyOf = (id: string) =>
      db.prepare("SELECT (unixepoch(received_at) << 29) | rowid FROM complaints WHERE id = ?").safeIntegers(true).pluck().get(id) as bigint;
    const hits = (table: string, match: string) =>
      (db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC`).safeIntegers(true).pluck().all(match) as bigint[]);
    const [a, b, c] = specs.map((sp) => keyOf(sp.id));
    // Newest first, by received time: not the order the rows were written in.
    expect(hits('complaints_grams', '"退款"')).toEqual([a, b]);
    expect(hits('complaints_fts', '"要求退"')).toEqual([a, b]);
    expect(hits('complaints_grams', '"态度"')).toEqual([c]);
    expect(hits('complaints_fts', '"A07-0003"')).toEqual([c]);
    expect(Number(b! >> 29n)).toBe(Math.floor(Date.parse(specs[1]!.receivedAt) / 1000));
    const check = () => {
      for (const t of ['complaints_fts', 'complaints_grams']) db.exec(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`);
    };
    check();
    // A save that moves the complaint in time and changes its text (as a pulled row may).
    const save = (over: Partial<Complaint>) => ENTITY_STORES.complaint.save(db, complaintRow({ ...specs[1]!, ...over }));
    save({ receivedAt: '2026-11-23T01:00:00.000Z', problem: '报告太慢,退费' });
    const b2 = keyOf(specs[1]!.id);
    expect(b2).not.toBe(b);
    expect(hits('complaints_grams', '"退款"')).toEqual([a]);
    expect(hits('complaints_fts', '"要求退"')).toEqual([a]);
    expect(hits('complaints_grams', '"退费"')).toEqual([b2]);
    expect(hits('complaints_fts', '"报告太慢"')).toEqual([b2]);
    expect(hits('complaints_grams', '"报告"')).toEqual([b2, a]);
    // Moved in time only.
    save({ receivedAt: '2026-01-01T00:00:00.000Z', problem: '报告太慢,退费' });
    const b3 = keyOf(specs[1]!.id);
    expect(hits('complaints_grams', '"报告"')).toEqual([a, b3]);
    expect(hits('complaints_fts', '"TS-2026-A07"')).toEqual([a, c, b3]);
    check();
    db.prepare('DELETE FROM complaints WHERE id = ?').run(specs[0]!.id);
    expect(hits('complaints_grams', '"报告"')).toEqual([b3]);
    expect(hits('complaints_fts', '"TS-2026-A07"')).toEqual([c, b3]);
    check();
    // The channel index walks a channel newest first.
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM complaints WHERE channel = 'fax' AND status != 'voided' ORDER BY received_at DESC, id DESC LIMIT 100").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/complaints_channel/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});

describe('the sheet at scale: counts, plans and pages agree with a plain query', () => {
  const NOW = Date.parse('2026-11-22T02:00:00.000Z');
  let big: TestConsole;
  beforeAll(async () => {
    const dir = tmpDir('hd-sheet-scale-');
    await bulkDemo({ dataDir: dir, customers: 0, calls: 0, complaints: 6000, days: 90, now: NOW, seed: 11 });
    big = openTestConsole(dir);
    big.clock.t = NOW;
    await big.login('lead', DEMO_PASSWORD);
  }, 120_000);
  afterAll(() => big?.close());

  const OPEN = ['registered', 'in_handling', 'handled', 'awaiting_approval'] as const;
  const views: [string, TrackingView, string][] = [
    ['default', { sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['oldest first', { sort: 'receivedAt', dir: 'asc' }, 'received_at ASC, id ASC'],
    ['open by next deadline', { status: [...OPEN], sort: 'nextDeadline', dir: 'asc' }, '(next_deadline IS NULL), next_deadline, id'],
    ['all by next deadline, latest first', { sort: 'nextDeadline', dir: 'desc' }, '(next_deadline IS NULL), next_deadline DESC, id DESC'],
    ['major overdue', { severity: ['major', 'crisis'], overdue: true, sort: 'nextDeadline', dir: 'asc' }, '(next_deadline IS NULL), next_deadline, id'],
    ['two-character term', { q: '退款', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['two-character term, oldest first', { q: '退款', sort: 'receivedAt', dir: 'asc' }, 'received_at ASC, id ASC'],
    ['two-character term by next deadline', { q: '退款', sort: 'nextDeadline', dir: 'asc' }, '(next_deadline IS NULL), next_deadline, id'],
    ['one-character term in most rows', { q: '要', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['one-character term in most rows, oldest first', { q: '要', sort: 'receivedAt', dir: 'asc' }, 'received_at ASC, id ASC'],
    ['dense term and another term', { q: '要 退款', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['dense trigram term', { q: '有限公司', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['dense term, narrowed, newest first', { q: '要', status: ['closed'], sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['channel, newest first', { channel: 'phone', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['channel, oldest first', { channel: 'phone', sort: 'receivedAt', dir: 'asc' }, 'received_at ASC, id ASC'],
    ['a rare channel', { channel: 'fax', sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC'],
    ['dense term, narrowed', { q: '要', severity: ['major'], sort: 'nextDeadline', dir: 'asc' }, '(next_deadline IS NULL), next_deadline, id'],
    ['four-character term', { q: '检测结果', sort: 'complaintNo', dir: 'asc' }, 'complaint_no, id'],
  ];

  it.each(views)('%s', async (_name, view, order) => {
    const db = big.core.context.db;
    const where = whereOf(big.core.context.db, view, big.core.context.now());
    // The reference: every match, plainly filtered and sorted by SQLite.
    const all = db.prepare(`SELECT id FROM complaints WHERE ${where.sql} ORDER BY ${order}`).pluck().all(...where.args) as string[];
    expect(all.length, 'the fixture exercises this view').toBeGreaterThan(0);
    const page = await big.ok('tracking.query', { ...view, limit: 50, offset: 0 });
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(0, 50));
    const cap = where.searchesMany ? SEARCH_COUNT_CAP : COUNT_CAP;
    expect(page.total).toBe(Math.min(all.length, cap));
    expect(page.capped ?? false).toBe(all.length > cap);
    const second = await big.ok('tracking.query', { ...view, limit: 50, offset: 50 });
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(50, 100));
    // Deep pages, and one past the end.
    for (const [limit, offset] of [[37, 963], [100, 1234], [50, Math.max(0, all.length - 20)]] as const) {
      const deep = await big.ok('tracking.query', { ...view, limit, offset });
      expect(deep.rows.map((r) => r.id), `limit ${limit} offset ${offset}`).toEqual(all.slice(offset, offset + limit));
    }
  });

  it('finds a search term exactly where a LIKE scan of the searched fields does, in either order', async () => {
    const db = big.core.context.db;
    const like = "(complaint_no || complainant || organisation || phone || problem || result) LIKE '%要%'";
    for (const dir of ['desc', 'asc'] as const) {
      const all = db.prepare(`SELECT id FROM complaints WHERE status != 'voided' AND ${like} ORDER BY received_at ${dir}, id ${dir}`).pluck().all() as string[];
      expect(all.length).toBeGreaterThan(2000);
      for (const offset of [0, 100, 1500]) {
        const page = await big.ok('tracking.query', { q: '要', sort: 'receivedAt', dir, limit: 100, offset });
        expect(page.rows.map((r) => r.id)).toEqual(all.slice(offset, offset + 100));
      }
    }
  });

  it('walks the sort index for large results and the filter index for small ones', () => {
    const db = big.core.context.db;
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const ctx = big.core.context;
    const w = whereOf(ctx.db, { status: [...OPEN] }, ctx.now());
    const byDeadline = plan(pageSql(w.sql, ['(next_deadline IS NULL) ASC', 'next_deadline ASC', 'id ASC'], 'sort_index', 'nextDeadline', 'ASC'), ...w.args, 100, 0);
    expect(byDeadline).toMatch(/SCAN complaints USING INDEX complaints_next_deadline/);
    expect(byDeadline).not.toMatch(/TEMP B-TREE/);
    const recent = whereOf(ctx.db, {}, ctx.now());
    const byReceived = plan(pageSql(recent.sql, ['received_at DESC', 'id DESC'], 'sort_index', 'receivedAt', 'DESC'), ...recent.args, 100, 0);
    expect(byReceived).toMatch(/SCAN complaints USING INDEX complaints_received/);
    expect(byReceived).not.toMatch(/TEMP B-TREE FOR ORDER BY/); // only ties on received_at are sorted by id
    const dense = whereOf(ctx.db, { q: '要' }, ctx.now());
    expect(dense.searchesMany).toBe(true);
    const denseWalk = plan(pageSql(dense.sql, ['received_at DESC', 'id DESC'], 'sort_index', 'receivedAt', 'DESC'), ...dense.args, 100, 0);
    expect(denseWalk).toMatch(/SCAN complaints USING INDEX complaints_received.*LIST SUBQUERY/);
    const few = whereOf(ctx.db, { severity: ['major'], overdue: true }, ctx.now());
    const fewPlan = plan(pageSql(few.sql, ['received_at DESC', 'id DESC'], 'filter_index', 'receivedAt', 'DESC'), ...few.args, 100, 0);
    expect(fewPlan).toMatch(/SEARCH complaints USING INDEX complaints_(next_deadline|severity)/);
    const sparse = whereOf(ctx.db, { q: '检测结果' }, ctx.now());
    expect(sparse.searchesMany).toBeUndefined();
    // The views above that exercise the walks: dense terms of both indexes, a channel with thousands of complaints.
    expect(whereOf(ctx.db, { q: '有限公司' }, ctx.now()).dense?.narrowed).toBe(false);
    expect(whereOf(ctx.db, { q: '要' }, ctx.now()).dense?.narrowed).toBe(false);
    expect(db.prepare("SELECT count(*) FROM complaints WHERE channel = 'phone'").pluck().get()).toBeGreaterThan(2000);
  });

  it('walks a common term’s hits in received order, and a channel’s own index', () => {
    const db = big.core.context.db;
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const ctx = big.core.context;
    const dense = whereOf(ctx.db, { q: '要' }, ctx.now());
    expect(dense.dense?.narrowed).toBe(false);
    expect(planOf(dense, 'receivedAt', 'DESC', 1001, true)).toBe('search_walk');
    expect(planOf(dense, 'receivedAt', 'ASC', 1001, true)).toBe('search_walk');
    expect(planOf(dense, 'nextDeadline', 'ASC', 1001, true)).toBe('sort_index');
    expect(planOf(dense, 'receivedAt', 'DESC', 500, false)).toBe('filter_index');
    for (const dir of ['DESC', 'ASC'] as const) {
      const sql = searchWalkSql(dense.dense!, dir);
      const args = [dense.dense!.match, ...dense.dense!.rest.args];
      // The hits come out of the token index in key order: no sort, and the rows are looked up by rowid.
      const edge = plan(sql.edge, ...args, 99);
      expect(edge).toMatch(/VIRTUAL TABLE INDEX.*\| SEARCH complaints USING INTEGER PRIMARY KEY/);
      expect(edge).not.toMatch(/TEMP B-TREE/);
      expect(plan(sql.page(true), ...args, 0, 100, 0)).toMatch(/VIRTUAL TABLE INDEX.*\| SEARCH complaints USING INTEGER PRIMARY KEY/);
    }
    const narrowed = whereOf(ctx.db, { q: '要', severity: ['major'] }, ctx.now());
    expect(narrowed.dense?.narrowed).toBe(true);
    const fax = whereOf(ctx.db, { channel: 'phone' }, ctx.now());
    expect(planOf(fax, 'receivedAt', 'DESC', 10_001, true)).toBe('channel_index');
    expect(planOf(fax, 'nextDeadline', 'ASC', 10_001, true)).toBe('sort_index');
    for (const dir of ['DESC', 'ASC'] as const) {
      const walk = plan(pageSql(fax.sql, [`received_at ${dir}`, `id ${dir}`], 'channel_index', 'receivedAt', dir), ...fax.args, 100, 0);
      expect(walk).toMatch(/SEARCH complaints USING INDEX complaints_channel \(channel=\?\)/);
      expect(walk).not.toMatch(/TEMP B-TREE/);
    }
  });
});
