import type Database from 'better-sqlite3-multiple-ciphers';
import type { EventName, Events } from '../../shared/api/events';
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
}
