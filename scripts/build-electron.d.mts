// Types for scripts/build-electron.mjs (imported by the bundle smoke test).
export declare function buildElectron(options?: { outdir?: string }): Promise<{
  main: string;
  preload: string;
  coreProcess: string;
  /** Source files bundled into main.cjs (esbuild metafile paths, relative to the project root). */
  mainInputs: string[];
}>;
