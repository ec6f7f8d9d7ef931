/** Anthropic Messages wire protocol: POST /v1/messages and GET /v1/models. */
import type { IncomingMessage } from "node:http";
import { headerValue, type SseEvent } from "./http";
import { anthropicPromptBlocks, type CacheUsage, type PromptBlock, type PromptCache, promptText } from "./prompt-cache";
import type {
  ErrorResponse,
  MockErrorKind,
  ParsedGeneration,
  PreparedReply,
  ProviderAdapter,
  SseRenderer,
} from "./provider";
import { contentText, estimateTokens, isRecord, makeId, parseJsonObject, splitIntoChunks } from "./text";
import type { MockMessage, MockResponseKind } from "./types";

const MODELS = ["claude-sonnet-4-6", "claude-haiku-4-5", "claude-opus-4-7"];

const ERRORS: Record<MockErrorKind, { status: number; type: string }> = {
  authentication: { status: 401, type: "authentication_error" },
  invalid_request: { status: 400, type: "invalid_request_error" },
  not_found: { status: 404, type: "not_found_error" },
  rate_limit: { status: 429, type: "rate_limit_error" },
  server_error: { status: 500, type: "api_error" },
  overloaded: { status: 529, type: "overloaded_error" },
};

/** Everything the response needs from the request, beyond the reply text. */
interface MessagesRequest {
  model: string;
  promptBlocks: PromptBlock[];
  toolName: string | null;
}

export const anthropicAdapter: ProviderAdapter = {
  provider: "anthropic",
  generationPath: "/v1/messages",

  // The SDK sends x-api-key for apiKey and a Bearer token for authToken; the API accepts either.
  apiKey(req: IncomingMessage): string | null {
    const bearer = /^Bearer\s+(.+)$/i.exec(headerValue(req, "authorization") ?? "")?.[1]?.trim();
    return headerValue(req, "x-api-key") ?? (bearer || null);
  },

  error(kind: MockErrorKind, message: string): ErrorResponse {
    const { status, type } = ERRORS[kind];
    return { status, body: { type: "error", error: { type, message }, request_id: makeId("req_") } };
  },

  parse: parseMessagesRequest,

  responseHeaders: () => ({ "request-id": makeId("req_") }),

  listModels: () => {
    const data = MODELS.map(modelObject);
    return { data, has_more: false, first_id: MODELS[0] ?? null, last_id: MODELS.at(-1) ?? null };
  },

  getModel: modelObject,
};

function modelObject(id: string): unknown {
  return { type: "model", id, display_name: `Mock ${id}`, created_at: "2025-01-01T00:00:00Z" };
}

function parseMessagesRequest(body: Record<string, unknown>): ParsedGeneration | string {
  const { model, messages, max_tokens: maxTokens } = body;
  if (typeof model !== "string" || model === "") return "model: Field required";
  if (typeof maxTokens !== "number") return "max_tokens: Field required";
  if (!Array.isArray(messages) || messages.length === 0) return "messages: at least one message is required";

  const textMessages = messages
    .filter(isRecord)
    .map((message): MockMessage => ({ role: String(message.role ?? "user"), content: contentText(message.content) }));
  const systemMessages = textMessages.filter((message) => message.role === "system").map((message) => message.content);
  const { responseKind, toolName } = requestedOutput(body);
  const request: MessagesRequest = { model, promptBlocks: anthropicPromptBlocks(body.system, messages), toolName };

  return {
    model,
    stream: body.stream === true,
    replyRequest: {
      provider: "anthropic",
      model,
      system: [contentText(body.system), ...systemMessages].filter((part) => part !== "").join("\n\n"),
      messages: textMessages.filter((message) => message.role !== "system"),
      body,
      responseKind,
      toolName,
    },
    prepare: (replyText, cache) => prepareMessageReply(request, replyText, cache),
  };
}

/** A forced tool (named, or "any" = the first tool) wins over a JSON output format. */
function requestedOutput(body: Record<string, unknown>): { responseKind: MockResponseKind; toolName: string | null } {
  const forcedTool = forcedToolName(body.tool_choice, body.tools);
  if (forcedTool !== null) return { responseKind: "tool", toolName: forcedTool };
  // Structured outputs: GA `output_config.format`, or the beta's `output_format`.
  const outputConfig = isRecord(body.output_config) ? body.output_config : {};
  const wantsJson = isRecord(outputConfig.format) || isRecord(body.output_format);
  return { responseKind: wantsJson ? "json" : "text", toolName: null };
}

function forcedToolName(toolChoice: unknown, tools: unknown): string | null {
  if (!isRecord(toolChoice)) return null;
  if (toolChoice.type === "tool" && typeof toolChoice.name === "string") return toolChoice.name;
  if (toolChoice.type === "any" && Array.isArray(tools)) {
    const first: unknown = tools[0];
    if (isRecord(first) && typeof first.name === "string") return first.name;
  }
  return null;
}

function prepareMessageReply(request: MessagesRequest, replyText: string, cache: PromptCache): PreparedReply | string {
  const toolInput = request.toolName === null ? null : parseJsonObject(replyText);
  if (request.toolName !== null && toolInput === null) {
    return `mock-llm: tool_choice forces tool "${request.toolName}" but the scripted reply is not a JSON object: ${replyText.slice(0, 80)}`;
  }

  const id = makeId("msg_");
  const usage = messageUsage(request.promptBlocks, cache.measure(request.promptBlocks), estimateTokens(replyText));
  const toolBlock =
    request.toolName === null ? null : { type: "tool_use", id: makeId("toolu_"), name: request.toolName };
  const stopReason = toolBlock === null ? "end_turn" : "tool_use";
  const content =
    toolBlock === null ? [{ type: "text", text: replyText, citations: null }] : [{ ...toolBlock, input: toolInput }];
  const message = (overrides: Record<string, unknown>) => ({
    id,
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
    ...overrides,
  });

  return {
    chunks: splitIntoChunks(replyText),
    jsonBody: () => message({}),
    sse: () =>
      messageEventRenderer({
        // message_start carries an empty message; output_tokens there is the real API's placeholder 1.
        startMessage: message({ content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } }),
        startBlock: toolBlock === null ? { type: "text", text: "", citations: null } : { ...toolBlock, input: {} },
        deltaType: toolBlock === null ? "text_delta" : "input_json_delta",
        stopReason,
        outputTokens: usage.output_tokens,
      }),
  };
}

/** Anthropic's input_tokens excludes the tokens read from or written to the cache. */
function messageUsage(blocks: readonly PromptBlock[], cacheUsage: CacheUsage, outputTokens: number) {
  const promptTokens = estimateTokens(promptText(blocks));
  const { cacheCreationTokens, cacheReadTokens } = cacheUsage;
  return {
    input_tokens: promptTokens - cacheCreationTokens - cacheReadTokens,
    cache_creation_input_tokens: cacheCreationTokens,
    cache_read_input_tokens: cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: cacheCreationTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: "standard",
  };
}

interface MessageStreamSpec {
  startMessage: unknown;
  startBlock: unknown;
  deltaType: "text_delta" | "input_json_delta";
  stopReason: string;
  outputTokens: number;
}

/** The real event order: message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop. */
function messageEventRenderer(spec: MessageStreamSpec): SseRenderer {
  const event = (type: string, fields: Record<string, unknown> = {}): SseEvent => ({
    event: type,
    data: JSON.stringify({ type, ...fields }),
  });
  const delta = (text: string) =>
    spec.deltaType === "text_delta" ? { type: "text_delta", text } : { type: "input_json_delta", partial_json: text };

  return {
    opening: () => [
      event("message_start", { message: spec.startMessage }),
      event("content_block_start", { index: 0, content_block: spec.startBlock }),
      event("ping"),
    ],
    chunk: (text) => [event("content_block_delta", { index: 0, delta: delta(text) })],
    closing: () => [
      event("content_block_stop", { index: 0 }),
      event("message_delta", {
        delta: { stop_reason: spec.stopReason, stop_sequence: null },
        usage: { output_tokens: spec.outputTokens },
      }),
      event("message_stop"),
    ],
    // Named, because the SDK skips events without a name.
    garbage: () => [
      { event: "content_block_delta", data: '{"type": "content_block_delta", "index": 0, "delta": {"ty' },
    ],
  };
}
