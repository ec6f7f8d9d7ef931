import { describe, expect, it } from "vitest";
import { SlidingWindowRateLimiter } from "@/lib/usage/rate-limit";

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("SlidingWindowRateLimiter", () => {
  it("admits up to the limit in a window, then refuses with the seconds until the oldest request leaves it", () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter({ now: clock.now });
    expect(limiter.tryAcquire("u", 3)).toMatchObject({ allowed: true, remaining: 2 });
    clock.advance(10_000);
    expect(limiter.tryAcquire("u", 3)).toMatchObject({ allowed: true, remaining: 1 });
    clock.advance(10_000);
    expect(limiter.tryAcquire("u", 3)).toMatchObject({ allowed: true, remaining: 0 });
    clock.advance(10_000); // t = 30 s: the first request leaves the window at 60 s
    expect(limiter.tryAcquire("u", 3)).toEqual({ allowed: false, limit: 3, retryAfterSeconds: 30 });
    clock.advance(29_500);
    expect(limiter.tryAcquire("u", 3)).toEqual({ allowed: false, limit: 3, retryAfterSeconds: 1 });
    clock.advance(500); // exactly one window after the first request
    expect(limiter.tryAcquire("u", 3)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.tryAcquire("u", 3)).toEqual({ allowed: false, limit: 3, retryAfterSeconds: 10 });
  });

  it("slides: no burst of twice the limit around a minute boundary", () => {
    const clock = fakeClock(59_000); // one second before a "minute" boundary
    const limiter = new SlidingWindowRateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i += 1) expect(limiter.tryAcquire("u", 5).allowed).toBe(true);
    clock.advance(2_000);
    expect(limiter.tryAcquire("u", 5)).toEqual({ allowed: false, limit: 5, retryAfterSeconds: 58 });
  });

  it("keeps users apart", () => {
    const limiter = new SlidingWindowRateLimiter({ now: fakeClock().now });
    expect(limiter.tryAcquire("a", 1).allowed).toBe(true);
    expect(limiter.tryAcquire("a", 1).allowed).toBe(false);
    expect(limiter.tryAcquire("b", 1).allowed).toBe(true);
  });

  it("undo gives the slot back, once", () => {
    const limiter = new SlidingWindowRateLimiter({ now: fakeClock().now });
    const first = limiter.tryAcquire("u", 2);
    const second = limiter.tryAcquire("u", 2);
    expect(limiter.tryAcquire("u", 2).allowed).toBe(false);
    if (!second.allowed || !first.allowed) throw new Error("expected admissions");
    second.undo();
    second.undo();
    expect(limiter.count("u")).toBe(1);
    expect(limiter.tryAcquire("u", 2).allowed).toBe(true);
    expect(limiter.tryAcquire("u", 2).allowed).toBe(false);
  });

  it("applies a lowered limit at once", () => {
    const limiter = new SlidingWindowRateLimiter({ now: fakeClock().now });
    for (let i = 0; i < 4; i += 1) limiter.tryAcquire("u", 10);
    expect(limiter.tryAcquire("u", 3)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });

  it("admits at most the limit out of 50 concurrent requests", async () => {
    const limiter = new SlidingWindowRateLimiter({ now: fakeClock().now });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        // Interleave like request handlers do: each awaits something before and after the check.
        await new Promise((resolve) => setTimeout(resolve, i % 7));
        const decision = limiter.tryAcquire("u", 10);
        await Promise.resolve();
        return decision.allowed;
      }),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(10);
    expect(limiter.count("u")).toBe(10);
  });

  it("forgets users whose window emptied", () => {
    const clock = fakeClock();
    const state = new Map<string, number[]>();
    const limiter = new SlidingWindowRateLimiter({ now: clock.now, state });
    for (let i = 0; i < 500; i += 1) limiter.tryAcquire(`user-${i}`, 5);
    clock.advance(61_000);
    for (let i = 0; i < 500; i += 1) limiter.tryAcquire("busy", 1_000);
    expect([...state.keys()]).toEqual(["busy"]);
  });

  it("refuses a limit that is not a positive integer", () => {
    const limiter = new SlidingWindowRateLimiter();
    expect(() => limiter.tryAcquire("u", 0)).toThrow(RangeError);
    expect(() => limiter.tryAcquire("u", 1.5)).toThrow(RangeError);
  });
});
