import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { StoreKeyError, storeFileState } from '../../shared/node/encryptedSqlite';
import {
  loadOrCreateStoreKey,
  newPasswordKey,
  rekeyStoreWithKeyFile,
  resolveStoreKey,
  storeKeyFile,
  unlockPasswordKey,
  writePendingKey,
} from '../../shared/node/storeKey';
import { tmpDir } from '../helpers/core';
import { newStoreKey, storeFile } from '../helpers/storeKey';

/** The key of the browser host and the hub: env var, else `<dataDir>.key` beside the data folder. */
const POSIX = process.platform !== 'win32';
const ENV = 'HOTLINE_DB_KEY';

function dataDir(): string {
  return path.join(tmpDir('hd-key-'), 'data');
}

describe('the store key file', () => {
  it('is created at first start with a new random key, beside the data folder, 0600', () => {
    const dir = dataDir();
    const first = loadOrCreateStoreKey(dir, ENV, {});
    expect(first.origin).toBe('new-file');
    expect(first.file).toBe(`${dir}.key`);
    expect(path.dirname(first.file)).toBe(path.dirname(dir)); // beside, not inside
    expect(first.key).toHaveLength(32);
    if (POSIX) expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(first.file, 'utf8').trim()).toBe(first.key.toString('hex'));

    const again = loadOrCreateStoreKey(dir, ENV, {});
    expect(again.origin).toBe('file');
    expect(again.key.equals(first.key)).toBe(true);
    expect(loadOrCreateStoreKey(dataDir(), ENV, {}).key.equals(first.key)).toBe(false);
  });

  it('yields to the environment variable, which creates no file', () => {
    const dir = dataDir();
    const key = newStoreKey();
    const loaded = loadOrCreateStoreKey(dir, ENV, { [ENV]: key.toString('hex') });
    expect(loaded.origin).toBe('env');
    expect(loaded.key.equals(key)).toBe(true);
    expect(fs.existsSync(storeKeyFile(dir))).toBe(false);

    // With a key file present, the variable still wins.
    loadOrCreateStoreKey(dir, ENV, {});
    expect(loadOrCreateStoreKey(dir, ENV, { [ENV]: key.toString('hex') }).key.equals(key)).toBe(true);
  });

  it('refuses a malformed variable and a key file other users can read', () => {
    expect(() => loadOrCreateStoreKey(dataDir(), ENV, { [ENV]: 'abc' })).toThrow(/64 hex digits/);
    if (!POSIX) return;
    const dir = dataDir();
    const { file } = loadOrCreateStoreKey(dir, ENV, {});
    fs.chmodSync(file, 0o644);
    expect(() => loadOrCreateStoreKey(dir, ENV, {})).toThrow(/readable by other users/);
  });
});

describe('rekey', () => {
  it('re-encrypts the store under a new key file; the old key no longer opens it', () => {
    const dir = dataDir();
    const old = resolveStoreKey(dir, storeFile(dir), ENV, {}).key;
    const db = openDatabase(dir, { key: old });
    db.exec("CREATE TABLE probe (x); INSERT INTO probe VALUES ('13700001111')");
    db.close();

    rekeyStoreWithKeyFile(dir, storeFile(dir), ENV, {});
    const fresh = loadOrCreateStoreKey(dir, ENV, {}).key;
    expect(fresh.equals(old)).toBe(false);
    expect(fs.existsSync(`${storeKeyFile(dir)}.new`)).toBe(false);
    expect(() => openDatabase(dir, { key: old })).toThrow(StoreKeyError);
    const reopened = openDatabase(dir, { key: fresh });
    expect(reopened.prepare('SELECT x FROM probe').pluck().get()).toBe('13700001111');
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.close();
  });

  it('settles a rekey interrupted before or after the store changed', () => {
    const dir = dataDir();
    const old = resolveStoreKey(dir, storeFile(dir), ENV, {}).key;
    openDatabase(dir, { key: old }).close();

    // Crashed after writing the new key, before the store was re-encrypted: the old key stays.
    writePendingKey(dir, newStoreKey());
    expect(resolveStoreKey(dir, storeFile(dir), ENV, {}).key.equals(old)).toBe(true);
    expect(fs.existsSync(`${storeKeyFile(dir)}.new`)).toBe(false);

    // Crashed after the store was re-encrypted, before the key file was replaced: the new key wins.
    const next = newStoreKey();
    writePendingKey(dir, next);
    const db = openDatabase(dir, { key: old });
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = "x'${next.toString('hex')}'"`);
    db.close();
    expect(resolveStoreKey(dir, storeFile(dir), ENV, {}).key.equals(next)).toBe(true);
    expect(loadOrCreateStoreKey(dir, ENV, {}).key.equals(next)).toBe(true);
    openDatabase(dir, { key: next }).close();
  });

  it('is refused when the key comes from the environment', () => {
    const dir = dataDir();
    const key = newStoreKey();
    openDatabase(dir, { key }).close();
    expect(() => rekeyStoreWithKeyFile(dir, storeFile(dir), ENV, { [ENV]: key.toString('hex') })).toThrow(/rotate it by hand/);
    expect(storeFileState(storeFile(dir))).toBe('encrypted');
  });
});

describe('a password-derived key (desktop app without a keyring)', () => {
  it('derives the same key from the same password and tells a wrong one', async () => {
    const { params, key } = await newPasswordKey('店里的密码2026');
    expect(key).toHaveLength(32);
    expect(JSON.stringify(params)).not.toContain(key.toString('base64'));
    expect((await unlockPasswordKey('店里的密码2026', params))?.equals(key)).toBe(true);
    expect(await unlockPasswordKey('wrong password', params)).toBeNull();
  }, 20_000);
});
