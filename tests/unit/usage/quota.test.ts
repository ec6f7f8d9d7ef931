import { describe, expect, it } from "vitest";
import { KeyedMutex, QuotaGate, quotaError, type QuotaDecision } from "@/lib/usage/quota";

const NOV_15 = Date.UTC(2026, 10, 15, 12, 0, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in for llm_calls: a running total a request adds to before it releases. */
function ledger(initial = 0) {
  const state = { used: initial, reads: [] as Date[] };
  return {
    state,
    read: async (since: Date) => {
      state.reads.push(since);
      await sleep(Math.random() * 3); // a database round trip, so admissions really interleave
      return state.used;
    },
  };
}

function refused(decision: QuotaDecision) {
  if (decision.allowed) throw new Error("expected a refusal");
  return decision;
}

describe("QuotaGate", () => {
  it("reads tokens from the 1st of the month (UTC) and admits below the quota", async () => {
    const book = ledger(10_000);
    const gate = new QuotaGate({ now: () => NOV_15 });
    const decision = await gate.admit("u", 100_000, book.read);
    expect(decision).toMatchObject({ allowed: true, used: 10_000 });
    expect(book.state.reads[0]).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(gate.inFlight("u")).toBe(1);
    if (decision.allowed) decision.release();
    expect(gate.inFlight("u")).toBe(0);
  });

  it("refuses at the quota, with the tokens used, the limit and the reset in the message", async () => {
    const gate = new QuotaGate({ now: () => NOV_15 });
    const decision = refused(await gate.admit("u", 2_000_000, ledger(2_013_450).read));
    expect(decision.reason).toBe("exhausted");
    // Until 1 December 00:00 UTC: 15.5 days.
    expect(decision.retryAfterSeconds).toBe(15.5 * 86_400);
    const error = quotaError(decision);
    expect(error.status).toBe(429);
    expect(error.code).toBe("quota_exceeded");
    expect(error.retryAfterSeconds).toBe(15.5 * 86_400);
    expect(error.message).toBe(
      "Monthly token quota reached: you have used 2,013,450 of your 2,000,000 model tokens this month. " +
        "It resets on 1 December 2026 at 00:00 UTC; an admin can raise it before then.",
    );
  });

  it("resets with the new month: a December read starts on 1 December and the reset is 1 January", async () => {
    const book = ledger(10);
    const gate = new QuotaGate({ now: () => Date.UTC(2026, 11, 31, 23, 59) });
    const decision = refused(await gate.admit("u", 10, book.read));
    expect(book.state.reads[0]).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(decision.retryAfterSeconds).toBe(60);
    expect(quotaError(decision).message).toContain("It resets on 1 January 2027 at 00:00 UTC");
  });

  it("near the end of the quota, admits one request at a time", async () => {
    const gate = new QuotaGate({ now: () => NOV_15, typicalRequestTokens: 20_000 });
    const book = ledger(70_000); // 30K left: room for one typical request, not two
    const first = await gate.admit("u", 100_000, book.read);
    expect(first.allowed).toBe(true);
    const second = refused(await gate.admit("u", 100_000, book.read));
    expect(second.reason).toBe("busy");
    expect(quotaError(second)).toMatchObject({ code: "quota_busy", retryAfterSeconds: 5 });
    expect(quotaError(second).message).toContain("used 70,000 of your 100,000 model tokens");
    if (first.allowed) first.release();
    expect((await gate.admit("u", 100_000, book.read)).allowed).toBe(true);
  });

  it("with room for several requests, admits them concurrently", async () => {
    const gate = new QuotaGate({ now: () => NOV_15, typicalRequestTokens: 20_000 });
    const book = ledger(0);
    const decisions = await Promise.all(Array.from({ length: 6 }, () => gate.admit("u", 100_000, book.read)));
    // 1st alone; then k in flight + 1 must fit: (k + 1) × 20K ≤ 100K → up to 5 together.
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
  });

  it("counts a request that finishes during the read either in the total or as in flight, never neither", async () => {
    const gate = new QuotaGate({ now: () => NOV_15, typicalRequestTokens: 20_000 });
    const book = { used: 70_000 };
    const first = await gate.admit("u", 100_000, async () => book.used);
    if (!first.allowed) throw new Error("expected admission");
    // The second admission reads the old total; meanwhile the first records 25K tokens and releases.
    const second = await gate.admit("u", 100_000, async () => {
      const stale = book.used;
      book.used += 25_000;
      first.release();
      return stale;
    });
    expect(refused(second).reason).toBe("busy");
  });

  it("forgets an admission that was never released after the in-flight timeout", async () => {
    let now = NOV_15;
    const gate = new QuotaGate({ now: () => now, typicalRequestTokens: 20_000, maxInFlightMs: 60_000 });
    const book = ledger(90_000);
    expect((await gate.admit("u", 100_000, book.read)).allowed).toBe(true);
    expect(refused(await gate.admit("u", 100_000, book.read)).reason).toBe("busy");
    now += 61_000;
    expect(gate.inFlight("u")).toBe(0);
    expect((await gate.admit("u", 100_000, book.read)).allowed).toBe(true);
  });

  it("keeps users apart", async () => {
    const gate = new QuotaGate({ now: () => NOV_15 });
    const decision = await gate.admit("a", 100, ledger(100).read);
    expect(decision.allowed).toBe(false);
    expect((await gate.admit("b", 100, ledger(0).read)).allowed).toBe(true);
  });

  it("50 concurrent clients spending the quota overshoot it by at most one request", async () => {
    const quota = 200_000;
    const typical = 20_000;
    for (let round = 0; round < 5; round += 1) {
      const gate = new QuotaGate({ now: () => NOV_15, typicalRequestTokens: typical });
      const book = ledger(0);
      let admitted = 0;
      let largest = 0;
      const client = async () => {
        for (;;) {
          const decision = await gate.admit("u", quota, book.read);
          if (!decision.allowed) {
            if (decision.reason === "exhausted") return;
            await sleep(1);
            continue;
          }
          admitted += 1;
          await sleep(Math.random() * 4); // the model call
          const tokens = 5_000 + Math.floor(Math.random() * (typical - 5_000 + 1));
          largest = Math.max(largest, tokens);
          book.state.used += tokens; // its llm_calls rows are written…
          decision.release(); // …then it is released
        }
      };
      await Promise.all(Array.from({ length: 50 }, client));
      expect(book.state.used).toBeGreaterThanOrEqual(quota);
      expect(book.state.used - quota).toBeLessThan(largest);
      expect(admitted).toBeGreaterThan(10);
      expect(gate.inFlight("u")).toBe(0);
    }
  });

  it("without the in-flight count the same race overshoots (the test can fail)", async () => {
    // A gate whose typical request is 0 tokens ignores the in-flight requests: every one of the 50
    // concurrent admissions sees the same total and goes ahead.
    const gate = new QuotaGate({ now: () => NOV_15, typicalRequestTokens: 0 });
    const book = ledger(0);
    const decisions = await Promise.all(Array.from({ length: 50 }, () => gate.admit("u", 100_000, book.read)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
  });
});

describe("KeyedMutex", () => {
  it("runs sections of one key one at a time, in order, and other keys in parallel", async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const section = (key: string, name: string, ms: number) =>
      mutex.run(key, async () => {
        events.push(`${name} start`);
        await sleep(ms);
        events.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([section("a", "a1", 10), section("a", "a2", 1), section("b", "b1", 1)]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(events.indexOf("a1 end")).toBeLessThan(events.indexOf("a2 start"));
    expect(events.indexOf("b1 end")).toBeLessThan(events.indexOf("a1 end"));
    expect(mutex.size).toBe(0);
  });

  it("releases the key when a section throws", async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run("a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(mutex.run("a", async () => "next")).resolves.toBe("next");
    expect(mutex.size).toBe(0);
  });
});
