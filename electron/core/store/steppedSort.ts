/**
 * A merge sort that can stop and go on: each `step(budget)` moves about `budget` items, so that sorting
 * 200k rows (over a second in one go with text keys) is done in slices between other requests. Stable.
 * Runs of RUN items are sorted by the engine first; then runs are merged pairwise, pass after pass.
 */
const RUN = 2048;

export class SteppedSort<T> {
  private src: T[];
  private dst: T[];
  /** 0 while the runs are being sorted; then the width of the runs being merged. */
  private width = 0;
  /** Where the current run (sorting) or pair (merging) starts, and the merge's three positions. */
  private lo = 0;
  private left = -1;
  private right = 0;
  private out = 0;

  constructor(
    items: T[],
    private readonly cmp: (a: T, b: T) => number,
  ) {
    this.src = items;
    this.dst = new Array<T>(items.length);
  }

  /** Sorts a little further; true when done (then `sorted` holds the items in order). */
  step(budget: number): boolean {
    const n = this.src.length;
    let moved = 0;
    while (moved < budget) {
      if (this.width === 0) {
        if (this.lo >= n) {
          this.width = RUN;
          this.lo = 0;
          continue;
        }
        const end = Math.min(n, this.lo + RUN);
        const part = this.src.slice(this.lo, end).sort(this.cmp);
        for (let i = 0; i < part.length; i++) this.src[this.lo + i] = part[i]!;
        moved += part.length;
        this.lo = end;
        continue;
      }
      if (this.width >= n) return true;
      if (this.lo >= n) {
        // A pass is over: the merged runs become the source of the next, twice as wide.
        [this.src, this.dst] = [this.dst, this.src];
        this.width *= 2;
        this.lo = 0;
        continue;
      }
      const mid = Math.min(n, this.lo + this.width);
      const hi = Math.min(n, this.lo + 2 * this.width);
      if (this.left < 0) {
        this.left = this.lo;
        this.right = mid;
        this.out = this.lo;
      }
      const { src, dst, cmp } = this;
      let { left, right, out } = this;
      const stop = Math.min(hi, out + (budget - moved));
      while (out < stop) {
        if (left < mid && (right >= hi || cmp(src[left]!, src[right]!) <= 0)) dst[out++] = src[left++]!;
        else dst[out++] = src[right++]!;
      }
      moved += out - this.out;
      this.left = left;
      this.right = right;
      this.out = out;
      if (out >= hi) {
        this.lo = hi;
        this.left = -1;
      }
    }
    return this.width >= n && this.width !== 0;
  }

  get sorted(): T[] {
    return this.src;
  }
}
