import "server-only";
import type { LlmProvider } from "../types";
import { createChatCompletionsProvider, openAiClient } from "./openai";

export interface OpenAiCompatibleProviderOptions {
  /** The server's OpenAI-style base URL, e.g. http://localhost:11434/v1 for Ollama. */
  baseURL: string;
  model: string;
  /** Most local servers need none. */
  apiKey?: string;
  label?: string;
  fetch?: typeof fetch;
}

/** A self-hosted model behind an OpenAI-compatible server (Ollama, vLLM, LM Studio). */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleProviderOptions): LlmProvider {
  return createChatCompletionsProvider({
    id: "openai-compatible",
    // The SDK refuses to start without a key; local servers ignore whatever Bearer token they get.
    client: openAiClient({ apiKey: options.apiKey ?? "not-needed", baseURL: options.baseURL, fetch: options.fetch }),
    model: options.model,
    label: options.label ?? `Self-hosted · ${options.model}`,
    // Ollama and LM Studio know max_tokens; not all of them know max_completion_tokens.
    tokenLimit: "max_tokens",
  });
}
