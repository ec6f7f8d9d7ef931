/** The model-calling layer: providers, the registry that configures them, and the call with retries and fallback. */
import "server-only";

export type {
  ChatRequest,
  ChatResult,
  LlmCallRecord,
  LlmProvider,
  ProviderId,
  StructuredOutputSpec,
  Usage,
} from "./types";
export {
  LlmError,
  UnknownModelError,
  classifyError,
  parseRetryAfter,
  type LlmAttemptFailure,
  type LlmErrorKind,
} from "./errors";
export { streamWithFallback, DEFAULT_CALL_OPTIONS, type CallDeps, type CallOptions, type StreamHandlers } from "./call";
export { costOf, priceOf, type ModelPrice } from "./pricing";
export { llmConfigFromEnv, LlmConfigError, type LlmConfig } from "./config";
export { createLlmRegistry, modelId, type LlmModelOption, type LlmRegistry, type LlmRegistryDeps } from "./registry";
export { createAnthropicProvider, type AnthropicProviderOptions } from "./providers/anthropic";
export { createOpenAiProvider, type OpenAiProviderOptions } from "./providers/openai";
export { createOpenAiCompatibleProvider, type OpenAiCompatibleProviderOptions } from "./providers/openai-compatible";
export { createOfflineProvider, OFFLINE_MODEL, type OfflineProviderOptions } from "./providers/offline";
export {
  completeStructured,
  validateOutput,
  StructuredOutputError,
  type StructuredRequest,
  type StructuredResult,
  type StructuredSchema,
} from "./structured";
