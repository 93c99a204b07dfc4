import { create } from 'zustand';
import type { CalendarStatus } from '../../../../shared/api/types';
import { call } from '../../api/client';

interface CalendarState {
  status: CalendarStatus | null;
  load(): Promise<void>;
}

/** calendar.status: which years the holiday calendar knows (the banner and the settings editor read it). */
export const useCalendar = create<CalendarState>((set) => ({
  status: null,
  async load() {
    const res = await call('calendar.status', {});
    if (res.ok) set({ status: res.result });
  },
}));
