import { useEffect, useRef } from 'react';
import type { Events } from '../../../shared/api/events';
import { onEvent } from '../api/client';

type Entity = Events['records.changed']['entity'];

/** At most one refresh per this many ms, however fast `records.changed` arrives (a big pull). */
export const REFRESH_THROTTLE_MS = 500;

/**
 * Calls `refresh` when `records.changed` reports one of `entities` (and, with `ids`, one of those
 * records). Throttled with leading and trailing calls: the first change refreshes at once (an
 * agent's own save shows immediately), a burst costs one more refresh at its end, never more
 * than one per `ms`. `refresh` is read from a ref, so a new closure does not resubscribe.
 */
export function subscribeThrottled(match: (e: Events['records.changed']) => boolean, refresh: () => void, ms = REFRESH_THROTTLE_MS): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = Date.now();
    refresh();
  };
  const off = onEvent('records.changed', (e) => {
    if (!match(e) || timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}

export function useRecordsChanged(entities: readonly Entity[], refresh: () => void, opts: { id?: string; ms?: number } = {}): void {
  const fn = useRef(refresh);
  useEffect(() => {
    fn.current = refresh;
  });
  const key = entities.join(',');
  const { id, ms } = opts;
  useEffect(() => {
    const wanted = key.split(',');
    return subscribeThrottled(
      (e) => wanted.includes(e.entity) && (!id || e.ids.includes(id)),
      () => fn.current(),
      ms,
    );
  }, [key, id, ms]);
}
