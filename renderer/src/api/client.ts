import type { MethodName, ParamsOf, ResultOf } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';
import type { EventName, Events } from '../../../shared/api/events';
import { getBridge } from '../bridge';
import { internalError } from '../bridge/http';

/**
 * The typed client. It never throws: a broken transport becomes an `internal` envelope, so every
 * caller handles exactly one shape (errors are data, docs/architecture.md).
 */
export async function call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<Envelope<ResultOf<M>>> {
  try {
    const res = await getBridge().invoke(method, params);
    if (res && typeof res === 'object' && 'ok' in res) return res as Envelope<ResultOf<M>>;
    return internalError('bridge returned something that is not an envelope');
  } catch (e) {
    return internalError(e instanceof Error ? e.message : String(e));
  }
}

/** Subscribe to a pushed event; returns the unsubscribe function (use it as an effect cleanup). */
export function onEvent<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
  try {
    return getBridge().on(event, cb);
  } catch {
    return () => {};
  }
}
