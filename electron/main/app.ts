/**
 * App lifecycle: single instance, the window, screen pops, IPC. Wiring only; each decision is in a
 * small module beside this one. The core is passed in so tests can drive this file with a fake.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, session } from 'electron';
import type { Core, CoreOptions } from '../core';
import { CHANNELS } from '../../shared/api/ipc';
import { EventRelay } from './event-relay';
import {
  findIncomingNumber,
  type InstanceData,
  incomingFromAdditionalData,
  PROTOCOL_SCHEME,
  parseIncomingUrl,
} from './incoming';
import { type IpcSenderEvent, registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { nativeBindingPath } from './native-binding';
import { hardenSession, hardenWebContents } from './security';
import { SessionTokens } from './session-tokens';
import { appLocation, isAppPage } from './trusted-url';
import { mainWindowOptions } from './window-options';

/** The part of the core the shell drives; anything else stays the core's business. */
export type ShellCore = Pick<Core, 'invoke' | 'onEvent' | 'incomingCall' | 'close'>;

export interface StartOptions {
  openCore(opts: CoreOptions): ShellCore;
  argv?: readonly string[];
}

export interface AppPaths {
  rendererDir: string;
  indexHtml: string;
  preload: string;
}

/** Layout of the built app: `npm run build` writes dist/renderer and dist-electron beside package.json. */
export function appPaths(appPath: string): AppPaths {
  const rendererDir = join(appPath, 'dist', 'renderer');
  return { rendererDir, indexHtml: join(rendererDir, 'index.html'), preload: join(appPath, 'dist-electron', 'preload.cjs') };
}

/** Returns false when another instance already runs (this one hands over its screen pop and quits). */
export function startHotlineApp({ openCore, argv = process.argv }: StartOptions): boolean {
  const instanceData: InstanceData = { incoming: findIncomingNumber(argv) };
  if (!app.requestSingleInstanceLock({ ...instanceData })) {
    app.quit();
    return false;
  }

  // Sandbox every renderer, including any a later feature creates without our window options.
  app.enableSandbox();

  const paths = appPaths(app.getAppPath());
  const loc = appLocation(paths.rendererDir);
  const tokens = new SessionTokens();
  const relay = new EventRelay();
  const windows = new Set<number>();
  let core: ShellCore | null = null;
  let mainWindow: BrowserWindow | null = null;
  // Screen pops that arrive before the core is open (macOS delivers open-url before 'ready').
  const early: string[] = instanceData.incoming ? [instanceData.incoming] : [];

  const isTrustedSender = (event: IpcSenderEvent): boolean => {
    const frame = event.senderFrame;
    return windows.has(event.sender.id) && frame !== null && frame.parent === null && isAppPage(frame.url, loc);
  };

  const raiseWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      // No window before 'ready' or without a store: there would be nothing behind it.
      if (core) mainWindow = createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    // moveTop: the agent is usually in the softphone when the call rings; the pop must be in front.
    mainWindow.moveTop();
    mainWindow.focus();
    if (process.platform === 'darwin') app.focus({ steal: true });
  };

  const screenPop = (phone: string | null) => {
    if (!phone) return;
    raiseWindow();
    if (core) core.incomingCall(phone);
    else early.push(phone);
  };

  function createWindow(): BrowserWindow {
    const win = new BrowserWindow(mainWindowOptions({ preloadPath: paths.preload, devTools: !app.isPackaged }));
    const contents = win.webContents;
    const id = contents.id;
    windows.add(id);
    relay.attach(id, (name, payload) => {
      if (!contents.isDestroyed()) contents.send(CHANNELS.event, name, payload);
    });
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) relay.resetListening(id);
    });
    contents.once('destroyed', () => {
      windows.delete(id);
      relay.detach(id);
      tokens.forget(id);
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadFile(paths.indexHtml);
    return win;
  }

  app.on('second-instance', (_event, secondArgv, _cwd, additionalData) => {
    const phone = incomingFromAdditionalData(additionalData) ?? findIncomingNumber(secondArgv);
    if (phone) screenPop(phone);
    else raiseWindow();
  });
  // macOS hands protocol URLs to the running app as events, possibly before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    screenPop(parseIncomingUrl(url));
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, loc));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  void app.whenReady().then(() => {
    // Dev builds would register the bare Electron binary as the handler; the installer registers ours.
    if (app.isPackaged) app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
    hardenSession(session.defaultSession, loc);
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged })));

    core = openAppCore(openCore);
    if (!core) return;
    const opened = core;
    opened.onEvent((name, payload) => relay.publish(name, payload));
    registerIpc(ipcMain, {
      core: opened,
      tokens,
      relay,
      isTrustedSender,
      logError: (message, err) => console.error(`[hotline] ${message}`, err),
    });
    mainWindow = createWindow();
    for (const phone of early.splice(0)) opened.incomingCall(phone);
  });
  return true;
}

function openAppCore(openCore: StartOptions['openCore']): ShellCore | null {
  const dataDir = join(app.getPath('userData'), 'data');
  const nativeBinding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), exists: existsSync });
  if (!app.isPackaged && !nativeBinding) {
    console.warn('[hotline] no Electron-ABI better-sqlite3 in .electron-native; run `node scripts/electron-native.mjs`');
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    return openCore({ dataDir, nativeBinding });
  } catch (err) {
    // Without the store there is nothing to show; say why instead of an empty window.
    dialog.showErrorBox('无法打开本地数据库', `${err instanceof Error ? err.message : String(err)}\n\n数据目录：${dataDir}`);
    app.quit();
    return null;
  }
}
