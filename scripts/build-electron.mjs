#!/usr/bin/env node
// Bundles the Electron main process, the core's utility process and the preload into dist-electron/.
// The sandboxed preload can only require('electron') and a few Node built-ins, so it must be one
// self-contained CJS file; this script fails the build if anything else slips in. The core (SQLite,
// sync) runs in its own utility process, so main must not bundle it either; that is checked too.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutdir = join(root, 'dist-electron');
const production = process.env.NODE_ENV === 'production';

// better-sqlite3 loads a native .node file, so it stays in node_modules (electron-builder unpacks and
// rebuilds it); electron is provided by the runtime.
const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers'];
// What a sandboxed preload may require (Electron docs, "Process Sandboxing").
const PRELOAD_REQUIRABLE = new Set(['electron', 'events', 'timers', 'url']);

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron's Node is newer; node20 also lets the bundle smoke test run it under the Node we test with.
  target: 'node20',
  // Linked maps for readable main-process stacks in development; the installer leaves them out.
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

/** Sources under electron/core and bare imports of better-sqlite3 that a bundle pulls in. */
function coreParts(metafile) {
  const inputs = Object.keys(metafile.inputs).filter((p) => p.startsWith('electron/core/'));
  const externals = Object.values(metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && i.path === 'better-sqlite3-multiple-ciphers')
    .map((i) => i.path);
  return [...new Set([...inputs, ...externals])];
}

/**
 * Builds the three bundles into `outdir`. Throws if the preload would require something a sandbox
 * lacks, or if main would load the core (it belongs in coreProcess.cjs, off the main process).
 */
export async function buildElectron({ outdir = defaultOutdir } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const [main, , preload] = await Promise.all([
    build({
      ...common,
      entryPoints: { main: join(root, 'electron/main/main.ts') },
      outExtension: { '.js': '.cjs' },
      outdir,
      external: EXTERNAL,
    }),
    // The utility process: a plain Node entry (process.parentPort) that requires better-sqlite3 from
    // node_modules like main.cjs used to; the Electron-ABI nativeBinding path comes from main in its
    // first message.
    build({
      ...common,
      entryPoints: { coreProcess: join(root, 'electron/main/coreProcess.ts') },
      outExtension: { '.js': '.cjs' },
      outdir,
      external: EXTERNAL,
    }),
    build({
      ...common,
      entryPoints: { preload: join(root, 'electron/preload/preload.ts') },
      outExtension: { '.js': '.cjs' },
      outdir,
      external: ['electron'],
    }),
  ]);
  const preloadRequires = Object.values(preload.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  const forbidden = preloadRequires.filter((p) => !PRELOAD_REQUIRABLE.has(p.replace(/^node:/, '')));
  if (forbidden.length > 0) throw new Error(`the sandboxed preload cannot require ${forbidden.join(', ')}`);
  const coreInMain = coreParts(main.metafile);
  if (coreInMain.length > 0) throw new Error(`main.cjs must not load the core, but bundles ${coreInMain.join(', ')}`);
  return {
    main: join(outdir, 'main.cjs'),
    preload: join(outdir, 'preload.cjs'),
    coreProcess: join(outdir, 'coreProcess.cjs'),
    mainInputs: Object.keys(main.metafile.inputs),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildElectron();
    console.log('build-electron: dist-electron/main.cjs, dist-electron/coreProcess.cjs, dist-electron/preload.cjs');
  } catch (err) {
    console.error(`build-electron: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
