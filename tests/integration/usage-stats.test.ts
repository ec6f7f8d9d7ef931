/**
 * The admin usage queries over hand-made llm_calls rows: totals by day, model, user and purpose, and
 * latency / TTFT percentiles per provider, each checked against values computed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { loadUsageStats, rangeForDays } from "@/lib/usage/stats";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../support/users";

let db: TestDatabase;
let alice: { id: string; email: string };
let bob: { id: string; email: string };

const NOW = new Date("2026-11-22T15:00:00Z");

function call(at: string, fields: Partial<Prisma.LlmCallCreateManyInput>): Prisma.LlmCallCreateManyInput {
  return {
    purpose: "interviewer",
    provider: "anthropic",
    model: "claude-sonnet-4-6",
    promptRef: "interviewer@1",
    status: "OK",
    createdAt: new Date(at),
    ...fields,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  alice = await createUser(db, "CANDIDATE", "Alice");
  bob = await createUser(db, "CANDIDATE", "Bob");
  const gone = await createUser(db, "CANDIDATE", "Gone");
  const sonnet = { provider: "anthropic", model: "claude-sonnet-4-6" };
  const mini = { provider: "openai", model: "gpt-5-mini" };
  await db.prisma.llmCall.createMany({
    data: [
      // In range (16–22 November):
      call("2026-11-16T10:00:00Z", {
        ...sonnet,
        userId: alice.id,
        inputTokens: 1000,
        cachedTokens: 800,
        outputTokens: 100,
        costUsd: 0.0105,
        ttftMs: 300,
        latencyMs: 1000,
      }),
      call("2026-11-16T23:59:59.999Z", {
        ...sonnet,
        userId: alice.id,
        purpose: "judge",
        promptRef: "judge@1",
        inputTokens: 2000,
        outputTokens: 300,
        costUsd: 0.0105,
        ttftMs: 500,
        latencyMs: 3000,
      }),
      call("2026-11-17T00:00:00Z", {
        ...mini,
        userId: bob.id,
        inputTokens: 500,
        outputTokens: 50,
        costUsd: 0.001,
        ttftMs: 200,
        latencyMs: 800,
      }),
      call("2026-11-17T01:00:00Z", {
        ...mini,
        userId: bob.id,
        status: "ERROR",
        error: "timeout: no text within 20000 ms",
        latencyMs: 20000,
      }),
      call("2026-11-18T09:00:00Z", {
        ...sonnet,
        userId: alice.id,
        inputTokens: 1500,
        cachedTokens: 1000,
        outputTokens: 200,
        costUsd: 0.02,
        ttftMs: 400,
        latencyMs: 2000,
      }),
      call("2026-11-18T09:30:00Z", {
        ...sonnet,
        userId: gone.id,
        purpose: "judge",
        promptRef: "judge@1",
        inputTokens: 100,
        outputTokens: 10,
        costUsd: 0.0001,
        ttftMs: 100,
        latencyMs: 500,
      }),
      call("2026-11-20T12:00:00Z", { provider: "offline", model: "offline", userId: bob.id, ttftMs: 5, latencyMs: 50 }),
      call("2026-11-20T12:01:00Z", {
        ...sonnet,
        userId: bob.id,
        status: "CANCELLED",
        error: "cancelled",
        ttftMs: 250,
        latencyMs: 700,
      }),
      // Just outside:
      call("2026-11-15T23:59:59.999Z", {
        ...sonnet,
        userId: alice.id,
        inputTokens: 99_999,
        outputTokens: 9_999,
        costUsd: 9,
        ttftMs: 9_999,
        latencyMs: 99_999,
      }),
      call("2026-11-22T15:00:00Z", {
        ...mini,
        userId: bob.id,
        inputTokens: 99_999,
        outputTokens: 9_999,
        costUsd: 9,
        ttftMs: 9_999,
        latencyMs: 99_999,
      }),
    ],
  });
  // A deleted user's calls stay (user_id set null) and are shown as such.
  await db.prisma.user.delete({ where: { id: gone.id } });
});

afterAll(async () => {
  await db?.destroy();
});

const zero = { calls: 0, errors: 0, inputTokens: 0, cachedTokens: 0, outputTokens: 0, costUsd: 0 };

describe("loadUsageStats", () => {
  it("totals tokens and cost by day, model, user and purpose", async () => {
    const stats = await loadUsageStats(db.sql, rangeForDays(7, NOW));
    expect(stats.range).toEqual({ from: "2026-11-16T00:00:00.000Z", to: "2026-11-22T15:00:00.000Z" });
    expect(stats.totals).toEqual({
      calls: 8,
      errors: 1,
      inputTokens: 5100,
      cachedTokens: 1800,
      outputTokens: 660,
      costUsd: expect.closeTo(0.0421, 9),
    });

    expect(stats.byDay).toEqual([
      {
        day: "2026-11-16",
        calls: 2,
        errors: 0,
        inputTokens: 3000,
        cachedTokens: 800,
        outputTokens: 400,
        costUsd: expect.closeTo(0.021, 9),
      },
      {
        day: "2026-11-17",
        calls: 2,
        errors: 1,
        inputTokens: 500,
        cachedTokens: 0,
        outputTokens: 50,
        costUsd: expect.closeTo(0.001, 9),
      },
      {
        day: "2026-11-18",
        calls: 2,
        errors: 0,
        inputTokens: 1600,
        cachedTokens: 1000,
        outputTokens: 210,
        costUsd: expect.closeTo(0.0201, 9),
      },
      { day: "2026-11-19", ...zero },
      { day: "2026-11-20", ...zero, calls: 2 },
      { day: "2026-11-21", ...zero },
      { day: "2026-11-22", ...zero },
    ]);

    expect(stats.byModel).toEqual([
      {
        provider: "anthropic",
        model: "claude-sonnet-4-6",
        calls: 5,
        errors: 0,
        inputTokens: 4600,
        cachedTokens: 1800,
        outputTokens: 610,
        costUsd: expect.closeTo(0.0411, 9),
      },
      {
        provider: "openai",
        model: "gpt-5-mini",
        calls: 2,
        errors: 1,
        inputTokens: 500,
        cachedTokens: 0,
        outputTokens: 50,
        costUsd: expect.closeTo(0.001, 9),
      },
      { provider: "offline", model: "offline", ...zero, calls: 1 },
    ]);

    expect(stats.byUser).toEqual([
      {
        userId: alice.id,
        name: "Alice",
        email: alice.email,
        calls: 3,
        errors: 0,
        inputTokens: 4500,
        cachedTokens: 1800,
        outputTokens: 600,
        costUsd: expect.closeTo(0.041, 9),
      },
      {
        userId: bob.id,
        name: "Bob",
        email: bob.email,
        calls: 4,
        errors: 1,
        inputTokens: 500,
        cachedTokens: 0,
        outputTokens: 50,
        costUsd: expect.closeTo(0.001, 9),
      },
      {
        userId: null,
        name: null,
        email: null,
        calls: 1,
        errors: 0,
        inputTokens: 100,
        cachedTokens: 0,
        outputTokens: 10,
        costUsd: expect.closeTo(0.0001, 9),
      },
    ]);

    expect(stats.byPurpose).toEqual([
      {
        purpose: "interviewer",
        calls: 6,
        errors: 1,
        inputTokens: 3000,
        cachedTokens: 1800,
        outputTokens: 350,
        costUsd: expect.closeTo(0.0315, 9),
      },
      {
        purpose: "judge",
        calls: 2,
        errors: 0,
        inputTokens: 2100,
        cachedTokens: 0,
        outputTokens: 310,
        costUsd: expect.closeTo(0.0106, 9),
      },
    ]);
  });

  it("gives latency and TTFT percentiles per provider over OK calls, with failures counted beside them", async () => {
    const { latency } = await loadUsageStats(db.sql, rangeForDays(7, NOW));
    // anthropic OK latencies 500, 1000, 2000, 3000 (the cancelled call's 700 is left out):
    // p50 at rank 1.5 → 1500; p95 at 2.85 → 2000 + 0.85 × 1000 = 2850; p99 at 2.97 → 2970.
    // TTFTs 100, 300, 400, 500: p50 → 350; p95 → 400 + 0.85 × 100 = 485; p99 → 497.
    expect(latency).toEqual([
      {
        provider: "anthropic",
        calls: 5,
        ok: 4,
        errors: 0,
        cancelled: 1,
        latencyMs: { p50: 1500, p95: expect.closeTo(2850, 6), p99: expect.closeTo(2970, 6) },
        ttftMs: { p50: 350, p95: expect.closeTo(485, 6), p99: expect.closeTo(497, 6) },
      },
      // The failed call's 20 s is not a latency.
      {
        provider: "openai",
        calls: 2,
        ok: 1,
        errors: 1,
        cancelled: 0,
        latencyMs: { p50: 800, p95: 800, p99: 800 },
        ttftMs: { p50: 200, p95: 200, p99: 200 },
      },
      {
        provider: "offline",
        calls: 1,
        ok: 1,
        errors: 0,
        cancelled: 0,
        latencyMs: { p50: 50, p95: 50, p99: 50 },
        ttftMs: { p50: 5, p95: 5, p99: 5 },
      },
    ]);
  });

  it("interpolates percentiles like Postgres's percentile_cont over 1..100 ms", async () => {
    await db.prisma.llmCall.createMany({
      data: Array.from({ length: 100 }, (_, i) =>
        call(`2026-10-10T10:${String(i % 60).padStart(2, "0")}:00Z`, {
          provider: "openai-compatible",
          model: "llama",
          latencyMs: i + 1,
          ttftMs: i % 2 === 0 ? null : i + 1, // only the even latencies 2, 4, …, 100 streamed text
        }),
      ),
    });
    await db.prisma.llmCall.create({
      data: call("2026-10-11T10:00:00Z", {
        provider: "openai-compatible",
        model: "llama",
        status: "ERROR",
        latencyMs: 1,
      }),
    });
    const { latency } = await loadUsageStats(db.sql, {
      from: new Date("2026-10-01T00:00:00Z"),
      to: new Date("2026-11-01T00:00:00Z"),
    });
    // 1..100: p50 at rank 49.5 → 50.5; p95 at 94.05 → 95.05; p99 at 98.01 → 99.01.
    // 2, 4, …, 100 (50 values): p50 at 24.5 → 51; p95 at 46.55 → 94 + 0.55 × 2 = 95.1; p99 at 48.51 → 98 + 0.51 × 2 = 99.02.
    expect(latency).toEqual([
      {
        provider: "openai-compatible",
        calls: 101,
        ok: 100,
        errors: 1,
        cancelled: 0,
        latencyMs: { p50: expect.closeTo(50.5, 6), p95: expect.closeTo(95.05, 6), p99: expect.closeTo(99.01, 6) },
        ttftMs: { p50: expect.closeTo(51, 6), p95: expect.closeTo(95.1, 6), p99: expect.closeTo(99.02, 6) },
      },
    ]);
  });

  it("returns zero-filled days and empty tables for a range with no calls", async () => {
    const stats = await loadUsageStats(db.sql, {
      from: new Date("2026-01-01T00:00:00Z"),
      to: new Date("2026-01-03T00:00:00Z"),
    });
    expect(stats.totals).toEqual(zero);
    expect(stats.byDay).toEqual([
      { day: "2026-01-01", ...zero },
      { day: "2026-01-02", ...zero },
    ]);
    expect(stats.byModel).toEqual([]);
    expect(stats.byUser).toEqual([]);
    expect(stats.byPurpose).toEqual([]);
    expect(stats.latency).toEqual([]);
  });
});
