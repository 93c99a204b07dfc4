import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_DB_FILE, openSqliteStore } from '../../server/store/sqlite';
import { openEncryptedSqlite, StoreKeyError, storeFileState } from '../../shared/node/encryptedSqlite';
import { PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { newStoreKey } from '../helpers/storeKey';

/** The SQLite hub (`npm run hub`, a real process over HTTP) keeps its store encrypted like a workstation. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const POSIX = process.platform !== 'win32';
const PHONE = '13566778899';
const hubFile = (dir: string) => path.join(dir, HUB_DB_FILE);
const keyOf = (dir: string) => Buffer.from(fs.readFileSync(`${dir}.key`, 'utf8').trim(), 'hex');

async function joinAndPushACustomer(hubUrl: string): Promise<TestConsole> {
  const a = await seededConsole();
  a.core.sync.stop();
  await a.ok('sync.join', { hubUrl, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  a.core.sync.stop();
  await a.ok('customers.create', { name: '孙保密', organisation: '某某服饰有限公司', address: '', phones: [PHONE], serviceRequirements: '', notes: '' });
  expect((await a.ok('sync.now', {})).error).toBeNull();
  return a;
}

describe('the SQLite hub store', () => {
  let hub: HubProcess;
  let a: TestConsole;
  beforeAll(async () => {
    hub = await startHubProcess({ dataDir: path.join(tmpDir('hd-hubenc-'), 'hub') });
    a = await joinAndPushACustomer(hub.url);
    await hub.stop();
  }, 60_000);
  afterAll(async () => {
    a?.close();
    await hub?.stop();
  });

  it('gets a key file 0600 beside its data folder at first start', () => {
    const file = `${hub.dataDir}.key`;
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(path.join(hub.dataDir, `${HUB_DB_FILE}.key`))).toBe(false);
    if (POSIX) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    if (POSIX) expect(fs.statSync(hubFile(hub.dataDir)).mode & 0o777).toBe(0o600);
  });

  it('is not SQLite without the key and holds no phone number in its bytes', () => {
    const file = hubFile(hub.dataDir);
    expect(storeFileState(file)).toBe('encrypted');
    for (const f of [file, `${file}-wal`].filter((f) => fs.existsSync(f))) expect(fs.readFileSync(f).includes(PHONE), f).toBe(false);
    const raw = new Database(file);
    expect(() => raw.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/file is not a database/);
    raw.close();
    expect(() => openEncryptedSqlite(file, { key: newStoreKey() })).toThrow(StoreKeyError);
  });

  it('opens with its key, with the pushed customer and only a hash of the workstation token', () => {
    const db = openEncryptedSqlite(hubFile(hub.dataDir), { key: keyOf(hub.dataDir), readonly: true });
    try {
      const everything = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .pluck()
        .all()
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t as string}"`).all()))
        .join('');
      expect(everything).toContain(PHONE);
      const token = a.core.context.db.prepare('SELECT hub_token FROM sync_clients WHERE hub_token IS NOT NULL').pluck().get() as string;
      const hashes = db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
      expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
      expect(everything).not.toContain(token);
    } finally {
      db.close();
    }
  });

  it('restarts on its key, and `--rekey` moves it to a new one', async () => {
    const before = keyOf(hub.dataDir);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--rekey', '--data', hub.dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const after = keyOf(hub.dataDir);
    expect(after.equals(before)).toBe(false);
    expect(() => openEncryptedSqlite(hubFile(hub.dataDir), { key: before, readonly: true })).toThrow(StoreKeyError);
    await hub.restart();
    expect((await a.ok('sync.now', {})).error).toBeNull();
    await hub.stop();
  }, 60_000);
});

describe('the hub key from HUB_DB_KEY, and a plaintext hub of an earlier version', () => {
  it('uses the variable instead of a key file and encrypts the existing plaintext store at start', async () => {
    const dataDir = path.join(tmpDir('hd-hubenv-'), 'hub');
    // A hub store as the previous version wrote it: plaintext.
    const old = openSqliteStore(dataDir);
    await old.close();
    expect(storeFileState(hubFile(dataDir))).toBe('plaintext');

    const key = newStoreKey();
    const hub = await startHubProcess({ dataDir, env: { HUB_DB_KEY: key.toString('hex') } });
    try {
      expect(fs.existsSync(`${dataDir}.key`)).toBe(false);
      expect(storeFileState(hubFile(dataDir))).toBe('encrypted');
      const a = await joinAndPushACustomer(hub.url);
      a.close();
    } finally {
      await hub.stop();
    }
    const db = openEncryptedSqlite(hubFile(dataDir), { key, readonly: true });
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBeGreaterThan(0);
    db.close();
  }, 60_000);
});
