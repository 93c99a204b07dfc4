import { describe, expect, it } from 'vitest';
import { pushPlan } from '../../electron/core/sync/engine';
import { clampFutureTimes } from '../../shared/sync/protocol';

describe('push order across the users of one workstation', () => {
  it('follows local commit order, batching consecutive mutations of one client', () => {
    // The lead's save creates a callback (lead, 1), the officer completes it (officer, 1), the lead edits again (lead, 2).
    const plan = pushPlan(
      [
        { seq: 3, clientId: 'lead', id: 2 },
        { seq: 1, clientId: 'lead', id: 1 },
        { seq: 2, clientId: 'officer', id: 1 },
        { seq: 4, clientId: 'lead', id: 3 },
      ],
      500,
    );
    expect(plan).toEqual([
      { clientId: 'lead', ids: [1] },
      { clientId: 'officer', ids: [1] },
      { clientId: 'lead', ids: [2, 3] },
    ]);
  });

  it('keeps each client’s ids increasing, even when a join renumbered older mutations onto it', () => {
    // Standalone mutations (made first) were moved to the admin's client as ids 6 and 7, after its own id 5.
    const plan = pushPlan(
      [
        { seq: 10, clientId: 'admin', id: 5 },
        { seq: 2, clientId: 'admin', id: 6 },
        { seq: 3, clientId: 'admin', id: 7 },
      ],
      500,
    );
    expect(plan).toEqual([{ clientId: 'admin', ids: [5, 6, 7] }]);
  });

  it('splits long runs into batches of the maximum size', () => {
    const pending = Array.from({ length: 5 }, (_, i) => ({ seq: i, clientId: 'a', id: i + 1 }));
    expect(pushPlan(pending, 2).map((r) => r.ids)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('clock-skew clamping on the hub', () => {
  it('pulls a future "happened at" back to the hub clock, but leaves deadlines alone', () => {
    const now = new Date('2026-11-22T02:00:00.000Z');
    const args = { at: '2026-11-25T02:00:00.000Z', dueAt: '2026-11-25T02:00:00.000Z', fields: { repliedAt: '2026-12-01T00:00:00.000Z', callbackDueAt: '2026-12-01T00:00:00.000Z' } };
    expect(clampFutureTimes(args, now)).toEqual({
      at: now.toISOString(),
      dueAt: '2026-11-25T02:00:00.000Z',
      fields: { repliedAt: now.toISOString(), callbackDueAt: '2026-12-01T00:00:00.000Z' },
    });
  });
});
