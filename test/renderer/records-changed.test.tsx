import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { REFRESH_THROTTLE_MS, useRecordsChanged } from '../../renderer/src/components/useRecordsChanged';
import { fakeBridge } from './fakeBridge';

function Probe({ refresh, id }: { refresh: () => void; id?: string }) {
  useRecordsChanged(['call'], refresh, id ? { id } : {});
  return null;
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: false });
});
afterEach(() => {
  setBridgeForTests(null);
});

describe('list refresh on records.changed', () => {
  it('refreshes at once, then at most once per 500 ms however many changes a pull brings', () => {
    const fake = fakeBridge();
    const refresh = vi.fn();
    render(<Probe refresh={refresh} />);
    expect(REFRESH_THROTTLE_MS).toBe(500);

    act(() => fake.emit('records.changed', { entity: 'call', ids: ['a'] }));
    expect(refresh).toHaveBeenCalledTimes(1);
    // A big pull: 200 pages in 1.2 s.
    for (let i = 0; i < 200; i++) {
      act(() => fake.emit('records.changed', { entity: 'call', ids: [`r${i}`] }));
      act(() => vi.advanceTimersByTime(6));
    }
    // t = 0, 500, 1000 ms.
    expect(refresh).toHaveBeenCalledTimes(3);
    act(() => vi.advanceTimersByTime(REFRESH_THROTTLE_MS));
    // One trailing refresh after the burst shows its last rows; then nothing more.
    expect(refresh).toHaveBeenCalledTimes(4);
    act(() => vi.advanceTimersByTime(5000));
    expect(refresh).toHaveBeenCalledTimes(4);
  });

  it('ignores other entities and, with an id, other records', () => {
    const fake = fakeBridge();
    const all = vi.fn();
    const one = vi.fn();
    render(
      <>
        <Probe refresh={all} />
        <Probe refresh={one} id="x" />
      </>,
    );
    act(() => fake.emit('records.changed', { entity: 'customer', ids: ['x'] }));
    act(() => fake.emit('records.changed', { entity: 'settings', ids: [] }));
    expect(all).not.toHaveBeenCalled();
    act(() => fake.emit('records.changed', { entity: 'call', ids: ['y'] }));
    expect(all).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    act(() => fake.emit('records.changed', { entity: 'call', ids: ['y', 'x'] }));
    expect(one).toHaveBeenCalledTimes(1);
  });

  it('stops listening and drops a pending refresh on unmount', () => {
    const fake = fakeBridge();
    const refresh = vi.fn();
    const view = render(<Probe refresh={refresh} />);
    act(() => fake.emit('records.changed', { entity: 'call', ids: ['a'] }));
    act(() => fake.emit('records.changed', { entity: 'call', ids: ['b'] }));
    view.unmount();
    act(() => vi.advanceTimersByTime(2000));
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
