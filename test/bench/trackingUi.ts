/**
 * `npm run bench -- tracking-ui` (issue 14): the tracking sheet in Chromium over the end-to-end test's
 * 200k-complaint store, against a browser host: how long after the query's answer reaches the page the
 * new rows are painted, and how long after the click or keystroke (less the search debounce); then the
 * first load of the login page (JavaScript, gzip) and the start of `npm run web` with current builds.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCore } from '../../electron/core';
import { DEMO_PASSWORD, setUpDemo } from '../../electron/core/demo/seed';
import { SEARCH_DEBOUNCE_MS } from '../../renderer/src/features/tracking/TrackingFilters';
import { tmpDir } from '../helpers/core';
import { freePort } from '../helpers/hub';
import { launchChromium, startWebHost } from '../e2e/harness';
import { logIn } from '../e2e/steps';
import { ACTION_TO_ROWS_MS, ANSWER_TO_ROWS_MS, armRows, COMPLAINTS, type RowTiming, rowTiming, seededTrackingStore, WATCH_TRACKING } from '../e2e/trackingSheet';
import { type Figure, pct, round } from './lib';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOGIN_JS_GZIP_MAX = 300_000;
const WEB_START_MAX_MS = 2_000;

export interface TrackingUiOptions {
  samples: number;
  webStarts: number;
  log: (s: string) => void;
}

function figure(name: string, xs: number[], target: number, unit = 'ms'): Figure {
  const p50 = round(pct(xs, 50));
  const p99 = round(pct(xs, 99));
  return { figure: name, unit, p50, p99, throughput: null, throughputUnit: '', target: `≤ ${target} ${unit}`, met: p99 !== null && p99 <= target, samples: xs.length };
}

export async function benchTrackingUi(o: TrackingUiOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  execFileSync(process.execPath, ['scripts/build-renderer-if-stale.mjs', '--host'], { cwd: ROOT, stdio: 'ignore' });

  // ---- the sheet over 200k complaints ----
  const dataDir = tmpDir('hd-bench-tracking-ui-');
  o.log(`  copying the ${COMPLAINTS / 1000}k-complaint store (the end-to-end test's cache; the first run writes it)`);
  await seededTrackingStore(dataDir);
  const browser = await launchChromium();
  const host = await startWebHost(dataDir, { startMs: 180_000 });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(WATCH_TRACKING);
    const page = await context.newPage();
    await page.goto(host.url);
    await logIn(page, { username: 'lead', password: DEMO_PASSWORD });
    await page.goto(`${host.url}/#/tracking`);
    await page.getByTestId('tracking-row').first().waitFor();
    const filter: RowTiming[] = [];
    const search: RowTiming[] = [];
    const terms = ['退款', '检测', '报告', '色牢度'];
    for (let i = 0; i < o.samples; i++) {
      // A filter: 只看超期 on and off.
      await armRows(page);
      await page.getByTestId('tracking-overdue').click();
      filter.push(await rowTiming(page));
      // A search: a term typed, then the next one (every search changes the rows).
      await armRows(page);
      await page.getByTestId('tracking-search').fill(terms[i % terms.length]!);
      search.push(await rowTiming(page, SEARCH_DEBOUNCE_MS));
    }
    const fig = (name: string, xs: RowTiming[], key: keyof RowTiming, target: number) =>
      figure(
        name,
        xs.map((t) => t[key]),
        target,
      );
    figures.push(fig('tracking sheet (Chromium, 200k): filter → rows painted after the query answers', filter, 'answerToRows', ANSWER_TO_ROWS_MS));
    figures.push(fig('tracking sheet (Chromium, 200k): filter → rows painted after the click', filter, 'actionToRows', ACTION_TO_ROWS_MS));
    figures.push(fig('tracking sheet (Chromium, 200k): search → rows painted after the query answers', search, 'answerToRows', ANSWER_TO_ROWS_MS));
    figures.push(
      fig(`tracking sheet (Chromium, 200k): search → rows painted after the keystroke, less the ${SEARCH_DEBOUNCE_MS} ms debounce`, search, 'actionToRows', ACTION_TO_ROWS_MS),
    );
    await context.close();
  } finally {
    await browser.close();
    await host.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.key`, { force: true });
  }

  // ---- the login page's first load, and npm run web with current builds ----
  const small = tmpDir('hd-bench-web-');
  const core = openCore({ dataDir: small });
  await setUpDemo(core);
  core.close();
  const port = await freePort();
  const starts: number[] = [];
  for (let i = 0; i < o.webStarts; i++) {
    const t0 = performance.now();
    const child = spawn('npm', ['run', 'web', '--', '--port', String(port), '--data', small, '--quiet'], { cwd: ROOT, stdio: 'ignore', detached: true });
    for (;;) {
      if (performance.now() - t0 > 30_000 || child.exitCode !== null) throw new Error('npm run web did not answer');
      if (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    starts.push(performance.now() - t0);
    if (i === o.webStarts - 1) {
      const b = await launchChromium();
      const page = await b.newPage();
      const js: number[] = [];
      page.on('response', async (res) => {
        if (/\.m?js(\?|$)/.test(res.url())) js.push(gzipSync(await res.body(), { level: 9 }).length);
      });
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
      await page.getByTestId('login-username').waitFor();
      const kB = js.reduce((a, b) => a + b, 0);
      figures.push({
        figure: 'login page: JavaScript loaded (gzip)',
        unit: 'kB',
        p50: round(kB / 1000),
        p99: round(kB / 1000),
        throughput: null,
        throughputUnit: '',
        target: `≤ ${LOGIN_JS_GZIP_MAX / 1000} kB`,
        met: kB <= LOGIN_JS_GZIP_MAX,
        samples: js.length,
      });
      await b.close();
    }
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  }
  figures.push(figure('npm run web answers, builds current (npm, stale check, host start)', starts, WEB_START_MAX_MS));
  notes.webStartsMs = starts.map((s) => round(s, 0));
  fs.rmSync(small, { recursive: true, force: true });
  fs.rmSync(`${small}.key`, { force: true });
  return { figures, notes };
}
