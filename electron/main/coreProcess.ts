/**
 * Entry point of the core's utility process, bundled to dist-electron/coreProcess.cjs
 * (scripts/build-electron.mjs). The store, the sync engine and every query run here, so a long pull
 * page or a big export never blocks the main process that handles window events.
 */
import { openCore } from '../core';
import { serveCore } from './core-host';

serveCore(process.parentPort, openCore);
