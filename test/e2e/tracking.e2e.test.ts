import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import type { TrackingPage } from '../../shared/domain/tracking';
import { tmpDir } from '../helpers/core';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { api, logIn } from './steps';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COMPLAINTS = 200_000;

/**
 * A store of 200k complaints takes a few minutes to write on two cores, so the first run writes it once
 * into the temp directory, keyed by the code that makes it (bulk writer, generators, migrations), and
 * later runs copy it. Its clock is the moment it was written; overdue flags are computed at query time.
 */
async function seededStore(dataDir: string): Promise<void> {
  // Migrations keep frozen helpers in a lib/ folder: every file under migrations/ decides the store.
  const migrations = fs.readdirSync(path.join(ROOT, 'electron/core/db/migrations'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const sources = ['electron/core/demo/bulk.ts', 'electron/core/demo/data.ts', ...migrations.map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))];
  const hash = createHash('sha256');
  for (const f of sources.sort()) hash.update(fs.readFileSync(path.join(ROOT, f)));
  const cache = path.join(os.tmpdir(), `hd-e2e-tracking-${COMPLAINTS}-${hash.digest('hex').slice(0, 12)}`);
  if (!fs.existsSync(path.join(cache, 'done'))) {
    // Stores made by older code are 2 GB each and never used again.
    const prefix = `hd-e2e-tracking-${COMPLAINTS}-`;
    for (const old of fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith(prefix)))
      fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
    const started = Date.now();
    await bulkDemo({ dataDir: cache, customers: 20_000, calls: 0, complaints: COMPLAINTS, days: 365 });
    fs.writeFileSync(path.join(cache, 'done'), new Date().toISOString());
    console.log(`seeded ${COMPLAINTS} complaints in ${((Date.now() - started) / 1000).toFixed(0)} s (cached in ${cache})`);
  }
  fs.copyFileSync(path.join(cache, DB_FILE), path.join(dataDir, DB_FILE));
}

let browser: Browser;
let host: WebHost;
let page: Page;
const dataDir = tmpDir('hd-e2e-tracking-');

beforeAll(async () => {
  await seededStore(dataDir);
  browser = await launchChromium();
  host = await startWebHost(dataDir);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  page = await context.newPage();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const visibleNos = () => page.$$eval('[data-testid="tracking-row"]', (rows) => rows.map((r) => r.getAttribute('data-complaint-no') ?? ''));

/** Applies one change to the view and reports how long the sheet took to show the new rows. */
async function timed(label: string, act: () => Promise<void>, until: (nos: string[]) => boolean): Promise<number> {
  const before = (await visibleNos()).join();
  // Listen before acting: the answer can come back within milliseconds.
  const answered = page.waitForResponse((r) => r.url().includes('/rpc/tracking.query'));
  const t0 = Date.now();
  await act();
  await answered;
  await page.waitForFunction(
    (prev) => {
      const rows = [...document.querySelectorAll('[data-testid="tracking-row"]')].map((r) => r.getAttribute('data-complaint-no'));
      return rows.join() !== prev && !document.querySelector('[data-testid="tracking-table"] .ant-spin-spinning');
    },
    before,
    { timeout: 15_000 },
  );
  const ms = Date.now() - t0;
  console.log(`tracking sheet, ${label}: rows shown ${ms} ms after the change`);
  expect(until(await visibleNos())).toBe(true);
  return ms;
}

/** The view the sheet is showing, as the core answers it (same parameters as the page). */
async function viewFromCore(view: object, limit = 100): Promise<TrackingPage> {
  return (await api(page, 'tracking.query', { ...view, limit })).result as TrackingPage;
}

describe(`a team lead works the tracking sheet over ${COMPLAINTS} complaints (annex 3)`, () => {
  const view: Record<string, unknown> = { sort: 'receivedAt', dir: 'desc' };

  it('logs in as the team lead and opens the sheet', async () => {
    await page.goto(host.url);
    await logIn(page, { username: 'lead', password: DEMO_PASSWORD });
    const t0 = Date.now();
    await page.goto(`${host.url}/#/tracking`);
    await page.getByTestId('tracking-row').first().waitFor();
    console.log(`tracking sheet, first open: rows shown ${Date.now() - t0} ms after navigation`);
    expect(await page.getByTestId('tracking-total').innerText()).toBe('共 10000+ 条');
    await shot(page, 'tracking-01-sheet');
  });

  it('filters by severity and overdue', async () => {
    await timed(
      'severity 重大投诉',
      async () => {
        await page.getByTestId('tracking-severity').click();
        await page.locator('.ant-select-item-option[title="重大投诉"]').click();
        await page.keyboard.press('Escape');
      },
      (nos) => nos.length > 0,
    );
    view.severity = ['major'];
    const major = await viewFromCore(view);
    expect(major.rows.every((r) => r.severity === 'major')).toBe(true);
    await timed('overdue only', () => page.getByTestId('tracking-overdue').click(), (nos) => nos.length > 0);
    view.overdue = true;
    const overdue = await viewFromCore(view);
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.rows.every((r) => r.severity === 'major' && r.overdue.length > 0)).toBe(true);
    expect(await visibleNos()).toEqual(overdue.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
    expect(await page.getByTestId('tracking-overdue-tag').count()).toBeGreaterThan(0);
    await shot(page, 'tracking-02-major-overdue');
  });

  it('searches a two-character Chinese term', async () => {
    // Within the major, overdue complaints: many of them asked for their money back.
    await timed('search 退款', () => page.getByTestId('tracking-search').fill('退款'), (nos) => nos.length > 0);
    view.q = '退款';
    const found = await viewFromCore(view);
    expect(found.total).toBeGreaterThan(0);
    expect(found.rows.every((r) => `${r.problem}${r.result}`.includes('退款') || r.complainant.includes('退款') || r.organisation.includes('退款'))).toBe(true);
    expect(await visibleNos()).toEqual(found.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
    await shot(page, 'tracking-03-search');
  });

  it('sorts by next deadline', async () => {
    await timed(
      'sort by next deadline',
      () => page.locator('.ant-table-thead th').filter({ hasText: '下一期限' }).first().click(),
      (nos) => nos.length > 0,
    );
    view.sort = 'nextDeadline';
    view.dir = 'asc';
    const sorted = await viewFromCore(view);
    const deadlines = sorted.rows.map((r) => r.nextDeadline ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());
    expect(await visibleNos()).toEqual(sorted.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
    await shot(page, 'tracking-04-sorted');
  });

  it('opens a row', async () => {
    const first = page.getByTestId('tracking-row').first();
    const no = await first.getAttribute('data-complaint-no');
    const { rows } = await viewFromCore(view, 1);
    await first.click();
    await page.waitForFunction((id) => window.location.hash === `#/complaints/${id}`, rows[0]!.id);
    await page.getByText(no!).first().waitFor({ timeout: 15_000 });
    await shot(page, 'tracking-05-complaint');
    // Back on the sheet, the lead's view (filters, search, sort) is as it was left.
    await page.goBack();
    await page.getByTestId('tracking-row').first().waitFor();
    const again = await viewFromCore(view);
    await page.waitForFunction((first) => document.querySelector('[data-testid="tracking-row"]')?.getAttribute('data-complaint-no') === first, again.rows[0]!.complaintNo);
    expect(await visibleNos()).toEqual(again.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
    expect(await page.getByTestId('tracking-search').inputValue()).toBe('退款');
  });

  it('exports the view to .xlsx, whose rows match the view', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByTestId('tracking-export-xlsx').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^客户投诉及处理跟踪表-\d{12}\.xlsx$/);
    const file = path.join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    await shot(page, 'tracking-06-exported');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const expected = await viewFromCore(view, 500);
    expect(expected.total).toBeLessThan(500);
    expect(ws.rowCount - 1).toBe(expected.total);
    expect(ws.getRow(1).getCell(1).value).toBe('投诉编号');
    expected.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.complaintNo);
      expect((row.getCell(2).value as Date).getTime()).toBe(Date.parse(r.receivedAt) + 8 * 3600_000);
      expect(row.getCell(3).value).toBe(r.complainant);
      expect(row.getCell(7).value).toBe(r.severity === 'major' ? '重大投诉' : r.severity);
    });
    // The rows on screen are the first rows of the file, in the same order.
    const shown = await visibleNos();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.rows.slice(0, shown.length).map((r) => r.complaintNo));
  });
});
