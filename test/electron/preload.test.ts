import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotlineBridge } from '../../shared/api/events';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

import type { FakeElectronHandle } from './fake-electron';

let fake: FakeElectronHandle['__fake'];
let bridge: HotlineBridge;

/** Each test gets a freshly evaluated preload, as each page load does. */
beforeEach(async () => {
  vi.resetModules();
  const handle = (await import('electron')) as unknown as FakeElectronHandle;
  handle.__reset();
  fake = handle.__fake;
  await import('../../electron/preload/preload');
  bridge = fake.exposed.get('hotline') as HotlineBridge;
});

function fromMain(name: unknown, payload: unknown) {
  fake.ipcRenderer.emit('hotline:event', { sender: 'ipcRenderer-handle' }, name, payload);
}

describe('preload', () => {
  it('exposes exactly invoke and on, under window.hotline only', () => {
    expect([...fake.exposed.keys()]).toEqual(['hotline']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke goes through the one invoke channel and returns what main answered', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { id: 'c1' } });
    await expect(bridge.invoke('calls.save', { notes: '投诉' })).resolves.toEqual({ ok: true, result: { id: 'c1' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('hotline:invoke', 'calls.save', { notes: '投诉' });
  });

  it('on delivers the payload only, never the IPC event (it carries ipcRenderer)', () => {
    const cb = vi.fn();
    bridge.on('call.incoming', cb);
    fromMain('call.incoming', { phone: '13800138000', rangAt: 't' });
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb.mock.calls[0]).toEqual([{ phone: '13800138000', rangAt: 't' }]);
  });

  it('tells main once per event that the page listens', () => {
    bridge.on('call.incoming', () => {});
    bridge.on('call.incoming', () => {});
    bridge.on('records.changed', () => {});
    expect(fake.ipcRenderer.send.mock.calls).toEqual([
      ['hotline:listening', 'call.incoming'],
      ['hotline:listening', 'records.changed'],
    ]);
  });

  it('ignores subscriptions to unknown events', () => {
    const cb = vi.fn();
    const off = (bridge.on as (e: string, cb: () => void) => () => void)('shell.exec', cb);
    fromMain('shell.exec', 'rm -rf /');
    expect(cb).not.toHaveBeenCalled();
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
    expect(typeof off).toBe('function');
    off();
  });

  it('drops unknown event names coming from main', () => {
    const cb = vi.fn();
    bridge.on('records.changed', cb);
    fromMain('records.changed.extra', {});
    fromMain(42, {});
    expect(cb).not.toHaveBeenCalled();
  });

  it('routes each event to its own subscribers', () => {
    const calls = vi.fn();
    const records = vi.fn();
    bridge.on('call.incoming', calls);
    bridge.on('records.changed', records);
    fromMain('records.changed', { entity: 'call', ids: ['c1'] });
    expect(records).toHaveBeenCalledTimes(1);
    expect(calls).not.toHaveBeenCalled();
  });

  it('unsubscribes only the one subscription', () => {
    const cb = vi.fn();
    const off1 = bridge.on('records.changed', cb);
    bridge.on('records.changed', cb);
    off1();
    fromMain('records.changed', { entity: 'call', ids: [] });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to others when one subscriber throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    bridge.on('call.incoming', () => {
      throw new Error('broken widget');
    });
    bridge.on('call.incoming', good);
    fromMain('call.incoming', { phone: '110', rangAt: 't' });
    expect(good).toHaveBeenCalledTimes(1);
  });

  it('ignores a non-function callback', () => {
    const off = (bridge.on as (e: string, cb: unknown) => () => void)('call.incoming', 'alert(1)');
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
    expect(() => fromMain('call.incoming', {})).not.toThrow();
    off();
  });
});
