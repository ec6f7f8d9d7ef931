import "server-only";
import type { LlmConfig } from "./config";
import { UnknownModelError } from "./errors";
import { priceOf } from "./pricing";
import { createAnthropicProvider } from "./providers/anthropic";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAiProvider } from "./providers/openai";
import { createOpenAiCompatibleProvider } from "./providers/openai-compatible";
import type { LlmProvider, ProviderId } from "./types";

export interface LlmModelOption {
  /** "anthropic:claude-sonnet-4-6", "openai:gpt-5-mini", "openai-compatible:llama3.1", "offline". */
  id: string;
  provider: ProviderId;
  model: string;
  label: string;
  /** False when the model has no known price (self-hosted, offline): its cost shows as 0. */
  priced: boolean;
}

export interface LlmRegistry {
  /** Configured models, real ones first, offline last. */
  options: LlmModelOption[];
  defaultId: string;
  /** The chosen model, then the other configured ones as fallbacks, then offline. */
  chainFor(id: string): LlmProvider[];
}

export interface LlmRegistryDeps {
  /** Handed to the SDKs (tests use it to reach the mock server or to drop credentials). */
  fetch?: typeof fetch;
}

/** Real providers in fallback order; offline always comes last. */
const REAL_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const satisfies readonly ProviderId[];

export function createLlmRegistry(config: LlmConfig, deps: LlmRegistryDeps = {}): LlmRegistry {
  const real = REAL_PROVIDERS.map((id) => createProvider(id, config, deps)).filter((p) => p !== null);
  const offline = createProvider("offline", config, deps);
  const providers = [...real, offline];
  const options = providers.map((p): LlmModelOption => ({
    id: modelId(p),
    provider: p.id,
    model: p.model,
    label: p.label,
    priced: priceOf(p.id, p.model) !== null,
  }));
  const ids = options.map((option) => option.id);

  const defaultId = config.defaultModel ?? ids[0] ?? "offline";
  if (!ids.includes(defaultId))
    throw new UnknownModelError(defaultId, ids, "LLM_DEFAULT_MODEL names a model that is not configured:");

  return {
    options,
    defaultId,
    chainFor(id) {
      const chosen = providers.find((p) => modelId(p) === id);
      if (chosen === undefined) throw new UnknownModelError(id, ids);
      // Choosing the offline interviewer means no model at all, so nothing to fall back from.
      if (chosen === offline) return [offline];
      return [chosen, ...real.filter((p) => p !== chosen), offline];
    },
  };
}

export function modelId(provider: Pick<LlmProvider, "id" | "model">): string {
  return provider.id === "offline" ? "offline" : `${provider.id}:${provider.model}`;
}

function createProvider(id: "offline", config: LlmConfig, deps: LlmRegistryDeps): LlmProvider;
function createProvider(id: ProviderId, config: LlmConfig, deps: LlmRegistryDeps): LlmProvider | null;
function createProvider(id: ProviderId, config: LlmConfig, deps: LlmRegistryDeps): LlmProvider | null {
  switch (id) {
    case "anthropic":
      return config.anthropic && createAnthropicProvider({ ...config.anthropic, fetch: deps.fetch });
    case "openai":
      return config.openai && createOpenAiProvider({ ...config.openai, fetch: deps.fetch });
    case "openai-compatible":
      return (
        config.openaiCompatible && createOpenAiCompatibleProvider({ ...config.openaiCompatible, fetch: deps.fetch })
      );
    case "offline":
      return createOfflineProvider({ delayMs: config.offlineDelayMs });
    default:
      return unreachable(id);
  }
}

function unreachable(value: never): never {
  throw new Error(`unknown provider ${String(value)}`);
}
