import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/index';
import { dailyCare } from '../../electron/core/store/integrity';
import { openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { checkStore, StoreProblemError } from '../../shared/node/storeHealth';
import { openTestConsole, ORG, PASSWORD, type TestConsole, tmpDir } from '../helpers/core';
import { newStoreKey, storeFile } from '../helpers/storeKey';

/** Must show 3: a damaged store is refused and restored from a backup; a 0-byte or foreign file is refused. */

const open: TestConsole[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function seeded(dir: string, key: Buffer): Promise<TestConsole> {
  const c = openTestConsole(dir, undefined, { key });
  open.push(c);
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
  return c;
}

async function addCustomers(c: TestConsole, n: number, from = 0): Promise<void> {
  await c.login('agent1', PASSWORD);
  for (let i = from; i < from + n; i++)
    await c.ok('customers.create', { name: `客户${i}`, organisation: '宏达纺织', address: '杭州市', phones: [`1380013${String(i).padStart(4, '0')}`], serviceRequirements: '', notes: '备注'.repeat(40) });
}

/** The pages of a table in the store (dbstat), read with the key before the damage. */
function pagesOf(dir: string, key: Buffer, table: string): number[] {
  const db = openEncryptedSqlite(storeFile(dir), { key, readonly: true });
  try {
    return db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(table) as number[];
  } finally {
    db.close();
  }
}

/** 64 bytes flipped in the middle of a page of `table`, as in the report. */
function flipBytes(dir: string, page: number): Buffer {
  const file = storeFile(dir);
  const bytes = fs.readFileSync(file);
  const at = (page - 1) * 4096 + 1024;
  for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
  fs.writeFileSync(file, bytes);
  return bytes;
}

describe('a damaged store', () => {
  it('is refused for every method but recovery, never written to, and restored from the latest good backup', async () => {
    const dir = tmpDir();
    const key = newStoreKey();
    const c = await seeded(dir, key);
    await addCustomers(c, 40);
    await c.login('admin', PASSWORD);
    const backup = await c.ok('backups.create', {});
    await c.login('agent1', PASSWORD);
    await addCustomers(c, 5, 40); // after the backup: lost by the restore, as the screen says
    c.close();
    open.pop();

    const historyPages = pagesOf(dir, key, 'history');
    expect(historyPages.length).toBeGreaterThan(1);
    const damaged = flipBytes(dir, historyPages[Math.floor(historyPages.length / 2)]!);

    const d = openTestConsole(dir, undefined, { key });
    open.push(d);
    const status = await d.ok('store.status', {});
    expect(status.state).toBe('damaged');
    expect(status.problems.length).toBeGreaterThan(0);
    expect(status.backups.map((b) => b.id)).toContain(backup.id);

    // Lists, logins and saves: all refused with store_damaged, none answered from the damaged file.
    for (const [m, p] of [
      ['setup.status', {}],
      ['auth.login', { username: 'admin', password: PASSWORD }],
      ['customers.search', { q: '客户' }],
      ['customers.create', { name: '新客户', organisation: '', address: '', phones: ['13900139000'], serviceRequirements: '', notes: '' }],
      ['backups.create', {}],
    ] as const) {
      const env = await d.raw(m, p);
      expect(env, m).toMatchObject({ ok: false, error: { code: 'store_damaged' } });
    }
    expect(fs.readFileSync(storeFile(dir)).equals(damaged)).toBe(true);

    // Recovery needs an administrator of the backup; a wrong password or an agent is refused.
    expect(await d.raw('store.recover', { id: backup.id, username: 'admin', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await d.raw('store.recover', { id: backup.id, username: 'agent1', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(fs.readFileSync(storeFile(dir)).equals(damaged)).toBe(true);

    const restored = await d.ok('store.recover', { id: backup.id, username: 'admin', password: PASSWORD });
    expect(restored.restored).toBe(backup.id);
    // The damaged file is kept aside, byte for byte as it was: it was never written to.
    expect(fs.readFileSync(path.join(dir, 'backups', restored.keptAs!)).equals(damaged)).toBe(true);

    expect((await d.ok('store.status', {})).state).toBe('ok');
    await d.login('admin', PASSWORD);
    await d.login('agent1', PASSWORD);
    expect(await d.ok('customers.search', { q: '客户', limit: 100 })).toHaveLength(40);
    await addCustomers(d, 1, 100);
    expect(checkStore(d.core.context.db, true)).toEqual([]);
    // The restore is in the audit log of the restored store (the backup's own row came after its snapshot).
    const audit = d.core.context.db.prepare("SELECT action, actor_name, detail FROM audit_log WHERE entity = 'store' ORDER BY seq").all();
    expect(audit).toEqual([{ action: 'restore', actor_name: '王管理', detail: expect.stringContaining(backup.id) }]);
  });

  it('refuses store.recover on a sound store, and a backup that is damaged too', async () => {
    const dir = tmpDir();
    const key = newStoreKey();
    const c = await seeded(dir, key);
    await c.login('admin', PASSWORD);
    const b = await c.ok('backups.create', {});
    expect(await c.raw('store.recover', { id: b.id, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const file = path.join(dir, 'backups', b.id);
    const bytes = fs.readFileSync(file);
    for (let i = 4096 + 512; i < 4096 + 576; i++) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(await c.raw('backups.restore', { id: b.id })).toMatchObject({ ok: false, error: { code: 'store_damaged' } });
    expect(await c.raw('backups.restore', { id: 'hotline-20200101T000000000Z-daily.sqlite' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The store is untouched by the refused restore.
    expect((await c.ok('store.status', {})).state).toBe('ok');
    expect((await c.ok('users.list', {})).length).toBe(2);
  });

  it('is found by the daily full check, which then stops all writing; a sound one gets its daily backup', async () => {
    const dir = tmpDir();
    const key = newStoreKey();
    const c = await seeded(dir, key);
    const db = c.core.context.db;
    const events: string[] = [];
    const care = { dataDir: dir, now: () => new Date('2026-11-23T03:00:00Z'), onDamaged: () => events.push('damaged'), onBackup: () => events.push('backup'), onError: (e: unknown) => events.push(String(e)) };
    expect(dailyCare(db, care)).toBe('checked');
    expect(events).toEqual([]);
    expect(dailyCare(db, care)).toBe('backed_up'); // at the next idle turn, after the check passed
    expect(events).toEqual(['backup']);
    expect(dailyCare(db, care)).toBe('nothing'); // once a day
    expect(events).toEqual(['backup']);
    // SQLite reporting corruption at run time marks the store damaged for every later request.
    c.core.context.store!.markDamaged('SQLITE_CORRUPT: database disk image is malformed');
    expect(await c.raw('settings.get', {})).toMatchObject({ ok: false, error: { code: 'store_damaged' } });
  });
});

describe('an empty or foreign file', () => {
  it('refuses a 0-byte store with store_unreadable and its path, and leaves it 0 bytes', () => {
    const dir = tmpDir();
    fs.writeFileSync(storeFile(dir), '');
    let err: unknown;
    try {
      openCore({ dataDir: dir, key: newStoreKey() });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreProblemError);
    expect((err as StoreProblemError).problem).toBe('store_unreadable');
    expect((err as Error).message).toContain(storeFile(dir));
    expect((err as Error).message).toContain('0 bytes');
    expect(fs.statSync(storeFile(dir)).size).toBe(0);
    // The refusal released the store's lock: after the file is moved away a new store is set up.
    fs.rmSync(storeFile(dir));
    const core = openCore({ dataDir: dir, key: newStoreKey() });
    core.close();
    expect(fs.statSync(storeFile(dir)).size).toBeGreaterThan(4096);
  });

  it('refuses a SQLite file of another program instead of encrypting and migrating it', () => {
    const dir = tmpDir();
    const other = new Database(storeFile(dir));
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('别人的数据')");
    other.close();
    const before = fs.readFileSync(storeFile(dir));
    expect(() => openCore({ dataDir: dir, key: newStoreKey() })).toThrow(/another program/);
    expect(fs.readFileSync(storeFile(dir)).equals(before)).toBe(true);
  });

  it('refuses a short foreign file and a text file', () => {
    const dir = tmpDir();
    fs.writeFileSync(storeFile(dir), 'not a store\n');
    expect(() => openCore({ dataDir: dir, key: newStoreKey() })).toThrow(/only 12 bytes/);
    fs.writeFileSync(storeFile(dir), 'x'.repeat(8192));
    expect(() => openCore({ dataDir: dir, key: newStoreKey() })).toThrow(/cannot be opened with this key|not a store/);
    expect(fs.readFileSync(storeFile(dir), 'utf8')).toBe('x'.repeat(8192));
  });

  it('makes a new store under a temporary name, so no 0-byte file of ours is left by a crash', () => {
    const dir = tmpDir();
    const core = openCore({ dataDir: dir, key: newStoreKey() });
    core.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.new'))).toEqual([]);
  });
});
