import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { migrate, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { listBackups } from '../../electron/core/store/backups';
import { openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { checkStore } from '../../shared/node/storeHealth';
import type { Role } from '../../shared/domain/roles';
import { openTestConsole, ORG, PASSWORD, type TestConsole, tmpDir } from '../helpers/core';
import { newStoreKey, storeFile } from '../helpers/storeKey';

/** Automatic and manual backups: encrypted, private, pruned, consistent when made during writes, admin only. */

const key = newStoreKey();
let c: TestConsole;
const USERS: [string, Role][] = [
  ['agent1', 'agent'],
  ['officer', 'callback_officer'],
  ['lead', 'team_lead'],
];

beforeAll(async () => {
  c = openTestConsole(tmpDir(), undefined, { key });
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  for (const [username, role] of USERS) await c.ok('users.create', { username, displayName: `用户${username}`, role, password: PASSWORD });
  await c.login('agent1', PASSWORD);
  await c.ok('customers.create', { name: '周丽', organisation: '宏达纺织', address: '杭州市', phones: ['13800138000'], serviceRequirements: '', notes: '' });
  await c.login('admin', PASSWORD);
});
afterAll(() => c.close());

const customer = (i: number) => ({ name: `客户${i}`, organisation: '宏达纺织', address: '杭州市', phones: [`137${String(i).padStart(8, '0')}`], serviceRequirements: '', notes: '' });

describe('a manual backup', () => {
  it('is an encrypted copy, 0600 in a 0700 folder, listed with its time, size and kind, and audited', async () => {
    const b = await c.ok('backups.create', {});
    expect(b.kind).toBe('manual');
    const file = path.join(c.dir, 'backups', b.id);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('周丽'))).toBe(false);
    expect(bytes.includes(Buffer.from('宏达纺织'))).toBe(false);
    expect(b.size).toBe(bytes.length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(c.dir, 'backups')).mode & 0o777).toBe(0o700);
    // It opens with the store's key, and is sound.
    const copy = openEncryptedSqlite(file, { key, readonly: true });
    expect(checkStore(copy, true)).toEqual([]);
    expect(copy.prepare('SELECT name FROM customers').pluck().all()).toEqual(['周丽']);
    copy.close();
    const list = await c.ok('backups.list', {});
    expect(list.keep).toBe(7);
    expect(list.backups[0]).toEqual(b);
    expect(c.core.context.db.prepare("SELECT action, entity, actor_name FROM audit_log WHERE action = 'backup'").all()).toEqual([
      { action: 'backup', entity: 'store', actor_name: '王管理' },
    ]);
  });

  it('keeps the last N (a setting), deleting the oldest', async () => {
    c.clock.advance(1000);
    for (let i = 0; i < 4; i++) {
      c.clock.advance(1000);
      await c.ok('backups.create', {});
    }
    const kept = await c.ok('backups.keep', { keep: 3 });
    expect(kept.keep).toBe(3);
    expect(kept.backups).toHaveLength(3);
    c.clock.advance(1000);
    const newest = await c.ok('backups.create', {});
    const list = await c.ok('backups.list', {});
    expect(list.backups.map((b) => b.id)[0]).toBe(newest.id);
    expect(list.backups).toHaveLength(3);
    await c.ok('backups.keep', { keep: 7 });
  });
});

describe('a backup made during writes', () => {
  it('restores to a consistent store with integrity_check ok', async () => {
    // Another connection writes pairs of rows in one transaction each while the backups are made; the copy
    // must hold both rows of a pair or neither. The console's own saves run in between too.
    const worker = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3-multiple-ciphers'))});
       const { workerData, parentPort } = require('node:worker_threads');
       const db = new Database(workerData.file);
       db.pragma("cipher = 'sqlcipher'"); db.pragma('legacy = 4'); db.pragma('key = "x' + "'" + workerData.key + "'" + '"');
       db.pragma('busy_timeout = 5000');
       const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
       const pair = db.transaction((i) => { put.run('pair-' + i + '-a', String(i)); put.run('pair-' + i + '-b', String(i)); });
       let i = 0; const until = Date.now() + workerData.ms;
       const pause = new Int32Array(new SharedArrayBuffer(4));
       while (Date.now() < until) { pair(i++); Atomics.wait(pause, 0, 0, 1); }
       db.close(); parentPort.postMessage(i);`,
      { eval: true, workerData: { file: storeFile(c.dir), key: key.toString('hex'), ms: 1500 } },
    );
    const pairs = new Promise<number>((resolve, reject) => {
      worker.on('message', resolve);
      worker.on('error', reject);
    });
    await c.login('admin', PASSWORD);
    const admin = c.token;
    await c.login('agent1', PASSWORD);
    const agent = c.token;
    const made: string[] = [];
    let n = 0;
    const started = Date.now();
    while (Date.now() - started < 1200) {
      // Two writers on one file (the thread stands in for a second process): a save that meets the thread's
      // write lock is refused as store_locked, cleanly, and tried again.
      const env = await c.call('customers.create', customer(n));
      if (!env.ok) {
        expect(env.error.code).toBe('store_locked');
        continue;
      }
      n++;
      if (n % 10 === 0) {
        c.token = admin;
        c.clock.advance(1000);
        for (let tries = 0; tries < 20; tries++) {
          const b = await c.call('backups.create', {});
          if (b.ok) {
            made.push(b.result.id);
            break;
          }
          expect(b.error.code).toBe('store_locked');
        }
        c.token = agent;
      }
      // Let the writer thread's transactions land between the console's own.
      await new Promise((r) => setImmediate(r));
    }
    const written = await pairs;
    expect(written).toBeGreaterThan(50);
    expect(made.length).toBeGreaterThan(1);

    await c.login('admin', PASSWORD);
    const middle = made[made.length - 2]!; // one made while the writers ran (older ones were pruned: keep 7)
    const result = await c.ok('backups.restore', { id: middle });
    expect(result).toMatchObject({ restored: middle, reload: true });
    const db = c.core.context.db;
    expect(checkStore(db, true)).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const a = db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'pair-%-a'").pluck().get() as number;
    const b = db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'pair-%-b'").pluck().get() as number;
    expect(a).toBe(b);
    expect(a).toBeGreaterThan(0);
    // Every customer in the restored store has its creation in the history: no half-saved record.
    const orphans = db.prepare("SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.entity = 'customer' AND h.entity_id = c.id)").pluck().get();
    expect(orphans).toBe(0);
    // The session was made after that backup: the restored store does not know it, the user logs in again.
    expect(await c.raw('backups.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await c.login('admin', PASSWORD);
    // The store as it was before the restore was kept as a backup of its own.
    expect((await c.ok('backups.list', {})).backups.some((x) => x.kind === 'before_restore')).toBe(true);
    expect(db.prepare("SELECT action FROM audit_log WHERE action = 'restore'").pluck().all()).toEqual(['restore']);
    // The console goes on: saves work.
    await c.login('agent1', PASSWORD);
    await c.ok('customers.create', customer(9999));
    await c.login('admin', PASSWORD);
  }, 30_000);
});

describe('a backup before each migration', () => {
  it('copies a store of an earlier schema before migrating it', () => {
    const dir = tmpDir();
    const db = openEncryptedSqlite(storeFile(dir), { key });
    db.pragma('journal_mode = WAL');
    migrate(db, SCHEMA_VERSION - 1);
    db.close();
    openDatabase(dir, { key }).close();
    const list = listBackups(dir);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'pre_migration', migration: SCHEMA_VERSION });
    const copy = openEncryptedSqlite(path.join(dir, 'backups', list[0]!.id), { key, readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    copy.close();
  });
});

describe('who may', () => {
  it.each(USERS)('%s (%s) may not list, make, keep or restore backups', async (username) => {
    await c.login(username, PASSWORD);
    try {
      for (const [m, p] of [
        ['backups.list', {}],
        ['backups.create', {}],
        ['backups.keep', { keep: 3 }],
        ['backups.restore', { id: 'hotline-20261122T020000000Z-daily.sqlite' }],
      ] as const) {
        expect(await c.raw(m, p), `${username}: ${m}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    } finally {
      await c.login('admin', PASSWORD);
    }
  });

  it('refuses malformed params: a path for an id, a keep out of range', async () => {
    for (const [m, p] of [
      ['backups.restore', { id: '../hotline.sqlite' }],
      ['backups.restore', { id: '/etc/passwd' }],
      ['backups.restore', { id: 'hotline-20261122T020000000Z-daily.sqlite', extra: 1 }],
      ['backups.keep', { keep: 0 }],
      ['backups.keep', { keep: 61 }],
      ['backups.keep', { keep: 2.5 }],
      ['store.recover', { id: 'x', username: 'admin', password: PASSWORD }],
    ] as const) {
      expect(await c.raw(m, p), `${m} ${JSON.stringify(p)}`).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
  });

  it('answers store.status to anyone, without backups while the store is sound', async () => {
    const status = await c.ok('store.status', {});
    expect(status).toMatchObject({ state: 'ok', problems: [], backups: [] });
  });
});
