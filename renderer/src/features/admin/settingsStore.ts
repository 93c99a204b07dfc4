import { create } from 'zustand';
import type { Settings } from '../../../../shared/api/types';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { call } from '../../api/client';

interface SettingsState {
  settings: Settings | null;
  load(): Promise<void>;
  put(s: Settings): void;
}

/** Organisation settings every screen reads (answer time limit, departments, repeat window). */
export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  async load() {
    const res = await call('settings.get', {});
    if (res.ok) set({ settings: res.result });
  },
  put(settings) {
    set({ settings });
  },
}));

/** Defaults until settings arrive, so the call screen never waits on them. */
export function useCallRules(): { answerWithinSeconds: number; repeatCallerHours: number; departments: string[] } {
  const s = useSettings((st) => st.settings);
  return {
    answerWithinSeconds: s?.answerWithinSeconds ?? DEFAULT_SETTINGS.answerWithinSeconds,
    repeatCallerHours: s?.repeatCallerHours ?? DEFAULT_SETTINGS.repeatCallerHours,
    departments: s?.departments ?? DEFAULT_SETTINGS.departments,
  };
}
