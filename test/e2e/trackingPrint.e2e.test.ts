import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { trackingPrintHash } from '../../renderer/src/features/print/trackingPrintSpec';
import { VOLUME_ROWS } from '../../renderer/src/features/print/useTrackingPrint';
import type { TrackingPage } from '../../shared/domain/tracking';
import { tmpDir } from '../helpers/core';
import { launchChromium, SHOTS, shot, startWebHost, type WebHost } from './harness';
import { api, logIn } from './steps';

/**
 * Annex 3 printed in full (issue 16): a lead filters the tracking sheet to a few hundred complaints and
 * prints every row of the filter, not the page on screen; the PDF (as 导出 PDF… makes it) is A4
 * landscape, with the header row and a page number on every page and signature lines at the end. A view
 * of more than VOLUME_ROWS rows prints in volumes. (The 200k-complaint figures: `npm run bench -- tracking-print`.)
 */

let browser: Browser;
let host: WebHost;
let page: Page;
const dataDir = tmpDir('hd-e2e-tracking-print-');
const NOW = Date.parse('2026-11-22T02:00:00.000Z');
const NO = /TS-\d{4}-[A-Z0-9]+-\d{4,}/g;

beforeAll(async () => {
  await bulkDemo({ dataDir, customers: 300, calls: 0, complaints: 2500, days: 120, now: NOW, seed: 16 });
  browser = await launchChromium();
  host = await startWebHost(dataDir);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // window.print() does nothing in headless Chromium: count the calls (the PDF below is what it would print).
  await context.addInitScript({ content: 'window.__prints = 0; window.print = () => { window.__prints += 1; };' });
  page = await context.newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

/** The page as 导出 PDF… renders it (electron/main/print.ts: A4, the page's own @page rule), as text per page. */
async function pdfPages(name: string): Promise<{ file: string; pages: string[]; size: string }> {
  const file = path.join(SHOTS, '..', `${name}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const size = /Page size:\s+(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { file, size, pages: text.split('\f').filter((p) => p.trim()) };
}

/** The view's rows as the sheet pages through them (pages of 500). */
async function sheetNos(view: object): Promise<string[]> {
  const nos: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = (await api(page, 'tracking.query', { ...view, limit: 500, offset })).result as TrackingPage;
    nos.push(...rows.map((r) => r.complaintNo));
    if (rows.length < 500) return nos;
  }
}

const prints = () => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

describe('annex 3 printed in full', () => {
  const view = { severity: ['major'], sort: 'receivedAt', dir: 'desc' };

  it('a lead filters the sheet to the major complaints and prints them all, with the progress shown while the rows come', async () => {
    await page.goto(host.url);
    await logIn(page, { username: 'lead', password: DEMO_PASSWORD });
    await page.goto(`${host.url}/#/tracking`);
    await page.getByTestId('tracking-row').first().waitFor();
    await page.getByTestId('tracking-severity').click();
    await page.locator('.ant-select-item-option[title="重大投诉"]').click();
    await page.keyboard.press('Escape');
    const expected = await sheetNos(view);
    expect(expected.length).toBeGreaterThan(150);
    expect(expected.length).toBeLessThanOrEqual(VOLUME_ROWS);
    await page.waitForFunction((n) => document.querySelector('[data-testid="tracking-total"]')?.textContent === `共 ${n} 条`, expected.length);
    // The sheet shows a page of 100; the print holds the whole filter.
    expect(await page.getByTestId('tracking-row').count()).toBeLessThan(expected.length);

    // Each chunk of rows held back a moment, so that the bar can be seen (a few hundred rows are one quick chunk).
    await page.route('**/rpc/tracking.printRows', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByTestId('tracking-print').click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/print/tracking/'));
    await page.getByTestId('tracking-print-progress').waitFor();
    expect(await page.getByTestId('tracking-print-progress-count').innerText()).toBe(`0 / ${expected.length} 条(0%)`);
    // The first chunk in, the second on its way.
    await page.waitForFunction(() => document.querySelector('[data-testid="tracking-print-progress-count"]')?.textContent?.startsWith('250 /'));
    await shot(page, 'tracking-print-01-progress');
    await page.getByTestId('print-ready').waitFor({ state: 'attached', timeout: 30_000 });
    await page.unroute('**/rpc/tracking.printRows');
    // Ready: the print dialog opened by itself, once.
    await page.waitForFunction(() => (window as unknown as { __prints: number }).__prints === 1);
    expect(await page.getByTestId('tracking-print-summary').innerText()).toBe(`共 ${expected.length} 条,约 ${Math.ceil(expected.length / 9)} 页`);
    await shot(page, 'tracking-print-02-ready');

    const { file, size, pages } = await pdfPages('tracking-print-full');
    expect(size).toMatch(/^841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // landscape: 297 × 210 mm
    console.log(`annex 3 in full: ${expected.length} rows on ${pages.length} A4 landscape pages (${file})`);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      // The header row and the page number on every page.
      for (const h of ['投诉编号', '登记时间', '客户', '等级', '状态', '下一期限']) expect(p, `page ${i + 1}`).toContain(h);
      expect(p.replace(/\s+/g, ''), `page ${i + 1}`).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    expect(pages[0]).toContain('客户投诉及处理跟踪表');
    expect(pages[0]!.replace(/\s+/g, '')).toContain(`第1–${expected.length}条,共${expected.length}条`);
    for (const sign of ['填表人', '审核人', '日期']) expect(pages.at(-1)).toContain(sign);
    // Every row of the filter, once, in the sheet's order; the rows on screen are its first ones.
    const printed = pages.join('\n').match(NO) ?? [];
    expect(printed.length).toBe(expected.length);
    expect(printed).toEqual(expected);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, 'tracking-print-03-pdf-page1')]);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', pages.length, '-l', pages.length, '-singlefile', file, path.join(SHOTS, 'tracking-print-04-pdf-last')].map(String));

    // 打印 prints it again; 返回 goes back to the sheet as the lead left it.
    await page.getByTestId('print-now').click();
    expect(await prints()).toBe(2);
    await page.getByTestId('tracking-print-back').click();
    await page.getByTestId('tracking-row').first().waitFor();
    expect(await page.getByTestId('tracking-total').innerText()).toBe(`共 ${expected.length} 条`);
  });

  it(`a view of more than ${VOLUME_ROWS} rows prints in volumes, each with its header rows, page numbers and signature lines`, async () => {
    const all = { sort: 'receivedAt', dir: 'desc' };
    const expected = await sheetNos(all);
    const volumes = Math.ceil(expected.length / VOLUME_ROWS);
    expect(volumes).toBeGreaterThan(1);
    // The same page (a new hash): the print counter goes on from the first test.
    const before = await prints();
    await page.goto(`${host.url}/#${trackingPrintHash(all as never)}`);
    await page.getByTestId('print-ready').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.getByTestId('tracking-print-volume').innerText()).toBe(`第 1 册 / 共 ${volumes} 册`);
    // Several volumes: nothing prints by itself; the lead prints one, or all one after the other.
    expect(await prints()).toBe(before);
    await shot(page, 'tracking-print-05-volumes');
    const printed: string[] = [];
    for (let v = 1; v <= volumes; v++) {
      if (v > 1) {
        await page.getByTestId('tracking-print-next').click();
        await page.waitForFunction((n) => document.querySelector('[data-testid="tracking-print-volume"]')?.textContent?.startsWith(`第 ${n} 册`), v);
        await page.getByTestId('print-ready').waitFor({ state: 'attached', timeout: 30_000 });
      }
      const { pages } = await pdfPages(`tracking-print-volume-${v}`);
      pages.forEach((p, i) => {
        expect(p, `volume ${v} page ${i + 1}`).toContain('投诉编号');
        expect(p.replace(/\s+/g, ''), `volume ${v} page ${i + 1}`).toContain(`第${v}册/共${volumes}册·第${i + 1}页/共${pages.length}页`);
      });
      for (const sign of ['填表人', '审核人', '日期']) expect(pages.at(-1)).toContain(sign);
      const nos = pages.join('\n').match(NO) ?? [];
      expect(nos.length).toBe(v < volumes ? VOLUME_ROWS : expected.length - VOLUME_ROWS * (volumes - 1));
      printed.push(...nos);
      console.log(`annex 3, volume ${v} of ${volumes}: ${nos.length} rows on ${pages.length} pages`);
    }
    expect(printed).toEqual(expected);

    // 逐册打印全部: every volume printed, one after the other, from the first.
    await page.getByTestId('tracking-print-all').click();
    await page.waitForFunction((n) => (window as unknown as { __prints: number }).__prints === n, before + volumes, { timeout: 60_000 });
    await page.getByTestId('tracking-print-all').waitFor();
    expect(await page.getByTestId('tracking-print-volume').innerText()).toBe(`第 ${volumes} 册 / 共 ${volumes} 册`);
  });
});
