/** Entry point bundled to dist-electron/main.cjs (scripts/build-electron.mjs). */
import { join } from 'node:path';
import { startHotlineApp } from './app';
import { openCoreProcess } from './core-process';

// The core (SQLite, sync) runs in a utility process from dist-electron/coreProcess.cjs, beside this
// bundle; main never loads better-sqlite3 itself.
startHotlineApp({ openCore: (options) => openCoreProcess(join(__dirname, 'coreProcess.cjs'), options) });
