import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { api, type ParamsOf } from '../../shared/api/contract';
import { PRINT_CHUNK_MAX } from '../../shared/api/trackingPrintContract';
import type { TrackingRow } from '../../shared/domain/tracking';
import { openTestConsole, rowCounts, type TestConsole, tmpDir } from '../helpers/core';

/**
 * Annex 3 printed in full (tracking.printKeys, tracking.printRows): every row of the sheet's view, in the
 * sheet's order, exactly the rows the sheet pages through, a chunk at a time; audited as a print.
 */

const NOW = Date.parse('2026-11-22T02:00:00.000Z');
let c: TestConsole;

beforeAll(async () => {
  const dir = tmpDir('hd-print-full-');
  await bulkDemo({ dataDir: dir, customers: 0, calls: 0, complaints: 1600, days: 90, now: NOW, seed: 16 });
  c = openTestConsole(dir);
  c.clock.t = NOW;
  await c.login('lead', DEMO_PASSWORD);
}, 120_000);
afterAll(() => c?.close());

type Query = ParamsOf<'tracking.query'>;

/** The sheet's own pages of 500, one after another: what a lead scrolling through every page would see. */
async function sheetRows(view: Query): Promise<TrackingRow[]> {
  const out: TrackingRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await c.ok('tracking.query', { ...view, limit: 500, offset });
    out.push(...page.rows);
    if (page.rows.length < 500) return out;
  }
}

/** What the print view fetches: the keys, then their rows a chunk at a time. */
async function printedRows(view: ParamsOf<'tracking.printKeys'>): Promise<TrackingRow[]> {
  const { keys } = await c.ok('tracking.printKeys', view);
  const out: TrackingRow[] = [];
  for (let at = 0; at < keys.length; at += PRINT_CHUNK_MAX) out.push(...(await c.ok('tracking.printRows', { keys: keys.slice(at, at + PRINT_CHUNK_MAX) })).rows);
  return out;
}

describe('tracking.printKeys / tracking.printRows: annex 3 in full', () => {
  const views: [string, ParamsOf<'tracking.printKeys'>][] = [
    ['the whole sheet, newest first', { sort: 'receivedAt', dir: 'desc' }],
    ['major complaints by customer name', { severity: ['major'], sort: 'complainant', dir: 'asc' }],
    ['overdue, by next deadline', { overdue: true, sort: 'nextDeadline', dir: 'asc' }],
    ['a search, by days open', { q: '退款', sort: 'daysOpen', dir: 'desc' }],
    ['closed in handling order', { status: ['closed'], sort: 'status', dir: 'asc' }],
    ['the board’s drill-down: callbacks this month', { list: 'callback_month' }],
  ];

  it.each(views)('prints exactly the rows the sheet pages through, in its order: %s', async (_name, view) => {
    const sheet = await sheetRows(view as Query);
    const printed = await printedRows(view);
    expect(sheet.length).toBeGreaterThan(0);
    expect(printed.length).toBe(sheet.length);
    expect(printed).toEqual(sheet);
  });

  it('holds more than one chunk and one volume for the whole sheet, and every row once', async () => {
    const { keys } = await c.ok('tracking.printKeys', {});
    expect(keys.length).toBeGreaterThan(1000);
    const rows = await printedRows({});
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // The sheet's total where it counts exactly (up to 10 000 rows) agrees.
    const page = await c.ok('tracking.query', { limit: 1 });
    expect(page.capped).toBeUndefined();
    expect(rows.length).toBe(page.total);
  });

  it('a row saved after the keys were taken prints as it stands then, in its place', async () => {
    const { keys } = await c.ok('tracking.printKeys', { sort: 'receivedAt', dir: 'desc' });
    const before = (await c.ok('tracking.printRows', { keys: keys.slice(0, 50) })).rows;
    const i = before.findIndex((r) => r.status === 'registered' || r.status === 'in_handling');
    expect(i).toBeGreaterThanOrEqual(0);
    await c.ok('complaints.edit', { id: before[i]!.id, fields: { problem: '打印期间补充的问题描述' } });
    const after = (await c.ok('tracking.printRows', { keys: keys.slice(0, 50) })).rows;
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after[i]!.problem).toBe('打印期间补充的问题描述');
  });

  it('audits the print of the view and every chunk of rows read for it', async () => {
    const db = c.core.context.db;
    const count = (entity: string) => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'print' AND entity = ?").get(entity) as { n: number }).n;
    const [sheets, complaints] = [count('tracking_sheet'), count('complaint')];
    const { keys } = await c.ok('tracking.printKeys', { severity: ['major'] });
    await c.ok('tracking.printRows', { keys: keys.slice(0, 10) });
    expect(count('tracking_sheet')).toBe(sheets + 1);
    expect(count('complaint')).toBeGreaterThan(complaints);
    const last = db.prepare("SELECT detail FROM audit_log WHERE action = 'print' AND entity = 'tracking_sheet' ORDER BY rowid DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(last.detail)).toEqual({ rows: keys.length, view: { severity: ['major'] } });
  });

  it('is for team leads and administrators only', async () => {
    const { keys } = await c.ok('tracking.printKeys', {});
    for (const who of ['agent', 'officer', 'zhijian']) {
      await c.login(who, DEMO_PASSWORD);
      expect(await c.call('tracking.printKeys', {}), who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('tracking.printRows', { keys: keys.slice(0, 2) }), who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await c.login('admin', DEMO_PASSWORD);
    expect((await c.ok('tracking.printRows', { keys: keys.slice(0, 2) })).rows).toHaveLength(2);
    await c.login('lead', DEMO_PASSWORD);
  });

  it('refuses malformed params with field errors and writes nothing', async () => {
    const before = rowCounts(c.core);
    const bad: [string, unknown][] = [
      ['tracking.printRows', { keys: [] }],
      ['tracking.printRows', { keys: Array.from({ length: PRINT_CHUNK_MAX + 1 }, (_, i) => i + 1) }],
      ['tracking.printRows', { keys: [0] }],
      ['tracking.printRows', { keys: [1.5] }],
      ['tracking.printRows', { keys: ['1'] }],
      ['tracking.printRows', { keys: [1], extra: true }],
      ['tracking.printKeys', { sort: 'nope' }],
      ['tracking.printKeys', { list: 'everything' }],
      ['tracking.printKeys', { limit: 10 }],
    ];
    for (const [m, p] of bad) expect(await c.raw(m, p), `${m} ${JSON.stringify(p).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('takes the same board drill-downs as tracking.query', () => {
    const listOf = (m: 'tracking.query' | 'tracking.printKeys') => (api[m].params.shape.list.unwrap() as { options: string[] }).options;
    expect(listOf('tracking.printKeys')).toEqual(listOf('tracking.query'));
  });
});
