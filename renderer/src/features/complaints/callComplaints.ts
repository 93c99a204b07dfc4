import { create } from 'zustand';
import type { Complaint } from '../../../../shared/api/types';

interface CallComplaintsState {
  /** Call id → complaints registered from it on this console (the API has no lookup by call). */
  byCall: Record<string, Pick<Complaint, 'id' | 'complaintNo'>[]>;
  add(callId: string, c: Pick<Complaint, 'id' | 'complaintNo'>): void;
}

/** Keeps the link to a complaint registered from a call after the call ends and its sheet is reopened. */
export const useCallComplaints = create<CallComplaintsState>((set) => ({
  byCall: {},
  add: (callId, c) => set((s) => ({ byCall: { ...s.byCall, [callId]: [...(s.byCall[callId] ?? []), { id: c.id, complaintNo: c.complaintNo }] } })),
}));
