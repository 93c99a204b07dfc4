import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/index';
import { checkStore, classifyStoreError, networkFileSystem, StoreProblemError } from '../../shared/node/storeHealth';
import { openTestConsole, ORG, PASSWORD, type TestConsole, tmpDir } from '../helpers/core';
import { newStoreKey } from '../helpers/storeKey';

/**
 * Must show 5, and the machine's other errors: a full disk (a real 8 MB tmpfs), a read-only folder (the
 * same tmpfs remounted read-only) and a store held by a second browser host each get their own code, never
 * `internal`, reads keep working, and saves work again once the cause is gone.
 */

const ROOT = path.resolve(__dirname, '../..');
const mountPoint = tmpDir('hd-tmpfs-');
let mounted = false;
let whyNot = '';
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (err) {
  whyNot = `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}): not root, or no CAP_SYS_ADMIN in this container`;
  console.warn(`diskFull.test.ts: the tmpfs tests are skipped: ${whyNot}`);
}

const customer = (i: number) => ({ name: `客户${i}`, organisation: '宏达纺织', address: '杭州市西湖区', phones: [`139${String(i).padStart(8, '0')}`], serviceRequirements: '', notes: '说明'.repeat(200) });

let c: TestConsole;
const dataDir = path.join(mountPoint, 'data');
const filler = path.join(mountPoint, 'filler.bin');

beforeAll(async () => {
  if (!mounted) return;
  c = openTestConsole(dataDir, undefined, { key: newStoreKey() });
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  await c.login('agent1', PASSWORD);
  for (let i = 0; i < 20; i++) await c.ok('customers.create', customer(i));
});

afterAll(() => {
  c?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
});

/** Fills the file system to the last byte. */
function fillDisk(): number {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(filler, 'w');
  let written = 0;
  try {
    for (;;) written += fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    for (;;) {
      try {
        written += fs.writeSync(fd, Buffer.alloc(512, 1));
      } catch {
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

describe.skipIf(!mounted)('a full disk (8 MB tmpfs)', () => {
  it('answers disk_full for every save that did not fit, keeps reading, and saves again once space is freed', async () => {
    fillDisk();
    const codes: Record<string, number> = {};
    for (let i = 100; i < 150; i++) {
      const env = await c.call('customers.create', customer(i));
      const code = env.ok ? 'saved' : env.error.code;
      codes[code] = (codes[code] ?? 0) + 1;
      if (!env.ok) expect(env.error.message).toMatch(/disk .* is full/);
    }
    console.log(`diskFull.test.ts: 50 saves on a full disk: ${JSON.stringify(codes)}`);
    expect(codes.internal).toBeUndefined();
    expect(codes.disk_full).toBeGreaterThan(0);
    expect(Object.keys(codes).every((k) => k === 'disk_full' || k === 'saved')).toBe(true);
    // Reads that need no audit row keep working. A read of customer data is refused with disk_full too:
    // its audit row cannot be written, and customer data is never shown without one.
    expect((await c.ok('settings.get', {})).organisationName).toBe(ORG.organisationName);
    expect(await c.call('customers.search', { q: '客户', limit: 100 })).toMatchObject({ ok: false, error: { code: 'disk_full' } });

    fs.rmSync(filler);
    const saved = await c.ok('customers.create', customer(999));
    expect(saved.name).toBe('客户999');
    expect(checkStore(c.core.context.db, true)).toEqual([]);
  });
});

describe.skipIf(!mounted)('a read-only folder (a read-only bind mount of the data folder)', () => {
  it('refuses to start on it with store_read_only and the path, and writes nothing', async () => {
    const view = path.join(mountPoint, 'ro-view');
    const other = path.join(mountPoint, 'other');
    const key = newStoreKey();
    openCore({ dataDir: other, key }).close();
    const before = fs.readFileSync(path.join(other, 'hotline.sqlite'));
    fs.mkdirSync(view);
    execFileSync('mount', ['--bind', other, view]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', view]);
      let err: unknown;
      try {
        openCore({ dataDir: view, key }).close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreProblemError);
      expect((err as StoreProblemError).problem).toBe('store_read_only');
      expect(fs.readFileSync(path.join(other, 'hotline.sqlite')).equals(before)).toBe(true);
      expect((err as Error).message).toContain(view);
    } finally {
      execFileSync('umount', [view]);
    }
  });
});

describe('a store held by another process', () => {
  it('refuses a second browser host on the same data folder with store_locked', async () => {
    const dir = tmpDir();
    const host = spawn(process.execPath, ['--import', 'tsx', 'electron/core/host/cli.ts', '--data', dir, '--port', '0', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        host.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Hotline Desk browser host:')) resolve();
        });
        host.on('exit', (code) => reject(new Error(`the first host exited (${code}): ${out}`)));
      });
      const key = Buffer.from(fs.readFileSync(`${dir}.key`, 'utf8').trim(), 'hex');
      let err: unknown;
      try {
        openCore({ dataDir: dir, key }).close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreProblemError);
      expect((err as StoreProblemError).problem).toBe('store_locked');
      expect((err as Error).message).toContain(`pid ${host.pid}`);
    } finally {
      host.kill('SIGTERM');
      await new Promise((r) => host.once('exit', r));
    }
    // The first host is gone: the store opens (a lock left by a killed process is taken over too).
    const key = Buffer.from(fs.readFileSync(`${dir}.key`, 'utf8').trim(), 'hex');
    openCore({ dataDir: dir, key }).close();
  }, 30_000);
});

describe('telling the machine’s errors apart', () => {
  it('maps SQLite and errno codes to their own problem, and leaves bugs as internal', () => {
    expect(classifyStoreError({ code: 'SQLITE_FULL' })).toBe('disk_full');
    expect(classifyStoreError({ code: 'ENOSPC' })).toBe('disk_full');
    expect(classifyStoreError({ code: 'SQLITE_READONLY_DIRECTORY' })).toBe('store_read_only');
    expect(classifyStoreError({ code: 'EACCES' })).toBe('store_read_only');
    expect(classifyStoreError({ code: 'SQLITE_BUSY' })).toBe('store_locked');
    expect(classifyStoreError({ code: 'SQLITE_CORRUPT_INDEX' })).toBe('store_damaged');
    expect(classifyStoreError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeNull();
    expect(classifyStoreError(new TypeError('x'))).toBeNull();
  });

  it('does not take a local folder for a network drive', () => {
    expect(networkFileSystem(tmpDir())).toBeNull();
  });
});
