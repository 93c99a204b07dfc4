/** A Core that records calls; the core itself is tested elsewhere, here it only has to be wired. */
import { vi } from 'vitest';
import type { Core, InvokeOutcome } from '../../electron/core';
import type { ShellCore } from '../../electron/main/app';
import type { EventName } from '../../shared/api/events';

export type FakeCore = ShellCore & {
  invoke: ReturnType<typeof vi.fn<Core['invoke']>>;
  incomingCall: ReturnType<typeof vi.fn<Core['incomingCall']>>;
  close: ReturnType<typeof vi.fn<Core['close']>>;
  emit(name: EventName, payload: unknown): void;
};

export function createFakeCore(outcome: InvokeOutcome = { envelope: { ok: true, result: null } }): FakeCore {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const emit = (name: EventName, payload: unknown) => {
    for (const l of listeners) l(name, payload);
  };
  return {
    invoke: vi.fn<Core['invoke']>(async () => outcome),
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    // Like the real core: a screen pop is an event to the UI.
    incomingCall: vi.fn<Core['incomingCall']>((phone) => emit('call.incoming', { phone, rangAt: '2026-11-22T09:00:00.000Z' })),
    close: vi.fn<Core['close']>(),
    emit,
  };
}
