import { describe, expect, it, vi } from 'vitest';
import { EventRelay, MAX_HELD } from '../../electron/main/event-relay';
import { createInvokeHandler, createListeningHandler, type IpcSenderEvent, isMethodName } from '../../electron/main/ipc';
import { SessionTokens } from '../../electron/main/session-tokens';
import { MAX_METHOD_LENGTH } from '../../shared/api/ipc';
import { createFakeCore } from './fake-core';

function senderEvent(id: number, trusted = true): IpcSenderEvent & { trusted: boolean } {
  return { sender: { id }, senderFrame: null, trusted } as unknown as IpcSenderEvent & { trusted: boolean };
}

function setup(outcome?: Parameters<typeof createFakeCore>[0]) {
  const core = createFakeCore(outcome);
  const tokens = new SessionTokens();
  const relay = new EventRelay();
  const isTrustedSender = (e: IpcSenderEvent) => (e as { trusted?: boolean }).trusted === true;
  const handler = createInvokeHandler({ core, tokens, relay, isTrustedSender, logError: () => {} });
  return { core, tokens, relay, handler };
}

describe('invoke handler', () => {
  it('passes no token before login, then stores the token a login returns', async () => {
    const { core, tokens, handler } = setup({ envelope: { ok: true, result: { userId: 'u1' } }, token: 'tok-1' });
    const envelope = await handler(senderEvent(7), 'auth.login', { username: 'agent1', password: 'x' });
    expect(core.invoke).toHaveBeenCalledWith(null, 'auth.login', { username: 'agent1', password: 'x' });
    expect(envelope).toEqual({ ok: true, result: { userId: 'u1' } });
    expect(tokens.get(7)).toBe('tok-1');
  });

  it('passes the stored token on later calls and never returns it to the page', async () => {
    const { core, tokens, handler } = setup();
    tokens.apply(7, 'tok-1');
    const envelope = await handler(senderEvent(7), 'calls.save', { id: 'c1' });
    expect(core.invoke).toHaveBeenCalledWith('tok-1', 'calls.save', { id: 'c1' });
    expect(JSON.stringify(envelope)).not.toContain('tok-1');
    expect(tokens.get(7)).toBe('tok-1');
  });

  it('keeps tokens per window', async () => {
    const { core, tokens, handler } = setup();
    tokens.apply(7, 'tok-7');
    await handler(senderEvent(8), 'calls.save', {});
    expect(core.invoke).toHaveBeenCalledWith(null, 'calls.save', {});
  });

  it('clears the token when the outcome says null (logout, expiry)', async () => {
    const { tokens, handler } = setup({ envelope: { ok: true, result: null }, token: null });
    tokens.apply(7, 'tok-1');
    await handler(senderEvent(7), 'auth.logout', {});
    expect(tokens.get(7)).toBeNull();
  });

  it('refuses params over the size or depth budget without forwarding them to the core', async () => {
    const { core, handler } = setup();
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(await handler(senderEvent(7), 'drafts.save', { key: 'call:x', payload: deep })).toMatchObject({ ok: false, error: { code: 'too_deep' } });
    const big = { key: 'call:x', payload: { content: 'x'.repeat(7 * 1024 * 1024) } };
    expect(await handler(senderEvent(7), 'drafts.save', big)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('rejects a sender that is not the app window, without calling the core', async () => {
    const { core, tokens, handler } = setup();
    tokens.apply(7, 'tok-1');
    const envelope = await handler(senderEvent(7, false), 'calls.save', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it.each<[unknown, string]>([
    [42, 'a number'],
    [null, 'null'],
    ['', 'empty'],
    ['a'.repeat(MAX_METHOD_LENGTH + 1), 'overlong'],
    ['__proto__', 'prototype key'],
    ['calls..save', 'empty segment'],
    ['calls.save; drop', 'spaces and punctuation'],
  ])('rejects method %j (%s) as unknown_method', async (method) => {
    const { core, handler } = setup();
    const envelope = await handler(senderEvent(7), method, {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('turns a core exception into an internal error envelope, keeping the token', async () => {
    const { core, tokens, handler } = setup();
    tokens.apply(7, 'tok-1');
    core.invoke.mockRejectedValueOnce(new Error('disk I/O error at /secret/path'));
    const envelope = await handler(senderEvent(7), 'calls.save', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(tokens.get(7)).toBe('tok-1');
  });

  it('accepts the method names of the contract', () => {
    for (const m of ['calls.save', 'complaints.transition', 'tracking.query', 'auth.login', 'ping']) {
      expect(isMethodName(m)).toBe(true);
    }
    expect(isMethodName('a'.repeat(MAX_METHOD_LENGTH))).toBe(true);
  });
});

describe('EventRelay', () => {
  it('sends only to windows listening for the event', () => {
    const relay = new EventRelay();
    const a = vi.fn();
    const b = vi.fn();
    relay.attach(1, a);
    relay.attach(2, b);
    relay.markListening(1, 'records.changed');
    relay.publish('records.changed', { entity: 'call', ids: ['c1'] });
    expect(a).toHaveBeenCalledWith('records.changed', { entity: 'call', ids: ['c1'] });
    expect(b).not.toHaveBeenCalled();
  });

  it('holds a screen pop until the page listens, then delivers it once', () => {
    const relay = new EventRelay();
    const send = vi.fn();
    relay.attach(1, send);
    relay.publish('call.incoming', { phone: '13800138000', rangAt: 't' });
    relay.publish('records.changed', { entity: 'call', ids: [] });
    expect(send).not.toHaveBeenCalled();
    relay.markListening(1, 'call.incoming');
    relay.markListening(1, 'call.incoming');
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('call.incoming', { phone: '13800138000', rangAt: 't' });
    expect(relay.heldCount).toBe(0);
  });

  it('holds pops that arrive before any window exists', () => {
    const relay = new EventRelay();
    relay.publish('call.incoming', { phone: '110', rangAt: 't' });
    const send = vi.fn();
    relay.attach(1, send);
    relay.markListening(1, 'call.incoming');
    expect(send).toHaveBeenCalledWith('call.incoming', { phone: '110', rangAt: 't' });
  });

  it(`keeps only the latest ${MAX_HELD} held pops`, () => {
    const relay = new EventRelay();
    for (let i = 0; i < MAX_HELD + 3; i++) relay.publish('call.incoming', { phone: `call-${i}`, rangAt: 't' });
    expect(relay.heldCount).toBe(MAX_HELD);
    const send = vi.fn();
    relay.attach(1, send);
    relay.markListening(1, 'call.incoming');
    const phones = send.mock.calls.map((c) => (c[1] as { phone: string }).phone);
    expect(phones).toEqual(['call-3', 'call-4', 'call-5', 'call-6', 'call-7']);
  });

  it('forgets subscriptions when the page reloads, and stops sending to detached windows', () => {
    const relay = new EventRelay();
    const send = vi.fn();
    relay.attach(1, send);
    relay.markListening(1, 'call.incoming');
    relay.resetListening(1);
    relay.publish('call.incoming', { phone: '110', rangAt: 't' });
    expect(send).not.toHaveBeenCalled();
    relay.markListening(1, 'call.incoming');
    expect(send).toHaveBeenCalledTimes(1);
    relay.detach(1);
    relay.publish('records.changed', { entity: 'call', ids: [] });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('listening handler', () => {
  it('marks known events from trusted senders only', () => {
    const relay = new EventRelay();
    const send = vi.fn();
    relay.attach(7, send);
    const handler = createListeningHandler({ relay, isTrustedSender: (e) => (e as { trusted?: boolean }).trusted === true });
    handler(senderEvent(7, false), 'records.changed');
    handler(senderEvent(7), 'not.an.event');
    relay.publish('records.changed', { entity: 'call', ids: [] });
    expect(send).not.toHaveBeenCalled();
    handler(senderEvent(7), 'records.changed');
    relay.publish('records.changed', { entity: 'call', ids: [] });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
