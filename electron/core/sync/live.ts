import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../shared/sync/protocol';

export interface LiveHandlers {
  onChange: (seq: number) => void;
  onClose: () => void;
}

/** Reads the hub's SSE stream; returns a function that closes it. */
export function listenForChanges(baseUrl: string, token: string, h: LiveHandlers): () => void {
  const abort = new AbortController();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    h.onClose();
  };
  void (async () => {
    try {
      const res = await fetch(new URL('/sync/events', baseUrl), {
        headers: { authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION), accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || !res.body) return close();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let idx = buf.indexOf('\n\n');
        while (idx >= 0) {
          const frame = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          if (/^event: changed$/m.test(frame)) {
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            h.onChange(data ? Number((JSON.parse(data) as { seq?: number }).seq ?? 0) : 0);
          }
          idx = buf.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted or the hub went away: the engine falls back to polling and reconnects.
    }
    close();
  })();
  return () => {
    closed = true;
    abort.abort();
  };
}
