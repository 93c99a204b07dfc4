import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHotlineApp } from '../../electron/main/app';
import { ELECTRON_NATIVE_BINDING } from '../../electron/main/native-binding';
import { CHANNELS } from '../../shared/api/ipc';
import { createFakeCore, type FakeCore } from './fake-core';
import { deferReady, FakeBrowserWindow, fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const APP_PAGE = 'file:///opt/hotline/dist/renderer/index.html';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let core: FakeCore;
let openCore: ReturnType<typeof vi.fn>;

async function start(argv: string[] = ['electron', '.']) {
  const started = startHotlineApp({ openCore: openCore as never, argv });
  await tick();
  return started;
}

function mainWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}

function ipcEvent(win: FakeBrowserWindow, url = APP_PAGE) {
  return { sender: win.webContents, senderFrame: { url, parent: null } };
}

function invoke(event: unknown, method: unknown, params: unknown) {
  const handler = fake.ipcMain.handlers.get(CHANNELS.invoke);
  if (!handler) throw new Error('no invoke handler registered');
  return (handler as (...a: unknown[]) => Promise<unknown>)(event, method, params);
}

function listen(win: FakeBrowserWindow, name: string) {
  fake.ipcMain.emit(CHANNELS.listening, ipcEvent(win), name);
}

function eventsSent(win: FakeBrowserWindow) {
  return win.webContents.sent.filter(([channel]) => channel === CHANNELS.event).map(([, ...rest]) => rest);
}

beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
  openCore = vi.fn(() => core);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('single instance', () => {
  it('quits when another instance holds the lock, handing over its screen pop', async () => {
    fake.app.lockResult = false;
    expect(await start(['hotline', '--incoming', '138 0013 8000'])).toBe(false);
    expect(fake.app.lockData).toEqual({ incoming: '13800138000' });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(openCore).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('second-instance with --incoming focuses the window and pops the caller', async () => {
    await start();
    const win = mainWindow();
    win.minimized = true;
    win.calls.length = 0;
    fake.app.emit('second-instance', {}, ['hotline', '--incoming', '13800138000'], '/', { incoming: '13800138000' });
    expect(win.calls).toEqual(['restore', 'show', 'moveTop', 'focus']);
    expect(core.incomingCall).toHaveBeenCalledWith('13800138000');
  });

  it('falls back to argv (a protocol URL on Windows) when no additionalData came', async () => {
    await start();
    fake.app.emit('second-instance', {}, ['HotlineDesk.exe', 'hotline://incoming?number=0571-88881234'], 'C:\\', null);
    expect(core.incomingCall).toHaveBeenCalledWith('057188881234');
  });

  it('prefers additionalData over a reordered argv', async () => {
    await start();
    fake.app.emit('second-instance', {}, ['hotline', '--incoming', '--flag', '13900139000'], '/', { incoming: '13800138000' });
    expect(core.incomingCall).toHaveBeenCalledTimes(1);
    expect(core.incomingCall).toHaveBeenCalledWith('13800138000');
  });

  it('a plain second launch only raises the window', async () => {
    await start();
    const win = mainWindow();
    win.calls.length = 0;
    fake.app.emit('second-instance', {}, ['hotline'], '/', {});
    expect(win.calls).toContain('focus');
    expect(core.incomingCall).not.toHaveBeenCalled();
  });

  it('ignores a garbage number', async () => {
    await start();
    fake.app.emit('second-instance', {}, ['hotline', '--incoming', "1; DROP TABLE calls"], '/', { incoming: "1; DROP TABLE calls" });
    expect(core.incomingCall).not.toHaveBeenCalled();
  });
});

describe('screen pop on a cold start', () => {
  it('pops --incoming from the first launch and holds the event until the page listens', async () => {
    await start(['hotline', '--incoming', '13800138000']);
    const win = mainWindow();
    expect(core.incomingCall).toHaveBeenCalledWith('13800138000');
    expect(eventsSent(win)).toEqual([]);
    listen(win, 'call.incoming');
    expect(eventsSent(win)).toEqual([['call.incoming', { phone: '13800138000', rangAt: '2026-11-22T09:00:00.000Z' }]]);
  });

  it('macOS open-url before ready is popped once the core is open', async () => {
    deferReady();
    const started = startHotlineApp({ openCore: openCore as never, argv: ['hotline'] });
    let prevented = false;
    fake.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'hotline://incoming?number=110');
    expect(prevented).toBe(true);
    expect(core.incomingCall).not.toHaveBeenCalled();
    fake.app.readyResolve();
    await tick();
    expect(started).toBe(true);
    expect(core.incomingCall).toHaveBeenCalledWith('110');
  });
});

describe('window', () => {
  it('is hardened and loads the built renderer with our preload', async () => {
    await start();
    const win = mainWindow();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/hotline/dist-electron/preload.cjs',
      devTools: true,
    });
    expect(win.loadedFile).toBe('/opt/hotline/dist/renderer/index.html');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('has no DevTools when packaged', async () => {
    fake.app.isPackaged = true;
    await start();
    expect(mainWindow().options.webPreferences).toMatchObject({ devTools: false });
  });

  it('denies navigation away from the app page, new windows and webviews', async () => {
    await start();
    const contents = mainWindow().webContents;
    expect(contents.tryNavigate('will-navigate', 'https://phishing.example/')).toBe(false);
    expect(contents.tryNavigate('will-navigate', 'file:///home/agent/Downloads/evil.html')).toBe(false);
    expect(contents.tryNavigate('will-frame-navigate', 'https://ads.example/')).toBe(false);
    expect(contents.tryNavigate('will-redirect', 'http://10.0.0.1/')).toBe(false);
    expect(contents.tryNavigate('will-navigate', APP_PAGE)).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('raises a closed macOS window again on activate', async () => {
    await start();
    mainWindow().destroyed = true;
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });
});

describe('session', () => {
  type HeadersCb = (r: { responseHeaders?: Record<string, string[]> }) => void;
  const headers = (url: string) => {
    let result: { responseHeaders?: Record<string, string[]> } | undefined;
    const listener = fake.session.defaultSession.headersReceived as unknown as (d: object, cb: HeadersCb) => void;
    listener({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (result = r));
    return result;
  };

  it('applies the CSP header to the app pages', async () => {
    await start();
    const csp = headers(APP_PAGE)?.responseHeaders?.['Content-Security-Policy']?.[0];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(headers('devtools://devtools/bundled/x.html')).toEqual({});
  });

  it('cancels remote requests', async () => {
    await start();
    const listener = fake.session.defaultSession.beforeRequest as unknown as (d: object, cb: (r: object) => void) => void;
    const cancelled = (url: string) => {
      let result: object | undefined;
      listener({ url }, (r) => (result = r));
      return result;
    };
    expect(cancelled('https://cdn.example.com/x.js')).toEqual({ cancel: true });
    expect(cancelled('file:///opt/hotline/dist/renderer/assets/app.js')).toEqual({ cancel: false });
  });

  it('denies permission requests and checks', async () => {
    await start();
    const ses = fake.session.defaultSession;
    const request = ses.permissionRequestHandler as unknown as (...a: unknown[]) => void;
    const granted: boolean[] = [];
    request({}, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: APP_PAGE });
    request({}, 'geolocation', (ok: boolean) => granted.push(ok), { requestingUrl: APP_PAGE });
    expect(granted).toEqual([false, false]);
    const check = ses.permissionCheckHandler as unknown as (...a: unknown[]) => boolean;
    expect(check(mainWindow().webContents, 'notifications', 'file:///')).toBe(false);
    expect(check(mainWindow().webContents, 'clipboard-sanitized-write', 'file:///')).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'file:///')).toBe(false);
  });
});

describe('IPC wiring', () => {
  it('stores the login token per window and sends it with later calls', async () => {
    await start();
    const win = mainWindow();
    core.invoke.mockResolvedValueOnce({ envelope: { ok: true, result: { name: '王芳' } }, token: 'secret-token' });
    const login = await invoke(ipcEvent(win), 'auth.login', { username: 'wangfang', password: 'pw' });
    expect(login).toEqual({ ok: true, result: { name: '王芳' } });
    await invoke(ipcEvent(win), 'calls.save', { id: 'c1' });
    expect(core.invoke).toHaveBeenLastCalledWith('secret-token', 'calls.save', { id: 'c1' });
    core.invoke.mockResolvedValueOnce({ envelope: { ok: true, result: null }, token: null });
    await invoke(ipcEvent(win), 'auth.logout', {});
    await invoke(ipcEvent(win), 'calls.save', {});
    expect(core.invoke).toHaveBeenLastCalledWith(null, 'calls.save', {});
  });

  it('rejects a sender showing another page, or a subframe, or another webContents', async () => {
    await start();
    const win = mainWindow();
    const otherPage = ipcEvent(win, 'file:///home/agent/Downloads/evil.html');
    const subframe = { sender: win.webContents, senderFrame: { url: APP_PAGE, parent: {} } };
    const stranger = { sender: { id: 9999 }, senderFrame: { url: APP_PAGE, parent: null } };
    const gone = { sender: win.webContents, senderFrame: null };
    for (const event of [otherPage, subframe, stranger, gone]) {
      expect(await invoke(event, 'calls.save', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('forgets the token when the window is destroyed', async () => {
    await start();
    const win = mainWindow();
    core.invoke.mockResolvedValueOnce({ envelope: { ok: true, result: null }, token: 'secret-token' });
    await invoke(ipcEvent(win), 'auth.login', {});
    win.webContents.emit('destroyed');
    // Same id cannot come back in Electron; the test reuses it to show the token is gone.
    expect(await invoke(ipcEvent(win), 'calls.save', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('relays core events to the page once it listens, and stops after a reload until it listens again', async () => {
    await start();
    const win = mainWindow();
    core.emit('records.changed', { entity: 'call', ids: ['c1'] });
    listen(win, 'records.changed');
    core.emit('records.changed', { entity: 'call', ids: ['c2'] });
    expect(eventsSent(win)).toEqual([['records.changed', { entity: 'call', ids: ['c2'] }]]);
    win.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    core.emit('records.changed', { entity: 'call', ids: ['c3'] });
    expect(eventsSent(win)).toHaveLength(1);
  });
});

describe('core lifecycle', () => {
  it('opens the store in userData/data, without a native override when none was built', async () => {
    await start();
    const opts = openCore.mock.calls[0]?.[0] as { dataDir: string; nativeBinding?: string };
    expect(opts.dataDir).toBe(join(fake.app.userData, 'data'));
    expect(statSync(opts.dataDir).isDirectory()).toBe(true);
    expect(opts.nativeBinding).toBeUndefined();
  });

  it('uses the Electron-ABI better-sqlite3 in development when it was built', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hotline-approot-'));
    const binding = join(root, ELECTRON_NATIVE_BINDING);
    mkdirSync(dirname(binding), { recursive: true });
    writeFileSync(binding, '');
    fake.app.getAppPath.mockReturnValue(root);
    try {
      await start();
      expect(openCore.mock.calls[0]?.[0]).toMatchObject({ nativeBinding: binding });
      resetFakeElectron();
      fake.app.isPackaged = true;
      fake.app.getAppPath.mockReturnValue(root);
      openCore.mockClear();
      await start();
      expect(openCore.mock.calls[0]?.[0]).toMatchObject({ nativeBinding: undefined });
    } finally {
      fake.app.getAppPath.mockReturnValue('/opt/hotline');
    }
  });

  it('shows an error and quits when the store cannot be opened', async () => {
    openCore.mockImplementation(() => {
      throw new Error('NODE_MODULE_VERSION 115 vs 143');
    });
    await start();
    expect(fake.errorBoxes[0]?.[0]).toBe('无法打开本地数据库');
    expect(fake.errorBoxes[0]?.[1]).toContain('NODE_MODULE_VERSION');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    fake.app.emit('second-instance', {}, ['hotline', '--incoming', '110'], '/', { incoming: '110' });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('closes the core on quit', async () => {
    await start();
    fake.app.emit('will-quit');
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('registers the hotline: protocol only when packaged', async () => {
    await start();
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    resetFakeElectron();
    fake.app.isPackaged = true;
    await start();
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('hotline');
  });

  it('sets a zh-CN menu without reload or DevTools when packaged', async () => {
    fake.app.isPackaged = true;
    await start();
    const labels = JSON.stringify(fake.menuTemplate);
    expect(labels).toContain('编辑');
    expect(labels).not.toContain('toggleDevTools');
    expect(labels).not.toContain('"reload"');
  });
});

describe('printing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  type Item = { label?: string; click?: () => void; submenu?: Item[] };
  const menuItem = (label: string): Item => {
    const items = (fake.menuTemplate as Item[]).flatMap((menu) => menu.submenu ?? []);
    const item = items.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item ${label}`);
    return item;
  };
  const flush = async () => {
    for (let i = 0; i < 5; i++) await tick();
  };

  async function startFocused(title = '客户来电记录单 LD-20261122-A1-0001') {
    await start();
    const win = mainWindow();
    win.focus();
    win.webContents.title = title;
    return win;
  }

  it('打印… prints the focused window with the system dialog and backgrounds', async () => {
    const win = await startFocused();
    menuItem('打印…').click?.();
    expect(win.webContents.printCalls).toHaveLength(1);
    expect(win.webContents.printCalls[0]?.options).toEqual({ silent: false, printBackground: true });
    win.webContents.printCalls[0]?.callback?.(true, '');
    win.webContents.printCalls[0]?.callback?.(false, 'Print job canceled');
    expect(fake.errorBoxes).toEqual([]);
  });

  it('a failed print job shows a Chinese error box and logs in English', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = await startFocused();
    menuItem('打印…').click?.();
    win.webContents.printCalls[0]?.callback?.(false, 'Print job failed');
    expect(fake.errorBoxes).toEqual([['打印失败', expect.stringContaining('打印任务失败')]]);
    expect(error).toHaveBeenCalledWith('[hotline] print failed: Print job failed');
  });

  it('does nothing without a focused window of ours', async () => {
    await start();
    menuItem('打印…').click?.();
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(mainWindow().webContents.printCalls).toEqual([]);
    expect(mainWindow().webContents.printToPDF).not.toHaveBeenCalled();
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('导出 PDF… renders A4 with backgrounds and writes the buffer to the chosen path', async () => {
    const win = await startFocused();
    const dir = mkdtempSync(join(tmpdir(), 'hotline-pdf-'));
    const chosen = join(dir, 'LD-20261122-A1-0001.pdf');
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    menuItem('导出 PDF…').click?.();
    await flush();
    // A4 with backgrounds; the page's own @page rule wins (annex 3 is landscape) and numbers every page itself.
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, margins: { marginType: 'default' }, preferCSSPageSize: true }),
    );
    const [dialogWindow, options] = fake.showSaveDialog.mock.calls[0]!;
    expect(dialogWindow).toBe(win);
    expect(options).toMatchObject({
      defaultPath: join(fake.app.userData, 'documents', '客户来电记录单 LD-20261122-A1-0001.pdf'),
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
    });
    await vi.waitFor(() => expect(readFileSync(chosen, 'utf8')).toBe('%PDF-1.7 fake'));
    expect(fake.errorBoxes).toEqual([]);

    // The next export offers the folder used last time.
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(fake.showSaveDialog.mock.calls[1]?.[1]).toMatchObject({ defaultPath: join(dir, '客户来电记录单 LD-20261122-A1-0001.pdf') });
  });

  it('adds .pdf when the dialog returned a bare name, without overwriting an existing file', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await startFocused();
    const dir = mkdtempSync(join(tmpdir(), 'hotline-pdf-'));
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'record') });
    menuItem('导出 PDF…').click?.();
    await flush();
    // The write is real file I/O: under load it can take longer than a few ticks.
    await vi.waitFor(() => expect(readFileSync(join(dir, 'record.pdf'), 'utf8')).toBe('%PDF-1.7 fake'));

    writeFileSync(join(dir, 'other.pdf'), 'keep me');
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'other') });
    menuItem('导出 PDF…').click?.();
    await flush();
    await vi.waitFor(() => expect(fake.errorBoxes).toEqual([['导出 PDF 失败', expect.stringContaining('同名文件已存在')]]));
    expect(readFileSync(join(dir, 'other.pdf'), 'utf8')).toBe('keep me');
    expect(error).toHaveBeenCalled();
  });

  it('cancelling the save dialog writes nothing', async () => {
    await startFocused();
    const dir = mkdtempSync(join(tmpdir(), 'hotline-pdf-'));
    // Some platforms fill filePath even on cancel; canceled wins.
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: join(dir, 'a.pdf') });
    menuItem('导出 PDF…').click?.();
    await flush();
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '' });
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(fake.showSaveDialog).toHaveBeenCalledTimes(2);
    expect(readdirSync(dir)).toEqual([]);
    expect(fake.errorBoxes).toEqual([]);
  });

  it('a failed write shows an error box in Chinese and logs in English', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await startFocused();
    const missing = join(mkdtempSync(join(tmpdir(), 'hotline-pdf-')), 'no-such-folder', 'a.pdf');
    fake.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: missing });
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.[0]).toBe('导出 PDF 失败');
    expect(fake.errorBoxes[0]?.[1]).toContain('所选文件夹不存在');
    expect(fake.errorBoxes[0]?.[1]).toContain(missing);
    expect(error).toHaveBeenCalledWith(`[hotline] could not write PDF to ${missing}`, expect.objectContaining({ code: 'ENOENT' }));
  });

  it('a failed render shows an error box and asks for no file', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = await startFocused();
    win.webContents.printToPDF.mockRejectedValueOnce(new Error('Failed to generate PDF'));
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
    expect(fake.errorBoxes).toEqual([['导出 PDF 失败', '无法生成 PDF，请稍后重试。']]);
    expect(error).toHaveBeenCalledWith('[hotline] printToPDF failed', expect.any(Error));
  });

  it('a second 导出 PDF… while the dialog is open is ignored', async () => {
    const win = await startFocused();
    let answer: (v: { canceled: boolean; filePath: string }) => void = () => {};
    fake.showSaveDialog.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    menuItem('导出 PDF…').click?.();
    await flush();
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(win.webContents.printToPDF).toHaveBeenCalledTimes(1);
    answer({ canceled: true, filePath: '' });
    await flush();
    menuItem('导出 PDF…').click?.();
    await flush();
    expect(win.webContents.printToPDF).toHaveBeenCalledTimes(2);
  });

  it('nothing in the hardening stands in the way of window.print() from the page', async () => {
    const win = await startFocused();
    const contents = win.webContents;
    // The print views are hash routes of the app page, so IPC and navigation still treat them as ours.
    const printView = `${APP_PAGE}#/print/call/c1`;
    expect(contents.tryNavigate('will-navigate', printView)).toBe(true);
    expect(await invoke(ipcEvent(win, printView), 'calls.get', { id: 'c1' })).toMatchObject({ ok: true });
    // Printing is not a Chromium permission, opens no window, and no unload veto is installed.
    expect(contents.listenerCount('will-prevent-unload')).toBe(0);
    expect(fake.app.listenerCount('will-prevent-unload')).toBe(0);
  });
});
