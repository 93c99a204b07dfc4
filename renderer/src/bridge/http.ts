import type { Envelope } from '../../../shared/api/envelope';
import { EVENT_NAMES, type EventName, type Events, type HotlineBridge } from '../../../shared/api/events';

/**
 * The browser host's stand-in for the Electron preload. Same interface, so nothing above this file
 * knows which transport it runs on. The session lives in an HttpOnly cookie set by the host: this
 * code never sees a token, which is the point.
 */
export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Prefix for /rpc and /events; empty when served by the host itself. */
  base?: string;
  /** Reconnect delays for the event stream, growing to the last value. */
  retryDelaysMs?: number[];
}

type Listener = (payload: unknown) => void;

/** Methods after which the cookie changes, so the event stream must reconnect to be authorised. */
const SESSION_METHODS = new Set(['auth.login', 'auth.logout', 'setup.initialize']);

export function internalError(message: string): Envelope<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (o.ok === true) return 'result' in o;
  if (o.ok === false) return !!o.error && typeof o.error === 'object' && typeof (o.error as Record<string, unknown>).code === 'string';
  return false;
}

export function createHttpBridge(options: HttpBridgeOptions = {}): HotlineBridge {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const ES = options.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
  const base = options.base ?? '';
  const delays = options.retryDelaysMs ?? [1000, 2000, 5000, 10000];
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  let retry = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function openStream(): void {
    if (!ES || source) return;
    const es = new ES(`${base}/events`, { withCredentials: true });
    source = es;
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (ev) => {
        const data = (ev as MessageEvent).data;
        let payload: unknown;
        try {
          payload = typeof data === 'string' && data ? JSON.parse(data) : {};
        } catch {
          return; // A malformed frame must not take the whole stream down.
        }
        for (const cb of listeners.get(name) ?? []) cb(payload);
      });
    }
    es.addEventListener('open', () => {
      retry = 0;
    });
    es.addEventListener('error', () => {
      // EventSource retries by itself while CONNECTING; once CLOSED (e.g. 401 before login) it never
      // does again, so we reopen with a backoff as long as anyone still listens.
      if (es.readyState !== 2) return;
      es.close();
      if (source === es) source = null;
      scheduleReopen();
    });
  }

  function scheduleReopen(): void {
    if (retryTimer || !hasListeners()) return;
    const delay = delays[Math.min(retry, delays.length - 1)] ?? 5000;
    retry += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (hasListeners()) openStream();
    }, delay);
  }

  function reconnect(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    retry = 0;
    if (hasListeners()) openStream();
  }

  function hasListeners(): boolean {
    for (const set of listeners.values()) if (set.size) return true;
    return false;
  }

  async function invoke(method: string, params: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${base}/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        // x-hotline: a custom header forces a CORS preflight, so another site cannot post here.
        headers: { 'content-type': 'application/json', 'x-hotline': '1' },
        body: JSON.stringify(params ?? {}),
        credentials: 'same-origin',
      });
    } catch (e) {
      return internalError(`network error: ${e instanceof Error ? e.message : String(e)}`);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return internalError(`HTTP ${res.status}: response is not JSON`);
    }
    // Error envelopes may come with 4xx statuses; the envelope, not the status, is the answer.
    if (!isEnvelope(body)) return internalError(`HTTP ${res.status}: response is not an envelope`);
    if (SESSION_METHODS.has(method) && body.ok) reconnect();
    return body;
  }

  function on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    const listener = cb as Listener;
    set.add(listener);
    openStream();
    return () => {
      set.delete(listener);
    };
  }

  return { invoke, on };
}
