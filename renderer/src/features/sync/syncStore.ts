import { create } from 'zustand';
import type { ApiError } from '../../../../shared/api/envelope';
import type { SyncStatus } from '../../../../shared/api/types';
import { call } from '../../api/client';

/** What the header shows, in order of precedence (docs/ui.md "Sync status"). */
export type SyncState = 'standalone' | 'upgrade' | 'connecting' | 'offline' | 'error' | 'syncing' | 'synced';

interface SyncStoreState {
  /** null until the first `sync.status` answer (or event) arrives. */
  status: SyncStatus | null;
  /** A `sync.now` started here is on the wire. */
  syncing: boolean;
  load(): Promise<void>;
  put(status: SyncStatus): void;
  syncNow(): Promise<{ ok: true; status: SyncStatus } | { ok: false; error: ApiError }>;
  reset(): void;
}

/** The core's sync status, fetched at sign-in and kept current by the `sync.status` event. */
export const useSync = create<SyncStoreState>((set) => ({
  status: null,
  syncing: false,

  async load() {
    const res = await call('sync.status', {});
    if (res.ok) set({ status: res.result });
  },

  put(status) {
    set({ status });
  },

  async syncNow() {
    set({ syncing: true });
    const res = await call('sync.now', {});
    set(res.ok ? { syncing: false, status: res.result } : { syncing: false });
    return res.ok ? { ok: true, status: res.result } : { ok: false, error: res.error };
  },

  reset() {
    set({ status: null, syncing: false });
  },
}));

/**
 * One word for the state of sync. `online` is false both before the first cycle and when the hub
 * is unreachable; the error tells them apart (the engine sets it when a cycle fails).
 */
export function syncState(s: SyncStatus, syncing = false): SyncState {
  if (!s.joined) return 'standalone';
  if (s.upgradeRequired) return 'upgrade';
  if (!s.online) return s.error ? 'offline' : 'connecting';
  if (s.error) return 'error';
  if (syncing || s.pending > 0) return 'syncing';
  return 'synced';
}

export const STATE_COLOR: Record<SyncState, string> = {
  standalone: 'default',
  upgrade: 'red',
  connecting: 'processing',
  offline: 'orange',
  error: 'red',
  syncing: 'processing',
  synced: 'green',
};
