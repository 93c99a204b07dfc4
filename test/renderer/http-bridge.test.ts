import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../renderer/src/bridge/http';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Enough of EventSource to drive the shim: named listeners, readyState, close. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  listeners = new Map<string, ((ev: MessageEvent | Event) => void)[]>();
  closed = false;
  constructor(
    public url: string,
    public init?: EventSourceInit,
  ) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, cb: (ev: MessageEvent | Event) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), cb]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(name: string, data: string) {
    for (const cb of this.listeners.get(name) ?? []) cb(new MessageEvent(name, { data }));
  }
  fail() {
    this.readyState = 2;
    for (const cb of this.listeners.get('error') ?? []) cb(new Event('error'));
  }
}

const ES = FakeEventSource as unknown as typeof EventSource;

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HTTP bridge: invoke', () => {
  it('posts the params as JSON to /rpc/<method> with the x-hotline header and the cookie', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, result: { needsSetup: false } }));
    const bridge = createHttpBridge({ fetch, EventSource: ES });
    const res = await bridge.invoke('customers.lookup', { phone: '0571-8888 1234' });
    expect(res).toEqual({ ok: true, result: { needsSetup: false } });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/rpc/customers.lookup');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-hotline': '1' });
    expect(JSON.parse(String(init.body))).toEqual({ phone: '0571-8888 1234' });
  });

  it('sends {} when there are no params', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, result: null }));
    await createHttpBridge({ fetch, EventSource: ES }).invoke('auth.session', undefined);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{}');
  });

  it('passes an error envelope through even when it comes with a 4xx status', async () => {
    const envelope = { ok: false, error: { code: 'unauthenticated', message: 'no session' } };
    const fetch = vi.fn(async () => jsonResponse(envelope, 401));
    expect(await createHttpBridge({ fetch, EventSource: ES }).invoke('calls.list', {})).toEqual(envelope);
  });

  it('turns a network failure into an internal error envelope instead of throwing', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const res = (await createHttpBridge({ fetch, EventSource: ES }).invoke('calls.list', {})) as { ok: boolean; error: { code: string; message: string } };
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('internal');
    expect(res.error.message).toContain('Failed to fetch');
  });

  it('turns a non-JSON answer (proxy error page) into an internal error', async () => {
    const fetch = vi.fn(async () => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    const res = (await createHttpBridge({ fetch, EventSource: ES }).invoke('calls.list', {})) as { ok: boolean; error: { code: string; message: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(res.error.message).toContain('502');
  });

  it('refuses JSON that is not an envelope', async () => {
    const fetch = vi.fn(async () => jsonResponse({ hello: 'world' }));
    expect(await createHttpBridge({ fetch, EventSource: ES }).invoke('calls.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('HTTP bridge: events', () => {
  it('delivers named server-sent events as parsed payloads and stops after unsubscribe', async () => {
    const bridge = createHttpBridge({ fetch: vi.fn(), EventSource: ES });
    const got: unknown[] = [];
    const off = bridge.on('call.incoming', (p) => got.push(p));
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toBe('/events');
    es.emit('call.incoming', JSON.stringify({ phone: '13800138000', rangAt: '2026-11-22T08:00:00.000Z' }));
    es.emit('records.changed', JSON.stringify({ entity: 'call', ids: [] })); // nobody listens
    es.emit('call.incoming', '{not json'); // ignored, not thrown
    off();
    es.emit('call.incoming', JSON.stringify({ phone: '1', rangAt: 'x' }));
    expect(got).toEqual([{ phone: '13800138000', rangAt: '2026-11-22T08:00:00.000Z' }]);
  });

  it('shares one stream between listeners', () => {
    const bridge = createHttpBridge({ fetch: vi.fn(), EventSource: ES });
    bridge.on('call.incoming', () => {});
    bridge.on('session.ended', () => {});
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('reopens a stream the server closed (401 before login), with a delay', () => {
    vi.useFakeTimers();
    const bridge = createHttpBridge({ fetch: vi.fn(), EventSource: ES, retryDelaysMs: [1000] });
    bridge.on('records.changed', () => {});
    FakeEventSource.instances[0]!.fail();
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('reconnects at once after a successful login, so the new cookie authorises the stream', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, result: { user: {} } }));
    const bridge = createHttpBridge({ fetch, EventSource: ES });
    bridge.on('session.ended', () => {});
    await bridge.invoke('auth.login', { username: 'a', password: 'b' });
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
  });
});
