/**
 * Messages between the main process and the core's utility process (core-client.ts ↔ core-host.ts).
 * Plain data only: each message is copied between processes with the structured-clone algorithm.
 * Requests carry an id because the core answers in completion order, not in request order.
 */
import type { EventName } from '../../shared/api/events';
import type { InvokeOutcome } from '../core';

/** What main tells the core to open; the same fields the core takes in-process. */
export interface CoreOpenOptions {
  dataDir: string;
  /** The Electron-ABI better-sqlite3 in development (native-binding.ts); undefined when packaged. */
  nativeBinding?: string;
  /**
   * The store key (store-key.ts), as bytes: structured clone copies a Uint8Array. It exists in main
   * only while the core opens; the core keeps it inside SQLite's cipher context.
   */
  key?: Uint8Array;
}

export type ToCore =
  | { type: 'open'; options: CoreOpenOptions }
  | { type: 'invoke'; id: number; token: string | null; method: string; params: unknown }
  | { type: 'incoming'; phone: string }
  | { type: 'close' };

export type FromCore =
  | { type: 'opened' }
  | { type: 'open-failed'; message: string }
  /** The one-time encryption of a plaintext store from an earlier version is under way. */
  | { type: 'store-progress'; message: string }
  | { type: 'result'; id: number; outcome: InvokeOutcome }
  | { type: 'failed'; id: number; message: string }
  | { type: 'event'; name: EventName; payload: unknown };

/** The name the utility process gets in the OS task manager and in Electron's crash reports. */
export const CORE_SERVICE_NAME = 'Hotline Desk core';
