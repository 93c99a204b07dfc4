import { describe, expect, it } from 'vitest';
import { SteppedSort } from '../../electron/core/store/steppedSort';

/** The full export sorts 200k matches in slices between requests: the slices must add up to one stable sort. */
describe('SteppedSort', () => {
  // A fixed pseudo-random sequence, so that a failure can be replayed.
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it.each([0, 1, 2, 2047, 2048, 2049, 5000, 20_000])('sorts %i items the same as one sort, in any budget, stably', (n) => {
    // Few distinct keys, so that stability shows: items with equal keys keep their order.
    const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 50), at: i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    for (const budget of [1, 7, 1000, 1_000_000]) {
      const s = new SteppedSort([...items], (a, b) => a.key - b.key);
      let steps = 0;
      while (!s.step(budget)) steps++;
      expect(s.sorted, `${n} items, budget ${budget}`).toEqual(expected);
      // A small budget takes many steps: the work is sliced, not done in the first call.
      if (budget === 1000 && n > 4096) expect(steps).toBeGreaterThan(n / 1000);
    }
  });
});
