/**
 * The core in a utility process: main relays `hotline:invoke` and the core's events between the
 * windows and the process. Electron is the fake in fake-electron.ts; its utilityProcess.fork runs the
 * real relay (core-host.ts) in-process over a fake core, with messages copied as between processes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeOutcome } from '../../electron/core';
import { startHotlineApp } from '../../electron/main/app';
import { MAX_RESTARTS } from '../../electron/main/core-client';
import { openCoreProcess } from '../../electron/main/core-process';
import { CHANNELS } from '../../shared/api/ipc';
import { createFakeCore, type FakeCore } from './fake-core';
import { FakeBrowserWindow, FakeUtilityProcess, fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const APP_PAGE = 'file:///opt/hotline/dist/renderer/index.html';
const ENTRY = '/opt/hotline/dist-electron/coreProcess.cjs';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let core: FakeCore;
let utilityCore: ReturnType<typeof vi.fn>;

async function start(argv: string[] = ['hotline']) {
  const started = startHotlineApp({ openCore: (opts) => openCoreProcess(ENTRY, opts), argv });
  await tick();
  return started;
}

const ipcEvent = (win: FakeBrowserWindow) => ({ sender: win.webContents, senderFrame: { url: APP_PAGE, parent: null } });

function invoke(win: FakeBrowserWindow, method: string, params: unknown = {}) {
  const handler = fake.ipcMain.handlers.get(CHANNELS.invoke) as (...a: unknown[]) => Promise<unknown>;
  return handler(ipcEvent(win), method, params);
}

const listen = (win: FakeBrowserWindow, name: string) => fake.ipcMain.emit(CHANNELS.listening, ipcEvent(win), name);
const eventsSent = (win: FakeBrowserWindow) =>
  win.webContents.sent.filter(([channel]) => channel === CHANNELS.event).map(([, ...rest]) => rest);
const lastProcess = () => FakeUtilityProcess.instances.at(-1)!;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
  utilityCore = vi.fn(() => core);
  fake.utilityCore = utilityCore as never;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('core in a utility process', () => {
  it('forks the core entry and opens the store there with the options main worked out', async () => {
    await start();
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(lastProcess().modulePath).toBe(ENTRY);
    expect(lastProcess().options).toEqual({ serviceName: 'Hotline Desk core' });
    expect(utilityCore).toHaveBeenCalledWith({
      dataDir: join(fake.app.userData, 'data'),
      nativeBinding: undefined,
      // The store key crosses to the core process as bytes (store-key.ts); progress comes back as messages.
      key: expect.any(Uint8Array),
      onStoreProgress: expect.any(Function),
    });
    expect((utilityCore.mock.calls[0]?.[0] as { key?: Uint8Array } | undefined)?.key).toHaveLength(32);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('relays an invoke with a request id and keeps the session token in main', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    core.invoke.mockResolvedValueOnce({ envelope: { ok: true, result: { name: '王芳' } }, token: 'secret-token' });
    expect(await invoke(win, 'auth.login', { username: 'wangfang' })).toEqual({ ok: true, result: { name: '王芳' } });
    await invoke(win, 'calls.save', { id: 'c1' });
    expect(core.invoke).toHaveBeenLastCalledWith('secret-token', 'calls.save', { id: 'c1' });
    const invokes = lastProcess().posted.filter((m) => m.type === 'invoke');
    expect(invokes.map((m) => [m.id, m.method])).toEqual([
      [1, 'auth.login'],
      [2, 'calls.save'],
    ]);
    // The token went to the core process with the call, but the page only ever got the envelope.
    expect(JSON.stringify(win.webContents.sent)).not.toContain('secret-token');
  });

  it('answers concurrent invokes to the right callers, whatever order they finish in', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    const slow = deferred<InvokeOutcome>();
    const fast = deferred<InvokeOutcome>();
    core.invoke.mockImplementation((_token, method) => (method === 'export.run' ? slow.promise : fast.promise));
    const a = invoke(win, 'export.run');
    const b = invoke(win, 'calls.get');
    await tick();
    fast.resolve({ envelope: { ok: true, result: 'call' } });
    expect(await b).toEqual({ ok: true, result: 'call' });
    slow.resolve({ envelope: { ok: true, result: 'export' } });
    expect(await a).toEqual({ ok: true, result: 'export' });
  });

  it('sends core events only to the windows that listen, and tokens stay per window', async () => {
    await start();
    const first = FakeBrowserWindow.instances[0]!;
    // A second window (macOS activate with the first one hidden from getAllWindows).
    const all = vi.spyOn(FakeBrowserWindow, 'getAllWindows').mockReturnValueOnce([]);
    fake.app.emit('activate');
    all.mockRestore();
    const second = FakeBrowserWindow.instances[1]!;
    listen(first, 'records.changed');
    listen(second, 'call.incoming');
    core.emit('records.changed', { entity: 'call', ids: ['c1'] });
    fake.app.emit('second-instance', {}, ['hotline'], '/', { incoming: '13800138000' });
    await tick();
    expect(eventsSent(first)).toEqual([['records.changed', { entity: 'call', ids: ['c1'] }]]);
    expect(eventsSent(second)).toEqual([['call.incoming', { phone: '13800138000', rangAt: expect.any(String) }]]);

    core.invoke.mockResolvedValueOnce({ envelope: { ok: true, result: null }, token: 'first-token' });
    await invoke(first, 'auth.login');
    await invoke(second, 'auth.session');
    expect(core.invoke).toHaveBeenLastCalledWith(null, 'auth.session', {});
  });

  it('holds a cold-start screen pop until the page listens, across the process boundary', async () => {
    await start(['hotline', '--incoming', '13800138000']);
    const win = FakeBrowserWindow.instances[0]!;
    await tick();
    expect(core.incomingCall).toHaveBeenCalledWith('13800138000');
    expect(eventsSent(win)).toEqual([]);
    listen(win, 'call.incoming');
    expect(eventsSent(win)).toEqual([['call.incoming', { phone: '13800138000', rangAt: expect.any(String) }]]);
  });
});

describe('when the core process fails', () => {
  it('a crash fails the calls in flight with internal, restarts the process and keeps relaying', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    listen(win, 'records.changed');
    core.invoke.mockImplementationOnce(() => new Promise(() => {}));
    const inFlight = invoke(win, 'calls.save', { id: 'c1' });
    await tick();
    lastProcess().crash(139);
    // Not retried: the save may have been committed before the crash.
    expect(await inFlight).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    await tick();
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(2);
    expect(utilityCore).toHaveBeenCalledTimes(2);
    expect(await invoke(win, 'setup.status')).toEqual({ ok: true, result: null });
    core.emit('records.changed', { entity: 'call', ids: ['c2'] });
    await tick();
    expect(eventsSent(win)).toEqual([['records.changed', { entity: 'call', ids: ['c2'] }]]);
    expect(fake.errorBoxes).toEqual([]);
  });

  it('calls and screen pops made while it restarts wait for the new process', async () => {
    await start();
    const win = FakeBrowserWindow.instances[0]!;
    lastProcess().crash(1);
    await Promise.resolve();
    const pending = invoke(win, 'setup.status');
    fake.app.emit('second-instance', {}, ['hotline'], '/', { incoming: '110' });
    expect(await pending).toEqual({ ok: true, result: null });
    await tick();
    expect(core.incomingCall).toHaveBeenCalledWith('110');
  });

  it(`stops restarting after ${MAX_RESTARTS} crashes within a minute: tells the user and quits`, async () => {
    await start();
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      lastProcess().crash(1);
      await tick();
    }
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(MAX_RESTARTS + 1);
    expect(fake.errorBoxes[0]?.[0]).toBe('本地数据库进程已停止');
    expect(fake.app.quit).toHaveBeenCalled();
    const win = FakeBrowserWindow.instances[0]!;
    expect(await invoke(win, 'setup.status')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('a store that cannot be opened in the process shows the reason and quits', async () => {
    utilityCore.mockImplementation(() => {
      throw new Error('NODE_MODULE_VERSION 115 vs 143');
    });
    await start();
    expect(fake.errorBoxes[0]?.[0]).toBe('无法打开本地数据库');
    expect(fake.errorBoxes[0]?.[1]).toContain('NODE_MODULE_VERSION');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(lastProcess().exited).toBe(true);
  });

  it('quitting lets the process close the store, then quits for real', async () => {
    await start();
    let prevented = false;
    fake.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.app.quit).not.toHaveBeenCalled();
    await tick();
    expect(lastProcess().posted.at(-1)).toEqual({ type: 'close' });
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(lastProcess().exited).toBe(true);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
  });
});

describe('the main process stays off the store', () => {
  const dir = join(__dirname, '../../electron/main');
  const mainFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'coreProcess.ts');

  it('only the utility-process entry imports the core or better-sqlite3 as values', () => {
    for (const file of mainFiles) {
      const source = readFileSync(join(dir, file), 'utf8');
      const valueImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
      expect(valueImports.filter((p) => p?.startsWith('../core') || p === 'better-sqlite3-multiple-ciphers'), file).toEqual([]);
    }
    expect(readFileSync(join(dir, 'coreProcess.ts'), 'utf8')).toMatch(/import \{ openCore \} from '\.\.\/core'/);
  });
});
