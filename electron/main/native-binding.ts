import { join } from 'node:path';

/**
 * Where scripts/electron-native.mjs puts the Electron-ABI build of better-sqlite3-multiple-ciphers, relative to the
 * project root. Kept identical to ELECTRON_NATIVE_BINDING there (a test compares them).
 */
export const ELECTRON_NATIVE_BINDING = '.electron-native/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';

export interface NativeBindingInput {
  isPackaged: boolean;
  appPath: string;
  exists(path: string): boolean;
}

/**
 * In development node_modules/better-sqlite3-multiple-ciphers is built for Node (the tests use it), so
 * the app must point the driver at the Electron-ABI copy. Packaged apps get no override:
 * electron-builder rebuilds the node_modules copy for Electron itself.
 */
export function nativeBindingPath({ isPackaged, appPath, exists }: NativeBindingInput): string | undefined {
  if (isPackaged) return undefined;
  const candidate = join(appPath, ELECTRON_NATIVE_BINDING);
  return exists(candidate) ? candidate : undefined;
}
