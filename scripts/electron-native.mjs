#!/usr/bin/env node
// Builds an Electron-ABI copy of better-sqlite3-multiple-ciphers (better-sqlite3 with SQLCipher
// encryption, docs/security-encryption.md) into .electron-native/ (docs/electron.md).
//
// node_modules/better-sqlite3-multiple-ciphers stays built for Node, because vitest, the browser host
// and the hub run under Node. The desktop app loads this second copy through its `nativeBinding` option
// (electron/main/native-binding.ts). A stamp file makes repeated runs (every `npm start`) a no-op.
//
// Usage: node scripts/electron-native.mjs [--force]
//   --force  build even when the Electron binary was not downloaded (npm start fetches it first:
//            scripts/ensure-electron.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The SQLite driver package: better-sqlite3's API, built with SQLite3 Multiple Ciphers. */
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ELECTRON_NATIVE_DIR = '.electron-native/better-sqlite3-multiple-ciphers';
/** Kept identical to electron/main/native-binding.ts (a test compares them). */
export const ELECTRON_NATIVE_BINDING = '.electron-native/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
export const STAMP_FILE = '.electron-native/stamp.json';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * Whether node_modules/electron holds a downloaded binary. Mirrors electron/index.js, which throws
 * when path.txt is missing: npm installs the package without it (electron's install script is not in
 * package.json `allowScripts`; scripts/ensure-electron.mjs downloads it on `npm start`).
 */
export function electronBinaryPresent({ electronDir, exists, readText, overrideDistPath }) {
  const pathTxt = join(electronDir, 'path.txt');
  if (!exists(pathTxt)) return false;
  const executable = readText(pathTxt).trim();
  if (!executable) return false;
  const distDir = overrideDistPath || join(electronDir, 'dist');
  return exists(join(distDir, executable));
}

/**
 * The whole decision, without IO. Returns
 *   { action: 'skip', reason }       nothing to do or nothing possible; never an error
 *   { action: 'up-to-date' }         the stamp matches and the binding is there
 *   { action: 'build', stamp, attempts }  run attempts in order until one succeeds, then write stamp
 */
export function planElectronNative(input) {
  const { electronVersion, betterSqliteVersion, stamp, bindingExists, binaryPresent, force } = input;
  if (!electronVersion) return { action: 'skip', reason: 'electron is not installed (production install?)' };
  if (!betterSqliteVersion) return { action: 'skip', reason: `${SQLITE_PACKAGE} is not installed` };
  const wanted = {
    electron: electronVersion,
    betterSqlite3: betterSqliteVersion,
    platform: input.platform,
    arch: input.arch,
  };
  const stampMatches =
    stamp !== null &&
    typeof stamp === 'object' &&
    Object.entries(wanted).every(([key, value]) => stamp[key] === value);
  if (stampMatches && bindingExists) return { action: 'up-to-date' };
  // Without the binary the app cannot start anyway, and on machines that skip the download the
  // headers are usually unreachable too; building would only fail slowly.
  if (!binaryPresent && !force) {
    return { action: 'skip', reason: 'the Electron binary is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  }
  const cwd = input.nativeDir;
  const target = `--target=${electronVersion}`;
  const arch = `--arch=${input.arch}`;
  return {
    action: 'build',
    stamp: wanted,
    attempts: [
      {
        label: `prebuild-install (prebuilt Electron binary from the ${SQLITE_PACKAGE} release)`,
        command: input.execPath,
        args: [input.prebuildInstallBin, '--runtime=electron', target, arch],
        cwd,
      },
      {
        label: 'node-gyp (compile against the Electron headers)',
        command: input.execPath,
        args: [
          input.nodeGypBin,
          'rebuild',
          '--release',
          target,
          arch,
          `--dist-url=${ELECTRON_HEADERS_URL}`,
          // Electron headers in their own cache, apart from the Node headers node-gyp keeps.
          `--devdir=${input.devDir}`,
        ],
        cwd,
      },
    ],
  };
}

// npm exports its config to scripts as npm_config_*; node-gyp and prebuild-install read them. A
// machine-wide `nodedir` (pointing at the system Node headers) would silently win over --target and
// produce a Node-ABI binary in the Electron folder, so the build sees none of these.
const INHERITED_BUILD_SETTINGS = new Set([
  'npm_config_nodedir',
  'npm_config_target',
  'npm_config_runtime',
  'npm_config_disturl',
  'npm_config_dist_url',
  'npm_config_arch',
  'npm_config_target_arch',
  'npm_config_devdir',
]);

/** The environment for the native build: the caller's, minus settings that retarget node-gyp. */
export function cleanBuildEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (!INHERITED_BUILD_SETTINGS.has(key.toLowerCase().replaceAll('-', '_'))) out[key] = value;
  }
  return out;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function packageVersion(require, name) {
  try {
    return readJson(require.resolve(`${name}/package.json`))?.version ?? null;
  } catch {
    return null;
  }
}

function resolveOrNull(require, id) {
  try {
    return require.resolve(id);
  } catch {
    return null;
  }
}

/**
 * Runs the plan for the project at `root`. `strict: false` (postinstall) turns a failed build into a
 * warning; `strict: true` (npm start) fails, because the app would then die on an ABI mismatch.
 * Returns a process exit code.
 */
export function runElectronNative({ root, strict, force = false, log = console.log }) {
  const require = createRequire(join(root, 'package.json'));
  const electronPkg = resolveOrNull(require, 'electron/package.json');
  const sqlitePkg = resolveOrNull(require, `${SQLITE_PACKAGE}/package.json`);
  const nativeDir = join(root, ELECTRON_NATIVE_DIR);
  const plan = planElectronNative({
    electronVersion: packageVersion(require, 'electron'),
    betterSqliteVersion: packageVersion(require, SQLITE_PACKAGE),
    stamp: readJson(join(root, STAMP_FILE)),
    bindingExists: existsSync(join(root, ELECTRON_NATIVE_BINDING)),
    binaryPresent:
      electronPkg !== null &&
      electronBinaryPresent({
        electronDir: dirname(electronPkg),
        exists: existsSync,
        readText: (p) => readFileSync(p, 'utf8'),
        overrideDistPath: process.env.ELECTRON_OVERRIDE_DIST_PATH,
      }),
    force,
    platform: process.platform,
    arch: process.arch,
    nativeDir,
    execPath: process.execPath,
    prebuildInstallBin: resolveOrNull(require, 'prebuild-install/bin.js') ?? 'prebuild-install-missing',
    nodeGypBin: resolveOrNull(require, 'node-gyp/bin/node-gyp.js') ?? 'node-gyp-missing',
    devDir: join(homedir(), '.electron-gyp'),
  });

  if (plan.action === 'skip') {
    log(`electron-native: skipped, ${plan.reason}.`);
    return 0;
  }
  if (plan.action === 'up-to-date') {
    log(`electron-native: ${SQLITE_PACKAGE} for Electron is up to date (${relative(root, nativeDir)}).`);
    return 0;
  }

  // A fresh copy without build/: the Node-ABI binary there must never be mistaken for ours.
  const source = dirname(sqlitePkg);
  rmSync(join(root, '.electron-native'), { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(source, nativeDir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(source, src);
      return rel !== 'build' && !rel.startsWith(`build${sep}`);
    },
  });

  for (const attempt of plan.attempts) {
    log(`electron-native: ${attempt.label}`);
    const result = spawnSync(attempt.command, attempt.args, {
      cwd: attempt.cwd,
      env: cleanBuildEnv(process.env),
      stdio: 'inherit',
    });
    if (result.status === 0 && existsSync(join(root, ELECTRON_NATIVE_BINDING))) {
      writeFileSync(join(root, STAMP_FILE), `${JSON.stringify(plan.stamp, null, 2)}\n`);
      log(`electron-native: built ${SQLITE_PACKAGE} ${plan.stamp.betterSqlite3} for Electron ${plan.stamp.electron}.`);
      return 0;
    }
  }
  const message =
    `electron-native: could not build ${SQLITE_PACKAGE} for Electron (no prebuilt binary and no Electron headers: ` +
    `both need the network). Retry with \`node scripts/electron-native.mjs\` when online.`;
  if (strict) {
    console.error(message);
    return 1;
  }
  log(`${message} Continuing: tests and the browser host do not need it.`);
  return 0;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  process.exitCode = runElectronNative({ root, strict: true, force: process.argv.includes('--force') });
}
