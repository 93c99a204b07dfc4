#!/usr/bin/env node
/**
 * `npm run web` runs this before the host: it builds the renderer only when its sources changed since
 * the last build, so that a start with a current build answers in about a second instead of after a
 * 5 s Vite build. The sources are everything the bundle is made from: renderer/, shared/, the Vite
 * config and the locked dependencies. Their hash is kept beside the build (dist/renderer/.source-hash);
 * no stamp, another hash, or no index.html means a build.
 *
 * With `--host` it does the same for the browser host: electron/core and shared/ bundled by esbuild
 * into dist/host/cli.mjs (packages stay in node_modules), which starts in well under a second where
 * tsx compiles the core's few hundred TypeScript files at every start (about 1.5 s on two busy cores).
 *
 *   node scripts/build-renderer-if-stale.mjs                  build the renderer if stale
 *   node scripts/build-renderer-if-stale.mjs --host           and the browser host's bundle
 *   node scripts/build-renderer-if-stale.mjs --check [--host] exit 1 if stale, build nothing
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/renderer');
export const STAMP = path.join(OUT, '.source-hash');
const SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'];
const HOST_OUT = path.join(ROOT, 'dist/host');
const HOST_STAMP = path.join(HOST_OUT, '.source-hash');
const HOST_SOURCES = ['electron/core', 'shared', 'package-lock.json', 'scripts/build-renderer-if-stale.mjs'];

/** Every file under the sources, in a stable order, with its path, so that a rename counts too. */
export function sourceHash(root = ROOT, sources = SOURCES) {
  const hash = createHash('sha256');
  const files = [];
  for (const s of sources) {
    const full = path.join(root, s);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isFile()) files.push(s);
    else
      for (const e of fs.readdirSync(full, { recursive: true, withFileTypes: true }))
        if (e.isFile()) files.push(path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }
  for (const f of files.sort()) {
    hash.update(`${f}\0`);
    hash.update(fs.readFileSync(path.join(root, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isCurrent(hash) {
  try {
    return fs.existsSync(path.join(OUT, 'index.html')) && fs.readFileSync(STAMP, 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function buildRenderer(check) {
  const hash = sourceHash();
  if (isCurrent(hash)) return console.log('renderer: the build in dist/renderer is current');
  if (check) {
    console.log('renderer: stale');
    process.exit(1);
  }
  console.log('renderer: sources changed since the last build; building');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  // The build writes the stamp itself (vite.config.ts), so that `npm run build:renderer` counts too.
  const run = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

function buildHost(check) {
  const hash = sourceHash(ROOT, HOST_SOURCES);
  const current = fs.existsSync(path.join(HOST_OUT, 'cli.mjs')) && fs.existsSync(HOST_STAMP) && fs.readFileSync(HOST_STAMP, 'utf8').trim() === hash;
  if (current) return;
  if (check) {
    console.log('browser host: stale');
    process.exit(1);
  }
  const esbuild = path.join(ROOT, 'node_modules/esbuild/bin/esbuild');
  const args = ['electron/core/host/cli.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node20', `--outfile=${path.join(HOST_OUT, 'cli.mjs')}`, '--log-level=warning'];
  const run = spawnSync(esbuild, args, { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  fs.writeFileSync(HOST_STAMP, `${hash}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const check = process.argv.includes('--check');
  buildRenderer(check);
  if (process.argv.includes('--host')) buildHost(check);
}
