/**
 * The model-calling layer's vocabulary. Provider-neutral: the interviewer and the judge build a
 * ChatRequest, a provider streams it, and call.ts adds retries, timeouts, fallback and accounting.
 */

export type ProviderId = "anthropic" | "openai" | "openai-compatible" | "offline";

export interface ChatRequest {
  /** What the call is for ("interviewer", "judge", …); recorded with the call. */
  purpose: string;
  /** The prompt template that produced it ("interviewer@1"); recorded with the call. */
  promptRef: string;
  /** Static prefix. Anthropic gets it as a system block with cache_control; OpenAI caches prefixes itself. */
  cachedSystem: string;
  /** Per-turn system text, sent after the cached block (never cached). */
  dynamicSystem?: string;
  messages: { role: "user" | "assistant"; content: string }[];
  maxTokens: number;
  temperature?: number;
  signal?: AbortSignal;
  /** What the offline provider streams (the engine computes it in code). */
  offlineText?: string;
  /**
   * Ask for one JSON object matching a schema instead of prose (set by structured.ts). The JSON
   * streams through onText like text. The offline provider refuses it (kind "bad_request").
   */
  structuredOutput?: StructuredOutputSpec;
}

/**
 * How each provider is told to answer in JSON: Anthropic gets a forced tool whose input_schema is
 * `jsonSchema`; OpenAI gets `response_format: json_schema` (strict); an OpenAI-compatible server gets
 * JSON mode with the schema written into the system prompt.
 */
export interface StructuredOutputSpec {
  /** Tool / schema name: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  description?: string;
  /** A JSON schema with an object at the top (strict-mode friendly: every property required). */
  jsonSchema: Record<string, unknown>;
}

/**
 * Token counts, normalised across providers: `inputTokens` is the whole prompt, of which
 * `cachedInputTokens` were read from the prompt cache and `cacheWriteTokens` were written to it.
 * (Anthropic reports the three parts separately; OpenAI reports the total and the cached part.)
 */
export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
}

export interface ChatResult {
  text: string;
  provider: ProviderId;
  model: string;
  usage: Usage;
  costUsd: number;
  /** Milliseconds from the request to the first text delta; null when no text came. */
  ttftMs: number | null;
  latencyMs: number;
  /** The provider's stop reason ("end_turn", "stop", "max_tokens", "length", …). */
  finishReason: string | null;
}

export interface LlmProvider {
  id: ProviderId;
  model: string;
  /** Shown in the model picker. */
  label: string;
  /** Streams the reply, calling onText with each text delta; rejects on any failure (see errors.ts). */
  streamChat(req: ChatRequest, onText: (delta: string) => void): Promise<ChatResult>;
}

/** One attempt against one provider, as stored for the usage page (shape of the LlmCall table). */
export interface LlmCallRecord {
  purpose: string;
  provider: ProviderId;
  model: string;
  promptRef: string;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  costUsd: number;
  ttftMs: number | null;
  latencyMs: number;
  status: "OK" | "ERROR" | "CANCELLED";
  /** "kind: message" for failed attempts. */
  error: string | null;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };
