import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { tmpDir } from '../helpers/core';
import { freePort } from '../helpers/hub';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface WebHost {
  url: string;
  dataDir: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

/** `npm run web` as its own process, so a test can SIGKILL it like a power cut. */
/**
 * `startMs`: how long the host may take to answer. A large store takes longer (quick_check reads every
 * page of a 2.6 GB store at open: about 30 s on two busy cores).
 */
export async function startWebHost(dataDir = tmpDir('hd-web-'), { startMs = 30_000 } = {}): Promise<WebHost> {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('run "npm run build:renderer" first (npm run test:e2e does)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let log = '';
  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/host/cli.ts', '--port', String(port), '--data', dataDir, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (log = (log + d).slice(-4000)));
    child.stderr?.on('data', (d) => (log = (log + d).slice(-4000)));
    const until = Date.now() + startMs;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`browser host exited: ${log}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`browser host did not start: ${log}`);
  };
  await launch();
  return {
    url,
    dataDir,
    restart: launch,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
