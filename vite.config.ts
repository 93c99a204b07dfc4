import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { withPageCsp } from './electron/main/csp';
// @ts-expect-error: a plain .mjs script without type declarations
import { STAMP, sourceHash } from './scripts/build-renderer-if-stale.mjs';

/**
 * Writes the hash of the sources a build was made from beside it, so that `npm run web` serves this
 * build without building again (scripts/build-renderer-if-stale.mjs). Hashed when the build starts.
 */
function sourceStamp(): Plugin {
  let hash = '';
  return {
    name: 'hotline-source-stamp',
    apply: 'build',
    buildStart() {
      hash = sourceHash();
    },
    closeBundle() {
      fs.mkdirSync(path.dirname(STAMP), { recursive: true });
      fs.writeFileSync(STAMP, `${hash}\n`);
    },
  };
}

/**
 * The Content-Security-Policy as a <meta> in the built index.html: Electron loads it from file://, where
 * no response header can carry one (electron/main/csp.ts). Build only: the dev server's React refresh
 * preamble is an inline script that the policy would block.
 */
export function pageCsp(): Plugin {
  return { name: 'hotline-page-csp', apply: 'build', transformIndexHtml: { order: 'post', handler: (html) => withPageCsp(html) } };
}

// The renderer is one static bundle loaded two ways: from file:// inside Electron and from the
// browser host on 127.0.0.1. A relative base keeps asset URLs valid in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), sourceStamp(), pageCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Each screen is its own chunk, loaded when first opened (React.lazy in App.tsx); the largest,
    // React with antd's core, is about 310 kB before gzip.
    chunkSizeWarningLimit: 400,
  },
  server: {
    host: '127.0.0.1',
    // `vite` dev server in front of a running browser host (`npm run web -- --port 5180`).
    proxy: {
      '/rpc': 'http://127.0.0.1:5180',
      '/events': { target: 'http://127.0.0.1:5180', changeOrigin: false },
    },
  },
});
