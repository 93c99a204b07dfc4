import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_DEBOUNCE_MS } from '../../renderer/src/features/tracking/TrackingFilters';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import type { TrackingPage } from '../../shared/domain/tracking';
import { tmpDir } from '../helpers/core';
import { launchChromium, SHOTS, shot, startWebHost, type WebHost } from './harness';
import { api, logIn } from './steps';
import { ACTION_TO_ROWS_MS, ANSWER_TO_ROWS_MS, armRows, COMPLAINTS, rowTiming, seededTrackingStore, WATCH_TRACKING } from './trackingSheet';


let browser: Browser;
let host: WebHost;
let page: Page;
const dataDir = tmpDir('hd-e2e-tracking-');

beforeAll(async () => {
  await seededTrackingStore(dataDir);
  browser = await launchChromium();
  host = await startWebHost(dataDir, { startMs: 180_000 });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  await context.addInitScript(WATCH_TRACKING);
  page = await context.newPage();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

const visibleNos = () => page.$$eval('[data-testid="tracking-row"]', (rows) => rows.map((r) => r.getAttribute('data-complaint-no') ?? ''));

interface Timing {
  answerToRows: number;
  actionToRows: number;
  queryMs: number;
}

/**
 * Applies one change to the view and measures, in the page, how long the sheet took to show the new rows.
 * `warm`: the view the change leads to, asked once before: the store was copied just now, and a query's
 * first run reads its pages from disk (up to 300 ms here); the figures are the sheet's, over a warm
 * query as in daily use (16–41 ms at 200k in the issue), and the query's own time is printed beside them.
 */
async function timed(label: string, act: () => Promise<void>, until: (nos: string[]) => boolean, warm: object, debounce = 0): Promise<Timing> {
  await viewFromCore(warm);
  await armRows(page);
  const answered = page.waitForResponse((r) => r.url().includes('/rpc/tracking.query'));
  await act();
  const res = await answered;
  const timing = { ...(await rowTiming(page, debounce)), queryMs: res.request().timing().responseEnd };
  console.log(
    `tracking sheet, ${label}: rows painted ${timing.answerToRows.toFixed(0)} ms after the answer, ${timing.actionToRows.toFixed(0)} ms after the ${debounce ? `keystroke (+${debounce} ms debounce)` : 'click'}; query answered in ${timing.queryMs.toFixed(0)} ms`,
  );
  expect(until(await visibleNos())).toBe(true);
  return timing;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
      { ...view, severity: ['major'] },
    );
    view.severity = ['major'];
    const major = await viewFromCore(view);
    expect(major.rows.every((r) => r.severity === 'major')).toBe(true);
    await timed('overdue only', () => page.getByTestId('tracking-overdue').click(), (nos) => nos.length > 0, { ...view, overdue: true });
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
    await timed('search 退款', () => page.getByTestId('tracking-search').fill('退款'), (nos) => nos.length > 0, { ...view, q: '退款' }, SEARCH_DEBOUNCE_MS);
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
      { ...view, sort: 'nextDeadline', dir: 'asc' },
    );
    view.sort = 'nextDeadline';
    view.dir = 'asc';
    const sorted = await viewFromCore(view);
    const deadlines = sorted.rows.map((r) => r.nextDeadline ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());
    expect(await visibleNos()).toEqual(sorted.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
    await shot(page, 'tracking-04-sorted');
  });

  it(`keeps up: rows painted within ${ANSWER_TO_ROWS_MS} ms of the answer and ${ACTION_TO_ROWS_MS} ms of the click or keystroke`, async () => {
    // Six times each, median asserted: one sample on two shared cores says more about the neighbours.
    const filter: Timing[] = [];
    const search: Timing[] = [];
    for (let i = 0; i < 6; i++) {
      const on = i % 2 === 1;
      filter.push(await timed(`filter 只看超期 ${on ? 'on' : 'off'}`, () => page.getByTestId('tracking-overdue').click(), () => true, { ...view, overdue: on || undefined }));
    }
    for (let i = 0; i < 6; i++) {
      const q = i % 2 === 1 ? '退款' : '检测';
      search.push(await timed(`search ${q}`, () => page.getByTestId('tracking-search').fill(q), () => true, { ...view, q }, SEARCH_DEBOUNCE_MS));
    }
    const line = (name: string, xs: Timing[]) =>
      console.log(
        `tracking sheet, ${name} (median of ${xs.length}): ${median(xs.map((t) => t.answerToRows)).toFixed(0)} ms after the answer, ${median(xs.map((t) => t.actionToRows)).toFixed(0)} ms after the ${name === 'search' ? 'keystroke, less the debounce' : 'click'}; query ${median(xs.map((t) => t.queryMs)).toFixed(0)} ms`,
      );
    line('filter', filter);
    line('search', search);
    for (const xs of [filter, search]) {
      expect(median(xs.map((t) => t.answerToRows))).toBeLessThanOrEqual(ANSWER_TO_ROWS_MS);
      expect(median(xs.map((t) => t.actionToRows))).toBeLessThanOrEqual(ACTION_TO_ROWS_MS);
    }
    // Back where the lead was: 只看超期 on, 退款 searched.
    expect(await page.getByTestId('tracking-search').inputValue()).toBe('退款');
    const again = await viewFromCore(view);
    expect(await visibleNos()).toEqual(again.rows.map((r) => r.complaintNo).slice(0, (await visibleNos()).length));
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
    // The header, the rows, then a blank row and the signature line (填表人, 审核人, 日期).
    expect(ws.rowCount - 3).toBe(expected.total);
    expect(ws.getRow(ws.rowCount).getCell(1).value).toMatch(/^填表人/);
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
  it('prints annex 3 as the register: A4 landscape, numbers on one line, the header and a page number on every page, signature lines', async () => {
    // Without the search and 只看超期, the page holds 100 major complaints: several sheets of paper.
    await armRows(page);
    await page.getByTestId('tracking-search').fill('');
    await rowTiming(page, SEARCH_DEBOUNCE_MS);
    // The first rows stay (the overdue ones have the earliest deadlines): the count says the answer is in.
    const count = await page.getByTestId('tracking-total').innerText();
    await page.getByTestId('tracking-overdue').click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="tracking-total"]')?.textContent !== before, count);
    delete view.q;
    delete view.overdue;
    const shown = await viewFromCore(view);
    expect(shown.rows.length).toBe(100);
    expect(await visibleNos()).toEqual(shown.rows.slice(0, (await visibleNos()).length).map((r) => r.complaintNo));
    const pdf = path.join(SHOTS, '..', 'tracking-annex3.pdf');
    fs.mkdirSync(path.dirname(pdf), { recursive: true });
    // The same options as the app's 导出 PDF… (electron/main/print.ts): the page's own size; the page numbers are the page's own.
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // landscape: 297 × 210 mm
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    console.log(`annex 3: ${shown.rows.length} rows on ${pages.length} A4 landscape pages (${pdf})`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      // The header row on every page, and its number.
      for (const h of ['投诉编号', '登记时间', '客户', '等级', '状态', '下一期限']) expect(p).toContain(h);
      expect(p.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    const lines = text.split('\n');
    for (const r of shown.rows) {
      // Each number whole on one line, the customer's name and phone too (not one character per line).
      expect(lines.some((l) => l.includes(r.complaintNo)), r.complaintNo).toBe(true);
      expect(lines.some((l) => l.includes(r.complainant)), r.complainant).toBe(true);
      expect(lines.some((l) => l.includes(r.phone)), r.phone).toBe(true);
    }
    expect(pages[0]).toContain('客户投诉及处理跟踪表');
    const last = pages.at(-1)!;
    for (const sign of ['填表人', '审核人', '日期']) expect(last).toContain(sign);
    // The first page as an image, to look at.
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, 'tracking-07-annex3-page1')]);
  });

  it('at 1366 px the columns a lead reads first are in view; the column menu adds one, and the choice comes back', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('tracking-row').first().waitFor();
    const inView = async () =>
      page.evaluate(() => {
        const body = document.querySelector('[data-testid="tracking-table"] .ant-table-container')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="tracking-table"] thead th')]
          .filter((th) => {
            const r = th.getBoundingClientRect();
            return r.width > 0 && r.left >= body.left - 1 && r.right <= body.right + 1;
          })
          .map((th) => th.textContent ?? '');
      });
    const first = await inView();
    for (const title of ['投诉编号', '客户', '等级', '状态', '下一期限', '超期']) expect(first).toContain(title);
    await shot(page, 'tracking-08-1366');

    // The other columns are one click away in 列设置: 单位 is not shown by default; the lead adds it.
    const headers = () => page.locator('[data-testid="tracking-table"] thead th').allInnerTexts();
    expect(await headers()).not.toContain('单位');
    await page.getByTestId('tracking-columns').click();
    await page.locator('[data-testid="tracking-column-menu"] [data-column="organisation"]').click();
    await page.keyboard.press('Escape');
    expect(await headers()).toContain('单位');
    // Kept with the user's view: after a reload the column is still there.
    await page.waitForTimeout(800);
    await page.reload();
    await page.getByTestId('tracking-row').first().waitFor();
    expect(await headers()).toContain('单位');
    expect(((await api(page, 'tracking.prefs.get', {})).result as { columns?: string[] }).columns).toContain('organisation');
    await shot(page, 'tracking-09-column-menu');
    await page.getByTestId('tracking-columns').click();
    await page.getByTestId('tracking-columns-default').click();
    await page.keyboard.press('Escape');
    expect(await headers()).not.toContain('单位');
  });
});
