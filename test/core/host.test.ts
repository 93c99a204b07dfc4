import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host, startHost } from '../../electron/core/host/server';
import { ORG, PASSWORD, tmpDir } from '../helpers/core';

let host: Host;
let base: string;
let cookie = '';

async function rpc(method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hotline': '1', cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0]!;
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string } }, setCookie: set };
}

beforeAll(async () => {
  host = await startHost({ dataDir: tmpDir(), port: 0, rendererDir: '/nonexistent', logLevel: 'silent' });
  base = host.url;
});
afterAll(() => host.close());

describe('browser host bridge', () => {
  it('runs set-up and keeps the session in an HttpOnly cookie, never in the body', async () => {
    const r = await rpc('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
    expect(r.body.ok).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/token/);
    expect(r.setCookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await rpc('auth.session', {})).body).toMatchObject({ ok: true, result: { user: { username: 'admin' } } });
  });

  it('returns the same envelopes as the dispatcher for bad input, and stays up', async () => {
    expect((await rpc('calls.answer', '{"phone": ')).body).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    // Over the body budget (6 MiB: a 5 MiB import and its envelope fit).
    const big = await rpc('calls.answer', { phone: 'x'.repeat(7 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect((await rpc('no.such', {})).body).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect((await rpc('calls.answer', { phone: 5 })).body).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect((await rpc('settings.get', {})).body.ok).toBe(true);
  });

  it('refuses requests without the bridge header, from other origins, or for foreign host names', async () => {
    expect((await rpc('settings.get', {}, { 'x-hotline': '0' })).status).toBe(403);
    expect((await rpc('settings.get', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((resolve) => {
      const u = new URL(base);
      http
        .request({ host: u.hostname, port: u.port, path: '/rpc/settings.get', method: 'POST', headers: { host: 'evil.example', 'x-hotline': '1' } }, (res) =>
          resolve(res.statusCode ?? 0),
        )
        .end('{}');
    });
    expect(status).toBe(403);
  });

  it('pushes a CTI screen pop to logged-in consoles over SSE, and not to strangers', async () => {
    const anon = await fetch(`${base}/events`);
    expect(anon.status).toBe(401);
    const res = await fetch(`${base}/events`, { headers: { cookie } });
    const reader = res.body!.getReader();
    const got = (async () => {
      let text = '';
      while (!text.includes('call.incoming')) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    })();
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${base}/cti/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"number":"<b>"}' })).status).toBe(400);
    await fetch(`${base}/cti/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number: '0571-88881234' }) });
    expect(await got).toMatch(/event: call.incoming\ndata: \{"phone":"0571-88881234","rangAt":"/);
    await reader.cancel();
  });

  it('logs out by clearing the cookie', async () => {
    const r = await rpc('auth.logout', {});
    expect(r.setCookie).toMatch(/Max-Age=0/);
    expect((await rpc('settings.get', {})).body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
