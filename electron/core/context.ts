import type Database from 'better-sqlite3-multiple-ciphers';
import type { EventName, Events } from '../../shared/api/events';
import type { BackupInfo, RestoreResult, ResyncResult, StoreStatus } from '../../shared/api/storeTypes';
import type { Actor } from '../../shared/domain/mutation';
import type { SyncEngine } from './sync/engine';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What every layer of the core is handed: the store's connection, the clock, the event bus, the log. */
export interface CoreContext {
  db: Database.Database;
  /** Set by openCore. The write path wakes it after a commit that queued outbox entries. */
  sync?: SyncEngine;
  now: () => Date;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  log: Logger;
  /** Set by openCore: the store's health, its backups and a restore (storeCare.ts). */
  store?: StoreControl;
}

/** What the backup and store services may ask of the core that holds the store. */
export interface StoreControl {
  readonly dataDir: string;
  status(): StoreStatus;
  /** SQLite reported corruption at run time: from now on nothing is written (the dispatcher refuses). */
  markDamaged(problem: string): void;
  backup(actor: Actor): BackupInfo;
  /** Checks the backup, lets `authorise` decide with the backup's own data, then replaces the store and reopens it. */
  restore(id: string, authorise: (backup: Database.Database) => Promise<Actor>): Promise<RestoreResult>;
  /** The joined hub of a damaged store (read from it), or null. */
  hubUrl(): string | null;
  /** A damaged joined store: salvage what the hub lacks, set the file aside, fill a fresh store from the hub. */
  resync(username: string, password: string): Promise<ResyncResult>;
}
