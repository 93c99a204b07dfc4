import { create } from 'zustand';
import type { ApiError } from '../../../../shared/api/envelope';
import type { CallRecord, Customer, Draft, LookupResult } from '../../../../shared/api/types';
import { call } from '../../api/client';

/** Survives a crash or reload so an interrupted call reopens with its draft. */
const ACTIVE_KEY = 'hotline.activeCall';

interface Ringing {
  phone: string;
  rangAt: string;
}

interface ActiveCallState {
  ringing: Ringing | null;
  lookup: LookupResult | null;
  /** The number the current lookup is for; a late answer for an older number is dropped. */
  lookupPhone: string | null;
  record: CallRecord | null;
  /** Draft found when resuming an interrupted call. */
  resumeDraft: Draft | null;
  lastEnded: { id: string; recordNo: string } | null;
  answering: boolean;

  ring(phone: string, rangAt: string): void;
  lookupNumber(phone: string, force?: boolean): Promise<void>;
  clearLookup(): void;
  dismissRinging(): void;
  /** A customer just created for this number becomes its match without a new lookup. */
  addMatch(c: Customer): void;
  answer(phone: string): Promise<{ ok: true } | { ok: false; error: ApiError }>;
  setRecord(r: CallRecord): void;
  finish(r: CallRecord): void;
  resume(userId: string): Promise<CallRecord | null>;
  reset(): void;
}

function remember(id: string | null): void {
  try {
    if (id) localStorage.setItem(ACTIVE_KEY, id);
    else localStorage.removeItem(ACTIVE_KEY);
  } catch {
    // Without storage only crash recovery is lost; the record itself is in the store.
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(ACTIVE_KEY);
  } catch {
    return null;
  }
}

export const useActiveCall = create<ActiveCallState>((set, get) => ({
  ringing: null,
  lookup: null,
  lookupPhone: null,
  record: null,
  resumeDraft: null,
  lastEnded: null,
  answering: false,

  ring(phone, rangAt) {
    set({ ringing: { phone, rangAt } });
    // Screen pop starts with the ring, not with the answer: the agent reads it while picking up.
    void get().lookupNumber(phone);
  },

  async lookupNumber(phone, force = false) {
    const p = phone.trim();
    if (!p) return;
    if (!force && get().lookupPhone === p && get().lookup) return;
    set({ lookupPhone: p });
    const res = await call('customers.lookup', { phone: p });
    if (get().lookupPhone !== p) return;
    set({ lookup: res.ok ? res.result : null });
  },

  clearLookup() {
    if (!get().record) set({ lookup: null, lookupPhone: null });
  },

  dismissRinging() {
    set({ ringing: null });
    if (!get().record) set({ lookup: null, lookupPhone: null });
  },

  addMatch(c) {
    const lookup = get().lookup;
    if (lookup && !lookup.matches.some((m) => m.customer.id === c.id))
      set({ lookup: { ...lookup, matches: [...lookup.matches, { customer: c, recentCalls: [] }] } });
  },

  async answer(phone) {
    const p = phone.trim();
    const { ringing, lookup, lookupPhone, answering, record } = get();
    if (answering || record) return { ok: true };
    set({ answering: true });
    // The ring time only belongs to this answer if it is the number that rang.
    const rangAt = ringing && (!p || ringing.phone === p) ? ringing.rangAt : undefined;
    const number = p || ringing?.phone || '';
    // Look up before creating the record, so the repeat-caller count is about earlier calls only.
    if (number && (lookupPhone !== number || !lookup)) await get().lookupNumber(number);
    const found = get().lookupPhone === number ? get().lookup : null;
    // One known customer for the number: link it at once; several: the agent picks in the pop.
    const only = found && found.matches.length === 1 ? found.matches[0]?.customer.id : undefined;
    const res = await call('calls.answer', { phone: number, ...(rangAt ? { rangAt } : {}), ...(only ? { customerId: only } : {}) });
    if (!res.ok) {
      set({ answering: false });
      return res;
    }
    remember(res.result.id);
    set({ answering: false, ringing: null, record: res.result, resumeDraft: null });
    return { ok: true };
  },

  setRecord(r) {
    if (get().record?.id === r.id) set({ record: r });
  },

  finish(r) {
    remember(null);
    set({ record: null, resumeDraft: null, lookup: null, lookupPhone: null, lastEnded: { id: r.id, recordNo: r.recordNo } });
  },

  async resume(userId) {
    const id = remembered();
    if (!id || get().record) return null;
    const res = await call('calls.get', { id });
    if (!res.ok || res.result.record.endedAt || res.result.record.voided || res.result.record.agentId !== userId) {
      // Someone else's unfinished call stays in the list for them; it is not ours to resume.
      if (!res.ok || res.result.record.agentId === userId) remember(null);
      return null;
    }
    set({ record: res.result.record, resumeDraft: res.result.draft });
    void get().lookupNumber(res.result.record.phone);
    return res.result.record;
  },

  reset() {
    // Signing out leaves the remembered id: the same agent signing back in resumes the call.
    set({ ringing: null, lookup: null, lookupPhone: null, record: null, resumeDraft: null, lastEnded: null, answering: false });
  },
}));
