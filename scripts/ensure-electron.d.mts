// Types for scripts/ensure-electron.mjs, so TypeScript tests can drive it with a fake download.
export interface DownloadOutcome {
  ok: boolean;
  detail: string;
}

export declare function downloadEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;

export declare function runElectronInstallScript(electronDir: string): DownloadOutcome;

export declare function ensureElectron(options: {
  electronDir: string | null;
  electronVersion?: string | null;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string;
  overrideDistPath?: string | undefined;
  download?: (electronDir: string) => DownloadOutcome;
  log?: (line: string) => void;
  error?: (line: string) => void;
}): number;
