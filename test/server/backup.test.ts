import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_DB_FILE, openSqliteStore } from '../../server/store/sqlite';
import { openEncryptedSqlite, storeFileState } from '../../shared/node/encryptedSqlite';
import { checkStore, type StoreProblemError } from '../../shared/node/storeHealth';
import { PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

/** `npm run hub -- --backup DIR` beside a running hub, and the SQLite hub's start-up check. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const keyOf = (dir: string) => Buffer.from(fs.readFileSync(`${dir}.key`, 'utf8').trim(), 'hex');
const phone = (i: number) => `135${String(i).padStart(8, '0')}`;

let hub: HubProcess;
let a: TestConsole;
let backupFile = '';
const backupDir = path.join(tmpDir('hd-hubbak-'), 'backups');

beforeAll(async () => {
  hub = await startHubProcess({ dataDir: path.join(tmpDir('hd-hubb-'), 'hub') });
  a = await seededConsole();
  a.core.sync.stop();
  await a.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  a.core.sync.stop();
}, 60_000);
afterAll(async () => {
  a?.close();
  await hub?.stop();
});

describe('npm run hub -- --backup DIR', () => {
  it('makes a consistent encrypted copy while the hub takes pushes', async () => {
    // Pushes run while the backup process copies the store.
    let pushing = true;
    let pushed = 0;
    const pushes = (async () => {
      while (pushing) {
        await a.ok('customers.create', { name: `客户${pushed}`, organisation: '', address: '', phones: [phone(pushed)], serviceRequirements: '', notes: '' });
        pushed++;
        expect((await a.ok('sync.now', {})).error).toBeNull();
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--data', hub.dataDir, '--backup', backupDir], { cwd: ROOT });
    pushing = false;
    await pushes;
    expect(pushed).toBeGreaterThan(0);
    const m = /Backup written: (\S+) \((\d+) bytes/.exec(stdout);
    expect(m, stdout).not.toBeNull();
    backupFile = m![1]!;
    expect(path.dirname(backupFile)).toBe(backupDir);
    expect(fs.statSync(backupFile).size).toBe(Number(m![2]));
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700);
    expect(storeFileState(backupFile)).toBe('encrypted');
    expect(fs.readFileSync(backupFile).includes(phone(0))).toBe(false);

    const copy = openEncryptedSqlite(backupFile, { key: keyOf(hub.dataDir), readonly: true });
    try {
      expect(checkStore(copy, true)).toEqual([]);
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      // Every push in the copy is whole: the change counter matches the newest row, and every customer row
      // has its history entry (both are written in one transaction per push).
      const counter = copy.prepare('SELECT value FROM seq_counter').pluck().get() as number;
      expect(counter).toBeGreaterThan(0);
      expect(copy.prepare('SELECT max(seq) FROM sync_rows').pluck().get()).toBe(counter);
      const customers = copy.prepare("SELECT count(*) FROM sync_rows WHERE entity = 'customer'").pluck().get() as number;
      expect(customers).toBeGreaterThan(0);
      const orphans = copy.prepare("SELECT count(*) FROM sync_rows r WHERE r.entity = 'customer' AND NOT EXISTS (SELECT 1 FROM history h WHERE h.entity = 'customer' AND h.entity_id = r.id)").pluck().get();
      expect(orphans).toBe(0);
    } finally {
      copy.close();
    }
  }, 60_000);

  it('gives a hub that starts from the copy (the restore: the file and the key, put back)', async () => {
    await hub.stop();
    const restoredDir = path.join(tmpDir('hd-hubr-'), 'hub');
    fs.mkdirSync(restoredDir, { mode: 0o700 });
    fs.copyFileSync(backupFile, path.join(restoredDir, HUB_DB_FILE));
    fs.writeFileSync(`${restoredDir}.key`, fs.readFileSync(`${hub.dataDir}.key`), { mode: 0o600 });
    const restored = await startHubProcess({ dataDir: restoredDir });
    try {
      const res = await fetch(`${restored.url}/health`);
      expect(res.ok).toBe(true);
    } finally {
      await restored.stop();
    }
    await hub.restart();
  }, 60_000);
});

describe("the SQLite hub's start-up check", () => {
  it('refuses a damaged store, and a 0-byte one, without writing to them', () => {
    const dir = path.join(tmpDir('hd-hubd-'), 'hub');
    fs.mkdirSync(dir);
    const bytes = fs.readFileSync(backupFile);
    const pages = bytes.length / 4096;
    expect(pages).toBeGreaterThan(3);
    const at = Math.floor(pages / 2) * 4096 + 1024;
    for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(path.join(dir, HUB_DB_FILE), bytes);
    let err: unknown;
    try {
      openSqliteStore(dir, { key: keyOf(hub.dataDir) });
    } catch (e) {
      err = e;
    }
    expect((err as StoreProblemError).problem).toBe('store_damaged');
    expect((err as Error).message).toContain(path.join(dir, HUB_DB_FILE));
    expect(fs.readFileSync(path.join(dir, HUB_DB_FILE)).equals(bytes)).toBe(true);

    fs.writeFileSync(path.join(dir, HUB_DB_FILE), '');
    expect(() => openSqliteStore(dir, { key: keyOf(hub.dataDir) })).toThrow(/empty \(0 bytes\)/);
    expect(fs.statSync(path.join(dir, HUB_DB_FILE)).size).toBe(0);
  });

  it('the hub command says why and exits 1', async () => {
    const dir = path.join(tmpDir('hd-hubz-'), 'hub');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, HUB_DB_FILE), '');
    fs.writeFileSync(`${dir}.key`, fs.readFileSync(`${hub.dataDir}.key`), { mode: 0o600 });
    const out = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--data', dir, '--port', '0'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect((out as { code: number }).code).toBe(1);
    expect((out as { stderr: string }).stderr).toMatch(/could not start: the store file .* is empty \(0 bytes\)/);
  }, 30_000);
});
