import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { DB_FILE, openDatabase } from '../../electron/core/db/open';
import { listCalls } from '../../electron/core/store/calls';
import { callRecordsTable } from '../../electron/core/store/tables';
import { applyChanges } from '../../electron/core/sync/apply';
import { mutationEnvFrom } from '../../shared/domain/mutations';
import { readSettings } from '../../electron/core/store/settings';
import { PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';

/** The call search indexes follow every way a call record is written: saves, edits, voids, pulls, migration 004. */

let c: TestConsole;
afterEach(() => c?.close());

const FIELDS = ['record_no', 'caller_name', 'organisation', 'report_no', 'phone', 'phone_normalized', 'content', 'reply_content', 'suggestions'];

function likeScan(db: Database.Database, term: string): string[] {
  const where = FIELDS.map((f) => `${f} LIKE ?`).join(' OR ');
  return db.prepare(`SELECT id FROM call_records WHERE ${where} ORDER BY answered_at DESC, id DESC`).pluck().all(...FIELDS.map(() => `%${term}%`)) as string[];
}

/** Both full-text indexes hold exactly one entry per call record, and FTS5 finds them consistent. */
function expectIndexesWhole(db: Database.Database): void {
  const rows = db.prepare('SELECT count(*) FROM call_records').pluck().get();
  expect(db.prepare('SELECT count(*) FROM calls_fts').pluck().get()).toBe(rows);
  expect(db.prepare('SELECT count(*) FROM calls_grams').pluck().get()).toBe(rows);
  db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('integrity-check')");
  db.exec("INSERT INTO calls_grams (calls_grams) VALUES ('integrity-check')");
}

async function answerWith(content: string, extra: Record<string, unknown> = {}) {
  const rec = await c.ok('calls.answer', { phone: '13912345678' });
  return c.ok('calls.save', { id: rec.id, fields: { content, ...extra } });
}

const ids = async (q: string, more: Record<string, unknown> = {}) => (await c.ok('calls.list', { q, includeVoided: true, limit: 500, ...more })).rows.map((r) => r.id);

describe('call search index upkeep', () => {
  it('follows saves, edits and voids; one-, two- and four-character terms', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const a = await answerWith('羊绒围巾起球严重,要求复检', { callerName: '欧阳娜' });
    c.clock.advance(60_000);
    const b = await answerWith('咨询甲醛含量检测费用');
    expect(await ids('起球')).toEqual([a.id]);
    expect(await ids('羊绒围巾')).toEqual([a.id]);
    expect(await ids('球')).toEqual([a.id]);
    expect(await ids('欧阳')).toEqual([a.id]);
    expect(await ids('检')).toEqual([b.id, a.id]);
    expect(await ids('检测')).toEqual([b.id]);

    await c.ok('calls.save', { id: a.id, fields: { content: '报告出具延误', callerName: '孙先生' } });
    expect(await ids('起球')).toEqual([]);
    expect(await ids('羊绒围巾')).toEqual([]);
    expect(await ids('欧阳')).toEqual([]);
    expect(await ids('延误')).toEqual([a.id]);
    expect(await ids('报告出具')).toEqual([a.id]);
    expect(await ids('孙')).toEqual([a.id]);

    // A save that leaves the searchable text alone writes no tokens (and finds the same).
    await c.ok('calls.save', { id: b.id, fields: { category: 'consultation', answeredOnSpot: true, satisfaction: 5 }, end: true });
    expect(await ids('甲醛')).toEqual([b.id]);

    await c.ok('calls.void', { id: b.id, reason: '误登记' });
    expect((await c.ok('calls.list', { q: '甲醛' })).rows).toEqual([]);
    expect(await ids('甲醛')).toEqual([b.id]);
    expectIndexesWhole(c.core.context.db);
  });

  it('orders calls answered in the same second by id, across pages of any size', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    // The test clock stands still: fourteen calls answered at the same instant, then three later ones.
    for (let i = 0; i < 14; i++) await answerWith(`第${i}次来电,查询检测报告`);
    for (let i = 0; i < 3; i++) {
      c.clock.advance(400);
      await answerWith('查询检测报告进度');
    }
    const expected = likeScan(c.core.context.db, '检测报告');
    expect(expected).toHaveLength(17);
    for (const limit of [1, 3, 4, 5, 16, 17, 50]) {
      const got: string[] = [];
      for (let offset = 0; offset < 20; offset += limit) got.push(...(await c.ok('calls.list', { q: '检测报告', limit, offset })).rows.map((r) => r.id));
      expect(got, `pages of ${limit}`).toEqual(expected);
      const twoChars: string[] = [];
      for (let offset = 0; offset < 20; offset += limit) twoChars.push(...(await c.ok('calls.list', { q: '检测', limit, offset })).rows.map((r) => r.id));
      expect(twoChars, `pages of ${limit}, two characters`).toEqual(expected);
    }
  });

  it('follows rows pulled from the hub: a new record, and a change to one of ours', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const mine = await answerWith('询问羽绒服含绒量检测');
    const db = c.core.context.db;
    // Our edits have reached the hub (acknowledged): a pulled version is saved as it is, no rebase.
    db.exec("UPDATE outbox SET state = 'applied'");
    const theirs = { ...mine, id: uuidv7(), recordNo: 'LD-20261122-B02-0001', workstation: 'B02', content: '反映真丝睡衣色牢度不合格', callerName: '钱女士' };
    const changed = { ...callRecordsTable.get(db, mine.id)!, content: '投诉牛仔裤甲醛超标', version: mine.version + 1 };
    db.transaction(() =>
      applyChanges(
        db,
        [
          { entity: 'call', id: theirs.id, seq: 1, data: theirs },
          { entity: 'call', id: mine.id, seq: 2, data: changed },
        ] as never,
        () => mutationEnvFrom(readSettings(db)!),
      ),
    )();
    expect(await ids('真丝')).toEqual([theirs.id]);
    expect(await ids('色牢度')).toEqual([theirs.id]);
    expect(await ids('B02')).toEqual([theirs.id]);
    expect(await ids('钱')).toEqual([theirs.id]);
    expect(await ids('甲醛超标')).toEqual([mine.id]);
    expect(await ids('羽绒')).toEqual([]);
    expect(await ids('含绒量')).toEqual([]);
    expectIndexesWhole(db);
  });

  it('migration 004 indexes the calls of an existing version-3 store', async () => {
    // Records made by the current core, written into a store that stopped at migration 003.
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const contents = ['咨询纺织品色牢度检测的周期和费用', '查询检测报告出具进度', '对检测收费有异议,要求退款', '建议增加网上查询报告的功能', '打错电话'];
    for (const [i, content] of contents.entries()) {
      await answerWith(content, { reportNo: i % 2 ? `ZJ20261122${i}` : '', suggestions: i === 3 ? '希望周末受理' : '' });
      c.clock.advance(90_000);
    }
    const rows = c.core.context.db.prepare('SELECT * FROM call_records').all() as Record<string, unknown>[];
    c.close();

    const dir = tmpDir();
    const v3 = new Database(path.join(dir, DB_FILE));
    migrate(v3, 3);
    // Only the columns version 3 has (later migrations may add more to call_records).
    const v3cols = new Set((v3.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('call_records') as string[]));
    const cols = Object.keys(rows[0]!).filter((k) => v3cols.has(k));
    const ins = v3.prepare(`INSERT INTO call_records (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`);
    for (const r of rows) ins.run(Object.fromEntries(cols.map((k) => [k, k === 'customer_id' ? null : r[k]])));
    v3.close();

    const db = openDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
      expectIndexesWhole(db);
      const list = (q: string) => listCalls(db, { q, includeVoided: true, limit: 100, offset: 0 }, { userId: 'u-lead', role: 'team_lead' }).rows.map((r) => r.id);
      for (const q of ['检', '检测', '报告', '检测报告', '色牢度', '退款', '周末', 'ZJ2026', '5678', '13912345678', '错'])
        expect(list(q), q).toEqual(likeScan(db, q));
      expect(list('检测')).toHaveLength(3);
    } finally {
      db.close();
    }
  });
});
