import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { DEMO_PASSWORD, setUpDemo } from '../../electron/core/demo/seed';
import { tmpDir } from '../helpers/core';
import { freePort } from '../helpers/hub';
import { launchChromium, shot, startWebHost, type WebHost } from './harness';
import { logIn } from './steps';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The login page's JavaScript, gzip-compressed, may weigh this much (issue 14, "Fast start"). */
const LOGIN_JS_GZIP_MAX = 300_000;
/** `npm run web` with a current build must answer within this. */
const WEB_START_MAX_MS = 2_000;

let browser: Browser;
let host: WebHost;
const dataDir = tmpDir('hd-e2e-bundle-');

beforeAll(async () => {
  // A store that is set up, so that the host shows the login page (not first-run set-up).
  const core = openCore({ dataDir });
  await setUpDemo(core);
  core.close();
  browser = await launchChromium();
  host = await startWebHost(dataDir);
});
afterAll(async () => {
  await browser?.close();
  await host?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

/** Every JavaScript file the page fetched, with its gzip size (the host serves them uncompressed). */
function jsLog(page: import('playwright-core').Page) {
  const files: { url: string; bytes: number; gzip: number }[] = [];
  page.on('response', async (res) => {
    if (!/\.m?js(\?|$)/.test(res.url())) return;
    const body = await res.body();
    files.push({ url: res.url().replace(host.url, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  return files;
}

const sum = (files: { gzip: number }[]) => files.reduce((n, f) => n + f.gzip, 0);

describe('fast start: a small first load, the rest when opened', () => {
  it(`the login page loads at most ${LOGIN_JS_GZIP_MAX / 1000} kB of JavaScript (gzip), and the call screen follows the login`, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const files = jsLog(page);
    await page.goto(host.url, { waitUntil: 'networkidle' });
    await page.getByTestId('login-username').waitFor();
    const login = [...files];
    const kB = sum(login) / 1000;
    console.log(`login page: ${login.length} JavaScript files, ${(login.reduce((n, f) => n + f.bytes, 0) / 1000).toFixed(0)} kB, ${kB.toFixed(1)} kB gzip`);
    expect(sum(login)).toBeLessThanOrEqual(LOGIN_JS_GZIP_MAX);
    // Nothing of the screens behind the login is in it.
    for (const screen of ['TrackingPage', 'BoardPage', 'SettingsPage', 'CallbacksPage', 'PrintPage', 'CallScreen'])
      expect(login.map((f) => f.url).join(' ')).not.toContain(screen);
    await shot(page, 'bundle-01-login');

    await logIn(page, { username: 'agent', password: DEMO_PASSWORD });
    await page.getByTestId('nav-calls').waitFor();
    await page.waitForLoadState('networkidle');
    const after = files.slice(login.length);
    console.log(`after login (frame and call screen): ${after.length} more files, ${(sum(after) / 1000).toFixed(1)} kB gzip`);
    expect(after.map((f) => f.url).join(' ')).toContain('CallScreen');
    expect(after.map((f) => f.url).join(' ')).not.toContain('TrackingPage');
    await page.close();
  });

  it('serves the favicon (no 404) and links it from the page', async () => {
    for (const [file, type] of [
      ['/favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/],
      ['/favicon.svg', /image\/svg\+xml/],
    ] as const) {
      const res = await fetch(`${host.url}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    const html = await (await fetch(host.url)).text();
    expect(html).toContain('rel="icon"');
    // The build's source stamp stays private (a dot file).
    expect((await fetch(`${host.url}/.source-hash`)).status).toBe(404);
  });

  it(`npm run web serves the current build without building, and answers within ${WEB_START_MAX_MS / 1000} s`, async () => {
    // Brings both builds up to date (a no-op right after `npm run test:e2e` built the renderer, unless a
    // source changed since), then the stamps must say so: the starts timed below build nothing.
    execFileSync(process.execPath, ['scripts/build-renderer-if-stale.mjs', '--host'], { cwd: ROOT, stdio: 'ignore' });
    execFileSync(process.execPath, ['scripts/build-renderer-if-stale.mjs', '--host', '--check'], { cwd: ROOT });
    const port = await freePort();
    // A store of its own, set up and closed (the running host holds the other one).
    const web = tmpDir('hd-e2e-web-');
    const core = openCore({ dataDir: web });
    await setUpDemo(core);
    core.close();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const child = spawn('npm', ['run', 'web', '--', '--port', String(port), '--data', web, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let log = '';
      child.stdout?.on('data', (d) => (log = (log + d).slice(-2000)));
      child.stderr?.on('data', (d) => (log = (log + d).slice(-2000)));
      try {
        for (;;) {
          if (performance.now() - t0 > 30_000) throw new Error('npm run web did not answer within 30 s');
          if (child.exitCode !== null) throw new Error(`npm run web exited with ${child.exitCode}: ${log}`);
          const ok = await fetch(`http://127.0.0.1:${port}/`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        times.push(performance.now() - t0);
      } finally {
        await new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          process.kill(-child.pid!, 'SIGTERM');
        });
      }
    }
    fs.rmSync(web, { recursive: true, force: true });
    fs.rmSync(`${web}.key`, { force: true });
    console.log(`npm run web, build current: answered in ${times.map((t) => t.toFixed(0)).join(', ')} ms (load average ${fsLoad()})`);
    expect(Math.min(...times)).toBeLessThanOrEqual(WEB_START_MAX_MS);
  });
});

function fsLoad(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
