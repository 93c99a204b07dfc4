// Types for scripts/electron-native.mjs, so TypeScript tests can import its pure decision logic.
export declare const SQLITE_PACKAGE: string;
export declare const ELECTRON_NATIVE_DIR: string;
export declare const ELECTRON_NATIVE_BINDING: string;
export declare const STAMP_FILE: string;
export declare const ELECTRON_HEADERS_URL: string;

export interface NativeStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export interface BuildAttempt {
  label: string;
  command: string;
  args: string[];
  cwd: string;
}

export type NativePlan =
  | { action: 'skip'; reason: string }
  | { action: 'up-to-date' }
  | { action: 'build'; stamp: NativeStamp; attempts: BuildAttempt[] };

export interface PlanInput {
  electronVersion: string | null;
  betterSqliteVersion: string | null;
  stamp: unknown;
  bindingExists: boolean;
  binaryPresent: boolean;
  force: boolean;
  platform: string;
  arch: string;
  nativeDir: string;
  execPath: string;
  prebuildInstallBin: string;
  nodeGypBin: string;
  devDir: string;
}

export declare function planElectronNative(input: PlanInput): NativePlan;

export declare function electronBinaryPresent(input: {
  electronDir: string;
  exists(path: string): boolean;
  readText(path: string): string;
  overrideDistPath?: string | undefined;
}): boolean;

export declare function cleanBuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;

export declare function runElectronNative(options: {
  root: string;
  strict: boolean;
  force?: boolean;
  log?: (line: string) => void;
}): number;
