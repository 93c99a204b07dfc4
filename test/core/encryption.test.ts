import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { openDatabase } from '../../electron/core/db/open';
import { StoreKeyError, storeFileState, tableCounts } from '../../shared/node/encryptedSqlite';
import { openTestConsole, type TestConsole, tmpDir } from '../helpers/core';
import { newStoreKey, openStoreWithKey, storeFile } from '../helpers/storeKey';

/*
 * A store of the previous version (plaintext, written through the core by the demo seed) opened by
 * this version with a key: encrypted in place, nothing lost, unreadable without the key.
 */

const POSIX = process.platform !== 'win32';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const mode = (f: string) => fs.statSync(f).mode & 0o777;

interface Snapshot {
  counts: Record<string, number>;
  phones: string[];
  callSearch: string[];
  complaintSearch: string[];
  customerSearch: string[];
}

async function snapshot(c: TestConsole): Promise<Snapshot> {
  const db = c.core.context.db;
  // Counted before logging in, which writes a session and audit rows.
  const counts = tableCounts(db);
  await c.login('admin', DEMO_PASSWORD);
  // Words the demo data holds: the search results before and after must match row for row.
  const calls = await c.ok('calls.list', { q: '检测', limit: 100 });
  const complaints = await c.ok('complaints.list', { q: '投诉', limit: 100 });
  const customers = await c.ok('customers.search', { q: '公司', limit: 100 });
  return {
    counts,
    phones: db.prepare('SELECT normalized FROM customer_phones ORDER BY normalized').pluck().all() as string[],
    callSearch: calls.rows.map((r) => r.id),
    complaintSearch: complaints.rows.map((r) => r.id),
    customerSearch: customers.map((r) => r.id),
  };
}

describe('a plaintext store of the previous version is encrypted in place', () => {
  const dir = tmpDir('hd-enc-');
  const key = newStoreKey();
  let before: Snapshot;
  let after: Snapshot;
  const progress: string[] = [];

  beforeAll(async () => {
    await seedDemo({ dataDir: dir, customers: 40, calls: 60, complaints: 10, days: 10, seed: 7 });
    // The old plain open (no key), as the previous version had it.
    expect(storeFileState(storeFile(dir))).toBe('plaintext');
    const plain = openTestConsole(dir);
    before = await snapshot(plain);
    plain.close();
    // The counts of the file as it is just before this version opens it (the searches above wrote audit rows).
    const raw = new Database(storeFile(dir));
    before.counts = tableCounts(raw);
    raw.close();
    expect(fs.readFileSync(storeFile(dir)).includes(before.phones[0]!)).toBe(true);

    const encrypted = openTestConsole(dir, undefined, { key, onStoreProgress: (m) => progress.push(m) });
    after = await snapshot(encrypted);
    // A write after the migration, so the -wal holds pages too.
    await encrypted.ok('customers.search', { q: '有限公司' });
    encrypted.close();
  }, 120_000);

  it('keeps every row of every table, the full-text indexes included', () => {
    expect(before.counts.call_records).toBe(60);
    expect(before.counts.complaints).toBe(10);
    expect(before.counts.customers).toBe(40);
    expect(before.counts.callbacks).toBeGreaterThan(0);
    expect(Object.keys(before.counts).filter((t) => t.endsWith('_data')).length).toBeGreaterThan(0); // FTS5 shadows
    expect(after.counts).toEqual(before.counts);
    expect(after.phones).toEqual(before.phones);
  });

  it('answers the same Chinese searches through the core before and after', () => {
    expect(before.callSearch.length).toBeGreaterThan(0);
    expect(after.callSearch).toEqual(before.callSearch);
    expect(after.complaintSearch).toEqual(before.complaintSearch);
    expect(after.customerSearch).toEqual(before.customerSearch);
  });

  it('says what it does while encrypting', () => {
    expect(progress[0]).toMatch(/encrypting the store/);
    expect(progress.at(-1)).toMatch(/store encrypted: \d+ tables, \d+ rows verified/);
  });

  it('leaves a file that is not SQLite without the key, with no phone number in its bytes', () => {
    const file = storeFile(dir);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).equals(SQLITE_MAGIC)).toBe(false);
    expect(fs.existsSync(`${file}.encrypting`)).toBe(false);
    for (const phone of before.phones) expect(bytes.includes(phone), phone).toBe(false);

    const raw = new Database(file);
    expect(() => raw.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/file is not a database/);
    raw.close();
  });

  it('keeps the -wal encrypted too', async () => {
    const c = openTestConsole(dir, undefined, { key });
    await c.login('admin', DEMO_PASSWORD);
    const phone = '13912345678';
    await c.ok('customers.create', { name: '钱多多', organisation: '测试有限公司', address: '', phones: [phone], serviceRequirements: '', notes: '' });
    const wal = `${storeFile(dir)}-wal`;
    expect(fs.existsSync(wal)).toBe(true);
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    const bytes = fs.readFileSync(wal);
    for (const p of [phone, ...before.phones.slice(0, 10)]) expect(bytes.includes(p), p).toBe(false);
    c.close();
  });

  it('refuses a missing key and a wrong key with a clear error', () => {
    expect(() => openDatabase(dir)).toThrow(StoreKeyError);
    expect(() => openDatabase(dir)).toThrow(/is encrypted and no key was given/);
    let err: unknown;
    try {
      openDatabase(dir, { key: newStoreKey() });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreKeyError);
    expect((err as StoreKeyError).problem).toBe('key_rejected');
    expect((err as Error).message).toMatch(/cannot be opened with this key/);
    expect(() => openDatabase(dir, { key: Buffer.alloc(16) })).toThrow(/must be 32 bytes/);
  });

  it('opens read-only with the key for tests that look at the raw store', () => {
    const db = openStoreWithKey(dir, key);
    expect(db.prepare('SELECT count(*) FROM call_records').pluck().get()).toBe(60);
    db.close();
  });

  it.runIf(POSIX)('leaves the store and its -wal/-shm readable by our user only', () => {
    const c = openTestConsole(dir, undefined, { key });
    const file = storeFile(dir);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    c.close();
  });
});

describe('a new encrypted store', () => {
  let parent: string;
  beforeAll(() => {
    parent = tmpDir('hd-enc-new-');
  });
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it.runIf(POSIX)('is created 0600 in a 0700 folder it creates', () => {
    const dir = `${parent}/data`;
    const db = openDatabase(dir, { key: newStoreKey() });
    db.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
    expect(mode(dir)).toBe(0o700);
    for (const f of ['hotline.sqlite', 'hotline.sqlite-wal', 'hotline.sqlite-shm']) expect(mode(`${dir}/${f}`), f).toBe(0o600);
    db.close();
  });

  it('tightens a 0644 store of an earlier version', () => {
    const dir = `${parent}/old`;
    openDatabase(dir).close();
    fs.chmodSync(storeFile(dir), 0o644);
    openDatabase(dir, { key: newStoreKey() }).close();
    if (POSIX) expect(mode(storeFile(dir))).toBe(0o600);
  });

  it('discards a half-made copy left by a crash during encryption and encrypts again', () => {
    const dir = `${parent}/crash`;
    openDatabase(dir).close();
    fs.writeFileSync(`${storeFile(dir)}.encrypting`, 'half a file');
    const key = newStoreKey();
    openDatabase(dir, { key }).close();
    expect(fs.existsSync(`${storeFile(dir)}.encrypting`)).toBe(false);
    expect(storeFileState(storeFile(dir))).toBe('encrypted');
    openDatabase(dir, { key }).close();
  });
});

describe('SQLCipher 4 with FTS5 trigram', () => {
  it('uses the sqlcipher scheme, version 4 layout, and searches Chinese in a contentless trigram index', () => {
    const dir = tmpDir('hd-enc-fts-');
    const db = openDatabase(dir, { key: newStoreKey() });
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(Number(db.pragma('legacy', { simple: true }))).toBe(4);
    db.exec("CREATE VIRTUAL TABLE probe_fts USING fts5(body, content='', tokenize='trigram')");
    const insert = db.prepare('INSERT INTO probe_fts (rowid, body) VALUES (?, ?)');
    insert.run(1, '客户投诉羽绒服含绒量不达标');
    insert.run(2, '咨询空调能效检测报告');
    const hits = (q: string) => db.prepare('SELECT rowid FROM probe_fts WHERE probe_fts MATCH ? ORDER BY rowid').pluck().all(q);
    expect(hits('含绒量')).toEqual([1]);
    expect(hits('检测报告')).toEqual([2]);
    expect(hits('"投诉羽"')).toEqual([1]);
    db.close();
  });
});
