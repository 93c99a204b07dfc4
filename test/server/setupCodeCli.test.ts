import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';
import { freePort } from '../helpers/hub';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CODE = /Set-up code: (\d{4}-\d{4}-\d{4}-\d{4})/;
const run = promisify(execFile);

let child: ChildProcess | null = null;
const consoles: TestConsole[] = [];
afterAll(async () => {
  for (const c of consoles) c.close();
  if (child && child.exitCode === null) {
    const gone = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
});

/** `npm run hub` as an operator starts it (no HUB_SETUP_CODE), and the set-up code it prints on stdout. */
async function startPrintingHub(dataDir: string): Promise<{ url: string; code: string }> {
  const port = await freePort();
  const env = { ...process.env };
  delete env.HUB_SETUP_CODE;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data', dataDir, '--log-level', 'warn'], { cwd: ROOT, env });
  let out = '';
  const code = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no set-up code printed:\n${out}`)), 20_000);
    child?.stdout?.on('data', (d) => {
      out += d;
      // The plain line for the operator, and the log line.
      const m = out.match(/Not set up yet\. Set-up code: (\S+)/);
      if (m && /"level":40.*Set-up code/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child?.once('exit', (c) => reject(new Error(`hub exited with ${c}:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, code };
}

const printCode = (dataDir: string) => run(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--data', dataDir, '--setup-code'], { cwd: ROOT, env: { ...process.env, HUB_SETUP_CODE: '' } });

describe('the set-up code from the command line, and the joining console', () => {
  it('a fresh hub prints a code; --setup-code prints a new one on that machine; the console must send the current one', async () => {
    const dataDir = tmpDir('hd-hub-code-');
    const hub = await startPrintingHub(dataDir);
    expect(hub.code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);

    const again = await printCode(dataDir);
    const renewed = again.stdout.match(CODE)?.[1];
    expect(renewed).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(renewed).not.toBe(hub.code);

    const a = await seededConsole();
    consoles.push(a);
    a.core.sync.stop();
    const join = (setupCode?: string) => a.call('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, ...(setupCode === undefined ? {} : { setupCode }) });
    const missing = await join();
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'setup_code_required', fields: [{ field: 'setupCode', code: 'required' }] });
    // The code printed at start stopped working when a new one was made.
    const stale = await join(hub.code);
    if (!stale.ok) expect(stale.error).toMatchObject({ code: 'setup_code_invalid', fields: [{ field: 'setupCode', code: 'invalid_value' }] });
    expect(stale.ok).toBe(false);
    await a.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: renewed! });
    a.core.sync.stop();

    // A second workstation joins the seeded hub by login alone.
    const b = openTestConsole();
    consoles.push(b);
    b.core.sync.stop();
    await b.ok('setup.initialize', { ...ORG, workstation: 'B02', admin: { username: 'badmin', displayName: '乙管理员', password: PASSWORD } });
    await b.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
    b.core.sync.stop();

    const done = await printCode(dataDir).catch((e: { code: number; stdout: string }) => e);
    expect(done.stdout).toMatch(/already set up/);
    expect((done as { code?: number }).code).toBe(1);
  }, 60_000);
});
