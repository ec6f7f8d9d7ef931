import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import type { RawContentBlockDelta, TextBlockParam, Tool, ToolChoiceTool } from "@anthropic-ai/sdk/resources/messages";
import type { ChatRequest, LlmProvider, StructuredOutputSpec, Usage } from "../types";
import { stopwatch, throwIfAborted } from "./shared";

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Unset: https://api.anthropic.com. */
  baseURL?: string;
  model: string;
  label?: string;
  fetch?: typeof fetch;
}

const DEFAULT_BASE_URL = "https://api.anthropic.com";

export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null, // null, not undefined: stops the SDK reading ANTHROPIC_AUTH_TOKEN from the environment
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    maxRetries: 0, // retries and fallback are call.ts's job
    fetch: options.fetch,
  });

  const provider: LlmProvider = {
    id: "anthropic",
    model: options.model,
    label: options.label ?? `Claude · ${options.model}`,
    async streamChat(req, onText) {
      const clock = stopwatch();
      const stream = await client.messages.create(
        {
          model: options.model,
          max_tokens: req.maxTokens,
          system: systemBlocks(req),
          messages: req.messages,
          ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
          ...(req.structuredOutput ? forcedTool(req.structuredOutput) : {}),
          stream: true,
        },
        { signal: req.signal },
      );

      let text = "";
      let finishReason: string | null = null;
      const usage: Usage = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };
      // input_tokens excludes cache reads and writes; Usage.inputTokens is the whole prompt.
      const takeUsage = (u: {
        input_tokens: number | null;
        cache_read_input_tokens: number | null;
        cache_creation_input_tokens: number | null;
        output_tokens: number;
      }) => {
        usage.cachedInputTokens = u.cache_read_input_tokens ?? usage.cachedInputTokens;
        usage.cacheWriteTokens = u.cache_creation_input_tokens ?? usage.cacheWriteTokens;
        // != null: the types say number | null, but the wire often omits the field altogether.
        if (u.input_tokens != null)
          usage.inputTokens = u.input_tokens + usage.cachedInputTokens + usage.cacheWriteTokens;
        usage.outputTokens = u.output_tokens;
      };

      for await (const event of stream) {
        switch (event.type) {
          case "message_start":
            takeUsage(event.message.usage);
            break;
          case "content_block_delta": {
            const delta = deltaText(event.delta);
            if (delta !== "") {
              clock.markText();
              text += delta;
              onText(delta);
            }
            break;
          }
          case "message_delta":
            // Cumulative counts; input fields are null unless the server revised them.
            takeUsage(event.usage);
            finishReason = event.delta.stop_reason ?? finishReason;
            break;
          default:
            break;
        }
      }
      throwIfAborted(req.signal);
      return clock.result({ provider, text, usage, finishReason });
    },
  };
  return provider;
}

/** The cached prefix is a breakpoint (cache_control); the per-turn text follows it uncached. */
function systemBlocks(req: ChatRequest): TextBlockParam[] {
  const blocks: TextBlockParam[] = [];
  // The API rejects empty text blocks.
  if (req.cachedSystem !== "")
    blocks.push({ type: "text", text: req.cachedSystem, cache_control: { type: "ephemeral" } });
  if (req.dynamicSystem) blocks.push({ type: "text", text: req.dynamicSystem });
  return blocks;
}

/** Text deltas; for a structured call, the forced tool's input, which streams as JSON fragments. */
function deltaText(delta: RawContentBlockDelta): string {
  if (delta.type === "text_delta") return delta.text;
  if (delta.type === "input_json_delta") return delta.partial_json;
  return "";
}

/** Structured output as one tool the model must call: its input is the JSON object. */
function forcedTool(spec: StructuredOutputSpec): { tools: Tool[]; tool_choice: ToolChoiceTool } {
  const tool: Tool = {
    name: spec.name,
    input_schema: spec.jsonSchema as Tool.InputSchema,
    ...(spec.description === undefined ? {} : { description: spec.description }),
  };
  return { tools: [tool], tool_choice: { type: "tool", name: spec.name, disable_parallel_tool_use: true } };
}
