import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { CALL_SEARCH_COUNT_CAP, searchTerms } from '../../electron/core/store/callIndex';
import { openTestConsole, type TestClock, type TestConsole, tmpDir } from '../helpers/core';

/**
 * Call search (issue 6) against the plain LIKE scan it replaces, on a bulk demo store: same rows, same
 * order, for one-, two- and four-character terms, common and rare, Latin, digits and several terms; and
 * the same for an agent, who must not find other agents' confidential records by their hidden text.
 */

const NOW = Date.parse('2026-11-22T02:00:00.000Z');
const SHOWN = ['record_no', 'caller_name', 'organisation', 'report_no'];
const HIDDEN = ['phone', 'phone_normalized', 'content', 'reply_content', 'suggestions'];
let c: TestConsole;
let calls = 0;

beforeAll(async () => {
  const dir = tmpDir('hd-callsearch-');
  calls = (await bulkDemo({ dataDir: dir, customers: 300, calls: 3000, complaints: 0, days: 60, now: NOW, seed: 11 })).calls;
  c = openTestConsole(dir);
  (c.clock as TestClock).t = NOW;
  // One call in twelve is confidential (the flag is not indexed: visibility is decided at query time).
  c.core.context.db.exec("UPDATE call_records SET confidential = 1 WHERE rowid % 12 = 0");
});
afterAll(() => c?.close());

const db = () => c.core.context.db;
const anyLike = (cols: string[]) => `(${cols.map((col) => `${col} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
const esc = (t: string) => `%${t.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;

/** The reference: every term LIKE-matched in a field this user may read, newest first. */
function likeScan(q: string, readerId: string | null, includeVoided = true): string[] {
  const where: string[] = includeVoided ? [] : ['voided = 0'];
  const args: unknown[] = [];
  for (const t of searchTerms(q)) {
    const all = [...SHOWN, ...HIDDEN];
    if (readerId === null) {
      where.push(anyLike(all));
      args.push(...all.map(() => esc(t)));
    } else {
      where.push(`(${anyLike(SHOWN)} OR ((confidential = 0 OR agent_id = ?) AND ${anyLike(HIDDEN)}))`);
      args.push(...SHOWN.map(() => esc(t)), readerId, ...HIDDEN.map(() => esc(t)));
    }
  }
  const sql = `SELECT id FROM call_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY answered_at DESC, id DESC`;
  return db().prepare(sql).pluck().all(...args) as string[];
}

/** Every page of calls.list for q, concatenated; checks the count on the way. */
async function search(q: string, limit = 500, includeVoided = true): Promise<{ ids: string[]; total: number; capped: boolean }> {
  const ids: string[] = [];
  let total = -1;
  let capped = false;
  for (let offset = 0; ; offset += limit) {
    const page = await c.ok('calls.list', { q, limit, offset, includeVoided });
    if (offset === 0) {
      total = page.total;
      capped = page.capped === true;
    }
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < limit) break;
  }
  return { ids, total, capped };
}

const userId = (username: string) => db().prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;

describe('call search over a seeded store', () => {
  // Term classes of the demo vocabulary (electron/core/demo/data.ts); "rare" is checked, not assumed.
  const TERMS = {
    '1 char, common': '检',
    '1 char, rare': '乘',
    '2 chars, common': '检测',
    '2 chars, rare': '招聘',
    '4 chars, common': '检测报告',
    '4 chars, rare': '阻燃性能',
    '3 chars': '色牢度',
    'latin, either case': 'ph',
    'latin, upper': 'GB',
    'digits (report no., phone)': '0571',
    'a phone typed with separators': '138-0',
    'two terms': '咨询 费用',
    'terms of two indexes': '查询 检测报告',
    'a term with punctuation (LIKE)': 'pH值',
  };

  it('finds exactly the rows a LIKE scan finds, in the same order, for a team lead', async () => {
    await c.login('lead', DEMO_PASSWORD);
    const counts: Record<string, number> = {};
    for (const [label, q] of Object.entries(TERMS)) {
      const expected = likeScan(q, null);
      const got = await search(q);
      counts[label] = expected.length;
      expect(got.ids, `${label}: ${q}`).toEqual(expected);
      expect(got.total, `${label}: count`).toBe(Math.min(expected.length, CALL_SEARCH_COUNT_CAP));
      expect(got.capped, `${label}: capped`).toBe(expected.length > CALL_SEARCH_COUNT_CAP);
    }
    // The classes are what they say.
    for (const label of Object.keys(TERMS).filter((l) => l.includes('common'))) expect(counts[label], label).toBeGreaterThan(calls * 0.05);
    for (const label of Object.keys(TERMS).filter((l) => l.includes('rare'))) {
      expect(counts[label], label).toBeGreaterThan(0);
      expect(counts[label], label).toBeLessThan(calls * 0.03);
    }
  });

  it('pages a common term in small pages and with filters exactly like the scan', async () => {
    await c.login('lead', DEMO_PASSWORD);
    expect((await search('检测', 7)).ids.slice(0, 200)).toEqual(likeScan('检测', null).slice(0, 200));
    const from = new Date(NOW - 20 * 86_400_000).toISOString();
    const to = new Date(NOW - 10 * 86_400_000).toISOString();
    const page = await c.ok('calls.list', { q: '检测', from, to, category: 'consultation', limit: 500 });
    const expected = db()
      .prepare(`SELECT id FROM call_records WHERE voided = 0 AND answered_at >= ? AND answered_at < ? AND category = 'consultation' AND ${anyLike([...SHOWN, ...HIDDEN])} ORDER BY answered_at DESC, id DESC`)
      .pluck()
      .all(from, to, ...[...SHOWN, ...HIDDEN].map(() => esc('检测')));
    expect(page.rows.map((r) => r.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(20);
  });

  it('does not let an agent find other agents’ confidential records by their hidden text', async () => {
    await c.login('agent', DEMO_PASSWORD);
    const me = userId('agent');
    let hiddenHits = 0;
    for (const [label, q] of Object.entries(TERMS)) {
      const expected = likeScan(q, me);
      expect((await search(q)).ids, `${label}: ${q}`).toEqual(expected);
      hiddenHits += likeScan(q, null).length - expected.length;
    }
    expect(hiddenHits).toBeGreaterThan(0); // the restriction was exercised
    // What the list shows of a confidential record (its number, the caller) still finds it, masked.
    const other = db().prepare("SELECT record_no, caller_name FROM call_records WHERE confidential = 1 AND agent_id != ? AND content != '' LIMIT 1").get(me) as {
      record_no: string;
      caller_name: string;
    };
    const row = (await c.ok('calls.list', { q: other.record_no })).rows[0]!;
    expect(row).toMatchObject({ recordNo: other.record_no, content: '' });
    expect(row.phone).toContain('****');
  });
});
