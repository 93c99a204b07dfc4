#!/usr/bin/env node
// Runs after every `npm install` / `npm ci` of this project. Its one job is the Electron-ABI copy of
// better-sqlite3-multiple-ciphers (scripts/electron-native.mjs). It must never fail an install: the tests, the browser
// host and the hub do not need that copy, and many machines cannot download Electron at all.
//
// On a fresh clone the Electron binary is not there yet: npm does not run electron's own install
// script (package.json `allowScripts`), `npm start` fetches it (scripts/ensure-electron.mjs) and then
// builds this copy. The build here only happens when the binary is already present (a reinstall).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function skip(reason) {
  console.log(`postinstall: Electron-ABI build of better-sqlite3 skipped (${reason}).`);
  process.exit(0);
}

try {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) skip('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  const { electronBinaryPresent, runElectronNative } = await import('./electron-native.mjs');
  let electronDir;
  try {
    electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    skip('electron is not installed');
  }
  const present = electronBinaryPresent({
    electronDir,
    exists: existsSync,
    readText: (p) => readFileSync(p, 'utf8'),
    overrideDistPath: process.env.ELECTRON_OVERRIDE_DIST_PATH,
  });
  if (!present) skip('the Electron binary is not downloaded yet; `npm start` fetches it and builds this then');
  runElectronNative({ root, strict: false });
} catch (err) {
  console.log(`postinstall: Electron-ABI build of better-sqlite3 skipped (${err?.message ?? err}).`);
}
process.exit(0);
