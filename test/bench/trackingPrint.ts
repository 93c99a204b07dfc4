/**
 * `npm run bench -- tracking-print` (issue 16): annex 3 printed in full over the end-to-end test's
 * 200k-complaint store, in Chromium against a browser host. The print view takes the whole sheet's keys,
 * then prints it a volume (册) of VOLUME_ROWS (500) rows at a time: for each volume walked, how long its rows take to
 * arrive, and what printing it to PDF (as 导出 PDF… does) costs the page's renderer process at its peak
 * (VmHWM, reset before each volume), beside the host's. Memory is bounded when the peak stays flat from
 * the first volume to the last. BENCH_PRINT_VOLUMES [6] consecutive volumes and the last one are printed;
 * BENCH_PRINT_ALL=1 prints every volume (the whole sheet: about 200 volumes, half an hour on two cores).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { trackingPrintHash } from '../../renderer/src/features/print/trackingPrintSpec';
import { VOLUME_ROWS } from '../../renderer/src/features/print/useTrackingPrint';
import { tmpDir } from '../helpers/core';
import { startWebHost } from '../e2e/harness';
import { logIn } from '../e2e/steps';
import { COMPLAINTS, seededTrackingStore } from '../e2e/trackingSheet';
import { type Figure, pct, round } from './lib';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A volume's rows should be in the page within a second (two requests of 500 rows). */
const VOLUME_READY_MAX_MS = 1000;
/**
 * The renderer's peak while printing a volume (about 55 pages) stays under this whatever the view's size:
 * the pages at about 5 MB each, the console, and garbage not yet collected (previous volumes' pages and
 * rows; after a collection the renderer is back near 260 MB).
 */
const RENDERER_PEAK_MAX_MB = 1536;

export interface TrackingPrintOptions {
  volumes: number;
  all: boolean;
  log: (s: string) => void;
}

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

function processes(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
}

/** The processes under `root` (inclusive). */
function tree(root: number): Proc[] {
  const all = processes();
  const ids = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!ids.has(p.pid) && ids.has(p.ppid)) {
        ids.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => ids.has(p.pid));
}

/** VmRSS and VmHWM (peak resident since the last reset), in MB. */
function memOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resets a process's VmHWM to its current RSS (Linux: clear_refs 5). */
function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

const mb = (x: number) => round(x, 0);
/** A request answered within this while the keys are selected: the call screen does not wait on a print. */
const REQUEST_WAIT_MAX_MS = 200;

/** In the page (plain JavaScript: a transpiled function may carry helpers the page lacks): calendar.status every 20 ms, timed. */
const POLL = `(() => {
  window.__waits = []; window.__poll = true;
  (async () => {
    while (window.__poll) {
      const t = performance.now();
      await fetch('/rpc/calendar.status', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline': '1' }, body: '{}' });
      window.__waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
})()`;

export async function benchTrackingPrint(o: TrackingPrintOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  execFileSync(process.execPath, ['scripts/build-renderer-if-stale.mjs', '--host'], { cwd: ROOT, stdio: 'ignore' });
  const dataDir = tmpDir('hd-bench-tracking-print-');
  o.log(`  copying the ${COMPLAINTS / 1000}k-complaint store (the end-to-end test's cache; the first run writes it)`);
  await seededTrackingStore(dataDir);
  // Our own Chromium, marked, so that its processes can be told from any other on the machine.
  const mark = `--hd-bench-print=${process.pid}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', mark],
  });
  // quick_check reads every page of the 2.7 GB store at open: minutes on two busy cores.
  const host = await startWebHost(dataDir, { startMs: 900_000 });
  try {
    const browserPid = processes().find((p) => p.args.includes(mark) && !p.args.includes('--type='))?.pid;
    const hostPid = processes().find((p) => p.args.includes('electron/core/host/cli.ts') && p.args.includes(dataDir))?.pid;
    if (!browserPid || !hostPid) throw new Error('could not find the browser or the host process');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Headless window.print() prints nothing; the volumes are printed below as 导出 PDF… would (page.pdf).
    await context.addInitScript({ content: 'window.print = () => {};' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const jsHeap = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return { heap: (m.JSHeapUsedSize ?? 0) / 2 ** 20, nodes: m.Nodes ?? 0 };
    };
    /** The page's renderer: the biggest renderer process of our browser (the app's; others are spares). */
    const renderer = () =>
      tree(browserPid)
        .filter((p) => p.args.includes('--type=renderer'))
        .map((p) => ({ pid: p.pid, ...memOf(p.pid) }))
        .sort((a, b) => b.rss - a.rss)[0]!;

    // A store of 200k complaints just opened answers its first requests slowly (pages read from disk).
    page.setDefaultTimeout(180_000);
    await page.goto(host.url);
    await logIn(page, { username: 'lead', password: DEMO_PASSWORD });
    const baseline = renderer();
    o.log(`  renderer at the console: ${mb(baseline.rss)} MB`);

    // The whole sheet, newest first: the view a lead opens with. Meanwhile a small request every 20 ms, as
    // the call screen makes them: the core answers them while it selects the keys (it gives the thread back).
    await page.evaluate(POLL);
    const keysAnswered = page.waitForResponse((r) => r.url().includes('/rpc/tracking.printKeys'), { timeout: 300_000 });
    const t0 = performance.now();
    await page.goto(`${host.url}/#${trackingPrintHash({ sort: 'receivedAt', dir: 'desc' })}`);
    const keysRes = await keysAnswered;
    const keysMs = performance.now() - t0;
    const waits = (await page.evaluate('(() => { window.__poll = false; return window.__waits; })()')) as number[];
    const keysBytes = (await keysRes.body()).length;
    await page.getByTestId('print-ready').waitFor({ state: 'attached', timeout: 120_000 });
    const firstReadyMs = performance.now() - t0;
    const volumes = Number(/共 (\d+) 册/.exec(await page.getByTestId('tracking-print-volume').innerText())?.[1]);
    const total = Number((/共 ([\d,]+) 条/.exec(await page.getByTestId('tracking-print-summary').innerText())?.[1] ?? '').replace(/,/g, ''));
    o.log(`  ${total} rows in ${volumes} volumes: keys ${round(keysMs, 0)} ms (${round(keysBytes / 1e6, 1)} MB of JSON), the first volume in the page after ${round(firstReadyMs, 0)} ms`);

    const walk = o.all ? Array.from({ length: volumes }, (_, i) => i + 1) : [...Array.from({ length: Math.min(o.volumes, volumes) }, (_, i) => i + 1), volumes];
    const readyMs: number[] = [];
    const rows: { volume: number; readyMs: number; pdfMs: number; pages: number; rendererPeakMb: number; rendererAfterMb: number; jsHeapMb: number; nodes: number }[] = [];
    resetPeak(hostPid);
    let at = 1;
    for (const v of [...new Set(walk)]) {
      if (v !== at) {
        // Straight to a later volume: the view's own buttons, one volume at a time (each drops the last).
        while (at < v) {
          const t = performance.now();
          await page.getByTestId('tracking-print-next').click();
          await waitVolume(page, at + 1);
          readyMs.push(performance.now() - t);
          at++;
        }
      }
      const { heap, nodes } = await jsHeap();
      const r = renderer();
      resetPeak(r.pid);
      const file = path.join(dataDir, `volume-${v}.pdf`);
      const t = performance.now();
      await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pdfMs = performance.now() - t;
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      fs.rmSync(file);
      const after = memOf(r.pid);
      rows.push({ volume: v, readyMs: readyMs.at(-1) ?? firstReadyMs, pdfMs: round(pdfMs, 0)!, pages, rendererPeakMb: mb(after.peak)!, rendererAfterMb: mb(after.rss)!, jsHeapMb: round(heap, 1)!, nodes });
      o.log(`  volume ${v}/${volumes}: rows in ${round(rows.at(-1)!.readyMs, 0)} ms; ${pages} pages to PDF in ${round(pdfMs / 1000, 1)} s; renderer peak ${mb(after.peak)} MB, after ${mb(after.rss)} MB; JS heap ${round(heap, 1)} MB, ${nodes} DOM nodes`);
    }
    const hostMem = memOf(hostPid);
    const peaks = rows.map((r) => r.rendererPeakMb);
    const figures: Figure[] = [
      {
        figure: `tracking print in full (Chromium, ${COMPLAINTS / 1000}k): a request (calendar.status) answered while the print's keys are selected`,
        unit: 'ms',
        p50: round(pct(waits, 50), 0),
        p99: round(pct(waits, 99), 0),
        throughput: null,
        throughputUnit: '',
        target: `≤ ${REQUEST_WAIT_MAX_MS} ms`,
        met: waits.length ? (pct(waits, 99) ?? 0) <= REQUEST_WAIT_MAX_MS : null,
        samples: waits.length,
      },
      {
        figure: `tracking print in full (Chromium, ${COMPLAINTS / 1000}k): the next volume's ${VOLUME_ROWS} rows in the page (2 requests)`,
        unit: 'ms',
        p50: round(pct(readyMs, 50), 0),
        p99: round(pct(readyMs, 99), 0),
        throughput: null,
        throughputUnit: '',
        target: `≤ ${VOLUME_READY_MAX_MS} ms`,
        met: readyMs.length ? (pct(readyMs, 99) ?? 0) <= VOLUME_READY_MAX_MS : null,
        samples: readyMs.length,
      },
      {
        figure: `tracking print in full (Chromium, ${COMPLAINTS / 1000}k): renderer peak RSS printing a volume (~${round(pct(rows.map((r) => r.pages), 50), 0)} pages)`,
        unit: 'MB',
        p50: pct(peaks, 50),
        p99: pct(peaks, 99),
        throughput: null,
        throughputUnit: '',
        target: `≤ ${RENDERER_PEAK_MAX_MB} MB, whatever the view's size`,
        met: Math.max(...peaks) <= RENDERER_PEAK_MAX_MB,
        samples: peaks.length,
      },
    ];
    const notes = {
      rows: total,
      volumes,
      keysMs: round(keysMs, 0),
      requestsDuringKeys: waits.length,
      keysJsonMb: round(keysBytes / 1e6, 2),
      firstVolumeReadyMs: round(firstReadyMs, 0),
      rendererAtConsoleMb: mb(baseline.rss),
      hostRssMb: mb(hostMem.rss),
      hostPeakWhileWalkingMb: mb(hostMem.peak),
      volumesPrinted: rows,
    };
    return { figures, notes };
  } finally {
    await browser.close();
    await host.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.key`, { force: true });
  }
}

async function waitVolume(page: Page, n: number): Promise<void> {
  await page.waitForFunction((x) => document.querySelector('[data-testid="tracking-print-volume"]')?.textContent?.startsWith(`第 ${x} 册`), n, { timeout: 60_000 });
  await page.getByTestId('print-ready').waitFor({ state: 'attached', timeout: 60_000 });
}
