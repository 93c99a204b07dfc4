import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { STORE_KEY_BYTES, StoreKeyError } from './keyMaterial';

/*
 * Encryption at rest for the workstation store and the SQLite hub (docs/security-encryption.md).
 * better-sqlite3-multiple-ciphers is better-sqlite3 built with SQLite3 Multiple Ciphers. We choose
 * its SQLCipher scheme in SQLCipher 4 layout explicitly (`cipher='sqlcipher'`, `legacy=4`) instead of
 * the library's default (ChaCha20): the file can then be opened by the stock `sqlcipher` tool for
 * recovery or inspection, AES-256 with an HMAC per page is the scheme auditors know, and a future
 * change of the library default cannot silently change our file format.
 *
 * The key is 32 random bytes given as a raw key (x'…'), so SQLCipher's PBKDF2 (256 000 rounds, about
 * 0.1 s) is skipped at every open: the key is already random; a password-derived key is stretched
 * with scrypt before it gets here (storeKey.ts).
 */

export { STORE_KEY_BYTES, StoreKeyError, type StoreKeyProblem } from './keyMaterial';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface EncryptedOpenOptions {
  /** 32 bytes. Without a key the file stays plaintext (tests of earlier versions); an encrypted file is then refused. */
  key?: Uint8Array | undefined;
  nativeBinding?: string | undefined;
  readonly?: boolean | undefined;
  /** Progress of a one-time encryption of a plaintext file (log it, show it). */
  onProgress?: ((message: string) => void) | undefined;
}

export type FileState = 'missing' | 'plaintext' | 'encrypted';

/** An empty or absent file is 'missing'; SQLite's magic header means plaintext; anything else is taken as encrypted. */
export function storeFileState(file: string): FileState {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 'missing';
  }
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return 'missing';
    return n === 16 && head.equals(SQLITE_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

/** The PRAGMA value for a raw 32-byte key. */
function rawKey(key: Uint8Array): string {
  if (key.length !== STORE_KEY_BYTES) throw new StoreKeyError('key_malformed', `the store key must be ${STORE_KEY_BYTES} bytes, got ${key.length}`);
  return `"x'${Buffer.from(key).toString('hex')}'"`;
}

/** Must run before the first read of the file: the cipher settings apply to the next key. */
function applyKey(db: Database.Database, key: Uint8Array, pragma: 'key' | 'rekey'): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = ${rawKey(key)}`);
}

/**
 * The store file and its -wal/-shm/-journal only for our user. SQLite creates -wal and -shm with the
 * permissions of the main file, so creating that one 0600 covers the others; existing ones from an
 * earlier version (0644) are tightened here.
 */
export function restrictStoreFiles(file: string): void {
  if (process.platform === 'win32') return; // NTFS ACLs of the user profile already apply
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** mkdir -p with 0700 for the folders we create; an existing folder keeps its mode (an administrator chose it). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** fsync a file or (outside Windows) a folder, so that a rename into it survives a power cut. */
export function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } catch (err) {
    // Directories cannot be fsynced on Windows; the rename is still atomic there.
    if (process.platform !== 'win32') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

/** Row counts of every stored table (FTS5 shadow tables included, virtual tables left out: their rows are the shadows'). */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number;
  return out;
}

function newConnection(file: string, opts: EncryptedOpenOptions): Database.Database {
  const options: Database.Options = {};
  if (opts.nativeBinding) options.nativeBinding = opts.nativeBinding;
  if (opts.readonly) options.readonly = true;
  return new Database(file, options);
}

/**
 * Encrypts a plaintext store once, so that a crash at any point leaves either the old plaintext file
 * or the complete encrypted one, never a mix:
 *  1. the plaintext file leaves WAL mode (its -wal is checkpointed into it and removed), so the file
 *     alone is the whole store and no stale -wal can later be replayed onto the encrypted file;
 *  2. a copy `<file>.encrypting` is encrypted with PRAGMA rekey (SQLite3MC encrypts a plaintext
 *     file in place, in a journaled transaction), then its row counts are compared with the original;
 *  3. the copy is fsynced and renamed over the original (atomic), and the folder is fsynced.
 * A leftover `.encrypting` from an interrupted run is discarded and the work redone.
 */
export function encryptPlaintextStore(file: string, key: Uint8Array, opts: EncryptedOpenOptions = {}): void {
  const progress = opts.onProgress ?? (() => {});
  const tmp = `${file}.encrypting`;
  fs.rmSync(tmp, { force: true });
  fs.rmSync(`${tmp}-journal`, { force: true });
  const sizeMb = (fs.statSync(file).size / 1048576).toFixed(1);
  progress(`encrypting the store ${path.basename(file)} (${sizeMb} MB): step 1/3, checkpoint`);

  const plain = newConnection(file, { ...opts, readonly: false });
  let before: Record<string, number>;
  try {
    plain.pragma('journal_mode = DELETE');
    before = tableCounts(plain);
  } finally {
    plain.close();
  }
  for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

  progress('encrypting the store: step 2/3, encrypting a copy');
  fs.copyFileSync(file, tmp);
  fs.chmodSync(tmp, 0o600);
  const copy = newConnection(tmp, { ...opts, readonly: false });
  try {
    applyKey(copy, key, 'rekey');
    const after = tableCounts(copy);
    const differs = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    if (differs.length) throw new Error(`encrypting the store changed row counts of ${differs.join(', ')}; the plaintext store is kept`);
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the encrypted copy fails its check (${String(check)}); the plaintext store is kept`);
  } catch (err) {
    copy.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  copy.close();

  progress('encrypting the store: step 3/3, replacing the plaintext file');
  fsyncPath(tmp);
  fs.renameSync(tmp, file);
  fsyncPath(path.dirname(file));
  fs.rmSync(`${file}-journal`, { force: true });
  const rows = Object.values(before).reduce((a, b) => a + b, 0);
  progress(`store encrypted: ${Object.keys(before).length} tables, ${rows} rows verified`);
}

/**
 * Opens (creating if needed) a SQLite file, encrypted when a key is given. A plaintext file and a
 * key: the file is encrypted first (encryptPlaintextStore). A wrong or missing key is a
 * StoreKeyError with a sentence a person can act on, not SQLite's "file is not a database".
 */
export function openEncryptedSqlite(file: string, opts: EncryptedOpenOptions = {}): Database.Database {
  makePrivateDir(path.dirname(file));
  const state = storeFileState(file);
  if (state === 'encrypted' && !opts.key)
    throw new StoreKeyError('key_required', `the store ${file} is encrypted and no key was given`);
  if (state === 'plaintext' && opts.key) encryptPlaintextStore(file, opts.key, opts);
  if (state === 'missing' && !opts.readonly) fs.closeSync(fs.openSync(file, 'a', 0o600));
  restrictStoreFiles(file);

  const db = newConnection(file, opts);
  try {
    if (opts.key) applyKey(db, opts.key, 'key');
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_NOTADB')
        throw new StoreKeyError('key_rejected', `the store ${file} cannot be opened with this key (wrong key, or not a store of this program)`);
      throw err;
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Re-encrypts an open store under a new key. SQLite3MC cannot rekey in WAL mode, so the store leaves
 * WAL for the rekey (a journaled transaction: a crash keeps the old key) and returns to it after.
 */
export function rekeyOpenStore(db: Database.Database, newKey: Uint8Array): void {
  const mode = db.pragma('journal_mode', { simple: true }) as string;
  db.pragma('journal_mode = DELETE');
  try {
    applyKey(db, newKey, 'rekey');
  } finally {
    db.pragma(`journal_mode = ${mode}`);
  }
}
