/**
 * Failed logins per (client IP, username) in a sliding window. Failures only: a user who types the
 * password right is never slowed down, a guesser is stopped after `max` tries. In memory, so a
 * restart forgets it — acceptable, scrypt already costs ~50 ms per guess.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before the next attempt, or 0 when one is allowed. */
  retryAfter(key: string): number {
    const list = this.recent(key);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max]! + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
    if (this.failures.size > 50_000) this.sweep();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Bounds memory under a spray of usernames. */
  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
