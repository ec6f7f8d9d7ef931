/**
 * admitModelRequest against a real database: the per-user rate limit and the monthly token quota
 * (read from llm_calls), each refused with a 429 that says why, also under concurrent requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TooManyRequestsError } from "@/lib/errors";
import { admitModelRequest, createLimitState, usedTokensSince } from "@/lib/usage/limits";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../support/users";

let db: TestDatabase;
const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
const defaults = { monthlyTokenQuota: 2_000_000, requestsPerMinute: 30 };

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.destroy();
});

async function spend(userId: string, tokens: number, at = new Date(NOW - 86_400_000)) {
  await db.prisma.llmCall.create({
    data: {
      userId,
      purpose: "interviewer",
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      promptRef: "interviewer@1",
      inputTokens: tokens - Math.floor(tokens / 10),
      cachedTokens: 0,
      outputTokens: Math.floor(tokens / 10),
      status: "OK",
      createdAt: at,
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<TooManyRequestsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TooManyRequestsError)) throw new Error(`expected a 429, got ${String(error)}`);
  return error;
}

describe("admitModelRequest", () => {
  it("refuses a user whose quota is used up this month, saying how much, the limit and the reset", async () => {
    const user = await createUser(db);
    await db.prisma.user.update({ where: { id: user.id }, data: { monthlyTokenQuota: 10_000 } });
    await spend(user.id, 9_000, new Date("2026-10-31T23:00:00Z")); // last month: does not count
    await spend(user.id, 6_000);
    const state = createLimitState({ now: () => NOW });

    const admission = await admitModelRequest(db, user, { defaults, state });
    await spend(user.id, 4_500);
    admission.release();

    const error = await refusal(admitModelRequest(db, user, { defaults, state }));
    expect(error).toMatchObject({ status: 429, code: "quota_exceeded", retryAfterSeconds: 15.5 * 86_400 });
    expect(error.message).toBe(
      "Monthly token quota reached: you have used 10,500 of your 10,000 model tokens this month. " +
        "It resets on 1 December 2026 at 00:00 UTC; an admin can raise it before then.",
    );
    // A refused request gives its rate slot back: only the admitted one counts.
    expect(state.rate.count(user.id)).toBe(1);
    // The offline interviewer spends no tokens, so it is only rate limited.
    (await admitModelRequest(db, user, { defaults, state, tokenFree: true })).release();

    // Raising the quota (or 0 = unlimited) lets the user go on at once.
    await db.prisma.user.update({ where: { id: user.id }, data: { monthlyTokenQuota: 0 } });
    (await admitModelRequest(db, user, { defaults, state })).release();
  });

  it("uses the server default quota when the user has none", async () => {
    const user = await createUser(db);
    await spend(user.id, 1_000);
    const state = createLimitState({ now: () => NOW });
    const error = await refusal(
      admitModelRequest(db, user, { defaults: { monthlyTokenQuota: 1_000, requestsPerMinute: 0 }, state }),
    );
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toContain("1,000 of your 1,000 model tokens");
  });

  it("refuses beyond the user's requests per minute, with the seconds to wait", async () => {
    const user = await createUser(db);
    await db.prisma.user.update({ where: { id: user.id }, data: { requestsPerMinute: 3 } });
    let now = NOW;
    const state = createLimitState({ now: () => now });
    for (let i = 0; i < 3; i += 1) {
      (await admitModelRequest(db, user, { defaults, state })).release();
      now += 10_000;
    }
    const error = await refusal(admitModelRequest(db, user, { defaults, state }));
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 30 });
    expect(error.message).toBe("Too many requests: you may make 3 model requests a minute. Try again in 30 seconds.");
    now += 30_000;
    (await admitModelRequest(db, user, { defaults, state })).release();
  });

  it("admits at most the rate limit out of 50 concurrent requests", async () => {
    const user = await createUser(db);
    await db.prisma.user.update({ where: { id: user.id }, data: { requestsPerMinute: 10 } });
    const state = createLimitState({ now: () => NOW });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => admitModelRequest(db, user, { defaults, state })),
    );
    const admitted = results.filter((r) => r.status === "fulfilled");
    expect(admitted).toHaveLength(10);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "rate_limited" });
  });

  it("near the end of the quota, 20 concurrent requests: one is admitted, the rest are told to wait", async () => {
    const user = await createUser(db);
    await db.prisma.user.update({ where: { id: user.id }, data: { monthlyTokenQuota: 100_000 } });
    await spend(user.id, 85_000); // 15K left: less than one typical request (20K)
    const state = createLimitState({ now: () => NOW });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        admitModelRequest(db, user, { defaults: { ...defaults, requestsPerMinute: 0 }, state }),
      ),
    );
    const admitted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(admitted).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TooManyRequestsError] : []));
    expect(new Set(reasons.map((e) => e.code))).toEqual(new Set(["quota_busy"]));
    expect(reasons[0]!.message).toContain("Try again when the current reply has finished");

    // The admitted request spends 18K (past the quota by less than one request) and releases.
    await spend(user.id, 18_000);
    admitted[0]!.release();
    expect(await usedTokensSince(db, user.id, new Date("2026-11-01T00:00:00Z"))).toBe(103_000);
    await expect(admitModelRequest(db, user, { defaults, state })).rejects.toMatchObject({ code: "quota_exceeded" });
  });

  it("with plenty of quota, concurrent requests are all admitted", async () => {
    const user = await createUser(db);
    const state = createLimitState({ now: () => NOW });
    const admissions = await Promise.all(
      Array.from({ length: 20 }, () => admitModelRequest(db, user, { defaults, state })),
    );
    expect(state.quota.inFlight(user.id)).toBe(20);
    for (const a of admissions) a.release();
    expect(state.quota.inFlight(user.id)).toBe(0);
  });
});
