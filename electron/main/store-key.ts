/**
 * The desktop app's store key (docs/electron.md, "The store key"). A random 32-byte key, made at the
 * first start and kept by the operating system through Electron's safeStorage (DPAPI on Windows, the
 * Keychain on macOS, libsecret or kwallet on Linux): `store-key.json` in userData holds only the
 * safeStorage-encrypted key, which another OS user, or the same file copied to another machine,
 * cannot decrypt.
 *
 * Linux without a keyring: safeStorage then encrypts with a fixed key built into Chromium
 * ('basic_text'), which protects nothing. We detect that before the first key is stored, tell the
 * administrator, and offer a key derived from a store password (scrypt) instead; the app then asks
 * for that password at every start. An administrator may still choose the basic protection, and the
 * warning stays in the status (`StoreKeyStatus.warning`).
 *
 * No Electron import: the safeStorage and the dialogs are passed in, so tests drive it directly.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { newPasswordKey, type PasswordKeyParams, parseHexKey, STORE_KEY_BYTES, unlockPasswordKey } from '../../shared/node/keyMaterial';

export const STORE_KEY_RECORD = 'store-key.json';

/** The part of Electron's safeStorage used here; getSelectedStorageBackend exists on Linux only. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** 'os': safeStorage with a real keyring; 'os_basic_text': safeStorage's fixed key, chosen knowingly; 'password': scrypt. */
export type KeyProtection = 'os' | 'os_basic_text' | 'password';

interface KeyRecord {
  version: 1;
  protection: KeyProtection;
  /** safeStorage's backend when the key was stored (Linux), for the support log. */
  backend?: string;
  /** base64 of safeStorage.encryptString(hex key). */
  sealed?: string;
  password?: PasswordKeyParams;
}

export interface StoreKeyStatus {
  protection: KeyProtection;
  backend: string;
  /** For the administrator, in Chinese and English; null when the key is well kept. */
  warning: string | null;
}

export interface StoreKeyDeps {
  userData: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The OS keyring is missing: 'password' (recommended), 'basic' (safeStorage's fixed key) or 'quit'. */
  chooseWithoutKeyring(): Promise<'password' | 'basic' | 'quit'>;
  /** The store password; `creating` asks for a new one (typed twice). null: the administrator cancelled. */
  askPassword(opts: { creating: boolean; wrongBefore: boolean }): Promise<string | null>;
  log?(message: string): void;
}

export const BASIC_TEXT_WARNING =
  '本机没有可用的系统密钥环，数据库密钥只受固定密钥保护，拿到硬盘即可读取客户数据。请安装并启用密钥环（如 GNOME Keyring），或改用数据库密码。' +
  ' / This computer has no keyring: the store key is protected only by a fixed key. Install a keyring (e.g. GNOME Keyring) or use a store password.';

export class StoreKeyUnavailable extends Error {}

const MIN_PASSWORD = 8;

/** Whether safeStorage would only obfuscate: no encryption at all, or Linux's fixed-key 'basic_text' backend. */
export function keyringIsWeak(safeStorage: SafeStorageLike, platform: NodeJS.Platform): { weak: boolean; backend: string } {
  if (!safeStorage.isEncryptionAvailable()) return { weak: true, backend: 'unavailable' };
  if (platform !== 'linux') return { weak: false, backend: platform === 'win32' ? 'dpapi' : 'keychain' };
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return { weak: backend === 'basic_text' || backend === 'unknown', backend };
}

function writeRecord(file: string, record: KeyRecord): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readRecord(file: string): KeyRecord {
  const record = JSON.parse(readFileSync(file, 'utf8')) as KeyRecord;
  if (record.version !== 1 || !['os', 'os_basic_text', 'password'].includes(record.protection))
    throw new StoreKeyUnavailable(`${file} is not a store key record of this program`);
  return record;
}

async function unlockWithPassword(deps: StoreKeyDeps, params: PasswordKeyParams): Promise<Buffer | null> {
  let wrongBefore = false;
  for (;;) {
    const password = await deps.askPassword({ creating: false, wrongBefore });
    if (password === null) return null;
    const key = await unlockPasswordKey(password, params);
    if (key) return key;
    wrongBefore = true;
  }
}

async function createWithPassword(deps: StoreKeyDeps): Promise<{ key: Buffer; params: PasswordKeyParams } | null> {
  let wrongBefore = false;
  for (;;) {
    const password = await deps.askPassword({ creating: true, wrongBefore });
    if (password === null) return null;
    if (password.length >= MIN_PASSWORD) return newPasswordKey(password).then(({ key, params }) => ({ key, params }));
    wrongBefore = true;
  }
}

/**
 * The store key, made at the first start and read back later. null: the administrator cancelled
 * (the app quits). Throws StoreKeyUnavailable when the key was kept by a keyring that is gone.
 */
export async function obtainStoreKey(deps: StoreKeyDeps): Promise<{ key: Buffer; status: StoreKeyStatus } | null> {
  const file = join(deps.userData, STORE_KEY_RECORD);
  const log = deps.log ?? (() => {});
  const { weak, backend } = keyringIsWeak(deps.safeStorage, deps.platform);

  if (existsSync(file)) {
    const record = readRecord(file);
    if (record.protection === 'password' && record.password) {
      const key = await unlockWithPassword(deps, record.password);
      return key ? { key, status: { protection: 'password', backend, warning: null } } : null;
    }
    if (!deps.safeStorage.isEncryptionAvailable() || !record.sealed)
      throw new StoreKeyUnavailable('the operating system cannot decrypt the store key now (is the keyring unlocked?)');
    const key = parseHexKey(deps.safeStorage.decryptString(Buffer.from(record.sealed, 'base64')), file);
    const basic = record.protection === 'os_basic_text';
    return { key, status: { protection: record.protection, backend, warning: basic ? BASIC_TEXT_WARNING : null } };
  }

  // First start of this version: a new key (a plaintext store from an earlier version is then encrypted with it).
  let protection: KeyProtection = 'os';
  if (weak) {
    log(`safeStorage backend "${backend}" keeps secrets under a fixed key; asking the administrator`);
    const choice = await deps.chooseWithoutKeyring();
    if (choice === 'quit') return null;
    if (choice === 'password') {
      const made = await createWithPassword(deps);
      if (!made) return null;
      writeRecord(file, { version: 1, protection: 'password', backend, password: made.params });
      log('store key derived from the store password');
      return { key: made.key, status: { protection: 'password', backend, warning: null } };
    }
    if (!deps.safeStorage.isEncryptionAvailable()) throw new StoreKeyUnavailable('safeStorage is not available on this computer; use a store password');
    protection = 'os_basic_text';
  }
  const key = randomBytes(STORE_KEY_BYTES);
  const sealed = deps.safeStorage.encryptString(key.toString('hex')).toString('base64');
  writeRecord(file, { version: 1, protection, backend, sealed });
  log(`new store key kept by safeStorage (${backend})`);
  return { key, status: { protection, backend, warning: protection === 'os_basic_text' ? BASIC_TEXT_WARNING : null } };
}
