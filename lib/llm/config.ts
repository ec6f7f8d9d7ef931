import "server-only";
import type { Env } from "@/lib/env";
import type { CallOptions } from "./call";

/** Which models are configured, from the environment. A provider is null when not configured. */
export interface LlmConfig {
  anthropic: { apiKey: string; baseURL?: string; model: string } | null;
  openai: { apiKey: string; baseURL?: string; model: string } | null;
  openaiCompatible: { baseURL: string; model: string; apiKey?: string } | null;
  /** A model id ("anthropic:claude-sonnet-4-6", "offline"); unset: the first configured model. */
  defaultModel?: string;
  /** Pause between words of the offline interviewer's reply. */
  offlineDelayMs?: number;
  /** Retry and timeout settings for streamWithFallback. */
  call: CallOptions;
}

export class LlmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LlmConfigError";
  }
}

export function llmConfigFromEnv(env: Env): LlmConfig {
  if (env.OPENAI_COMPATIBLE_BASE_URL !== undefined && env.OPENAI_COMPATIBLE_MODEL === undefined) {
    throw new LlmConfigError(
      "OPENAI_COMPATIBLE_BASE_URL is set but OPENAI_COMPATIBLE_MODEL is not: name the model the server serves.",
    );
  }
  return {
    anthropic:
      env.ANTHROPIC_API_KEY === undefined
        ? null
        : { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, model: env.ANTHROPIC_MODEL },
    openai:
      env.OPENAI_API_KEY === undefined
        ? null
        : { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
    openaiCompatible:
      env.OPENAI_COMPATIBLE_BASE_URL === undefined || env.OPENAI_COMPATIBLE_MODEL === undefined
        ? null
        : {
            baseURL: env.OPENAI_COMPATIBLE_BASE_URL,
            model: env.OPENAI_COMPATIBLE_MODEL,
            apiKey: env.OPENAI_COMPATIBLE_API_KEY,
          },
    defaultModel: env.LLM_DEFAULT_MODEL,
    offlineDelayMs: env.LLM_OFFLINE_WORD_DELAY_MS,
    call: { firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS, maxRetries: env.LLM_MAX_RETRIES },
  };
}
