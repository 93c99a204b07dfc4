/**
 * `npm start` fetches the Electron binary when `npm install` did not (electron's install script is
 * not allowed to run at install time). The download is injected: no network in tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadEnv, ensureElectron } from '../../scripts/ensure-electron.mjs';

let electronDir: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

/** What electron/install.js leaves behind: the unpacked binary and path.txt naming it. */
function unpack(dir: string) {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'electron'), '');
  writeFileSync(join(dir, 'path.txt'), 'electron');
}

beforeEach(() => {
  electronDir = mkdtempSync(join(tmpdir(), 'hotline-ensure-electron-'));
  lines.length = 0;
});
afterEach(() => rmSync(electronDir, { recursive: true, force: true }));

describe('ensureElectron', () => {
  it('does nothing when the binary is already there', () => {
    unpack(electronDir);
    const download = vi.fn();
    expect(ensureElectron({ electronDir, electronVersion: '40.10.2', download, log, error: log })).toBe(0);
    expect(download).not.toHaveBeenCalled();
  });

  it('downloads a missing binary, then lets the start go on', () => {
    const download = vi.fn((dir: string) => {
      unpack(dir);
      return { ok: true, detail: '' };
    });
    expect(ensureElectron({ electronDir, electronVersion: '40.10.2', download, log, error: log })).toBe(0);
    expect(download).toHaveBeenCalledWith(electronDir);
    expect(lines.join('\n')).toMatch(/Electron 40\.10\.2 binary is missing; downloading/);
  });

  it('fails the start with a reason when the download fails (offline)', () => {
    const download = vi.fn(() => ({ ok: false, detail: 'exit code 1' }));
    expect(ensureElectron({ electronDir, electronVersion: '40.10.2', download, log, error: log })).toBe(1);
    expect(lines.at(-1)).toMatch(/could not download Electron \(exit code 1\)/);
  });

  it('fails when the download reports success but left no binary', () => {
    const download = vi.fn(() => ({ ok: true, detail: '' }));
    expect(ensureElectron({ electronDir, download, log, error: log })).toBe(1);
    expect(lines.at(-1)).toMatch(/no binary after the download/);
  });

  it('a path.txt naming a missing file still counts as missing', () => {
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    const download = vi.fn(() => ({ ok: false, detail: 'offline' }));
    expect(ensureElectron({ electronDir, download, log, error: log })).toBe(1);
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('fails without the electron package at all', () => {
    const download = vi.fn();
    expect(ensureElectron({ electronDir: null, download, log, error: log })).toBe(1);
    expect(download).not.toHaveBeenCalled();
  });

  it('downloads even when ELECTRON_SKIP_BINARY_DOWNLOAD is still exported', () => {
    const env = downloadEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_MIRROR: 'https://mirror.example/' });
    expect(env).toEqual({ ELECTRON_MIRROR: 'https://mirror.example/' });
  });
});

describe('install-time policy', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

  it("does not let npm run electron's downloading install script", () => {
    expect(pkg.allowScripts.electron).toBe(false);
  });

  it('fetches the binary on npm start before the native build and the launch', () => {
    const steps = String(pkg.scripts.start).split('&&').map((s: string) => s.trim());
    expect(steps).toEqual([
      'npm run build',
      'node scripts/ensure-electron.mjs',
      'node scripts/electron-native.mjs',
      'electron .',
    ]);
  });
});
