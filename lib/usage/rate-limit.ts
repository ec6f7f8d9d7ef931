/**
 * Requests per minute per user: a sliding-window log (the times of the admitted requests in the last
 * window). Exact, unlike a fixed window that lets 2× the limit through around a minute boundary, and
 * small: at most `limit` timestamps per active user.
 *
 * `tryAcquire` checks and records in one synchronous step, so however many requests arrive at once,
 * JavaScript's single thread admits at most `limit` of them: no await sits between the count and the
 * record for another request to slip into. State is per process (see limits.ts).
 */

export type RateDecision =
  | {
      allowed: true;
      /** Requests left in the current window after this one. */
      remaining: number;
      /** Gives the slot back (the request was refused later for another reason and called no model). */
      undo(): void;
    }
  | { allowed: false; limit: number; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Window length; default one minute. */
  windowMs?: number;
  /** Milliseconds; default Date.now. Tests pass a fake clock. */
  now?: () => number;
  /** Admission times per key, oldest first; pass one to share or inspect state. */
  state?: Map<string, number[]>;
}

/** How many acquisitions between sweeps that forget keys whose window has emptied. */
const SWEEP_EVERY = 1_000;

export class SlidingWindowRateLimiter {
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly log: Map<string, number[]>;
  private sinceSweep = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.log = options.state ?? new Map();
  }

  /** Admits one request for `key` if fewer than `limit` were admitted in the last window, and records it. */
  tryAcquire(key: string, limit: number): RateDecision {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
    const now = this.now();
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
    const times = this.live(key, now);
    if (times.length >= limit) {
      // The request that frees a slot is the (n - limit + 1)-th oldest; it leaves the window at t + windowMs.
      const freesAt = times[times.length - limit]! + this.windowMs;
      return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now) / 1000)) };
    }
    times.push(now);
    this.log.set(key, times);
    let undone = false;
    return {
      allowed: true,
      remaining: limit - times.length,
      undo: () => {
        if (undone) return;
        undone = true;
        const current = this.log.get(key);
        const at = current?.lastIndexOf(now) ?? -1;
        if (current && at >= 0) current.splice(at, 1);
      },
    };
  }

  /** Requests admitted for `key` in the current window. */
  count(key: string): number {
    return this.live(key, this.now()).length;
  }

  /** The key's times still inside the window (older ones dropped). */
  private live(key: string, now: number): number[] {
    const times = this.log.get(key) ?? [];
    const cutoff = now - this.windowMs;
    let expired = 0;
    while (expired < times.length && times[expired]! <= cutoff) expired += 1;
    if (expired > 0) times.splice(0, expired);
    return times;
  }

  /** Forgets users with nothing in their window, so the map does not grow with every user ever seen. */
  private sweep(now: number) {
    this.sinceSweep = 0;
    for (const key of [...this.log.keys()]) {
      if (this.live(key, now).length === 0) this.log.delete(key);
    }
  }
}
