import type { SyncEntity } from '../domain/mutations';
import type { JobStatus } from './jobsTypes';
import type { SyncStatus } from './types';

/** Events the core pushes to the UI (IPC `hotline:event`, or SSE in the browser host). */
export interface Events {
  'call.incoming': { phone: string; rangAt: string };
  'records.changed': { entity: SyncEntity | 'user' | 'settings'; ids: string[] };
  'session.ended': { reason: 'logout' | 'expired' };
  'sync.status': SyncStatus;
  /** A job's progress (docs/reports.md): after each step, and when it is done, failed or cancelled. */
  'job.progress': JobStatus;
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['call.incoming', 'records.changed', 'session.ended', 'sync.status', 'job.progress'];

/** What window.hotline looks like: the preload and the browser shim both satisfy it. */
export interface HotlineBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void;
}
