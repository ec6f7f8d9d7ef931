import "server-only";
import OpenAI from "openai";
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { ChatRequest, LlmProvider, StructuredOutputSpec, Usage } from "../types";
import { stopwatch, throwIfAborted } from "./shared";

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Unset: https://api.openai.com/v1. */
  baseURL?: string;
  model: string;
  label?: string;
  fetch?: typeof fetch;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  return createChatCompletionsProvider({
    id: "openai",
    client: openAiClient({ ...options, baseURL: options.baseURL ?? DEFAULT_BASE_URL }),
    model: options.model,
    label: options.label ?? `OpenAI · ${options.model}`,
    // OpenAI's reasoning models reject max_tokens; max_completion_tokens works for every current model.
    tokenLimit: "max_completion_tokens",
  });
}

/** The SDK with every setting explicit, so it never falls back to reading environment variables itself. */
export function openAiClient(options: { apiKey: string; baseURL: string; fetch?: typeof fetch }): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    organization: null,
    project: null,
    maxRetries: 0, // retries and fallback are call.ts's job
    fetch: options.fetch,
  });
}

/**
 * A Chat Completions provider: OpenAI itself, or any server speaking its protocol (Ollama, vLLM,
 * LM Studio), which differ only in the client, the id, and the name of the token limit.
 */
export function createChatCompletionsProvider(settings: {
  id: "openai" | "openai-compatible";
  client: OpenAI;
  model: string;
  label: string;
  tokenLimit: "max_completion_tokens" | "max_tokens";
}): LlmProvider {
  const { client, model } = settings;
  const provider: LlmProvider = {
    id: settings.id,
    model,
    label: settings.label,
    async streamChat(req, onText) {
      const clock = stopwatch();
      const stream = await client.chat.completions.create(requestBody(req, settings), { signal: req.signal });

      let text = "";
      let finishReason: string | null = null;
      let usage: Usage = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content;
        if (delta) {
          clock.markText();
          text += delta;
          onText(delta);
        }
        finishReason = choice?.finish_reason ?? finishReason;
        // With include_usage the last chunk has no choices and carries the usage (prompt_tokens includes cached).
        if (chunk.usage) {
          usage = {
            inputTokens: chunk.usage.prompt_tokens,
            cachedInputTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
            cacheWriteTokens: 0,
            outputTokens: chunk.usage.completion_tokens,
          };
        }
      }
      throwIfAborted(req.signal);
      return clock.result({ provider, text, usage, finishReason });
    },
  };
  return provider;
}

function requestBody(
  req: ChatRequest,
  settings: { id: string; model: string; tokenLimit: "max_completion_tokens" | "max_tokens" },
): ChatCompletionCreateParamsStreaming {
  // Cached prefix first and unchanged between turns: OpenAI caches the longest repeated prompt prefix
  // automatically, so anything that varies per turn must come after it.
  const system: ChatCompletionMessageParam[] = [];
  if (req.cachedSystem !== "") system.push({ role: "system", content: req.cachedSystem });
  if (req.dynamicSystem) system.push({ role: "system", content: req.dynamicSystem });
  const structured = req.structuredOutput ? structuredOutputParams(req.structuredOutput, settings.id) : null;
  if (structured?.instruction) system.push({ role: "system", content: structured.instruction });
  // OpenAI's reasoning models (gpt-5*, o*) accept only the default temperature, and think before the
  // first token; a low effort keeps time-to-first-token within an interviewer's patience.
  const reasoning = settings.id === "openai" && isReasoningModel(settings.model);
  return {
    model: settings.model,
    messages: [...system, ...req.messages],
    [settings.tokenLimit]: req.maxTokens,
    ...(req.temperature === undefined || reasoning ? {} : { temperature: req.temperature }),
    ...(reasoning ? { reasoning_effort: "low" as const } : {}),
    ...(structured ? { response_format: structured.responseFormat } : {}),
    stream: true,
    stream_options: { include_usage: true },
  };
}

/**
 * OpenAI enforces the schema itself (Structured Outputs, strict). Self-hosted servers vary, so they
 * get plain JSON mode, which nearly all of them support, and the schema as an instruction.
 */
function structuredOutputParams(
  spec: StructuredOutputSpec,
  id: string,
): { responseFormat: ChatCompletionCreateParamsStreaming["response_format"]; instruction: string | null } {
  if (id === "openai") {
    return {
      responseFormat: {
        type: "json_schema",
        json_schema: {
          name: spec.name,
          schema: spec.jsonSchema,
          strict: true,
          ...(spec.description === undefined ? {} : { description: spec.description }),
        },
      },
      instruction: null,
    };
  }
  return {
    responseFormat: { type: "json_object" },
    instruction: `Reply with one JSON object and nothing else: no prose, no Markdown code fence. It must match this JSON schema ("${spec.name}"):\n${JSON.stringify(spec.jsonSchema)}`,
  };
}

function isReasoningModel(model: string): boolean {
  return /^(gpt-5|o\d)/.test(model);
}
