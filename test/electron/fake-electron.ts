/**
 * A stand-in for the 'electron' module, just wide enough for electron/main and electron/preload.
 * Objects keep their identity across tests (modules import them once); `resetFakeElectron` clears
 * their state. Use with: vi.mock('electron', async () => (await import('./fake-electron')).electronModule).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { ShellCore } from '../../electron/main/app';
import { serveCore } from '../../electron/main/core-host';
import type { CoreOpenOptions } from '../../electron/main/core-protocol';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly sent: Array<[string, ...unknown[]]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: '', parent: null as unknown };
  title = '';
  /** webContents.print(options, callback) calls; answer one with `callback(success, reason)`. */
  readonly printCalls: Array<{ options: unknown; callback: ((success: boolean, failureReason: string) => void) | undefined }> = [];
  printToPDF = vi.fn(async (_options: unknown): Promise<Buffer> => Buffer.from('%PDF-1.7 fake'));

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  getTitle(): string {
    return this.title;
  }
  print(options?: unknown, callback?: (success: boolean, failureReason: string) => void): void {
    this.printCalls.push({ options, callback });
  }
  /** Simulates a navigation attempt; returns whether it was allowed. */
  tryNavigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  minimized = false;
  visible = false;
  destroyed = false;
  readonly calls: string[] = [];

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    // Electron emits this for every webContents, before the window loads anything.
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    const win = FakeBrowserWindow.focused;
    return win && !win.destroyed ? win : null;
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    this.webContents.mainFrame.url = `file://${path}`;
    return Promise.resolve();
  }
  /** The store password window loads a data: URL (electron/main/store-password.ts). */
  loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  moveTop(): void {
    this.calls.push('moveTop');
  }
  focus(): void {
    this.calls.push('focus');
    FakeBrowserWindow.focused = this;
  }
}

/**
 * utilityProcess.fork without a process: the real core-host relay (serveCore) runs in-process over
 * `fake.utilityCore`. Messages are structured-cloned and delivered a microtask later in both
 * directions, as between real processes. `crash(code)` ends it the way a native crash would.
 */
export class FakeUtilityProcess extends EventEmitter {
  static instances: FakeUtilityProcess[] = [];
  /** Everything main posted, in order (the relay protocol as seen on the wire). */
  readonly posted: Array<Record<string, unknown>> = [];
  exited = false;
  readonly #toChild = new EventEmitter();

  constructor(
    readonly modulePath: string,
    readonly options: { serviceName?: string } | undefined,
  ) {
    super();
    FakeUtilityProcess.instances.push(this);
    const parentPort = {
      on: (event: 'message', listener: (event: { data: unknown }) => void) => this.#toChild.on(event, listener),
      postMessage: (message: unknown) => {
        const copy = structuredClone(message);
        queueMicrotask(() => {
          if (!this.exited) this.emit('message', copy);
        });
      },
    };
    serveCore(parentPort, (opts) => fake.utilityCore(opts), { exit: (code) => this.#exit(code), logError: () => {} });
  }
  postMessage(message: Record<string, unknown>): void {
    this.posted.push(message);
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (!this.exited) this.#toChild.emit('message', { data: copy });
    });
  }
  kill(): boolean {
    this.#exit(-15);
    return true;
  }
  crash(code = 1): void {
    this.#exit(code);
  }
  #exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    queueMicrotask(() => this.emit('exit', code));
  }
}

function noUtilityCore(_opts: CoreOpenOptions): ShellCore {
  throw new Error('test did not set fake.utilityCore');
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = true;
  readyResolve: () => void = () => {};
  readyPromise: Promise<void> = Promise.resolve();
  lockResult = true;
  lockData: unknown = undefined;
  requestSingleInstanceLock = vi.fn((data?: unknown) => {
    this.lockData = data;
    return this.lockResult;
  });
  quit = vi.fn();
  focus = vi.fn();
  enableSandbox = vi.fn();
  setAsDefaultProtocolClient = vi.fn(() => true);
  getAppPath = vi.fn(() => '/opt/hotline');
  userData = '';
  getPath = vi.fn((name: string) => `${this.userData}/${name === 'userData' ? '' : name}`.replace(/\/$/, ''));
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
}

function createSession() {
  return {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    beforeRequest: null as Listener | null,
    headersReceived: null as Listener | null,
    setPermissionRequestHandler(h: Listener) {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: Listener) {
      this.permissionCheckHandler = h;
    },
    webRequest: {
      onBeforeRequest: (h: Listener) => {
        fake.session.defaultSession.beforeRequest = h;
      },
      onHeadersReceived: (h: Listener) => {
        fake.session.defaultSession.headersReceived = h;
      },
    },
  };
}

function createIpcMain() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    handlers: new Map<string, Listener>(),
    handle(channel: string, handler: Listener) {
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
  });
}

function createIpcRenderer() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null })),
    send: vi.fn(),
  });
}

/**
 * safeStorage: "encrypts" by prefixing and reversing, so a test sees that the stored blob is not the
 * key. `backend` is what getSelectedStorageBackend reports (Linux); 'basic_text' is the fixed-key fallback.
 */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => fakeSafeStorage.available),
  encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`)),
  decryptString: vi.fn((sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice('sealed:'.length)].reverse().join('');
  }),
  getSelectedStorageBackend: vi.fn(() => fakeSafeStorage.backend),
};

export const fake = {
  app: new FakeApp(),
  session: { defaultSession: createSession() },
  ipcMain: createIpcMain(),
  ipcRenderer: createIpcRenderer(),
  exposed: new Map<string, unknown>(),
  menuTemplate: null as unknown,
  errorBoxes: [] as Array<[string, string]>,
  /** The core the fake utility process opens (what openCore returns inside coreProcess.cjs). */
  utilityCore: noUtilityCore as (opts: CoreOpenOptions) => ShellCore,
  utilityProcess: null as unknown as { fork: ReturnType<typeof vi.fn> },
  safeStorage: fakeSafeStorage,
  /** dialog.showMessageBox(options): the button index to answer (store-password.ts asks one at first start without a keyring). */
  showMessageBox: vi.fn(async (_options: unknown) => ({ response: 0, checkboxChecked: false })),
  /** dialog.showSaveDialog(window, options); cancels unless a test says otherwise. */
  showSaveDialog: vi.fn(async (_window: unknown, _options: unknown) => ({ canceled: true, filePath: '' })),
};

/** Makes whenReady() wait until the test calls `fake.app.readyResolve()`. */
export function deferReady(): void {
  fake.app.ready = false;
  fake.app.readyPromise = new Promise<void>((resolve) => {
    fake.app.readyResolve = () => {
      fake.app.ready = true;
      resolve();
    };
  });
}

export function resetFakeElectron(): void {
  fake.app.removeAllListeners();
  Object.assign(fake.app, {
    isPackaged: false,
    ready: true,
    lockResult: true,
    lockData: undefined,
    readyPromise: Promise.resolve(),
    userData: mkdtempSync(join(tmpdir(), 'hotline-electron-test-')),
  });
  const { requestSingleInstanceLock, quit, focus, enableSandbox, setAsDefaultProtocolClient } = fake.app;
  for (const mock of [requestSingleInstanceLock, quit, focus, enableSandbox, setAsDefaultProtocolClient]) {
    mock.mockClear();
  }
  Object.assign(fake.session.defaultSession, createSession());
  fake.ipcMain.removeAllListeners();
  fake.ipcMain.handlers.clear();
  fake.ipcRenderer.removeAllListeners();
  fake.ipcRenderer.invoke.mockClear();
  fake.ipcRenderer.send.mockClear();
  fake.exposed.clear();
  fake.menuTemplate = null;
  fake.errorBoxes.length = 0;
  Object.assign(fakeSafeStorage, { available: true, backend: 'gnome_libsecret' });
  for (const mock of [fakeSafeStorage.isEncryptionAvailable, fakeSafeStorage.encryptString, fakeSafeStorage.decryptString, fakeSafeStorage.getSelectedStorageBackend])
    mock.mockClear();
  fake.showMessageBox.mockReset();
  fake.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
  fake.showSaveDialog.mockReset();
  fake.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.focused = null;
  FakeUtilityProcess.instances = [];
  fake.utilityCore = noUtilityCore;
  utilityProcess.fork.mockClear();
}

const utilityProcess = {
  fork: vi.fn(
    (modulePath: string, _args?: string[], options?: { serviceName?: string }) => new FakeUtilityProcess(modulePath, options),
  ),
};
fake.utilityProcess = utilityProcess;

export const electronModule = {
  app: fake.app,
  utilityProcess,
  safeStorage: fakeSafeStorage,
  BrowserWindow: FakeBrowserWindow,
  session: fake.session,
  ipcMain: fake.ipcMain,
  ipcRenderer: fake.ipcRenderer,
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
  },
  Menu: {
    buildFromTemplate: (template: unknown) => {
      fake.menuTemplate = template;
      return { template };
    },
    setApplicationMenu: vi.fn(),
  },
  dialog: {
    showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]),
    showSaveDialog: (window: unknown, options: unknown) => fake.showSaveDialog(window, options),
    showMessageBox: (options: unknown) => fake.showMessageBox(options),
  },
};
/** After vi.resetModules(), reach the fake behind the current 'electron' mock through this. */
export interface FakeElectronHandle {
  __fake: typeof fake;
  __reset: typeof resetFakeElectron;
}
Object.assign(electronModule, { __fake: fake, __reset: resetFakeElectron } satisfies FakeElectronHandle);
export default electronModule;
