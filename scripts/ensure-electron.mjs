#!/usr/bin/env node
// Fetches the Electron binary the first time `npm start` needs it.
//
// `npm install` does not run electron's own install script (package.json `allowScripts` has
// `"electron": false`): that script downloads about 100 MB from GitHub and fails the whole install
// on machines that cannot reach it (CI, locked-down networks), although the tests, the browser host
// and the hub never need the binary. So the download happens here, just before the app starts, with
// electron's own install.js: it honours the usual ELECTRON_MIRROR, electron_config_cache and
// checksum settings, and it is a no-op when the right version is already unpacked.
//
// Usage: node scripts/ensure-electron.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronBinaryPresent } from './electron-native.mjs';

/**
 * The environment for electron/install.js. ELECTRON_SKIP_BINARY_DOWNLOAD makes that script exit
 * without downloading; a developer may still have it exported from the days when installs needed it,
 * and `npm start` cannot start anything without the binary, so it is dropped here.
 */
export function downloadEnv(env) {
  const out = { ...env };
  delete out.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return out;
}

/** Runs electron's own install.js (download + unzip into node_modules/electron/dist + path.txt). */
export function runElectronInstallScript(electronDir) {
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env: downloadEnv(process.env),
    stdio: 'inherit',
  });
  return { ok: result.status === 0, detail: result.error?.message ?? `exit code ${result.status}` };
}

/**
 * Makes sure node_modules/electron holds its binary. `download` is injected so the decision can be
 * tested without a network. Returns a process exit code: 1 when the app cannot start.
 */
export function ensureElectron({
  electronDir,
  electronVersion,
  exists = existsSync,
  readText = (p) => readFileSync(p, 'utf8'),
  overrideDistPath = process.env.ELECTRON_OVERRIDE_DIST_PATH,
  download = runElectronInstallScript,
  log = console.log,
  error = console.error,
}) {
  if (!electronDir) {
    error('ensure-electron: the electron package is not installed; run `npm install` first.');
    return 1;
  }
  const present = () => electronBinaryPresent({ electronDir, exists, readText, overrideDistPath });
  if (present()) return 0;
  log(`ensure-electron: the Electron ${electronVersion ?? ''} binary is missing; downloading it (once).`);
  const outcome = download(electronDir);
  if (outcome.ok && present()) {
    log('ensure-electron: Electron downloaded.');
    return 0;
  }
  error(
    `ensure-electron: could not download Electron (${outcome.ok ? 'no binary after the download' : outcome.detail}). ` +
      'It comes from GitHub (or ELECTRON_MIRROR); check the network and run `npm start` again.',
  );
  return 1;
}

function electronLocation(root) {
  try {
    const pkgPath = createRequire(join(root, 'package.json')).resolve('electron/package.json');
    return { electronDir: dirname(pkgPath), electronVersion: JSON.parse(readFileSync(pkgPath, 'utf8')).version };
  } catch {
    return { electronDir: null, electronVersion: null };
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  process.exitCode = ensureElectron(electronLocation(root));
}
