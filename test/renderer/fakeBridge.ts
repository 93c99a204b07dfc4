import type { EventName, Events, HotlineBridge } from '../../shared/api/events';
import { setBridgeForTests } from '../../renderer/src/bridge';

type Handler = (params: Record<string, unknown>) => unknown;

/**
 * A stand-in for window.hotline: answers from per-method handlers (ok envelopes by default),
 * records every invoke, and lets a test push events.
 */
export function fakeBridge(handlers: Record<string, Handler> = {}) {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bridge: HotlineBridge = {
    async invoke(method, params) {
      const p = (params ?? {}) as Record<string, unknown>;
      calls.push({ method, params: p });
      const h = handlers[method];
      return h ? h(p) : { ok: true, result: {} };
    },
    on<E extends EventName>(event: E, cb: (payload: Events[E]) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = cb as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
  window.hotline = bridge;
  setBridgeForTests(bridge);
  return {
    bridge,
    calls,
    of: (method: string) => calls.filter((c) => c.method === method),
    emit<E extends EventName>(event: E, payload: Events[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}
