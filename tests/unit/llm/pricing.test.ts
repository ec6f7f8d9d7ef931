import { describe, expect, it } from "vitest";
import { costOf, priceOf } from "@/lib/llm/pricing";

const usage = (inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number, outputTokens: number) => ({
  inputTokens,
  cachedInputTokens,
  cacheWriteTokens,
  outputTokens,
});

describe("pricing", () => {
  it("prices every default model", () => {
    for (const [provider, model] of [
      ["anthropic", "claude-sonnet-4-6"],
      ["anthropic", "claude-haiku-4-5"],
      ["openai", "gpt-5"],
      ["openai", "gpt-5-mini"],
    ] as const) {
      expect(priceOf(provider, model), `${provider}:${model}`).not.toBeNull();
    }
  });

  it("charges uncached input, cache reads, cache writes and output at their own rates", () => {
    // claude-sonnet-4-6: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million.
    const { usd, priced } = costOf("anthropic", "claude-sonnet-4-6", usage(1_000_000, 200_000, 300_000, 100_000));
    expect(priced).toBe(true);
    expect(usd).toBeCloseTo(0.5 * 3 + 0.2 * 0.3 + 0.3 * 3.75 + 0.1 * 15, 10);
  });

  it("makes a cache hit cheaper than the same prompt uncached", () => {
    const cold = costOf("openai", "gpt-5-mini", usage(10_000, 0, 0, 200)).usd;
    const warm = costOf("openai", "gpt-5-mini", usage(10_000, 8_000, 0, 200)).usd;
    expect(warm).toBeLessThan(cold);
  });

  it("prices dated snapshots like their alias", () => {
    expect(priceOf("anthropic", "claude-haiku-4-5-20251001")).toEqual(priceOf("anthropic", "claude-haiku-4-5"));
    expect(priceOf("openai", "gpt-5-mini-2025-08-07")).toEqual(priceOf("openai", "gpt-5-mini"));
  });

  it("gives unknown, self-hosted and offline models cost 0 and says they are unpriced", () => {
    const some = usage(1000, 0, 0, 1000);
    expect(costOf("openai", "gpt-99", some)).toEqual({ usd: 0, priced: false });
    expect(costOf("openai-compatible", "gpt-5-mini", some)).toEqual({ usd: 0, priced: false });
    expect(costOf("offline", "offline", some)).toEqual({ usd: 0, priced: false });
  });
});
