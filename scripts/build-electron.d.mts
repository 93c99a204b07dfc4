// Types for scripts/build-electron.mjs (imported by the bundle smoke test).
export declare function buildElectron(options?: { outdir?: string }): Promise<{ main: string; preload: string }>;
