import { openPgStore } from './pg';
import { openSqliteStore } from './sqlite';
import type { HubStore } from './types';

export type { HubStore } from './types';

/** PostgreSQL when a postgres:// URL is given, else SQLite in dataDir. */
export async function openStore(opts: {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  /** SQLite only: PostgreSQL relies on disk encryption and TLS (docs/hub.md). */
  key?: Uint8Array | undefined;
  onProgress?: ((message: string) => void) | undefined;
}): Promise<HubStore> {
  if (opts.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    return openPgStore(opts.databaseUrl);
  }
  if (!opts.dataDir) throw new Error('the hub needs a data folder (--data DIR) or DATABASE_URL');
  return openSqliteStore(opts.dataDir, { key: opts.key, onProgress: opts.onProgress });
}
