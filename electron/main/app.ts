/**
 * App lifecycle: single instance, the window, screen pops, IPC. Wiring only; each decision is in a
 * small module beside this one. The core is passed in so tests can drive this file with a fake; the
 * app passes one that runs in a utility process (core-process.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, session, type WebContents } from 'electron';
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
import { buildMenuTemplate, type MenuActions } from './menu';
import { nativeBindingPath } from './native-binding';
import {
  PDF_OPTIONS,
  PRINT_FAILED,
  PRINT_OPTIONS,
  pdfSaveDialogOptions,
  pdfTarget,
  printFailureMessage,
  saveErrorMessage,
} from './print';
import { hardenSession, hardenWebContents } from './security';
import { SessionTokens } from './session-tokens';
import { obtainStoreKey, type StoreKeyStatus } from './store-key';
import { askStorePassword, chooseWithoutKeyring } from './store-password';
import { appLocation, isAppPage } from './trusted-url';
import { mainWindowOptions } from './window-options';

/** The part of the core the shell drives; anything else stays the core's business. */
export interface ShellCore extends Pick<Core, 'invoke' | 'onEvent' | 'incomingCall'> {
  /** A core in another process closes asynchronously; quitting waits for it. */
  close(): void | Promise<void>;
}

export interface StartOptions {
  /** Opens the store; throws or rejects with the reason shown to the user when it cannot. */
  openCore(opts: Pick<CoreOptions, 'dataDir' | 'nativeBinding' | 'key'>): ShellCore | Promise<ShellCore>;
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

  /** Menu commands act on the focused window, and only if it is one of ours (not DevTools). */
  const focusedAppWindow = (): BrowserWindow | null => {
    const win = BrowserWindow.getFocusedWindow();
    if (!win || win.isDestroyed() || !windows.has(win.webContents.id)) return null;
    return win;
  };
  const pdfExport: PdfExportState = { lastDir: null, busy: new Set() };
  const menuActions: MenuActions = {
    print: () => {
      const win = focusedAppWindow();
      if (win) printPage(win.webContents);
    },
    exportPdf: () => {
      const win = focusedAppWindow();
      if (win) void exportPdf(win, pdfExport);
    },
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
  let quitting = false;
  app.on('will-quit', (event) => {
    quitting = true;
    const closing = core?.close();
    core = null;
    // Let the core process close the store (checkpoint, release the file) before the app exits;
    // the second will-quit finds no core and lets the quit go on.
    if (closing) {
      event.preventDefault();
      void closing.finally(() => app.quit());
    }
  });

  void app.whenReady().then(async () => {
    // Dev builds would register the bare Electron binary as the handler; the installer registers ours.
    if (app.isPackaged) app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
    hardenSession(session.defaultSession, loc);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged, actions: menuActions })),
    );

    const opened = await openAppCore(openCore);
    if (!opened) return;
    if (quitting) {
      void opened.close();
      return;
    }
    core = opened;
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

/** How the store key is kept on this computer (store-key.ts); null until the store is open. */
let storeKeyStatus: StoreKeyStatus | null = null;
export const currentStoreKeyStatus = (): StoreKeyStatus | null => storeKeyStatus;

async function openAppCore(openCore: StartOptions['openCore']): Promise<ShellCore | null> {
  const dataDir = join(app.getPath('userData'), 'data');
  const nativeBinding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), exists: existsSync });
  if (!app.isPackaged && !nativeBinding) {
    console.warn('[hotline] no Electron-ABI better-sqlite3 in .electron-native; run `node scripts/electron-native.mjs`');
  }
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const obtained = await obtainStoreKey({
      userData: app.getPath('userData'),
      safeStorage,
      platform: process.platform,
      chooseWithoutKeyring,
      askPassword: askStorePassword,
      log: (message) => console.warn(`[hotline] ${message}`),
    });
    if (!obtained) {
      app.quit();
      return null;
    }
    storeKeyStatus = obtained.status;
    // The administrator chose this at the first start (store-password.ts); the log keeps saying it.
    if (obtained.status.warning) console.warn(`[hotline] ${obtained.status.warning}`);
    return await openCore({ dataDir, nativeBinding, key: obtained.key });
  } catch (err) {
    // Without the store there is nothing to show; say why instead of an empty window.
    dialog.showErrorBox('无法打开本地数据库', `${err instanceof Error ? err.message : String(err)}\n\n数据目录：${dataDir}`);
    app.quit();
    return null;
  }
}

/** 打印…: Chromium's print dialog for the page. The page's own 打印 button (window.print()) needs no main-process code. */
function printPage(contents: WebContents): void {
  try {
    contents.print({ ...PRINT_OPTIONS }, (success, failureReason) => {
      if (success) return;
      const message = printFailureMessage(failureReason);
      if (!message) return; // the agent closed the print dialog
      console.error(`[hotline] print failed: ${failureReason}`);
      dialog.showErrorBox('打印失败', message);
    });
  } catch (err) {
    console.error('[hotline] print failed', err);
    dialog.showErrorBox('打印失败', PRINT_FAILED);
  }
}

interface PdfExportState {
  /** Folder of the last saved PDF, offered again next time (this session only). */
  lastDir: string | null;
  /** webContents ids with an export in progress: a second Ctrl+Shift+P must not open a second dialog. */
  busy: Set<number>;
}

/**
 * 导出 PDF…: render first, then ask where to save. Rendering first captures the page as it was when
 * the command was chosen, even if a screen pop changes the route while the save dialog is open.
 */
async function exportPdf(win: BrowserWindow, state: PdfExportState): Promise<void> {
  const contents = win.webContents;
  const id = contents.id;
  if (state.busy.has(id)) return;
  state.busy.add(id);
  try {
    const title = contents.getTitle();
    let data: Buffer;
    try {
      data = await contents.printToPDF({ ...PDF_OPTIONS });
    } catch (err) {
      console.error('[hotline] printToPDF failed', err);
      dialog.showErrorBox('导出 PDF 失败', '无法生成 PDF，请稍后重试。');
      return;
    }
    if (win.isDestroyed()) return; // closed while rendering: nothing to attach the dialog to
    const directory = state.lastDir ?? app.getPath('documents');
    const choice = await dialog.showSaveDialog(win, pdfSaveDialogOptions(title, directory));
    if (choice.canceled || !choice.filePath) return;
    const target = pdfTarget(choice.filePath);
    try {
      await writeFile(target.path, data, { flag: target.extensionAdded ? 'wx' : 'w' });
      state.lastDir = dirname(target.path);
    } catch (err) {
      console.error(`[hotline] could not write PDF to ${target.path}`, err);
      dialog.showErrorBox('导出 PDF 失败', `${saveErrorMessage(err)}\n\n文件：${target.path}`);
    }
  } catch (err) {
    console.error('[hotline] PDF export failed', err);
    dialog.showErrorBox('导出 PDF 失败', '导出时出错，请稍后重试。');
  } finally {
    state.busy.delete(id);
  }
}
