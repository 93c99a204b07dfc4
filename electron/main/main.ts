/** Entry point bundled to dist-electron/main.cjs (scripts/build-electron.mjs). */
import { openCore } from '../core';
import { startHotlineApp } from './app';

startHotlineApp({ openCore });
