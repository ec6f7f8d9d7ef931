/**
 * List prices in USD per million tokens, for per-call cost and the usage page.
 * Source: anthropic.com/pricing and openai.com/api/pricing as published in late 2025 (this machine has
 * no internet, so they could not be re-checked; the 4-6 Claude models are listed at their 4-5 tier's
 * price). Anthropic's 5-minute cache write is 1.25x input and a cache read 0.1x; OpenAI discounts cached
 * input and charges nothing extra to write the cache. Self-hosted and offline models are unpriced.
 */
import type { ProviderId, Usage } from "./types";

export interface ModelPrice {
  input: number;
  /** Input tokens read from the prompt cache. */
  cachedInput: number;
  /** Input tokens written to the prompt cache (Anthropic charges extra; OpenAI does not). */
  cacheWrite: number;
  output: number;
}

/** Input, cache read, cache write, output: the columns of the providers' price tables. */
const price = (input: number, cachedInput: number, cacheWrite: number, output: number): ModelPrice => ({
  input,
  cachedInput,
  cacheWrite,
  output,
});

const PRICES: Partial<Record<ProviderId, Record<string, ModelPrice>>> = {
  anthropic: {
    "claude-opus-4-6": price(5, 0.5, 6.25, 25),
    "claude-opus-4-5": price(5, 0.5, 6.25, 25),
    "claude-sonnet-4-6": price(3, 0.3, 3.75, 15),
    "claude-sonnet-4-5": price(3, 0.3, 3.75, 15),
    "claude-haiku-4-5": price(1, 0.1, 1.25, 5),
  },
  openai: {
    "gpt-5": price(1.25, 0.125, 1.25, 10),
    "gpt-5-mini": price(0.25, 0.025, 0.25, 2),
    "gpt-5-nano": price(0.05, 0.005, 0.05, 0.4),
    "gpt-4.1": price(2, 0.5, 2, 8),
    "gpt-4.1-mini": price(0.4, 0.1, 0.4, 1.6),
    "gpt-4o-mini": price(0.15, 0.075, 0.15, 0.6),
  },
};

/** The list price of a model, or null when unknown (self-hosted, offline, or not in the table). */
export function priceOf(provider: ProviderId, model: string): ModelPrice | null {
  const table = PRICES[provider];
  if (table === undefined) return null;
  // Dated snapshots ("claude-haiku-4-5-20251001", "gpt-5-mini-2025-08-07") cost what their alias costs.
  return table[model] ?? table[model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "")] ?? null;
}

/** Cost of one call. `priced: false` means the model has no known price and `usd` is 0, not free. */
export function costOf(provider: ProviderId, model: string, usage: Usage): { usd: number; priced: boolean } {
  const price = priceOf(provider, model);
  if (price === null) return { usd: 0, priced: false };
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
  const usd =
    (uncached * price.input +
      usage.cachedInputTokens * price.cachedInput +
      usage.cacheWriteTokens * price.cacheWrite +
      usage.outputTokens * price.output) /
    1_000_000;
  return { usd, priced: true };
}
