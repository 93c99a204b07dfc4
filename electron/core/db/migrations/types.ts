import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
  /** Optional data step after `up`, in the same transaction (fills derived columns SQL cannot compute). */
  data?: (db: Database.Database) => void;
}
