import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole, tmpDir } from './core';
import { TEST_SETUP_CODE } from './setupCode';

export { TEST_SETUP_CODE } from './setupCode';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface HubProcess {
  url: string;
  dataDir: string;
  /** SIGKILL, like a power cut: no shutdown handler runs. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hub at ${url} did not become healthy`);
}

/** A real hub process (`npm run hub`) on a free loopback port, SQLite in its own folder unless env says otherwise. */
export async function startHubProcess(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<HubProcess> {
  const dataDir = opts.dataDir ?? tmpDir('hd-hub-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let stderr = '';
  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data', dataDir], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', HUB_SETUP_CODE: TEST_SETUP_CODE, ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    try {
      await waitHealthy(url, child);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${stderr}`);
    }
  };
  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  await launch();
  return {
    url,
    dataDir,
    kill: (signal = 'SIGKILL') => exit(signal),
    restart: launch,
    stop: () => exit('SIGTERM'),
  };
}

/**
 * Workstation A (seeded: one user per role) seeds and joins the hub; workstation B is set up on its
 * own and joins it. Both engines are stopped so that tests decide when to sync (`sync.now`).
 */
export async function joinedPair(hubUrl: string, bAdmin = 'badmin'): Promise<[TestConsole, TestConsole]> {
  const a = await seededConsole();
  a.core.sync.stop();
  await a.ok('sync.join', { hubUrl, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  a.core.sync.stop();
  const b = openTestConsole();
  b.core.sync.stop();
  await b.ok('setup.initialize', { ...ORG, workstation: 'B02', admin: { username: bAdmin, displayName: '乙管理员', password: PASSWORD } });
  await b.ok('sync.join', { hubUrl, username: 'admin', password: PASSWORD });
  b.core.sync.stop();
  return [a, b];
}
