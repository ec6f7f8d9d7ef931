import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { LlmError } from "../errors";
import { ZERO_USAGE, type LlmProvider } from "../types";
import { stopwatch, throwIfAborted } from "./shared";

export interface OfflineProviderOptions {
  /** Pause between words, so the UI's streaming states are exercised (0 in tests). */
  delayMs?: number;
}

export const OFFLINE_MODEL = "offline";

/**
 * The no-model "provider": streams the reply the engine computed in code (req.offlineText) word by
 * word. Free, local, and never failing, so it ends every fallback chain.
 */
export function createOfflineProvider(options: OfflineProviderOptions = {}): LlmProvider {
  const delayMs = options.delayMs ?? 15;
  const provider: LlmProvider = {
    id: "offline",
    model: OFFLINE_MODEL,
    label: "Offline interviewer (no model)",
    async streamChat(req, onText) {
      if (req.structuredOutput) {
        throw new LlmError({
          kind: "bad_request",
          provider: "offline",
          message: `the offline provider does not produce structured output ("${req.purpose}")`,
        });
      }
      if (req.offlineText === undefined) {
        throw new LlmError({
          kind: "bad_request",
          provider: "offline",
          message: `the offline provider needs req.offlineText (computed by the engine) for "${req.purpose}"`,
        });
      }
      const clock = stopwatch();
      const words = req.offlineText.match(/^\s+|\S+\s*/g) ?? [];
      for (const [index, word] of words.entries()) {
        throwIfAborted(req.signal);
        if (delayMs > 0 && index > 0) await delay(delayMs, undefined, { signal: req.signal });
        clock.markText();
        onText(word);
      }
      throwIfAborted(req.signal);
      return clock.result({ provider, text: req.offlineText, usage: { ...ZERO_USAGE }, finishReason: "stop" });
    },
  };
  return provider;
}
