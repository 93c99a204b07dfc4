import { create } from 'zustand';
import type { CallbackQueueCounts } from '../../../../shared/api/types';
import { call } from '../../api/client';

interface CountsState {
  counts: CallbackQueueCounts | null;
  load(): Promise<void>;
  reset(): void;
}

/** The queue's numbers for the menu badge and the page header; reloaded on `records.changed {entity:'callback'}`. */
export const useCallbackCounts = create<CountsState>((set) => ({
  counts: null,
  async load() {
    const res = await call('callbacks.counts', {});
    // An older core without callbacks answers unknown_method: no badge rather than an error.
    set({ counts: res.ok ? res.result : null });
  },
  reset() {
    set({ counts: null });
  },
}));
