import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openEncryptedSqlite, rekeyOpenStore, storeFileState } from './encryptedSqlite';
import { parseHexKey, STORE_KEY_BYTES, StoreKeyError } from './keyMaterial';

export { newPasswordKey, type PasswordKeyParams, parseHexKey, unlockPasswordKey } from './keyMaterial';

/*
 * Where the store key of the browser host and of the hub comes from (docs/security-encryption.md):
 * an environment variable (hex) wins; otherwise a key file beside the data folder, `<dataDir>.key`,
 * created with a new random key at first start and readable only by its user. Beside, not inside:
 * a copy of the data folder (a backup, a support bundle) then does not carry its own key.
 * The desktop app keeps its key through Electron's safeStorage instead (electron/main/store-key.ts).
 */

export type KeyOrigin = 'env' | 'file' | 'new-file';

export interface LoadedKey {
  key: Buffer;
  origin: KeyOrigin;
  /** The key file (also when the env var won). */
  file: string;
  /** A key written by an interrupted rekey: the store may already be under it (promotePendingKey). */
  pending?: Buffer;
}

export const storeKeyFile = (dataDir: string) => `${path.resolve(dataDir)}.key`;
const pendingKeyFile = (dataDir: string) => `${storeKeyFile(dataDir)}.new`;

function readKeyFileAt(file: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = fs.statSync(file).mode & 0o777;
    // Like ssh with a private key: a key others can read is refused, not silently used.
    if (mode & 0o077)
      throw new StoreKeyError('key_malformed', `the key file ${file} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it`);
  }
  return parseHexKey(fs.readFileSync(file, 'utf8'), `the key file ${file}`);
}

/** Writes a key file 0600 without ever leaving a partial one: temp file, fsync, rename. */
export function writeKeyFile(file: string, key: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${Buffer.from(key).toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * The key for the store in `dataDir`: `env[envVar]` when set, else `<dataDir>.key`, created with a
 * new random key when neither exists.
 */
export function loadOrCreateStoreKey(dataDir: string, envVar: string, env: NodeJS.ProcessEnv = process.env): LoadedKey {
  const file = storeKeyFile(dataDir);
  const fromEnv = env[envVar];
  if (fromEnv) return { key: parseHexKey(fromEnv, `the environment variable ${envVar}`), origin: 'env', file };
  const pendingFile = pendingKeyFile(dataDir);
  const pending = fs.existsSync(pendingFile) ? readKeyFileAt(pendingFile) : undefined;
  if (fs.existsSync(file)) return { key: readKeyFileAt(file), origin: 'file', file, ...(pending ? { pending } : {}) };
  const key = randomBytes(STORE_KEY_BYTES);
  writeKeyFile(file, key);
  return { key, origin: 'new-file', file };
}

/** Step 1 of a rekey: the new key is on disk before the store is re-encrypted under it. */
export function writePendingKey(dataDir: string, key: Uint8Array): void {
  writeKeyFile(pendingKeyFile(dataDir), key);
}

/** Last step of a rekey (or recovery after a crash in the middle): the pending key becomes the key. */
export function promotePendingKey(dataDir: string): void {
  fs.renameSync(pendingKeyFile(dataDir), storeKeyFile(dataDir));
}

export function discardPendingKey(dataDir: string): void {
  fs.rmSync(pendingKeyFile(dataDir), { force: true });
}

/** Whether `key` opens the store file (a plaintext or absent file opens with any key). */
function opensWith(storeFile: string, key: Uint8Array): boolean {
  if (storeFileState(storeFile) !== 'encrypted') return true;
  try {
    openEncryptedSqlite(storeFile, { key, readonly: true }).close();
    return true;
  } catch (err) {
    if (err instanceof StoreKeyError && err.problem === 'key_rejected') return false;
    throw err;
  }
}

/**
 * loadOrCreateStoreKey, plus recovery from a rekey that was interrupted: with a pending key on disk,
 * the key that opens `storeFile` wins and the other is dropped.
 */
export function resolveStoreKey(dataDir: string, storeFile: string, envVar: string, env: NodeJS.ProcessEnv = process.env): LoadedKey {
  const loaded = loadOrCreateStoreKey(dataDir, envVar, env);
  if (!loaded.pending) return loaded;
  const { pending, ...rest } = loaded;
  if (opensWith(storeFile, loaded.key)) {
    discardPendingKey(dataDir);
    return rest;
  }
  if (opensWith(storeFile, pending)) {
    promotePendingKey(dataDir);
    return { ...rest, key: pending };
  }
  throw new StoreKeyError('key_rejected', `neither ${loaded.file} nor ${loaded.file}.new opens ${storeFile}`);
}

/**
 * Key rotation for a store whose key is in its key file: a new random key is written as
 * `<dataDir>.key.new`, the store is re-encrypted under it (PRAGMA rekey, one transaction), and the
 * new key replaces the old file. A crash in between is settled by resolveStoreKey at the next start.
 * Run it with the program stopped: the store must not be open elsewhere.
 */
export function rekeyStoreWithKeyFile(dataDir: string, storeFile: string, envVar: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env[envVar]) throw new Error(`the key comes from ${envVar}; rotate it by hand (docs/security-encryption.md), or unset ${envVar} to use the key file`);
  if (storeFileState(storeFile) === 'missing') throw new Error(`there is no store at ${storeFile} to rekey`);
  const current = resolveStoreKey(dataDir, storeFile, envVar, env);
  const next = randomBytes(STORE_KEY_BYTES);
  writePendingKey(dataDir, next);
  const db = openEncryptedSqlite(storeFile, { key: current.key });
  try {
    rekeyOpenStore(db, next);
  } finally {
    db.close();
  }
  promotePendingKey(dataDir);
}
