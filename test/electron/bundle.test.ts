/**
 * The real bundles (dist-electron/main.cjs and coreProcess.cjs as `npm run build:electron` makes
 * them) started under Node with a stand-in Electron runtime, over a real core in a real child process
 * and a real SQLite store. Catches what unit tests with a fake core cannot: bundling mistakes, a core
 * that does not open, IPC that does not reach it across the process boundary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { storeFileState } from '../../shared/node/encryptedSqlite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runtime = fileURLToPath(new URL('./smoke/electron-runtime.cjs', import.meta.url));
let outdir: string;
let userData: string;
let appPath: string;
let result: Record<string, unknown>;
let mainInputs: string[];

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'hotline-smoke-bundle-'));
  const bundle = await buildElectron({ outdir });
  mainInputs = bundle.mainInputs;
  userData = mkdtempSync(join(tmpdir(), 'hotline-smoke-userdata-'));
  appPath = mkdtempSync(join(tmpdir(), 'hotline-smoke-app-'));
  const child = spawnSync(process.execPath, ['--require', runtime, bundle.main, '--incoming', '138 0013 8000'], {
    // NODE_PATH: the bundle's require('better-sqlite3-multiple-ciphers') resolves as it would from dist-electron.
    env: { ...process.env, NODE_PATH: join(root, 'node_modules'), SMOKE_USER_DATA: userData, SMOKE_APP_PATH: appPath },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(`bundle exited ${child.status}: ${child.stdout}\n${child.stderr}`);
  result = JSON.parse(child.stdout);
});

afterAll(() => {
  for (const dir of [userData, appPath, outdir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dist-electron/main.cjs under a stand-in Electron', () => {
  it('builds a preload that needs nothing but electron', () => {
    expect(existsSync(join(outdir, 'preload.cjs'))).toBe(true);
  });

  it('keeps the core and better-sqlite3 out of main: they run in the utility process', () => {
    expect(existsSync(join(outdir, 'coreProcess.cjs'))).toBe(true);
    expect(mainInputs.filter((p) => p.startsWith('electron/core/') || p.includes('better-sqlite3'))).toEqual([]);
    expect(mainInputs).toContain('electron/main/core-client.ts');
    expect(result.utilityForks).toEqual([{ modulePath: 'coreProcess.cjs', serviceName: 'Hotline Desk core' }]);
  });

  it('lets the core process close the store before quitting', () => {
    expect(result.quitWaitedForCore).toBe(true);
  });

  it('opens a hardened window on the built renderer', () => {
    expect(result.windowOptions).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true } });
    expect(result.pageUrl).toBe(`file://${join(appPath, 'dist/renderer/index.html')}`);
  });

  it('answers IPC from the real core with envelopes', () => {
    expect(result.status).toMatchObject({ ok: true });
    expect(result.session).toMatchObject({ ok: false });
    expect(result.badParams).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(result.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps the store in userData/data, encrypted under a key sealed by safeStorage', () => {
    expect(existsSync(join(userData, 'data'))).toBe(true);
    expect(existsSync(join(userData, 'store-key.json'))).toBe(true);
    expect(storeFileState(join(userData, 'data', 'hotline.sqlite'))).toBe('encrypted');
  });

  it('delivers the cold-start screen pop once the page listens', () => {
    expect(result.sentBeforeListening).toBe(0);
    expect(result.events).toEqual([
      ['hotline:event', 'call.incoming', { phone: '13800138000', rangAt: expect.any(String) }],
    ]);
  });

  it('prints and exports an A4 PDF from the 文件 menu', () => {
    expect(result.fileMenu).toEqual([
      ['打印…', 'CmdOrCtrl+P'],
      ['导出 PDF…', 'CmdOrCtrl+Shift+P'],
    ]);
    expect(result.printing).toEqual({
      print: [{ silent: false, printBackground: true }],
      // A4 with backgrounds; the page's own @page rule wins (annex 3 is landscape) and numbers every page itself.
      pdf: [expect.objectContaining({ pageSize: 'A4', printBackground: true, margins: { marginType: 'default' }, preferCSSPageSize: true })],
      saveDialog: [expect.objectContaining({ defaultPath: expect.stringMatching(/客户来电记录单 LD-20261122-A1-0001\.pdf$/) })],
      // The dialog answered without an extension; main added it.
      written: '%PDF-smoke',
    });
  });
});
