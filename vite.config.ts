import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle loaded two ways: from file:// inside Electron and from the
// browser host on 127.0.0.1. A relative base keeps asset URLs valid in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Desktop app: no CDN, one origin; a slightly larger chunk is cheaper than many file:// reads.
    chunkSizeWarningLimit: 2500,
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
