/**
 * Runs the core in an Electron utility process (the way Actual Budget and Signal keep their databases
 * off the main process): SQLite work, sync pulls and exports then never hold up window events, menus
 * or screen pops. This module only wires Electron's utilityProcess to CoreProcessClient.
 */
import { app, dialog, utilityProcess } from 'electron';
import type { ShellCore } from './app';
import { CoreProcessClient } from './core-client';
import { CORE_SERVICE_NAME, type CoreOpenOptions } from './core-protocol';

/**
 * Forks `entry` (dist-electron/coreProcess.cjs) and opens the store there. Resolves once the store is
 * open; rejects with the core's reason when it cannot be opened, which app.ts shows in its dialog.
 */
export async function openCoreProcess(entry: string, options: CoreOpenOptions): Promise<ShellCore> {
  const client = new CoreProcessClient({
    // stdio is inherited (the default), so the core's logs land where main's do.
    fork: () => utilityProcess.fork(entry, [], { serviceName: CORE_SERVICE_NAME }),
    options,
    log: (message) => console.warn(`[hotline] ${message}`),
    onFatal: (message) => {
      console.error(`[hotline] ${message}`);
      dialog.showErrorBox('本地数据库进程已停止', `客服热线工作台需要重新启动。\n\n${message}`);
      app.quit();
    },
  });
  await client.start();
  return client;
}
