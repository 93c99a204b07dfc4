/**
 * The desktop app's store key: kept through safeStorage, and the Linux 'basic_text' fallback detected
 * and replaced by a store password. Electron is the fake in fake-electron.ts; the core is the real one
 * (in-process behind the fake utility process), so the store on disk is really encrypted.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core';
import { DB_FILE } from '../../electron/core/db/open';
import { startHotlineApp } from '../../electron/main/app';
import { openCoreProcess } from '../../electron/main/core-process';
import { keyringIsWeak, obtainStoreKey, STORE_KEY_RECORD, type StoreKeyDeps } from '../../electron/main/store-key';
import { parsePasswordAnswer, passwordPage } from '../../electron/main/store-password';
import { storeFileState } from '../../shared/node/encryptedSqlite';
import { FakeBrowserWindow, fake, fakeSafeStorage, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const ENTRY = '/opt/hotline/dist-electron/coreProcess.cjs';
const POSIX = process.platform !== 'win32';
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

let opened: Array<{ key?: Uint8Array }>;
const cores: Array<{ close(): void }> = [];

function start() {
  return startHotlineApp({ openCore: (opts) => openCoreProcess(ENTRY, opts), argv: ['hotline'] });
}

beforeEach(() => {
  for (const c of cores.splice(0)) c.close();
  resetFakeElectron();
  opened = [];
  fake.utilityCore = (opts) => {
    opened.push(opts);
    const core = openCore({ ...opts, sync: false });
    cores.push(core);
    return core;
  };
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

const record = () => JSON.parse(readFileSync(join(fake.app.userData, STORE_KEY_RECORD), 'utf8')) as Record<string, unknown>;
const store = () => join(fake.app.userData, 'data', DB_FILE);

/** Answers the store password window the way its page would. */
async function typePassword(password: string, again = password) {
  await until(() => FakeBrowserWindow.instances.some((w) => w.webContents.mainFrame.url.startsWith('data:') && !w.destroyed));
  const win = FakeBrowserWindow.instances.find((w) => w.webContents.mainFrame.url.startsWith('data:') && !w.destroyed)!;
  win.webContents.tryNavigate('will-navigate', `hotline-store-password:${encodeURIComponent(JSON.stringify({ password, again }))}`);
}

describe('with an OS keyring (safeStorage)', () => {
  it('makes a key at the first start, keeps it sealed in userData 0600, and the store is encrypted with it', async () => {
    start();
    await until(() => opened.length === 1 && FakeBrowserWindow.instances.length === 1);
    const key = opened[0]!.key!;
    expect(key).toHaveLength(32);
    expect(fakeSafeStorage.encryptString).toHaveBeenCalledTimes(1);
    const rec = record();
    expect(rec).toMatchObject({ version: 1, protection: 'os', backend: expect.any(String) });
    expect(JSON.stringify(rec)).not.toContain(Buffer.from(key).toString('hex'));
    if (POSIX) expect(statSync(join(fake.app.userData, STORE_KEY_RECORD)).mode & 0o777).toBe(0o600);
    expect(storeFileState(store())).toBe('encrypted');
    expect(fake.showMessageBox).not.toHaveBeenCalled();
  });

  it('reads the same key back at the next start', async () => {
    const deps: StoreKeyDeps = {
      userData: fake.app.userData,
      safeStorage: fakeSafeStorage,
      platform: 'linux',
      chooseWithoutKeyring: vi.fn(),
      askPassword: vi.fn(),
    };
    const first = await obtainStoreKey(deps);
    const second = await obtainStoreKey(deps);
    expect(second?.key.equals(first!.key)).toBe(true);
    expect(second?.status).toEqual({ protection: 'os', backend: 'gnome_libsecret', warning: null });
    expect(fakeSafeStorage.decryptString).toHaveBeenCalledTimes(1);
  });

  it('says why it cannot start when the OS no longer decrypts the key', async () => {
    writeFileSync(join(fake.app.userData, STORE_KEY_RECORD), JSON.stringify({ version: 1, protection: 'os', sealed: Buffer.from('garbage').toString('base64') }));
    start();
    await until(() => fake.errorBoxes.length > 0);
    expect(fake.errorBoxes[0]?.[0]).toBe('无法打开本地数据库');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(opened).toHaveLength(0);
  });
});

describe("Linux without a keyring (safeStorage 'basic_text')", () => {
  beforeEach(() => {
    fakeSafeStorage.backend = 'basic_text';
  });

  it('is detected', () => {
    expect(keyringIsWeak(fakeSafeStorage, 'linux')).toEqual({ weak: true, backend: 'basic_text' });
    expect(keyringIsWeak({ ...fakeSafeStorage, getSelectedStorageBackend: () => 'kwallet5' }, 'linux').weak).toBe(false);
    expect(keyringIsWeak({ ...fakeSafeStorage, isEncryptionAvailable: () => false }, 'win32').weak).toBe(true);
    expect(keyringIsWeak(fakeSafeStorage, 'win32').weak).toBe(false);
  });

  it.runIf(process.platform === 'linux')('tells the administrator and derives the key from a store password instead', async () => {
    fake.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
    start();
    await until(() => fake.showMessageBox.mock.calls.length > 0);
    const box = fake.showMessageBox.mock.calls[0]![0] as { message: string; buttons: string[] };
    expect(box.message).toContain('没有可用的系统密钥环');
    expect(box.buttons[0]).toContain('设置数据库密码');
    await typePassword('short', 'short'); // refused: fewer than 8 characters, asked again
    await until(() => FakeBrowserWindow.instances.filter((w) => w.webContents.mainFrame.url.startsWith('data:')).length === 2);
    await typePassword('仓库门口的老槐树');
    await until(() => opened.length === 1);
    expect(record()).toMatchObject({ protection: 'password', backend: 'basic_text', password: { N: 131072 } });
    expect(JSON.stringify(record())).not.toContain('sealed');
    expect(fakeSafeStorage.encryptString).not.toHaveBeenCalled();
    expect(storeFileState(store())).toBe('encrypted');
  }, 20_000);

  it('asks for the store password at the next start until it is right', async () => {
    const asked: string[] = ['wrong guess', '仓库门口的老槐树'];
    const first = await obtainStoreKey({
      userData: fake.app.userData,
      safeStorage: fakeSafeStorage,
      platform: 'linux',
      chooseWithoutKeyring: async () => 'password',
      askPassword: async () => '仓库门口的老槐树',
    });
    const askPassword = vi.fn(async (_opts: { creating: boolean; wrongBefore: boolean }) => asked.shift() ?? null);
    const again = await obtainStoreKey({
      userData: fake.app.userData,
      safeStorage: fakeSafeStorage,
      platform: 'linux',
      chooseWithoutKeyring: vi.fn(),
      askPassword,
    });
    expect(again?.key.equals(first!.key)).toBe(true);
    expect(askPassword.mock.calls.map((c) => c[0])).toEqual([
      { creating: false, wrongBefore: false },
      { creating: false, wrongBefore: true },
    ]);
  }, 20_000);

  it('keeps the basic protection when the administrator insists, with the warning in the status', async () => {
    const out = await obtainStoreKey({
      userData: fake.app.userData,
      safeStorage: fakeSafeStorage,
      platform: 'linux',
      chooseWithoutKeyring: async () => 'basic',
      askPassword: vi.fn(),
    });
    expect(out?.status.protection).toBe('os_basic_text');
    expect(out?.status.warning).toMatch(/固定密钥.*fixed key/s);
    expect(record()).toMatchObject({ protection: 'os_basic_text', backend: 'basic_text' });
  });

  it.runIf(process.platform === 'linux')('quits without a store when the administrator chooses to', async () => {
    fake.showMessageBox.mockResolvedValue({ response: 2, checkboxChecked: false });
    start();
    await until(() => fake.app.quit.mock.calls.length > 0);
    expect(opened).toHaveLength(0);
    expect(existsSync(join(fake.app.userData, STORE_KEY_RECORD))).toBe(false);
  });
});

describe('the password page', () => {
  it('asks twice for a new password and reads the answer', () => {
    expect(passwordPage({ creating: true, wrongBefore: false })).toContain('id="p2"');
    expect(passwordPage({ creating: false, wrongBefore: true })).toContain('密码不正确');
    const url = (a: unknown) => `hotline-store-password:${encodeURIComponent(JSON.stringify(a))}`;
    expect(parsePasswordAnswer(url({ password: 'abcdefgh', again: 'abcdefgh' }), true)).toBe('abcdefgh');
    expect(parsePasswordAnswer(url({ password: 'abcdefgh', again: 'abcdefgX' }), true)).toBe('');
    expect(parsePasswordAnswer(url({ cancel: true }), false)).toBeNull();
    expect(parsePasswordAnswer('https://example.com/', false)).toBeUndefined();
  });
});
