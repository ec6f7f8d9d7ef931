import "server-only";
import { costOf } from "../pricing";
import type { ChatResult, LlmProvider, Usage } from "../types";

/** Times one streamed call: time to the first text delta, and the whole call. */
export function stopwatch(now: () => number = () => performance.now()) {
  const start = now();
  let firstTextAt: number | null = null;
  return {
    markText: () => {
      firstTextAt ??= now();
    },
    result: (fields: {
      provider: LlmProvider;
      text: string;
      usage: Usage;
      finishReason: string | null;
    }): ChatResult => ({
      text: fields.text,
      provider: fields.provider.id,
      model: fields.provider.model,
      usage: fields.usage,
      costUsd: costOf(fields.provider.id, fields.provider.model, fields.usage).usd,
      ttftMs: firstTextAt === null ? null : Math.round(firstTextAt - start),
      latencyMs: Math.round(now() - start),
      finishReason: fields.finishReason,
    }),
  };
}

/**
 * Both SDKs end a stream *silently* when its signal aborts (the for-await loop just stops), which
 * would pass a truncated reply off as complete. Call this after the loop.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
