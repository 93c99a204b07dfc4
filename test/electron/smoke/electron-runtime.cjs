// A stand-in Electron runtime for running the real dist bundle under plain Node (the Electron binary
// cannot be downloaded on development machines). Loaded with `node --require`, it answers
// require('electron') with fakes, lets main.cjs start, drives one scripted session through the real
// IPC handler and the real core, prints what happened as JSON, and exits.
const Module = require('node:module');
const childProcess = require('node:child_process');
const { EventEmitter } = require('node:events');
const { pathToFileURL } = require('node:url');

const fs = require('node:fs');
const path = require('node:path');

const sent = [];
const windows = [];
const printing = { print: [], pdf: [], saveDialog: [] };
let menuTemplate = [];

class WebContents extends EventEmitter {
  id = 1;
  url = '';
  send(channel, name, payload) {
    sent.push([channel, name, payload]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.url;
  }
  getTitle() {
    return '客户来电记录单 LD-20261122-A1-0001';
  }
  print(options, callback) {
    printing.print.push(options);
    callback(true, '');
  }
  printToPDF(options) {
    printing.pdf.push(options);
    return Promise.resolve(Buffer.from('%PDF-smoke'));
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
    windows.push(this);
  }
  static getAllWindows() {
    return windows;
  }
  static getFocusedWindow() {
    return windows[0] ?? null;
  }
  loadFile(path) {
    this.webContents.url = pathToFileURL(path).href;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  moveTop() {}
  focus() {}
  restore() {}
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  quit: () => {},
  focus: () => {},
  enableSandbox: () => {},
  setAsDefaultProtocolClient: () => true,
  getAppPath: () => process.env.SMOKE_APP_PATH,
  getPath: () => process.env.SMOKE_USER_DATA,
  isReady: () => true,
  whenReady: () => Promise.resolve(),
});

const ipcMain = Object.assign(new EventEmitter(), {
  handlers: new Map(),
  handle(channel, fn) {
    this.handlers.set(channel, fn);
  },
  removeHandler(channel) {
    this.handlers.delete(channel);
  },
});

// utilityProcess.fork as a real Node child process: the core runs in coreProcess.cjs there, as it
// does in the app, and talks to main over process.parentPort (smoke/parent-port.cjs).
const utilityForks = [];
const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    utilityForks.push({ modulePath: path.basename(modulePath), serviceName: options.serviceName });
    const child = childProcess.fork(modulePath, args, {
      execArgv: ['--require', path.join(__dirname, 'parent-port.cjs')],
      serialization: 'advanced',
    });
    const proc = Object.assign(new EventEmitter(), {
      pid: child.pid,
      postMessage: (message) => child.send(message),
      kill: () => child.kill(),
    });
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    return proc;
  },
};

// safeStorage with a keyring (the store key is sealed by it; electron/main/store-key.ts).
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(`smoke-sealed:${plain}`),
  decryptString: (sealed) => sealed.toString().replace(/^smoke-sealed:/, ''),
};

const electron = {
  utilityProcess,
  safeStorage,
  app,
  BrowserWindow,
  ipcMain,
  session: {
    defaultSession: {
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
      webRequest: { onBeforeRequest() {}, onHeadersReceived() {} },
    },
  },
  Menu: {
    buildFromTemplate: (t) => {
      menuTemplate = t;
      return t;
    },
    setApplicationMenu() {},
  },
  dialog: {
    showErrorBox(title, content) {
      process.stdout.write(JSON.stringify({ errorBox: [title, content] }));
      process.exit(2);
    },
    showSaveDialog(_win, options) {
      printing.saveDialog.push(options);
      return Promise.resolve({ canceled: false, filePath: path.join(process.env.SMOKE_USER_DATA, 'export') });
    },
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  return load.call(this, request, ...rest);
};

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function scenario() {
  const deadline = Date.now() + 10_000;
  while ((windows.length === 0 || !ipcMain.handlers.has('hotline:invoke')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const win = windows[0];
  const invoke = ipcMain.handlers.get('hotline:invoke');
  const event = { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } };
  const out = { windowOptions: win.options, pageUrl: win.webContents.url, utilityForks };
  out.status = await invoke(event, 'setup.status', {});
  out.session = await invoke(event, 'auth.session', {});
  out.badParams = await invoke(event, 'setup.status', { unexpected: true });
  out.foreign = await invoke(
    { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
    'setup.status',
    {},
  );
  out.sentBeforeListening = sent.length;
  ipcMain.emit('hotline:listening', event, 'call.incoming');
  out.events = sent;
  const fileMenu = menuTemplate.flatMap((m) => m.submenu ?? []);
  out.fileMenu = fileMenu.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]);
  fileMenu.find((i) => i.label === '打印…').click();
  fileMenu.find((i) => i.label === '导出 PDF…').click();
  const pdf = path.join(process.env.SMOKE_USER_DATA, 'export.pdf');
  while (!fs.existsSync(pdf) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 20));
  out.printing = { ...printing, written: fs.existsSync(pdf) ? fs.readFileSync(pdf, 'utf8') : null };
  // Quitting waits for the core process to close the store, then quits again.
  let prevented = false;
  const quit = new Promise((resolve) => {
    app.quit = resolve;
  });
  app.emit('will-quit', { preventDefault: () => (prevented = true) });
  out.quitWaitedForCore = prevented && (await Promise.race([quit.then(() => true), delay(5_000).then(() => false)]));
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

setImmediate(() => {
  scenario().catch((err) => {
    process.stdout.write(JSON.stringify({ scenarioError: String(err?.stack ?? err) }));
    process.exit(3);
  });
});
