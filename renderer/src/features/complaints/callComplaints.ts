import { create } from 'zustand';
import type { Complaint } from '../../../../shared/api/types';

interface CallComplaintsState {
  /** Call id → complaints registered from it on this console (the API has no lookup by call). */
  byCall: Record<string, Pick<Complaint, 'id' | 'complaintNo'>[]>;
  add(callId: string, c: Pick<Complaint, 'id' | 'complaintNo'>): void;
  /** The script panel's 登记投诉 asks the sheet's button to open its drawer for this call. */
  requested: string | null;
  request(callId: string): void;
  clearRequest(): void;
}

/** Keeps the link to a complaint registered from a call after the call ends and its sheet is reopened. */
export const useCallComplaints = create<CallComplaintsState>((set) => ({
  byCall: {},
  requested: null,
  request: (callId) => set({ requested: callId }),
  clearRequest: () => set({ requested: null }),
  add: (callId, c) => set((s) => ({ byCall: { ...s.byCall, [callId]: [...(s.byCall[callId] ?? []), { id: c.id, complaintNo: c.complaintNo }] } })),
}));
