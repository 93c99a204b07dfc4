import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { tmpDir } from '../helpers/core';
import { launchChromium, SHOTS, shot, startWebHost, type WebHost } from './harness';
import { logIn } from './steps';
import { COMPLAINTS, seededTrackingStore } from './trackingSheet';

/**
 * Annex 3 exported in full from the browser, over 200k complaints: the export runs as a job in the
 * host, the page shows its progress (and can cancel it), and the .xlsx that downloads holds every row
 * of the view. The host's memory is measured around it: its resident size before, and its peak during
 * the export (the kernel's high-water mark, reset just before).
 */

let browser: Browser;
let host: WebHost;
let page: Page;
let pid = 0;
const dataDir = tmpDir('hd-e2e-export-');
/** The view's rows as SQLite counts them in the store, before the host opens it. */
let allRows = 0;

const MB = (kb: number) => Math.round(kb / 1024);
function status(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0);
}

/** The host's process: the one whose command line names this test's data folder. */
function hostPid(): number {
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmd.includes('electron/core/host/cli.ts') && cmd.includes(dataDir)) return Number(p);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('the browser host process was not found');
}

/** Data rows of a downloaded .xlsx, read as a stream (the file is tens of MB), with its header and last lines. */
async function readBack(file: string): Promise<{ header: unknown[]; rows: number; firstNo: unknown; last: unknown[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  let header: unknown[] = [];
  let rows = 0;
  let firstNo: unknown = null;
  let last: unknown[] = [];
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1);
      if (row.number === 1) header = values;
      else if (typeof values[0] === 'string' && /^TS-/.test(values[0])) {
        rows++;
        firstNo ??= values[0];
      } else if (values.some((v) => v)) last = values;
    }
  }
  return { header, rows, firstNo, last };
}

beforeAll(async () => {
  await seededTrackingStore(dataDir);
  const key = Buffer.from(fs.readFileSync(`${dataDir}.key`, 'utf8').trim(), 'hex');
  const db = openEncryptedSqlite(path.join(dataDir, DB_FILE), { key, readonly: true });
  allRows = db.prepare("SELECT count(*) FROM complaints WHERE status != 'voided'").pluck().get() as number;
  db.close();
  browser = await launchChromium();
  host = await startWebHost(dataDir, { startMs: 180_000 });
  pid = hostPid();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  page = await context.newPage();
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

const tray = () => page.getByTestId('job-tray');
const count = () => page.getByTestId('job-progress-count').innerText();

describe(`annex 3 exported in full over ${COMPLAINTS} complaints`, () => {
  it('cancels a full export from its progress bar: the bar goes, nothing downloads, no file is left', async () => {
    await page.goto(host.url);
    await logIn(page, { username: 'lead', password: DEMO_PASSWORD });
    await page.goto(`${host.url}/#/tracking`);
    await page.getByTestId('tracking-row').first().waitFor({ timeout: 60_000 });
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('tracking-export-csv').click();
    await tray().waitFor({ timeout: 60_000 });
    await page.getByTestId('job-progress-cancel').click();
    await page.getByText('已取消导出').waitFor({ timeout: 30_000 });
    await tray().waitFor({ state: 'detached' });
    expect(downloads).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    page.removeAllListeners('download');
  }, 180_000);

  it('exports every row to .xlsx with its progress shown, in bounded memory; the file holds the view', async () => {
    const baseline = status('VmRSS');
    // The peak resident size from here on (Linux: 5 resets the high-water mark to the current size).
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const downloading = page.waitForEvent('download', { timeout: 900_000 });
    await page.getByTestId('tracking-export-xlsx').click();
    await tray().waitFor({ timeout: 60_000 });
    // The rows being written: the bar counts them against the view's total (pictured a little way in).
    await page.waitForFunction(() => /^[\d,]+ \/ [\d,]+ 条\((?:[5-9]|\d\d)%/.test(document.querySelector('[data-testid="job-progress-count"]')?.textContent ?? ''), undefined, {
      timeout: 300_000,
      polling: 250,
    });
    const during = await count();
    await shot(page, 'tracking-export-01-progress');
    const [, total] = /\/ ([\d,]+) 条/.exec(during)!;
    expect(Number(total!.replace(/,/g, ''))).toBe(allRows);
    // The sheet stays usable meanwhile: the next page of rows is fetched and shown.
    const answered = page.waitForResponse((r) => r.url().includes('/rpc/tracking.query'), { timeout: 60_000 });
    const clicked = Date.now();
    await page.locator('.ant-pagination-item-2').click();
    await answered;
    console.log(`during the export, the sheet's next page was answered ${Date.now() - clicked} ms after the click`);
    await page.waitForFunction(() => document.querySelector('.ant-pagination-item-active')?.textContent === '2', undefined, { timeout: 30_000, polling: 100 });

    const download = await downloading;
    const peak = status('VmHWM');
    console.log(`full export of ${allRows} complaints to .xlsx: host RSS ${MB(baseline)} MB before, peak ${MB(peak)} MB during (+${MB(peak - baseline)} MB)`);
    expect(download.suggestedFilename()).toMatch(/^客户投诉及处理跟踪表-\d{12}\.xlsx$/);
    const file = path.join(SHOTS, '..', download.suggestedFilename());
    await download.saveAs(file);
    await tray().waitFor({ state: 'detached' });
    await shot(page, 'tracking-export-02-done');
    // Taken once: the file is gone from the host, and its address answers no more.
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    expect((await page.request.get(download.url())).status()).toBe(404);
    // Memory stays bounded: far below the file's cells held at once (about a gigabyte as exceljs rows).
    expect(MB(peak)).toBeLessThan(700);

    const back = await readBack(file);
    expect(back.header.slice(0, 3)).toEqual(['投诉编号', '登记时间', '客户']);
    expect(back.rows).toBe(allRows);
    expect(back.last).toContain('填表人:______________');
    // The first row is the sheet's first row (newest first).
    const first = await page.evaluate(async () => {
      const res = await fetch('/rpc/tracking.query', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline': '1' }, body: JSON.stringify({ limit: 1 }) });
      return (await res.json()).result.rows[0].complaintNo as string;
    });
    expect(back.firstNo).toBe(first);
    fs.rmSync(file, { force: true });
  }, 1_200_000);
});
