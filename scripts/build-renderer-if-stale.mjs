#!/usr/bin/env node
/**
 * `npm run web` runs this before the host: it builds the renderer only when its sources changed since
 * the last build, so that a start with a current build answers in about a second instead of after a
 * 5 s Vite build. The sources are everything the bundle is made from: renderer/, shared/, the Vite
 * config and the locked dependencies. Their hash is kept beside the build (dist/renderer/.source-hash);
 * no stamp, another hash, or no index.html means a build.
 *
 *   node scripts/build-renderer-if-stale.mjs           build if stale
 *   node scripts/build-renderer-if-stale.mjs --check   exit 1 if stale, build nothing
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/renderer');
export const STAMP = path.join(OUT, '.source-hash');
const SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'];

/** Every file under the sources, in a stable order, with its path, so that a rename counts too. */
export function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  const files = [];
  for (const s of SOURCES) {
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

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-renderer-if-stale.mjs')) {
  const hash = sourceHash();
  if (isCurrent(hash)) {
    console.log('renderer: the build in dist/renderer is current');
  } else if (process.argv.includes('--check')) {
    console.log('renderer: stale');
    process.exit(1);
  } else {
    console.log('renderer: sources changed since the last build; building');
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    const run = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: 'inherit' });
    // The build writes the stamp itself (vite.config.ts), so that `npm run build:renderer` counts too.
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
